"""Specification of featurizers.mime and the host primitives under it (``_host.decode_bytes``,
``_host.base64_bytes``), checked against CPython's own codecs, base64, quopri and email.

The decoders are restricted Python (they run compiled in Node too): CPython's implementations are
the oracle wherever the input is well formed; where it is not, the rules here say what is kept.
tests/parity/test_mime_parity.py checks the JS bodies of the host primitives on the same cases.
"""

import base64
import codecs
import quopri
from email.header import Header

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from featurizers import _host, mime

byte_lists = st.lists(st.integers(0, 255), max_size=64)


# --- charsets ----------------------------------------------------------------------------------------


@given(byte_lists)
@example([0xED, 0xA0, 0x80])  # a surrogate: ill formed in UTF-8
@example([0xF0, 0x90, 0x80])  # a truncated 4-byte sequence: one U+FFFD
@example([0xE0, 0x80, 0x80])  # overlong
@example([0xF4, 0x90, 0x80, 0x80])  # beyond U+10FFFF
@example([0xC0, 0xAF, 0xC2, 0x41, 0xEF, 0xBB, 0xBF, 0xF8])
def test_utf8_decodes_as_cpython_replacing_each_maximal_ill_formed_subpart(data):
    assert _host.decode_bytes(data, "utf-8") == bytes(data).decode("utf-8", "replace")


@pytest.mark.parametrize("codec, cpython", [("ascii", "ascii"), ("latin-1", "latin-1"), ("cp1252", "cp1252")])
def test_single_byte_charsets_decode_every_byte_as_cpython_does(codec, cpython):
    every_byte = list(range(256))
    assert _host.decode_bytes(every_byte, codec) == bytes(every_byte).decode(cpython, "replace")


def test_windows_1252_leaves_its_five_undefined_bytes_as_replacement_characters():
    assert _host.decode_bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x9F], "cp1252") == "\u20ac\ufffd\ufffd\ufffd\ufffd\ufffd\u0178"


@pytest.mark.parametrize(
    "name, codec",
    [
        ("utf-8", "utf-8"), ("UTF-8", "utf-8"), (" utf8 ", "utf-8"), ("us-ascii", "ascii"), ("US-ASCII", "ascii"),
        ("ascii", "ascii"), (None, "ascii"), ("iso-8859-1", "latin-1"), ("ISO-8859-1", "latin-1"), ("latin1", "latin-1"),
        ("windows-1252", "cp1252"), ("Windows-1252", "cp1252"), ("cp1252", "cp1252"), ("iso-8859-15", "latin-1"),
        ("big5", "latin-1"), ("gb2312", "latin-1"), ("", "latin-1"), ("x-unknown", "latin-1"), ("utf-16", "latin-1"),
    ],
)  # fmt: skip
def test_charset_names_map_to_four_decoders_and_anything_else_reads_as_latin_1(name, codec):
    assert mime.charset_codec(name) == codec


# --- base64 ----------------------------------------------------------------------------------------


@given(st.binary(max_size=200))
def test_base64_decodes_what_cpython_encodes(data):
    assert _host.base64_bytes(base64.b64encode(data).decode("ascii")) == list(data)


@given(st.binary(min_size=1, max_size=60))
def test_base64_without_its_padding_decodes_as_forgiving_base64_reads_it(data):
    text = base64.b64encode(data).decode("ascii").rstrip("=")
    assert _host.base64_bytes(text) == list(data)


@pytest.mark.parametrize(
    "text, data",
    [("QUI=", [65, 66]), ("QUI", [65, 66]), ("QR==", [65]), ("QU I=\n", [65, 66]), ("", []), ("QUJDRA", [65, 66, 67, 68])],
)
def test_base64_is_forgiving_base64(text, data):
    # WHATWG's forgiving-base64 decode, which atob implements: padding optional, bits left over dropped.
    assert _host.base64_bytes(text) == data


@pytest.mark.parametrize("text", ["Q", "QUJDR", "QU=JD", "QQ===", "QQ=", "QUJD=", "QUJD!", "=", "==", "Q=Q=", "\xe9QUJD", "QUJD\x0b"])
def test_base64_that_is_not_well_formed_is_none(text):
    assert _host.base64_bytes(text) is None


