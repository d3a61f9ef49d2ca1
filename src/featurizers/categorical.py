"""``CategoryEncoder``: string categories to one-hot vectors or to their index."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_int, describe_non_str, register, shown_param, split_keys


class CategoryEncoder(Featurizer):
    """Encode a column of str categories, as scikit-learn's ``OneHotEncoder`` for one column.

    ``fit`` learns ``categories_``: the distinct values, sorted in ascending code-point order
    (CPython's ``sorted`` of str, which is what scikit-learn's ``np.unique`` gives; not JS's UTF-16
    order, so ``"\\uffff"`` comes before ``"\\U0001F600"``). ``transform`` maps a value to:

    - ``output="one_hot"``: a list of ``len(categories_)`` ints, 1 at the category's index, else 0;
    - ``output="index"``: the category's index in ``categories_`` (an int).

    A value not in ``categories_`` is, with ``handle_unknown="ignore"``, an all-zero vector
    (``one_hot``, as ``OneHotEncoder(handle_unknown="ignore")``) or ``unknown_value`` (``index``,
    default -1, as ``OrdinalEncoder(handle_unknown="use_encoded_value")``); with
    ``handle_unknown="error"`` a ValueError naming its position and the value. Values are compared
    exactly (no normalization, no case folding); only str is accepted (TypeError naming the position).

    ``drop`` (``one_hot`` only), as ``OneHotEncoder``'s: None (default), ``"first"`` leaves the
    first category's column out (that category is all zeros), ``"if_binary"`` does so only when
    there are exactly two categories. ``get_config`` lists ``drop``, ``unknown_value`` and
    ``order`` only when they differ from their defaults.

    ``order="given"``: ``categories_`` keeps the order it was given in, a lookup table's own (Keras'
    ``StringLookup`` vocabulary, imported by ``featurizers.from_keras``); such categories are not
    learned (``fit`` raises ValueError), and an unknown value's ``unknown_value``, when it is an
    index of ``categories_``, is the category it counts as, in ``one_hot`` output too (Keras' OOV
    column). Such categories may also be ints (Keras' ``IntegerLookup``), and the values then
    ints too (a str, a float or a bool is a TypeError naming its position). With the default
    ``order="sorted"``, ``categories_`` must be str in ascending order.
    """

    PARAMS = ["handle_unknown", "output", "drop", "unknown_value", "order"]
    STATE = ["categories_"]

    # __pragma__('kwargs')
    def __init__(self, handle_unknown="ignore", output="one_hot", drop=None, unknown_value=-1, order="sorted"):
        self.handle_unknown = handle_unknown
        self.output = output
        self.drop = drop
        self.unknown_value = unknown_value
        self.order = order
        self.categories_ = None
        self._index = None
        self._ints = False  # categories_ are ints (order="given" only)
    # __pragma__('nokwargs')

    def _config_omits(self, name):
        if name == "drop":
            return self.drop is None
        if name == "unknown_value":
            return _host.is_int(self.unknown_value) and self.unknown_value == -1
        if name == "order":
            return _host.is_str(self.order) and self.order == "sorted"
        return False

    def fit_start(self):
        """The distinct values seen: a ``StrMap`` of value -> True (merged as a union)."""
        self._check_params()
        if self.order == "given":
            raise ValueError("CategoryEncoder: order='given' takes a lookup table's categories as they are (featurizers.from_keras); it does not learn them")
        return _host.StrMap()

    def fit_add(self, seen, values):
        self._check_batch("fit", values, describe_non_str, "str")
        for value in values:
            seen.set(value, True)
        return seen

    def fit_merge(self, seen, other):
        for value in other.keys():
            seen.set(value, True)
        return seen

    def fit_split(self, seen, parts, part_of):
        return split_keys(seen, parts, part_of)

    def fit_finish(self, seen):
        if seen.size() == 0:
            raise ValueError("CategoryEncoder.fit needs at least one value")
        self.categories_ = _host.sort_with(seen.keys(), _host.compare_str)
        self._restore()
        return None

    def _restore(self):
        categories = self.categories_
        if not (_host.is_list(categories) and len(categories) > 0):
            self._invalid_categories()
        ints = self.order == "given" and describe_non_int(categories[0]) is None
        describe = describe_non_int if ints else describe_non_str
        for i in range(len(categories)):
            if describe(categories[i]) is not None:
                self._invalid_categories()
            if i > 0 and self.order != "given" and _host.compare_str(categories[i - 1], categories[i]) >= 0:
                self._invalid_categories()
        index = _host.StrMap()
        for i in range(len(categories)):
            key = str(categories[i]) if ints else categories[i]
            if index.has(key):
                self._invalid_categories()
            index.set(key, i)
        self._index = index
        self._ints = ints

    def _invalid_categories(self):
        if self.order == "given":
            raise ValueError("CategoryEncoder: categories_ must be a non-empty list of distinct str, or of distinct ints")
        raise ValueError("CategoryEncoder: categories_ must be a non-empty list of distinct str in ascending code-point order")

    def transform(self, values):
        self._check_fitted()
        self._check_params()
        ints = self._ints
        if ints:
            self._check_batch("transform", values, describe_non_int, "int")
        else:
            self._check_batch("transform", values, describe_non_str, "str")
        index = self._index
        size = len(self.categories_)
        dropped = self._dropped()
        result = []
        for i in range(len(values)):
            # Int categories are looked up by their decimal spelling, the same in both runtimes.
            position = index.get(str(values[i]) if ints else values[i], -1)
            if position == -1 and self.handle_unknown == "error":
                raise ValueError(f"CategoryEncoder.transform: item {i} is '{values[i]}', a category not seen in fit")
            if self.output == "index":
                result.append(self.unknown_value if position == -1 else position)
            else:
                if position == -1 and self.order == "given":
                    position = self.unknown_value
                result.append([1 if j == position else 0 for j in range(size) if j != dropped])
        return result

    def _dropped(self):
        """The index of the category whose column ``drop`` leaves out, or -1."""
        if self.drop == "first" or (self.drop == "if_binary" and len(self.categories_) == 2):
            return 0
        return -1

    def _check_params(self):
        # is_str first: JS's loose != finds ["error"] equal to "error".
        unknown = self.handle_unknown
        if not (_host.is_str(unknown) and (unknown == "ignore" or unknown == "error")):
            raise ValueError(f"CategoryEncoder: handle_unknown must be 'ignore' or 'error', got {shown_param(self.handle_unknown)}")
        output = self.output
        if not (_host.is_str(output) and (output == "one_hot" or output == "index")):
            raise ValueError(f"CategoryEncoder: output must be 'one_hot' or 'index', got {shown_param(self.output)}")
        drop = self.drop
        if not (drop is None or (_host.is_str(drop) and (drop == "first" or drop == "if_binary"))):
            raise ValueError(f"CategoryEncoder: drop must be None, 'first' or 'if_binary', got {shown_param(drop)}")
        if drop is not None and output == "index":
            raise ValueError("CategoryEncoder: drop applies only to output='one_hot'")
        if not _host.is_int(self.unknown_value):
            raise ValueError(f"CategoryEncoder: unknown_value must be an int, got {shown_param(self.unknown_value)}")
        order = self.order
        if not (_host.is_str(order) and (order == "sorted" or order == "given")):
            raise ValueError(f"CategoryEncoder: order must be 'sorted' or 'given', got {shown_param(order)}")


register(CategoryEncoder)
