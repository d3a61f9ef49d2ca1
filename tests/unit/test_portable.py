"""featurizers.portable in CPython: each operation is the CPython operation it names.

(tests/parity/test_portable_parity.py runs the same operations in Node.)"""

import re
import sys
import unicodedata

import pytest
from portable_oracles import PREDICATES

from featurizers import _unicode, portable

EVERY_CODE_POINT = [chr(code) for code in range(sys.maxunicode + 1)]  # lone surrogates included
# The tables are CPython 3.11's Unicode, on every Python (so that both runtimes agree whatever
# Python trained): a newer Python's own str methods know the characters added since, and only
# CPython 3.11 is their oracle for every code point.
same_unicode = pytest.mark.skipif(
    unicodedata.unidata_version != _unicode.UNIDATA_VERSION,
    reason=f"the tables are Unicode {_unicode.UNIDATA_VERSION}; this Python's methods know {unicodedata.unidata_version}",
)
WORD = re.compile(r"\w")

CLASS_METHODS = {
    "ALPHA_CHARS": str.isalpha,
    "ALNUM_CHARS": str.isalnum,
    "DECIMAL_CHARS": str.isdecimal,
    "DIGIT_CHARS": str.isdigit,
    "NUMERIC_CHARS": str.isnumeric,
    "SPACE_CHARS": str.isspace,
    "UPPER_CHARS": str.isupper,
    "LOWER_CHARS": str.islower,
    "TITLE_CHARS": lambda char: char.istitle() and not char.isupper(),
    "WORD_CHARS": lambda char: WORD.fullmatch(char) is not None,
    "PRINTABLE_CHARS": str.isprintable,
    "ASCII_CHARS": str.isascii,
}


@same_unicode
@pytest.mark.parametrize("name", sorted(CLASS_METHODS))
def test_each_class_holds_the_code_points_for_which_cpythons_method_holds(name):
    in_class = re.compile("[" + getattr(portable, name) + "]")
    method = CLASS_METHODS[name]
    assert [hex(ord(c)) for c in EVERY_CODE_POINT if (in_class.fullmatch(c) is not None) != method(c)] == []


@same_unicode
def test_the_classes_are_the_pattern_escapes_cpython_has():
    for name, escape in [("WORD_CHARS", r"\w"), ("DECIMAL_CHARS", r"\d"), ("SPACE_CHARS", r"\s")]:
        in_class, matches = re.compile("[" + getattr(portable, name) + "]"), re.compile(escape)
        assert all((in_class.fullmatch(c) is None) == (matches.fullmatch(c) is None) for c in EVERY_CODE_POINT), name


@same_unicode
@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_each_predicate_is_cpythons_method_for_every_code_point(name):
    predicate, method = getattr(portable, name), PREDICATES[name]
    assert [hex(ord(c)) for c in EVERY_CODE_POINT if predicate(c) != method(c)] == []


@pytest.mark.parametrize(
    "text",
    ["", "Hello World", "Hello world", "HELLO 1!", "hello 1!", "ǅemal", "ǅEMAL", "ΣΑΣ", "x²", "½", "_id1", "1id",
     "a\u0301", "A\ud800", "\ud800", " \t", "\x00\x7f", "x y"],
)  # fmt: skip
def test_each_predicate_is_cpythons_method_for_whole_texts(text):
    for name, method in PREDICATES.items():
        assert getattr(portable, name)(text) == method(text), name


def test_digit_is_not_decimal_as_in_cpython():
    # DIGIT_CHARS is str.isdigit (superscripts too); what \d matches is DECIMAL_CHARS.
    assert portable.is_digit("²") and not portable.is_decimal("²")
    assert portable.is_numeric("½") and not portable.is_digit("½")


def test_counting_capitals_is_the_motivating_case():
    letter = portable.compile("[" + portable.ALPHA_CHARS + "]")
    capital = portable.compile("[" + portable.UPPER_CHARS + "]")
    for text in ["ÉTÉ!", "Été", "ΣΑΣ σας", "ǅ", "123"]:
        assert portable.count(letter, text) == sum(1 for ch in text if ch.isalpha())
        assert portable.count(capital, text) == sum(1 for ch in text if ch.isupper())
        assert [portable.is_upper(ch) for ch in text] == [ch.isupper() for ch in text]


