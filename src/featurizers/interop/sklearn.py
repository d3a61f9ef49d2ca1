"""Fitted scikit-learn objects as featurizers and tfjs models, exactly or not at all.

``from_sklearn(obj)`` gives the fitted featurizer (a ``Pipeline`` or ``Columns``) that transforms
as ``obj`` does (everything before the final classifier of a ``Pipeline``); ``export_sklearn(obj,
folder)`` writes the npm package a pipeline build writes, its predict served by a tfjs layers model
holding the classifier's fitted weights. What cannot be reproduced exactly is refused with
``Unsupported``, naming the object, the parameter and its value.

How each object maps (``SUPPORTED``; the README's table is this one):

- ``CountVectorizer`` / ``TfidfVectorizer`` / ``CountVectorizer`` + ``TfidfTransformer``:
  ``TextCleaner`` (scikit-learn's preprocessing: ``lowercase`` then ``strip_accents``; no rules,
  tags, punctuation or whitespace changes), ``Tokenizer`` (``analyzer``, ``ngram_range``, the
  ``token_pattern`` in the portable subset (``interop.patterns``), ``stop_words`` before the
  n-grams), ``Vocabulary(pad_token=None, oov_token=None)`` holding ``vocabulary_`` by column
  (unknown terms dropped, as scikit-learn does), and ``Counts`` / ``MultiHot`` / ``TfIdf`` with
  ``pad_id=None`` and scikit-learn's ``idf_`` (all 1.0 with ``use_idf=False``).
- ``OneHotEncoder`` / ``OrdinalEncoder``: a ``CategoryEncoder`` per column; ``StandardScaler``:
  ``Standardize`` (``mean_`` 0 without ``with_mean``, ``var_`` 1 without ``with_std``);
  ``MinMaxScaler``: ``MinMaxScale``; ``KBinsDiscretizer``: ``Discretize`` on the inner edges
  (then ``OneHot`` for the one-hot encodings); a ``Pipeline`` of these: their chain per column.
- ``ColumnTransformer`` (fitted on a DataFrame, so its columns have names): ``Columns`` over
  records, in its output order; a text vectorizer takes one column given by name (a str);
  ``"passthrough"`` columns (and ``remainder="passthrough"``) are ``Standardize`` with
  ``mean_`` 0 and ``var_`` 1, which gives each number back as it is.
- The final classifier: dense layers with its fitted weights (``dense_layers``), as a tf_keras
  model that tensorflowjs exports; labels are ``str(c)`` for ``c`` in ``classes_``.

A ``from_sklearn`` featurizer is fitted; fitting it again follows the featurizers' own rules
(``Vocabulary`` orders tokens by count, for example), not scikit-learn's.
"""

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from featurizers.interop import Unsupported
from featurizers.interop.patterns import portable_pattern

SCORE_PROBABILITY = "probability"
SCORE_DECISION = "decision_function"


def from_sklearn(obj):
    """The fitted featurizer equivalent to ``obj``: a vectorizer, a ``ColumnTransformer``, a
    column-wise transformer fitted on a DataFrame, or a ``Pipeline`` of them (its final
    classifier, if any, is left out: ``export_sklearn`` takes it)."""
    from featurizers import from_config

    steps, _estimator = _split(obj)
    return from_config(_featurizer_config(steps)[0])


@dataclass
class Conversion:
    """A fitted scikit-learn pipeline, converted: the featurizer's config, the classifier's dense
    layers, its labels, what its scores are, and the kind of input (``"text"`` or ``"record"``)."""

    config: dict
    input: str
    layers: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    score: str = SCORE_PROBABILITY
    description: str = ""

    def featurizer(self):
        from featurizers import from_config

        return from_config(self.config)

    def scores(self, features):
        """The classifier's scores for feature rows, in float64 (``dense_forward``)."""
        return dense_forward(self.layers, np.asarray(features, dtype=np.float64))

    def keras_model(self):
        return keras_model(self.layers)


def convert(obj):
    """``obj`` (a ``Pipeline`` ending in a supported classifier) as a ``Conversion``; checks the
    layers against the classifier itself on random rows."""
    steps, estimator = _split(obj)
    if estimator is None:
        raise Unsupported(type(obj).__name__, "steps", _describe(obj), "a package predicts: end the pipeline with a supported classifier")
    config, kind = _featurizer_config(steps)
    from featurizers import from_config

    config = from_config(config).get_config()  # as the featurizer writes it (defaults left out)
    layers, score = dense_layers(estimator)
    conversion = Conversion(config, kind, layers, _labels(estimator), score, _describe(obj))
    rows = np.random.default_rng(0).random((16, layers[0][0].shape[0]))
    check_scores(estimator, conversion, rows)
    return conversion


