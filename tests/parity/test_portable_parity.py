"""featurizers.portable means the same in CPython and in the bundle: every operation, on every code
point where it takes one, on the adversarial texts, and its errors."""

import re
import sys
import unicodedata

import pytest
from harness import Compiled, NodeError
from portable_oracles import PREDICATES

from featurizers import _unicode, portable
from featurizers.compiler import unicode_tables
from featurizers.testing.adversarial import ADVERSARIAL, lone_surrogates

CLASSES = [
    "ALPHA_CHARS", "ALNUM_CHARS", "DECIMAL_CHARS", "DIGIT_CHARS", "NUMERIC_CHARS", "SPACE_CHARS", "UPPER_CHARS",
    "LOWER_CHARS", "TITLE_CHARS", "WORD_CHARS", "PRINTABLE_CHARS", "ASCII_CHARS",
]  # fmt: skip
# Texts whose answers turn on more than one code point: case mixes, title case, digits of every kind.
CASE_AND_NUMBER_TEXTS = [
    "", "Hello World", "Hello world", "HELLO", "HELLO1!", "hello", "hello1!", "1", "!", "ǅemal", "ǅEMAL", "Ǆ", "ǆ",
    "ΣΑΣ", "Σας", "ÉTÉ", "été", "İSTANBUL", "ß", "ẞ", "ﬁ", "x²", "²", "½", "Ⅻ", "ⅻ", "٣", "𝟘𝟙", "_x", "x_1", "1x",
    "class", "a b", "a\u0301", "\u0301a", "𝐀𝐁𝐂", "𝐀b", "\U00010400\U00010428", "\u1c89", "\ua7cb", "\U00016ea0",
    "A\ud800", "\ud800", "\udfffa", "\x00", "\x7f", "\x80", " ", "\u3000", "\u200b", "\ufeff",
]  # fmt: skip
TEXTS = list(ADVERSARIAL.values()) + CASE_AND_NUMBER_TEXTS + lone_surrogates()


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_is_the_same_string_in_both(node, library, name):
    assert node.portable(library, name) == getattr(portable, name)


def _boundary_code_points():
    """Where a class starts or stops (each range's ends and the code points beside them), every
    97th code point, and the ends of the surrogate block and of the planes: where an engine that
    read a class otherwise would answer otherwise. (tests/unit/test_portable.py checks every code
    point in CPython.)"""
    codes = set(range(0, sys.maxunicode + 1, 97)) | {0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0x7F, 0x80}
    codes |= {plane * 0x10000 + offset for plane in range(17) for offset in (0, 0xFFFD, 0xFFFE, 0xFFFF)}
    codes |= {ord(char) + delta for char in " \t\r\x1c\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000" for delta in (-1, 0, 1)}
    for table in unicode_tables.CLASSES:
        for first, last in unicode_tables.decode_spans(getattr(_unicode, table)):
            codes |= {first - 1, first, last, last + 1}
    return [chr(code) for code in sorted(codes) if 0 <= code <= sys.maxunicode]


BOUNDARIES = _boundary_code_points()


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_matches_the_same_code_points_in_both(node, library, name):
    pattern = "[" + getattr(portable, name) + "]"
    text = "".join(char for char in BOUNDARIES if not "\ud800" <= char <= "\udfff")
    members = [char for char in text if re.fullmatch(pattern, char)]
    assert portable.findall(portable.compile(pattern), text) == members
    assert node.portable(library, "findall", Compiled(pattern), text) == members


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_each_predicate_answers_as_cpython_for_one_code_point_in_both(node, library, name):
    expected = [PREDICATES[name](char) for char in BOUNDARIES]
    assert [getattr(portable, name)(char) for char in BOUNDARIES] == expected
    js = node.portable(library, name, BOUNDARIES, each=True)
    assert [hex(ord(char)) for char, answer, right in zip(BOUNDARIES, js, expected) if answer != right] == []


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_each_predicate_answers_as_cpython_for_whole_texts_in_both(node, library, name):
    expected = [PREDICATES[name](text) for text in TEXTS]
    assert [getattr(portable, name)(text) for text in TEXTS] == expected
    assert node.portable(library, name, TEXTS, each=True) == expected


def test_code_point_length_and_slices_are_by_code_point_in_both(node, library):
    assert node.portable(library, "cp_len", TEXTS, each=True) == [len(text) for text in TEXTS]
    for start, stop in [(0, None), (1, None), (0, 1), (2, 5), (3, 3), (7, 1000)]:
        expected = [text[start:stop] for text in TEXTS]
        assert [portable.cp_slice(text, start, stop) for text in TEXTS] == expected
        assert node.portable(library, "cp_slice", TEXTS, start, stop, each=True) == expected


