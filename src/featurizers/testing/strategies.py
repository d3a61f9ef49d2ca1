"""Hypothesis strategies for adversarial text, so a test suite fuzzes its own featurizer.

::

    from hypothesis import given
    from featurizers.testing import assert_same_in_node, strategies

    @given(strategies.batches(strategies.texts()))
    def test_my_featurizer_is_the_same_in_node(texts):
        assert_same_in_node(MyFeaturizer(), texts)

(Each ``assert_same_in_node`` call is one round trip to a Node process that stays up for the
session; a batch per example keeps a fuzz run fast.)

- ``texts()``: text made of pieces that break naive Python-to-JS ports, run into each other or
  joined by whitespace: text from every Unicode plane, surrogate pairs (astral characters) everywhere,
  combining marks, ZWJ and flag sequences, every whitespace, control and format character, capital
  sigma in every context, letters with special case mappings, prototype-named words
  (``constructor``, ``__proto__``, ``toString``, ``py_keys`` ...), e-mail headers, URLs, HTML
  tags; sometimes upper-cased, rarely long (a unit repeated up to 10,000 times).
- ``emails()``: raw messages, headers (some folded) and a ``texts()`` body, with every line end.
- ``tokens()``: single tokens for featurizers of token lists (prototype names, code points around
  the surrogate block, where UTF-16 order and code-point order disagree).
- ``numbers()``: finite floats and ints (signed zeros, subnormals, the ends of the double range,
  the largest safe integers); ``batches(element)``: a list of 1 to 50 of them (sizes are settable).

Every string is valid Unicode (no lone surrogates: the featurizers refuse those with TypeError
in both runtimes, and ``featurizers.testing.adversarial.lone_surrogates()`` lists some).

Hypothesis caps the entropy of one example (its BUFFER_SIZE, about 8 KB of choices), so a batch of
texts spends it carefully: most pieces are one choice from a pool (a prototype name, a whitespace
character, an emoji sequence), and long strings are a short unit repeated many times.

Hypothesis is an optional dependency of the testing kit (``pip install "featurizers[testing]"``);
the featurizers, the compiler and ``featurizers.testing`` itself never import it.
"""

