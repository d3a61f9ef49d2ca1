"""EmailBody's MIME reading gives the same text in CPython and in Node.

Whole corpora go through the flagship bundle (test_flagship_parity); generated MIME messages through
the differential fuzzing (tests/fuzz). Here: every byte in every charset, messages CPython's email
writes, malformed ones, and the two host primitives the decoders end in: ``_host.decode_bytes``
(CPython's codecs; JS's TextDecoder and a table) and ``_host.base64_bytes`` (forgiving-base64 in
CPython; JS's atob).
"""

import base64
import quopri
import random

import pytest
from harness import js_outcome, python_outcome

from featurizers import _host

CHARSETS = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "big5", "x-unknown", "UTF8", "Cp1252"]
EMAIL_BODY = {"type": "EmailBody"}


def same(node, library, texts):
    python, js = python_outcome(EMAIL_BODY, texts), js_outcome(node, library, EMAIL_BODY, texts)
    assert python[0] == "ok", python
    return python == js


def message(charset, encoding, body, media="text/plain"):
    return f"Subject: s\nTo: x\nContent-Type: {media}; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n{body}"


@pytest.mark.parametrize("charset", CHARSETS)
def test_every_byte_and_every_pair_of_bytes_decodes_alike(node, library, charset):
    pairs = [bytes([a, b]) for a in range(0x80, 0x100, 3) for b in range(0x70, 0x100, 5)]
    data = [bytes([b]) for b in range(256)] + pairs + [bytes(range(256))]
    texts = [message(charset, "quoted-printable", quopri.encodestring(d).decode("ascii")) for d in data]
    texts += [message(charset, "base64", base64.encodebytes(d).decode("ascii")) for d in data]
    assert same(node, library, texts)


UTF8_EDGES = [
    b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xf0\x90\x80", b"\xf0\x8f\xbf\xbf", b"\xf4\x8f\xbf\xbf",
    b"\xf4\x90\x80\x80", b"\xe0\x9f\xbf", b"\xe0\xa0\x80", b"\xc1\xbf", b"\xc2\x80", b"\xef\xbb\xbf\xef\xbb\xbf",
    b"\xf0\x9f\x98\x80\xf0\x9f", b"\xf8\x88\x80\x80\x80", b"\x80\xbf", b"a\xc3", b"\xe2\x82\xac",
]  # fmt: skip


@pytest.mark.parametrize("data", UTF8_EDGES, ids=lambda d: d.hex())
def test_utf8_sequences_well_and_ill_formed_decode_as_cpython_in_both(node, library, data):
    text = message("utf-8", "base64", base64.b64encode(data).decode("ascii"))
    assert same(node, library, [text])
    assert python_outcome(EMAIL_BODY, [text])[1] == [" s\n" + data.decode("utf-8", "replace")]


MESSAGES = [
    # CPython's email output: a multipart/alternative with a base64 text part and a QP HTML part
    'Content-Type: multipart/alternative; boundary="===============1=="\nMIME-Version: 1.0\nSubject: =?utf-8?q?Caf=C3=A9?=\n\n'
    '--===============1==\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\nw6ltb2ppIPCfmIA=\n\n'
    '--===============1==\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
    "<p>=C3=A9moji =F0=9F=98=80</p>\n\n--===============1==--\n",
    # nested multiparts, a part without headers, an attachment, an image, CRLF line ends
    "Subject: s\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nno headers\r\n--x\r\n"
    "Content-Type: multipart/related; boundary=y\r\n\r\n--y\r\nContent-Type: text/html\r\n\r\n<B>html</B>\r\n--y--\r\n"
    "--x\r\nContent-Disposition: attachment\r\n\r\nattached\r\n--x\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n--x--\r\n",
    # malformed: no boundary, a boundary no line is, no closing delimiter, bad base64, unknown charset
    "Subject: s\nContent-Type: multipart/mixed\n\n--b\n\nraw\n",
    "Subject: s\nContent-Type: multipart/mixed; boundary=zz\n\n--b\n\nraw\n",
    "Subject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo",
    message("utf-8", "base64", "not base64!\n"),
    message("utf-8", "base64", "aGk=\n\n-- \nfooter\n"),
    message("koi8-r", "quoted-printable", "=F0=D2=C9=D7=C5=D4"),
    # prototype names where a JS object would trip
    "Subject: s\nContent-Type: multipart/mixed; boundary=constructor\n\n--constructor\nContent-Type: text/plain; charset=__proto__\n\nx\n--constructor--",
    "Subject: =?__proto__?q?toString?= =?constructor?b?aGk=?=\nTo: x\n\nbody",
    # a one-line message is plain text; two header lines are a message
    "Reminder: call Sam",
    "Reminder: call Sam\nTo: x",
]


def test_mime_messages_well_and_ill_formed_read_alike(node, library):
    assert same(node, library, MESSAGES)


def random_bytes(count, seed):
    rng = random.Random(seed)
    return [[rng.choice([rng.randrange(256), rng.randrange(0x80, 0x100), rng.randrange(0x80)]) for _ in range(rng.randrange(12))] for _ in range(count)]


@pytest.mark.parametrize("codec", ["utf-8", "ascii", "cp1252", "latin-1"])
def test_decode_bytes_gives_cpythons_text_in_both(node, library, codec):
    cases = [list(range(256)), [0xEF, 0xBB, 0xBF, 0x41], *[list(d) for d in UTF8_EDGES], *random_bytes(3000, codec)]
    python = [_host.decode_bytes(data, codec) for data in cases]
    assert python == [bytes(data).decode(codec, "replace") for data in cases]
    assert node.request(op="host", library=str(library), function="decode_bytes", args=[cases, codec], each=True) == python


BASE64_CASES = [
    "", "QQ", "QQ=", "QQ==", "QQ===", "QUI", "QUI=", "QUJD", "QUJD=", "QUJDRA", "QUJDRA=", "QUJDRA==", "Q", "QUJDR",
    "=", "==", "Q=Q=", "QQ==QQ==", "QR==", "Q Q", "QU\tJD\n", "QUJD\x0b", "QUJD\xa0", "\xe9", "-_-_", "a+/b", "////",
]  # fmt: skip


def test_base64_bytes_is_forgiving_base64_in_both(node, library):
    rng = random.Random(7)
    cases = BASE64_CASES + ["".join(rng.choice("AQgw+/=Z9 ") for _ in range(rng.randrange(10))) for _ in range(2000)]
    python = [_host.base64_bytes(text) for text in cases]
    assert node.request(op="host", library=str(library), function="base64_bytes", args=[cases], each=True) == python