def test_code_point_and_char_are_ord_and_chr_in_both(node, library):
    chars = [char for text in TEXTS for char in text] + ["\ud800", "\udfff", "\U0010ffff"]
    assert node.portable(library, "code_point", chars, each=True) == [ord(char) for char in chars]
    codes = [0, 0x41, 0xE9, 0xD800, 0xDFFF, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
    assert node.portable(library, "char", codes, each=True) == [chr(code) for code in codes]
    assert [portable.char(code) for code in codes] == [chr(code) for code in codes]


WHITESPACE_TEXTS = TEXTS + [
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000x y\ufeff ",
    "\ufeffx\ufeff", "a\r\nb\rc\n\nd\x85e\u2028f\u2029g\x0bh\x0ci\x1cj\x1dk\x1el\x1fm\n", "\n", "\r\n\r\n", "x\r",
]


@pytest.mark.parametrize("name", ["split", "splitlines", "strip", "lstrip", "rstrip"])
def test_whitespace_operations_are_cpythons_in_both(node, library, name):
    expected = [getattr(str, name)(text) for text in WHITESPACE_TEXTS]
    assert [getattr(portable, name)(text) for text in WHITESPACE_TEXTS] == expected
    assert node.portable(library, name, WHITESPACE_TEXTS, each=True) == expected


def test_lower_and_normalize_are_cpythons_in_both(node, library):
    assert node.portable(library, "lower", TEXTS, each=True) == [text.lower() for text in TEXTS]
    well_formed = [text for text in TEXTS if not re.search("[\ud800-\udfff]", text)]
    for form in ["NFC", "NFD", "NFKC", "NFKD"]:
        expected = [unicodedata.normalize(form, text) for text in well_formed]
        assert [node.portable(library, "normalize", form, text) for text in well_formed] == expected


def test_sorting_is_by_code_point_in_both(node, library):
    words = sorted({word for text in TEXTS for word in text.split()} | {"\uffff", "\U0001f600", "", "a", "A"})
    shuffled = words[::-1][::2] + words[::-1][1::2]
    assert portable.sort_str(shuffled) == sorted(shuffled)
    assert node.portable(library, "sort_str", shuffled) == sorted(shuffled)
    pairs = [["\uffff", "\U0001f600"], ["\U0001f600", "\uffff"], ["a", "a"], ["", "a"], ["ab", "a"]]
    expected = [(a > b) - (a < b) for a, b in pairs]
    assert [portable.compare_str(a, b) for a, b in pairs] == expected
    assert [node.portable(library, "compare_str", a, b) for a, b in pairs] == expected


PATTERNS = [
    "[" + portable.WORD_CHARS + "]+",
    "[" + portable.UPPER_CHARS + "][" + portable.LOWER_CHARS + "]+",
    "[" + portable.DECIMAL_CHARS + "]+(?:[.,][" + portable.DECIMAL_CHARS + "]+)?",
    "[^" + portable.SPACE_CHARS + "]+",
    "(?:https?://|www[.])[^" + portable.SPACE_CHARS + "<>]+",
    "(a)(b)?",  # groups: findall gives whole matches in both
    "[\U0001f300-\U0001faff]",
    "[" + portable.UPPER_CHARS + "](?=[" + portable.LOWER_CHARS + "])",  # a lookahead
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=range(len(PATTERNS)))
def test_pattern_helpers_match_the_same_in_both(node, library, pattern):
    compiled = portable.compile(pattern)
    texts = [text for text in TEXTS if not re.search("[\ud800-\udfff]", text)] + ["ab a abab", "x1 y22 Zz3"]
    findall = [[match.group(0) for match in re.finditer(pattern, text)] for text in texts]
    assert [portable.findall(compiled, text) for text in texts] == findall
    for name, expected in [
        ("findall", findall),
        ("count", [len(matches) for matches in findall]),
        ("search", [matches[0] if matches else None for matches in findall]),
        ("fullmatch", [re.fullmatch(pattern, text) is not None for text in texts]),
    ]:
        assert [getattr(portable, name)(compiled, text) for text in texts] == expected, name
        assert [node.portable(library, name, Compiled(pattern), text) for text in texts] == expected, name
    replaced = [re.sub(pattern, lambda _match: "<$1 \\1>", text) for text in texts]
    assert [portable.sub(compiled, "<$1 \\1>", text) for text in texts] == replaced
    assert [node.portable(library, "sub", Compiled(pattern), "<$1 \\1>", text) for text in texts] == replaced


ERRORS = [
    ("compile", ["x*"], "ValueError", "portable.compile: the pattern x* matches the empty string"),
    ("compile", [5], "TypeError", "portable.compile expects a str pattern, got int"),
    ("findall", [Compiled("x*(?=a)"), "ba"], "ValueError", "portable: the pattern x*(?=a) matched the empty string"),
    ("sub", [Compiled("x*(?=a)"), "-", "ba"], "ValueError", "portable: the pattern x*(?=a) matched the empty string"),
    ("findall", ["[a-z]+", "ab"], "TypeError", "portable.findall expects a Pattern from portable.compile, got str"),
    ("sub", [None, "-", "ab"], "TypeError", "portable.sub expects a Pattern from portable.compile, got NoneType"),
    ("code_point", ["ab"], "ValueError", "portable.code_point expects one code point, got 2"),
    ("code_point", [""], "ValueError", "portable.code_point expects one code point, got 0"),
    ("code_point", [None], "TypeError", "portable.code_point expects a str of one code point, got NoneType"),
    ("char", [-1], "ValueError", "portable.char expects a code point from 0 to 1114111 (0x10FFFF), got -1"),
    ("char", [0x110000], "ValueError", "portable.char expects a code point from 0 to 1114111 (0x10FFFF), got 1114112"),
    ("char", [1.5], "TypeError", "portable.char expects an int, got float"),
    ("normalize", ["NFX", "a"], "ValueError", "portable.normalize: form must be 'NFC', 'NFD', 'NFKC' or 'NFKD', got 'NFX'"),
]


@pytest.mark.parametrize("name, args, error, message", ERRORS, ids=[f"{e[0]} {e[3][:40]}" for e in ERRORS])
def test_bad_arguments_raise_the_same_error_in_both(node, library, name, args, error, message):
    python_args = [portable.compile(arg.pattern) if isinstance(arg, Compiled) else arg for arg in args]
    with pytest.raises(Exception) as raised:
        getattr(portable, name)(*python_args)
    assert type(raised.value).__name__ == error and str(raised.value).startswith(message)
    with pytest.raises(NodeError) as js:
        node.portable(library, name, *args)
    assert js.value.name == error and js.value.message == str(raised.value)
