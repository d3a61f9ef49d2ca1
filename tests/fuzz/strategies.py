"""Hypothesis strategies for the differential fuzz tests: batches of hostile text, tokens and ids.

Every string is valid Unicode (scalar values only: no lone surrogates, which the featurizers reject
with TypeError in both runtimes); astral characters, so surrogate PAIRS in JS, are everywhere.

Hypothesis caps the entropy of one example (its BUFFER_SIZE, about 8 KB of choices), so a batch of
50-200 texts spends it carefully: most pieces are one choice from a pool (a prototype name, a
whitespace character, an emoji sequence), and long strings are a short unit repeated many times.
"""

import sys
import unicodedata

from hypothesis import strategies as st

from featurizers import _unicode
from featurizers.compiler.unicode_tables import decode_spans

BATCH_MIN, BATCH_MAX = 50, 200
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


# --- MIME messages: encodings, charsets, multiparts, encoded words, and their malformed kin ------------

MIME_CHARSETS = [
    "utf-8", "UTF-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "ISO-8859-1", "windows-1252", "cp1252", "big5",
    "x-unknown", "", '"utf-8"', " utf-8 ", "constructor", "__proto__", "utf-8*en",
]  # fmt: skip
TRANSFER_ENCODINGS = ["base64", "BASE64", " quoted-printable ", "quoted-printable", "7bit", "8bit", "binary", "x-uuencode", ""]
TEXT_TYPES = ["text/plain", "text/html", "TEXT/HTML", "text/enriched", "text", "text/plain charset=x", "", "text/plain;"]
OTHER_TYPES = ["image/gif", "application/octet-stream", "message/rfc822", "application/pgp-signature"]
BOUNDARIES = ["b", "=_x.1", "a b", "-", "constructor", "__proto__", "\xe9", "\U0001f600", "x" * 70, "b--", ""]
# Bytes a part holds: every single byte, UTF-8 sequences well and ill formed, windows-1252's holes.
BYTE_PIECES = [
    b"", b"a", b" ", b"\n", b"\r\n", b"=", b"_", b"?", b"<b>", b"</B>", b"\x80", b"\x81", b"\x9d", b"\xa0", b"\xe9",
    b"\xff", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"\xf0\x90\x80", b"\xc0\xaf",
    b"\xef\xbb\xbf", b"\x00", b"--b", b"free money", b"Subject: x",
]  # fmt: skip
_byte_strings = st.lists(st.one_of(st.sampled_from(BYTE_PIECES), st.binary(max_size=4)), max_size=6).map(b"".join)


def _base64_of(data, damage):
    import base64

    encoded = base64.encodebytes(data).decode("ascii")
    if damage == 1:
        return encoded.rstrip("=\n")  # padding missing
    if damage == 2:
        return encoded + "\n-- \nfooter text\n"  # text after the data
    if damage == 3:
        return encoded[: max(len(encoded) - 2, 0)] + "!" + encoded[len(encoded) - 2 :]  # a character that is not base64
    if damage == 4:
        return encoded.replace("\n", " \n ")  # spaces around lines
    if damage == 5:
        return "Q" + encoded  # one character too many
    return encoded


def _quoted_printable_of(data, damage):
    import quopri

    encoded = quopri.encodestring(data).decode("ascii")
    if damage == 1:
        return encoded + "=\n"  # a soft line break at the end
    if damage == 2:
        return encoded.replace("=", "==", 1)  # an "=" that starts no escape
    if damage == 3:
        return encoded.lower()  # lower case hex
    if damage == 4:
        return encoded + "=4"
    return encoded


@st.composite
def encoded_words(draw):
    """A Subject value: plain pieces and RFC 2047 encoded words, well formed or not."""
    import base64

    parts = []
    for _ in range(draw(st.integers(0, 3))):
        charset = draw(st.sampled_from(MIME_CHARSETS))
        data = draw(_byte_strings)
        if draw(st.booleans()):
            encoded = "B?" + base64.b64encode(data).decode("ascii")[: draw(st.sampled_from([None, -1, -2]))]
        else:
            encoded = "Q?" + "".join(chr(b) if 33 <= b < 127 and b not in b"=?_" else f"={b:02X}" for b in data)
        parts.append(f"=?{charset}?{encoded}?=")
        parts.append(draw(st.sampled_from([" ", "", "\t", "  ", " x ", "\n ", "?="])))
    return draw(_short_texts) + "".join(parts)


