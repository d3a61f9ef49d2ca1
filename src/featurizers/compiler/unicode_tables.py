"""Generate ``featurizers/_unicode.py``: the parts of CPython's Unicode database the JS side needs.

``python -m featurizers.compiler.unicode_tables`` rewrites the module; a test fails when it is stale
(a new CPython with a newer ``unicodedata`` means regenerating it).

The tables are read off CPython's own behaviour, so they are what ``str.lower()`` uses:

- unassigned code points (``unicodedata.category == "Cn"``): a newer JS engine may lowercase them;
- code points whose canonical combining class is not 0 (``unicodedata.combining``): the marks
  scikit-learn's ``strip_accents="unicode"`` removes after NFKD; JS has no combining-class API
  (the bundle asks its normalizer instead, see ``_host.strip_combining``: only the decomposable
  code points with a class, where that cannot work, are listed for it);
- the character classes of ``featurizers.portable`` (``str.isalpha``, ``isupper`` ... and what
  ``\\w`` matches in a CPython ``str`` pattern), read off each code point's own answer: the
  bundle builds from them classes that mean the same in a JS ``RegExp`` with the ``u`` flag (where
  ``\\w`` and ``\\d`` are ASCII-only and ``\\p{...}`` follows the engine's newer Unicode);
- the properties of the Final_Sigma rule (``Σ`` lowers to ``ς`` after a cased letter, skipping
  case-ignorable ones, unless a cased letter follows the same way). For a code point ``c``,
  ``("1" + c + "Σ").lower()`` ends in ``ς`` exactly when ``c`` is cased and not case-ignorable,
  and ``("A" + c + "Σ").lower()`` exactly when ``c`` is cased or case-ignorable.
  The bundle uses the JS engine's ``\\p{Case_Ignorable}`` and ``\\p{Cased}`` for the code points
  CPython knows, corrected by the code points where they differ from CPython's (Unicode changed a
  few since CPython's version): these lists are read off Node's ``RegExp``, so generating runs ``node``.
"""

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from featurizers import _host

TARGET = Path(__file__).resolve().parent.parent / "_unicode.py"
FINAL_SIGMA = "\u03c2"