import sys
import unicodedata

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover (the project's own environment has it)
    raise ImportError(
        "featurizers.testing.strategies needs Hypothesis, an optional dependency of the testing kit: "
        'pip install "featurizers[testing]" (or pip install hypothesis)'
    ) from error

from featurizers import _unicode
from featurizers.compiler.unicode_tables import decode_spans
from featurizers.testing.adversarial import ADVERSARIAL_NUMBERS

__all__ = ["batches", "emails", "numbers", "texts", "tokens"]

SAFE_INT = 2**53 - 1


def _from_ranges(ranges):
    """One character: a range, each equally likely, then a code point in it (two draws, no flatmap)."""
    return st.tuples(st.integers(0, len(ranges) - 1), st.integers(0, 2**21)).map(
        lambda pick: chr(ranges[pick[0]][0] + pick[1] % (ranges[pick[0]][1] - ranges[pick[0]][0] + 1))
    )


def _scalar(code):
    return not 0xD800 <= code <= 0xDFFF


# Planes 3-13 hold no whitespace, control, format or combining character.
_CATEGORY = {
    code: unicodedata.category(chr(code))
    for code in [*range(0x30000), *range(0xE0000, sys.maxunicode + 1)]
    if _scalar(code)
}

# Every character that is whitespace to CPython or to JS (\s adds U+FEFF), every control (Cc) and
# format (Cf) character, every separator (Zs, Zl, Zp).
WHITESPACE_AND_CONTROLS = sorted(
    {chr(c) for c, cat in _CATEGORY.items() if cat in ("Cc", "Cf", "Zs", "Zl", "Zp") or chr(c).isspace()} | {"\ufeff"}
)
COMBINING_MARKS = sorted(chr(c) for c, cat in _CATEGORY.items() if cat in ("Mn", "Mc", "Me"))

# Around the surrogate block and the ends of planes: where UTF-16 order and code-point order disagree.
EDGE_CHARS = [
    "\x00", "\x7f", "\x80", "\xff", "\u0100", "\ud7ff", "\ue000", "\uf8ff", "\ufdd0", "\ufffd", "\ufffe", "\uffff",
    "\U00010000", "\U0001F600", "\U0001FFFF", "\U00020000", "\U000E0001", "\U000E007F", "\U000F0000", "\U0010FFFD",
    "\U0010FFFE", "\U0010FFFF",
]
# Letters whose case mapping is special: final sigma, dotted/dotless i, expansions, title case,
# signs that lowercase to ASCII, scripts whose case pairs were added late.
CASE_SPECIALS = [
    "\u03a3", "\u03c3", "\u03c2", "\u0130", "\u0131", "I", "i", "\xdf", "\u1e9e", "\ufb01", "\ufb00", "\u212a", "\u212b",
    "\u2126", "\u01c5", "\u01c8", "\u01cb", "\u01f2", "\u0345", "\u0390", "\u1f88", "\u13a0", "\uab70", "\u1c90",
    "\u10d0", "\U00010400", "\U00010428", "\U000104b0", "\U0001e900", "\u2c2f", "\ua7c0", "\ua7d0", "\u1c89",
    "\ua7cb", "\ua7dc", "\U00010d50", "\U00016ea0", "\u0149", "\u01f0", "\u1e96", "\u0587", "\u1fb3", "\u1ffc",
]
EMOJI_BASES = [
    "\U0001F600", "\U0001F468", "\U0001F469", "\U0001F467", "\U0001F466", "\U0001F9D1", "\U0001F44B", "\U0001F3F3",
    "\U0001F3F4", "\u2764", "\U0001F308", "\U0001F4BB", "\u2695", "\U0001F91D", "\u263a", "#", "1", "*",
]
EMOJI_SEQUENCES = [
    "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466",
    "\U0001F3F3\ufe0f\u200d\U0001F308",
    "\U0001F9D1\U0001F3FD\u200d\U0001F4BB",
    "\U0001F44B\U0001F3FB",
    "\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA",
    "1\ufe0f\u20e3",
    "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
    "\u2764\ufe0e",
    "\U0001F469\u200d\u2764\ufe0f\u200d\U0001F48B\u200d\U0001F468",
    "\u200d", "\u200c", "\ufe0f",
]
EMOJI_MODIFIERS = ["", "\U0001F3FB", "\U0001F3FF", "\ufe0f", "\ufe0e", "\u20e3"]

# Names that are special on a JS object, a Transcrypt object or a Map, and Python dunders.
PROTOTYPE_NAMES = [
    "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable",
    "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "prototype",
    "length", "name", "arguments", "caller", "call", "apply", "bind", "then", "undefined", "null", "NaN",
    "Infinity", "py_keys", "py_items", "py_values", "py_get", "py_update", "py_pop", "py_split", "py_replace",
    "__class__", "__name__", "__bases__", "__init__", "__dict__", "__module__", "__str__", "__repr__",
    "__kwargtrans__", "__getattr__", "__getitem__", "__iter__", "__len__", "__hash__", "__eq__", "get", "keys",
    "items", "update", "set", "has", "size", "_items", "_index", "vocabulary_", "type", "steps", "[UNK]", "",
]
PROTOTYPE_VARIANTS = PROTOTYPE_NAMES + [name.upper() for name in PROTOTYPE_NAMES] + [name.title() for name in PROTOTYPE_NAMES]

# ASCII structure the featurizers look for: headers, line ends, URLs, e-mail addresses, tags, digits.
FRAGMENTS = [
    " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n", "\n ", "\n\t", "Subject:", "subject:", "SUBJECT:",
    "Subject: ", "From ", "From:", "To:", "X-Spam:", "Received:", "http://", "https://", "HTTP://", "www.", "WWW.",
    "mailto:", "@", "@@", ".", "..", ".com", ".co.uk", "<", ">", "</", "<!", "<a href='x'>", "</b>", "<!-- c -->",
    "<<", ">>", "&lt;", "&amp;", "&#8364;", "%", "+", "-", "_", "'", '"', "(", ")", "[", "]", "{", "}", "$", "$1",
    "$&", "\\1", "\\", "0", "1", "9", "42", "2024", "1,000", "3.14", "\xbd", "\xb2", "\u0663", "\uff13", "a", "b",
    "x", "y", "xy", "ab", "free", "money", "click", "URL", "EMAIL", "NUM", "caf\xe9", "cafe\u0301", "\u03bf\u03b4\u03bf\u03a3",
    "\u039f\u0394\u039f\u03a3", "\u0130stanbul", "stra\xdfe", "\u65e5\u672c\u8a9e", "\u05e9\u05dc\u05d5\u05dd", "\u202e",
]

# Character strategies a text strategy draws as one string choice.
_VALID_CHAR = st.characters(codec="utf-8")  # every scalar value, surrogates excluded
_WHITESPACE_CHAR = st.characters(codec="utf-8", categories=["Zs", "Zl", "Zp", "Cc", "Cf"])
_COMBINING_CHAR = st.characters(codec="utf-8", categories=["Mn", "Mc", "Me"])
_ASTRAL_CHAR = st.characters(codec="utf-8", min_codepoint=0x10000)
_PY_UNASSIGNED = decode_spans(_unicode.PY_UNASSIGNED_RANGES)
_CASE_IGNORABLE = decode_spans(_unicode.PY_CASE_IGNORABLE_RANGES)
_CASED = decode_spans(_unicode.PY_CASED_RANGES)

emoji = st.one_of(
    st.sampled_from(EMOJI_SEQUENCES),
    st.builds(
        lambda first, mod, rest: first + mod + "".join("\u200d" + e + m for e, m in rest),
        st.sampled_from(EMOJI_BASES),
        st.sampled_from(EMOJI_MODIFIERS),
        st.lists(st.tuples(st.sampled_from(EMOJI_BASES), st.sampled_from(EMOJI_MODIFIERS)), max_size=3),
    ),
)
combining = st.builds(
    lambda base, marks: base + "".join(marks),
    st.sampled_from(["", "a", "e", "A", "\u03a3", "i", "\U0001D400", " ", "1"]),
    st.lists(st.sampled_from(COMBINING_MARKS), min_size=1, max_size=4),
)


def _in_plane(pick):
    code = (pick[0] << 16) | pick[1]
    return chr(code + 0x800 if 0xD800 <= code <= 0xDFFF else code)  # a surrogate moves to U+E000-E7FF


# A plane, each equally likely (planes 3-13 are mostly unassigned), then a code point in it.
any_plane = st.tuples(st.integers(0, 16), st.integers(0, 0xFFFF)).map(_in_plane)


def _run(alphabet, max_size=4):
    """1 to ``max_size`` characters of ``alphabet``: one string choice, however long."""
    return st.text(alphabet, min_size=1, max_size=max_size)


# Capital sigma in context: CPython lowers it to final ς after a cased letter (skipping
# case-ignorable ones) unless a cased letter follows the same way; JS uses other tables.
_ignorables = st.lists(_from_ranges(_CASE_IGNORABLE), max_size=3).map("".join)
_neighbour = st.one_of(
    _from_ranges(_CASED), _from_ranges(_PY_UNASSIGNED), st.sampled_from(["", " ", "1", "\u03a3", "\U0001F600"] + CASE_SPECIALS)
)
sigma_context = st.builds(
    lambda before, left, right, after: before + left + "\u03a3" + right + after, _neighbour, _ignorables, _ignorables, _neighbour
)

# One piece of a text; a text is a few pieces concatenated.
piece = st.one_of(
    sigma_context,
    st.sampled_from(FRAGMENTS),
    st.sampled_from(PROTOTYPE_NAMES),
    st.sampled_from(PROTOTYPE_VARIANTS),
    st.sampled_from(WHITESPACE_AND_CONTROLS),
    _run(_WHITESPACE_CHAR),
    st.sampled_from(CASE_SPECIALS),
    st.sampled_from(EDGE_CHARS),
    emoji,
    combining,
    _run(_COMBINING_CHAR),
    any_plane,
    _run(_ASTRAL_CHAR),
    _from_ranges(_CASE_IGNORABLE),
    _from_ranges(_CASED),
    _from_ranges(_PY_UNASSIGNED),
    _run(_VALID_CHAR, 8),
)


def _long(head, unit, times, tail):
    return head + unit * times + tail


# A long string: a short unit (a character, a fragment, two pieces) repeated about as many times as
# a pattern's bound (64 characters of an e-mail local part, 63 of a label) or up to 10,000 times,
# between an optional head and tail ("a" * 70 + "@example.com").
long_text = st.builds(
    _long,
    st.one_of(st.just(""), piece),
    st.lists(piece, min_size=1, max_size=2).map("".join),
    st.one_of(st.integers(60, 70), st.integers(100, 10_000)),
    st.one_of(st.just(""), piece),
)


# Pieces are joined by nothing (so they run into each other) or by whitespace (so they are tokens).
JOINERS = ["", " ", "", " ", "\n", "\t", "\u3000", "\x1c", "\ufeff", "\r\n"]


def texts(max_pieces=8):
    """A text: mostly up to ``max_pieces`` pieces; sometimes upper-cased; rarely long."""
    kinds = st.integers(0, 99)  # shrinks towards 0: a plain text
    joiners = st.sampled_from(JOINERS)
    pieces = st.lists(piece, max_size=max_pieces)

    @st.composite
    def text(draw):
        kind = draw(kinds)
        if kind >= 98:
            return draw(long_text)
        joined = draw(joiners).join(draw(pieces))
        return joined.upper() if kind >= 88 else joined

    return text()


HEADER_NAMES = [
    "Subject", "subject", "SUBJECT", "SuBjEcT", "From", "To", "Received", "X-Spam", "Content-Type", "constructor",
    "__proto__", "toString", "hasOwnProperty", "Subject ", " Subject", "Sub\u0130ect", "\u0405ubject", "Subjec\u0442",
    "X", "", "~!", "Subject\u0301",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\r", "\r\r\n"]
CONTINUATIONS = [" ", "\t", "  ", "\xa0", "\u3000", "\x0b", ""]
BLANKS = ["\n\n", "\r\n\r\n", "\n \n", "\r\n\n", "\n", "", None]  # None: the line end twice

_line_ends = st.sampled_from(LINE_ENDS)
_header_names = st.sampled_from(HEADER_NAMES)
_continuations = st.sampled_from(CONTINUATIONS)
_blanks = st.sampled_from(BLANKS)
_header_counts = st.integers(0, 3)
_folded = st.integers(0, 3)
_short_texts = st.lists(piece, max_size=2).map("".join)
_bodies = texts(max_pieces=5)


@st.composite
def emails(draw):
    """A raw message: an opening line, headers (some folded), a blank line (or not), a body."""
    end = draw(_line_ends)
    lines = []
    if draw(st.booleans()):
        lines.append("From " + draw(_short_texts))
    for _ in range(draw(_header_counts)):
        lines.append(draw(_header_names) + ":" + draw(_short_texts))
        if draw(_folded) == 0:
            lines.append(draw(_continuations) + draw(_short_texts))
    blank = draw(_blanks)
    return end.join(lines) + (end + end if blank is None else blank) + draw(_bodies)


def batches(element, min_size=1, max_size=50):
    """A list of ``min_size`` to ``max_size`` items drawn from ``element`` (a batch to transform)."""
    return st.lists(element, min_size=min_size, max_size=max_size)


SUFFIXES = ["", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U0001F600", "\U0010FFFF", "\uff61", "z", "\u03a3"]
_token = st.one_of(
    st.sampled_from(PROTOTYPE_NAMES),
    st.sampled_from(["a", "b", "z", "ab", "word", "free", "money", "\u03c3", "\u03c2"] + EDGE_CHARS + SUFFIXES[1:]),
    st.builds(lambda prefix, suffix: prefix + suffix, st.sampled_from(["", "a", "x", "\U0001F600"]), st.sampled_from(SUFFIXES)),
    piece,
)


def tokens():
    """One token: a prototype name, a code point around the surrogate block or a plane's end, a
    word with such a suffix, or a ``texts()`` piece."""
    return _token


def numbers():
    """A finite number: ``ADVERSARIAL_NUMBERS`` (signed zeros, subnormals, the ends of the double
    range, the largest safe integers), any finite double, or a safe integer."""
    return st.one_of(
        st.sampled_from(ADVERSARIAL_NUMBERS),
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-SAFE_INT, SAFE_INT),
    )
