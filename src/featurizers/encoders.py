"""Id-sequence encoders: ``Counts``, ``MultiHot`` and ``TfIdf``.

Each maps a batch of id lists (``Vocabulary``'s output: id 0 is padding, id 1 is OOV) to one
vector per list, of the vocabulary's size: scikit-learn's ``CountVectorizer``,
``CountVectorizer(binary=True)`` and ``TfidfVectorizer`` (``TfidfTransformer``'s formulas), with
columns indexed by id, and the size set as Keras ``CategoryEncoding``'s ``num_tokens``.
``pad_id=None`` counts every id, for a ``Vocabulary(pad_token=None)`` whose id 0 is a token: the
columns are then scikit-learn's own.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_int_list, register


def _describe_pad_id(value):
    """None for a valid ``pad_id`` (0 or None), else an error's tail."""
    if value is None or (_host.is_int(value) and value == 0):
        return None
    return f"pad_id must be 0 or None, got {value}"


def _describe_num_tokens(value):
    """None for a valid ``num_tokens`` (None or a positive int), else an error's tail."""
    if value is None or (_host.is_int(value) and value >= 1):
        return None
    return f"num_tokens must be a positive int or None, got {value}"


class _IdEncoder(Featurizer):
    """Shared rules: the vector size and id checks.

    The size is ``num_tokens`` when given; when it is None, ``fit`` learns
    ``num_tokens_ = (the largest id seen, 0 if none) + 1``. ``fit`` always sets ``num_tokens_``
    (to ``num_tokens`` when that is given). Ids must be ints in ``0 .. size - 1``; another int is
    a ValueError naming the item, the index in it, the id and the range. Id ``pad_id`` (0, the
    default: padding) is never counted, so column 0 is always 0; with ``pad_id=None`` every id
    is counted (``get_config`` lists ``pad_id`` only then).
    """

    PARAMS = ["num_tokens", "pad_id"]
    STATE = ["num_tokens_"]
    INPUT = "list of int"
    OUTPUT = "list of int"

    # __pragma__('kwargs')
    def __init__(self, num_tokens=None, pad_id=0):
        self.num_tokens = num_tokens
        self.pad_id = pad_id
        self.num_tokens_ = None
    # __pragma__('nokwargs')

    def _config_omits(self, name):
        if name == "pad_id":
            return self.pad_id is not None and _host.is_int(self.pad_id) and self.pad_id == 0
        return self._omits_own(name)

    def _omits_own(self, name):
        """A subclass's parameters that ``get_config`` leaves out at their default."""
        return False

    def fit_start(self):
        """``[lists, df]``: the number of lists, and ``df[t]`` the number of lists holding id
        ``t`` (``df[pad_id]`` = 0), for ``t`` up to the largest id seen (``len(df)`` is the learned
        size; ints, merged by adding them). ``Counts`` and ``MultiHot`` learn the size from it,
        ``TfIdf`` also its ``idf_``."""
        self._check_params()
        self._check_learnable()
        size = 1 if self.num_tokens is None else self.num_tokens
        return [0, [0 for _ in range(size)]]

    def _check_learnable(self):
        """Raise if the state is imported as it is, never learned (default: it is learned)."""

    def fit_add(self, stats, id_lists):
        self._check_batch("fit", id_lists, describe_non_int_list, "list of int")
        self._check_ids("fit", id_lists, self.num_tokens)
        pad = self.pad_id
        df = stats[1]
        for ids in id_lists:
            for x in ids:
                while x >= len(df):
                    df.append(0)
        # The list (of this batch) that last counted each id: an id counts once per list.
        last_seen = [-1 for _ in range(len(df))]
        for i in range(len(id_lists)):
            for x in id_lists[i]:
                if x != pad and last_seen[x] != i:
                    last_seen[x] = i
                    df[x] = df[x] + 1
        stats[0] = stats[0] + len(id_lists)
        return stats

    def fit_merge(self, stats, other):
        df = stats[1]
        other_df = other[1]
        while len(df) < len(other_df):
            df.append(0)
        for t in range(len(other_df)):
            df[t] = df[t] + other_df[t]
        stats[0] = stats[0] + other[0]
        return stats

    def fit_finish(self, stats):
        self.num_tokens_ = len(stats[1])
        self._restore()
        return None

    def _check_params(self):
        bad = _describe_num_tokens(self.num_tokens)
        if bad is None:
            bad = _describe_pad_id(self.pad_id)
        if bad is not None:
            raise ValueError(f"{self.__class__.__name__}: {bad}")
        self._check_own_params()

    def _check_own_params(self):
        """A subclass's checks of its own parameters, after ``num_tokens``'s."""

    def _check_ids(self, method, id_lists, size):
        """ValueError for the first id outside ``0 .. size - 1`` (``size`` None: below 0 only)."""
        for i in range(len(id_lists)):
            ids = id_lists[i]
            for j in range(len(ids)):
                x = ids[j]
                if x < 0 or (size is not None and x >= size):
                    where = f"{self.__class__.__name__}.{method}: item {i} has id {x} at index {j}"
                    if size is None:
                        raise ValueError(f"{where}, expected an id >= 0")
                    raise ValueError(f"{where}, outside 0..{size - 1}")

    def _restore(self):
        name = self.__class__.__name__
        if not (_host.is_int(self.num_tokens_) and self.num_tokens_ >= 1):
            raise ValueError(f"{name}: num_tokens_ must be a positive int, got {self.num_tokens_}")
        if self.num_tokens is not None and self.num_tokens != self.num_tokens_:
            raise ValueError(f"{name}: num_tokens_ ({self.num_tokens_}) differs from num_tokens ({self.num_tokens})")
        self._restore_own_state()

    def _restore_own_state(self):
        """A subclass's checks of its own learned state, after ``num_tokens_``'s."""

    def _size(self):
        """``num_tokens`` when given (no fit needed), else the learned ``num_tokens_``."""
        if self.num_tokens is not None:
            return self.num_tokens
        self._check_fitted()
        return self.num_tokens_

    def _transform_size(self, id_lists, check_input):
        """Check the parameters, the batch (unless told not to) and its ids; returns the vector size."""
        self._check_params()
        size = self._size()
        self._check_items(id_lists, check_input)
        self._check_ids("transform", id_lists, size)
        return size

    def _counts(self, ids, size):
        """Ints: how many times each id other than ``pad_id`` occurs in ``ids``; the padding
        column stays 0."""
        pad = self.pad_id
        counts = [0 for _ in range(size)]
        for x in ids:
            if x != pad:
                counts[x] = counts[x] + 1
        return counts