def export_sklearn(model, out_dir, samples=None, name=None, root=None, log=print):
    """Write the npm package for the fitted ``model`` (a ``Pipeline`` ending in a classifier) into
    ``out_dir`` (intermediates in ``build/exports/NAME/``): ``transform`` gives the rows of the pipeline's transform (dense), ``predict``
    the classifier's ``predict_proba`` (or ``decision_function``, ``scoreKind`` says which) by
    label. ``samples`` (texts, or records / a DataFrame for a ``ColumnTransformer``): inputs on
    which the featurizer and the layers are checked against scikit-learn first (1e-12 relative
    for features, 1e-9 for scores); a difference raises and nothing is written. The build checks the
    config and gates the package on a parity run in Node (``build_package``: the samples, if any,
    and the adversarial set), and replaces ``out_dir`` only when both pass. ``name``: the
    package's name (default: the folder's). Returns the folder."""
    from featurizers.compiler.build import build_package
    from featurizers.training.artifacts import Artifacts
    from featurizers.training.train import export_tfjs

    conversion = convert(model)
    if samples is not None:
        check_samples(model, conversion, samples)
    out_dir = Path(out_dir).resolve()
    name = name or out_dir.name
    meta = package_meta(conversion, name)
    root = Artifacts(name, root).root
    # Intermediates in a fixed place, as a pipeline's build/NAME/: the source maps name the
    # rendered templates by their path, so a temporary folder would make every export differ.
    work = root / "build" / "exports" / name
    export_tfjs(conversion.keras_model(), work / "tfjs")
    # The parity gate runs the samples too (as inputs the package will get), besides its adversarial set.
    probe = [("the samples", _records(samples) if conversion.input == "record" else list(samples))] if samples is not None else []
    build_package(name, conversion.config, work / "tfjs", meta, out_dir, work, root, log=log, probe=probe)
    return out_dir


def package_meta(conversion, name):
    """``meta.json``'s content for a converted pipeline (and the package's names)."""
    return {
        "name": name,
        "labels": conversion.labels,
        "input": conversion.input,
        "input_dtype": "float32",
        "model_format": "layers",
        "score": conversion.score,
        "package_name": name,
        "description": f"{conversion.description}, exported exactly from scikit-learn",
        "made_by": "`featurizers.export_sklearn`",
        "made_from": f"a fitted scikit-learn {conversion.description}",
    }


# --- checks against scikit-learn itself ----------------------------------------------------------


def sklearn_features(model, inputs):
    """What the transform steps of ``model`` give for ``inputs``, as a dense float64 array."""
    steps, _estimator = _split(model)
    data = _sklearn_input(steps, inputs)
    for step in steps:
        data = step.transform(data)
    return _dense(data)


def sklearn_scores(estimator, features):
    """The scores ``dense_layers`` reproduces: ``predict_proba``, or ``decision_function`` as
    one column per label (``[-d, d]`` for two labels)."""
    if _score_kind(estimator) == SCORE_PROBABILITY:
        return estimator.predict_proba(features)
    d = estimator.decision_function(features)
    return np.column_stack([-d, d]) if d.ndim == 1 else d


def check_samples(model, conversion, samples):
    """Raise ``Unsupported`` if the featurizer differs from ``model``'s transform on ``samples``
    by more than 1e-12 (relative), and ``AssertionError`` if the layers differ from the
    classifier's scores by more than 1e-9."""
    expected = sklearn_features(model, samples)
    inputs = _records(samples) if conversion.input == "record" else list(samples)
    got = np.asarray(conversion.featurizer().transform(inputs), dtype=np.float64)
    if got.shape != expected.shape:
        raise AssertionError(f"the featurizer gives rows of {got.shape[1:]}, scikit-learn {expected.shape[1:]}")
    bad = np.abs(got - expected) > 1e-12 * np.maximum(1.0, np.abs(expected))
    if bad.any():
        i = int(np.argwhere(bad)[0][0])
        raise Unsupported(conversion.description, "samples", f"<item {i}>", f"its features differ from scikit-learn's (item {i}: {inputs[i]!r})")
    _steps, estimator = _split(model)
    check_scores(estimator, conversion, expected)


