"""``from_keras(TextVectorization)`` gives exactly what the layer gives, in CPython and in Node.

Each layer is adapted on the SMS training messages, in tf_keras and in Keras 3, and compared with
its featurizer on every held-out message, every adversarial text, raw e-mails and a 1 MB message:
ids compared with ==, TF-IDF values as the float32 numbers Keras gives (as doubles, with ==).
What cannot be exact is refused, naming the layer, the parameter and its value.
"""

import pytest
from keras_support import FLAVORS, keras_of, rows, strings

from featurizers import Pipeline
from featurizers.interop import Unsupported
from featurizers.interop.keras import KerasConversionError, from_keras

# Given rather than adapted: SMS words, prototype names (as the standardized text holds them),
# astral and title-case tokens, and a token that standardization never leaves (it has punctuation).
GIVEN = ["you", "call", "free", "to", "constructor", "proto", "tostring", "hasownproperty", "\U0001F600", "ǆ", "ß", "win!", "£1000", "txt"]
GIVEN_IDF = [0.5 + i / 7 for i in range(len(GIVEN))]

CASES = {
    "int, the defaults": dict(max_tokens=2000, output_sequence_length=32),
    "int, characters": dict(split="character", standardize="lower", max_tokens=300, output_sequence_length=120),
    "int, bigrams, long rows": dict(ngrams=2, max_tokens=4000, output_sequence_length=200),
    "multi_hot, punctuation kept": dict(standardize="lower", output_mode="multi_hot", max_tokens=800),
    "count, character trigrams": dict(split="character", ngrams=3, output_mode="count", max_tokens=600),
    "count, case kept, padded to max_tokens": dict(standardize="strip_punctuation", output_mode="count", max_tokens=900, pad_to_max_tokens=True),
    "tf_idf, the defaults": dict(output_mode="tf_idf", max_tokens=700),
    "tf_idf, word pairs and triples, raw text": dict(standardize=None, ngrams=(2, 3), output_mode="tf_idf", max_tokens=500),
    "tf_idf, padded to max_tokens": dict(ngrams=2, output_mode="tf_idf", max_tokens=1000, pad_to_max_tokens=True),
    "int, ragged, no max_tokens": dict(ragged=True),
    "int, a given vocabulary": dict(vocabulary=GIVEN, output_sequence_length=24),
    "tf_idf, a given vocabulary and idf weights": dict(vocabulary=GIVEN, idf_weights=GIVEN_IDF, output_mode="tf_idf"),
}


@pytest.fixture(scope="module")
def adapted(sms_split):
    """Each case's layer, adapted once per Keras."""
    cache = {}

    def get(flavor, case):
        if (flavor, case) not in cache:
            layer = keras_of(flavor).layers.TextVectorization(**CASES[case])
            if "vocabulary" not in CASES[case]:
                layer.adapt(strings(sms_split.train_texts), batch_size=512)
            cache[flavor, case] = layer
        return cache[flavor, case]

    return get


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_featurizer_gives_the_layers_output_in_python_and_node(node, library, adapted, held_out_and_adversarial, flavor, case):
    layer = adapted(flavor, case)
    texts = held_out_and_adversarial
    expected = rows(layer(strings(texts)))
    featurizer = from_keras(layer)
    python = featurizer.transform(texts)
    assert_rows_equal(expected, python, texts)
    js, js_config = node.featurizer(library, featurizer.get_config(), texts)
    assert js_config == featurizer.get_config()
    assert_rows_equal(expected, js, texts)


def assert_rows_equal(expected, got, texts):
    assert len(got) == len(expected)
    differing = [i for i in range(len(expected)) if list(got[i]) != list(expected[i])]
    assert differing == [], f"{len(differing)} rows differ; first the text {texts[differing[0]][:200]!r}"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_vocabulary_is_the_layers_own_ties_in_its_order(flavor):
    layer = keras_of(flavor).layers.TextVectorization(output_sequence_length=2)
    layer.adapt(strings(["b a", "a b", "c"]))
    vocabulary = from_keras(layer).step("Vocabulary").vocabulary_
    assert vocabulary == ["", "[UNK]", "b", "a", "c"]  # Keras breaks the count tie of a and b the other way


