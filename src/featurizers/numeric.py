"""Numeric featurizers: ``Standardize``, ``MinMaxScale``, ``Discretize`` (numbers) and ``OneHot`` (ids)."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_int, register
from featurizers.exact import ExactSum


def _describe_non_number(value):
    if _host.is_number(value):
        return None
    if _host.type_name(value) == "int":
        return "int beyond the double range"
    return _host.type_name(value)


def _check_finite(where, values, precision="double precision"):
    """Results must be finite: JSON (and so the other runtime) has no infinity or NaN."""
    for i in range(len(values)):
        if not _host.is_number(values[i]):
            raise ValueError(f"{where}: item {i} gives a result beyond {precision}")


class Standardize(Featurizer):
    """Center and scale numbers, as scikit-learn's ``StandardScaler`` does for one column.

    ``fit`` on ``n`` numbers ``x_1 .. x_n`` learns, in two passes over them::

        mean_ = sum(x_i) / n                          the exact sum, divided by n, rounded once
        d_i   = x_i - mean_                           rounded (a double)
        var_  = sum(d_i * d_i) / n                    each product rounded, then the exact sum,
                                                      divided by n, rounded once

    where a sum is exact (``exact.ExactSum``: Shewchuk's partials, as ``math.fsum``) and the
    division is correctly rounded (ties to even): the same doubles in any order, and for any
    split of the data into batches merged in any order (the population variance, divided by
    ``n``). It is within an ulp or so of numpy's ``mean`` and ``var``, whose pairwise sums depend on
    the order. ``transform`` maps ``x`` to ``(x - mean_) / scale`` where ``scale = sqrt(var_)``,
    or 1 when ``var_`` is 0. Numbers in, numbers out, in IEEE double precision in both runtimes.
    A sum, the mean, the variance or a result beyond double precision raises ValueError (JSON
    cannot hold infinity).

    ``dtype="float32"`` computes as Keras' ``Normalization`` does, in float32: ``x`` rounded to
    float32, then ``(x - mean_) / max(sqrt(var_), 1e-7)`` with each operation's result rounded to
    float32 (``mean_`` and ``var_`` must be float32 values), so the results are the doubles equal
    to Keras' float32 outputs. Such state is taken as Keras holds it (``from_keras``): ``fit``
    refuses to learn it. ``get_config`` lists ``dtype`` only when it is ``"float32"``.
    """

    PARAMS = ["dtype"]
    STATE = ["mean_", "var_"]

    # __pragma__('kwargs')
    def __init__(self, dtype="float64"):
        self.dtype = dtype
        self.mean_ = None
        self.var_ = None
    # __pragma__('nokwargs')

    def _config_omits(self, name):
        return name == "dtype" and _host.is_str(self.dtype) and self.dtype == "float64"

    def _check_dtype(self):
        if not (_host.is_str(self.dtype) and (self.dtype == "float64" or self.dtype == "float32")):
            raise ValueError(f"Standardize: dtype must be 'float64' or 'float32', got {self.dtype}")

    def fit_start(self):
        """The first pass: ``["sum", count, ExactSum of x]``."""
        self._check_dtype()
        if self.dtype == "float32":
            raise ValueError("Standardize: dtype='float32' takes Keras' mean and variance as they are (featurizers.from_keras); it does not learn them")
        return ["sum", 0, ExactSum()]

    def fit_add(self, stats, values):
        self._check_batch("fit", values, _describe_non_number, "number")
        total = stats[2]
        if stats[0] == "sum":
            for value in values:
                total.add(_host.to_double(value))
        else:
            mean = stats[3]
            for value in values:
                deviation = _host.to_double(value) - mean
                total.add(deviation * deviation)
        stats[1] = stats[1] + len(values)
        return stats

    def fit_merge(self, stats, other):
        stats[1] = stats[1] + other[1]
        stats[2].merge(other[2])
        return stats

    def fit_finish(self, stats):
        """After the first pass, the second: ``["squares", count, ExactSum of d * d, mean_]``."""
        n = stats[1]
        if n == 0:
            raise ValueError("Standardize.fit needs at least one value")
        if not stats[2].is_finite():
            self._overflow()
        if stats[0] == "sum":
            return ["squares", 0, ExactSum(), stats[2].quotient(n)]
        variance = stats[2].quotient(n)
        if not (_host.is_number(stats[3]) and _host.is_number(variance)):
            self._overflow()
        self.mean_ = stats[3]
        self.var_ = variance
        return None

    def _overflow(self):
        raise ValueError("Standardize.fit: the mean or the variance overflows double precision")

    def _restore(self):
        if not (_host.is_number(self.mean_) and _host.is_number(self.var_) and self.var_ >= 0):
            raise ValueError("Standardize: mean_ must be a number and var_ a number >= 0")
        self._check_dtype()
        if self.dtype == "float32" and (_host.to_float32(self.mean_) != self.mean_ or _host.to_float32(self.var_) != self.var_):
            raise ValueError(f"Standardize: with dtype='float32', mean_ and var_ must be float32 values, got {self.mean_} and {self.var_}")

    def transform(self, values):
        self._check_fitted()
        self._check_dtype()
        self._check_batch("transform", values, _describe_non_number, "number")
        if self.dtype == "float32":
            result = self._transform_float32(values)
        else:
            scale = 1.0 if self.var_ == 0 else _host.sqrt(self.var_)
            result = [(_host.to_double(value) - self.mean_) / scale for value in values]
        _check_finite("Standardize.transform", result, "float32's range" if self.dtype == "float32" else "double precision")
        return result


    def _transform_float32(self, values):
        f32 = _host.to_float32
        scale = f32(_host.sqrt(self.var_))
        if scale < KERAS_EPSILON:
            scale = KERAS_EPSILON
        return [f32(f32(f32(_host.to_double(value)) - self.mean_) / scale) for value in values]


# Keras' backend.epsilon() (1e-7) as the float32 its float32 layers compare with.
KERAS_EPSILON = 1.0000000116860974e-07


class Discretize(Featurizer):
    """Bucket numbers by ``bin_boundaries`` (sorted ascending), as Keras ``Discretization``.

    A number ``x`` goes to bucket ``i`` = the count of boundaries ``b`` with ``b <= x``: bucket 0
    is below the first boundary, and each bucket includes its left boundary. Numbers in, ints
    (``0 .. len(bin_boundaries)``) out. Stateless.

    ``dtype="float32"`` compares as Keras does (TensorFlow's ``Bucketize`` on a float32 input):
    ``x`` and every boundary rounded to float32 first. ``get_config`` lists ``dtype`` only when it
    is ``"float32"``.
    """

    PARAMS = ["bin_boundaries", "dtype"]

    # __pragma__('kwargs')
    def __init__(self, bin_boundaries=None, dtype="float64"):
        self.bin_boundaries = bin_boundaries
        self.dtype = dtype
    # __pragma__('nokwargs')

    def _config_omits(self, name):
        return name == "dtype" and _host.is_str(self.dtype) and self.dtype == "float64"

    def transform(self, values):
        boundaries = self.bin_boundaries
        if not _host.is_list(boundaries) or len([b for b in boundaries if not _host.is_number(b)]) > 0:
            raise ValueError("Discretize: bin_boundaries must be a list of numbers")
        if not (_host.is_str(self.dtype) and (self.dtype == "float64" or self.dtype == "float32")):
            raise ValueError(f"Discretize: dtype must be 'float64' or 'float32', got {self.dtype}")
        self._check_batch("transform", values, _describe_non_number, "number")
        if self.dtype == "float32":
            rounded = [_host.to_float32(_host.to_double(b)) for b in boundaries]
            return [self._bucket(_host.to_float32(_host.to_double(value)), rounded) for value in values]
        return [self._bucket(_host.to_double(value), boundaries) for value in values]

    def _bucket(self, value, boundaries):
        bucket = 0
        for boundary in boundaries:
            if _host.to_double(boundary) <= value:
                bucket += 1
        return bucket


class OneHot(Featurizer):
    """Ids ``0 .. num_tokens - 1`` to one-hot vectors of length ``num_tokens`` (Keras
    ``CategoryEncoding(output_mode="one_hot")``); an id out of range is a ValueError. Stateless."""

    PARAMS = ["num_tokens"]

    # __pragma__('kwargs')
    def __init__(self, num_tokens=None):
        self.num_tokens = num_tokens
    # __pragma__('nokwargs')

    def transform(self, ids):
        if not _host.is_int(self.num_tokens) or self.num_tokens < 1:
            raise ValueError(f"OneHot: num_tokens must be a positive int, got {self.num_tokens}")
        self._check_batch("transform", ids, describe_non_int, "int")
        vectors = []
        for i in range(len(ids)):
            if ids[i] < 0 or ids[i] >= self.num_tokens:
                raise ValueError(f"OneHot.transform: item {i} is {ids[i]}, outside 0..{self.num_tokens - 1}")
            vectors.append([1 if j == ids[i] else 0 for j in range(self.num_tokens)])
        return vectors


register(Standardize)
register(Discretize)
register(OneHot)


def _lower_of(a, b):
    """The lower of two numbers; of 0.0 and -0.0 (equal), -0.0: a total order, so the minimum
    of the same numbers is the same double in any order."""
    if a < b:
        return a
    if b < a:
        return b
    if a == 0:
        return -((-a) + (-b))  # -0.0 when either is -0.0
    return a


def _higher_of(a, b):
    """The higher of two numbers; of 0.0 and -0.0, 0.0."""
    if a > b:
        return a
    if b > a:
        return b
    if a == 0:
        return a + b  # 0.0 when either is 0.0
    return a


# scikit-learn's _handle_zeros_in_scale: a data range below 10 * float64 eps counts as constant.
_CONSTANT_RANGE = 2.220446049250313e-15


class MinMaxScale(Featurizer):
    """Scale numbers to ``feature_range = [min, max]``, as scikit-learn's ``MinMaxScaler`` does
    for one column (without ``clip``).

    ``fit`` learns ``data_min_`` and ``data_max_``, the lowest and the highest number (-0.0 is
    taken as below 0.0, so that they are the same doubles in any order). ``transform`` computes, in this order and in
    IEEE double precision in both runtimes (scikit-learn's order, so it is an exact oracle)::

        data_range = data_max_ - data_min_        # 1 instead when < 10 * eps (2.220446049250313e-15)
        scale_ = (max - min) / data_range
        min_ = min - data_min_ * scale_
        x -> x * scale_ + min_

    which is ``(x - data_min_) / data_range * (max - min) + min`` up to rounding; a constant
    column maps to ``x - data_min_ + min``. Values outside the fitted range are not clipped.
    ``feature_range`` must be two numbers with ``min < max`` (ValueError); a result beyond double
    precision raises ValueError (JSON cannot hold infinity).
    """

    PARAMS = ["feature_range"]
    STATE = ["data_min_", "data_max_"]

    # __pragma__('kwargs')
    def __init__(self, feature_range=[0, 1]):
        self.feature_range = feature_range
        self.data_min_ = None
        self.data_max_ = None
    # __pragma__('nokwargs')

    def fit_start(self):
        """``[count, lowest, highest]`` (merged by ``min`` and ``max``, -0.0 below 0.0)."""
        self._check_range()
        return [0, 0.0, 0.0]

    def fit_add(self, stats, values):
        self._check_batch("fit", values, _describe_non_number, "number")
        for value in values:
            self._include(stats, 1, _host.to_double(value), _host.to_double(value))
        return stats

    def fit_merge(self, stats, other):
        if other[0] > 0:
            self._include(stats, other[0], other[1], other[2])
        return stats

    def _include(self, stats, count, low, high):
        if stats[0] == 0:
            stats[1] = low
            stats[2] = high
        else:
            stats[1] = _lower_of(stats[1], low)
            stats[2] = _higher_of(stats[2], high)
        stats[0] = stats[0] + count

    def fit_finish(self, stats):
        if stats[0] == 0:
            raise ValueError("MinMaxScale.fit needs at least one value")
        self.data_min_ = stats[1]
        self.data_max_ = stats[2]
        return None

    def _restore(self):
        if not (_host.is_number(self.data_min_) and _host.is_number(self.data_max_) and self.data_min_ <= self.data_max_):
            raise ValueError("MinMaxScale: data_min_ and data_max_ must be numbers with data_min_ <= data_max_")

    def transform(self, values):
        self._check_fitted()
        low, high = self._check_range()
        self._check_batch("transform", values, _describe_non_number, "number")
        data_min = _host.to_double(self.data_min_)
        data_range = _host.to_double(self.data_max_) - data_min
        if data_range < _CONSTANT_RANGE:
            data_range = 1.0
        scale = (high - low) / data_range
        offset = low - data_min * scale
        result = [_host.to_double(value) * scale + offset for value in values]
        _check_finite("MinMaxScale.transform", result)
        return result

    def _check_range(self):
        bounds = self.feature_range
        if not (_host.is_list(bounds) and len(bounds) == 2 and _host.is_number(bounds[0]) and _host.is_number(bounds[1])
                and _host.to_double(bounds[0]) < _host.to_double(bounds[1])):
            raise ValueError("MinMaxScale: feature_range must be a list of two numbers [min, max] with min < max")
        return [_host.to_double(bounds[0]), _host.to_double(bounds[1])]


register(MinMaxScale)