def check_scores(estimator, conversion, features):
    expected = sklearn_scores(estimator, features)
    got = conversion.scores(features)
    worst = float(np.max(np.abs(got - expected) / np.maximum(1.0, np.abs(expected))))
    if not worst <= 1e-9:
        raise AssertionError(f"the dense layers for {type(estimator).__name__} differ from it by {worst:.3g}")


def _sklearn_input(steps, inputs):
    if steps and _is_record_step(steps[0]):
        import pandas as pd

        if isinstance(inputs, pd.DataFrame):
            return inputs
        return pd.DataFrame(_records(inputs), columns=list(steps[0].feature_names_in_))
    return list(inputs)


def _records(inputs):
    """Records (dicts of plain Python values) from a DataFrame or a list of dicts."""
    if hasattr(inputs, "to_dict"):
        inputs = inputs.to_dict("records")
    return [{key: value.item() if hasattr(value, "item") else value for key, value in record.items()} for record in inputs]


def _dense(data):
    if hasattr(data, "toarray"):
        data = data.toarray()
    return np.asarray(data, dtype=np.float64)


# --- the transform steps ---------------------------------------------------------------------------


def _classes():
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import KBinsDiscretizer, MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler

    return {
        "ColumnTransformer": ColumnTransformer,
        "CountVectorizer": CountVectorizer,
        "TfidfTransformer": TfidfTransformer,
        "TfidfVectorizer": TfidfVectorizer,
        "Pipeline": Pipeline,
        "column-wise": (KBinsDiscretizer, MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler),
    }


def _split(obj):
    """(the transform steps, the final classifier or None) of a Pipeline or of one object."""
    from sklearn.base import is_classifier

    classes = _classes()
    steps = [step for _name, step in obj.steps if step is not None and step != "passthrough"] if isinstance(obj, classes["Pipeline"]) else [obj]
    _check_fitted(obj)
    if steps and is_classifier(steps[-1]):
        return steps[:-1], steps[-1]
    return steps, None


def _check_fitted(obj):
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    try:
        check_is_fitted(obj)
    except NotFittedError:
        raise Unsupported(type(obj).__name__, "fitted", False, "fit it first: its fitted state is what is exported") from None


def _is_record_step(step):
    classes = _classes()
    return isinstance(step, (classes["ColumnTransformer"], *classes["column-wise"]))


def _featurizer_config(steps):
    """(the config of the featurizer that ``steps`` make, its input kind "text" or "record")."""
    classes = _classes()
    if not steps:
        raise Unsupported("Pipeline", "steps", "[]", "no transform step: start with a vectorizer or a ColumnTransformer")
    first = steps[0]
    rest = steps[1:]
    if isinstance(first, classes["CountVectorizer"]):
        tfidf = None
        if not isinstance(first, classes["TfidfVectorizer"]) and rest and isinstance(rest[0], classes["TfidfTransformer"]):
            tfidf, rest = rest[0], rest[1:]
        config, kind = _text_config(first, tfidf), "text"
    elif isinstance(first, classes["ColumnTransformer"]):
        config, kind = _column_transformer_config(first), "record"
    elif isinstance(first, classes["column-wise"]):
        chain = []
        while rest and isinstance(rest[0], classes["column-wise"]):
            chain.append(rest[0])
            rest = rest[1:]
        names = getattr(first, "feature_names_in_", None)
        if names is None:
            raise Unsupported(type(first).__name__, "feature_names_in_", None, "fit it on a pandas DataFrame: its columns' names are the records' fields")
        config, kind = _columns_config([str(n) for n in names], [first, *chain]), "record"
    else:
        raise Unsupported(type(first).__name__, "type", type(first).__name__, f"not supported (supported: {', '.join(SUPPORTED_TRANSFORMERS)})")
    if rest:
        step = rest[0]
        raise Unsupported(type(step).__name__, "position", "after " + type(first).__name__, "a step after the features works on whole vectors; only the steps listed in the README compose")
    return config, kind


SUPPORTED_TRANSFORMERS = [
    "CountVectorizer",
    "TfidfVectorizer",
    "TfidfTransformer (after a CountVectorizer)",
    "OneHotEncoder",
    "OrdinalEncoder",
    "StandardScaler",
    "MinMaxScaler",
    "KBinsDiscretizer",
    "ColumnTransformer",
    "Pipeline",
]


def _param_default(obj, param):
    import inspect

    return inspect.signature(type(obj).__init__).parameters[param].default


