"""Specification of Vocabulary: tokens -> ids, with padding at 0 and out-of-vocabulary at 1."""

import pytest

from featurizers import NotFittedError, Vocabulary


def fitted(token_lists, **params):
    return Vocabulary(**params).fit(token_lists)


# --- layout of vocabulary_ ---------------------------------------------------------------------------


def test_pad_token_is_id_0_and_oov_token_is_id_1():
    assert fitted([["x"]]).vocabulary_[:2] == ["", "[UNK]"]


def test_tokens_follow_by_count_descending():
    assert fitted([["a", "b", "b", "c", "c", "c"]]).vocabulary_ == ["", "[UNK]", "c", "b", "a"]


def test_counts_add_up_across_token_lists():
    assert fitted([["a", "b"], ["b"], ["a", "b"]]).vocabulary_ == ["", "[UNK]", "b", "a"]


def test_ties_are_broken_by_token_ascending():
    assert fitted([["b", "a"]]).vocabulary_ == ["", "[UNK]", "a", "b"]


def test_ties_are_broken_in_code_point_order_not_utf16_order():
    # U+FFFF < U+1F600 as code points, although U+1F600 is the surrogate pair D83D DE00 in UTF-16.
    assert fitted([["\U0001F600", "\uffff"]]).vocabulary_ == ["", "[UNK]", "\uffff", "\U0001F600"]


def test_ties_put_upper_case_before_lower_case_and_prefix_first():
    assert fitted([["ab", "a", "B", "é"]]).vocabulary_ == ["", "[UNK]", "B", "a", "ab", "é"]


def test_fit_on_no_tokens_keeps_only_pad_and_oov():
    assert fitted([]).vocabulary_ == ["", "[UNK]"]


def test_custom_pad_and_oov_tokens_take_ids_0_and_1():
    vocabulary = fitted([["x"]], pad_token="<pad>", oov_token="<oov>")
    assert vocabulary.vocabulary_ == ["<pad>", "<oov>", "x"]


# --- max_tokens and min_count ------------------------------------------------------------------------


def test_max_tokens_counts_pad_and_oov():
    assert fitted([["a", "a", "a", "b", "b", "c"]], max_tokens=4).vocabulary_ == ["", "[UNK]", "a", "b"]


def test_max_tokens_2_keeps_only_pad_and_oov():
    assert fitted([["a", "b"]], max_tokens=2).vocabulary_ == ["", "[UNK]"]


def test_max_tokens_above_the_number_of_tokens_keeps_them_all():
    assert fitted([["a", "b"]], max_tokens=100).vocabulary_ == ["", "[UNK]", "a", "b"]


def test_max_tokens_cut_respects_tie_order():
    assert fitted([["c", "b", "a"]], max_tokens=3).vocabulary_ == ["", "[UNK]", "a"]


def test_min_count_drops_rarer_tokens():
    assert fitted([["a", "a", "b", "b", "c"]], min_count=2).vocabulary_ == ["", "[UNK]", "a", "b"]


def test_min_count_and_max_tokens_combine():
    data = [["a", "a", "a", "b", "b", "c", "c", "d"]]
    assert fitted(data, min_count=2, max_tokens=3).vocabulary_ == ["", "[UNK]", "a"]


@pytest.mark.parametrize("max_tokens", [1, 0, -5])
def test_max_tokens_below_2_raises_value_error(max_tokens):
    with pytest.raises(ValueError, match=r"max_tokens must be at least 2"):
        Vocabulary(max_tokens=max_tokens).fit([["a"]])


# --- pad and oov tokens seen in the data -------------------------------------------------------------


def test_pad_and_oov_tokens_in_data_are_not_duplicated():
    data = [["", "[UNK]", "a", "", "[UNK]", ""]]
    assert fitted(data).vocabulary_ == ["", "[UNK]", "a"]


def test_custom_pad_and_oov_tokens_in_data_are_not_duplicated():
    vocabulary = fitted([["<pad>", "<oov>", "x"]], pad_token="<pad>", oov_token="<oov>")
    assert vocabulary.vocabulary_ == ["<pad>", "<oov>", "x"]


def test_default_special_tokens_are_ordinary_tokens_when_others_are_configured():
    vocabulary = fitted([["", "[UNK]"]], pad_token="<pad>", oov_token="<oov>")
    assert vocabulary.vocabulary_ == ["<pad>", "<oov>", "", "[UNK]"]


def test_pad_and_oov_tokens_are_not_counted_against_max_tokens():
    data = [["", "", "", "[UNK]", "[UNK]", "a"]]
    assert fitted(data, max_tokens=3).vocabulary_ == ["", "[UNK]", "a"]


# --- transform -----------------------------------------------------------------------------------------


