"""``Vocabulary``: tokens to integer ids, with padding at 0 and out-of-vocabulary at 1."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_str_list, register, split_keys


def _by_count_then_token(a, b):
    if a[1] != b[1]:
        return b[1] - a[1]
    return _host.compare_str(a[0], b[0])


class Vocabulary(Featurizer):
    """Map lists of tokens to lists of ids; ``vocabulary_[i]`` is the token whose id is ``i``.

    ``fit`` counts tokens and builds ``vocabulary_`` as in Keras ``StringLookup``:

    - id 0 is ``pad_token`` and id 1 is ``oov_token``;
    - then every token seen at least ``min_count`` times, by count descending, ties broken by the
      token in ascending code-point order;
    - cut so that ``len(vocabulary_) <= max_tokens`` (which counts the padding and OOV ids) when
      ``max_tokens`` is not None.

    ``transform`` maps each token to its id, and every token not in ``vocabulary_`` to the OOV id.

    ``pad_token=None`` leaves padding out and ``oov_token=None`` the OOV id: the ids that remain
    move down (with both None, ``vocabulary_`` holds the tokens alone, from id 0). Without an OOV
    id, ``transform`` drops every token not in ``vocabulary_``, as scikit-learn's vectorizers do
    with the terms outside their ``vocabulary_``.

    The statistics of ``fit`` are the token counts (ints, merged by adding them); the cut and the
    order are applied once, to the counts of all the data, so any split of the data gives the same
    ``vocabulary_``. Counts complete for their tokens can be pruned to the tokens kept
    (``fit_prune``): a distributed fit sends the driver no more tokens than it keeps.
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
        self._oov_id = -1
    # __pragma__('nokwargs')

    def fit_start(self):
        """Token counts: a ``StrMap`` of token -> int."""
        reserved = self._reserved()
        if self.max_tokens is not None and self.max_tokens < len(reserved):
            if len(reserved) == 2:
                raise ValueError(f"Vocabulary: max_tokens must be at least 2 (padding and OOV), got {self.max_tokens}")
            raise ValueError(f"Vocabulary: max_tokens must be at least {len(reserved)}, got {self.max_tokens}")
        return _host.StrMap()

    def fit_add(self, counts, token_lists):
        self._check_batch("fit", token_lists, describe_non_str_list, "list of str")
        for tokens in token_lists:
            for token in tokens:
                counts.set(token, counts.get(token, 0) + 1)
        return counts

    def fit_merge(self, counts, other):
        for token in other.keys():
            counts.set(token, counts.get(token, 0) + other.get(token, 0))
        return counts

    def fit_split(self, counts, parts, part_of):
        return split_keys(counts, parts, part_of)

    def fit_prune(self, counts):
        """The counts of the tokens ``fit_finish`` keeps of these (complete) counts: at most
        ``max_tokens`` less the reserved ids of them, each seen at least ``min_count`` times."""
        kept = _host.StrMap()
        for item in self._ranked(counts):
            kept.set(item[0], item[1])
        return kept

    def fit_finish(self, counts):
        vocabulary = self._reserved()
        for item in self._ranked(counts):
            vocabulary.append(item[0])
        self.vocabulary_ = vocabulary
        self._restore()
        return None

    def _ranked(self, counts):
        """[token, count] of the tokens kept, in id order: the cut and the order of the docstring,
        applied once to the counts of all the data."""
        items = []
        for token in counts.keys():
            count = counts.get(token, 0)
            if count >= self.min_count and token != self.pad_token and token != self.oov_token:
                items.append([token, count])
        items = _host.sort_with(items, _by_count_then_token)
        if self.max_tokens is not None:
            items = items[: self.max_tokens - len(self._reserved())]
        return items

    def _reserved(self):
        """The special tokens that take the first ids: padding, then OOV, those not None."""
        return [token for token in [self.pad_token, self.oov_token] if token is not None]

    def _restore(self):
        index = _host.StrMap()
        for i in range(len(self.vocabulary_)):
            index.set(self.vocabulary_[i], i)
        self._index = index
        # The OOV token's id, or -1: unknown tokens are dropped.
        self._oov_id = -1 if self.oov_token is None else index.get(self.oov_token, 1)

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
        if oov >= 0:
            return [index.get(token, oov) for token in tokens]
        ids = []
        for token in tokens:
            i = index.get(token, -1)
            if i >= 0:
                ids.append(i)
        return ids


register(Vocabulary)