def _check_params(obj, handled):
    """Refuse every parameter of ``obj`` that ``handled`` does not name and that is not at
    scikit-learn's default (a parameter a newer version added, say)."""
    for param, value in sorted(obj.get_params(deep=False).items()):
        if param in handled:
            continue
        default = _param_default(obj, param)
        if not (value is default or (isinstance(value, (str, int, float, bool, type(None))) and value == default)):
            raise Unsupported(type(obj).__name__, param, value, "this parameter is not supported")


def _text_config(vectorizer, tfidf=None):
    """The Pipeline config of a fitted CountVectorizer / TfidfVectorizer (or a CountVectorizer
    then a TfidfTransformer)."""
    classes = _classes()
    owner = type(vectorizer).__name__
    handled = {"input", "encoding", "decode_error", "strip_accents", "lowercase", "preprocessor", "tokenizer", "stop_words",
               "token_pattern", "ngram_range", "analyzer", "max_df", "min_df", "max_features", "vocabulary", "binary", "dtype",
               "norm", "use_idf", "smooth_idf", "sublinear_tf"}
    _check_params(vectorizer, handled)
    if vectorizer.input != "content":
        raise Unsupported(owner, "input", vectorizer.input, "the package takes the texts themselves ('content')")
    analyzer = vectorizer.analyzer
    if callable(analyzer):
        raise Unsupported(owner, "analyzer", _callable_name(analyzer), "a callable analyzer is Python code, which cannot run in JavaScript")
    if analyzer not in ("word", "char", "char_wb"):
        raise Unsupported(owner, "analyzer", analyzer, "expected 'word', 'char' or 'char_wb'")
    if vectorizer.preprocessor is not None:
        raise Unsupported(owner, "preprocessor", _callable_name(vectorizer.preprocessor), "a callable preprocessor is Python code, which cannot run in JavaScript")
    if analyzer == "word" and vectorizer.tokenizer is not None:
        raise Unsupported(owner, "tokenizer", _callable_name(vectorizer.tokenizer), "a callable tokenizer is Python code, which cannot run in JavaScript; use a token_pattern")
    accents = vectorizer.strip_accents
    if callable(accents):
        raise Unsupported(owner, "strip_accents", _callable_name(accents), "a callable is Python code, which cannot run in JavaScript; use 'ascii' or 'unicode'")
    if accents not in (None, "ascii", "unicode"):
        raise Unsupported(owner, "strip_accents", accents, "expected None, 'ascii' or 'unicode'")
    steps = []
    if vectorizer.lowercase or accents is not None:
        steps.append({"type": "TextCleaner", "normalization_form": None, "lowercase": bool(vectorizer.lowercase), "strip_accents": accents,
                      "rules": [], "strip_html": False, "strip_punctuation": False, "collapse_whitespace": False})
    tokenizer = {"type": "Tokenizer", "analyzer": analyzer, "ngram_range": [int(n) for n in vectorizer.ngram_range]}
    if analyzer == "word":
        if vectorizer.token_pattern is None:
            raise Unsupported(owner, "token_pattern", None, "a word analyzer needs a token_pattern")
        tokenizer["token_pattern"] = portable_pattern(vectorizer.token_pattern, owner)
        stop = vectorizer.get_stop_words()
        if stop is not None:
            words = list(stop)
            if not all(isinstance(word, str) for word in words):
                raise Unsupported(owner, "stop_words", vectorizer.stop_words, "stop words must be str")
            tokenizer["stop_words"] = sorted(words)
    steps.append(tokenizer)
    by_column = sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
    if [column for _term, column in by_column] != list(range(len(by_column))):
        raise Unsupported(owner, "vocabulary_", "<not columns 0..n-1>", "the vocabulary's columns must be 0 .. n - 1")
    size = len(by_column)
    steps.append({"type": "Vocabulary", "max_tokens": None, "min_count": 1, "oov_token": None, "pad_token": None,
                  "vocabulary_": [str(term) for term, _column in by_column]})
    binary = bool(vectorizer.binary)
    weights = vectorizer if isinstance(vectorizer, classes["TfidfVectorizer"]) else tfidf
    if weights is None:
        _check_count_dtype(owner, vectorizer.dtype)
        steps.append({"type": "MultiHot" if binary else "Counts", "num_tokens": size, "pad_id": None, "num_tokens_": size})
        return {"type": "Pipeline", "steps": steps}
    wowner = type(weights).__name__
    if weights is tfidf:
        _check_params(tfidf, {"norm", "use_idf", "smooth_idf", "sublinear_tf"})
        if np.dtype(vectorizer.dtype) == np.float32:
            raise Unsupported(owner, "dtype", "float32", "TfidfTransformer then computes in float32, whose rounding JavaScript's doubles do not reproduce")
    elif np.dtype(vectorizer.dtype) != np.float64:
        raise Unsupported(owner, "dtype", np.dtype(vectorizer.dtype).name, "only float64 is reproduced exactly (float32 arithmetic rounds otherwise)")
    if weights.norm not in (None, "l1", "l2"):
        raise Unsupported(wowner, "norm", weights.norm, "expected 'l1', 'l2' or None")
    if weights.use_idf:
        idf = [float(x) for x in weights.idf_]
        if len(idf) != size:
            raise Unsupported(wowner, "idf_", f"<{len(idf)} values>", f"the vocabulary has {size} terms")
        for term_column, value in enumerate(idf):
            if not math.isfinite(value):
                raise Unsupported(wowner, "idf_", value, f"the term {by_column[term_column][0]!r} has an infinite idf (smooth_idf=False and a fixed vocabulary term seen in no document)")
    else:
        idf = [1.0] * size  # tf * 1.0 is tf, exactly
    steps.append({"type": "TfIdf", "num_tokens": size, "norm": weights.norm, "smooth_idf": bool(weights.smooth_idf),
                  "sublinear_tf": bool(weights.sublinear_tf), "pad_id": None, "binary": binary, "num_tokens_": size, "idf_": idf})
    return {"type": "Pipeline", "steps": steps}


