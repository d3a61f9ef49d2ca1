"""Specification of Tokenizer: text -> maximal runs of non-whitespace, exactly as str.split()."""

import sys

import pytest

from featurizers import Tokenizer

TRICKY_TEXTS = [
    "",
    " ",
    "a",
    "  a  b  ",
    "a\tb\nc\rd\x0be\x0cf",
    "\r\n\x0b\x0c",
    "a\x1cb\x1dc\x1ed\x1fe",
    "a\x85b",
    "a\xa0b",
    "a\u1680b",
    "a\u2000b\u2005c\u200ad",
    "a\u2028b\u2029c",
    "a\u202fb\u205fc\u3000d",
    "a\u200bb",
    "a\ufeffb",
    "a\u180eb",
    "a\u2060b",
    "a\u200cb\u200dc",
    "\U0001F468\u200d\U0001F469\u200d\U0001F467 e\u0301",
    "NUM URL EMAIL",
    "\ud800 lone surrogate",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS, ids=lambda t: ascii(t))
def test_tokenize_equals_str_split(text):
    assert Tokenizer().tokenize(text) == text.split()


def test_tokenize_agrees_with_str_split_for_every_code_point_as_separator():
    text = "x".join(chr(code) for code in range(sys.maxunicode + 1))
    assert Tokenizer().tokenize(text) == text.split()


def test_tokenize_of_empty_string_is_empty_list():
    assert Tokenizer().tokenize("") == []


def test_tokenize_of_whitespace_only_is_empty_list():
    assert Tokenizer().tokenize(" \t\n\u3000") == []


def test_tokenize_splits_on_space():
    assert Tokenizer().tokenize("hello big world") == ["hello", "big", "world"]


def test_punctuation_stays_inside_tokens():
    assert Tokenizer().tokenize("don't stop, now!") == ["don't", "stop,", "now!"]


@pytest.mark.parametrize(
    "joiner",
    ["\u200b", "\ufeff", "\u200c", "\u200d", "\u2060", "\u180e"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_invisible_non_whitespace_characters_are_not_separators(joiner):
    assert Tokenizer().tokenize(f"a{joiner}b c") == [f"a{joiner}b", "c"]


@pytest.mark.parametrize(
    "separator",
    ["\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_python_whitespace_outside_ascii_separates_tokens(separator):
    assert Tokenizer().tokenize(f"a{separator}b") == ["a", "b"]


def test_transform_tokenizes_each_text_of_the_batch():
    assert Tokenizer().transform(["a b", "", "c"]) == [["a", "b"], [], ["c"]]


def test_transform_of_empty_batch_is_empty():
    assert Tokenizer().transform([]) == []


def test_fit_returns_the_tokenizer_itself():
    tokenizer = Tokenizer()
    assert tokenizer.fit(["a b"]) is tokenizer


def test_a_string_instead_of_a_list_raises_type_error():
    with pytest.raises(TypeError, match=r"^Tokenizer\.transform expects a list of str, got str$"):
        Tokenizer().transform("a b")


def test_a_non_string_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^Tokenizer\.transform: item 1 is int, expected str$"):
        Tokenizer().transform(["a", 3])


def test_a_list_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^Tokenizer\.transform: item 0 is list, expected str$"):
        Tokenizer().transform([["a", "b"]])
