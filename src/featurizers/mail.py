"""``EmailBody``: what a reader sees of a raw e-mail, its Subject and its body."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, join_parts, register

# A first line that opens a header block: an mbox "From " line, or "Name:" where the name is
# printable ASCII without spaces or colons (RFC 5322 field-name).
HEADER_START_PATTERN = "^(?:From |[!-9;-~]+:)"
# A Pipeline gets a long message's body in parts of about this many characters (EmailBody._pieces).
PART_CHARS = 16384


class EmailBody(Featurizer):
    """Reduce a raw RFC 5322 message to its Subject and body, dropping the other headers.

    Line ends ``"\\r\\n"`` are read as ``"\\n"``. If the first line opens a header block
    (``HEADER_START_PATTERN``), the headers end at the first empty line; the result is the Subject
    value (its folded continuation lines joined by spaces), a newline, then the body. A text that
    does not start with a header is returned unchanged, so plain messages pass through.
    Stateless.
    """

    PARAMS = []
    INPUT = "str"
    OUTPUT = "str"

    def transform(self, texts, check_input=True):
        """Map each raw message of a list of str to its Subject and body."""
        self._check_items(texts, check_input)
        header_start = _host.compile_pattern(HEADER_START_PATTERN)
        return [self._message(text, header_start, None) for text in texts]

    def _pieces(self, check_input, emit):
        """One long message, held until its end, then given on in parts of about ``PART_CHARS``
        characters, each a slice of it with its own line ends replaced, made as ``emit`` takes
        them: the JS engine never holds a copy of the whole body (``Featurizer._pieces``)."""
        held = []

        def take(part):
            if part is not None:
                self._check_items([part], check_input)
                held.append(part)
            else:
                self._message(join_parts(held, "str"), _host.compile_pattern(HEADER_START_PATTERN), emit)

        return take

    def _message(self, text, header_start, emit):
        """The Subject line and the body of ``text``, returned, or given to ``emit`` in parts cut
        right after a space (a cut there splits no "\\r\\n"). The headers end at the first empty
        line with "\\r\\n" read as "\\n": a "\\n" then "\\n" or "\\r\\n"."""
        head = ""
        body = text
        if len(_host.findall(header_start, text)) > 0:  # the pattern reads no "\r" or "\n"
            end = text.find("\n\n")
            end_crlf = text.find("\n\r\n")
            if end < 0 or (end_crlf >= 0 and end_crlf < end):
                end = end_crlf
            body = ""
            if end < 0:
                end = len(text)
            else:
                body = text[end + 2 :] if text[end + 1] == "\n" else text[end + 3 :]
                if end > 0 and text[end - 1] == "\r":
                    end -= 1  # the "\r\n" that ends the last header line
            head = _subject(text[:end].replace("\r\n", "\n")) + "\n"
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


def _subject(headers):
    """The Subject value of a header block: the rest of its first line that starts with
    "Subject:" (any case), and each continuation line after it (one that starts with a space or
    a tab) after a space; "" without one."""
    start = 0
    while start <= len(headers):
        end = _line_end(headers, start)
        if headers[start : start + 8].lower() == "subject:":
            value = headers[start + 8 : end]
            while headers[end + 1 : end + 2] == " " or headers[end + 1 : end + 2] == "\t":
                start = end + 1
                end = _line_end(headers, start)
                value = value + " " + headers[start:end]
            return value
        start = end + 1
    return ""


def _line_end(text, start):
    end = text.find("\n", start)
    return len(text) if end < 0 else end


register(EmailBody)
