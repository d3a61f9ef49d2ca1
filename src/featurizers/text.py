"""Text featurizers: ``TextCleaner`` (str -> str) and ``Tokenizer`` (str -> list of str)."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, copy_json, register, shown_param

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
# ASCII punctuation alone: the class Keras' TextVectorization strips (with "", not a space) after
# lowercasing, ``[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~']``, which is all 32 of them.
ASCII_PUNCTUATION_PATTERN = "[!-/:-@\\[-`{-~]"
WHITESPACE_RUN_PATTERN = "[" + _WS + "]+"
NON_ASCII_PATTERN = "[^\x00-\x7f]"
NORMALIZATION_FORMS = ["NFC", "NFKC", "NFD", "NFKD"]
# TextCleaner cleans a text longer than twice this in pieces of about this many characters.
PIECE_CHARS = 16384
TOKEN_PATTERN = "[^" + _WS + "]+"


class TextCleaner(Featurizer):
    """Normalize raw text (for example a whole e-mail) into words separated by single spaces.

    Steps, in order:

    1. ``normalization_form``: None (default) or ``"NFC"``, ``"NFKC"``, ``"NFD"``, ``"NFKD"``:
       ``unicodedata.normalize(form, text)`` with CPython's Unicode database (the JS side
       normalizes the same way: code points CPython does not know stay as they are).
    2. ``lowercase``: True (default): ``str.lower()`` as CPython defines it (Unicode database of
       the training run); ``"ascii"``: only ``A``-``Z`` become ``a``-``z``, every other code point
       stays, as TensorFlow's ``tf.strings.lower`` (which Keras' ``TextVectorization`` uses)
       leaves them: ``"ÀBΣ"`` becomes ``"ÀbΣ"``; False: no lowercasing.
    3. ``strip_accents``: None (default), ``"unicode"`` or ``"ascii"``, as scikit-learn's
       ``strip_accents``: ``"unicode"`` is ``NFKD`` then every code point whose canonical
       combining class is not 0 (``unicodedata.combining``) removed, so ``"Ångström"`` becomes
       ``"Angstrom"`` and ``"ﬁ"`` becomes ``"fi"``; ``"ascii"`` is ``NFKD`` then every non-ASCII
       code point removed (letters without a decomposition too: ``"straße"`` becomes ``"strae"``).
    4. ``rules``: each ``[pattern, replacement]`` in order replaces every match with the literal
       replacement. The default turns URLs into ``URL``, e-mail addresses into ``EMAIL`` and runs of
       digits into ``NUM``; placeholders are upper case, so they cannot collide with lowercased text.
       The default patterns (and the tag pattern) are written for lowercased text. E-mail addresses
       follow RFC 5321's limits (local part of at most 64 characters, labels of at most 63).
       A pattern outside the portable subset is refused (see ``Tokenizer``'s ``token_pattern``).
    5. ``strip_html``: HTML tags (``HTML_TAG_PATTERN``) become a space.
    6. ``strip_punctuation``: each character of ``PUNCTUATION_PATTERN`` becomes a space.
    7. ``collapse_whitespace``: runs of whitespace (``str.isspace``) become one space; no leading
       or trailing space remains.

    A text longer than ``2 * PIECE_CHARS`` characters is cleaned in pieces, with the same result,
    unless a rule may match a space (see ``_PieceByPiece``). Parameters are validated when the
    cleaner is used (``ValueError`` naming the value). Stateless: ``fit`` only returns ``self``.
    """

    PARAMS = [
        "normalization_form",
        "lowercase",
        "strip_accents",
        "rules",
        "strip_html",
        "strip_punctuation",
        "collapse_whitespace",
    ]
    INPUT = "str"
    OUTPUT = "str"

    # __pragma__('kwargs')
    def __init__(
        self,
        normalization_form=None,
        lowercase=True,
        strip_accents=None,
        rules=None,
        strip_html=True,
        strip_punctuation=True,
        collapse_whitespace=True,
    ):
        self.normalization_form = normalization_form
        self.lowercase = lowercase
        self.strip_accents = strip_accents
        self.rules = rules
        self.strip_html = strip_html
        self.strip_punctuation = strip_punctuation
        self.collapse_whitespace = collapse_whitespace
    # __pragma__('nokwargs')

    def _config_param(self, name):
        if name == "rules":
            return self._rules()
        return getattr(self, name)

    def _rules(self):
        if self.rules is None:
            return DEFAULT_RULES
        return self.rules

    def _compile(self):
        """The replacement steps for the current parameters: [those before the tag step (the
        ASCII filter, the rules), those from it on] (both runtimes cache compiled patterns)."""
        form = self.normalization_form
        if form is not None and form not in NORMALIZATION_FORMS:
            raise ValueError(f"TextCleaner: normalization_form must be None, 'NFC', 'NFKC', 'NFD' or 'NFKD', got {shown_param(form)}")
        accents = self.strip_accents
        if accents is not None and accents != "unicode" and accents != "ascii":
            raise ValueError(f"TextCleaner: strip_accents must be None, 'unicode' or 'ascii', got {shown_param(accents)}")
        lowercase = self.lowercase
        if not (lowercase is True or lowercase is False or (_host.is_str(lowercase) and lowercase == "ascii")):
            raise ValueError(f"TextCleaner: lowercase must be True, False or 'ascii', got {shown_param(lowercase)}")
        head = []
        if accents == "ascii":
            head.append([_host.compile_pattern(NON_ASCII_PATTERN), ""])
        for rule in self._rules():
            head.append([_host.compile_pattern(rule[0]), rule[1]])
        tail = []
        if self.strip_html:
            tail.append([_host.compile_pattern(HTML_TAG_PATTERN), " "])
        if self.strip_punctuation:
            tail.append([_host.compile_pattern(PUNCTUATION_PATTERN), " "])
        if self.collapse_whitespace:
            tail.append([_host.compile_pattern(WHITESPACE_RUN_PATTERN), " "])
        return [head, tail]

    def transform(self, texts, check_input=True):
        """Clean each text of a list of str; returns a list of str."""
        steps = self._compile()
        self._check_items(texts, check_input)
        return [self._clean(text, steps) for text in texts]

    def _clean(self, text, steps):
        if len(text) > 2 * PIECE_CHARS and self._cuts_exactly():
            parts = []
            pieces = _PieceByPiece(self, steps, lambda part: parts.append(part))
            pieces.take(text)
            pieces.take(None)
            return "".join(parts)
        return self._finish(self._start(text, steps[0]), steps[1])

    def _pieces(self, check_input, emit):
        """The cleaning of one long text that comes in parts, for a Pipeline: piece by piece
        (``_PieceByPiece``), or None when a rule may match a space (``Featurizer._pieces``)."""
        steps = self._compile()
        if not self._cuts_exactly():
            return None
        pieces = _PieceByPiece(self, steps, emit)

        def take(text):
            if text is not None:
                self._check_items([text], check_input)
            pieces.take(text)

        return take

    def _start(self, text, steps):
        """Steps 1-4: normalization, lowercasing, accents, rules."""
        if self.normalization_form is not None:
            text = _host.normalize(self.normalization_form, text)
        if self.lowercase is True:
            text = _host.lower(text)
        elif self.lowercase == "ascii":
            text = _host.lower_ascii(text)
        if self.strip_accents is not None:
            text = _host.normalize("NFKD", text)
            if self.strip_accents == "unicode":
                text = _host.strip_combining(text)
        for step in steps:
            text = _host.sub(step[0], step[1], text)
        return text

    def _finish(self, text, steps):
        """Steps 5-7: tags, punctuation, whitespace."""
        for step in steps:
            text = _host.sub(step[0], step[1], text)
        if self.collapse_whitespace:
            if text.startswith(" "):
                text = text[1:]
            if text.endswith(" "):
                text = text[: len(text) - 1]
        return text

    def _cuts_exactly(self):
        """Whether cutting a text right after a space leaves every rule's matches as they were
        (the ASCII filter's too: it matches no space)."""
        for rule in self._rules():
            if not _cut_safe(rule[0]):
                return False
        return True


class _PieceByPiece:
    """The cleaning of one text that comes in parts (``take``, then ``take(None)`` at its end),
    given on in pieces of about ``PIECE_CHARS`` characters (``emit``) that concatenate to what
    cleaning the text whole gives, each cut next to a space, for rules that match no space
    (``TextCleaner._cuts_exactly``).

    Whole-text passes cost time and memory out of proportion to the length in V8 (each builds
    a copy of the whole document). Each piece ends right after a space: no lowercasing or
    normalization context reaches over a space, and no rule matches one. An HTML tag may hold
    spaces, so what follows the last space before a "<" left open waits for the next piece
    (``_open_tag_cut``); with collapsed whitespace the parts are the pieces' words, each part
    after the first starting with the one space between.
    """

    def __init__(self, cleaner, steps, emit):
        self.cleaner = cleaner
        self.steps = steps
        self.emit = emit
        self.carry = ""  # what came after the last cut
        self.held = ""  # ``_start`` output held back by an open "<"
        self.first = True  # no part given on yet

    def take(self, text):
        if text is None:
            if len(self.carry) > 0 or len(self.held) > 0:
                self._piece(self.carry, True)
            self.carry = ""
            return
        start = 0
        while start < len(text):
            reach = PIECE_CHARS - len(self.carry)  # pieces of the same size however the text comes
            end = text.find(" ", start + reach if reach > 0 else start) + 1
            if end == 0:
                self.carry = self.carry + text[start:]
                return
            self._piece(self.carry + text[start:end], False)
            self.carry = ""
            start = end

    def _piece(self, raw, last):
        cleaner = self.cleaner
        part = cleaner._start(raw, self.steps[0])
        cut = len(part)
        if cleaner.strip_html and not last:
            cut = _open_tag_cut(part, len(self.held) > 0)
        if cut > 0 or last:
            piece = cleaner._finish(self.held + part[:cut], self.steps[1])
            self.held = ""
            if not cleaner.collapse_whitespace:
                self.emit(piece)
            elif len(piece) > 0:
                self.emit(piece if self.first else " " + piece)
                self.first = False
        self.held = self.held + part[cut:]


def _open_tag_cut(part, holding):
    """How much of ``part`` (a ``_start`` output that ends right after a space) may be finished
    now: what follows is held back, as it may belong to an HTML tag that the next piece closes.

    Only the last "<" can open such a tag: ``HTML_TAG_PATTERN`` holds no "<" after its first
    character, so a later "<" ends any earlier one's chance. If "<" comes after the last ">",
    the cut is right after the last space between them (0: all held back); if ">" comes last,
    all of it goes; with neither, it goes unless a "<" is already ``holding`` it back.
    """
    opened = part.rfind("<")
    closed = part.rfind(">")
    if opened < closed or (opened == closed and not holding):
        return len(part)
    if opened == closed:
        return 0
    space = part[:opened].rfind(" ")
    if space > closed:
        return space + 1
    return 0


def _pattern_tokens(pattern):
    """``pattern`` cut into [index, token] pairs: an escape (``\\x41`` and ``\\u00e9`` whole), a
    class (``[...]``), or one character."""
    chars = [ch for ch in pattern]
    tokens = []
    i = 0
    while i < len(chars):
        end = i + 1
        if chars[i] == "\\":
            end = i + 2
            if end - 1 < len(chars) and chars[end - 1] == "x":
                end += 2
            elif end - 1 < len(chars) and chars[end - 1] == "u":
                end += 4
        elif chars[i] == "[":
            # A "]" right after "[" or "[^" is a literal in Python (and a TS709 finding for JS).
            if end < len(chars) and chars[end] == "^":
                end += 1
            if end < len(chars) and chars[end] == "]":
                end += 1
            while end < len(chars) and chars[end] != "]":
                end += 2 if chars[end] == "\\" else 1
            end += 1
        tokens.append([i, "".join(chars[i:end])])
        i = end
    return tokens


_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _cut_safe(pattern):
    """Whether ``pattern`` matches the same in the pieces of a text cut right after a space as in
    the whole: none of its characters, escapes or classes matches a space, it has no anchor, word
    boundary, class escape (``\\d``, ``\\p{...}`` ...) or back-reference, and it does not match the
    empty string. Unsure is False."""
    if _host.first_match(_host.compile_pattern(pattern), "") is not None:
        return False
    for token in _pattern_tokens(pattern):
        text = token[1]
        if len(text) == 1 and "()|?*+{}".find(text) >= 0:
            continue
        if text == "^" or text == "$":
            return False
        # Of the escapes of letters and digits, only those of one character (\t \x41 \u00e9 ...)
        # are known here: anchors, classes, back-references, \N{...} are not.
        if text[0] == "\\" and (len(text) == 1 or (_ALNUM.find(text[1]) >= 0 and "tnrfvxu".find(text[1]) < 0)):
            return False
        if _host.first_match(_host.compile_pattern(text), " ") is not None:
            return False
    return True


ANALYZERS = ["word", "char", "char_wb"]
# Runs of two or more whitespace characters, as scikit-learn's ``\s\s+`` before char n-grams
# (CPython's ``\s`` for str patterns is ``str.isspace``): a lone tab or newline stays as it is.
CHAR_WHITESPACE_PATTERN = "[" + _WS + "]{2,}"


def _capturing_group_at(pattern):
    """The index of the first capturing group's "(" in ``pattern``, or -1.

    ``re.findall`` returns the groups' text when there are groups and JS ``match`` the whole
    matches, so patterns with capturing groups are refused. Escapes and classes are skipped;
    ``(?:``, lookarounds and every other ``(?`` form are not capturing, except named groups
    (``(?P<`` in Python, ``(?<name>`` in JS).
    """
    tokens = _pattern_tokens(pattern)
    for k in range(len(tokens)):
        if tokens[k][1] != "(":
            continue
        if k + 1 >= len(tokens) or tokens[k + 1][1] != "?":
            return tokens[k][0]
        after = "".join([token[1] for token in tokens[k + 2 : k + 4]])
        if after.startswith("P<") or (after.startswith("<") and after != "<=" and after != "<!"):
            return tokens[k][0]
    return -1


def _describe_ngram_range(value):
    if not _host.is_list(value):
        return _host.type_name(value)
    if len(value) != 2:
        return f"a list of length {len(value)}"
    if not (_host.is_int(value[0]) and _host.is_int(value[1])):
        return f"[{_host.type_name(value[0])}, {_host.type_name(value[1])}]"
    return f"[{value[0]}, {value[1]}]"


class Tokenizer(Featurizer):
    """Split text into tokens, or into word or character n-grams, as scikit-learn's analyzers.

    - ``analyzer="word"`` (default): the tokens are

      - with ``token_pattern=None`` (default): the maximal runs of non-whitespace characters
        (``str.split()``); whitespace is CPython's ``str.isspace`` set in both runtimes;
      - otherwise the non-overlapping matches of the regex ``token_pattern``, left to right. Write
        it in the portable subset: explicit classes such as ``"[" + portable.WORD_CHARS + "]{2,}"``
        (scikit-learn's default ``(?u)\\b\\w\\w+\\b`` has no portable spelling: ``\\w`` and ``\\b``
        are ASCII-only in JS), no ``.``, ``$``, inline flags or named groups. A pattern outside
        the subset, however it was built (at run time, read from a settings file, imported from
        scikit-learn), is refused in CPython with the checker's rules (``UnportableConfig``, a
        ``ValueError`` naming the construct and its rewrite): by ``from_config``, by training,
        at the first ``transform``, and by the build, which checks the fitted config. Refused
        with ``ValueError`` too: a non-str pattern, capturing groups (``re.findall``
        would return the group's text; use ``(?:...)``), and a pattern that matches the empty
        string (where an empty match is found the two engines resume the search differently).

      Then the tokens in ``stop_words`` (None, the default, or a list of str) are removed, and
      with ``ngram_range=[min_n, max_n]`` come the word n-grams: the tokens of each n-gram
      joined by one space, all n-grams of size ``min_n`` in text order, then those of size
      ``min_n + 1``, ... up to ``max_n`` (scikit-learn's ``_word_ngrams``). ``[1, 1]`` gives the
      tokens.
    - ``analyzer="char"``: runs of two or more whitespace characters become one space (as
      scikit-learn's ``\\s\\s+``; a single tab stays a tab), then every substring of ``n`` code
      points, for ``n`` from ``min_n`` to ``max_n``, by size then position (``_char_ngrams``).
      Characters are code points in both runtimes: an emoji is one, a ZWJ sequence or a letter
      with a combining mark is several.
    - ``analyzer="char_wb"``: the same normalization, then for each whitespace-separated word
      padded with one space on each side, its n-grams for ``n`` from ``min_n`` to ``max_n``; a
      padded word shorter than ``n`` gives itself once and ends that word's n-grams
      (``_char_wb_ngrams``).

    Nothing is lowercased (scikit-learn's ``lowercase=True`` belongs to ``TextCleaner`` here).
    ``ngram_range`` is kept as a list (a tuple is accepted); parameters are validated when the
    tokenizer is used, with ``ValueError``. ``get_config`` lists only the parameters that differ
    from their defaults, so the default tokenizer's config is ``{"type": "Tokenizer"}`` as before
    these parameters existed. Stateless.
    """

    PARAMS = ["token_pattern", "ngram_range", "analyzer", "stop_words"]
    INPUT = "str"
    OUTPUT = "list of str"

    # __pragma__('kwargs')
    def __init__(self, token_pattern=None, ngram_range=[1, 1], analyzer="word", stop_words=None):  # noqa: B006 (copied)
        self.token_pattern = token_pattern
        # A copy: a list (from a tuple too), with integral floats as the ints JSON would give.
        self.ngram_range = copy_json(ngram_range)
        self.analyzer = analyzer
        self.stop_words = stop_words
    # __pragma__('nokwargs')

    def get_config(self):
        config = {"type": "Tokenizer"}
        if self.token_pattern is not None:
            config["token_pattern"] = self.token_pattern
        if not self._is_default_range():
            config["ngram_range"] = copy_json(self.ngram_range)
        if self.analyzer != "word":
            config["analyzer"] = self.analyzer
        if self.stop_words is not None:
            config["stop_words"] = copy_json(self.stop_words)
        return config

    def _is_default_range(self):
        value = self.ngram_range
        if not (_host.is_list(value) and len(value) == 2 and _host.is_int(value[0]) and _host.is_int(value[1])):
            return False
        return value[0] == 1 and value[1] == 1

    def _prepare(self):
        """Validate the parameters; returns [min_n, max_n, compiled pattern, stop words (a
        StrMap) or None]."""
        if self.analyzer != "word" and self.analyzer != "char" and self.analyzer != "char_wb":
            raise ValueError(f"Tokenizer: analyzer must be 'word', 'char' or 'char_wb', got {shown_param(self.analyzer)}")
        value = self.ngram_range
        valid = _host.is_list(value) and len(value) == 2 and _host.is_int(value[0]) and _host.is_int(value[1])
        if not valid or value[0] < 1 or value[0] > value[1]:
            raise ValueError(
                f"Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got {_describe_ngram_range(value)}"
            )
        stop = None
        if self.stop_words is not None:  # as a branch, so a sealed bundle without stop words drops _stop_words
            stop = self._stop_words()
        pattern = self.token_pattern
        if pattern is None:
            if self.analyzer == "char":
                return [value[0], value[1], _host.compile_pattern(CHAR_WHITESPACE_PATTERN), stop]
            return [value[0], value[1], _host.compile_pattern(TOKEN_PATTERN), stop]
        if self.analyzer != "word":
            raise ValueError(f"Tokenizer: token_pattern applies only to analyzer='word', not '{self.analyzer}'")
        if not _host.is_str(pattern):
            raise ValueError(f"Tokenizer: token_pattern must be a str or None, got {_host.type_name(pattern)}")
        at = _capturing_group_at(pattern)
        if at >= 0:
            raise ValueError(
                f"Tokenizer: token_pattern must not have capturing groups (found one at character {at}); use (?:...)"
            )
        compiled = _host.compile_pattern(pattern)
        if _host.first_match(compiled, "") is not None:
            raise ValueError("Tokenizer: token_pattern must not match the empty string")
        return [value[0], value[1], compiled, stop]

    def _stop_words(self):
        """``stop_words`` (not None) as a StrMap, after checking them."""
        words = self.stop_words
        if self.analyzer != "word":
            raise ValueError(f"Tokenizer: stop_words apply only to analyzer='word', not '{self.analyzer}'")
        if not _host.is_list(words):
            raise ValueError(f"Tokenizer: stop_words must be a list of str or None, got {_host.type_name(words)}")
        stop = _host.StrMap()
        for i in range(len(words)):
            if not _host.is_str(words[i]):
                raise ValueError(f"Tokenizer: stop_words must be a list of str, got {_host.type_name(words[i])} at index {i}")
            stop.set(words[i], True)
        return stop

    def transform(self, texts, check_input=True):
        """Tokenize each text of a list of str; returns a list of lists of str."""
        self._check_items(texts, check_input)
        plan = self._prepare()
        return [self._analyze(text, plan) for text in texts]

    def _part_by_part(self):
        # Text cut next to a space has the same tokens in its parts when no token holds a space.
        return self.analyzer == "word" and self._is_default_range() and (self.token_pattern is None or _cut_safe(self.token_pattern))

    def tokenize(self, text):
        """The tokens (or n-grams) of one str."""
        return self._analyze(text, self._prepare())

    def _analyze(self, text, plan):
        if self.analyzer == "char":
            return _ngrams([ch for ch in _host.sub(plan[2], " ", text)], plan[0], plan[1], "")
        if self.analyzer == "char_wb":
            words = _host.findall(plan[2], text)
            return _char_wb_ngrams(words, plan[0], plan[1])
        tokens = _host.findall(plan[2], text)
        if self.token_pattern is not None:
            for token in tokens:
                if len(token) == 0:
                    raise ValueError("Tokenizer: token_pattern matched the empty string")
        stop = plan[3]
        if stop is not None:
            tokens = [token for token in tokens if not stop.has(token)]
        return _ngrams(tokens, plan[0], plan[1], " ")


def _ngrams(units, min_n, max_n, separator):
    """The n-grams of ``units`` (tokens or characters) joined by ``separator``, all of size
    ``min_n`` in order, then size ``min_n + 1`` ... (scikit-learn's ``_word_ngrams`` and
    ``_char_ngrams`` order)."""
    if min_n == 1 and max_n == 1:
        return units
    ngrams = []
    if min_n == 1:
        for unit in units:
            ngrams.append(unit)
        min_n = 2
    count = len(units)
    for n in range(min_n, max_n + 1):
        if n > count:  # no longer n-grams
            break
        if n == 2:  # the common case, without a slice and a join per n-gram
            for i in range(count - 1):
                ngrams.append(units[i] + separator + units[i + 1])
        else:
            for i in range(count - n + 1):
                ngrams.append(separator.join(units[i : i + n]))
    return ngrams


def _char_wb_ngrams(words, min_n, max_n):
    ngrams = []
    for word in words:
        chars = [" "]
        for ch in word:
            chars.append(ch)
        chars.append(" ")
        count = len(chars)
        for n in range(min_n, max_n + 1):
            offset = 0
            ngrams.append("".join(chars[offset : offset + n]))
            while offset + n < count:
                offset += 1
                ngrams.append("".join(chars[offset : offset + n]))
            if offset == 0:  # a padded word shorter than n: counted once, and no longer n-grams
                break
    return ngrams


register(TextCleaner)
register(Tokenizer)

# __pragma__('skip')
# The parameters that hold patterns, which from_config and the build check (Featurizer.PATTERN_PARAMS).
TextCleaner.PATTERN_PARAMS = ["rules"]
Tokenizer.PATTERN_PARAMS = ["token_pattern"]
# __pragma__('noskip')
