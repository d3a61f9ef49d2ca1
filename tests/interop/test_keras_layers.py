"""``from_keras`` of Normalization, Discretization, CategoryEncoding, StringLookup and IntegerLookup
gives exactly what the layer gives, in CPython and in Node, in tf_keras and in Keras 3.

Float32 layers are matched bit for bit (their outputs compared as the doubles they equal, with ==)
on 24,000 values; lookups on the SMS corpus' words, held-out words and adversarial strings.
Hashing, and what else cannot be exact, is refused naming the layer, the parameter and its value.
"""

import re

import numpy as np
import pytest
from featurizers.testing.adversarial import ADVERSARIAL
from keras_support import FLAVORS, keras_of

from featurizers.interop.keras import KerasConversionError, from_keras

PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "py_keys", "get", "", "[UNK]"]


def call(layer, values, dtype):
    """The layer on one value per example (inputs of shape (n, 1)), as Python numbers."""
    import tensorflow as tf

    return np.asarray(layer(tf.constant([[v] for v in values], dtype=dtype))).tolist()


def assert_same_in_node(node, library, featurizer, data, expected):
    assert featurizer.transform(data) == expected
    js, _ = node.featurizer(library, featurizer.get_config(), data)
    assert js == expected


@pytest.fixture(scope="module")
def numbers():
    rng = np.random.default_rng(0)
    edges = [0.0, -0.0, 1e30, -1e30, 1e-40, -1e-45, 2.5, 1 / 3, 0.1, 16777217.0, 3.4e38, 7, -3]
    values = np.concatenate([rng.normal(3, 100, 20000), rng.uniform(-1e-3, 1e-3, 2000), rng.normal(0, 1e6, 2000)])
    return [float(v) for v in values] + edges


# --- Normalization -------------------------------------------------------------------------------------

ADAPT_ON = {
    "three values": [1.0, 2.0, 4.0],
    "a normal sample": list(np.random.default_rng(1).normal(5, 3, 1000)),
    "a constant (variance 0)": [7.0, 7.0],
    "tiny values (the epsilon)": [1e-20, 2e-20, 4e-20],
}


@pytest.mark.parametrize("data", list(ADAPT_ON))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_normalization_is_matched_bit_for_bit(node, library, numbers, flavor, data):
    layer = keras_of(flavor).layers.Normalization()
    layer.adapt(np.asarray(ADAPT_ON[data], dtype="float32").reshape(-1, 1))
    expected = [row[0] for row in call(layer, numbers, "float32")]
    finite = [i for i, y in enumerate(expected) if np.isfinite(y)]
    featurizer = from_keras(layer, input_shape=(1,))
    assert featurizer.get_config()["steps"][0]["dtype"] == "float32"
    assert_same_in_node(node, library, featurizer, [numbers[i] for i in finite], [expected[i] for i in finite])
    # Where Keras overflows float32 (to infinity, which JSON cannot carry), both runtimes raise.
    for i in sorted(set(range(len(numbers))) - set(finite))[:3]:
        message = "Standardize.transform: item 0 gives a result beyond float32's range"
        with pytest.raises(ValueError, match=f"^{message}$"):
            featurizer.transform([numbers[i]])
        with pytest.raises(Exception, match=message):
            node.featurizer(library, featurizer.get_config(), [numbers[i]])


@pytest.mark.parametrize("flavor", FLAVORS)
def test_normalization_with_a_given_mean_and_variance(node, library, numbers, flavor):
    layer = keras_of(flavor).layers.Normalization(mean=0.1, variance=0.3)
    finite = [v for v in numbers if abs(v) < 1e38]  # beyond, Keras overflows float32: see above
    assert_same_in_node(node, library, from_keras(layer), finite, [row[0] for row in call(layer, finite, "float32")])


