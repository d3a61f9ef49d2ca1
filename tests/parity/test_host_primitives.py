"""The host primitives (src/featurizers/_host.py) mean the same in CPython and in the bundle.

They are the one place with a body per runtime, so each is checked on the hard cases directly.
"""

import sys

import pytest

from featurizers import TextCleaner, _host
from featurizers.compiler import unicode_tables

TEXTS = [
    "", "plain ascii", "café", "cafe\u0301", "😀", "a😀b", "👨\u200d👩\u200d👧", "🇫🇷", "\uffff\U00010000",
    "𝐀𝐁𝐂", "x" * 1000 + "😀",
]


@pytest.mark.parametrize("text", TEXTS, ids=ascii)
def test_cp_len_counts_code_points_in_both(node, library, text):
    assert node.host(library, "cp_len", text) == _host.cp_len(text) == len(text)


@pytest.mark.parametrize("text", TEXTS, ids=ascii)
@pytest.mark.parametrize("start, stop", [(0, None), (1, None), (0, 1), (1, 3), (2, 2), (5, 100)])
def test_cp_slice_slices_by_code_point_in_both(node, library, text, start, stop):
    assert node.host(library, "cp_slice", text, start, stop) == _host.cp_slice(text, start, stop) == text[start:stop]


def every_code_point_text():
    """Every code point but surrogates, separated by spaces, in chunks of 4,096."""
    codes = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    return [" ".join(chr(c) for c in codes[i : i + 4096]) for i in range(0, len(codes), 4096)]


@pytest.mark.parametrize("chars, mark", [(_host.WORD_CHARS, "W"), (_host.DIGIT_CHARS, "D")], ids=["word", "digit"])
def test_word_and_digit_classes_match_the_same_code_points_in_both(node, library, chars, mark):
    cleaner = TextCleaner(lowercase=False, rules=[["[" + chars + "]", mark]], strip_html=False,
                          strip_punctuation=False, collapse_whitespace=False)
    texts = every_code_point_text()
    python_output = cleaner.transform(texts)
    js_output, _ = node.featurizer(library, cleaner.get_config(), texts)
    assert js_output == python_output
    # The classes really match: every matching code point became the mark (plus the mark's own code point, if outside the class).
    import re

    in_class = re.compile("[" + chars + "]")
    matching = sum(1 for text in texts for char in text if in_class.fullmatch(char))
    mark_itself = 0 if in_class.fullmatch(mark) else 1
    assert sum(text.count(mark) for text in python_output) == matching + mark_itself


def test_the_word_class_is_what_cpython_means_by_backslash_w():
    import re

    word = re.compile("[" + _host.WORD_CHARS + "]")
    digit = re.compile("[" + _host.DIGIT_CHARS + "]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(word.fullmatch(char)) == bool(re.fullmatch(r"\w", char)), hex(code)
        assert bool(digit.fullmatch(char)) == bool(re.fullmatch(r"\d", char)), hex(code)


def test_strip_combining_removes_the_same_code_points_in_both(node, library):
    """Every code point alone, and after a starter: the bundle asks its normalizer for the combining
    class (and looks only at marks), CPython its unicodedata."""
    import unicodedata

    texts = every_code_point_text() + ["a" + text.replace(" ", " a") for text in every_code_point_text()]
    python_output = [_host.strip_combining(text) for text in texts]
    assert python_output == ["".join(c for c in text if not unicodedata.combining(c)) for text in texts]
    assert [node.host(library, "strip_combining", text) for text in texts] == python_output


WELL_FORMED_CASES = ["", "plain", "😀", "a\ud800", "\udfffb", "x\U0001f600\ud83d", "\U00010000"]


def test_lone_surrogates_are_found_alike_without_the_engines_is_well_formed(library):
    """Browsers before 2023 lack String.prototype.isWellFormed; the regex fallback must agree."""
    import json
    import subprocess

    script = (
        "delete String.prototype.isWellFormed;"
        f"const {{ host }} = require({json.dumps(str(library))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map((text) => host.is_well_formed(text))));"
    )
    result = subprocess.run(
        ["node", "-e", script], input=json.dumps(WELL_FORMED_CASES), capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [_host.is_well_formed(text) for text in WELL_FORMED_CASES]
    assert [_host.is_well_formed(text) for text in WELL_FORMED_CASES] == [True, True, True, False, False, False, True]


SPAN_RANGES = [
    [],
    [(0, 0)],
    [(0x378, 0x379), (0x380, 0x383)],
    [(25, 26), (28, 28 + 26 * 26), (0xE01F0, 0xEFFFF), (0x10FFFE, 0x10FFFF)],
]


@pytest.mark.parametrize("ranges", SPAN_RANGES, ids=str)
def test_the_span_tables_decode_to_the_same_ranges_in_both(node, library, ranges):
    # unicode_tables.spans writes the tables of _unicode.py; _host._class_of reads them in JS.
    text = unicode_tables.spans(ranges)
    assert text.isalpha() and text.isascii() or not ranges
    assert unicode_tables.decode_spans(text) == ranges
    expected = "[" + "".join(f"\\u{{{first:x}}}-\\u{{{last:x}}}" for first, last in ranges) + "]"
    assert node.host(library, "_class_of", text) == expected