@st.composite
def mime_entity(draw, depth=0):
    """A MIME entity (header lines, an empty line, a body), lines ended by "\n": a text part in an
    encoding and charset, a part that is not text, or a multipart of such parts."""
    kind = draw(st.sampled_from(["text", "text", "other", "multipart"] if depth < 3 else ["text", "other"]))
    headers = []
    if kind == "multipart":
        boundary = draw(st.sampled_from(BOUNDARIES))
        quoted = draw(st.sampled_from(['"{}"', "{}", '"{}" ', "{} ; charset=x"]))
        headers.append("Content-Type: multipart/" + draw(st.sampled_from(["mixed", "alternative", "related"])) + "; boundary=" + quoted.format(boundary))
        if draw(st.integers(0, 9)) == 0:
            headers[0] = "Content-Type: multipart/mixed"  # no boundary
        body = draw(_short_texts) + "\n"  # the preamble
        for part in draw(st.lists(mime_entity(depth + 1), max_size=3)):
            body += "--" + boundary + draw(st.sampled_from(["", " ", "\t ", "x"])) + "\n" + part + "\n"
        if draw(st.integers(0, 4)) > 0:
            body += "--" + boundary + "--" + draw(st.sampled_from(["", "  "])) + "\n" + draw(_short_texts)
        return "\n".join(headers) + "\n\n" + body
    if kind == "other":
        headers.append("Content-Type: " + draw(st.sampled_from(OTHER_TYPES)))
    else:
        charset = draw(st.sampled_from(MIME_CHARSETS))
        headers.append("Content-Type: " + draw(st.sampled_from(TEXT_TYPES)) + draw(st.sampled_from(["", "; charset=" + charset])))
    encoding = draw(st.sampled_from(TRANSFER_ENCODINGS))
    headers.append("Content-Transfer-Encoding: " + encoding)
    if draw(st.integers(0, 5)) == 0:
        headers.append("Content-Disposition: " + draw(st.sampled_from(["attachment", "inline", 'attachment; filename="a.txt"', "ATTACHMENT"])))
    draw(st.randoms()).shuffle(headers)
    data = draw(_byte_strings)
    damage = draw(st.integers(0, 9))
    if encoding.strip().lower() == "base64":
        body = _base64_of(data, damage)
    elif encoding.strip().lower() == "quoted-printable":
        body = _quoted_printable_of(data, damage)
    else:
        body = data.decode("latin-1") + draw(_short_texts)
    return "\n".join(headers) + "\n\n" + body


@st.composite
def mime_messages(draw):
    """A raw MIME message: a Subject of encoded words, other headers, an entity; "\n" or "\r\n" line ends."""
    entity = draw(mime_entity())
    message = "Subject: " + draw(encoded_words()) + "\nFrom: a@example.org\n" + entity
    return message.replace("\n", "\r\n") if draw(st.booleans()) else message


def batches(element):
    return st.lists(element, min_size=BATCH_MIN, max_size=BATCH_MAX)


text_batches = batches(texts())
email_batches = batches(st.one_of(emails(), mime_messages(), texts()))
mime_batches = batches(mime_messages())

# --- TextCleaner parameters -------------------------------------------------------------------------

