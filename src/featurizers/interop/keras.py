"""Keras preprocessing layers as featurizers, and Keras models that start with them as npm packages.

``from_keras(layer)`` returns the fitted featurizer that gives what the layer gives, in CPython and,
compiled, in JavaScript; ``from_keras([layer, layer, ...])`` a chain of them; ``from_keras(model)``
the featurizer of a model's preprocessing. ``export_keras(model, "dist/name")`` cuts a model after
its preprocessing layers: they become featurizers, the rest of the model goes to TensorFlow.js, and
the npm package is written by the same build as ``make py=NAME``'s.

Both Kerases installed here are read: ``tf_keras`` (2.19, what the project trains with) and Keras 3.
What cannot be exact in JavaScript is refused with a ``KerasConversionError`` that names the layer,
the parameter and its value. Measured facts this module relies on (TensorFlow 2.19, tested in
``tests/interop/``):

- ``tf.strings.lower`` lowercases ``A``-``Z`` only (``TextCleaner(lowercase="ascii")``), and
  ``TextVectorization`` strips ASCII punctuation with ``""``;
- ``tf.strings.split`` splits on ASCII whitespace only (``\\t \\n \\v \\f \\r`` and space);
  ``tf.strings.unicode_split`` gives code points;
- ``tf.strings.ngrams`` gives each width's n-grams in turn, in the order the widths are given;
- a vocabulary is taken as the layer holds it (Keras breaks count ties in reverse code point
  order); ``TextVectorization`` holds ``""`` and ``"[UNK]"`` at 0 and 1 in ``int`` mode, and
  ``"[UNK]"`` at 0 otherwise, which it counts (id 0 is then no padding: ``pad_id=None``);
- ``tf_idf`` is ``count * idf`` in float32 (``TfIdf(dtype="float32")``), the OOV weight included.
"""

import contextlib
import shutil
from pathlib import Path

from featurizers.interop import Unsupported
from featurizers.portable import MAX_SAFE_INTEGER
from featurizers.text import ASCII_PUNCTUATION_PATTERN
from featurizers.training.console import native_stderr_held  # TensorFlow's environment, set before it is imported

# What tf.strings.split (no separator) splits on: absl's ASCII whitespace, \t \n \v \f \r and space.
WHITESPACE_SPLIT_PATTERN = "[^\t-\r ]+"
# One code point, any (tf.strings.unicode_split(text, "UTF-8")): written with the literal first and
# last code points, the one spelling both CPython's re and a JS RegExp with the u flag read alike.
CHARACTER_SPLIT_PATTERN = "[\x00-\U0010ffff]"

STANDARDIZE = {
    None: (False, False),
    "lower_and_strip_punctuation": (True, True),
    "lower": (True, False),
    "strip_punctuation": (False, True),
}
SPLIT_PATTERNS = {"whitespace": WHITESPACE_SPLIT_PATTERN, "character": CHARACTER_SPLIT_PATTERN}
OOV_TOKEN = "[UNK]"
MASK_TOKEN = ""


class KerasConversionError(Unsupported):
    """A Keras layer, parameter or model that featurizers cannot reproduce exactly in JavaScript:
    the message names the layer (or model), the parameter and its value, and why."""

    def __init__(self, message, owner=None, param=None, value=None):
        ValueError.__init__(self, message)
        self.owner = owner
        self.param = param
        self.value = value


# --- which Keras, which layer ---------------------------------------------------------------------


def _flavor(obj):
    """"tf_keras" or "keras" (Keras 3) for an object of one of their own classes, else None."""
    module = type(obj).__module__
    if module == "tf_keras" or module.startswith("tf_keras."):
        return "tf_keras"
    if module == "keras" or module.startswith("keras."):
        return "keras"
    return None


def _describe(layer):
    return f"{type(layer).__name__} '{getattr(layer, 'name', '?')}'"


def _shown(value):
    if callable(value):
        return f"<callable {getattr(value, '__name__', type(value).__name__)}>"
    return repr(value)


def _refuse(layer, param, value, reason):
    owner = _describe(layer)
    raise KerasConversionError(f"{owner}: {param}={_shown(value)} cannot be exported: {reason}", owner, param, value)


