"""Specification of PadSequences: id sequences -> exactly `length` ids (Keras pad_sequences semantics)."""

import pytest

from featurizers import PadSequences


def pad(ids, **params):
    return PadSequences(**params).transform([ids])[0]


# --- padding ----------------------------------------------------------------------------------------


def test_short_sequence_is_padded_at_the_end_by_default():
    assert pad([1, 2], length=4) == [1, 2, 0, 0]


def test_post_padding_appends_the_value():
    assert pad([1, 2], length=4, padding="post") == [1, 2, 0, 0]


def test_pre_padding_prepends_the_value():
    assert pad([1, 2], length=4, padding="pre") == [0, 0, 1, 2]


def test_padding_uses_the_given_value():
    assert pad([1, 2], length=4, value=-1) == [1, 2, -1, -1]


def test_pre_padding_uses_the_given_value():
    assert pad([1], length=3, padding="pre", value=9) == [9, 9, 1]


def test_empty_sequence_becomes_all_padding():
    assert pad([], length=3) == [0, 0, 0]


def test_empty_sequence_with_pre_padding_becomes_all_padding():
    assert pad([], length=2, padding="pre", value=7) == [7, 7]


# --- truncating ---------------------------------------------------------------------------------------


def test_long_sequence_keeps_its_first_ids_by_default():
    assert pad([1, 2, 3, 4, 5], length=3) == [1, 2, 3]


def test_post_truncating_keeps_the_first_ids():
    assert pad([1, 2, 3, 4, 5], length=3, truncating="post") == [1, 2, 3]


def test_pre_truncating_keeps_the_last_ids():
    assert pad([1, 2, 3, 4, 5], length=3, truncating="pre") == [3, 4, 5]


def test_padding_side_does_not_affect_truncation():
    assert pad([1, 2, 3, 4, 5], length=3, padding="pre", truncating="post") == [1, 2, 3]


def test_truncating_side_does_not_affect_padding():
    assert pad([1], length=3, padding="post", truncating="pre") == [1, 0, 0]


def test_sequence_of_exact_length_is_unchanged():
    assert pad([4, 5, 6], length=3, padding="pre", truncating="pre") == [4, 5, 6]


def test_length_1_keeps_one_id():
    assert pad([4, 5, 6], length=1, truncating="pre") == [6]


# --- batches ----------------------------------------------------------------------------------------------


def test_every_sequence_of_a_batch_gets_exactly_length_ids():
    result = PadSequences(length=3).transform([[], [1], [1, 2, 3], [1, 2, 3, 4, 5, 6]])
    assert result == [[0, 0, 0], [1, 0, 0], [1, 2, 3], [1, 2, 3]]


def test_transform_of_empty_batch_is_empty():
    assert PadSequences(length=3).transform([]) == []


def test_transform_does_not_modify_its_input():
    batch = [[1, 2], [1, 2, 3, 4]]
    PadSequences(length=3).transform(batch)
    assert batch == [[1, 2], [1, 2, 3, 4]]


def test_padded_result_is_a_new_list():
    ids = [1, 2]
    assert pad(ids, length=3) is not ids


def test_fit_returns_the_featurizer_itself():
    padder = PadSequences(length=2)
    assert padder.fit([[1]]) is padder


def test_large_ids_are_kept():
    assert pad([2**31, 2**53 - 1], length=3) == [2**31, 2**53 - 1, 0]


# --- invalid parameters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [None, 0, -1, 2.5, 3.0, "3", True])
def test_invalid_length_raises_value_error(length):
    with pytest.raises(ValueError, match=r"^PadSequences: length must be a positive int"):
        PadSequences(length=length).transform([[1]])


def test_default_length_is_unset_and_raises_value_error():
    with pytest.raises(ValueError, match=r"length must be a positive int, got None"):
        PadSequences().transform([[1]])


@pytest.mark.parametrize("padding", ["both", "PRE", "", None])
def test_invalid_padding_raises_value_error(padding):
    with pytest.raises(ValueError, match=r"^PadSequences: padding must be 'pre' or 'post'"):
        PadSequences(length=2, padding=padding).transform([[1]])


@pytest.mark.parametrize("truncating", ["middle", "Post", "", None])
def test_invalid_truncating_raises_value_error(truncating):
    with pytest.raises(ValueError, match=r"^PadSequences: truncating must be 'pre' or 'post'"):
        PadSequences(length=2, truncating=truncating).transform([[1]])


def test_invalid_padding_error_names_the_value():
    with pytest.raises(ValueError, match=r"got 'both'"):
        PadSequences(length=2, padding="both").transform([[1]])


# --- invalid input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, seen",
    [(1.0, "float"), ("2", "str"), (None, "NoneType"), (True, "bool"), (False, "bool"), ([3], "list")],
    ids=repr,
)
def test_non_int_id_raises_type_error_naming_the_sequence_and_id_positions(bad, seen):
    message = rf"^PadSequences\.transform: item 1 is list with {seen} at index 1, expected list of int$"
    with pytest.raises(TypeError, match=message):
        PadSequences(length=3).transform([[1], [2, bad]])


def test_bool_id_counts_as_non_int():
    with pytest.raises(TypeError, match=r"item 0 is list with bool at index 0, expected list of int"):
        PadSequences(length=2).transform([[True]])


def test_non_list_sequence_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^PadSequences\.transform: item 0 is int, expected list of int$"):
        PadSequences(length=2).transform([5])


def test_non_list_batch_raises_type_error():
    with pytest.raises(TypeError, match=r"^PadSequences\.transform expects a list of list of int, got str$"):
        PadSequences(length=2).transform("12")


# --- known bug, see the report: tuples pass validation but are not handled ---------------------------------



def test_short_tuple_sequence_is_padded_to_a_list():
    assert PadSequences(length=3).transform([(1, 2)]) == [[1, 2, 0]]



def test_long_tuple_sequence_is_truncated_to_a_list():
    assert PadSequences(length=2).transform([(1, 2, 3)]) == [[1, 2]]


def test_ids_beyond_what_a_js_number_holds_exactly_are_rejected():
    # 2**53 is where JS numbers stop being exact; both runtimes reject it alike.
    with pytest.raises(TypeError, match=r"^PadSequences\.transform: item 0 is list with int beyond 2\*\*53 at index 1, expected list of int$"):
        PadSequences(length=2).transform([[1, 2**53]])
    assert PadSequences(length=1).transform([[2**53 - 1]]) == [[2**53 - 1]]
