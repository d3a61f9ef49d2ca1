"""The featurizer modes for Keras give the same output, and the same errors, in Node.

TextCleaner(lowercase="ascii") with Keras' punctuation rule; Tokenizer on ASCII whitespace and on
code points; TfIdf, Standardize and Discretize with dtype="float32"; CategoryEncoder(order="given")
with str and int categories: each from the same config in both runtimes, on every code point, the
adversarial texts, the SpamAssassin corpus and numbers at the edges of float32.
"""

import numpy as np
import pytest
from featurizers.testing.adversarial import ADVERSARIAL, one_megabyte_message
from harness import js_outcome, python_outcome, spam_assassin_texts

from featurizers.interop.keras import CHARACTER_SPLIT_PATTERN, WHITESPACE_SPLIT_PATTERN
from featurizers.text import ASCII_PUNCTUATION_PATTERN

KERAS_CLEANER = {
    "type": "TextCleaner", "normalization_form": None, "lowercase": "ascii", "strip_accents": None,
    "rules": [[ASCII_PUNCTUATION_PATTERN, ""]], "strip_html": False, "strip_punctuation": False, "collapse_whitespace": False,
}  # fmt: skip


def assert_same(node, library, config, data):
    python = python_outcome(config, data)
    assert python[0] == "ok", python
    assert js_outcome(node, library, config, data) == python


def every_code_point():
    codes = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    return ["".join(chr(c) for c in codes[i : i + 4096]) for i in range(0, len(codes), 4096)]


@pytest.fixture(scope="module")
def texts():
    return list(ADVERSARIAL.values()) + spam_assassin_texts(every=10) + [one_megabyte_message()]


def test_ascii_lowercasing_of_every_code_point(node, library):
    config = dict(KERAS_CLEANER, rules=[])
    assert_same(node, library, config, every_code_point())


def test_keras_standardization_of_texts(node, library, texts):
    assert_same(node, library, KERAS_CLEANER, texts)


@pytest.mark.parametrize("pattern", [WHITESPACE_SPLIT_PATTERN, CHARACTER_SPLIT_PATTERN], ids=["whitespace", "character"])
@pytest.mark.parametrize("ngram_range", [[1, 1], [1, 3]])
def test_keras_splits_and_ngrams(node, library, texts, pattern, ngram_range):
    pipeline = {"type": "Pipeline", "steps": [KERAS_CLEANER, {"type": "Tokenizer", "token_pattern": pattern, "ngram_range": ngram_range}]}
    assert_same(node, library, pipeline, texts[:-1] if pattern == CHARACTER_SPLIT_PATTERN else texts)


def test_a_split_into_code_points_keeps_astral_characters_whole(node, library):
    config = {"type": "Tokenizer", "token_pattern": CHARACTER_SPLIT_PATTERN}
    assert python_outcome(config, ["a😀\u0301\x00\n"])[1] == [["a", "😀", "\u0301", "\x00", "\n"]]
    assert_same(node, library, config, every_code_point()[:3] + every_code_point()[-3:])


def float32_edges():
    rng = np.random.default_rng(11)
    values = np.concatenate([rng.normal(0, 100, 3000), rng.normal(0, 1e30, 500), rng.uniform(-1e-40, 1e-40, 200)])
    return [float(v) for v in values] + [0.0, -0.0, 1e-45, 3.4028234663852886e38, 0.1, 16777217, -7]


def test_float32_standardize(node, library):
    config = {"type": "Standardize", "dtype": "float32", "mean_": 2.3333332538604736, "var_": 1.5555557012557983}
    assert_same(node, library, config, [v for v in float32_edges() if abs(v) < 1e38])


@pytest.mark.parametrize("var", [0, 2.500056590201906e-41], ids=["zero", "denormal"])
def test_float32_standardize_divides_by_at_least_epsilon(node, library, var):
    assert_same(node, library, {"type": "Standardize", "dtype": "float32", "mean_": 0.5, "var_": var}, [0.5, 0.50000006, 1.0, -3e-30])


def test_float32_discretize(node, library):
    config = {"type": "Discretize", "bin_boundaries": [-1e30, 0.1, 1.0, 1.0000001, 2.5, 1e10], "dtype": "float32"}
    assert_same(node, library, config, float32_edges() + [0.10000000149011612, 0.1000000001, 1.00000005, 9999999999.9])


def test_float32_tfidf(node, library):
    rng = np.random.default_rng(12)
    idf = [float(np.float32(x)) for x in rng.uniform(0, 10, 50)]
    config = {"type": "TfIdf", "num_tokens": 50, "pad_id": None, "norm": None, "dtype": "float32", "num_tokens_": 50, "idf_": idf}
    ids = [[int(x) for x in rng.integers(0, 50, n)] for n in rng.integers(0, 300, 200)]
    assert_same(node, library, config, ids)


def test_categories_in_their_given_order(node, library):
    categories = ["[UNK]", "zeta", "alpha", "\U0001F600", "\uffff", "constructor", "__proto__", ""]
    data = categories + ["toString", "hasOwnProperty", "beta", "ALPHA"]
    for output in ["index", "one_hot"]:
        config = {"type": "CategoryEncoder", "output": output, "unknown_value": 0, "order": "given", "categories_": categories}
        assert_same(node, library, config, data)


def test_int_categories(node, library):
    categories = [-1, 5, 9007199254740991, 7, 0, -9007199254740991]
    data = [5, 9, 0, -1, 3, 9007199254740991, -9007199254740991, 7]
    for output in ["index", "one_hot"]:
        config = {"type": "CategoryEncoder", "output": output, "unknown_value": 0, "order": "given", "categories_": categories}
        assert_same(node, library, config, data)


ERRORS = {
    "lowercase": (dict(KERAS_CLEANER, lowercase="ASCII"), ["a"]),
    "float32 idf": ({"type": "TfIdf", "norm": None, "dtype": "float32", "num_tokens_": 2, "idf_": [0.1, 1.0]}, [[1]]),
    "float32 norm": ({"type": "TfIdf", "norm": "l2", "dtype": "float32", "num_tokens_": 2, "idf_": [0.5, 1.0]}, [[1]]),
    "float32 mean": ({"type": "Standardize", "dtype": "float32", "mean_": 0.1, "var_": 1}, [1.0]),
    "float32 overflow": ({"type": "Standardize", "dtype": "float32", "mean_": 0, "var_": 0}, [1e38]),
    "int category, str value": ({"type": "CategoryEncoder", "order": "given", "categories_": [1, 2]}, [1, "2"]),
    "int category, float value": ({"type": "CategoryEncoder", "order": "given", "categories_": [1, 2]}, [1.5]),
    "mixed categories": ({"type": "CategoryEncoder", "order": "given", "categories_": [1, "2"]}, [1]),
    "unsorted categories": ({"type": "CategoryEncoder", "categories_": ["b", "a"]}, ["a"]),
    "order": ({"type": "CategoryEncoder", "order": "keras", "categories_": ["a"]}, ["a"]),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_the_same_errors(node, library, name):
    config, data = ERRORS[name]
    python = python_outcome(config, data)
    assert python[0] in ("ValueError", "TypeError"), python
    assert js_outcome(node, library, config, data) == python