# Patterns inside the portable subset (explicit classes; no \w \d \s \b, no ".", no "$").
RULE_PATTERNS = [
    "[a-z]+", "[0-9]{2,4}", "[0-9]+", "[A-Z]+", "[A-Z][a-z]+", "free", "money", "constructor", "__proto__",
    "toString", "hasOwnProperty", "(?:free|money|click)", "(x)(y)", "(ab)+", "a|b", "[a-z]{1,20}@[a-z]{1,20}",
    "[aeiou]", "x{2,}", "[\xe0-\xff]+", "[\u0300-\u036f]+", "\u03c3", "\u03c2", "\u03a3", "[\U0001F600-\U0001F64F]",
    "\U0001F600", "[^ -~]+", "[^a-z0-9 ]", "[.]", "[$]", "[\\[\\]]", "<[a-z]+>", "^[a-z]+", "x*", "[a-z]*",
]
RULE_REPLACEMENTS = [
    "$1", "$&", "\\1", "$$", "$`", "$'", "\\g<1>", "$<x>", "${1}", "$0", "\\n", "\\", "\\\\", "$", " URL ", "",
    " ", "constructor", "__proto__", "\u03a3", "\U0001F600", "<$&>", "$2$1",
]
rules = st.one_of(
    st.none(),
    st.just([]),
    st.lists(st.lists(st.sampled_from(RULE_PATTERNS), min_size=1, max_size=1), min_size=1, max_size=4).flatmap(
        lambda patterns: st.tuples(*[st.sampled_from(RULE_REPLACEMENTS) for _ in patterns]).map(
            lambda replacements: [[p[0], r] for p, r in zip(patterns, replacements)]
        )
    ),
)
cleaner_configs = st.builds(
    lambda normalization_form, lowercase, strip_accents, rules, strip_html, strip_punctuation, collapse_whitespace: {
        "type": "TextCleaner",
        "normalization_form": normalization_form,
        "lowercase": lowercase,
        "strip_accents": strip_accents,
        "rules": rules,
        "strip_html": strip_html,
        "strip_punctuation": strip_punctuation,
        "collapse_whitespace": collapse_whitespace,
    },
    st.sampled_from([None, "NFC", "NFKC", "NFD", "NFKD"]),
    st.booleans(),
    st.sampled_from([None, "unicode", "ascii"]),
    rules,
    st.booleans(),
    st.booleans(),
    st.booleans(),
)

# --- Vocabulary and PadSequences parameters and inputs -------------------------------------------------

SUFFIXES = ["", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U0001F600", "\U0010FFFF", "\uff61", "z", "\u03a3"]
token = st.one_of(
    st.sampled_from(PROTOTYPE_NAMES),
    st.sampled_from(["a", "b", "z", "ab", "word", "free", "money", "\u03c3", "\u03c2"] + EDGE_CHARS + SUFFIXES[1:]),
    st.builds(lambda prefix, suffix: prefix + suffix, st.sampled_from(["", "a", "x", "\U0001F600"]), st.sampled_from(SUFFIXES)),
    piece,
)
token_lists = st.lists(token, max_size=12)
token_list_batches = batches(token_lists)

SPECIAL_TOKENS = ["[UNK]", "", "constructor", "__proto__", "toString", "hasOwnProperty", "a", "\U0001F600"]
vocabulary_configs = st.builds(
    lambda max_tokens, min_count, oov_token, pad_token: {
        "type": "Vocabulary",
        "max_tokens": max_tokens,
        "min_count": min_count,
        "oov_token": oov_token,
        "pad_token": pad_token,
    },
    st.one_of(st.none(), st.integers(2, 60)),
    st.integers(1, 4),
    st.sampled_from(SPECIAL_TOKENS),
    st.sampled_from(SPECIAL_TOKENS),
)

ids = st.one_of(st.integers(0, 50), st.integers(-SAFE_INT, SAFE_INT), st.sampled_from([SAFE_INT, -SAFE_INT, -1]))
sequence_batches = batches(st.lists(ids, max_size=40))
pad_configs = st.builds(
    lambda length, padding, truncating, value: {
        "type": "PadSequences",
        "length": length,
        "padding": padding,
        "truncating": truncating,
        "value": value,
    },
    st.integers(1, 40),
    st.sampled_from(["pre", "post"]),
    st.sampled_from(["pre", "post"]),
    st.one_of(st.just(0), ids),
)


def pipeline_configs():
    """An unfitted Pipeline config: EmailBody, a TextCleaner, Tokenizer, a Vocabulary, a PadSequences."""
    return st.builds(
        lambda cleaner, vocabulary, pad: {
            "type": "Pipeline",
            "steps": [{"type": "EmailBody"}, cleaner, {"type": "Tokenizer"}, vocabulary, pad],
        },
        cleaner_configs,
        vocabulary_configs,
        pad_configs,
    )
