"""Counts, MultiHot and TfIdf in CPython and in Node, and against scikit-learn.

The corpus is every 10th SpamAssassin message (build/pipeline/corpus.sqlite, ordered by group and
id), run through EmailBody, TextCleaner, Tokenizer and Vocabulary(max_tokens=2000) in Python to
get the id lists. Integers (Counts, MultiHot, the learned size) must be identical, and so must
TfIdf's floats, bit for bit (its ``ln`` is fdlibm's in both runtimes, ``_host.log``); an ``idf_``
learned in JS is checked to 1e-12 too. Errors must be the same in both.

The oracle: the same token lists given to scikit-learn's CountVectorizer / CountVectorizer(binary=True)
/ TfidfVectorizer with ``analyzer`` returning them as they are (tokens outside our vocabulary
replaced by its OOV token) and ``vocabulary`` = our ``vocabulary_[1:]``, so sklearn's column ``k``
is our column ``k + 1`` and our column 0 (padding) must be all 0.
"""

import math

import numpy as np
import pytest
from harness import js_outcome, python_outcome, spam_assassin_texts, strict_json

from featurizers import (
    Counts,
    EmailBody,
    MultiHot,
    Pipeline,
    TextCleaner,
    TfIdf,
    Tokenizer,
    Vocabulary,
    _host,
)

TFIDF_PARAMS = [
    {"norm": norm, "smooth_idf": smooth, "sublinear_tf": sublinear}
    for norm in ["l2", "l1", None]
    for smooth in [True, False]
    for sublinear in [False, True]
]


def params_id(params):
    return "-".join(f"{k}={v}" for k, v in params.items())


@pytest.fixture(scope="module")
def corpus():
    """(token lists, id lists, vocabulary_) of every 10th message."""
    texts = spam_assassin_texts(every=10)
    tokens = Pipeline([EmailBody(), TextCleaner(), Tokenizer()]).fit_transform(texts)
    vocabulary = Vocabulary(max_tokens=2000).fit(tokens)
    ids = vocabulary.transform(tokens)
    assert len(ids) == 605 and len(vocabulary.vocabulary_) == 2000
    assert sum(1 for row in ids for x in row if x == 1) > 1000  # OOV is well represented
    return tokens, ids, vocabulary.vocabulary_


def assert_ints_identical(python_rows, js_rows):
    assert len(js_rows) == len(python_rows)
    differing = [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]
    assert differing == [], f"{len(differing)} rows differ; first {differing[0]}"
    assert all(type(x) is int for row in js_rows for x in row)


def assert_floats_close(python_rows, js_rows, rtol=1e-12):
    python_array, js_array = np.asarray(python_rows, dtype=float), np.asarray(js_rows, dtype=float)
    assert python_array.shape == js_array.shape
    np.testing.assert_allclose(js_array, python_array, rtol=rtol, atol=0)


# --- Python vs Node on the corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_counts_and_multi_hot_fitted_in_python_are_identical_in_js(node, library, corpus, cls):
    _, ids, _ = corpus
    encoder = cls().fit(ids)
    python = python_outcome(encoder.get_config(), ids)
    js = js_outcome(node, library, encoder.get_config(), ids)
    assert js[0] == python[0] == "ok"
    assert_ints_identical(python[1], js[1])
    assert js[2] == python[2] == {"type": cls.__name__, "num_tokens": None, "num_tokens_": 2000}


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_counts_and_multi_hot_fitted_in_js_learn_the_python_size(node, library, corpus, cls):
    _, ids, _ = corpus
    js_output, js_config = node.featurizer(library, cls().get_config(), ids, fit=ids)
    encoder = cls().fit(ids)
    assert js_config == strict_json(encoder.get_config())
    assert_ints_identical(encoder.transform(ids), js_output)


@pytest.mark.parametrize("params", TFIDF_PARAMS, ids=params_id)
def test_tfidf_fitted_in_python_transforms_in_js_to_1e_12(node, library, corpus, params):
    _, ids, _ = corpus
    tfidf = TfIdf(**params).fit(ids)
    js_output, js_config = node.featurizer(library, strict_json(tfidf.get_config()), ids)
    assert js_config == strict_json(tfidf.get_config())  # idf_ carried bit for bit
    python_output = tfidf.transform(ids)
    assert_floats_close(python_output, js_output)
    # The same doubles in the same order, bit for bit (sublinear_tf's ln included).
    assert js_output == strict_json(python_output)