def _check_count_dtype(owner, dtype):
    kind = np.dtype(dtype)
    if not (np.issubdtype(kind, np.integer) and kind.itemsize >= 4) and kind not in (np.float64, np.float32):
        raise Unsupported(owner, "dtype", kind.name, "counts are reproduced in int32, int64, float32 and float64 (smaller types wrap or round)")


def _callable_name(value):
    return f"<{getattr(value, '__qualname__', type(value).__name__)}>"


def _column_transformer_config(ct):
    """``Columns`` over records for a fitted ColumnTransformer, in its output order."""
    classes = _classes()
    owner = "ColumnTransformer"
    _check_params(ct, {"transformers", "remainder", "sparse_threshold", "n_jobs", "verbose", "verbose_feature_names_out", "force_int_remainder_cols"})
    if ct.transformer_weights:
        raise Unsupported(owner, "transformer_weights", ct.transformer_weights, "weights are not supported")
    names = getattr(ct, "feature_names_in_", None)
    if names is None:
        raise Unsupported(owner, "feature_names_in_", None, "fit it on a pandas DataFrame: its columns' names are the records' fields")
    names = [str(n) for n in names]
    columns = []
    for name, transformer, spec in ct.transformers_:
        indices = list(ct._transformer_to_input_indices.get(name, []))
        fields = [names[i] for i in indices]
        if transformer == "drop" or not fields:
            continue
        if _is_passthrough(transformer):
            columns += [[f, _IDENTITY] for f in fields]
            continue
        first = transformer.steps[0][1] if isinstance(transformer, classes["Pipeline"]) else transformer
        if isinstance(first, classes["CountVectorizer"]):
            if not isinstance(spec, str):
                raise Unsupported(owner, "columns", spec, f"the text of {type(first).__name__} comes from one column named by a str, not a list")
            steps, _none = _split(transformer)
            columns.append([spec, _featurizer_config(steps)[0]])
        else:
            chain = [s for _n, s in transformer.steps] if isinstance(transformer, classes["Pipeline"]) else [transformer]
            columns += _columns_config(fields, chain)["columns"]
    return {"type": "Columns", "columns": columns}


def _is_passthrough(transformer):
    """"passthrough", or what a fitted ColumnTransformer holds for it: a FunctionTransformer
    without a function."""
    from sklearn.preprocessing import FunctionTransformer

    if isinstance(transformer, str):
        return transformer == "passthrough"
    return type(transformer) is FunctionTransformer and transformer.func is None and transformer.inverse_func is None


# Standardize with mean 0 and variance 1: (x - 0.0) / 1.0 is x, for every double.
_IDENTITY = {"type": "Standardize", "mean_": 0.0, "var_": 1.0}