def _plain(value):
    """A numpy or TensorFlow scalar as the Python value it holds; str for strings and bytes."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def _numpy(value):
    import numpy as np

    if hasattr(value, "numpy"):
        value = value.numpy()
    return np.asarray(value)


# --- layers -------------------------------------------------------------------------------------


def from_keras(obj, input_shape=()):
    """The fitted featurizer equal to a Keras preprocessing layer, a list of layers applied in turn,
    or the preprocessing of a Keras model (the layers ``export_keras`` turns into featurizers).

    ``input_shape``: the shape of one example's input to the (first) layer, without the batch:
    ``()`` (default) or ``(1,)`` for one value (a str, a number), ``(n,)`` for a sequence of
    them (a list per example; ``TextVectorization`` takes one text). For one value, the
    featurizer gives one value (an id, a number) or one vector per example, where Keras gives
    ``(batch, 1)`` or ``(batch, width)``.

    Returns a ``Pipeline`` (or, for a model with several inputs, ``Columns``) whose config holds the
    layer's vocabulary, weights and parameters. It is fitted: do not fit it again (its ``TfIdf``,
    ``Standardize`` and ``CategoryEncoder`` refuse, as their state is Keras'; a ``Vocabulary``
    would learn its own order, count ties by code point, where Keras breaks them the other way).
    Raises ``KerasConversionError`` naming the layer, the parameter and its value for what is not
    exact in JavaScript.
    """
    from featurizers import from_config

    if _is_model(obj):
        return split_model(obj).featurizer
    layers = list(obj) if isinstance(obj, (list, tuple)) else [obj]
    return from_config(_chain_config(layers, tuple(input_shape or ()))[0])


def _layer_steps(layer, shape):
    """The configs of the featurizer steps that reproduce ``layer`` on inputs of per-example
    ``shape``, and the per-example shape of its output."""
    if _flavor(layer) is None:
        raise KerasConversionError(f"{_describe(layer)} is not a layer of tf_keras or Keras 3")
    converter = _CONVERTERS.get(type(layer).__name__)
    if converter is None:
        raise KerasConversionError(
            f"{_describe(layer)}: no featurizer reproduces this layer (supported: {', '.join(sorted(_CONVERTERS))})"
        )
    return converter(layer, shape)


def _one_value(shape):
    return tuple(shape) in ((), (1,))


def _vocabulary(layer):
    return [_plain(token) for token in layer.get_vocabulary(include_special_tokens=True)]


def _text_vectorization(layer, shape):
    config = layer.get_config()
    if not _one_value(shape):
        _refuse(layer, "input_shape", shape, "TextVectorization takes one text per example")
    encoding = config.get("encoding", "utf-8")
    if str(encoding).lower().replace("_", "-") not in ("utf-8", "utf8"):
        _refuse(layer, "encoding", encoding, "featurizers take Unicode text (UTF-8)")
    standardize = layer._standardize
    if callable(standardize) or standardize not in STANDARDIZE:
        _refuse(layer, "standardize", standardize, "only None, 'lower_and_strip_punctuation', 'lower' and 'strip_punctuation' compile to JavaScript")
    split = layer._split
    if callable(split) or split not in SPLIT_PATTERNS:
        reason = "a Python callable does not compile to JavaScript" if callable(split) else "only 'whitespace' and 'character' are supported (None, a text as one token, is not)"
        _refuse(layer, "split", split, reason)
    ngram_range = _ngram_range(layer, config.get("ngrams"))
    output_mode = config.get("output_mode")
    if output_mode not in ("int", "multi_hot", "count", "tf_idf"):
        _refuse(layer, "output_mode", output_mode, "only 'int', 'multi_hot', 'count' and 'tf_idf' are supported")
    if config.get("sparse"):
        _refuse(layer, "sparse", True, "featurizers give dense rows")

    lower, strip = STANDARDIZE[standardize]
    steps = []
    if lower or strip:
        steps.append(
            {
                "type": "TextCleaner",
                "normalization_form": None,
                "lowercase": "ascii" if lower else False,
                "strip_accents": None,
                "rules": [[ASCII_PUNCTUATION_PATTERN, ""]] if strip else [],
                "strip_html": False,
                "strip_punctuation": False,
                "collapse_whitespace": False,
            }
        )
    steps.append({"type": "Tokenizer", "token_pattern": SPLIT_PATTERNS[split], "ngram_range": ngram_range})
    vocabulary = _vocabulary(layer)
    if output_mode == "int":
        if vocabulary[:2] != [MASK_TOKEN, OOV_TOKEN]:
            _refuse(layer, "vocabulary", vocabulary[:2], "an 'int' vocabulary starts with '' and '[UNK]'")
        steps.append(_vocabulary_step(vocabulary, MASK_TOKEN))
        length = config.get("output_sequence_length")
        if config.get("ragged"):
            if length is not None and _flavor(layer) == "keras":
                _refuse(layer, "output_sequence_length", length, "with ragged=True Keras 3 truncates without padding, which no featurizer does")
        elif length is None:
            _refuse(layer, "output_sequence_length", None, "each row would be padded to the longest text of its batch; set output_sequence_length")
        else:
            steps.append({"type": "PadSequences", "length": int(length), "padding": "post", "truncating": "post", "value": 0})
        return steps, (length,)
    if vocabulary[:1] != [OOV_TOKEN]:
        _refuse(layer, "vocabulary", vocabulary[:1], f"a '{output_mode}' vocabulary starts with '[UNK]'")
    steps.append(_vocabulary_step(vocabulary, None))
    width = len(vocabulary)
    if config.get("pad_to_max_tokens") and config.get("max_tokens"):
        width = int(config["max_tokens"])
    steps.append(_encoding_step(layer, output_mode, width, _idf_weights(layer, width) if output_mode == "tf_idf" else None))
    return steps, (width,)


def _ngram_range(layer, ngrams):
    """Keras' ``ngrams`` (None, n, or a tuple of widths) as ``Tokenizer``'s ``[min_n, max_n]``."""
    if ngrams is None:
        return [1, 1]
    if isinstance(ngrams, int) and not isinstance(ngrams, bool):
        if ngrams < 1:
            _refuse(layer, "ngrams", ngrams, "ngrams must be at least 1")
        return [1, ngrams]
    widths = [int(n) for n in ngrams]
    if not widths or widths != list(range(widths[0], widths[0] + len(widths))) or widths[0] < 1:
        _refuse(layer, "ngrams", tuple(ngrams), "only consecutive ascending widths (n, n+1, ..., m) are supported, as Tokenizer's ngram_range=[n, m]")
    return [widths[0], widths[-1]]


def _vocabulary_step(vocabulary, pad_token):
    if len(set(vocabulary)) != len(vocabulary):
        raise KerasConversionError(f"the vocabulary holds a token twice: {vocabulary[:5]}...")
    return {"type": "Vocabulary", "max_tokens": None, "min_count": 1, "oov_token": OOV_TOKEN, "pad_token": pad_token, "vocabulary_": vocabulary}


def _encoding_step(layer, output_mode, width, idf):
    """``multi_hot``, ``count`` or ``tf_idf`` of ids where id 0 is an id as any other."""
    if output_mode == "multi_hot":
        return {"type": "MultiHot", "num_tokens": width, "pad_id": None, "num_tokens_": width}
    if output_mode == "count":
        return {"type": "Counts", "num_tokens": width, "pad_id": None, "num_tokens_": width}
    return {
        "type": "TfIdf",
        "num_tokens": width,
        "pad_id": None,
        "norm": None,
        "smooth_idf": True,
        "sublinear_tf": False,
        "dtype": "float32",
        "num_tokens_": width,
        "idf_": idf,
    }


def _idf_weights(layer, width):
    """The float32 idf weights the layer multiplies counts by (the OOV weight first, then the
    vocabulary's, zeros up to ``max_tokens`` with ``pad_to_max_tokens``)."""
    lookup = getattr(layer, "_lookup_layer", layer)
    weights = getattr(lookup, "idf_weights_const", None)
    if weights is None:
        weights = getattr(lookup, "idf_weights", None)
    if weights is None:
        _refuse(layer, "idf_weights", None, "the layer has no idf weights: adapt it or give them")
    values = [float(x) for x in _numpy(weights).astype("float32").tolist()]
    if len(values) != width:
        _refuse(layer, "idf_weights", f"<{len(values)} weights>", f"expected {width}, one per output column")
    return values


def _normalization(layer, shape):
    config = layer.get_config()
    if config.get("invert"):
        _refuse(layer, "invert", True, "only the forward normalization is supported")
    if getattr(layer, "mean", None) is not None:
        mean, variance = layer.mean, layer.variance
    elif config.get("mean") is not None:  # given, and not built yet: Keras takes them as float32
        mean, variance = config["mean"], config["variance"]
    else:
        _refuse(layer, "mean", None, "the layer is not adapted")
    mean = _numpy(mean).astype("float32").reshape(-1)
    variance = _numpy(variance).astype("float32").reshape(-1)
    if mean.size != 1 or not _one_value(shape):
        _refuse(layer, "axis", config.get("axis"), f"it normalizes {mean.size} features of an input of shape {shape}; featurizers standardize one number per input (give each feature an Input of its own)")
    step = {"type": "Standardize", "dtype": "float32", "mean_": float(mean[0]), "var_": float(variance[0])}
    return [step], shape


def _discretization(layer, shape):
    config = layer.get_config()
    boundaries = [float(b) for b in (layer.bin_boundaries or [])]
    if layer.bin_boundaries is None:
        _refuse(layer, "bin_boundaries", None, "the layer is not adapted")
    if boundaries != sorted(boundaries):
        _refuse(layer, "bin_boundaries", boundaries, "Keras bisects them: they must be sorted")
    if not _one_value(shape):
        _refuse(layer, "input_shape", shape, "featurizers bucket one number per input")
    if config.get("sparse"):
        _refuse(layer, "sparse", True, "featurizers give dense rows")
    steps = [{"type": "Discretize", "bin_boundaries": boundaries, "dtype": "float32"}]
    depth = len(boundaries) + 1
    return steps + _one_value_encoding(layer, config.get("output_mode", "int"), shape, depth), _encoded_shape(config.get("output_mode", "int"), shape, depth)


def _one_value_encoding(layer, output_mode, shape, depth):
    """One id per example to Keras' ``one_hot``, ``multi_hot`` or ``count`` row: all the same
    one-hot row for a single value; ``int`` is the id itself."""
    if output_mode == "int":
        return []
    if output_mode not in ("one_hot", "multi_hot", "count"):
        _refuse(layer, "output_mode", output_mode, "only 'int', 'one_hot', 'multi_hot' and 'count' are supported here")
    if output_mode != "one_hot" and tuple(shape) == ():
        _refuse(layer, "output_mode", output_mode, "on inputs of shape () Keras counts over the whole batch, not per example; give the input shape (1,)")
    return [{"type": "OneHot", "num_tokens": depth}]


def _encoded_shape(output_mode, shape, depth):
    return tuple(shape) if output_mode == "int" else (depth,)


def _category_encoding(layer, shape):
    config = layer.get_config()
    depth = int(config["num_tokens"])
    output_mode = config.get("output_mode", "multi_hot")
    if config.get("sparse"):
        _refuse(layer, "sparse", True, "featurizers give dense rows")
    if _one_value(shape):
        return _one_value_encoding(layer, output_mode, shape, depth), (depth,)
    if output_mode == "one_hot":
        _refuse(layer, "output_mode", output_mode, f"one_hot of a sequence (input shape {shape}) gives a matrix per example")
    if output_mode not in ("multi_hot", "count"):
        _refuse(layer, "output_mode", output_mode, "only 'one_hot', 'multi_hot' and 'count' are supported")
    kind = "MultiHot" if output_mode == "multi_hot" else "Counts"
    return [{"type": kind, "num_tokens": depth, "pad_id": None, "num_tokens_": depth}], (depth,)


def _string_lookup(layer, shape):
    return _lookup(layer, shape, False)


def _integer_lookup(layer, shape):
    return _lookup(layer, shape, True)


def _lookup(layer, shape, ints):
    """``StringLookup`` (or ``IntegerLookup``, ``ints``): one value per example to a
    ``CategoryEncoder`` over the vocabulary in its own order; a sequence to a ``Vocabulary`` and
    the encoding of its ids."""
    config = layer.get_config()
    output_mode = config.get("output_mode", "int")
    if config.get("invert"):
        _refuse(layer, "invert", True, "only the forward lookup is supported")
    encoding = config.get("encoding", "utf-8")
    if str(encoding).lower().replace("_", "-") not in ("utf-8", "utf8"):
        _refuse(layer, "encoding", encoding, "featurizers take Unicode text (UTF-8)")
    if config.get("sparse"):
        _refuse(layer, "sparse", True, "featurizers give dense rows")
    oov_count = int(config.get("num_oov_indices", 1))
    if oov_count > 1:
        _refuse(layer, "num_oov_indices", oov_count, "Keras picks an unknown token's OOV id by FarmHash Fingerprint64, which featurizers do not implement in JavaScript")
    mask = config.get("mask_token")
    if mask is not None and output_mode != "int":
        _refuse(layer, "mask_token", mask, f"with output_mode='{output_mode}' Keras leaves the mask token out of the vocabulary and its row all zeros, which no featurizer does")
    oov = config.get("oov_token", OOV_TOKEN)
    vocabulary = _vocabulary(layer)
    oov_index = -1 if oov_count == 0 else (1 if mask is not None else 0)
    if ints:
        vocabulary = [int(token) for token in vocabulary]
        oov = int(oov)
        beyond = [token for token in vocabulary if abs(token) > MAX_SAFE_INTEGER]
        if beyond:
            _refuse(layer, "vocabulary", f"<{len(vocabulary)} ints, {beyond[0]} among them>", "a JavaScript number holds an int exactly only within ±(2**53 - 1)")
    if oov_index >= 0 and vocabulary[oov_index] != oov:
        _refuse(layer, "oov_token", oov, f"expected at id {oov_index} of the vocabulary, found {vocabulary[oov_index]!r}")
    width = len(vocabulary)
    if output_mode != "int" and config.get("pad_to_max_tokens") and config.get("max_tokens"):
        width = int(config["max_tokens"])
    if _one_value(shape):
        if output_mode == "tf_idf":
            _refuse(layer, "output_mode", output_mode, "tf_idf of one value per example is not supported (give the layer sequences)")
        if width != len(vocabulary):
            _refuse(layer, "pad_to_max_tokens", True, "one value per example is encoded over the vocabulary's own width")
        if output_mode != "int":
            _one_value_encoding(layer, output_mode, shape, width)  # the refusals
        step = {
            "type": "CategoryEncoder",
            "handle_unknown": "error" if oov_count == 0 else "ignore",
            "output": "index" if output_mode == "int" else "one_hot",
            "unknown_value": oov_index,
            "order": "given",
            "categories_": vocabulary,
        }
        return [step], (shape if output_mode == "int" else (width,))
    if ints:
        _refuse(layer, "input_shape", shape, "featurizers look ints up one per input (shape () or (1,))")
    if oov_count == 0:
        _refuse(layer, "num_oov_indices", 0, "Keras raises on an unknown token in a sequence, which no featurizer does")
    lookup = {"type": "Vocabulary", "max_tokens": None, "min_count": 1, "oov_token": oov, "pad_token": mask, "vocabulary_": vocabulary}
    if len(set(vocabulary)) != len(vocabulary):
        raise KerasConversionError(f"{_describe(layer)}: the vocabulary holds a token twice")
    if output_mode == "int":
        return [lookup], shape
    if output_mode == "one_hot":
        _refuse(layer, "output_mode", output_mode, f"one_hot of a sequence (input shape {shape}) gives a matrix per example")
    if output_mode not in ("multi_hot", "count", "tf_idf"):
        _refuse(layer, "output_mode", output_mode, "only 'int', 'one_hot', 'multi_hot', 'count' and 'tf_idf' are supported")
    idf = _idf_weights(layer, width) if output_mode == "tf_idf" else None
    return [lookup, _encoding_step(layer, output_mode, width, idf)], (width,)


def _hashing(layer, shape):
    config = layer.get_config()
    _refuse(
        layer,
        "num_bins",
        config.get("num_bins"),
        "Hashing buckets a value by FarmHash Fingerprint64 (SipHash with a salt), 64-bit hashes that featurizers do not implement in JavaScript",
    )


_CONVERTERS = {
    "CategoryEncoding": _category_encoding,
    "Discretization": _discretization,
    "Hashing": _hashing,
    "IntegerLookup": _integer_lookup,
    "Normalization": _normalization,
    "StringLookup": _string_lookup,
    "TextVectorization": _text_vectorization,
}


# --- models ---------------------------------------------------------------------------------------


def _is_model(obj):
    return _flavor(obj) is not None and hasattr(obj, "inputs") and hasattr(obj, "layers") and hasattr(obj, "predict")


def _is_preprocessing(layer):
    return type(layer).__name__ in _CONVERTERS and _flavor(layer) is not None


class SplitModel:
    """A Keras model cut after its preprocessing layers.

    - ``featurizer``: the fitted featurizer of the preprocessing (a ``Pipeline`` for one text
      input; ``Columns`` over the inputs' names for several, or for one input of other values);
    - ``rest``: a Keras model of the same flavor from the featurizer's rows to the model's output,
      sharing the original layers (and weights);
    - ``preprocessing``: the original model's inputs to the cut (what the featurizer reproduces);
    - ``input``: ``"text"`` (one string per example) or ``"record"`` (an object per example);
    - ``input_dtype``: what the rest takes, ``"int32"`` (ids) or ``"float32"``;
    - ``flavor``: ``"tf_keras"`` or ``"keras"``.
    """

    def __init__(self, model, featurizer, rest, preprocessing, input_kind, input_dtype, flavor):
        self.model = model
        self.featurizer = featurizer
        self.rest = rest
        self.preprocessing = preprocessing
        self.input = input_kind
        self.input_dtype = input_dtype
        self.flavor = flavor

    def keras_inputs(self, items):
        """``items`` (texts, or records for ``"record"``) as the original model takes them."""
        return keras_inputs(self.model, items)


def split_model(model):
    """Cut ``model`` after the preprocessing layers its inputs go through (see ``SplitModel``).

    Supported shapes: one input through a chain of preprocessing layers into the rest of the
    model; or several inputs, each through its chain, whose ends are the inputs of one
    ``Concatenate`` (the featurizer is then ``Columns`` of the chains, in the concatenation's
    order). Anything else (a preprocessing layer inside the model, a branch, an input with no
    preprocessing, several outputs) is a ``KerasConversionError`` saying which.
    """
    from featurizers import from_config

    flavor = _flavor(model)
    if flavor is None or not _is_model(model):
        raise KerasConversionError(f"{type(model).__name__} is not a model of tf_keras or Keras 3")
    graph = _Graph(model, flavor)
    if len(graph.outputs) != 1:
        raise KerasConversionError(f"model '{model.name}' has {len(graph.outputs)} outputs; featurizers' predict serves one")
    chains = []
    for tensor in graph.inputs:
        layers, end = graph.chain(tensor)
        if not layers:
            raise KerasConversionError(
                f"model '{model.name}': input '{graph.input_name(tensor)}' goes into {graph.consumer_names(tensor)} without a preprocessing layer"
            )
        chains.append((tensor, layers, end))
    graph.refuse_other_preprocessing(chains)
    for tensor, layers, _ in chains:
        if type(layers[0]).__name__ == "Discretization" and "float64" in str(tensor.dtype):
            # Bucketize then compares the double itself with the float32 boundaries.
            _refuse(layers[0], "input dtype", "float64", "featurizers compare as Keras does on float32 inputs (the value rounded to float32): give the input dtype float32")
    if len(chains) == 1:
        tensor, layers, cut = chains[0]
        config, row = _chain_config(layers, graph.example_shape(tensor))
        input_kind = "text" if graph.is_string(tensor) else "record"
        if input_kind == "record":
            config = {"type": "Columns", "columns": [[graph.input_name(tensor), config]]}
    else:
        cut, order = graph.concatenation_of([end for _, _, end in chains])
        columns = []
        widths = []
        for end in order:
            tensor, layers, _ = next(chain for chain in chains if chain[2] is end)
            config, shape = _chain_config(layers, graph.example_shape(tensor))
            columns.append([graph.input_name(tensor), config])
            widths.append(_width(shape))
        config = {"type": "Columns", "columns": columns}
        row = (None if None in widths else sum(widths),)
        input_kind = "record"
    input_dtype = "int32" if graph.is_integer(cut) else "float32"
    rest = graph.rest_from(cut, tuple(row) if row != () else (1,), input_dtype)
    preprocessing = _keras_module(flavor).Model(model.inputs, cut, name=f"{model.name}_preprocessing")
    return SplitModel(model, from_config(config), rest, preprocessing, input_kind, input_dtype, flavor)


def _chain_config(layers, shape):
    """A Pipeline of the layers' steps, each layer taking what the one before gives, and the
    shape of the rows it gives (``()`` for one value per example)."""
    steps = []
    for layer in layers:
        more, shape = _layer_steps(layer, shape)
        steps += more
    return {"type": "Pipeline", "steps": steps}, tuple(shape)


def _width(shape):
    width = 1
    for d in shape:
        width = None if d is None or width is None else width * int(d)
    return width


def keras_inputs(model, items):
    """Texts (a model with one string input) or records (a dict per example, keyed by the
    inputs' names) as tensors shaped and typed as ``model``'s inputs take them."""
    import tensorflow as tf

    graph = _Graph(model, _flavor(model))

    def column(tensor, values):
        dtype = "string" if graph.is_string(tensor) else tensor.dtype
        data = tf.constant(values, dtype=dtype)
        return tf.reshape(data, [-1, *[1 for _ in tensor.shape[1:]]]) if len(tensor.shape) > 1 else data

    if len(graph.inputs) == 1 and graph.is_string(graph.inputs[0]) and (not items or isinstance(items[0], str)):
        return column(graph.inputs[0], list(items))
    return {graph.input_name(t): column(t, [item[graph.input_name(t)] for item in items]) for t in graph.inputs}


def check_samples(split, samples, score_tolerance=1e-6):
    """Raise ``KerasConversionError`` unless the featurizer gives exactly what the model's
    preprocessing layers give on ``samples`` (texts or records), and ``AssertionError`` unless the
    rest of the model on the featurizer's rows scores as the whole model does (within
    ``score_tolerance``). Returns the largest score difference."""
    import numpy as np

    samples = list(samples)
    if not samples:
        return 0.0
    inputs = split.keras_inputs(samples)
    expected = np.asarray(split.preprocessing.predict(inputs, verbose=0), dtype=np.float64)
    got = np.asarray(split.featurizer.transform(samples), dtype=np.float64)
    if got.shape != expected.shape:
        raise KerasConversionError(f"model '{split.model.name}': the featurizer gives rows of {got.shape[1:]}, its preprocessing {expected.shape[1:]}")
    differ = np.argwhere(~((got == expected) | (np.isnan(got) & np.isnan(expected))).reshape(len(samples), -1).all(axis=1))
    if len(differ):
        i = int(differ[0][0])
        raise KerasConversionError(f"model '{split.model.name}': the featurizer differs from its preprocessing layers on sample {i}: {samples[i]!r}")
    scores = np.asarray(split.model.predict(inputs, verbose=0), dtype=np.float64)
    rest = np.asarray(split.rest.predict(np.asarray(got, dtype=split.input_dtype), verbose=0), dtype=np.float64)
    worst = float(np.abs(scores - rest).max())
    if not worst <= score_tolerance:
        raise AssertionError(f"model '{split.model.name}': the rest of the model scores differ from the whole model's by {worst}")
    return worst


class _Graph:
    """The nodes of a tf_keras or Keras 3 model, read the same way: which layer made a tensor,
    which layers take it, and how to re-run the layers after a cut."""

    def __init__(self, model, flavor):
        self.model = model
        self.flavor = flavor
        # A Keras 3 Sequential keeps its graph in a Functional of its own (once built with an Input).
        graph = getattr(model, "_functional", None) or model
        if not hasattr(graph, "_nodes_by_depth") or not getattr(model, "inputs", None):
            raise KerasConversionError(f"model '{model.name}' has no graph: build it with an Input layer (keras.Input(shape=..., dtype=...))")
        self.inputs = list(graph.inputs)
        self.outputs = list(graph.outputs)
        self.nodes = []  # [layer, input tensors, output tensors, node], deepest first
        for depth in sorted(graph._nodes_by_depth, reverse=True):
            for node in graph._nodes_by_depth[depth]:
                if node.is_input:
                    continue
                layer = node.layer if flavor == "tf_keras" else node.operation
                inputs = list(node.keras_inputs) if flavor == "tf_keras" else list(node.input_tensors)
                outputs = _flat(node.outputs)
                self.nodes.append([layer, inputs, outputs, node])

    def consumers(self, tensor):
        return [node for node in self.nodes if any(t is tensor for t in node[1])]

    def consumer_names(self, tensor):
        return ", ".join(f"{type(n[0]).__name__} '{n[0].name}'" for n in self.consumers(tensor)) or "the output"

    def input_name(self, tensor):
        history = tensor._keras_history
        return (history.layer if self.flavor == "tf_keras" else history.operation).name

    def chain(self, tensor):
        """The preprocessing layers ``tensor`` goes through, one after the other, and the tensor at
        the end (a preprocessing output that branches ends the chain there)."""
        layers = []
        while True:
            consumers = self.consumers(tensor)
            if len(consumers) != 1 or not _is_preprocessing(consumers[0][0]) or len(consumers[0][1]) != 1:
                if any(_is_preprocessing(node[0]) for node in consumers) and len(consumers) > 1:
                    raise KerasConversionError(
                        f"model '{self.model.name}': a tensor goes into {self.consumer_names(tensor)}; a preprocessing layer must be its only consumer"
                    )
                return layers, tensor
            layers.append(consumers[0][0])
            tensor = consumers[0][2][0]

    def refuse_other_preprocessing(self, chains):
        chained = {id(layer) for _, layers, _ in chains for layer in layers}
        for node in self.nodes:
            if _is_preprocessing(node[0]) and id(node[0]) not in chained:
                raise KerasConversionError(
                    f"model '{self.model.name}': {_describe(node[0])} is not on a model input's path; only the layers an input goes through first become featurizers"
                )

    def concatenation_of(self, ends):
        consumers = self.consumers(ends[0])
        node = consumers[0] if len(consumers) == 1 else None
        if node is None or type(node[0]).__name__ != "Concatenate" or len(node[1]) != len(ends):
            raise KerasConversionError(
                f"model '{self.model.name}': with several inputs, their preprocessed tensors must all go into one Concatenate layer (found {self.consumer_names(ends[0])})"
            )
        if {id(t) for t in node[1]} != {id(t) for t in ends} or any(len(self.consumers(end)) != 1 for end in ends):
            raise KerasConversionError(f"model '{self.model.name}': Concatenate '{node[0].name}' must take exactly the preprocessed inputs")
        axis = node[0].get_config().get("axis", -1)
        rank = len(node[2][0].shape)
        if axis not in (-1, rank - 1) or rank != 2:
            raise KerasConversionError(f"model '{self.model.name}': Concatenate '{node[0].name}' must join rows of features (axis=-1 of 2-d tensors)")
        return node[2][0], list(node[1])

    def example_shape(self, tensor):
        return tuple(tensor.shape)[1:]

    def is_string(self, tensor):
        return "string" in str(tensor.dtype)

    def is_integer(self, tensor):
        return "int" in str(tensor.dtype)

    def rest_from(self, cut, shape, input_dtype):
        """A new model of the same flavor: an input of the featurizer's rows (``shape``, which
        Keras 3 may tell wrong for ``cut``: ``(1, width)`` for a row of ``width``), then every
        layer after ``cut``, called as in the original graph (the same layer objects: the same
        weights)."""
        k = _keras_module(self.flavor)
        if any(d is None for d in shape):
            raise KerasConversionError(f"model '{self.model.name}': the preprocessed tensor has shape {tuple(cut.shape)}; featurizers give rows of one fixed length")
        new_input = k.Input(shape=shape, dtype=input_dtype, name="features")
        computed = {id(cut): new_input}
        for layer, inputs, outputs, node in self.nodes:
            if not all(id(t) in computed for t in inputs) or any(id(t) in computed for t in outputs):
                continue
            if self.flavor == "tf_keras":
                args, kwargs = node.map_arguments({str(id(t)): [computed[id(t)]] for t in inputs})
            else:
                args, kwargs = node.arguments.fill_in(computed)
            results = _flat(layer(*args, **kwargs))
            for old, new in zip(outputs, results):
                computed[id(old)] = new
        missing = [t for t in self.outputs if id(t) not in computed]
        if missing:
            raise KerasConversionError(f"model '{self.model.name}': its output does not depend on the preprocessed inputs alone")
        return k.Model(new_input, computed[id(self.outputs[0])], name=f"{self.model.name}_after_preprocessing")


def _flat(value):
    if isinstance(value, (list, tuple)):
        flat = []
        for item in value:
            flat += _flat(item)
        return flat
    if isinstance(value, dict):
        flat = []
        for key in value:
            flat += _flat(value[key])
        return flat
    return [value]


def _keras_module(flavor):
    if flavor == "tf_keras":
        import tf_keras

        return tf_keras
    import keras

    return keras


# --- export ---------------------------------------------------------------------------------------


def export_tfjs(split, directory, work_dir):
    """Write the rest of the model for TensorFlow.js into ``directory``: a layers model
    (tensorflowjs' ``save_keras_model``) for tf_keras, a graph model (a SavedModel converted) for
    Keras 3, whose models tensorflowjs' layers converter does not read."""
    from featurizers.training import train

    if split.flavor == "tf_keras":
        import tensorflow as tf

        # The converter saves through tf_keras' HDF5 path, which warns that a model made of a
        # trained model's layers has no compiled metrics: noise, not progress.
        logger = tf.get_logger()
        level = logger.level
        logger.setLevel("ERROR")
        try:
            train.export_tfjs(split.rest, directory)
        finally:
            logger.setLevel(level)
        return "layers"
    import io

    from tensorflowjs.converters import tf_saved_model_conversion_v2

    saved_model = Path(work_dir) / "saved_model"
    shutil.rmtree(saved_model, ignore_errors=True)
    shutil.rmtree(directory, ignore_errors=True)
    # Keras 3's export prints the signature; the conversion's grappler logs to fd 2 ("Number of eligible GPUs").
    with contextlib.redirect_stdout(io.StringIO()), native_stderr_held():
        split.rest.export(str(saved_model), format="tf_saved_model", verbose=False)
        tf_saved_model_conversion_v2.convert_tf_saved_model(str(saved_model), str(directory))
    return "graph"


def write_artifacts(split, artifacts, labels=None, test=None):
    """Write what ``build`` reads into ``artifacts.build_dir`` for a ``SplitModel``:
    ``featurizer.json``, ``meta.json`` (``test``: a training report to keep in it), the rest of
    the model for tfjs in ``tfjs/`` and as Keras in ``keras/``."""
    from featurizers.training.train import write_json

    meta = package_meta(split, artifacts.name, labels)
    if test is not None:
        meta["test"] = test
    build_dir = artifacts.build_dir
    build_dir.mkdir(parents=True, exist_ok=True)
    export_tfjs(split, artifacts.tfjs_dir, build_dir)
    artifacts.keras_model.parent.mkdir(parents=True, exist_ok=True)
    split.rest.save(artifacts.keras_model)
    write_json(artifacts.featurizer_json, split.featurizer.get_config())
    write_json(artifacts.meta_json, {key: meta[key] for key in sorted(meta) if key not in ("package_name", "description", "made_by", "made_from")})
    return meta


def package_meta(split, name, labels=None):
    """``meta.json``'s content for a cut model (and the package's names); ``labels`` name the
    model's output columns (default ``"0"``, ``"1"`` ...)."""
    width = int(split.rest.outputs[0].shape[-1])
    labels = [str(i) for i in range(width)] if labels is None else [str(label) for label in labels]
    if len(labels) != width:
        raise ValueError(f"model '{split.model.name}' scores {width} labels, {len(labels)} given: {labels}")
    if len(set(labels)) != len(labels):
        raise ValueError(f"labels must be distinct, got {labels}")
    return {
        "name": name,
        "labels": labels,
        "input": split.input,
        "input_dtype": split.input_dtype,
        "input_shape": [int(d) for d in split.rest.inputs[0].shape[1:]],
        "model_format": "layers" if split.flavor == "tf_keras" else "graph",
        "keras": split.flavor,
        "package_name": name,
        "description": f"Keras model '{split.model.name}', its preprocessing layers compiled exactly",
        "made_by": "`featurizers.export_keras`",
        "made_from": f"the Keras model '{split.model.name}'",
    }


def export_keras(model, path, labels=None, samples=None, name=None, root=None, log=print):
    """Write the npm package of ``model`` into the folder ``path`` (replaced): its preprocessing
    layers as featurizers, the rest of the model for TensorFlow.js, built as ``make py=NAME``
    builds a pipeline (``transform``, ``predict``, ``labels``, the browser module, types, the
    service and the demo page). ``labels`` name the model's output columns (default ``"0"``,
    ``"1"`` ...). ``samples`` (texts, or records for a model with several inputs): inputs on which
    the featurizer is first checked against the preprocessing layers (exactly) and the rest of the
    model against the whole (1e-6), then the built bundle in Node against CPython (the parity gate,
    with the adversarial set); a difference raises and nothing is written.

    The package is named ``name`` (default: the folder's). Intermediates go to
    ``build/keras/NAME/`` under the project root (``root``, ``$FEATURIZERS_ROOT`` or the current
    folder; the JS toolchain is the one the build finds or installs, whatever the folder), and
    ``path`` is replaced only once the build succeeded. Returns the folder.
    """
    from featurizers.compiler.build import build_package
    from featurizers.training.artifacts import Artifacts

    out = Path(path).resolve()
    name = name or out.name
    root = Artifacts(name, root).root
    split = split_model(model)
    if samples is not None:
        check_samples(split, samples)
    meta = package_meta(split, name, labels)
    work = root / "build" / "keras" / name
    export_tfjs(split, work / "tfjs", work)
    # The parity gate runs the samples too (as inputs the package will get), besides its adversarial set;
    # build_package builds beside ``out`` and replaces it only once the bundle passed.
    probe = [("the samples", list(samples))] if samples is not None else []
    build_package(name, split.featurizer.get_config(), work / "tfjs", meta, out, work / "build", root, log=log, probe=probe)
    log(f"[{name}] wrote {out}: the npm package of Keras model '{model.name}'")
    return out
