"""Specification of the featurizer modes scikit-learn's vectorizers and encoders need.

Each new parameter keeps today's behaviour at its default and stays out of ``get_config`` there.
"""

import pytest

from featurizers import CategoryEncoder, Counts, MultiHot, TfIdf, Tokenizer, Vocabulary, from_config

# --- Vocabulary without OOV or padding ids ---------------------------------------------------------


def test_without_oov_unknown_tokens_are_dropped():
    vocabulary = Vocabulary(oov_token=None).fit([["a", "b", "a"]])
    assert vocabulary.vocabulary_ == ["", "a", "b"]
    assert vocabulary.transform([["b", "zz", "a", "zz"], ["zz"]]) == [[2, 1], []]


def test_without_padding_and_oov_the_tokens_take_ids_from_0():
    vocabulary = Vocabulary(pad_token=None, oov_token=None).fit([["a", "b", "a"]])
    assert vocabulary.vocabulary_ == ["a", "b"]
    assert vocabulary.transform([["b", "c", "a"]]) == [[1, 0]]


def test_without_padding_the_oov_id_is_0():
    vocabulary = Vocabulary(pad_token=None).fit([["a"]])
    assert vocabulary.vocabulary_ == ["[UNK]", "a"]
    assert vocabulary.transform([["a", "nope"]]) == [[1, 0]]


def test_max_tokens_counts_only_the_reserved_ids_that_exist():
    assert Vocabulary(pad_token=None, oov_token=None, max_tokens=1).fit([["a", "a", "b"]]).vocabulary_ == ["a"]
    with pytest.raises(ValueError, match="max_tokens must be at least 2 \\(padding and OOV\\), got 1"):
        Vocabulary(max_tokens=1).fit([["a"]])
    with pytest.raises(ValueError, match="max_tokens must be at least 1, got 0"):
        Vocabulary(oov_token=None, max_tokens=0).fit([["a"]])


def test_a_config_without_oov_rebuilds_the_same_lookup():
    vocabulary = Vocabulary(pad_token=None, oov_token=None).fit([["x", "y"]])
    rebuilt = from_config(vocabulary.get_config())
    assert rebuilt.get_config()["oov_token"] is None
    assert rebuilt.transform([["y", "?", "x"]]) == [[1, 0]]


# --- encoders that count every id ----------------------------------------------------------------


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_pad_id_none_counts_id_0(cls):
    assert cls(pad_id=None).fit_transform([[0, 0, 2]]) == [[2 if cls is Counts else 1, 0, 1]]
    assert cls().fit_transform([[0, 0, 2]]) == [[0, 0, 1]]


def test_tfidf_with_pad_id_none_learns_and_weighs_id_0():
    tfidf = TfIdf(pad_id=None, norm=None).fit([[0], [0, 1]])
    assert tfidf.idf_[0] == 1.0  # in both documents: ln(3 / 3) + 1
    assert tfidf.transform([[0, 0]])[0][0] == 2.0


def test_tfidf_binary_counts_each_id_once():
    tfidf = TfIdf(norm=None, binary=True).fit([[1, 1, 2]])
    assert list(tfidf.transform([[1, 1, 1, 2]])[0]) == [0.0, tfidf.idf_[1], tfidf.idf_[2]]


def test_new_encoder_parameters_appear_in_the_config_only_away_from_their_defaults():
    assert Counts().get_config() == {"type": "Counts", "num_tokens": None}
    assert Counts(pad_id=None).get_config() == {"type": "Counts", "num_tokens": None, "pad_id": None}
    assert "binary" not in TfIdf().get_config() and "pad_id" not in TfIdf().get_config()
    assert TfIdf(binary=True).get_config()["binary"] is True
    assert from_config({"type": "TfIdf", "binary": True, "pad_id": None}).get_config()["binary"] is True


@pytest.mark.parametrize("params, message", [
    ({"pad_id": 1}, "pad_id must be 0 or None, got 1"),
    ({"pad_id": "0"}, "pad_id must be 0 or None, got 0"),
])
def test_pad_id_is_0_or_none(params, message):
    with pytest.raises(ValueError, match=message):
        Counts(**params).fit([[1]])


def test_tfidf_binary_is_a_bool():
    with pytest.raises(ValueError, match="TfIdf: binary must be True or False, got 1"):
        TfIdf(binary=1).fit([[1]])


# --- Tokenizer stop words ------------------------------------------------------------------------


def test_stop_words_are_removed_before_the_ngrams():
    tokenizer = Tokenizer(ngram_range=[1, 2], stop_words=["the", "of"])
    assert tokenizer.transform(["the end of the road"]) == [["end", "road", "end road"]]


def test_stop_words_are_matched_exactly():
    assert Tokenizer(stop_words=["The"]).transform(["The the THE"]) == [["the", "THE"]]


def test_stop_words_in_the_config():
    assert Tokenizer(stop_words=["a"]).get_config() == {"type": "Tokenizer", "stop_words": ["a"]}
    assert from_config({"type": "Tokenizer", "stop_words": ["constructor"]}).transform(["constructor x"]) == [["x"]]


@pytest.mark.parametrize("params, message", [
    ({"stop_words": "english"}, "stop_words must be a list of str or None, got str"),
    ({"stop_words": ["a", 1]}, "stop_words must be a list of str, got int at index 1"),
    ({"stop_words": ["a"], "analyzer": "char"}, "stop_words apply only to analyzer='word', not 'char'"),
])
def test_bad_stop_words_are_refused(params, message):
    with pytest.raises(ValueError, match=message):
        Tokenizer(**params).transform(["a b"])


# --- CategoryEncoder drop and unknown_value -------------------------------------------------------


def test_drop_first_leaves_the_first_category_out():
    encoder = CategoryEncoder(drop="first").fit(["b", "a", "c"])
    assert encoder.transform(["a", "b", "c", "zz"]) == [[0, 0], [1, 0], [0, 1], [0, 0]]


def test_drop_if_binary_only_drops_with_two_categories():
    assert CategoryEncoder(drop="if_binary").fit(["x", "y"]).transform(["x", "y"]) == [[0], [1]]
    assert CategoryEncoder(drop="if_binary").fit(["x", "y", "z"]).transform(["x"]) == [[1, 0, 0]]


def test_unknown_value_for_indices():
    encoder = CategoryEncoder(output="index", unknown_value=99).fit(["a", "b"])
    assert encoder.transform(["b", "q"]) == [1, 99]
    assert encoder.get_config()["unknown_value"] == 99
    assert "unknown_value" not in CategoryEncoder().get_config() and "drop" not in CategoryEncoder().get_config()


@pytest.mark.parametrize("params, message", [
    ({"drop": "last"}, "drop must be None, 'first' or 'if_binary', got 'last'"),
    ({"drop": "first", "output": "index"}, "drop applies only to output='one_hot'"),
    ({"output": "index", "unknown_value": 1.5}, "unknown_value must be an int, got float"),
])
def test_bad_drop_or_unknown_value_is_refused(params, message):
    with pytest.raises(ValueError, match=message):
        CategoryEncoder(**params).fit(["a"])
