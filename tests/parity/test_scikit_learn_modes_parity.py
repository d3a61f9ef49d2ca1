"""The featurizer modes for scikit-learn give the same output, and the same errors, in Node.

Vocabulary without OOV or padding ids (unknown tokens dropped), encoders that count every id,
TfIdf(binary=True), Tokenizer(stop_words=...), CategoryEncoder(drop, unknown_value): each from
the same config in both runtimes, on the adversarial texts (prototype names among the tokens and
stop words) and the SpamAssassin corpus.
"""

import pytest
from featurizers.testing.adversarial import ADVERSARIAL
from harness import js_outcome, python_outcome, spam_assassin_texts

from featurizers import Pipeline, TextCleaner, Tokenizer

PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "py_keys", "get", ""]


@pytest.fixture(scope="module")
def token_lists():
    texts = list(ADVERSARIAL.values()) + spam_assassin_texts(every=25)
    return Pipeline([TextCleaner(), Tokenizer()]).fit_transform(texts)


def assert_same(node, library, config, data, fit=None):
    python = python_outcome(config, data, fit)
    assert python[0] == "ok", python
    assert js_outcome(node, library, config, data, fit) == python


@pytest.mark.parametrize("pad, oov", [(None, None), ("", None), (None, "[UNK]")])
def test_vocabulary_without_special_ids(node, library, token_lists, pad, oov):
    config = {"type": "Vocabulary", "max_tokens": 500, "min_count": 1, "oov_token": oov, "pad_token": pad}
    assert_same(node, library, config, token_lists + [PROTOTYPE_NAMES], fit=token_lists[::2])


def test_vocabulary_state_from_scikit_learn_order(node, library, token_lists):
    vocabulary = sorted({token for tokens in token_lists for token in tokens} | set(PROTOTYPE_NAMES) - {""})[:3000]
    config = {"type": "Vocabulary", "oov_token": None, "pad_token": None, "vocabulary_": vocabulary}
    assert_same(node, library, config, token_lists + [PROTOTYPE_NAMES])


@pytest.mark.parametrize("encoder", ["Counts", "MultiHot", "TfIdf"])
def test_encoders_counting_every_id(node, library, encoder):
    ids = [[0, 0, 3], [], [1, 2, 2, 2, 0], [4]]
    params = {"pad_id": None, "binary": True, "sublinear_tf": True} if encoder == "TfIdf" else {"pad_id": None}
    assert_same(node, library, {"type": encoder, **params}, ids, fit=ids)


@pytest.mark.parametrize("norm", ["l2", "l1", None])
def test_tfidf_binary(node, library, norm):
    ids = [[1, 1, 1, 2], [2, 3, 3], [0, 0]]
    assert_same(node, library, {"type": "TfIdf", "norm": norm, "binary": True}, ids, fit=ids)


@pytest.mark.parametrize("ngram_range", [[1, 1], [1, 3], [2, 2]])
def test_tokenizer_stop_words(node, library, ngram_range):
    texts = list(ADVERSARIAL.values()) + [" ".join(PROTOTYPE_NAMES)] + spam_assassin_texts(every=50)
    config = {"type": "Tokenizer", "ngram_range": ngram_range, "stop_words": ["the", "a", "of", "to", "and"] + PROTOTYPE_NAMES}
    assert_same(node, library, config, texts)


@pytest.mark.parametrize("params", [{"drop": "first"}, {"drop": "if_binary"}, {"output": "index", "unknown_value": 7}])
def test_category_encoder_drop_and_unknown_value(node, library, params):
    values = ["red", "green", "constructor", "__proto__"]
    assert_same(node, library, {"type": "CategoryEncoder", **params}, values + ["blue", "toString"], fit=values)
    two = ["yes", "no"]
    assert_same(node, library, {"type": "CategoryEncoder", **params}, two + ["maybe"], fit=two)


@pytest.mark.parametrize("config, data", [
    ({"type": "Tokenizer", "stop_words": "english"}, ["a"]),
    ({"type": "Tokenizer", "stop_words": ["a", None]}, ["a"]),
    ({"type": "Counts", "pad_id": 2, "num_tokens": 3}, [[1]]),
    ({"type": "TfIdf", "binary": "yes"}, [[1]]),
    ({"type": "CategoryEncoder", "drop": "last", "categories_": ["a"]}, ["a"]),
])
def test_errors_are_the_same(node, library, config, data):
    python = python_outcome(config, data, fit=[[1]] if config["type"] == "TfIdf" else None)
    assert python[0] == "ValueError"
    assert js_outcome(node, library, config, data, fit=[[1]] if config["type"] == "TfIdf" else None) == python