def _columns_config(fields, chain):
    """``Columns`` for column-wise transformers applied in turn to ``fields`` (a chain of them,
    each giving one value per column, but the last, which may give a vector)."""
    classes = _classes()
    per_field = [[] for _ in fields]
    for k, transformer in enumerate(chain):
        if not isinstance(transformer, classes["column-wise"]):
            raise Unsupported(type(transformer).__name__, "type", type(transformer).__name__, "not a supported column-wise transformer")
        _check_fitted(transformer)
        n_in = getattr(transformer, "n_features_in_", len(fields))
        if n_in != len(fields):
            raise Unsupported(type(transformer).__name__, "n_features_in_", n_in, f"expected {len(fields)} columns")
        configs, vector = _columnwise(transformer, len(fields))
        if vector and k + 1 < len(chain):
            raise Unsupported(type(chain[k + 1]).__name__, "position", "after " + type(transformer).__name__, "a step after a one-hot encoding works on whole vectors")
        for i, config in enumerate(configs):
            per_field[i].append(config)
    return {"type": "Columns", "columns": [[f, steps[0] if len(steps) == 1 else {"type": "Pipeline", "steps": steps}] for f, steps in zip(fields, per_field)]}


def _columnwise(t, n):
    """([one config per column], whether each gives a vector) for a fitted column-wise transformer."""
    owner = type(t).__name__
    if owner == "StandardScaler":
        _check_params(t, {"copy", "with_mean", "with_std"})
        configs = []
        for i in range(n):
            mean = float(t.mean_[i]) if t.with_mean else 0.0
            if not t.with_std:
                var = 1.0
            else:
                scale = float(t.scale_[i])
                var = float(t.var_[i])
                if math.sqrt(var) != scale:
                    if scale != 1.0:
                        raise Unsupported(owner, "scale_", scale, f"column {i}'s scale is not the square root of its variance")
                    var = 1.0  # a constant column: scikit-learn divides by 1
            configs.append({"type": "Standardize", "mean_": mean, "var_": var})
        return configs, False
    if owner == "MinMaxScaler":
        _check_params(t, {"copy", "feature_range"})
        low, high = (float(x) for x in t.feature_range)
        configs = []
        for i in range(n):
            config = {"type": "MinMaxScale", "feature_range": [low, high], "data_min_": float(t.data_min_[i]), "data_max_": float(t.data_max_[i])}
            configs.append(config)
        _check_minmax(t, configs)
        return configs, False
    if owner == "KBinsDiscretizer":
        _check_params(t, {"n_bins", "encode", "strategy", "quantile_method", "subsample", "random_state", "dtype"})
        if t.dtype not in (None, np.float64):
            raise Unsupported(owner, "dtype", t.dtype, "only float64 is reproduced exactly")
        if t.encode not in ("ordinal", "onehot", "onehot-dense"):
            raise Unsupported(owner, "encode", t.encode, "expected 'ordinal', 'onehot' or 'onehot-dense'")
        configs = []
        for i in range(n):
            edges = [float(x) for x in t.bin_edges_[i][1:-1]]
            discretize = {"type": "Discretize", "bin_boundaries": edges}
            if t.encode == "ordinal":
                configs.append(discretize)
            else:
                configs.append({"type": "Pipeline", "steps": [discretize, {"type": "OneHot", "num_tokens": int(t.n_bins_[i])}]})
        return configs, t.encode != "ordinal"
    if owner == "OneHotEncoder":
        _check_params(t, {"categories", "drop", "sparse_output", "dtype", "handle_unknown"})
        if getattr(t, "infrequent_categories_", None) is not None and any(c is not None for c in t.infrequent_categories_):
            raise Unsupported(owner, "min_frequency", t.min_frequency, "infrequent categories are not supported")
        if t.handle_unknown not in ("error", "ignore", "infrequent_if_exist"):
            raise Unsupported(owner, "handle_unknown", t.handle_unknown, "expected 'error' or 'ignore'")
        configs = []
        for i in range(n):
            drop = None
            if t.drop_idx_ is not None and t.drop_idx_[i] is not None:
                if int(t.drop_idx_[i]) != 0:
                    raise Unsupported(owner, "drop", t.drop, "only 'first', 'if_binary', or each column's first category, can be dropped")
                drop = "first"
            configs.append({"type": "CategoryEncoder", "handle_unknown": "error" if t.handle_unknown == "error" else "ignore", "output": "one_hot",
                            "drop": drop, "categories_": _categories(owner, t.categories_[i], i)})
        return configs, True
    if owner == "OrdinalEncoder":
        _check_params(t, {"categories", "dtype", "handle_unknown", "unknown_value"})
        unknown = -1
        if t.handle_unknown == "use_encoded_value":
            if not (isinstance(t.unknown_value, (int, np.integer)) and not isinstance(t.unknown_value, bool)):
                raise Unsupported(owner, "unknown_value", t.unknown_value, "only an int unknown_value is supported (JSON has no NaN)")
            unknown = int(t.unknown_value)
        configs = [{"type": "CategoryEncoder", "handle_unknown": "error" if t.handle_unknown == "error" else "ignore", "output": "index",
                    "unknown_value": unknown, "categories_": _categories(owner, t.categories_[i], i)} for i in range(n)]
        return configs, False
    raise Unsupported(owner, "type", owner, "not a supported column-wise transformer")