def test_a_base64_body_is_read_line_by_line_around_spaces_and_blank_lines():
    encoded = base64.encodebytes("caf\xe9 cr\xe8me".encode("utf-8")).decode("ascii")
    assert mime.base64_body("\n  " + encoded.replace("\n", " \r\n\n"), "utf-8") == "caf\xe9 cr\xe8me"


def test_text_after_the_base64_data_is_kept_after_a_line_end():
    body = base64.encodebytes(b"hello").decode("ascii") + "\n_______________\nmailing list footer\n"
    assert mime.base64_body(body, "ascii") == "hello\n_______________\nmailing list footer\n"


def test_the_base64_data_ends_after_its_padding():
    body = "aGk=\naGk=\n"  # two encoded texts one after the other: the second is text after the data
    assert mime.base64_body(body, "ascii") == "hi\naGk=\n"


@pytest.mark.parametrize("body", ["not base64 at all\naGk=", "", "\n\n", "Q\n", "aGk=!\n"])
def test_a_base64_body_that_does_not_start_with_well_formed_data_is_none(body):
    assert mime.base64_body(body, "ascii") is None


# --- quoted-printable ----------------------------------------------------------------------------------


@given(st.binary(max_size=200), st.booleans())
def test_quoted_printable_decodes_what_cpython_encodes(data, header):
    encoded = quopri.encodestring(data, quotetabs=header).decode("ascii")
    assert mime.quoted_printable(encoded, "latin-1", False) == data.decode("latin-1")


@given(st.text(max_size=80))
def test_quoted_printable_in_utf_8_decodes_what_cpython_encodes(text):
    encoded = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    # CPython's decoder is the oracle: its encoder writes every line end of a text as its first
    # one ("\r\n\n" becomes "\r\n\r\n"), so the text comes back only where they are all alike.
    assert mime.quoted_printable(encoded, "utf-8", False) == quopri.decodestring(encoded).decode("utf-8")
    if "\r" not in text:
        assert mime.quoted_printable(encoded, "utf-8", False) == text


@pytest.mark.parametrize(
    "encoded, decoded",
    [
        ("caf=C3=A9", "caf\xe9"),
        ("caf=c3=a9", "caf\xe9"),  # lower case hex, as quopri reads it
        ("soft=\nbreak", "softbreak"),
        ("ends with=", "ends with"),
        ("a =3D b", "a = b"),
        ("=C3=\n=A9", "\xe9"),  # a soft line break inside a character's bytes
        ("x=4", "x=4"),  # not an escape: kept
        ("x=G1y", "x=G1y"),
        ("keep trailing   \nspaces", "keep trailing   \nspaces"),
        ("caf\xe9 =C3=A9", "caf\xe9 \xe9"),  # characters outside ASCII stay as they are
    ],
)
def test_quoted_printable_escapes_soft_line_breaks_and_kept_equals_signs(encoded, decoded):
    assert mime.quoted_printable(encoded, "utf-8", False) == decoded
    if all(ord(c) < 128 for c in encoded):
        assert quopri.decodestring(encoded.encode("ascii")).decode("utf-8") == decoded


def test_an_equals_sign_before_another_is_kept_where_cpython_drops_it():
    # RFC 2045 6.7: a decoder should keep an "=" that starts no escape; CPython's binascii reads
    # "==" as "=" ("a broken case from broken python qp").
    assert mime.quoted_printable("==x", "ascii", False) == "==x"
    assert quopri.decodestring(b"==x") == b"=x"


def test_q_encoding_reads_underscores_as_spaces_and_has_no_soft_line_breaks():
    assert mime.quoted_printable("caf=E9_au_lait=", "latin-1", True) == "caf\xe9 au lait="


# --- RFC 2047 encoded words ----------------------------------------------------------------------------


