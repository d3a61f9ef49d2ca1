"""MIME decoding for ``EmailBody``: header fields and parameters, Content-Transfer-Encodings
(base64, quoted-printable), charsets, and RFC 2047 encoded words.

Restricted Python, compiled as-is: the same rules decode in CPython and in JavaScript. A message
arrives as a str, so its "bytes" are characters: an encoded body is ASCII by definition, and
what an encoding yields (a list of byte values, 0-255) is decoded with the part's charset by
``_host.decode_bytes`` (CPython's codecs; ``TextDecoder`` and a table in JS).

Charsets (``charset_codec``): ``utf-8`` (CPython's ``bytes.decode("utf-8", "replace")``: each
maximal ill-formed subpart is one U+FFFD), ``us-ascii`` (bytes above 0x7F are U+FFFD),
``iso-8859-1`` and ``windows-1252`` (the five bytes windows-1252 leaves undefined, 0x81, 0x8D,
0x8F, 0x90, 0x9D, are U+FFFD, as CPython's ``cp1252`` codec gives them). Any other charset is
decoded as Latin-1: one byte, one code point. No charset is us-ascii (RFC 2045).

Nothing here raises on malformed input: ``base64_body`` says None and the caller keeps the raw
text; quoted-printable and encoded words keep what they cannot decode as it is.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host

# A line of base64 data: alphabet characters, "=" only at the end.
BASE64_LINE_PATTERN = "^[A-Za-z0-9+/]*=*"
HEX_DIGITS = "0123456789ABCDEFabcdef"
# RFC 2047: "=?" charset "?" B or Q "?" encoded text "?=", the encoded text printable ASCII without
# "?" or space. Bounded, so a long run costs linear time.
ENCODED_WORD_PATTERN = "=[?][!->@-~]{1,64}[?][BbQq][?][!->@-~]{0,4096}[?]="
# RFC 2045 token characters, for a media type's type and subtype.
MEDIA_TYPE_PATTERN = "[!#-'*+.0-9A-Z^-~-]{1,127}/[!#-'*+.0-9A-Z^-~-]{1,127}"


# --- header fields -------------------------------------------------------------------------------


def header_fields(headers):
    """[Subject, Content-Type, Content-Transfer-Encoding, Content-Disposition] of a header block
    (lines joined by "\\n"): the value of the first field of each name (any case), its
    continuation lines (those that start with a space or a tab) each after a space; None for a
    field that is absent."""
    fields = [None, None, None, None]
    start = 0
    while start <= len(headers):
        end = _line_end(headers, start)
        name = _host.lower(headers[start : start + 26])
        k = -1
        if name.startswith("subject:"):
            k = 0
        elif name.startswith("content-type:"):
            k = 1
        elif name.startswith("content-transfer-encoding:"):
            k = 2
        elif name.startswith("content-disposition:"):
            k = 3
        value = None
        if k >= 0 and fields[k] is None:
            value = headers[start + headers[start:end].find(":") + 1 : end]
        while headers[end + 1 : end + 2] == " " or headers[end + 1 : end + 2] == "\t":
            start = end + 1
            end = _line_end(headers, start)
            if value is not None:
                value = value + " " + headers[start:end]
        if value is not None:
            fields[k] = value
        start = end + 1
    return fields


def _line_end(text, start):
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def content_type(value):
    """[media type, parameters] of a Content-Type value: the media type lowercased, "text/plain"
    when the field is absent or its type is not ``type/subtype`` (RFC 2045's default);
    parameters as ``parameters`` gives them."""
    if value is None:
        return ["text/plain", []]
    cut = value.find(";")
    media = trim(value if cut < 0 else value[:cut])
    if _host.first_match(_host.compile_pattern(MEDIA_TYPE_PATTERN), media) != media:
        media = "text/plain"
    return [_host.lower(media), parameters(value[cut + 1 :] if cut >= 0 else "")]


def disposition(value):
    """The disposition of a Content-Disposition value, lowercased ("attachment", "inline"), or ""."""
    if value is None:
        return ""
    cut = value.find(";")
    return _host.lower(trim(value if cut < 0 else value[:cut]))


def parameters(text):
    """The ``name=value`` parameters of a header value after its first ";", as [name, value]
    pairs in order: names lowercased and trimmed, values trimmed, or unquoted (a backslash
    escapes the next character); a parameter without "=" is left out."""
    found = []
    i = 0
    n = len(text)
    while i < n:
        cut = text.find(";", i)
        equals = text.find("=", i)
        if equals < 0 or (cut >= 0 and cut < equals):
            if cut < 0:
                return found
            i = cut + 1
            continue
        name = _host.lower(trim(text[i:equals]))
        j = equals + 1
        while j < n and (text[j] == " " or text[j] == "\t"):
            j += 1
        if j < n and text[j] == '"':
            chars = []
            j += 1
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                chars.append(text[j])
                j += 1
            value = "".join(chars)
            cut = text.find(";", j)
        else:
            cut = text.find(";", j)
            value = trim(text[j:] if cut < 0 else text[j:cut])
        found.append([name, value])
        if cut < 0:
            return found
        i = cut + 1
    return found


def parameter(params, name):
    """The value of the first parameter called ``name`` (lowercase), or None."""
    for pair in params:
        if pair[0] == name:
            return pair[1]
    return None


def trim(text):
    """``text`` without ASCII spaces, tabs, line ends, vertical tabs and form feeds at either end."""
    start = 0
    end = len(text)
    while start < end and " \t\r\n\x0b\x0c".find(text[start]) >= 0:
        start += 1
    while end > start and " \t\r\n\x0b\x0c".find(text[end - 1]) >= 0:
        end -= 1
    return text[start:end]


# --- charsets --------------------------------------------------------------------------------------


def charset_codec(name):
    """The decoder for a charset name (any case, around spaces ignored): "utf-8", "ascii" (also
    for None: RFC 2045's default charset is us-ascii), "cp1252", or "latin-1" for ISO-8859-1 and
    any other name."""
    if name is None:
        return "ascii"
    name = _host.lower(trim(name))
    if name == "utf-8" or name == "utf8":
        return "utf-8"
    if name == "us-ascii" or name == "ascii":
        return "ascii"
    if name == "windows-1252" or name == "cp1252":
        return "cp1252"
    return "latin-1"


# --- Content-Transfer-Encodings ----------------------------------------------------------------------


def base64_body(body, codec):
    """The text of a base64 body (lines ended by "\\n") in ``codec``, or None when its first line
    that is not blank is not base64 or its data is not well formed.

    The data is read line by line, ASCII whitespace around a line ignored (``trim``) and blank
    lines skipped:
    it is the run of lines of base64 characters (``=`` only at a line's end) from the first on,
    and it ends at a line that holds anything else or right after a line that ends with ``=``.
    It is well formed as WHATWG's forgiving-base64 (``_host.base64_bytes``) defines it: a length
    that is not 1 more than a multiple of 4, and ``=`` only to pad it to one. Text after it (a
    footer that a mailing list added, say) is kept as it is, after a line end."""
    data = []
    n = len(body)
    start = 0  # the first line not read as data
    while start < n:
        end = _line_end(body, start)
        line = trim(body[start:end])
        if len(line) > 0:
            if _host.first_match(_host.compile_pattern(BASE64_LINE_PATTERN), line) != line:
                break
            data.append(line)
            if line.endswith("="):
                start = end + 1
                break
        start = end + 1
    decoded = _host.base64_bytes("".join(data)) if len(data) > 0 else None
    if decoded is None:
        return None
    text = _host.decode_bytes(decoded, codec)
    while start < n and len(trim(body[start : _line_end(body, start)])) == 0:
        start = _line_end(body, start) + 1
    return text + "\n" + body[start:] if start < n else text


def _hex_byte(text, i):
    """The byte that the two hex digits (either case) at ``text[i:i + 2]`` spell, or -1."""
    if i + 1 >= len(text):
        return -1
    high = _hex_digit(text[i])
    low = _hex_digit(text[i + 1])
    if high < 0 or low < 0:
        return -1
    return high * 16 + low


def _hex_digit(char):
    value = HEX_DIGITS.find(char)
    return value - 6 if value >= 16 else value


def quoted_printable(text, codec, q_encoding):
    """Decode quoted-printable ``text`` (lines ended by "\\n") as CPython's ``quopri`` does:
    "=" and two hex digits (either case) is that byte, "=" at a line end or at the end is a
    soft line break (both go), any other "=" stays. Each run of escaped bytes is decoded in
    ``codec``; the characters between runs are kept as they are (ASCII reads the same in every
    supported charset). ``q_encoding``: RFC 2047's Q encoding instead, where "_" is a space and
    there are no line breaks (an "=" at the end stays)."""
    if q_encoding:
        text = text.replace("_", " ")
    at = text.find("=")
    if at < 0:
        return text
    out = []
    start = 0
    n = len(text)
    while at >= 0:
        out.append(text[start:at])
        data = []
        while at < n and text[at] == "=":
            value = _hex_byte(text, at + 1)
            if value >= 0:
                data.append(value)
                at += 3
            elif q_encoding:
                break
            elif at + 1 == n:
                at += 1
            elif text[at + 1] == "\n":
                at += 2
            else:
                break
        if len(data) > 0:
            out.append(_host.decode_bytes(data, codec))
        start = at
        if at < n and text[at] == "=":
            out.append("=")
            start = at + 1
        at = text.find("=", start)
    out.append(text[start:])
    return "".join(out)


def decode_body(body, encoding, charset):
    """A text part's body (lines ended by "\\n") decoded: ``encoding`` (a
    Content-Transfer-Encoding, lowercased) "base64" or "quoted-printable", in ``charset``; any
    other encoding leaves the body as it is (7bit, 8bit and binary bodies are characters
    already), and so does base64 that ``base64_body`` cannot read."""
    if encoding == "base64":
        text = base64_body(body, charset_codec(charset))
        return body if text is None else text
    if encoding == "quoted-printable":
        return quoted_printable(body, charset_codec(charset), False)
    return body


# --- RFC 2047 encoded words ----------------------------------------------------------------------------


def decode_words(text):
    """``text`` (a header value) with each RFC 2047 encoded word ``=?charset?B|Q?text?=``
    decoded (a ``*language`` after the charset ignored), and the whitespace between two encoded
    words dropped. A word whose base64 is not well formed stays as it is."""
    if text.find("=?") < 0:
        return text
    words = _host.findall(_host.compile_pattern(ENCODED_WORD_PATTERN), text)
    out = []
    start = 0
    after_word = False  # the text up to ``start`` ends with a decoded word
    for word in words:
        at = text.find(word, start)
        between = text[start:at]
        decoded = _decode_word(word)
        if not (after_word and decoded is not None and len(trim(between)) == 0):
            out.append(between)
        if decoded is None:
            out.append(word)
        else:
            out.append(decoded)
        after_word = decoded is not None
        start = at + len(word)
    out.append(text[start:])
    return "".join(out)


def _decode_word(word):
    """The text of one encoded word, or None if its base64 is not well formed (``_host.base64_bytes``)."""
    first = word.find("?", 2)
    charset = word[2:first]
    star = charset.find("*")
    if star >= 0:
        charset = charset[:star]
    encoded = word[first + 3 : len(word) - 2]
    codec = charset_codec(charset)
    if word[first + 1] == "B" or word[first + 1] == "b":
        data = _host.base64_bytes(encoded)
        return None if data is None else _host.decode_bytes(data, codec)
    return quoted_printable(encoded, codec, True)
