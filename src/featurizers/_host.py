"""Host primitives: the only module with one body for CPython and one for JavaScript.

Everything else in ``featurizers`` is restricted Python that compiles as-is. The few operations
whose plain Python spelling means something else after Transcrypt (see DESIGN.md) are written
here once, per runtime, with the same contract:

- ``compile_pattern`` / ``sub`` / ``findall``: regular expressions. JS uses a native ``RegExp``
  with the ``u`` flag, so both runtimes match code points. Patterns must stay inside the portable
  subset (explicit classes, no ``\\w \\d \\s \\b``, no ``.``, no ``$``); replacements are literal.
- ``lower``: ``str.lower()`` as CPython's Unicode database defines it. A JS engine with a newer
  Unicode also lowercases characters that CPython considers unassigned; those are kept unchanged.
- ``StrMap``: a string-keyed mapping that is correct for every key, ``constructor``,
  ``__proto__`` and ``toString`` included (Transcrypt's ``dict`` is a plain JS object).
- ``is_str`` / ``is_int`` / ``is_list`` / ``is_dict`` / ``type_name``: input validation that names what it saw.
- ``sort_with``: a stable sort by a comparison function; ``compare_str``: code-point order,
  which JS's ``<`` (UTF-16 units) does not give.

Python's whitespace (``str.isspace``) is spelled out as ``WHITESPACE`` for use inside patterns.
"""

# The characters CPython's str.isspace() accepts; JS's \s differs (it adds U+FEFF, lacks U+001C-1F, U+0085).
MAX_SAFE_INTEGER = 9007199254740991  # 2**53 - 1, the largest integer a JS number holds exactly

WHITESPACE = "\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

# __pragma__('skip')
import re as _re
from functools import cmp_to_key as _cmp_to_key


def compile_pattern(pattern):
    return _re.compile(pattern)


def sub(compiled, replacement, text):
    return compiled.sub(lambda _match: replacement, text)


def findall(compiled, text):
    return compiled.findall(text)


def lower(text):
    return text.lower()


class StrMap:
    """A mapping from str to values; a dict in CPython, a JS ``Map`` in the bundle."""

    def __init__(self):
        self._items = {}

    def get(self, key, fallback):
        return self._items.get(key, fallback)

    def set(self, key, value):
        self._items[key] = value

    def has(self, key):
        return key in self._items

    def size(self):
        return len(self._items)

    def keys(self):
        return list(self._items.keys())


def is_str(value):
    return isinstance(value, str)


def is_int(value):
    # Bounded as JS's Number.isSafeInteger, so both runtimes accept the same ids.
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER


def is_list(value):
    return isinstance(value, (list, tuple))


def is_dict(value):
    return isinstance(value, dict)


def type_name(value):
    return type(value).__name__


def sort_with(rows, compare):
    return sorted(rows, key=_cmp_to_key(compare))


def compare_str(a, b):
    if a < b:
        return -1
    if a > b:
        return 1
    return 0
# __pragma__('noskip')

# __pragma__('ecom')
"""?
from featurizers._unicode import PY_UNASSIGNED_RANGES


def _unassigned_class():
    parts = []
    for span in PY_UNASSIGNED_RANGES.split(","):
        bounds = span.split("-")
        parts.append("\\u{" + bounds[0] + "}-\\u{" + bounds[len(bounds) - 1] + "}")
    return "[" + "".join(parts) + "]"


_UNASSIGNED_TEST = __pragma__('js', '{}', 'new RegExp(_unassigned_class(), "u")')
_UNASSIGNED_SPLIT = __pragma__('js', '{}', 'new RegExp("(" + _unassigned_class() + ")", "u")')


def compile_pattern(pattern):
    return __pragma__('js', '{}', 'new RegExp(pattern, "gu")')


def sub(compiled, replacement, text):
    return __pragma__('js', '{}', 'text.replace(compiled, () => replacement)')


def findall(compiled, text):
    return __pragma__('js', '{}', 'text.match(compiled) || []')


def lower(text):
    __pragma__('js', '{}', '''
        if (!_UNASSIGNED_TEST.test(text)) {
            return text.toLowerCase();
        }
        // Characters CPython does not know stay as they are; the text between them is lowercased on
        // its own, which matches CPython's Final_Sigma rule since unassigned characters are not cased.
        const pieces = text.split(_UNASSIGNED_SPLIT);
        for (let i = 0; i < pieces.length; i += 2) {
            pieces[i] = pieces[i].toLowerCase();
        }
        return pieces.join("");
    ''')


class StrMap:
    def __init__(self):
        self._items = __pragma__('js', '{}', 'new Map()')

    def get(self, key, fallback):
        __pragma__('js', '{}', '''
            const value = self._items.get(key);
            return value === undefined ? fallback : value;
        ''')

    def set(self, key, value):
        self._items.set(key, value)

    def has(self, key):
        return self._items.has(key)

    def size(self):
        return self._items.size

    def keys(self):
        return __pragma__('js', '{}', 'Array.from(self._items.keys())')


def is_str(value):
    return __pragma__('js', '{}', 'typeof value === "string"')


def is_int(value):
    return __pragma__('js', '{}', 'Number.isSafeInteger(value)')


def is_list(value):
    return __pragma__('js', '{}', 'Array.isArray(value)')


def is_dict(value):
    return __pragma__('js', '{}', 'value !== null && typeof value === "object" && !Array.isArray(value)')


def type_name(value):
    __pragma__('js', '{}', '''
        if (value === null) return "NoneType";
        if (value === undefined) return "undefined";
        if (typeof value === "string") return "str";
        if (typeof value === "boolean") return "bool";
        if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
        if (Array.isArray(value)) return "list";
        if (value instanceof Uint8Array) return "bytes";
        if (value.__class__ && value.__class__.__name__) return value.__class__.__name__;
        return typeof value === "object" ? "dict" : typeof value;
    ''')


def sort_with(rows, compare):
    # Array.prototype.sort is stable (ES2019), as sorted() is. (Transcrypt renames some
    # parameters, `items` and `values` among them, so the raw JS here uses plain names.)
    return __pragma__('js', '{}', 'rows.slice().sort(compare)')


def compare_str(a, b):
    __pragma__('js', '{}', '''
        // Code-point order: compare UTF-16 units, except that a surrogate (an astral character)
        // sorts after every BMP unit, as its code point does.
        const n = Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
            let x = a.charCodeAt(i), y = b.charCodeAt(i);
            if (x === y) continue;
            if (x >= 0xD800 && x <= 0xDFFF) x += 0x10000;
            if (y >= 0xD800 && y <= 0xDFFF) y += 0x10000;
            return x < y ? -1 : 1;
        }
        return a.length === b.length ? 0 : (a.length < b.length ? -1 : 1);
    ''')
?"""
# __pragma__('noecom')