def test_transform_maps_tokens_to_their_ids():
    vocabulary = fitted([["a", "b", "b"]])
    assert vocabulary.transform([["b", "a"], ["a"]]) == [[2, 3], [3]]


def test_unknown_tokens_map_to_1():
    assert fitted([["a"]]).transform([["a", "zzz", "A"]]) == [[2, 1, 1]]


def test_pad_token_maps_to_0_and_oov_token_maps_to_1():
    assert fitted([["a"]]).transform([["", "[UNK]"]]) == [[0, 1]]


def test_tokens_cut_by_max_tokens_map_to_1():
    assert fitted([["a", "a", "b"]], max_tokens=3).transform([["a", "b"]]) == [[2, 1]]


def test_tokens_below_min_count_map_to_1():
    assert fitted([["a", "a", "b"]], min_count=2).transform([["a", "b"]]) == [[2, 1]]


def test_transform_keeps_empty_token_lists():
    assert fitted([["a"]]).transform([[], ["a"], []]) == [[], [2], []]


def test_transform_of_empty_batch_is_empty():
    assert fitted([["a"]]).transform([]) == []


def test_fit_returns_the_vocabulary_itself():
    vocabulary = Vocabulary()
    assert vocabulary.fit([["a"]]) is vocabulary


def test_fit_transform_maps_the_fitted_data():
    assert Vocabulary().fit_transform([["a", "b"], ["b"]]) == [[3, 2], [2]]


def test_refit_replaces_the_previous_vocabulary():
    vocabulary = fitted([["old"]])
    vocabulary.fit([["new"]])
    assert vocabulary.vocabulary_ == ["", "[UNK]", "new"]
    assert vocabulary.transform([["old", "new"]]) == [[1, 2]]


# --- prototype-named tokens (plain JS objects would break on these) -------------------------------


PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]


def test_prototype_named_tokens_get_ordinary_ids():
    vocabulary = fitted([PROTOTYPE_NAMES + ["__proto__"]])
    assert vocabulary.vocabulary_ == [
        "",
        "[UNK]",
        "__proto__",
        "__defineGetter__",
        "constructor",
        "hasOwnProperty",
        "toString",
        "valueOf",
    ]


def test_prototype_named_tokens_map_to_their_ids():
    vocabulary = fitted([PROTOTYPE_NAMES + ["__proto__"]])
    assert vocabulary.transform([["constructor", "__proto__", "toString", "hasOwnProperty"]]) == [[4, 2, 6, 5]]


@pytest.mark.parametrize("name", PROTOTYPE_NAMES)
def test_unseen_prototype_named_tokens_map_to_1(name):
    assert fitted([["a"]]).transform([[name]]) == [[1]]


# --- fitted state --------------------------------------------------------------------------------------


def test_size_is_the_number_of_ids():
    assert fitted([["a", "b", "a"]]).size() == 4


def test_size_counts_pad_and_oov_of_an_empty_vocabulary():
    assert fitted([]).size() == 2


def test_new_vocabulary_is_not_fitted():
    assert Vocabulary().is_fitted() is False


def test_fitted_vocabulary_is_fitted():
    assert fitted([["a"]]).is_fitted() is True


def test_transform_before_fit_raises_not_fitted_error_naming_vocabulary():
    with pytest.raises(NotFittedError, match=r"^Vocabulary is not fitted"):
        Vocabulary().transform([["a"]])


def test_size_before_fit_raises_not_fitted_error():
    with pytest.raises(NotFittedError, match=r"Vocabulary"):
        Vocabulary().size()


def test_not_fitted_error_is_a_value_error():
    assert issubclass(NotFittedError, ValueError)


# --- bad input -----------------------------------------------------------------------------------------


def test_fit_on_a_string_raises_type_error():
    with pytest.raises(TypeError, match=r"^Vocabulary\.fit expects a list of list of str, got str$"):
        Vocabulary().fit("abc")


def test_fit_on_a_non_list_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^Vocabulary\.fit: item 1 is str, expected list of str$"):
        Vocabulary().fit([["a"], "b"])


def test_fit_on_a_list_holding_a_non_string_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^Vocabulary\.fit: item 2 is list with int at index 1, expected list of str$"):
        Vocabulary().fit([["a"], [], ["b", 3]])


def test_transform_on_a_none_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^Vocabulary\.transform: item 1 is NoneType, expected list of str$"):
        fitted([["a"]]).transform([["a"], None])


def test_transform_on_a_string_raises_type_error():
    with pytest.raises(TypeError, match=r"^Vocabulary\.transform expects a list of list of str, got str$"):
        fitted([["a"]]).transform("a")


def test_errors_from_fit_name_the_fit_method():
    with pytest.raises(TypeError, match=r"^Vocabulary\.fit: item 0 is str, expected list of str$"):
        Vocabulary().fit(["a"])
