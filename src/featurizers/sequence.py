"""``PadSequences``: id sequences of any length to one fixed length."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, join_parts, register


class PadSequences(Featurizer):
    """Pad or truncate each sequence of ids to exactly ``length`` items.

    A sequence longer than ``length`` keeps its first ``length`` ids when ``truncating="post"``
    and its last ``length`` ids when ``truncating="pre"``. A shorter one gets ``value`` appended
    (``padding="post"``) or prepended (``padding="pre"``). As Keras ``pad_sequences``, with
    ``"post"`` defaults. Stateless.
    """

    PARAMS = ["length", "padding", "truncating", "value"]
    INPUT = "list of int"
    OUTPUT = "list of int"

    # __pragma__('kwargs')
    def __init__(self, length=None, padding="post", truncating="post", value=0):
        self.length = length
        self.padding = padding
        self.truncating = truncating
        self.value = value
    # __pragma__('nokwargs')

    def transform(self, sequences, check_input=True):
        """Map each list of ids to a list of exactly ``length`` ids."""
        self._check_params()
        self._check_items(sequences, check_input)
        return [self.pad(ids) for ids in sequences]

    def _compact(self, parts):
        """The parts of one long id list, once they hold twice ``length`` ids: one part, the
        ``length`` ids that truncating keeps (a Pipeline's long texts)."""
        self._check_params()
        total = 0
        for part in parts:
            total += len(part)
        if total >= 2 * self.length:
            kept = self.pad(join_parts(parts, self.INPUT))
            parts.clear()
            parts.append(kept)

    def _check_params(self):
        if not _host.is_int(self.length) or self.length < 1:
            raise ValueError(f"PadSequences: length must be a positive int, got {self.length}")
        if self.padding != "pre" and self.padding != "post":
            raise ValueError(f"PadSequences: padding must be 'pre' or 'post', got '{self.padding}'")
        if self.truncating != "pre" and self.truncating != "post":
            raise ValueError(f"PadSequences: truncating must be 'pre' or 'post', got '{self.truncating}'")

    def pad(self, ids):
        length = self.length
        n = len(ids)
        if n >= length:
            if self.truncating == "post":
                return list(ids[:length])
            return list(ids[n - length :])
        # Built by appending: list + list is string concatenation in the generated JS.
        if self.padding == "post":
            padded = list(ids)
            for _ in range(length - n):
                padded.append(self.value)
            return padded
        padded = [self.value for _ in range(length - n)]
        for value in ids:
            padded.append(value)
        return padded


register(PadSequences)
