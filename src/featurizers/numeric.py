"""Numeric featurizers: ``Standardize``, ``MinMaxScale``, ``Discretize`` (numbers) and ``OneHot`` (ids)."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, describe_non_int, register


def _describe_non_number(value):
    if _host.is_number(value):
        return None
    if _host.type_name(value) == "int":
        return "int beyond the double range"
    return _host.type_name(value)


def _check_finite(where, values):
    """Results must be finite: JSON (and so the other runtime) has no infinity or NaN."""
    for i in range(len(values)):
        if not _host.is_number(values[i]):
            raise ValueError(f"{where}: item {i} gives a result beyond double precision")


class Standardize(Featurizer):
    """Center and scale numbers, as scikit-learn's ``StandardScaler`` does for one column.

    ``fit`` learns ``mean_ = sum(x) / n`` and the population variance
    ``var_ = sum((x - mean_) ** 2) / n``, both summed left to right. ``transform`` maps ``x`` to
    ``(x - mean_) / scale`` where ``scale = sqrt(var_)``, or 1 when ``var_`` is 0. Numbers in,
    numbers out; both runtimes compute in IEEE double precision in the same order. A fit or a
    result that overflows double precision raises ValueError (JSON cannot hold infinity).
    """

    STATE = ["mean_", "var_"]

    def __init__(self):
        self.mean_ = None
        self.var_ = None

    def fit(self, values):
        self._check_batch("fit", values, _describe_non_number, "number")
        if len(values) == 0:
            raise ValueError("Standardize.fit needs at least one value")
        total = 0.0
        for value in values:
            total = total + _host.to_double(value)
        mean = total / len(values)
        squares = 0.0
        for value in values:
            squares = squares + (_host.to_double(value) - mean) * (_host.to_double(value) - mean)
        variance = squares / len(values)
        if not (_host.is_number(mean) and _host.is_number(variance)):
            raise ValueError("Standardize.fit: the mean or the variance overflows double precision")
        self.mean_ = mean
        self.var_ = variance
        return self

    def _restore(self):
        if not (_host.is_number(self.mean_) and _host.is_number(self.var_) and self.var_ >= 0):
            raise ValueError("Standardize: mean_ must be a number and var_ a number >= 0")

    def transform(self, values):
        self._check_fitted()
        self._check_batch("transform", values, _describe_non_number, "number")
        scale = 1.0 if self.var_ == 0 else _host.sqrt(self.var_)
        result = [(_host.to_double(value) - self.mean_) / scale for value in values]
        _check_finite("Standardize.transform", result)
        return result


class Discretize(Featurizer):
    """Bucket numbers by ``bin_boundaries`` (sorted ascending), as Keras ``Discretization``.

    A number ``x`` goes to bucket ``i`` = the count of boundaries ``b`` with ``b <= x``: bucket 0
    is below the first boundary, and each bucket includes its left boundary. Numbers in, ints
    (``0 .. len(bin_boundaries)``) out. Stateless.
    """

    PARAMS = ["bin_boundaries"]

    # __pragma__('kwargs')
    def __init__(self, bin_boundaries=None):
        self.bin_boundaries = bin_boundaries
    # __pragma__('nokwargs')

    def transform(self, values):
        boundaries = self.bin_boundaries
        if not _host.is_list(boundaries) or len([b for b in boundaries if not _host.is_number(b)]) > 0:
            raise ValueError("Discretize: bin_boundaries must be a list of numbers")
        self._check_batch("transform", values, _describe_non_number, "number")
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


# scikit-learn's _handle_zeros_in_scale: a data range below 10 * float64 eps counts as constant.
_CONSTANT_RANGE = 2.220446049250313e-15


class MinMaxScale(Featurizer):
    """Scale numbers to ``feature_range = [min, max]``, as scikit-learn's ``MinMaxScaler`` does
    for one column (without ``clip``).

    ``fit`` learns ``data_min_`` and ``data_max_``. ``transform`` computes, in this order and in
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

    def fit(self, values):
        self._check_range()
        self._check_batch("fit", values, _describe_non_number, "number")
        if len(values) == 0:
            raise ValueError("MinMaxScale.fit needs at least one value")
        low = _host.to_double(values[0])
        high = low
        for value in values:
            if _host.to_double(value) < low:
                low = _host.to_double(value)
            if _host.to_double(value) > high:
                high = _host.to_double(value)
        self.data_min_ = low
        self.data_max_ = high
        return self

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