class Counts(_IdEncoder):
    """Token counts, as scikit-learn's ``CountVectorizer`` (Keras ``CategoryEncoding(output_mode="count")``).

    ``row[t]`` = the number of times id ``t`` occurs in the list (ints), for ``t >= 1``;
    ``row[0]`` = 0 (padding is never counted); OOV (id 1) is counted in column 1. The row length is
    ``num_tokens``, or when it is None ``num_tokens_`` = largest id seen in ``fit`` (0 if none) + 1.
    An id outside ``0 .. size - 1`` is a ValueError naming its position.
    """

    def transform(self, id_lists, check_input=True):
        size = self._transform_size(id_lists, check_input)
        return [self._counts(ids, size) for ids in id_lists]


class MultiHot(_IdEncoder):
    """1 where an id occurs, as ``CountVectorizer(binary=True)`` (Keras ``output_mode="multi_hot"``).

    ``row[t]`` = 1 if id ``t >= 1`` occurs in the list, else 0 (ints); ``row[0]`` = 0 (padding
    is never counted; with ``pad_id=None`` id 0 is counted too). Size and errors as ``Counts``.
    """

    def transform(self, id_lists, check_input=True):
        size = self._transform_size(id_lists, check_input)
        pad = self.pad_id
        rows = []
        for ids in id_lists:
            row = [0 for _ in range(size)]
            for x in ids:
                if x != pad:
                    row[x] = 1
            rows.append(row)
        return rows