def _categories(owner, categories, column):
    values = [v.item() if hasattr(v, "item") else v for v in categories]
    if not all(isinstance(v, str) for v in values):
        raise Unsupported(owner, "categories_", f"<column {column}: {values[:5]!r}>", "only str categories are supported (numbers and missing values are not)")
    if values != sorted(set(values)):
        raise Unsupported(owner, "categories", f"<column {column}>", "str categories must be in ascending code-point order (as fit gives them)")
    return values


def _check_minmax(t, configs):
    """MinMaxScale recomputes ``scale_`` and ``min_`` in scikit-learn's order (MinMaxScale's
    docstring): refuse a scaler whose stored ones differ."""
    from featurizers.numeric import _CONSTANT_RANGE

    for i, config in enumerate(configs):
        low, high = config["feature_range"]
        data_range = config["data_max_"] - config["data_min_"]
        scale = (high - low) / (1.0 if data_range < _CONSTANT_RANGE else data_range)
        if scale != float(t.scale_[i]) or low - config["data_min_"] * scale != float(t.min_[i]):
            raise Unsupported("MinMaxScaler", "scale_", float(t.scale_[i]), f"column {i}'s scale_ or min_ is not what its data range gives")


def _describe(obj):
    classes = _classes()
    if isinstance(obj, classes["Pipeline"]):
        return "Pipeline(" + ", ".join(type(step).__name__ for _n, step in obj.steps if step is not None and step != "passthrough") + ")"
    return type(obj).__name__


# --- the classifier: dense layers --------------------------------------------------------------------


def _labels(estimator):
    labels = [str(c.item() if hasattr(c, "item") else c) for c in estimator.classes_]
    if len(set(labels)) != len(labels) or len(labels) < 2:
        raise Unsupported(type(estimator).__name__, "classes_", labels, "the labels must be at least two distinct strings")
    return labels


def _score_kind(estimator):
    name = type(estimator).__name__
    if name in ("LinearSVC", "RidgeClassifier", "RidgeClassifierCV"):
        return SCORE_DECISION
    if name == "SGDClassifier" and estimator.loss not in ("log_loss", "modified_huber"):
        return SCORE_DECISION
    return SCORE_PROBABILITY


SUPPORTED_CLASSIFIERS = ["LogisticRegression", "LogisticRegressionCV", "SGDClassifier", "LinearSVC", "RidgeClassifier",
                         "RidgeClassifierCV", "MultinomialNB", "ComplementNB", "MLPClassifier"]


