"""The host primitives (src/featurizers/_host.py) mean the same in CPython and in the bundle.

They are the one place with a body per runtime, so each is checked on the hard cases directly.
"""

import re
import sys

import pytest

from featurizers import _host
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
    # class_chars (featurizers.portable's classes) reads them into the same string in both.
    assert node.host(library, "class_chars", text) == _host.class_chars(text)
    assert _host._ranges_of(text) == [code for pair in ranges for code in pair]


def test_class_chars_escapes_what_a_class_would_read_as_syntax(node, library):
    # "\\", "]", "[", "^" and "-" as members and as range ends: both engines read the class alike.
    ranges = [(ord("-"), ord("-")), (ord("["), ord("^")), (ord("a"), ord("a")), (0x10000, 0x10FFFF)]
    chars = _host.class_chars(unicode_tables.spans(ranges))
    assert chars == "\\-\\[-\\^a\U00010000-\U0010ffff"
    assert node.host(library, "class_chars", unicode_tables.spans(ranges)) == chars
    inside = [chr(c) for first, last in ranges for c in (first, last)]
    outside = [",", ".", "Z", "_", "b", "\uffff"]
    for char in inside + outside:
        assert bool(re.fullmatch("[" + chars + "]", char)) == (char in inside)
    assert node.host(library, "all_in", chars, "".join(inside)) is True
    assert [node.host(library, "any_in", chars, char) for char in outside] == [False] * len(outside)


def log_cases():
    """Integers (TF-IDF's counts and document counts), random doubles of every magnitude, the
    subnormals, and the edges of fdlibm's branches around 1."""
    import random
    import struct

    rng = random.Random(18)
    values = [float(i) for i in range(1, 20_001)]
    values += [rng.random() * 10.0 ** rng.randint(-300, 300) for _ in range(20_000)]
    values += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0] for _ in range(20_000)]
    values += [5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2.0, 3.0]
    values += [1.0 + k * 2.0**-52 for k in range(-64, 64)] + [1.0 + k * 2.0**-21 for k in range(-8, 8)]
    return [v for v in values if 0.0 < v < float("inf")]


def test_log_gives_the_same_double_in_both(library):
    """TfIdf's sublinear tf and idf take ln; libm's math.log and V8's Math.log (fdlibm) differ in
    the last ulp on 0.4% of doubles (ln 3 among them), so CPython runs fdlibm's algorithm."""
    import json
    import math
    import subprocess

    values = log_cases()
    script = (
        f"const {{ host }} = require({json.dumps(str(library))});"
        "const values = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(values.map((v) => host.log(v))));"
    )
    result = subprocess.run(["node", "-e", script], input=json.dumps(values), capture_output=True, text=True, check=True)
    js = json.loads(result.stdout)
    python = [_host.log(v) for v in values]
    assert [i for i, (p, j) in enumerate(zip(python, js)) if p != j] == []
    # Within one ulp of libm's everywhere (it is libm's own result on the other 99.6%).
    assert all(abs(p - math.log(v)) <= math.ulp(p) for p, v in zip(python, values))
    assert _host.log(3.0) == 1.0986122886681096 != math.log(3.0)


@pytest.mark.parametrize("value, error", [(0.0, ValueError), (-1.0, ValueError)])
def test_log_of_a_value_outside_its_domain_raises_as_math_log_does(value, error):
    with pytest.raises(error):
        _host.log(value)
