"""``Vocabulary``: tokens to integer ids, with padding at 0 and out-of-vocabulary at 1."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_str_list, register


def _by_count_then_token(a, b):
    if a[1] != b[1]:
        return b[1] - a[1]
    return _host.compare_str(a[0], b[0])


class Vocabulary(Featurizer):
    """Map lists of tokens to lists of ids; ``vocabulary_[i]`` is the token whose id is ``i``.

    ``fit`` counts tokens and builds ``vocabulary_`` as in Keras ``StringLookup``:

    - id 0 is ``pad_token`` and id 1 is ``oov_token``; with ``pad_token=None`` there is no
      padding id and ``oov_token`` is id 0 (as Keras' ``StringLookup(mask_token=None)``, and
      ``TextVectorization`` in its ``multi_hot``, ``count`` and ``tf_idf`` modes);
    - then every token seen at least ``min_count`` times, by count descending, ties broken by the
      token in ascending code-point order;
    - cut so that ``len(vocabulary_) <= max_tokens`` (which counts the padding and OOV ids) when
      ``max_tokens`` is not None.

    ``transform`` maps each token to its id, and every token not in ``vocabulary_`` to the OOV id
    (1, or 0 with ``pad_token=None``). A ``vocabulary_`` set from a config (one imported from
    Keras, say) is taken as it is: its order is the ids'.
    """

    PARAMS = ["max_tokens", "min_count", "oov_token", "pad_token"]
    STATE = ["vocabulary_"]
    INPUT = "list of str"
    OUTPUT = "list of int"

    # __pragma__('kwargs')
    def __init__(self, max_tokens=None, min_count=1, oov_token="[UNK]", pad_token=""):
        self.max_tokens = max_tokens
        self.min_count = min_count
        self.oov_token = oov_token
        self.pad_token = pad_token
        self.vocabulary_ = None
        self._index = None
        self._oov_id = 1
    # __pragma__('nokwargs')

    def fit(self, token_lists):
        self._check_batch("fit", token_lists, describe_non_str_list, "list of str")
        specials = [self.oov_token] if self.pad_token is None else [self.pad_token, self.oov_token]
        if self.max_tokens is not None and self.max_tokens < len(specials):
            what = "OOV" if self.pad_token is None else "padding and OOV"
            raise ValueError(f"Vocabulary: max_tokens must be at least {len(specials)} ({what}), got {self.max_tokens}")
        counts = _host.StrMap()
        for tokens in token_lists:
            for token in tokens:
                counts.set(token, counts.get(token, 0) + 1)
        items = []
        for token in counts.keys():
            count = counts.get(token, 0)
            if count >= self.min_count and token != self.pad_token and token != self.oov_token:
                items.append([token, count])
        items = _host.sort_with(items, _by_count_then_token)
        vocabulary = specials
        if self.max_tokens is not None:
            items = items[: self.max_tokens - len(specials)]
        for item in items:
            vocabulary.append(item[0])
        self.vocabulary_ = vocabulary
        self._restore()
        return self

    def _restore(self):
        index = _host.StrMap()
        for i in range(len(self.vocabulary_)):
            index.set(self.vocabulary_[i], i)
        self._index = index
        self._oov_id = 0 if self.pad_token is None else 1

    def size(self):
        """The number of ids, ``len(vocabulary_)``: the input dimension of an embedding."""
        self._check_fitted()
        return len(self.vocabulary_)

    def _part_by_part(self):
        return True  # each token's id on its own

    def transform(self, token_lists, check_input=True):
        """Map each list of str to a list of ids."""
        self._check_fitted()
        self._check_items(token_lists, check_input)
        return [self.lookup(tokens) for tokens in token_lists]

    def lookup(self, tokens):
        index = self._index
        oov = self._oov_id
        return [index.get(token, oov) for token in tokens]


register(Vocabulary)