def dense_layers(estimator):
    """(``[(kernel, bias, activation)]`` in float64, the score kind): the layers whose output is
    ``sklearn_scores(estimator, x)``. Two labels: a softmax over ``[-z/2, z/2]`` is
    ``[1 - sigmoid(z), sigmoid(z)]``; decision functions are ``[-d, d]``."""
    name = type(estimator).__name__
    if name not in SUPPORTED_CLASSIFIERS:
        raise Unsupported(name, "type", name, f"not a supported classifier (supported: {', '.join(SUPPORTED_CLASSIFIERS)})")
    _check_fitted(estimator)
    kind = _score_kind(estimator)
    if name == "MLPClassifier":
        return _mlp_layers(estimator), kind
    coef = np.atleast_2d(np.asarray(estimator.coef_ if not name.endswith("NB") else estimator.feature_log_prob_, dtype=np.float64))
    if name == "MultinomialNB":
        bias = np.asarray(estimator.class_log_prior_, dtype=np.float64)
    elif name == "ComplementNB":
        bias = np.zeros(coef.shape[0])  # its joint log likelihood has no prior (for two classes or more)
    else:
        bias = np.broadcast_to(np.asarray(estimator.intercept_, dtype=np.float64), (coef.shape[0],)).copy()
    kernel = coef.T
    if name.endswith("NB"):
        # softmax is the same after subtracting a constant from every class's score: centring
        # each feature's weights keeps the logits small, so float32 loses less of them.
        kernel = kernel - kernel.mean(axis=1, keepdims=True)
        bias = bias - bias.mean()
        return [(kernel, bias, "softmax")], kind
    if kind == SCORE_DECISION:
        if kernel.shape[1] == 1:
            return [(np.hstack([-kernel, kernel]), np.concatenate([-bias, bias]), "linear")], kind
        return [(kernel, bias, "linear")], kind
    binary = kernel.shape[1] == 1
    if name == "SGDClassifier" and estimator.loss == "modified_huber":
        if not binary:
            raise Unsupported(name, "loss", "modified_huber", "its probabilities for more than two classes (clipped scores, normalized, uniform when all are 0) are not reproduced")
        # p = (clip(d, -1, 1) + 1) / 2 = (relu(d + 1) - relu(d - 1)) / 2, then [1 - p, p].
        first = (np.hstack([kernel, kernel]), np.concatenate([bias + 1.0, bias - 1.0]), "relu")
        second = (np.array([[-0.5, 0.5], [0.5, -0.5]]), np.array([1.0, 0.0]), "linear")
        return [first, second], kind
    if binary:
        return [(np.hstack([-kernel / 2, kernel / 2]), np.concatenate([-bias / 2, bias / 2]), "softmax")], kind
    if name == "SGDClassifier":
        # One-vs-rest: sigmoid(d_k) / sum_j sigmoid(d_j) = softmax(log sigmoid(d)), and
        # log sigmoid(d) = -softplus(-d).
        k = kernel.shape[1]
        return [(-kernel, -bias, "softplus"), (-np.eye(k), np.zeros(k), "softmax")], kind
    return [(kernel, bias, "softmax")], kind


def _mlp_layers(mlp):
    owner = "MLPClassifier"
    activations = {"identity": "linear", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}
    if mlp.activation not in activations:
        raise Unsupported(owner, "activation", mlp.activation, "not supported")
    if getattr(mlp._label_binarizer, "y_type_", "") == "multilabel-indicator":
        raise Unsupported(owner, "classes_", "<multilabel>", "multilabel classifiers are not supported")
    layers = []
    for i, (kernel, bias) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        kernel = np.asarray(kernel, dtype=np.float64)
        bias = np.asarray(bias, dtype=np.float64)
        if i + 1 < len(mlp.coefs_):
            layers.append((kernel, bias, activations[mlp.activation]))
        elif mlp.out_activation_ == "softmax":
            layers.append((kernel, bias, "softmax"))
        elif mlp.out_activation_ == "logistic" and kernel.shape[1] == 1:
            layers.append((np.hstack([-kernel / 2, kernel / 2]), np.concatenate([-bias / 2, bias / 2]), "softmax"))
        else:
            raise Unsupported(owner, "out_activation_", mlp.out_activation_, "not supported")
    return layers


def _activate(x, activation):
    if activation == "linear":
        return x
    if activation == "relu":
        return np.maximum(x, 0.0)
    if activation == "sigmoid":
        from scipy.special import expit

        return expit(x)
    if activation == "tanh":
        return np.tanh(x)
    if activation == "softplus":
        return np.logaddexp(0.0, x)
    if activation == "softmax":
        from scipy.special import softmax

        return softmax(x, axis=1)
    raise ValueError(f"unknown activation {activation}")


def dense_forward(layers, x):
    """The layers applied to rows ``x`` in float64: what the tfjs model computes in float32."""
    for kernel, bias, activation in layers:
        x = _activate(x @ kernel + bias, activation)
    return x


def keras_model(layers):
    """A tf_keras model of the layers (float32 weights), which tensorflowjs exports."""
    from featurizers.training import models

    k = models.keras()
    inputs = k.layers.Input(shape=(layers[0][0].shape[0],), dtype="float32", name="features")
    x = inputs
    dense = []
    for i, (kernel, _bias, activation) in enumerate(layers):
        last = i + 1 == len(layers)
        layer = k.layers.Dense(kernel.shape[1], activation=activation, name="scores" if last else f"dense_{i}")
        x = layer(x)
        dense.append(layer)
    model = k.Model(inputs, x, name="sklearn")
    for layer, (kernel, bias, _activation) in zip(dense, layers):
        layer.set_weights([kernel.astype(np.float32), bias.astype(np.float32)])
    return model