def ranges_of(predicate):
    """Ranges ``(first, last)`` of the code points (surrogates excluded) where ``predicate`` holds."""
    ranges = []
    start = None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and not 0xD800 <= code <= 0xDFFF and predicate(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    return ranges


def is_unassigned(char):
    return unicodedata.category(char) == "Cn"


def is_cased_not_ignorable(char):
    return ("1" + char + "\u03a3").lower()[-1] == FINAL_SIGMA


def is_case_ignorable(char):
    return ("A" + char + "\u03a3").lower()[-1] == FINAL_SIGMA and not is_cased_not_ignorable(char)


def class_body(ranges):
    """A regex character class body (no brackets) for ``ranges``, as a Python string literal
    whose non-ASCII characters are escaped; Transcrypt emits the characters themselves."""

    def literal(code):
        char = chr(code)
        if char.isascii() and char.isalnum() or char == "_":
            return char
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "".join(literal(a) if a == b else f"{literal(a)}-{literal(b)}" for a, b in ranges)


def spans(ranges):
    """``ranges`` as short text: for each range, its distance from the previous range's last code
    point (from 0 for the first), then its length - 1. Each number is written in base 26, most
    significant digit first, in letters: uppercase for every digit but the last, lowercase for the
    last (0 is ``a``, 25 ``z``, 26 ``Ba``): ``[(0x378, 0x379), (0x380, 0x383)]`` is ``"BIebhd"``.
    (Letters need no separators: 13% smaller gzipped than ``gap+length`` in hex with commas, the
    unassigned code points alone 1,105 bytes instead of 1,263, in every bundle that lowercases.)"""
    letters = []
    previous = 0
    for first, last in ranges:  # no ranges: ""
        for number in (first - previous, last - first):
            digits = [chr(ord("a") + number % 26)]
            number //= 26
            while number:
                digits.append(chr(ord("A") + number % 26))
                number //= 26
            letters.extend(reversed(digits))
        previous = last
    return "".join(letters)


def decode_spans(text):
    """The ``(first, last)`` ranges of ``spans`` output (as the bundle reads them, ``_host._ranges_of``)."""
    flat = _host._ranges_of(text)
    return list(zip(flat[0::2], flat[1::2]))


def is_word(char):
    """What ``\\w`` matches in a CPython ``str`` pattern."""
    return re.fullmatch(r"\w", char) is not None


def is_title_case(char):
    """Title case to ``str.isupper`` and ``str.islower``: a text holding it is neither."""
    return not (char + "a").islower() and not (char + "A").isupper()


# The tables of ``featurizers.portable``'s classes, each a predicate of one code point.
CLASSES = {
    "PY_ALPHA_RANGES": str.isalpha,
    "PY_ALNUM_RANGES": str.isalnum,
    "PY_DECIMAL_RANGES": str.isdecimal,
    "PY_DIGIT_RANGES": str.isdigit,
    "PY_NUMERIC_RANGES": str.isnumeric,
    "PY_UPPER_RANGES": str.isupper,
    "PY_LOWER_RANGES": str.islower,
    "PY_TITLE_RANGES": is_title_case,
    "PY_WORD_RANGES": is_word,
    "PY_PRINTABLE_RANGES": str.isprintable,
    "PY_IDENTIFIER_START_RANGES": str.isidentifier,
    "PY_IDENTIFIER_CONTINUE_RANGES": lambda char: ("a" + char).isidentifier(),
}


def is_decomposable_non_starter(char):
    return unicodedata.combining(char) != 0 and unicodedata.normalize("NFD", char) != char


# The code points of a binary property in the JS engine (surrogates excluded), one JSON list.
NODE_PROPERTY = """
const test = new RegExp("^\\\\p{" + process.argv[1] + "}$", "u");
const codes = [];
for (let code = 0; code < 0x110000; code++) {
    if ((code < 0xd800 || code > 0xdfff) && test.test(String.fromCodePoint(code))) codes.push(code);
}
process.stdout.write(JSON.stringify(codes));
"""


def node_property(name):
    """The code points where Node's ``RegExp`` matches ``\\p{NAME}``."""
    result = subprocess.run(["node", "-e", NODE_PROPERTY, name], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


def corrections(python, name, among=lambda char: True):
    """The code points CPython knows (and ``among`` accepts) that it puts in the property and JS's
    ``\\p{NAME}`` does not, then those where it is the other way round: both as ``spans``."""
    js = node_property(name)
    known = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and not is_unassigned(chr(c))]
    differing = [c for c in known if among(chr(c)) and python(chr(c)) != (c in js)]
    added = [(c, c) for c in differing if c not in js]
    removed = [(c, c) for c in differing if c in js]
    return spans(merge(added)), spans(merge(removed))


def merge(ranges):
    merged = []
    for first, last in ranges:
        if merged and merged[-1][1] + 1 == first:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def node_unicode_version():
    result = subprocess.run(["node", "-p", "process.versions.unicode"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def render():
    version = unicodedata.unidata_version
    ignorable_added, ignorable_removed = corrections(is_case_ignorable, "Case_Ignorable")
    cased_added, cased_removed = corrections(is_cased_not_ignorable, "Cased", lambda c: not is_case_ignorable(c))
    classes = "".join(f'{name} = "{spans(ranges_of(predicate))}"\n\n' for name, predicate in CLASSES.items())
    return (
        f'"""Generated by featurizers.compiler.unicode_tables from CPython\'s unicodedata {version}. Do not edit.\n\n'
        'Range tables (_RANGES): see unicode_tables.spans; class bodies (_CLASS): regex character classes.\n"""\n\n'
        f'UNIDATA_VERSION = "{version}"\n\n'
        f'PY_UNASSIGNED_RANGES = "{spans(ranges_of(is_unassigned))}"\n\n'
        "# The classes of featurizers.portable: the code points for which CPython's str method (or \\w)\n"
        "# holds, each asked alone (_TITLE: title case, neither upper nor lower to str.isupper/islower).\n"
        f"{classes}"
        "# Code points with a canonical combining class other than 0 (unicodedata.combining).\n"
        f'PY_COMBINING_CLASS = "{class_body(ranges_of(lambda c: unicodedata.combining(c) != 0))}"\n\n'
        "# Those of them that NFD decomposes.\n"
        f'PY_COMBINING_DECOMPOSABLE_RANGES = "{spans(ranges_of(is_decomposable_non_starter))}"\n\n'
        "# Final_Sigma context, as CPython's str.lower() applies it.\n"
        f'PY_CASE_IGNORABLE_RANGES = "{spans(ranges_of(is_case_ignorable))}"\n\n'
        f'PY_CASED_RANGES = "{spans(ranges_of(is_cased_not_ignorable))}"\n\n'
        f"# Where JS's \\p{{Case_Ignorable}} and \\p{{Cased}} (Node's Unicode {node_unicode_version()}) differ from\n"
        "# CPython's, among the code points CPython knows: _ADDED are CPython's alone, _REMOVED JS's alone\n"
        "# (case-ignorable code points count as not cased, as in CPython's Final_Sigma rule).\n"
        f'PY_CASE_IGNORABLE_ADDED = "{ignorable_added}"\n\n'
        f'PY_CASE_IGNORABLE_REMOVED = "{ignorable_removed}"\n\n'
        f'PY_CASED_ADDED = "{cased_added}"\n\n'
        f'PY_CASED_REMOVED = "{cased_removed}"\n'
    )


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