@given(st.text(max_size=40), st.sampled_from(["utf-8", "iso-8859-1", "us-ascii"]))
def test_encoded_words_decode_what_cpythons_email_encodes(text, charset):
    try:
        text.encode("latin-1" if charset == "iso-8859-1" else charset)
    except UnicodeEncodeError:
        return
    if "".join(text.splitlines()) != text:  # Header drops line breaks (str.splitlines' own, U+0085 among them)
        return
    encoded = Header(text, charset).encode(maxlinelen=10_000)
    assert mime.decode_words(encoded) == text


@pytest.mark.parametrize(
    "header, decoded",
    [
        ("=?utf-8?B?w6kgZW1vamkg8J+YgA==?=", "\xe9 emoji \U0001f600"),
        ("=?ISO-8859-1?Q?caf=E9?= au lait", "caf\xe9 au lait"),
        ("Re: =?utf-8?q?d=C3=A9j=C3=A0?= vu", "Re: d\xe9j\xe0 vu"),
        ("=?utf-8?q?one?= =?utf-8?q?_two?=", "one two"),  # whitespace between two words goes
        ("=?utf-8?q?one?=\t  =?iso-8859-1?q?=E9?=", "one\xe9"),
        ("=?utf-8*en?q?with_language?=", "with language"),
        ("=?windows-1252?Q?=80uro?=", "\u20acuro"),
        ("=?big5?Q?=A4=A3?=", "\xa4\xa3"),  # an unsupported charset reads as Latin-1
        ("=?utf-8?B?not base64?=", "=?utf-8?B?not base64?="),  # has a space: no encoded word
        ("=?utf-8?B?Q?=", "=?utf-8?B?Q?="),  # not well formed: kept as written
        ("=?utf-8?B?Q?= =?utf-8?q?x?=", "=?utf-8?B?Q?= x"),
        ("no words here", "no words here"),
        ("=?utf-8?x?y?=", "=?utf-8?x?y?="),
    ],
)
def test_encoded_words(header, decoded):
    assert mime.decode_words(header) == decoded


# --- header fields and parameters ------------------------------------------------------------------------


def test_header_fields_are_the_first_of_each_name_in_any_case_unfolded():
    headers = "\n".join(
        [
            "Received: from x",
            "  by y",
            "CONTENT-TYPE: text/plain;",
            "\tcharset=utf-8",
            "Subject: first",
            "subject: second",
            "Content-Transfer-Encoding: base64",
            "content-disposition: attachment",
        ]
    )
    assert mime.header_fields(headers) == [" first", " text/plain; \tcharset=utf-8", " base64", " attachment"]


def test_absent_header_fields_are_none():
    assert mime.header_fields("To: x\nFrom: y") == [None, None, None, None]


@pytest.mark.parametrize(
    "value, media, params",
    [
        (None, "text/plain", []),
        (" text/HTML; charset=UTF-8", "text/html", [["charset", "UTF-8"]]),
        ('multipart/alternative; boundary="a;b \\"c\\""', "multipart/alternative", [["boundary", 'a;b "c"']]),
        ("Multipart/Mixed;\tBOUNDARY = xyz ; Charset=us-ascii", "multipart/mixed", [["boundary", "xyz"], ["charset", "us-ascii"]]),
        ("text/plain charset=us-ascii", "text/plain", []),  # no ";": not a type/subtype, so text/plain
        ("text", "text/plain", []),
        ("text/plain; format", "text/plain", []),
        ("text/plain; ; charset=utf-8;", "text/plain", [["charset", "utf-8"]]),
        ('text/plain; charset="unterminated', "text/plain", [["charset", "unterminated"]]),
    ],
)
def test_content_type_gives_the_media_type_lowercased_and_the_parameters(value, media, params):
    assert mime.content_type(value) == [media, params]


def test_the_first_parameter_of_a_name_wins():
    assert mime.parameter(mime.parameters(" charset=a; charset=b"), "charset") == "a"
    assert mime.parameter(mime.parameters(" charset=a"), "boundary") is None


@pytest.mark.parametrize("value, kind", [(None, ""), ("attachment", "attachment"), (' INLINE; filename="a.txt"', "inline")])
def test_disposition(value, kind):
    assert mime.disposition(value) == kind


def test_the_cpython_codecs_named_here_exist():
    for name in ("utf-8", "ascii", "latin-1", "cp1252"):
        codecs.lookup(name)
