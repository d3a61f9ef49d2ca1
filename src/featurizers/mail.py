"""``EmailBody``: what a reader sees of a raw e-mail, its Subject and its body."""

# __pragma__('jscall')  # methods as native JS methods (see tooling/check.py, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, register

# A first line that opens a header block: an mbox "From " line, or "Name:" where the name is
# printable ASCII without spaces or colons (RFC 5322 field-name).
HEADER_START_PATTERN = "^(?:From |[!-9;-~]+:)"


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
        return [self._extract(text, header_start) for text in texts]

    def _extract(self, text, header_start):
        text = text.replace("\r\n", "\n")
        if len(_host.findall(header_start, text)) == 0:
            return text
        end = text.find("\n\n")
        if end < 0:
            headers = text
            body = ""
        else:
            headers = text[:end]
            body = text[end + 2 :]
        return _subject(headers.split("\n")) + "\n" + body


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
