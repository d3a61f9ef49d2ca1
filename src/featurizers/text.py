"""Text featurizers: ``TextCleaner`` (str -> str) and ``Tokenizer`` (str -> list of str)."""

from featurizers import _host
from featurizers.base import Featurizer, copy_json, describe_non_str, register

_WS = _host.WHITESPACE

# Default replacement rules, applied in order after lowercasing. Every quantifier that can meet a
# long run of matching characters is bounded or starts at a literal, so a 1 MB message costs linear time.
URL_PATTERN = "(?:https?://|www[.])[^" + _WS + "<>\"'()]+"
# RFC 5321 limits: local part at most 64 characters, each domain label at most 63.
EMAIL_PATTERN = "[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:[.][a-z0-9-]{1,63})+"
NUMBER_PATTERN = "[0-9]+"
DEFAULT_RULES = [[URL_PATTERN, " URL "], [EMAIL_PATTERN, " EMAIL "], [NUMBER_PATTERN, " NUM "]]

# An HTML tag: '<', an optional '/', a letter or '!', then anything up to the next '>'.
HTML_TAG_PATTERN = "</?[a-z!][^<>]*>"
# ASCII punctuation, Latin-1 punctuation and symbols, General Punctuation (not its spaces),
# control characters other than whitespace, and the BOM / zero-width no-break space.
PUNCTUATION_PATTERN = (
    "[!-/:-@\\[-`{-~\xa1-\xa9\xab-\xb1\xb4\xb6-\xb8\xbb\xbf\xd7\xf7\u2010-\u2027\u2030-\u205e"
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]"
)
WHITESPACE_RUN_PATTERN = "[" + _WS + "]+"
TOKEN_PATTERN = "[^" + _WS + "]+"


class TextCleaner(Featurizer):
    """Normalize raw text (for example a whole e-mail) into words separated by single spaces.

    Steps, in order:

    1. ``lowercase``: ``str.lower()`` as CPython defines it (Unicode database of the training run).
    2. ``rules``: each ``[pattern, replacement]`` in order replaces every match with the literal
       replacement. The default turns URLs into ``URL``, e-mail addresses into ``EMAIL`` and runs of
       digits into ``NUM``; placeholders are upper case, so they cannot collide with lowercased text.
       The default patterns (and the tag pattern) are written for lowercased text. E-mail addresses
       follow RFC 5321's limits (local part of at most 64 characters, labels of at most 63).
    3. ``strip_html``: HTML tags (``HTML_TAG_PATTERN``) become a space.
    4. ``strip_punctuation``: each character of ``PUNCTUATION_PATTERN`` becomes a space.
    5. ``collapse_whitespace``: runs of whitespace (``str.isspace``) become one space; no leading
       or trailing space remains.

    Stateless: ``fit`` only returns ``self``.
    """

    PARAMS = ["lowercase", "rules", "strip_html", "strip_punctuation", "collapse_whitespace"]

    # __pragma__('kwargs')
    def __init__(self, lowercase=True, rules=None, strip_html=True, strip_punctuation=True, collapse_whitespace=True):
        self.lowercase = lowercase
        self.rules = rules
        self.strip_html = strip_html
        self.strip_punctuation = strip_punctuation
        self.collapse_whitespace = collapse_whitespace
    # __pragma__('nokwargs')

    def get_config(self):
        config = Featurizer.get_config(self)
        config["rules"] = copy_json(self._rules())
        return config

    def _rules(self):
        if self.rules is None:
            return DEFAULT_RULES
        return self.rules

    def _compile(self):
        """The replacement steps for the current parameters (both runtimes cache compiled patterns)."""
        steps = []
        for rule in self._rules():
            steps.append([_host.compile_pattern(rule[0]), rule[1]])
        if self.strip_html:
            steps.append([_host.compile_pattern(HTML_TAG_PATTERN), " "])
        if self.strip_punctuation:
            steps.append([_host.compile_pattern(PUNCTUATION_PATTERN), " "])
        if self.collapse_whitespace:
            steps.append([_host.compile_pattern(WHITESPACE_RUN_PATTERN), " "])
        return steps

    def transform(self, texts):
        """Clean each text of a list of str; returns a list of str."""
        self._check_batch("transform", texts, describe_non_str, "str")
        steps = self._compile()
        return [self._clean(text, steps) for text in texts]

    def _clean(self, text, steps):
        if self.lowercase:
            text = _host.lower(text)
        for step in steps:
            text = _host.sub(step[0], step[1], text)
        if self.collapse_whitespace:
            if text.startswith(" "):
                text = text[1:]
            if text.endswith(" "):
                text = text[: len(text) - 1]
        return text


class Tokenizer(Featurizer):
    """Split text into tokens: the maximal runs of non-whitespace characters (``str.split()``).

    Whitespace is CPython's ``str.isspace`` set in both runtimes. Stateless.
    """

    PARAMS = []

    def __init__(self):
        self._pattern = _host.compile_pattern(TOKEN_PATTERN)

    def transform(self, texts):
        """Tokenize each text of a list of str; returns a list of lists of str."""
        self._check_batch("transform", texts, describe_non_str, "str")
        return [self.tokenize(text) for text in texts]

    def tokenize(self, text):
        return _host.findall(self._pattern, text)


register(TextCleaner)
register(Tokenizer)
