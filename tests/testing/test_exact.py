"""The exact comparison the kit and the build's gate make: ids equal, floats bit for bit."""

import math

import pytest

from featurizers.testing.exact import Doubles, as_doubles, decode, first_difference, outcome_difference, show

NAN = float("nan")


def js(values):
    """A JS list of numbers as it arrives (a Float64Array's bytes)."""
    return as_doubles(values)


@pytest.mark.parametrize(
    "python, javascript",
    [
        ([1, 2, 3], js([1.0, 2.0, 3.0])),  # JS has one number type: an int is the double of its value
        ([0.1 + 0.2], js([0.30000000000000004])),
        ([NAN, -0.0], js([NAN, -0.0])),  # NaN is NaN (whatever its payload); -0.0 is -0.0
        ([], js([])),
        ([[1, 2], ["a", None, True]], [js([1, 2]), ["a", None, True]]),
        ({"a": [1.5]}, {"a": js([1.5])}),
        (2**53 - 1, 2**53 - 1),
    ],
    ids=["ints", "inexact sum", "nan and negative zero", "empty", "nested", "dict", "largest safe int"],
)
def test_values_that_are_the_same(python, javascript):
    assert first_difference(python, javascript) is None


@pytest.mark.parametrize(
    "python, javascript, path, detail",
    [
        ([0.0, 1.0], js([-0.0, 1.0]), (0,), "zeros of different signs"),
        ([1.0, 0.30000000000000004], js([1.0, 0.3]), (1,), "different numbers"),
        ([1, 2], js([1, 2, 3]), (), "lists of 2 and 3 numbers"),
        ([NAN], js([0.0]), (0,), "different numbers"),
        ([2**53 + 1], js([2.0**53]), (0,), "an int beyond 2**53-1, which no JS number holds"),
        (["1.5"], js([1.5]), (), "a list of numbers on one side only"),
        ([1.5], ["1.5"], (0,), "a float and a str"),
        ([True], [1], (0,), "different values"),
        (["ab", "cd"], ["ab", "cé"], (1,), "strings differ from character 1 (lengths 2 and 2)"),
        ([["x"]], [["x", "y"]], (0,), "lists of length 1 and 2"),
        ({"a": 1}, {"b": 1}, (), "keys ['a'] and ['b']"),
        ("1", 1, (), "a str and a int"),
    ],
)
def test_values_that_differ_and_where(python, javascript, path, detail):
    difference = first_difference(python, javascript)
    assert (difference.path, difference.detail) == (path, detail)


def test_errors_are_compared_by_class_and_message():
    assert outcome_difference(("error", "TypeError", "x"), ("error", "TypeError", "x")) is None
    assert outcome_difference(("error", "TypeError", "x"), ("error", "TypeError", "y")).detail == "different errors"
    assert outcome_difference(("ok", [1]), ("error", "ValueError", "x")).detail == "an error on one side"


def test_js_encodings_decode_to_the_bits_js_computed():
    dense = decode({"$f64": "AAAAAAAAAIAAAAAAAADwPw=="})  # [-0, 1]
    sparse = decode({"$f64s": [4, "AgAAAA==", "AAAAAAAA+H8="]})  # [0, 0, NaN, 0]
    assert isinstance(dense, Doubles) and list(dense.values()) == [-0.0, 1.0] and math.copysign(1, dense.values()[0]) < 0
    assert math.isnan(sparse.values()[2]) and list(sparse.values())[:2] == [0.0, 0.0]
    assert [decode({"$num": s}) for s in ("Infinity", "-Infinity")] == [math.inf, -math.inf]
    assert repr(decode({"$undefined": True})) == "undefined"


def test_a_long_row_is_shown_around_its_difference():
    row = [0.0] * 5000 + [0.25]
    assert show(row, (5000,)) == "[... 5000 items, [5000]: 0.25, ... 5001 items in all]"
    assert show(js([1.0, -0.0, 2.5])) == "[1, -0.0, 2.5]"  # doubles as JS prints them, signs kept
    assert show("a\u200db") == "'a\\u200db'"  # invisible characters spelled out