@pytest.mark.parametrize("text", ["", " ", " a  b ", "\x1c\x85a\u2028b\u3000", "a\r\nb\rc\n\nd\x0be\x0cf\x1dg\x1eh\n", "\ufeffx\ufeff", "x\r"])
def test_whitespace_operations_are_the_str_methods(text):
    for name in ["split", "splitlines", "strip", "lstrip", "rstrip"]:
        assert getattr(portable, name)(text) == getattr(str, name)(text), name


def test_code_points_length_slices_ord_and_chr():
    assert portable.cp_len("a😀b") == 3 and portable.cp_slice("a😀b", 1, None) == "😀b" and portable.cp_slice("a😀b", 0, 2) == "a😀"
    assert portable.code_point("😀") == 0x1F600 and portable.char(0x1F600) == "😀" and portable.char(0xD800) == "\ud800"
    with pytest.raises(ValueError, match="one code point, got 2"):
        portable.code_point("ab")
    with pytest.raises(TypeError, match="expects an int, got bool"):
        portable.char(True)


def test_lower_and_normalize_are_cpythons():
    assert portable.lower("ΟΔΟΣ ΣΑΣ İ") == "ΟΔΟΣ ΣΑΣ İ".lower()
    assert portable.normalize("NFKD", "ﬁ Ⅻ é") == unicodedata.normalize("NFKD", "ﬁ Ⅻ é")
    with pytest.raises(ValueError, match="form must be 'NFC', 'NFD', 'NFKC' or 'NFKD', got NoneType"):
        portable.normalize(None, "x")


def test_str_map_holds_every_key():
    counts = portable.StrMap()
    for key in ["constructor", "__proto__", "toString", "constructor", ""]:
        counts.set(key, counts.get(key, 0) + 1)
    assert counts.keys() == ["constructor", "__proto__", "toString", ""]
    assert counts.get("constructor", 0) == 2 and counts.get("hasOwnProperty", -1) == -1 and counts.size() == 4
    assert portable.has_key({"__proto__": 1}, "__proto__") and not portable.has_key({}, "constructor")


def test_sorting_by_code_point_as_cpython():
    words = ["\uffff", "😀", "b", "a", "", "B"]
    assert portable.sort_str(words) == sorted(words) and words[0] == "\uffff"  # a new list
    rows = [["a", 2], ["b", 1], ["c", 2]]
    assert portable.sort_with(rows, lambda x, y: y[1] - x[1]) == [["a", 2], ["c", 2], ["b", 1]]  # stable
    assert portable.compare_str("\uffff", "😀") == -1 and portable.compare_str("a", "a") == 0


def test_patterns_match_code_points_and_give_whole_matches():
    words = portable.compile("[" + portable.WORD_CHARS + "]+")
    assert portable.findall(words, "naïve café_1 😀 ½") == ["naïve", "café_1", "½"]
    assert portable.findall(portable.compile("(a)(b)?"), "ab a") == ["ab", "a"]  # not re's groups
    assert portable.search(words, "!! x") == "x" and portable.search(words, "!!") is None
    assert portable.fullmatch(portable.compile("a|ab"), "ab") is True
    assert portable.sub(words, "<\\1 $1>", "a b") == "<\\1 $1> <\\1 $1>"  # literal replacement
    assert portable.compile("x+").pattern == "x+"


def test_patterns_that_match_empty_are_refused():
    with pytest.raises(ValueError, match="matches the empty string"):
        portable.compile("a*")
    with pytest.raises(TypeError, match="expects a str pattern, got NoneType"):
        portable.compile(None)
    ahead = portable.compile("x*(?=a)")  # matches "" before an "a" only
    assert portable.findall(ahead, "xxb") == []
    for call in [lambda: portable.findall(ahead, "ba"), lambda: portable.count(ahead, "ba"), lambda: portable.sub(ahead, "-", "ba")]:
        with pytest.raises(ValueError, match="matched the empty string"):
            call()
