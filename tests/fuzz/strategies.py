"""Hypothesis strategies for the differential fuzz tests: batches of hostile text, tokens and ids,
and the featurizers' parameters.

The text, e-mail and token strategies are the testing kit's (``featurizers.testing.strategies``,
which users fuzz their own featurizers with); this module draws batches of 50-200 of them and the
configs of the project's own featurizers.
"""

from hypothesis import strategies as st

from featurizers.testing import strategies
from featurizers.testing.strategies import PROTOTYPE_NAMES, SAFE_INT, emails, piece, texts

BATCH_MIN, BATCH_MAX = 50, 200


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
_short_texts = st.lists(piece, max_size=2).map("".join)
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
    return strategies.batches(element, min_size=BATCH_MIN, max_size=BATCH_MAX)


text_batches = batches(texts())
email_batches = batches(st.one_of(emails(), mime_messages(), texts()))
mime_batches = batches(mime_messages())

# --- TextCleaner parameters -------------------------------------------------------------------------

# Patterns inside the portable subset (explicit classes; no \w \d \s \b, no ".", no "$"), and, as
# a replacement rule's pattern, matching at least one character (TS711: from_config refuses "x*").
RULE_PATTERNS = [
    "[a-z]+", "[0-9]{2,4}", "[0-9]+", "[A-Z]+", "[A-Z][a-z]+", "free", "money", "constructor", "__proto__",
    "toString", "hasOwnProperty", "(?:free|money|click)", "(x)(y)", "(ab)+", "a|b", "[a-z]{1,20}@[a-z]{1,20}",
    "[aeiou]", "x{2,}", "[\xe0-\xff]+", "[\u0300-\u036f]+", "\u03c3", "\u03c2", "\u03a3", "[\U0001F600-\U0001F64F]",
    "\U0001F600", "[^ -~]+", "[^a-z0-9 ]", "[.]", "[$]", "[\\[\\]]", "<[a-z]+>", "^[a-z]+", "x+", "(?:ab)+",
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

token = strategies.tokens()
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
