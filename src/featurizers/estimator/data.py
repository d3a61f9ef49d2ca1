"""numpy and pandas in, numpy or SciPy out: the boundary between a data scientist's arrays and
the plain lists the featurizers check and give (the same lists the JS bundle takes and gives)."""

import functools
import sys

OUTPUTS = ("default", "numpy", "sparse")
# Rows made into a sparse matrix at a time: the dense rows of a block never all exist at once
# (20,000-token count rows for 5,000 texts would be 800 MB of Python lists).
SPARSE_BLOCK = 512


def as_batch(featurizer, data):
    """``data`` as the list the featurizer checks: a numpy array or a pandas Series by
    ``tolist()`` (Python scalars, nested lists for 2-D), a pandas DataFrame as its records for a
    featurizer that takes records (``RECORDS``); anything else as it is, for the featurizer's own
    check to name."""
    if type(data) is list:
        return data
    numpy = sys.modules.get("numpy")  # not imported: data cannot be an array
    if numpy is not None and isinstance(data, numpy.ndarray):
        return data.tolist()
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        if isinstance(data, pandas.Series):
            return data.tolist()
        if isinstance(data, pandas.DataFrame) and getattr(featurizer, "RECORDS", False):
            return data.to_dict(orient="records")
    return data


def _refuse_fit_params(featurizer, method, fit_params):
    if fit_params:
        names = ", ".join(sorted(fit_params))
        raise TypeError(f"{type(featurizer).__name__}.{method} takes no fit parameters, got {names}")


def wrap_fit(method):
    """``fit`` or ``fit_transform`` that takes numpy and pandas input and scikit-learn's ``y``."""

    @functools.wraps(method)
    def fit(self, data, y=None, **fit_params):
        _refuse_fit_params(self, method.__name__, fit_params)
        return method(self, as_batch(self, data))

    fit._takes_arrays = True
    return fit


def wrap_transform(method):
    """``transform`` that takes numpy and pandas input and gives what ``set_output`` asked for."""

    @functools.wraps(method)
    def transform(self, data, *args):
        data = as_batch(self, data)
        output = output_of(self)
        if output == "sparse" and type(data) is list and len(data) > SPARSE_BLOCK:
            return _sparse_in_blocks(self, method, data, args)
        return as_output(self, method(self, data, *args), output)

    transform._takes_arrays = True
    return transform


def output_of(featurizer):
    """What ``transform`` gives: ``"default"`` (lists), ``"numpy"`` or ``"sparse"``."""
    config = getattr(featurizer, "_sklearn_output_config", None)
    return (config or {}).get("transform", "default")


def set_output(self, *, transform=None):
    """Choose what ``transform`` returns, as scikit-learn's ``set_output``: ``"default"`` the plain
    lists (the default), ``"numpy"`` a numpy array (numbers as one column; rows of numbers of one
    length as rows, ints as int64, floats as float64), ``"sparse"`` a SciPy CSR matrix of the
    same values; None leaves it as it is. Returns the featurizer. Python only: a bundle's
    ``transform`` always gives arrays of numbers."""
    if transform is None:
        return self
    if transform not in OUTPUTS:
        raise ValueError(
            f"{type(self).__name__}.set_output: transform must be 'default', 'numpy' or 'sparse', got {transform!r}"
            " (a featurizer's columns have no names for a DataFrame)"
        )
    self._sklearn_output_config = {"transform": transform}
    return self


def as_output(featurizer, rows, output):
    """``rows`` (what ``transform`` gave) as ``output`` asks."""
    if output == "default":
        return rows
    matrix = numeric_matrix(featurizer, rows, output)
    if output == "numpy":
        return matrix
    from scipy import sparse

    return sparse.csr_matrix(matrix)


def numeric_matrix(featurizer, rows, output):
    """``rows`` as a 2-D numpy array: a number per item is one column, a list of numbers of one
    length per item is a row; else ValueError naming the first item that is not."""
    import numpy

    if isinstance(rows, list) and len(rows) == 0:
        return numpy.zeros((0, 0))
    try:
        matrix = numpy.asarray(rows) if isinstance(rows, list) else None
    except (ValueError, OverflowError):  # ragged rows, ints beyond int64
        matrix = None
    if matrix is not None and matrix.dtype.kind in "iuf" and matrix.ndim in (1, 2):
        return matrix.reshape(-1, 1) if matrix.ndim == 1 else matrix
    raise ValueError(_not_numeric(featurizer, rows, output))


def _not_numeric(featurizer, rows, output):
    """Why ``rows`` are no matrix of numbers: the first item that is not a number or a list of
    numbers as long as item 0's."""
    where = f"{type(featurizer).__name__}.transform: set_output(transform={output!r}) needs rows of numbers of one length"
    if not isinstance(rows, list):
        return f"{where}, got {type(rows).__name__}"
    first = _describe(rows[0])
    for i, row in enumerate(rows):
        described = _describe(row)
        if described != first or not (described == "a number" or described.endswith(" numbers")):
            return f"{where}: item {i} is {described}" + (f", item 0 {first}" if i > 0 else "")
    return where


def _describe(row):
    if _is_number(row):
        return "a number"
    if isinstance(row, list):
        for value in row:
            if not _is_number(value):
                return f"a list holding {type(value).__name__}"
        return f"a list of {len(row)} numbers"
    return type(row).__name__


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _sparse_in_blocks(featurizer, method, data, args):
    """The CSR matrix of a long batch, transformed ``SPARSE_BLOCK`` items at a time (a featurizer
    maps each item on its own). A failure transforms the batch whole, so that the error names the
    item's position in the batch."""
    from scipy import sparse

    try:
        blocks = [
            as_output(featurizer, method(featurizer, data[i : i + SPARSE_BLOCK], *args), "sparse")
            for i in range(0, len(data), SPARSE_BLOCK)
        ]
    except Exception:  # noqa: BLE001 (raised again, with positions in the whole batch)
        return as_output(featurizer, method(featurizer, data, *args), "sparse")
    return sparse.vstack(blocks, format="csr")