# idf_ depends on smooth_idf alone; the other parameters' transform is covered above.
JS_FIT_PARAMS = [
    {"norm": "l2", "smooth_idf": True, "sublinear_tf": True},
    {"norm": "l1", "smooth_idf": False, "sublinear_tf": False},
]


@pytest.mark.parametrize("params", JS_FIT_PARAMS, ids=params_id)
def test_tfidf_fitted_in_js_learns_idf_within_1e_12(node, library, corpus, params):
    _, ids, _ = corpus
    js_output, js_config = node.featurizer(library, TfIdf(**params).get_config(), ids, fit=ids)
    tfidf = TfIdf(**params).fit(ids)
    python_config = strict_json(tfidf.get_config())
    assert {k: v for k, v in js_config.items() if k != "idf_"} == {k: v for k, v in python_config.items() if k != "idf_"}
    assert_floats_close([python_config["idf_"]], [js_config["idf_"]])
    assert js_config["idf_"] == python_config["idf_"]  # the same ln in both: the same doubles
    assert_floats_close(tfidf.transform(ids), js_output)


# --- adversarial id lists ----------------------------------------------------------------------------------------

ADVERSARIAL_FIT = [[], [0, 0, 0], [1, 1], [2], [9] * 1000, [3, 4, 5, 6, 7, 8, 9], [0, 9, 0, 1]]
ADVERSARIAL_DATA = ADVERSARIAL_FIT + [
    [9] * 100000,  # a huge count: 1 + ln(100000) in sublinear tf
    [1] * 7 + [2] * 3,
    list(range(10)) * 3,
    [0] * 50,
]


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_counts_and_multi_hot_on_adversarial_ids(node, library, cls):
    for config in [cls().get_config(), cls(num_tokens=12).get_config()]:
        python = python_outcome(config, ADVERSARIAL_DATA, fit=ADVERSARIAL_FIT)
        js = js_outcome(node, library, config, ADVERSARIAL_DATA, fit=ADVERSARIAL_FIT)
        assert python[0] == "ok" and js == python


@pytest.mark.parametrize("params", TFIDF_PARAMS, ids=params_id)
def test_tfidf_on_adversarial_ids(node, library, params):
    for num_tokens in [None, 12]:
        tfidf = TfIdf(num_tokens=num_tokens, **params).fit(ADVERSARIAL_FIT)
        js_output, js_config = node.featurizer(library, strict_json(tfidf.get_config()), ADVERSARIAL_DATA)
        assert js_config == strict_json(tfidf.get_config())
        assert js_output == strict_json(tfidf.transform(ADVERSARIAL_DATA))
        js_output, js_config = node.featurizer(library, TfIdf(num_tokens=num_tokens, **params).get_config(), ADVERSARIAL_DATA, fit=ADVERSARIAL_FIT)
        assert js_config["idf_"] == strict_json(tfidf.idf_)
        assert js_output == strict_json(tfidf.transform(ADVERSARIAL_DATA))


def test_log_of_counts_and_idf_ratios_is_the_same_double_in_both(node, library):
    """_host.log in Node and in CPython: the same double (fdlibm's), within one ulp of math.log."""
    values = [float(x) for x in range(1, 400)] + [(1 + n) / (1 + d) for n in [605, 3250] for d in range(0, 600, 7)]
    js = [node.host(library, "log", v) for v in values]
    assert js == [_host.log(v) for v in values]
    assert all(abs(j - math.log(v)) <= math.ulp(j) for j, v in zip(js, values))


# --- errors: the same in both ------------------------------------------------------------------------------------