@pytest.mark.parametrize("kind", ["Normalization", "Discretization"])
def test_nan_and_infinities_raise_where_keras_gives_a_number(kind):
    """Keras gives NaN (or a bucket) for NaN and infinities; featurizers take finite numbers only
    (JSON, and so the bundle, has neither), and name the item."""
    import tf_keras

    layer = tf_keras.layers.Normalization(mean=1.0, variance=4.0) if kind == "Normalization" else tf_keras.layers.Discretization(bin_boundaries=[0.0, 1.0])
    assert len(call(layer, [float("nan"), float("inf")], "float32")) == 2
    step = "Standardize" if kind == "Normalization" else "Discretize"
    for value in [float("nan"), float("inf"), -float("inf")]:
        with pytest.raises(TypeError, match=rf"^{step}\.transform: item 1 is {value!r}, expected number$"):
            from_keras(layer).transform([0.5, value])


# --- Discretization -------------------------------------------------------------------------------------


@pytest.mark.parametrize("output_mode", ["int", "one_hot", "multi_hot", "count"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_discretization_compares_in_float32(node, library, numbers, flavor, output_mode):
    # 0.1 and 1.0000001 are no float32: Keras compares with the float32 nearest them.
    boundaries = [-1e6, 0.1, 1.0, 1.0000001, 2.5, 1e10]
    layer = keras_of(flavor).layers.Discretization(bin_boundaries=boundaries, output_mode=output_mode)
    probes = numbers + [0.1, 0.10000000149011612, 0.1000000001, 0.09999999, 1.00000005, 1.0000001, 1e10, 9999999999.9]
    expected = call(layer, probes, "float32")
    if output_mode == "int":
        expected = [row[0] for row in expected]
    assert_same_in_node(node, library, from_keras(layer, input_shape=(1,)), probes, expected)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_discretization_adapted_to_quantiles(node, library, flavor, numbers):
    layer = keras_of(flavor).layers.Discretization(num_bins=7, epsilon=0.001)
    layer.adapt(np.asarray(numbers[:5000], dtype="float32"))
    assert_same_in_node(node, library, from_keras(layer), numbers, [row[0] for row in call(layer, numbers, "float32")])


# --- CategoryEncoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_category_encoding_of_one_id(node, library, flavor):
    layer = keras_of(flavor).layers.CategoryEncoding(num_tokens=6, output_mode="one_hot")
    ids = [int(i) for i in np.random.default_rng(4).integers(0, 6, 500)] + [0, 5]
    assert_same_in_node(node, library, from_keras(layer, input_shape=(1,)), ids, call(layer, ids, "int32"))


@pytest.mark.parametrize("output_mode", ["multi_hot", "count"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_category_encoding_of_id_sequences(node, library, flavor, output_mode):
    import tensorflow as tf

    layer = keras_of(flavor).layers.CategoryEncoding(num_tokens=7, output_mode=output_mode)
    rng = np.random.default_rng(5)
    sequences = [[0, 6, 6, 2], [1, 1, 1, 1], [0, 0, 0, 0], [5, 4, 3, 2]] + [[int(i) for i in rng.integers(0, 7, 4)] for _ in range(300)]
    expected = np.asarray(layer(tf.constant(sequences))).tolist()
    assert_same_in_node(node, library, from_keras(layer, input_shape=(4,)), sequences, expected)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_id_out_of_range_is_an_error_in_both_runtimes(node, library, flavor):
    layer = keras_of(flavor).layers.CategoryEncoding(num_tokens=3, output_mode="one_hot")
    featurizer = from_keras(layer, input_shape=(1,))
    with pytest.raises(ValueError, match=r"^OneHot.transform: item 1 is 3, outside 0..2$"):
        featurizer.transform([0, 3])
    with pytest.raises(Exception, match="OneHot.transform: item 1 is 3, outside 0..2"):
        node.featurizer(library, featurizer.get_config(), [0, 3])
    if flavor == "tf_keras":
        with pytest.raises(Exception):  # noqa: B017 (tf_keras raises its own InvalidArgumentError)
            call(layer, [0, 3], "int32")
    else:  # the one difference, documented: Keras 3 gives such an id an all-zero row, silently
        assert call(layer, [0, 3], "int32") == [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]


# --- StringLookup and IntegerLookup ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def words(sms_split):
    """Lowercased SMS words: those to adapt on, and those to look up (held-out ones, prototype
    names, every adversarial string whole)."""
    train = [w for text in sms_split.train_texts[:1500] for w in text.lower().split()]
    probes = [w for text in sms_split.test_texts[:400] for w in text.lower().split()] + PROTOTYPE_NAMES + list(ADVERSARIAL.values())
    return train, probes


SCALAR_LOOKUPS = {
    "int": {},
    "int, a mask token": dict(mask_token=""),
    "int, no OOV id (unknown values raise)": dict(num_oov_indices=0),
    "one_hot, at most 200": dict(output_mode="one_hot", max_tokens=200),
    "multi_hot": dict(output_mode="multi_hot", max_tokens=300),
    "count, another OOV token": dict(output_mode="count", max_tokens=50, oov_token="<unk>"),
}


@pytest.mark.parametrize("case", list(SCALAR_LOOKUPS))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_string_lookup_of_one_value(node, library, words, flavor, case):
    import tensorflow as tf

    params = SCALAR_LOOKUPS[case]
    layer = keras_of(flavor).layers.StringLookup(**params)
    layer.adapt(tf.constant(words[0]))
    vocabulary = set(layer.get_vocabulary())
    probes = words[1] if params.get("num_oov_indices", 1) else [w for w in words[1] if w in vocabulary]
    expected = call(layer, probes, "string")
    if params.get("output_mode", "int") == "int":
        expected = [row[0] for row in expected]
    assert_same_in_node(node, library, from_keras(layer, input_shape=(1,)), probes, expected)


SEQUENCE_LOOKUPS = {
    "int": dict(max_tokens=500),
    "int, a mask token": dict(mask_token="", max_tokens=500),
    "multi_hot": dict(output_mode="multi_hot", max_tokens=400),
    "count, padded to max_tokens": dict(output_mode="count", max_tokens=2000, pad_to_max_tokens=True),
    "tf_idf, given vocabulary and weights": dict(output_mode="tf_idf"),
}


@pytest.mark.parametrize("case", list(SEQUENCE_LOOKUPS))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_string_lookup_of_sequences(node, library, words, flavor, case):
    import tensorflow as tf

    params = SEQUENCE_LOOKUPS[case]
    train, probes = words
    if params.get("output_mode") == "tf_idf":
        # tf_keras' tf_idf adapt fails on rows with different numbers of distinct tokens: given instead.
        vocabulary = sorted(set(train))[:300]
        weights = [float(w) for w in np.random.default_rng(3).uniform(0.1, 9.0, len(vocabulary))]
        layer = keras_of(flavor).layers.StringLookup(vocabulary=vocabulary, idf_weights=weights, **params)
    else:
        layer = keras_of(flavor).layers.StringLookup(**params)
        layer.adapt(tf.constant([train[i : i + 8] for i in range(0, len(train) - 8, 8)]))
    sequences = [probes[i : i + 6] for i in range(0, len(probes) - 6, 6)]
    expected = np.asarray(layer(tf.constant(sequences))).tolist()
    assert_same_in_node(node, library, from_keras(layer, input_shape=(6,)), sequences, expected)


INTEGER_LOOKUPS = {"int": {}, "int, mask 0": dict(mask_token=0), "one_hot": dict(output_mode="one_hot"), "count": dict(output_mode="count")}


@pytest.mark.parametrize("case", list(INTEGER_LOOKUPS))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_integer_lookup_of_one_value(node, library, flavor, case):
    import tensorflow as tf

    rng = np.random.default_rng(2)
    layer = keras_of(flavor).layers.IntegerLookup(**INTEGER_LOOKUPS[case])
    layer.adapt(tf.constant([int(x) for x in rng.zipf(1.5, 3000) % 1000] + [9007199254740991, -5], dtype=tf.int64))
    probes = [int(x) for x in rng.integers(-10, 1200, 2000)] + [0, -1, 9007199254740991, -9007199254740991]
    expected = call(layer, probes, "int64")
    if INTEGER_LOOKUPS[case].get("output_mode", "int") == "int":
        expected = [row[0] for row in expected]
    assert_same_in_node(node, library, from_keras(layer, input_shape=(1,)), probes, expected)


def test_an_int_beyond_2_to_the_53_raises_in_both(node, library):
    import tf_keras

    featurizer = from_keras(tf_keras.layers.IntegerLookup(vocabulary=[3, 4]))
    message = "CategoryEncoder.transform: item 1 is int beyond 2**53, expected int"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        featurizer.transform([3, 2**60])
    with pytest.raises(Exception, match=re.escape(message)):
        node.featurizer(library, featurizer.get_config(), [3, 2**60])


def test_an_unknown_value_without_an_oov_id_raises_in_both(node, library):
    import tf_keras

    layer = tf_keras.layers.StringLookup(num_oov_indices=0, vocabulary=["a", "b"])
    featurizer = from_keras(layer)
    message = "CategoryEncoder.transform: item 1 is 'zz', a category not seen in fit"
    with pytest.raises(ValueError, match=f"^{message}$"):
        featurizer.transform(["a", "zz"])
    with pytest.raises(Exception, match=message):
        node.featurizer(library, featurizer.get_config(), ["a", "zz"])


def test_a_lookup_chain_is_one_pipeline(node, library):
    """StringLookup then CategoryEncoding, as Keras' structured data examples chain them."""
    import tf_keras

    lookup = tf_keras.layers.StringLookup(vocabulary=["red", "green", "blue"])
    encode = tf_keras.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
    values = ["blue", "purple", "red", "constructor"]
    expected = np.asarray(encode(lookup(np.asarray([[v] for v in values])))).tolist()
    assert_same_in_node(node, library, from_keras([lookup, encode], input_shape=(1,)), values, expected)


# --- refused, by name -------------------------------------------------------------------------------------

REFUSED = [
    ("Hashing", dict(num_bins=8), (1,), "num_bins=8", "FarmHash Fingerprint64"),
    ("Normalization", dict(invert=True, mean=1.0, variance=2.0), (1,), "invert=True", "forward normalization"),
    ("Normalization", dict(mean=[1.0, 2.0], variance=[1.0, 1.0]), (2,), "axis=", "one number per input"),
    ("StringLookup", dict(num_oov_indices=2, vocabulary=["a"]), (1,), "num_oov_indices=2", "FarmHash Fingerprint64"),
    ("StringLookup", dict(mask_token="", output_mode="one_hot", vocabulary=["a"]), (1,), "mask_token=''", "all zeros"),
    ("StringLookup", dict(output_mode="tf_idf", vocabulary=["a"], idf_weights=[1.0]), (1,), "output_mode='tf_idf'", "give the layer sequences"),
    ("StringLookup", dict(invert=True, vocabulary=["a"]), (1,), "invert=True", "forward lookup"),
    ("StringLookup", dict(num_oov_indices=0, vocabulary=["a"]), (3,), "num_oov_indices=0", "raises on an unknown token"),
    ("IntegerLookup", dict(vocabulary=[3, 4]), (3,), "input_shape=(3,)", "one per input"),
    ("IntegerLookup", dict(vocabulary=[3, 2**60]), (1,), "vocabulary='<3 ints, 1152921504606846976 among them>'", "within ±(2**53 - 1)"),
    ("Discretization", dict(bin_boundaries=[1.0], output_mode="multi_hot"), (), "output_mode='multi_hot'", "over the whole batch"),
    ("CategoryEncoding", dict(num_tokens=3, output_mode="one_hot"), (4,), "output_mode='one_hot'", "a matrix per example"),
]


@pytest.mark.parametrize("kind, params, shape, named, why", REFUSED, ids=[f"{r[0]}-{r[3]}" for r in REFUSED])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_what_is_not_exact_is_refused_naming_layer_parameter_and_value(flavor, kind, params, shape, named, why):
    try:
        layer = getattr(keras_of(flavor).layers, kind)(name="it", **params)
    except (ValueError, TypeError) as error:  # this Keras refuses it itself
        pytest.skip(f"{flavor} refuses {params}: {error}")
    with pytest.raises(KerasConversionError) as raised:
        from_keras(layer, input_shape=shape)
    message = str(raised.value)
    assert message.startswith(f"{kind} 'it': {named}"), message
    assert why in message
