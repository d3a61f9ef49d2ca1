"""Python only, never compiled: what a featurizer does for a data scientist in CPython alone.

The featurizers are restricted Python that also compiles to JavaScript, where ``fit`` and
``transform`` keep their exact checks of plain lists. On the Python side ``install`` (called by
``featurizers.base`` for ``Featurizer``, and so for every subclass, yours included) adds:

- **numpy and pandas input** (``data``): ``fit``, ``transform`` and ``fit_transform`` take a
  numpy array or a pandas Series wherever they take a list, and ``Columns`` a pandas DataFrame
  (as its records); they become lists (``tolist()``, ``to_dict(orient="records")``) before the
  featurizer's own checks, which then name a bad item as for a list. ``fit(X, y)`` and
  ``fit_transform(X, y)`` accept scikit-learn's ``y`` and ignore it.
- **output** (``data``): ``set_output(transform="numpy")`` makes ``transform`` return a numpy
  array (numbers as one column, rows of numbers as rows), ``"sparse"`` a SciPy CSR matrix (for
  ``Counts``, ``MultiHot``, ``TfIdf``; made a block of rows at a time), ``"default"`` the plain
  lists, which stay the default.
- **scikit-learn's estimator protocol** (``params``): ``get_params`` / ``set_params`` (with
  ``deep`` names for the steps of a ``Pipeline`` and the fields of ``Columns``, as
  ``make_pipeline`` names them: ``vocabulary__max_tokens``), ``sklearn.base.clone``
  (``__sklearn_clone__``), ``__sklearn_tags__`` and ``__sklearn_is_fitted__``, so a featurizer is
  a step of ``sklearn.pipeline.Pipeline`` and is tuned by ``GridSearchCV``;
- a **repr** as scikit-learn's: ``Tokenizer(ngram_range=[1, 2])``, only the parameters that
  differ from their defaults.

None of it imports numpy, pandas, SciPy or scikit-learn until it is used with them.
"""

from featurizers.estimator import data, params

METHODS = {
    "get_params": params.get_params,
    "set_params": params.set_params,
    "set_output": data.set_output,
    "__repr__": params.featurizer_repr,
    "__sklearn_clone__": params.sklearn_clone,
    "__sklearn_tags__": params.sklearn_tags,
    "__sklearn_is_fitted__": params.sklearn_is_fitted,
}


def install(base):
    """Give ``base`` (``Featurizer``) and every class derived from it the Python-side methods."""
    for name, method in METHODS.items():
        setattr(base, name, method)
    base.__init_subclass__ = classmethod(_adopt)
    _adopt(base)


def _adopt(cls, **kwargs):
    """``fit``, ``transform`` and ``fit_transform`` of ``cls`` itself take numpy and pandas input
    (and scikit-learn's ``y``); ``transform`` gives the output ``set_output`` asked for."""
    for name, wrap in (("fit", data.wrap_fit), ("fit_transform", data.wrap_fit), ("transform", data.wrap_transform)):
        method = cls.__dict__.get(name)
        if method is not None and not getattr(method, "_takes_arrays", False):
            setattr(cls, name, wrap(method))