ERROR_CASES = {
    # name -> (config, fit or None, data)
    "beyond-size": ({"type": "Counts", "num_tokens": 3}, None, [[1, 2], [0, 3]]),
    "beyond-learned-size": ({"type": "MultiHot"}, [[4]], [[5]]),
    "tfidf-beyond-size": ({"type": "TfIdf"}, [[2, 3]], [[4]]),
    "negative-at-fit": ({"type": "TfIdf"}, [[2], [-1]], [[1]]),
    "negative-at-transform": ({"type": "Counts", "num_tokens": 3}, None, [[-2]]),
    "beyond-given-size-at-fit": ({"type": "TfIdf", "num_tokens": 2}, [[2]], [[1]]),
    "not-fitted": ({"type": "Counts"}, None, [[1]]),
    "tfidf-not-fitted-with-num-tokens": ({"type": "TfIdf", "num_tokens": 4}, None, [[1]]),
    "tfidf-empty-fit": ({"type": "TfIdf"}, [], [[1]]),
    "not-a-list": ({"type": "Counts", "num_tokens": 3}, None, "12"),
    "item-none": ({"type": "MultiHot", "num_tokens": 3}, None, [[1], None]),
    "id-float": ({"type": "Counts", "num_tokens": 3}, None, [[1, 2.5]]),
    "id-str": ({"type": "TfIdf", "num_tokens": 3}, [["1"]], [[1]]),
    "id-bool": ({"type": "Counts", "num_tokens": 3}, None, [[True]]),
    "id-beyond-2-53": ({"type": "Counts", "num_tokens": 3}, None, [[2**53]]),
    "num-tokens-zero": ({"type": "Counts", "num_tokens": 0}, None, [[1]]),
    "num-tokens-float": ({"type": "MultiHot", "num_tokens": 2.5}, None, [[1]]),
    "num-tokens-str": ({"type": "TfIdf", "num_tokens": "3"}, [[1]], [[1]]),
    "norm": ({"type": "TfIdf", "norm": "max"}, [[1]], [[1]]),
    "norm-list": ({"type": "TfIdf", "norm": ["l2"]}, [[1]], [[1]]),
    "smooth-idf-int": ({"type": "TfIdf", "smooth_idf": 1}, [[1]], [[1]]),
    "sublinear-none": ({"type": "TfIdf", "sublinear_tf": None}, [[1]], [[1]]),
    "state-size": ({"type": "Counts", "num_tokens_": 0}, None, [[1]]),
    "state-mismatch": ({"type": "MultiHot", "num_tokens": 2, "num_tokens_": 3}, None, [[1]]),
    "state-idf-length": ({"type": "TfIdf", "num_tokens_": 3, "idf_": [1, 1]}, None, [[1]]),
    "state-idf-str": ({"type": "TfIdf", "num_tokens_": 2, "idf_": [1, "1"]}, None, [[1]]),
}


@pytest.mark.parametrize("name", ERROR_CASES)
def test_errors_are_the_same_in_both(node, library, name):
    config, fit, data = ERROR_CASES[name]
    python = python_outcome(config, data, fit)
    assert python[0] in ("ValueError", "TypeError", "NotFittedError")
    assert js_outcome(node, library, config, data, fit) == python


# --- the oracle: scikit-learn ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sklearn_input(corpus):
    """sklearn's documents (OOV tokens as the OOV token) and vocabulary (ours without padding)."""
    tokens, _, vocabulary = corpus
    known = set(vocabulary[2:])
    documents = [[token if token in known else vocabulary[1] for token in row] for row in tokens]
    return documents, vocabulary[1:]


def assert_matches_sklearn(ours, matrix):
    ours = np.asarray(ours, dtype=float)
    expected = matrix.toarray()
    assert ours.shape == (expected.shape[0], expected.shape[1] + 1)
    assert not ours[:, 0].any()  # padding
    np.testing.assert_allclose(ours[:, 1:], expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("binary", [False, True])
def test_counts_and_multi_hot_equal_scikit_learn_count_vectorizer(corpus, sklearn_input, binary):
    from sklearn.feature_extraction.text import CountVectorizer

    _, ids, _ = corpus
    documents, vocabulary = sklearn_input
    matrix = CountVectorizer(analyzer=lambda doc: doc, lowercase=False, vocabulary=vocabulary, binary=binary).fit_transform(documents)
    ours = (MultiHot() if binary else Counts()).fit(ids).transform(ids)
    assert_matches_sklearn(ours, matrix)
    assert np.array_equal(np.asarray(ours)[:, 1:], matrix.toarray())  # ints: exactly


@pytest.mark.parametrize("params", TFIDF_PARAMS, ids=params_id)
def test_tfidf_equals_scikit_learn_tfidf_vectorizer(corpus, sklearn_input, params):
    from sklearn.feature_extraction.text import TfidfVectorizer

    _, ids, _ = corpus
    documents, vocabulary = sklearn_input
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, lowercase=False, vocabulary=vocabulary, **params)
    matrix = vectorizer.fit_transform(documents)
    tfidf = TfIdf(**params).fit(ids)
    np.testing.assert_allclose(tfidf.idf_[1:], vectorizer.idf_, rtol=1e-12, atol=0)
    assert_matches_sklearn(tfidf.transform(ids), matrix)