@pytest.mark.parametrize("flavor", FLAVORS)
def test_what_the_featurizer_is_made_of(flavor):
    layer = keras_of(flavor).layers.TextVectorization(output_sequence_length=4)
    layer.adapt(strings(["Hello, World!"]))
    config = from_keras(layer).get_config()
    assert [step["type"] for step in config["steps"]] == ["TextCleaner", "Tokenizer", "Vocabulary", "PadSequences"]
    cleaner, tokenizer = config["steps"][0], config["steps"][1]
    assert cleaner["lowercase"] == "ascii" and cleaner["rules"] == [["[!-/:-@\\[-`{-~]", ""]]
    assert tokenizer == {"type": "Tokenizer", "token_pattern": "[^\t-\r ]+"}
    assert from_keras(layer).transform(["hello WORLD... again"]) == [[3, 2, 1, 0]]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_split_whitespace_is_ascii_whitespace_only(node, library, flavor):
    layer = keras_of(flavor).layers.TextVectorization(standardize=None, output_mode="int", ragged=True)
    layer.adapt(strings(["a\u00a0b\u2028c", "d\x1ce", "f"]))
    # NBSP, U+2028 and U+001C (whitespace to Python) stay inside tokens; tab, \v, \f, \r, \n split.
    text = "a\u00a0b\u2028c\td\x1ce\x0bf\x0c\r\n f"
    featurizer = from_keras(layer)
    assert featurizer.transform([text]) == rows(layer(strings([text]))) == [[4, 3, 2, 2]]
    assert node.featurizer(library, featurizer.get_config(), [text])[0] == [[4, 3, 2, 2]]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_ragged_layer_gives_unpadded_ids(flavor):
    layer = keras_of(flavor).layers.TextVectorization(ragged=True)
    layer.adapt(strings(["one two", "two three three"]))
    texts = ["three one", "", "four four four two"]
    assert from_keras(layer).transform(texts) == rows(layer(strings(texts))) == [[3, 4], [], [1, 1, 1, 2]]


def test_a_chain_of_layers_is_one_pipeline():
    import tf_keras

    layer = tf_keras.layers.TextVectorization(output_sequence_length=3)
    layer.adapt(strings(["x y"]))
    chained = from_keras([layer])
    assert isinstance(chained, Pipeline)
    assert chained.transform(["y", "x z"]) == rows(layer(strings(["y", "x z"]))) == [[2, 0, 0], [3, 1, 0]]


# --- refused, by name --------------------------------------------------------------------------------


def _lowercase(x):
    return x


REFUSED = [
    (dict(standardize=_lowercase), "standardize=<callable _lowercase>", "only None"),
    (dict(split=_lowercase), "split=<callable _lowercase>", "a Python callable does not compile"),
    (dict(split=None), "split=None", "a text as one token"),
    (dict(ngrams=(1, 3)), "ngrams=(1, 3)", "consecutive ascending widths"),
    (dict(output_mode="int"), "output_sequence_length=None", "padded to the longest text of its batch"),
    (dict(output_mode="multi_hot", sparse=True), "sparse=True", "dense rows"),
    (dict(output_sequence_length=5, encoding="latin-1"), "encoding='latin-1'", "UTF-8"),
]


@pytest.mark.parametrize("params, named, why", REFUSED, ids=[r[1] for r in REFUSED])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_what_is_not_exact_is_refused_naming_layer_parameter_and_value(flavor, params, named, why):
    k = keras_of(flavor)
    try:
        layer = k.layers.TextVectorization(name="words", **params)
    except (ValueError, TypeError) as error:  # this Keras refuses it itself
        pytest.skip(f"{flavor} refuses {params}: {error}")
    with pytest.raises(KerasConversionError) as raised:
        from_keras(layer)
    message = str(raised.value)
    assert message.startswith(f"TextVectorization 'words': {named} cannot be exported: ")
    assert why in message
    assert isinstance(raised.value, Unsupported)


def test_keras_3_ragged_rows_cut_to_a_length_are_refused():
    import keras

    layer = keras.layers.TextVectorization(name="words", ragged=True, output_sequence_length=4)
    with pytest.raises(KerasConversionError, match=r"^TextVectorization 'words': output_sequence_length=4 cannot be exported: with ragged=True Keras 3 truncates"):
        from_keras(layer)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_layer_without_a_featurizer_is_refused_by_name(flavor):
    layer = keras_of(flavor).layers.Dense(3, name="dense_1")
    with pytest.raises(KerasConversionError, match=r"^Dense 'dense_1': no featurizer reproduces this layer \(supported: .*TextVectorization"):
        from_keras(layer)


def test_an_object_of_neither_keras_is_refused():
    with pytest.raises(KerasConversionError, match="is not a layer of tf_keras or Keras 3"):
        from_keras("x")
