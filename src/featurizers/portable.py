"""Portable operations for featurizer authors: each means the same in CPython and in the bundle.

A featurizer is restricted Python that runs in CPython and compiles to JavaScript, where some
plain Python means something else (``python -m featurizers check`` names each construct, and its
rewrite names the operation here to use). These operations give CPython's answer in both
runtimes, with CPython's Unicode database (``featurizers._unicode``, generated from it), whatever
Unicode version the JS engine has; the parity tests run each one on every code point or on
adversarial text in both. Import the module and call through it::

    from featurizers import portable

    LETTER = portable.compile("[" + portable.ALPHA_CHARS + "]")
    CAPITAL = portable.compile("[" + portable.UPPER_CHARS + "]")

    def shouting(text):                      # "ÉTÉ!" -> 100, "Été" -> 33
        letters = portable.count(LETTER, text)
        return 0 if letters == 0 else portable.count(CAPITAL, text) * 100 // letters

A class's table reaches a bundle only when code the bundle imports uses it (each is 0.1 to 1.1 KB
gzipped); a bundle that uses none carries none.

**Character classes.** Each ``X_CHARS`` is the body of a regex character class (no brackets:
write ``"[" + portable.ALPHA_CHARS + "]"``, ``"[^" + ... + "]"``, or several in one class): the
code points for which CPython's ``str`` method holds, one code point at a time. Each predicate is
exactly the ``str`` method for any str (empty, several code points, lone surrogates):

- ``ALPHA_CHARS``, ``is_alpha(text)``: ``str.isalpha``;
- ``ALNUM_CHARS``, ``is_alnum(text)``: ``str.isalnum``;
- ``DECIMAL_CHARS``, ``is_decimal(text)``: ``str.isdecimal``, what ``\\d`` matches;
- ``DIGIT_CHARS``, ``is_digit(text)``: ``str.isdigit`` (decimals, and ``"²"``, ``"①"`` ...);
- ``NUMERIC_CHARS``, ``is_numeric(text)``: ``str.isnumeric`` (digits, and ``"½"``, ``"Ⅻ"`` ...);
- ``SPACE_CHARS``, ``is_space(text)``: ``str.isspace``, what ``\\s`` matches;
- ``UPPER_CHARS``, ``is_upper(text)``: ``str.isupper`` (of a text: one upper-case code point,
  no lower- or title-case one, anything else);
- ``LOWER_CHARS``, ``is_lower(text)``: ``str.islower``;
- ``TITLE_CHARS`` (``"ǅ"`` and 30 more), ``is_title(text)``: ``str.istitle``;
- ``WORD_CHARS``, ``is_word(text)``: what ``\\w`` matches (letters, numbers, ``_``);
- ``PRINTABLE_CHARS``, ``is_printable(text)``: ``str.isprintable``;
- ``ASCII_CHARS``, ``is_ascii(text)``: ``str.isascii``;
- ``is_identifier(text)``: ``str.isidentifier``.

**Code points.** JS strings count UTF-16 units: ``cp_len(text)`` is ``len(text)``,
``cp_slice(text, start, stop)`` is ``text[start:stop]`` (bounds >= 0, ``stop`` may be None),
``code_point(ch)`` is ``ord(ch)`` and ``char(code)`` is ``chr(code)``. Iterating a str
(``for ch in text``) and ``[ch for ch in text]`` already go by code point in both runtimes.

**Whitespace.** CPython's whitespace (``str.isspace``) in both: ``split(text)`` is
``text.split()``, ``splitlines(text)`` is ``text.splitlines()``, ``strip``/``lstrip``/``rstrip``
are ``text.strip()`` ... without an argument.

**Case and normalization.** ``lower(text)`` is ``text.lower()`` (Final Sigma included);
``normalize(form, text)`` is ``unicodedata.normalize(form, text)``. A JS engine with a newer
Unicode would lowercase and normalize code points CPython does not know: these keep them.

**Maps and order.** ``StrMap()``: a str-keyed map (``get(key, fallback)``, ``set``, ``has``,
``size()``, ``keys()`` in insertion order), right for every key (``constructor``, ``__proto__``
included; a Transcrypt ``dict`` is a JS object). ``has_key(mapping, key)``: ``key in mapping``
for a dict or a JSON object. ``sort_str(strs)``: a new list sorted by code point, as
``sorted(strs)`` (JS compares UTF-16 units); ``sort_with(rows, compare)``: a new list in
``compare``'s order (negative, 0, positive), stable; ``compare_str(a, b)``: -1, 0 or 1 in code
point order. ``MAX_SAFE_INTEGER``: ``2**53 - 1``, the largest integer both runtimes hold exactly.

**Patterns.** ``compile(pattern)`` gives a ``Pattern`` for ``search``, ``fullmatch``,
``findall``, ``count`` and ``sub``: CPython's ``re`` and a JS ``RegExp`` with the ``u`` flag,
matching code points in both. Write patterns in the portable subset, which ``python -m
featurizers check`` checks where the pattern is a constant in the source (TS701-TS709): explicit
classes (the ``X_CHARS`` above) instead of ``\\w \\d \\s``, no ``\\b``, ``.``, ``$``, inline
flags, named groups or lookbehinds. A pattern built at run time or read from a config is not
checked: outside the subset it may match otherwise in JS or not compile there (``re.error`` in
CPython, ``SyntaxError`` in JS). Replacements are literal text (no ``\\1``). Where an empty match
is found the engines resume the search differently, so ``compile`` refuses a pattern that
matches the empty string, and ``findall``, ``count`` and ``sub`` raise ``ValueError`` when one
matches empty next to some text (``x*(?=a)``), in both runtimes.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers._unicode import PY_ALNUM_RANGES, PY_ALPHA_RANGES, PY_DECIMAL_RANGES, PY_DIGIT_RANGES
from featurizers._unicode import PY_IDENTIFIER_CONTINUE_RANGES, PY_IDENTIFIER_START_RANGES, PY_LOWER_RANGES
from featurizers._unicode import PY_NUMERIC_RANGES, PY_PRINTABLE_RANGES, PY_TITLE_RANGES, PY_UPPER_RANGES
from featurizers._unicode import PY_WORD_RANGES

MAX_SAFE_INTEGER = 9007199254740991

# Character classes: regex class bodies, CPython's str methods one code point at a time. Each is
# built from its table when the module loads; the build drops those a bundle never uses
# (compiler/js/pure_tables.cjs marks the calls as free of effects).
ALPHA_CHARS = _host.class_chars(PY_ALPHA_RANGES)
ALNUM_CHARS = _host.class_chars(PY_ALNUM_RANGES)
DECIMAL_CHARS = _host.class_chars(PY_DECIMAL_RANGES)
DIGIT_CHARS = _host.class_chars(PY_DIGIT_RANGES)
NUMERIC_CHARS = _host.class_chars(PY_NUMERIC_RANGES)
SPACE_CHARS = _host.WHITESPACE
UPPER_CHARS = _host.class_chars(PY_UPPER_RANGES)
LOWER_CHARS = _host.class_chars(PY_LOWER_RANGES)
TITLE_CHARS = _host.class_chars(PY_TITLE_RANGES)
WORD_CHARS = _host.class_chars(PY_WORD_RANGES)
PRINTABLE_CHARS = _host.class_chars(PY_PRINTABLE_RANGES)
ASCII_CHARS = "\x00-\x7f"
_IDENTIFIER_START = _host.class_chars(PY_IDENTIFIER_START_RANGES)
_IDENTIFIER_CONTINUE = _host.class_chars(PY_IDENTIFIER_CONTINUE_RANGES)

# str.splitlines's line boundaries; "\r\n" is one.
_LINE_BREAK_PATTERN = "\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
_NORMALIZATION_FORMS = ["NFC", "NFD", "NFKC", "NFKD"]


# --- character classes ----------------------------------------------------------------------


def is_alpha(text):
    """``text.isalpha()``: not empty, and every code point a letter (``ALPHA_CHARS``)."""
    return _host.all_in(ALPHA_CHARS, text)


def is_alnum(text):
    """``text.isalnum()``: not empty, and every code point a letter or a number (``ALNUM_CHARS``)."""
    return _host.all_in(ALNUM_CHARS, text)


def is_decimal(text):
    """``text.isdecimal()``: not empty, and every code point a decimal digit (``DECIMAL_CHARS``, ``\\d``)."""
    return _host.all_in(DECIMAL_CHARS, text)


def is_digit(text):
    """``text.isdigit()``: not empty, and every code point a digit (``DIGIT_CHARS``: decimal digits,
    superscripts, circled digits ...)."""
    return _host.all_in(DIGIT_CHARS, text)


def is_numeric(text):
    """``text.isnumeric()``: not empty, and every code point numeric (``NUMERIC_CHARS``: digits,
    fractions, Roman numerals, CJK numerals ...)."""
    return _host.all_in(NUMERIC_CHARS, text)


def is_space(text):
    """``text.isspace()``: not empty, and every code point whitespace (``SPACE_CHARS``, ``\\s``)."""
    return _host.all_in(SPACE_CHARS, text)


def is_word(text):
    """Not empty, and every code point a word character (``WORD_CHARS``: what CPython's ``\\w``
    matches, letters, numbers and ``_``)."""
    return _host.all_in(WORD_CHARS, text)


def is_upper(text):
    """``text.isupper()``: at least one upper-case code point (``UPPER_CHARS``), and no lower- or
    title-case one (``LOWER_CHARS``, ``TITLE_CHARS``); anything else may be there (``"A1!"``)."""
    return not _host.any_in(LOWER_CHARS, text) and not _host.any_in(TITLE_CHARS, text) and _host.any_in(UPPER_CHARS, text)


def is_lower(text):
    """``text.islower()``: at least one lower-case code point (``LOWER_CHARS``), and no upper- or
    title-case one."""
    return not _host.any_in(UPPER_CHARS, text) and not _host.any_in(TITLE_CHARS, text) and _host.any_in(LOWER_CHARS, text)


def is_title(text):
    """``text.istitle()``: at least one cased code point; each upper- or title-case one follows an
    uncased one, and each lower-case one follows a cased one (``"Hello World"``, ``"ǅemal"``)."""
    previous_cased = False
    cased = False
    for ch in text:
        if _host.any_in(UPPER_CHARS, ch) or _host.any_in(TITLE_CHARS, ch):
            if previous_cased:
                return False
            previous_cased = True
            cased = True
        elif _host.any_in(LOWER_CHARS, ch):
            if not previous_cased:
                return False
            previous_cased = True
            cased = True
        else:
            previous_cased = False
    return cased


def is_printable(text):
    """``text.isprintable()``: every code point printable (``PRINTABLE_CHARS``: not a control,
    format, separator other than the space, private-use, surrogate or unassigned one); true of ""."""
    return _host.cp_len(text) == 0 or _host.all_in(PRINTABLE_CHARS, text)


def is_ascii(text):
    """``text.isascii()``: every code point below U+0080 (``ASCII_CHARS``); true of ""."""
    return _host.cp_len(text) == 0 or _host.all_in(ASCII_CHARS, text)


def is_identifier(text):
    """``text.isidentifier()``: a Python identifier's characters (a letter or ``_``, then letters,
    digits, ``_`` and combining marks, as XID_Start and XID_Continue); keywords count."""
    if _host.cp_len(text) == 0 or not _host.all_in(_IDENTIFIER_START, _host.cp_slice(text, 0, 1)):
        return False
    rest = _host.cp_slice(text, 1, None)
    return _host.cp_len(rest) == 0 or _host.all_in(_IDENTIFIER_CONTINUE, rest)


# --- code points -----------------------------------------------------------------------------


def cp_len(text):
    """``len(text)``: the number of code points (JS's ``length`` counts UTF-16 units: an emoji is 2)."""
    return _host.cp_len(text)


def cp_slice(text, start, stop):
    """``text[start:stop]`` by code point; ``start`` and ``stop`` are ints >= 0, ``stop`` may be None."""
    return _host.cp_slice(text, start, stop)


def code_point(ch):
    """``ord(ch)``: the code point of a str of one code point (an emoji too); else TypeError or
    ValueError, in both runtimes."""
    if not _host.is_str(ch):
        raise TypeError(f"portable.code_point expects a str of one code point, got {_host.type_name(ch)}")
    if _host.cp_len(ch) != 1:
        raise ValueError(f"portable.code_point expects one code point, got {_host.cp_len(ch)}")
    return _host.code_point(ch)


def char(code):
    """``chr(code)``: the str of one code point, for an int from 0 to 0x10FFFF (a surrogate's code
    gives a lone surrogate, as in CPython); else TypeError or ValueError, in both runtimes."""
    if not _host.is_int(code):
        raise TypeError(f"portable.char expects an int, got {_host.type_name(code)}")
    if code < 0 or code > 1114111:
        raise ValueError(f"portable.char expects a code point from 0 to 1114111 (0x10FFFF), got {code}")
    return _host.from_code_point(code)


# --- whitespace ------------------------------------------------------------------------------


def split(text):
    """``text.split()``: the maximal runs of non-whitespace (CPython's ``str.isspace``); ``[]`` for
    a text of whitespace only (JS's ``split`` would give ``['']`` and use its own whitespace)."""
    # (Built here, not at module level: a bundle that never splits then carries none of it.)
    return _host.findall(_host.compile_pattern("[^" + _host.WHITESPACE + "]+"), text)


def splitlines(text):
    """``text.splitlines()``: the lines without their ends, split at ``\\n``, ``\\r``, ``\\r\\n``,
    ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and U+2029; no last empty line."""
    lines = _host.sub(_host.compile_pattern(_LINE_BREAK_PATTERN), "\n", text).split("\n")
    if lines[len(lines) - 1] == "":
        return lines[: len(lines) - 1]
    return lines


def _space_at(text, i):
    # Whitespace is all in the BMP: one UTF-16 unit in JS, one code point in CPython; the low half
    # of a surrogate pair is never whitespace, so indexing by unit finds the same characters.
    return _host.all_in(_host.WHITESPACE, text[i])


def lstrip(text):
    """``text.lstrip()``: without its leading whitespace (CPython's ``str.isspace``)."""
    start = 0
    while start < len(text) and _space_at(text, start):
        start += 1
    return text[start:]


def rstrip(text):
    """``text.rstrip()``: without its trailing whitespace."""
    end = len(text)
    while end > 0 and _space_at(text, end - 1):
        end -= 1
    return text[:end]


def strip(text):
    """``text.strip()``: without leading and trailing whitespace."""
    return lstrip(rstrip(text))


# --- case and normalization ------------------------------------------------------------------


def lower(text):
    """``text.lower()`` with CPython's Unicode database: Final Sigma as CPython decides it, and the
    code points CPython does not know unchanged."""
    return _host.lower(text)


def normalize(form, text):
    """``unicodedata.normalize(form, text)`` for ``form`` "NFC", "NFD", "NFKC" or "NFKD" (else
    ValueError, in both runtimes), with CPython's Unicode database."""
    if not (_host.is_str(form) and form in _NORMALIZATION_FORMS):
        shown = f"'{form}'" if _host.is_str(form) else _host.type_name(form)
        raise ValueError(f"portable.normalize: form must be 'NFC', 'NFD', 'NFKC' or 'NFKD', got {shown}")
    return _host.normalize(form, text)


# --- maps and order --------------------------------------------------------------------------

StrMap = _host.StrMap


def has_key(mapping, key):
    """``key in mapping`` for a dict or a JSON object (a config), for any str key."""
    return _host.has_key(mapping, key)


def compare_str(a, b):
    """-1, 0 or 1 as ``a`` is before, equal to or after ``b`` in code point order (CPython's
    ``<`` on str; JS's compares UTF-16 units, which puts U+E000-U+FFFF after emoji)."""
    return _host.compare_str(a, b)


def sort_with(rows, compare):
    """A new list of ``rows`` in the order of ``compare(a, b)`` (negative: ``a`` first), stable:
    equal rows keep their order (``sorted(rows, reverse=True)`` reorders ties in JS)."""
    return _host.sort_with(rows, compare)


def sort_str(strs):
    """``sorted(strs)`` for a list of str: a new list in code point order."""
    return _host.sort_with(strs, _host.compare_str)


# --- patterns --------------------------------------------------------------------------------


class Pattern:
    """A compiled pattern (``compile``); ``pattern`` is its text."""

    def __init__(self, pattern, compiled, may_match_empty):
        self.pattern = pattern
        self._compiled = compiled
        # An anchor or a lookaround can let a pattern that does not match "" match empty next to
        # some text; without one, a pattern that matches empty anywhere matches "".
        self._may_match_empty = may_match_empty


def _has_anchor_or_lookaround(pattern):
    """Whether ``pattern`` may hold ``^``, ``$``, ``\\b``, ``\\B``, ``\\A``, ``\\Z`` or a
    lookaround (``[^`` aside; a doubt counts as yes)."""
    for marker in ["$", "(?=", "(?!", "(?<", "\\b", "\\B", "\\A", "\\Z"]:
        if pattern.find(marker) >= 0:
            return True
    at = pattern.find("^")
    while at >= 0:
        if at == 0 or pattern[at - 1] != "[":
            return True
        at = pattern.find("^", at + 1)
    return False


def compile(pattern):  # noqa: A001 (the name re users know)
    """A ``Pattern`` for the regex ``pattern`` (compiled once per pattern in both runtimes).
    TypeError for a non-str, ValueError for a pattern that matches the empty string."""
    if not _host.is_str(pattern):
        raise TypeError(f"portable.compile expects a str pattern, got {_host.type_name(pattern)}")
    compiled = _host.compile_pattern(pattern)
    if _host.first_match(compiled, "") is not None:
        raise ValueError(f"portable.compile: the pattern {pattern} matches the empty string (the engines resume differently after an empty match)")
    return Pattern(pattern, compiled, _has_anchor_or_lookaround(pattern))


def _compiled(pattern, name):
    """The engine's pattern, or a TypeError naming the operation (a str is not compiled)."""
    if _host.type_name(pattern) != "Pattern":
        raise TypeError(f"portable.{name} expects a Pattern from portable.compile, got {_host.type_name(pattern)}")
    return pattern._compiled


def _matches(pattern, text, name):
    matches = _host.findall(_compiled(pattern, name), text)
    if pattern._may_match_empty:
        for match in matches:
            if len(match) == 0:
                raise ValueError(f"portable: the pattern {pattern.pattern} matched the empty string (the engines resume differently after an empty match)")
    return matches


def search(pattern, text):
    """The leftmost match of ``pattern`` in ``text`` (a str), or None."""
    return _host.first_match(_compiled(pattern, "search"), text)


def fullmatch(pattern, text):
    """Whether ``pattern`` matches the whole of ``text`` (True or False)."""
    return _host.full_match(_compiled(pattern, "fullmatch"), text)


def findall(pattern, text):
    """The non-overlapping matches of ``pattern``, left to right, each whole (never a group's
    text: CPython's ``re.findall`` gives groups when the pattern has some)."""
    return _matches(pattern, text, "findall")


def count(pattern, text):
    """The number of non-overlapping matches of ``pattern`` in ``text``."""
    return len(_matches(pattern, text, "count"))


def sub(pattern, replacement, text):
    """``text`` with every non-overlapping match of ``pattern`` replaced by the literal text
    ``replacement`` (``\\1``, ``$1`` and ``\\n`` in it are left as they are)."""
    compiled = _compiled(pattern, "sub")
    if pattern._may_match_empty:
        _matches(pattern, text, "sub")
    return _host.sub(compiled, replacement, text)