class TfIdf(_IdEncoder):
    """TF-IDF vectors with scikit-learn ``TfidfTransformer``'s formulas (``TfidfVectorizer``).

    ``fit`` on ``n`` lists (at least one) learns the size (as ``Counts``) and, for each id ``t``,
    with ``df(t)`` = the number of lists in which ``t`` occurs (``df(0)`` = 0: padding is never
    counted, unless ``pad_id=None``)::

        idf_[t] = ln((1 + n) / (1 + df(t))) + 1      smooth_idf=True (default)
        idf_[t] = ln(n / df(t)) + 1                  smooth_idf=False and df(t) > 0
        idf_[t] = 0                                  smooth_idf=False and df(t) = 0

    (scikit-learn gives infinity for the last case, and NaN in every row holding such an id;
    here such an id, padding included, weighs 0.) ``(1 + n) / (1 + df(t))`` is one double
    division, then ``ln``, then ``+ 1``. ``ln`` is ``_host.log``, the same double in both runtimes
    (fdlibm's, which V8's ``Math.log`` is; libm's ``math.log`` differs in the last ulp for some
    values, ``ln 3`` among them, so scikit-learn's ``np.log`` may too).

    ``transform`` maps a list to ``row[t] = tf(t) * idf_[t]``, where ``count(t)`` is as in
    ``Counts`` (1 for every id present with ``binary=True``, as ``TfidfVectorizer(binary=True)``)
    and ``tf(t) = count(t)``, or ``1 + ln(count(t))`` (0 when the count is 0) with
    ``sublinear_tf=True``. Then, by ``norm``:

    - ``"l2"`` (default): each value divided by ``sqrt(sum(row[t] * row[t]))``;
    - ``"l1"``: each value divided by ``sum(row[t])`` (all values are >= 0);
    - ``None``: no normalization;

    sums taken left to right over ``t = 0 .. size - 1``; a row whose norm is 0 stays all 0.
    Values are floats (doubles); in JS a row is a ``Float64Array`` of them.

    ``dtype="float32"`` computes as Keras' ``TextVectorization(output_mode="tf_idf")`` does, in
    float32: ``row[t] = float32(tf(t) * idf_[t])``, the float32 nearest to the product, with
    ``idf_`` float32 values (a config whose ``idf_`` holds another number is refused), without
    ``norm`` or ``sublinear_tf`` (else a ValueError). The values are then the doubles equal to
    Keras' float32 outputs. Such weights are taken as Keras holds them (``from_keras``): ``fit``
    refuses to learn them. ``get_config`` lists ``binary`` only when it is True and ``dtype``
    only when it is ``"float32"``.
    """

    PARAMS = ["num_tokens", "norm", "smooth_idf", "sublinear_tf", "pad_id", "binary", "dtype"]
    STATE = ["num_tokens_", "idf_"]
    OUTPUT = "vector"  # of floats: a Float64Array in JS (see _host.zeros)

    # __pragma__('kwargs')
    def __init__(self, num_tokens=None, norm="l2", smooth_idf=True, sublinear_tf=False, pad_id=0, binary=False, dtype="float64"):
        self.num_tokens = num_tokens
        self.norm = norm
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        self.pad_id = pad_id
        self.binary = binary
        self.dtype = dtype
        self.num_tokens_ = None
        self.idf_ = None
    # __pragma__('nokwargs')

    def _omits_own(self, name):
        if name == "dtype":
            return _host.is_str(self.dtype) and self.dtype == "float64"
        return name == "binary" and self.binary is False

    def _check_own_params(self):
        # is_str first: in JS ["l2"] == "l2" is true.
        if not (self.norm is None or (_host.is_str(self.norm) and (self.norm == "l2" or self.norm == "l1"))):
            raise ValueError(f"TfIdf: norm must be 'l2', 'l1' or None, got {self.norm}")
        if not (self.smooth_idf is True or self.smooth_idf is False):
            raise ValueError(f"TfIdf: smooth_idf must be True or False, got {self.smooth_idf}")
        if not (self.sublinear_tf is True or self.sublinear_tf is False):
            raise ValueError(f"TfIdf: sublinear_tf must be True or False, got {self.sublinear_tf}")
        if not (self.binary is True or self.binary is False):
            raise ValueError(f"TfIdf: binary must be True or False, got {self.binary}")
        if not (_host.is_str(self.dtype) and (self.dtype == "float64" or self.dtype == "float32")):
            raise ValueError(f"TfIdf: dtype must be 'float64' or 'float32', got {self.dtype}")
        if self.dtype == "float32" and (self.norm is not None or self.sublinear_tf):
            raise ValueError("TfIdf: dtype='float32' (Keras' tf_idf) takes norm=None and sublinear_tf=False")

    def _check_learnable(self):
        if self.dtype == "float32":
            raise ValueError("TfIdf: dtype='float32' takes Keras' idf weights as they are (featurizers.from_keras); it does not learn them")

    def fit_finish(self, stats):
        n = stats[0]
        if n == 0:
            raise ValueError("TfIdf.fit needs at least one list of ids")
        df = stats[1]
        size = len(df)
        idf = []
        for t in range(size):
            if self.smooth_idf:
                idf.append(_host.log(_host.to_double(1 + n) / _host.to_double(1 + df[t])) + 1.0)
            elif df[t] == 0:
                idf.append(0.0)
            else:
                idf.append(_host.log(_host.to_double(n) / _host.to_double(df[t])) + 1.0)
        self.num_tokens_ = size
        self.idf_ = idf
        self._restore()
        return None

    def _restore_own_state(self):
        idf = self.idf_
        if not _host.is_list(idf) or len(idf) != self.num_tokens_:
            raise ValueError("TfIdf: idf_ must be a list of num_tokens_ numbers")
        for value in idf:
            if not _host.is_number(value) or value < 0:
                raise ValueError("TfIdf: idf_ must be a list of num_tokens_ numbers")
            if self.dtype == "float32" and _host.to_float32(value) != value:
                raise ValueError(f"TfIdf: with dtype='float32', idf_ must hold float32 values, got {value}")

    def _size(self):
        """Always the fitted size: ``idf_`` is learned even when ``num_tokens`` is given."""
        self._check_fitted()
        return self.num_tokens_

    def transform(self, id_lists, check_input=True):
        size = self._transform_size(id_lists, check_input)
        counts = _host.zeros(size)  # scratch, all 0 again after each row
        return [self._row(ids, size, counts) for ids in id_lists]

    def _row(self, ids, size, counts):
        """The formulas above, visiting only the ids present, in ascending order: the sums meet
        the same nonzero terms in the same order (a 0 term changes no sum), so they are the same
        doubles as the dense loop's. ``counts`` holds each present id's count, then its weight."""
        pad = self.pad_id
        binary = self.binary
        present = []
        for x in ids:
            if x != pad:
                if counts[x] == 0:
                    present.append(x)
                    counts[x] = 1
                elif not binary:
                    counts[x] = counts[x] + 1
        ascending = _host.sort_ints(present)
        idf = self.idf_
        sublinear = self.sublinear_tf
        norm = self.norm
        total = 0.0
        single = self.dtype == "float32"
        for t in ascending:
            if single:
                value = _host.to_float32(_host.to_double(counts[t]) * _host.to_double(idf[t]))
            elif sublinear:
                value = (1.0 + _host.log(_host.to_double(counts[t]))) * _host.to_double(idf[t])
            else:
                value = _host.to_double(counts[t]) * _host.to_double(idf[t])
            counts[t] = value
            if norm == "l2":
                total = total + value * value
            elif norm == "l1":
                total = total + value
        if norm == "l2":
            total = _host.sqrt(total)
        row = _host.zeros(size)
        for t in ascending:
            if norm is None or total == 0:
                row[t] = counts[t]
            else:
                row[t] = counts[t] / total
            counts[t] = 0
        return row


register(Counts)
register(MultiHot)
register(TfIdf)
