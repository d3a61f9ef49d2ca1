"""Numeric featurizers: ``Standardize``, ``Discretize`` (numbers) and ``OneHot`` (ids)."""

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
