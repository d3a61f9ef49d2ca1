"""``EmailBody``: what a reader sees of a raw e-mail, its Subject and its body."""

# __pragma__('jscall')  # methods as native JS methods (see tooling/check.py, TS606-TS607)

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
        return [self._message(text, header_start) for text in texts]

    def _message(self, text, header_start):
        split = self._split(text, header_start)
        return split[0] + split[1].replace("\r\n", "\n")

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
                self._emit_parts(join_parts(held, "str"), emit)

        return take

    def _emit_parts(self, text, emit):
        split = self._split(text, _host.compile_pattern(HEADER_START_PATTERN))
        prefix = split[0]
        body = split[1]
        start = 0
        while True:
            end = body.find(" ", start + PART_CHARS) + 1
            if end == 0:
                end = len(body)
            emit(prefix + body[start:end].replace("\r\n", "\n"))  # a cut after a space splits no "\r\n"
            prefix = ""
            start = end
            if start >= len(body):
                return

    def _split(self, text, header_start):
        """[what the output starts with: the Subject line, or "" for a text without headers, the
        body as it stands in ``text``]. The headers end at the first empty line with "\r\n"
        read as "\n": a "\n" then "\n" or "\r\n"."""
        if len(_host.findall(header_start, text)) == 0:  # the pattern reads no "\r" or "\n"
            return ["", text]
        end = _first_of(text.find("\n\n"), text.find("\n\r\n"))
        body = ""
        if end < 0:
            end = len(text)
        elif text[end + 1] == "\n":
            body = text[end + 2 :]
        else:
            body = text[end + 3 :]
        if end > 0 and text[end - 1] == "\r":
            end -= 1  # the "\r\n" that ends the last header line
        return [_subject(text[:end].replace("\r\n", "\n").split("\n")) + "\n", body]


def _first_of(i, j):
    """The smaller of two ``find`` results, -1 for neither."""
    if i < 0 or (j >= 0 and j < i):
        return j
    return i


def _subject(lines):
    for i in range(len(lines)):
        if lines[i][:8].lower() == "subject:":
            parts = [lines[i][8:]]
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or lines[j].startswith("\t")):
                parts.append(lines[j])
                j += 1
            return " ".join(parts)
    return ""


register(EmailBody)
