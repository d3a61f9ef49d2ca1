"""``EmailBody``: what a mail reader shows of a raw e-mail, its Subject and its text."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host, mime
from featurizers.base import Featurizer, join_parts, register

# A header field's line: "Name:" where the name is printable ASCII without spaces or colons
# (RFC 5322 field-name). The first line of a message may also be an mbox "From " line.
HEADER_START_PATTERN = "^[!-9;-~]+:"
# TextCleaner's HTML tag (text.HTML_TAG_PATTERN) in either case: EmailBody reads text before it
# is lowercased.
HTML_TAG_PATTERN = "</?[A-Za-z!][^<>]*>"
# A Pipeline gets a long message's body in parts of about this many characters (EmailBody._pieces).
PART_CHARS = 16384
# Multiparts nested deeper than this are shown as their raw text.
MAX_DEPTH = 16


class EmailBody(Featurizer):
    """Reduce a raw RFC 5322 message to what a mail reader shows: its Subject and its text.

    Line ends ``"\\r\\n"`` are read as ``"\\n"``. A text is a message when its first lines are a
    header block (``_header_block``: header fields, ``HEADER_START_PATTERN``, and their folded
    continuation lines, up to an empty line or any other line) of two fields or more, or of one
    followed by an empty line; then the result is the Subject value (its continuation lines joined
    by spaces, RFC 2047 encoded words decoded), a newline, then the text of the body as MIME
    (RFC 2045-2047) defines it:

    - a ``text/*`` body (the default without a valid Content-Type) is decoded from its
      Content-Transfer-Encoding, ``base64`` or ``quoted-printable``, in its ``charset``
      (``featurizers.mime``: utf-8, us-ascii, iso-8859-1, windows-1252; any other as Latin-1);
      other encodings (7bit, 8bit, binary) are text as it is. ``text/html`` has its tags
      (``HTML_TAG_PATTERN``) replaced by a space;
    - a ``multipart/*`` body gives the text of its parts, in order, joined by ``"\\n"``; each
      part is an entity of its own (its header block, of any number of fields, unless its first
      line opens none), read by these rules, nested multiparts included. Preamble and epilogue are
      not shown; a part's last line end belongs to the delimiter after it; a missing closing
      delimiter ends the last part at the end of the body;
    - a part with ``Content-Disposition: attachment``, and any other media type, shows nothing.

    Malformed input never raises: it degrades to the raw text it came as. Base64 that does not start
    with well-formed data (``mime.base64_body``) leaves the body encoded; a multipart without a boundary
    parameter or without any delimiter line, or nested deeper than ``MAX_DEPTH``, is its raw
    body; an encoded word that cannot be decoded stays as written. A text that is not a message
    is returned unchanged (its "\\r\\n" read as "\\n"), so plain messages pass through, and so
    does a short one whose first line looks like one header ("Reminder: call Sam"). Stateless.
    """

    PARAMS = []
    INPUT = "str"
    OUTPUT = "str"

    def transform(self, texts, check_input=True):
        """Map each raw message of a list of str to its Subject and text."""
        self._check_items(texts, check_input)
        return [self._message(text, None) for text in texts]

    def _pieces(self, check_input, emit):
        """One long message, held until its end, then given on in parts of about ``PART_CHARS``
        characters, each a slice of its text with its own line ends replaced, made as ``emit``
        takes them: a body shown as it is (no encoding, no multipart, no HTML) is never copied
        whole in the JS engine (``Featurizer._pieces``)."""
        held = []

        def take(part):
            if part is not None:
                self._check_items([part], check_input)
                held.append(part)
            else:
                self._message(join_parts(held, "str"), emit)

        return take

    def _message(self, text, emit):
        """The Subject line and the text of ``text``, returned, or given to ``emit`` in parts cut
        right after a space (a cut there splits no "\\r\\n")."""
        head = ""
        body = text
        block = _header_block(text, True)
        if block is not None:
            fields = mime.header_fields(text[: block[0]].replace("\r\n", "\n"))
            head = ("" if fields[0] is None else mime.decode_words(fields[0])) + "\n"
            body = _entity_text(fields, text[block[1] :], 0)
            if body is None:
                body = ""
        if emit is None:
            return head + body.replace("\r\n", "\n")
        start = 0
        while True:
            end = body.find(" ", start + PART_CHARS) + 1
            if end == 0:
                end = len(body)
            emit(head + body[start:end].replace("\r\n", "\n"))
            head = ""
            start = end
            if start >= len(body):
                return None


def _header_block(text, message):
    """[the end of the header block that opens ``text``, where its body starts], or None.

    The block is the run of header lines from the first: a field (``HEADER_START_PATTERN``: a
    printable ASCII name without spaces, then ":"; or, first, an mbox "From " line), then fields
    and continuation lines (that start with a space or a tab). It ends at the first other line:
    an empty one goes (the body starts after it), any other starts the body (as CPython's
    ``email`` parser reads it). Lines may end with "\\r\\n". ``message``: ``text`` is a whole
    message, which must hold two fields or more or end its block with an empty line (a line of
    plain text such as "Reminder: call Sam" is not a message); else it is a MIME part."""
    n = len(text)
    start = 0
    fields = 0
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        if stop == start:  # an empty line ends the block
            if start == 0 or (message and fields == 0):
                return None
            return [start - 1 if text[start - 2 : start] != "\r\n" else start - 2, end + 1]
        char = text[start]
        if char != " " and char != "\t":
            line = text[start:stop]
            if (start == 0 and line.startswith("From ")) or _host.first_match(_field_start(), line) is not None:
                fields += 1
            elif start == 0:
                return None
            else:
                break
        elif start == 0:
            return None
        start = end + 1
    if message and fields < 2:
        return None
    if start >= n:
        return [n, n]
    return [start - 1 if text[start - 2 : start] != "\r\n" else start - 2, start]


def _field_start():
    return _host.compile_pattern(HEADER_START_PATTERN)


def _entity_text(fields, body, depth):
    """What a reader shows of an entity's ``body`` given its header ``fields``
    (``mime.header_fields``): its text, ``body`` itself when nothing is to be decoded, or None
    when it shows nothing (an attachment, a media type other than text and multipart, a
    multipart none of whose parts shows anything)."""
    kind = mime.content_type(fields[1])
    media = kind[0]
    if media.startswith("multipart/"):
        boundary = mime.parameter(kind[1], "boundary")
        if boundary is None or depth >= MAX_DEPTH:
            return body
        parts = _parts(body.replace("\r\n", "\n"), mime.trim(boundary))
        if parts is None:
            return body
        texts = []
        for part in parts:
            shown = _part_text(part, depth + 1)
            if shown is not None:
                texts.append(shown)
        return "\n".join(texts) if len(texts) > 0 else None
    if mime.disposition(fields[3]) == "attachment" or not media.startswith("text/"):
        return None
    encoding = "" if fields[2] is None else _host.lower(mime.trim(fields[2]))
    text = body
    if encoding == "base64" or encoding == "quoted-printable":
        text = mime.decode_body(body.replace("\r\n", "\n"), encoding, mime.parameter(kind[1], "charset"))
    if media == "text/html":
        text = _host.sub(_host.compile_pattern(HTML_TAG_PATTERN), " ", text)
    return text


def _part_text(part, depth):
    """What a reader shows of one part of a multipart (lines ended by "\\n"), or None: its
    header block (``_header_block``, none if it starts with an empty line), then its body."""
    block = _header_block(part, False)
    if block is None:
        return _entity_text([None, None, None, None], part[1:] if part.startswith("\n") else part, depth)
    return _entity_text(mime.header_fields(part[: block[0]]), part[block[1] :], depth)


def _parts(body, boundary):
    """The parts of a multipart ``body`` (lines ended by "\\n") between its delimiter lines: a
    line that is "--" and the boundary, then "--" for the last one, then nothing but whitespace
    (``mime.trim``). None if no line is a delimiter, or the boundary (trimmed) is empty."""
    if len(boundary) == 0:
        return None
    delimiter = "--" + boundary
    # Positions and lengths are the runtime's own units (code points, UTF-16 units), as find gives them.
    width = 2 + len(boundary)
    parts = []
    start = -1  # where the current part starts; -1 before the first delimiter (the preamble)
    at = body.find(delimiter)
    while at >= 0:
        after = at + width
        line_end = body.find("\n", after)
        if line_end < 0:
            line_end = len(body)
        rest = body[after:line_end]
        last = rest.startswith("--")
        if (at == 0 or body[at - 1] == "\n") and len(mime.trim(rest[2:] if last else rest)) == 0:
            if start >= 0:
                parts.append(body[start : at - 1 if at > start else start])
            if last:
                return parts
            start = line_end + 1
        at = body.find(delimiter, after)
    if start < 0:
        return None
    parts.append(body[start:])
    return parts


register(EmailBody)
