"""Host primitives: the only module with one body for CPython and one for JavaScript.

Everything else in ``featurizers`` is restricted Python that compiles as-is. The few operations
whose plain Python spelling means something else after Transcrypt (see DESIGN.md) are written
here once, per runtime, with the same contract:

This module is private: featurizer authors use ``featurizers.portable``, the public, documented
operations built on it.

- ``compile_pattern`` / ``sub`` / ``findall`` / ``first_match`` / ``full_match``: regular
  expressions. JS uses a native ``RegExp`` with the ``u`` flag, so both runtimes match code points.
  Patterns must stay inside the portable subset (explicit classes, no ``\\w \\d \\s \\b``, no
  ``.``, no ``$``): CPython refuses any other pattern, whoever built it (``UnportableConfig``, a
  ``ValueError`` naming the construct and its rewrite); replacements are literal; ``findall``
  gives the whole matches (never groups).
- ``lower_ascii``: only ``A``-``Z`` lowercased, every other code point kept (TensorFlow's
  ``tf.strings.lower`` without an encoding, which Keras' ``TextVectorization`` uses).
- ``lower``: ``str.lower()`` as CPython's Unicode database defines it. A JS engine with a newer
  Unicode also lowercases characters that CPython considers unassigned (kept unchanged here), and
  may see other cased or case-ignorable characters around a capital sigma (decided here as
  CPython's tables say, ``_unicode.py``).
- ``normalize``: ``unicodedata.normalize(form, text)`` with CPython's Unicode database; a JS
  engine with a newer Unicode would also decompose or reorder code points CPython considers
  unassigned (kept unchanged here).
- ``strip_combining``: the text without the code points whose canonical combining class is not 0
  (``unicodedata.combining``). JS has no combining-class API: its normalizer answers instead.
- ``zeros(n)``: a new vector of ``n`` zeros that code only indexes, iterates and measures
  (``len``): a list of floats in CPython, a ``Float64Array`` in JS (the same doubles, in a buffer
  the garbage collector never copies: a batch of TF-IDF rows spent 20% of its time in it as plain
  arrays); ``is_list`` is true of it in both. ``sort_ints``: the ints of a list in ascending
  order, as such a vector (JS's default sort compares strings; a typed array sorts natively).
- ``is_well_formed``: no unpaired UTF-16 surrogate in the str (JS's ``isWellFormed`` where
  the engine has it).
- ``StrMap``: a string-keyed mapping that is correct for every key, ``constructor``,
  ``__proto__`` and ``toString`` included (Transcrypt's ``dict`` is a plain JS object).
- ``has_key``: key lookup in a JSON object (a config) for any key, ``hasOwnProperty`` included;
  ``json_number``: an integral float as the int JSON.parse would give.
- ``is_str`` / ``is_int`` / ``is_list`` / ``is_dict`` / ``type_name``: input validation that names what it saw.
- ``is_number`` (finite, not bool) / ``to_double`` (an int as the double JSON.parse gives) /
  ``sqrt`` (correctly rounded in both runtimes) / ``log`` (natural, the same double in both:
  V8's ``Math.log`` is fdlibm's ``__ieee754_log``, and CPython runs the same algorithm here;
  libm's ``math.log`` differs from it in the last ulp for 0.4% of doubles, ``log(3)`` among them).
- ``to_float32``: the float32 nearest to a double (round half to even, infinity beyond float32's
  range, as C's cast and JS's ``Math.fround``): with the inputs of one IEEE operation rounded
  so, a double result rounded so is float32 arithmetic's result (a double holds the exact
  product of two float32, and rounding a sum, quotient or square root twice is innocuous from
  53 to 24 bits), which is how Keras' float32 layers are matched bit for bit.
- ``cp_len`` / ``cp_slice``: length and slices in code points (JS strings count UTF-16 units);
  ``cp_slice`` takes non-negative bounds, ``stop`` may be None.
- ``class_chars(spans)``: the body of a regex character class (no brackets) for a range table of
  ``_unicode.py``: the same string in both runtimes (ranges of the characters themselves; ``\\``,
  ``]``, ``[``, ``^`` and ``-`` escaped). ``all_in(chars, text)``: ``text`` is not empty and every
  code point of it is in the class; ``any_in(chars, text)``: one is (compiled once per class).
- ``code_point(ch)`` / ``from_code_point(code)``: ``ord`` and ``chr`` by code point (JS's
  ``charCodeAt`` and ``fromCharCode`` use UTF-16 units); the caller checks the argument.
- ``decode_bytes(data, codec)``: the str of byte values (ints 0-255) in ``codec``, ``"utf-8"``,
  ``"ascii"``, ``"cp1252"`` or ``"latin-1"``, as CPython's ``bytes.decode(codec, "replace")``: each
  maximal ill-formed UTF-8 subpart, a byte above 0x7F in ASCII and the five bytes windows-1252
  leaves undefined are U+FFFD. JS: ``TextDecoder`` for UTF-8 (the same replacements, WHATWG's
  Encoding standard; a BOM kept, as CPython keeps it), a table for the others (``TextDecoder``'s
  windows-1252 maps the five to C1 controls).
- ``base64_bytes(text)``: WHATWG's forgiving-base64 decode (what ``atob`` does): ASCII whitespace
  removed; if the length is a multiple of 4, one or two final ``=`` removed; then a length 1 more
  than a multiple of 4, or a character outside ``[A-Za-z0-9+/]``, is None; else the byte values,
  bits left over dropped.
- ``sort_with``: a stable sort by a comparison function; ``compare_str``: code-point order,
  which JS's ``<`` (UTF-16 units) does not give.

Python's whitespace (``str.isspace``) is spelled out as ``WHITESPACE`` for use inside patterns.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

MAX_SAFE_INTEGER = 9007199254740991  # 2**53 - 1, the largest integer a JS number holds exactly

# The characters CPython's str.isspace() accepts; JS's \s differs (it adds U+FEFF, lacks U+001C-1F, U+0085).
WHITESPACE = "\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Characters that class_chars escapes: they mean something else inside a class.
_CLASS_SYNTAX = "\\]^-["

# __pragma__('skip')
import base64 as _base64
import math
import re as _re
import struct as _struct
import unicodedata as _unicodedata
from functools import cmp_to_key as _cmp_to_key

from featurizers import _unicode


_COMPILED = {}


def compile_pattern(pattern):
    # A pattern outside the portable subset (\w, \b, inline flags ...) would match otherwise in
    # the bundle, or not compile there: refused here, whoever built it (a config, a featurizer of
    # your own), with the checker's rules (compiler/check/configs.py). Checked once per pattern.
    compiled = _COMPILED.get(pattern) if isinstance(pattern, str) else None
    if compiled is None:
        if isinstance(pattern, str):
            from featurizers.compiler.check.configs import refuse_unportable_pattern

            refuse_unportable_pattern(pattern)
        compiled = _re.compile(pattern)
        if len(_COMPILED) >= 512:
            _COMPILED.clear()
        _COMPILED[pattern] = compiled
    return compiled


def sub(compiled, replacement, text):
    return compiled.sub(lambda _match: replacement, text)


def findall(compiled, text):
    # Whole matches, as JS's match gives them: re's findall gives the groups' text instead.
    if compiled.groups == 0:
        return compiled.findall(text)
    return [match.group(0) for match in compiled.finditer(text)]


def full_match(compiled, text):
    return compiled.fullmatch(text) is not None


def _ranges_of(spans):
    # As the JS body below (and unicode_tables.spans, which writes them): [first, last, first, last, ...].
    numbers = []
    number = 0
    for letter in spans:
        if letter < "a":
            number = number * 26 + ord(letter) - 65
        else:
            numbers.append(number * 26 + ord(letter) - 97)
            number = 0
    ranges = []
    last = 0
    for i in range(0, len(numbers), 2):
        first = last + numbers[i]
        last = first + numbers[i + 1]
        ranges += [first, last]
    return ranges


def _class_member(code):
    char = chr(code)
    return "\\" + char if char in _CLASS_SYNTAX else char


def class_chars(spans):
    ranges = _ranges_of(spans)
    parts = []
    for i in range(0, len(ranges), 2):
        parts.append(_class_member(ranges[i]))
        if ranges[i + 1] != ranges[i]:
            parts.append("-" + _class_member(ranges[i + 1]))
    return "".join(parts)


_CLASS_TESTS = {}  # class body -> [all_in's pattern, any_in's pattern]


def _class_tests(chars):
    tests = _CLASS_TESTS.get(chars)
    if tests is None:
        tests = [_re.compile("[" + chars + "]+"), _re.compile("[" + chars + "]")]
        _CLASS_TESTS[chars] = tests
    return tests


def all_in(chars, text):
    return _class_tests(chars)[0].fullmatch(text) is not None


def any_in(chars, text):
    return _class_tests(chars)[1].search(text) is not None


def code_point(char):
    return ord(char)


def from_code_point(code):
    return chr(code)


_CODECS = {"utf-8": "utf-8", "ascii": "ascii", "cp1252": "cp1252", "latin-1": "latin-1"}


def decode_bytes(data, codec):
    return bytes(data).decode(_CODECS[codec], "replace")


_ASCII_WHITESPACE = _re.compile("[\t\n\f\r ]")
_BASE64_TEXT = _re.compile("[A-Za-z0-9+/]*")


def base64_bytes(text):
    text = _ASCII_WHITESPACE.sub("", text)
    if len(text) % 4 == 0 and text.endswith("="):
        text = text[: len(text) - (2 if text.endswith("==") else 1)]
    if len(text) % 4 == 1 or _BASE64_TEXT.fullmatch(text) is None:
        return None
    return list(_base64.b64decode(text + "=" * (-len(text) % 4)))


_LONE_SURROGATE = _re.compile("[\ud800-\udfff]")


def is_well_formed(text):
    return _LONE_SURROGATE.search(text) is None


def first_match(compiled, text):
    match = compiled.search(text)
    return None if match is None else match.group(0)


def lower(text):
    return text.lower()


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def lower_ascii(text):
    return text.translate(_ASCII_LOWER)


def normalize(form, text):
    return _unicodedata.normalize(form, text)


_COMBINING = _re.compile("[" + _unicode.PY_COMBINING_CLASS + "]")


def strip_combining(text):
    return _COMBINING.sub("", text)


def zeros(n):
    return [0.0] * n


def sort_ints(ints):
    return sorted(ints)


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


def is_number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an int beyond the double range
        return False


def to_double(value):
    # JS numbers are doubles: an int becomes the double nearest to it, as JSON.parse reads it.
    return float(value)


def sqrt(value):
    return math.sqrt(value)


def log(value):
    # fdlibm's __ieee754_log (V8's Math.log, v8/src/base/ieee754.cc), step for step: its
    # operations are IEEE doubles, so it gives the same bits here. Checked against Node's Math.log
    # on integers 1..200,000, random doubles of every magnitude and subnormals (tests).
    x = float(value)
    if not (x > 0.0 and x < math.inf):
        return math.log(value)  # 0, negatives, inf and NaN as CPython treats them (ValueError, inf, nan)
    high, low = _words(x)
    k = 0
    if high < 0x00100000:  # subnormal: scale up
        k -= 54
        x *= _LOG_TWO54
        high, low = _words(x)
    k += (high >> 20) - 1023
    high &= 0x000FFFFF
    i = (high + 0x95F64) & 0x100000
    x = _double(high | (i ^ 0x3FF00000), low)  # x or x/2, in [sqrt(2)/2, sqrt(2))
    k += i >> 20
    f = x - 1.0
    dk = float(k)
    if (0x000FFFFF & (2 + high)) < 3:  # -2**-20 <= f < 2**-20
        if f == 0.0:
            return 0.0 if k == 0 else dk * _LOG_LN2_HI + dk * _LOG_LN2_LO
        r = f * f * (0.5 - 0.33333333333333333 * f)
        return f - r if k == 0 else dk * _LOG_LN2_HI - ((r - dk * _LOG_LN2_LO) - f)
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    t1 = w * (_LOG_LG[1] + w * (_LOG_LG[3] + w * _LOG_LG[5]))
    t2 = z * (_LOG_LG[0] + w * (_LOG_LG[2] + w * (_LOG_LG[4] + w * _LOG_LG[6])))
    r = t2 + t1
    if ((high - 0x6147A) | (0x6B851 - high)) > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + r))
        return dk * _LOG_LN2_HI - ((hfsq - (s * (hfsq + r) + dk * _LOG_LN2_LO)) - f)
    if k == 0:
        return f - s * (f - r)
    return dk * _LOG_LN2_HI - ((s * (f - r) - dk * _LOG_LN2_LO) - f)


_LOG_LN2_HI = 6.93147180369123816490e-01  # 0x3fe62e42fee00000
_LOG_LN2_LO = 1.90821492927058770002e-10  # 0x3dea39ef35793c76
_LOG_TWO54 = 1.80143985094819840000e16
_LOG_LG = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
           1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)  # fmt: skip


def _words(x):
    """The high 32 bits (signed) and the low 32 bits of the double ``x``."""
    bits = _struct.unpack("<q", _struct.pack("<d", x))[0]
    return bits >> 32, bits & 0xFFFFFFFF


def _double(high, low):
    return _struct.unpack("<d", _struct.pack("<Q", (high << 32) | low))[0]


def to_float32(value):
    try:
        return _struct.unpack("f", _struct.pack("f", value))[0]
    except OverflowError:  # rounds beyond float32's largest finite value
        return math.copysign(math.inf, value)


def is_int(value):
    # Bounded as JS's Number.isSafeInteger, so both runtimes accept the same ids.
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER


def is_list(value):
    return isinstance(value, (list, tuple))


def is_dict(value):
    return isinstance(value, dict)


def has_key(mapping, key):
    return key in mapping


def dict_keys(mapping):
    return list(mapping.keys())


def json_number(value):
    # JSON has one number type, and JSON.parse reads 2.0 as the integer 2: so does this
    # (but -0.0 keeps its sign, as in JS).
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_SAFE_INTEGER:
        if value != 0 or math.copysign(1.0, value) > 0:
            return int(value)
    return value


def type_name(value):
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # nan, inf, -inf: a float that no featurizer takes, named as itself
    return type(value).__name__


def cp_len(text):
    return len(text)


def cp_slice(text, start, stop):
    return text[start:stop]


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
from featurizers._unicode import PY_CASE_IGNORABLE_ADDED, PY_CASE_IGNORABLE_REMOVED, PY_CASED_ADDED, PY_CASED_REMOVED
from featurizers._unicode import PY_COMBINING_DECOMPOSABLE_RANGES, PY_UNASSIGNED_RANGES


def _ranges_of(spans):
    __pragma__('js', '{}', '''
        // The ranges as unicode_tables.spans writes them: numbers in base 26, an uppercase letter
        // for every digit but the last, which is lowercase; each range's distance from the
        // previous range's end, then its length - 1. Returns [first, last, first, last, ...].
        const numbers = [];
        let number = 0;
        for (let i = 0; i < spans.length; i++) {
            const code = spans.charCodeAt(i);
            if (code < 97) {
                number = number * 26 + code - 65;
            } else {
                numbers.push(number * 26 + code - 97);
                number = 0;
            }
        }
        const ranges = [];
        for (let i = 0, last = 0; i < numbers.length; i += 2) {
            const first = last + numbers[i];
            last = first + numbers[i + 1];
            ranges.push(first, last);
        }
        return ranges;
    ''')


def _class_of(spans):
    __pragma__('js', '{}', '''
        const ranges = _ranges_of(spans);
        let parts = "";
        for (let i = 0; i < ranges.length; i += 2) {
            parts += "\\\\u{" + ranges[i].toString(16) + "}-\\\\u{" + ranges[i + 1].toString(16) + "}";
        }
        return "[" + parts + "]";
    ''')


def _at_or_above(code_point):
    __pragma__('js', '{}', '''
        // A test for a code unit at or above min(code_point, U+D800), without the u flag: a text
        // it finds nothing in holds only BMP code points below code_point (a code point above the
        // BMP is two surrogates, both >= U+D800). Without the u flag V8 scans it about 9x faster
        // than the same class with it, and 40x faster than the table's class (the mail corpus).
        const bound = Math.min(code_point, 0xd800);
        return new RegExp("[^\\\\0-\\\\u" + (bound - 1).toString(16).padStart(4, "0") + "]");
    ''')


_LONE_SURROGATE = __pragma__('js', '{}', 'new RegExp("[\\ud800-\\udfff]", "u")')
_UNASSIGNED_CLASS = _class_of(PY_UNASSIGNED_RANGES)
_UNASSIGNED_TEST = __pragma__('js', '{}', 'new RegExp(_UNASSIGNED_CLASS, "u")')
_UNASSIGNED_SPLIT = __pragma__('js', '{}', 'new RegExp("(" + _UNASSIGNED_CLASS + ")", "u")')
# Every code point below the first unassigned one is assigned: most texts need no look at the table.
_MAY_BE_UNASSIGNED = _at_or_above(_ranges_of(PY_UNASSIGNED_RANGES)[0])


def _on_known_runs(text, mapping):
    __pragma__('js', '{}', '''
        // mapping(text), or, when the text holds code points CPython does not know, mapping of
        // each run between them, those code points kept as they are.
        if (!_MAY_BE_UNASSIGNED.test(text) || !_UNASSIGNED_TEST.test(text)) {
            return mapping(text);
        }
        const pieces = text.split(_UNASSIGNED_SPLIT);
        for (let i = 0; i < pieces.length; i += 2) {
            pieces[i] = mapping(pieces[i]);
        }
        return pieces.join("");
    ''')


def _property(property_name, added, removed):
    __pragma__('js', '{}', '''
        // The code points CPython gives the property: the engine's for those CPython knows,
        // corrected where Unicode changed it after CPython's version (_unicode.py lists those
        // both ways, so an engine with a version in between answers the same).
        const excluded = [_UNASSIGNED_CLASS].concat(removed ? [_class_of(removed)] : []);
        const included = added ? _class_of(added) + "|" : "";
        return new RegExp("^(?:" + included + "(?!" + excluded.join("|") + ")\\\\p{" + property_name + "})$", "u");
    ''')


_CASE_IGNORABLE = _property("Case_Ignorable", PY_CASE_IGNORABLE_ADDED, PY_CASE_IGNORABLE_REMOVED)
_CASED = _property("Cased", PY_CASED_ADDED, PY_CASED_REMOVED)


def _lower_known(text):
    __pragma__('js', '{}', '''
        // Characters CPython does not know stay as they are; the text between them is lowercased
        // on its own (it holds no capital sigma, the one context-dependent mapping).
        return _on_known_runs(text, (piece) => piece.toLowerCase());
    ''')


def _is_final_sigma(text, at):
    __pragma__('js', '{}', '''
        // CPython's rule with CPython's tables: after the sigma, skipping case-ignorable code
        // points, comes a cased one; before it, the same way, none.
        let j = at;
        let before = "";
        while (j > 0) {
            const low = text.charCodeAt(j - 1);
            const pair = j > 1 && low >= 0xDC00 && low <= 0xDFFF && text.charCodeAt(j - 2) >= 0xD800 && text.charCodeAt(j - 2) <= 0xDBFF;
            j -= pair ? 2 : 1;
            const c = text.slice(j, pair ? j + 2 : j + 1);
            if (!_CASE_IGNORABLE.test(c)) {
                before = c;
                break;
            }
        }
        if (!_CASED.test(before)) {
            return false;
        }
        for (let k = at + 1; k < text.length; ) {
            const width = text.codePointAt(k) > 0xFFFF ? 2 : 1;
            const c = text.slice(k, k + width);
            k += width;
            if (!_CASE_IGNORABLE.test(c)) {
                return !_CASED.test(c);
            }
        }
        return true;
    ''')


def lower(text):
    __pragma__('js', '{}', '''
        if (text.indexOf("\\u03a3") === -1) {
            return _lower_known(text);
        }
        const pieces = text.split("\\u03a3");
        let out = _lower_known(pieces[0]);
        let at = pieces[0].length;
        for (let k = 1; k < pieces.length; k++) {
            out += _is_final_sigma(text, at) ? "\\u03c2" : "\\u03c3";
            out += _lower_known(pieces[k]);
            at += 1 + pieces[k].length;
        }
        return out;
    ''')


def lower_ascii(text):
    __pragma__('js', '{}', '''
        // A run of A-Z is ASCII, whose toLowerCase is A-Z to a-z and nothing else.
        return text.replace(_ASCII_CAPITALS, (run) => run.toLowerCase());
    ''')


_ASCII_CAPITALS = __pragma__('js', '{}', '/[A-Z]+/g')


def normalize(form, text):
    __pragma__('js', '{}', '''
        // Unicode's normalization stability: text of code points CPython knows normalizes the
        // same under any later version. A code point CPython does not know is, for CPython, a
        // starter that composes with nothing, so normalization never crosses it: the runs between
        // such code points are normalized on their own and the code points kept.
        return _on_known_runs(text, (piece) => piece.normalize(form));
    ''')


_MARK = __pragma__('js', '{}', '/\\p{M}/gu')
_DECOMPOSABLE_NON_STARTER = __pragma__('js', '{}', 'new RegExp("^" + _class_of(PY_COMBINING_DECOMPOSABLE_RANGES) + "$", "u")')


def _is_non_starter(c):
    __pragma__('js', '{}', '''
        // Canonical reordering sorts each run of code points of a class other than 0 by class:
        // between U+0345 (class 240) and U+0334 (class 1), a code point NFD leaves as it is moves
        // exactly when its class is not 0. Classes never change once assigned, so the engine's
        // normalizer answers as CPython's unicodedata does for every code point CPython knows.
        if (_UNASSIGNED_TEST.test(c)) {
            return false;
        }
        if (c.normalize("NFD") !== c) {
            return _DECOMPOSABLE_NON_STARTER.test(c);
        }
        const probe = "\\u0345" + c + "\\u0334";
        return probe.normalize("NFD") !== probe;
    ''')


_NON_STARTERS = __pragma__('js', '{}', 'new Map()')  # mark -> "" (class not 0) or the mark: each asked once


def strip_combining(text):
    # Only marks (general category M) have a class other than 0 (the tests check every code point).
    __pragma__('js', '{}', '''
        return text.replace(_MARK, (c) => {
            let kept = _NON_STARTERS.get(c);
            if (kept === undefined) {
                kept = _is_non_starter(c) ? "" : c;
                _NON_STARTERS.set(c, kept);
            }
            return kept;
        });
    ''')


def zeros(n):
    return __pragma__('js', '{}', 'new Float64Array(n)')


def sort_ints(ints):
    return __pragma__('js', '{}', 'new Float64Array(ints).sort()')


_PATTERNS = __pragma__('js', '{}', 'new Map()')


def compile_pattern(pattern):
    __pragma__('js', '{}', '''
        // One RegExp per pattern, as CPython's re caches them: a transform call compiles nothing
        // new. A global RegExp is shared safely: replace and match start from 0 and reset lastIndex.
        let compiled = _PATTERNS.get(pattern);
        if (compiled === undefined) {
            compiled = new RegExp(pattern, "gu");
            if (_PATTERNS.size >= 512) {
                _PATTERNS.clear();
            }
            _PATTERNS.set(pattern, compiled);
        }
        return compiled;
    ''')


def sub(compiled, replacement, text):
    # A replacement string, "$" escaped, is literal and faster than a replacer function.
    __pragma__('js', '{}', '''
        const literal = replacement.indexOf("$") === -1 ? replacement : replacement.replace(/[$]/g, "$$$$");
        return text.replace(compiled, literal);
    ''')


def is_well_formed(text):
    __pragma__('js', '{}', '''
        return typeof text.isWellFormed === "function" ? text.isWellFormed() : !_LONE_SURROGATE.test(text);
    ''')


def findall(compiled, text):
    return __pragma__('js', '{}', 'text.match(compiled) || []')


_ANCHORED = None  # pattern -> the same pattern, anchored at both ends (made on first use)


def full_match(compiled, text):
    __pragma__('js', '{}', '''
        if (_ANCHORED === null) {
            _ANCHORED = new Map();
        }
        let anchored = _ANCHORED.get(compiled.source);
        if (anchored === undefined) {
            anchored = new RegExp("^(?:" + compiled.source + ")$", "u");
            if (_ANCHORED.size >= 512) {
                _ANCHORED.clear(); // as compile_pattern's cache
            }
            _ANCHORED.set(compiled.source, anchored);
        }
        return anchored.test(text);
    ''')


def class_chars(spans):
    __pragma__('js', '{}', '''
        // The same string as the Python body: the characters themselves, a range as first-last.
        const ranges = _ranges_of(spans);
        const member = (code) => {
            const c = String.fromCodePoint(code);
            return _CLASS_SYNTAX.indexOf(c) === -1 ? c : "\\\\" + c;
        };
        let parts = "";
        for (let i = 0; i < ranges.length; i += 2) {
            parts += member(ranges[i]);
            if (ranges[i + 1] !== ranges[i]) {
                parts += "-" + member(ranges[i + 1]);
            }
        }
        return parts;
    ''')


_CLASS_TESTS = None  # class body -> [all_in's RegExp, any_in's RegExp] (made on first use)


def _class_tests(chars):
    __pragma__('js', '{}', '''
        if (_CLASS_TESTS === null) {
            _CLASS_TESTS = new Map();
        }
        let tests = _CLASS_TESTS.get(chars);
        if (tests === undefined) {
            tests = [new RegExp("^[" + chars + "]+$", "u"), new RegExp("[" + chars + "]", "u")];
            _CLASS_TESTS.set(chars, tests);
        }
        return tests;
    ''')


def all_in(chars, text):
    return __pragma__('js', '{}', '_class_tests(chars)[0].test(text)')


def any_in(chars, text):
    return __pragma__('js', '{}', '_class_tests(chars)[1].test(text)')


def code_point(char):
    return __pragma__('js', '{}', 'char.codePointAt(0)')


def from_code_point(code):
    return __pragma__('js', '{}', 'String.fromCodePoint(code)')


_UTF8 = __pragma__('js', '{}', 'new TextDecoder("utf-8", {ignoreBOM: true})')
_CP1252_80_9F = "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178"


def decode_bytes(data, codec):
    __pragma__('js', '{}', '''
        if (codec === "utf-8") {
            return _UTF8.decode(new Uint8Array(data));
        }
        let out = "";
        for (let i = 0; i < data.length; i++) {
            const b = data[i];
            out += b < 0x80 || codec === "latin-1" || (codec === "cp1252" && b > 0x9f)
                ? String.fromCharCode(b) : codec === "cp1252" ? _CP1252_80_9F[b - 0x80] : "\\ufffd";
        }
        return out;
    ''')


def base64_bytes(text):
    __pragma__('js', '{}', '''
        let binary;
        try {
            binary = atob(text);
        } catch (error) {
            return null;
        }
        const data = [];
        for (let i = 0; i < binary.length; i++) {
            data.push(binary.charCodeAt(i));
        }
        return data;
    ''')


def first_match(compiled, text):
    __pragma__('js', '{}', '''
        compiled.lastIndex = 0; // a global RegExp keeps its position between exec calls
        const match = compiled.exec(text);
        compiled.lastIndex = 0;
        return match === null ? null : match[0];
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
        return __pragma__('js', '{}', 'self._items.size')

    def keys(self):
        return __pragma__('js', '{}', 'Array.from(self._items.keys())')


def is_str(value):
    return __pragma__('js', '{}', 'typeof value === "string"')


def is_number(value):
    return __pragma__('js', '{}', 'typeof value === "number" && Number.isFinite(value)')


def to_double(value):
    return value


def sqrt(value):
    # Correctly rounded (IEEE 754) in both runtimes, unlike x ** 0.5 in JS.
    return __pragma__('js', '{}', 'Math.sqrt(value)')


def log(value):
    # The natural logarithm; V8's Math.log (fdlibm) and CPython's math.log (libm) may differ in the last ulp.
    return __pragma__('js', '{}', 'Math.log(value)')


def to_float32(value):
    return __pragma__('js', '{}', 'Math.fround(value)')


def is_int(value):
    return __pragma__('js', '{}', 'Number.isSafeInteger(value)')


def is_list(value):
    # A zeros() vector is a list in CPython: so it is here.
    return __pragma__('js', '{}', 'Array.isArray(value) || value instanceof Float64Array')


def is_dict(value):
    return __pragma__('js', '{}', 'value !== null && typeof value === "object" && !Array.isArray(value)')


def json_number(value):
    return value


def dict_keys(mapping):
    # A Transcrypt dict or a JSON object: its own keys, in insertion order.
    return __pragma__('js', '{}', 'Object.keys(mapping)')


def has_key(mapping, key):
    # Not `key in mapping`: Transcrypt's `in` calls mapping.hasOwnProperty, which a JSON key can shadow.
    return __pragma__('js', '{}', 'Object.prototype.hasOwnProperty.call(mapping, key)')


def type_name(value):
    __pragma__('js', '{}', '''
        if (value === null) return "NoneType";
        if (value === undefined) return "undefined";
        if (typeof value === "string") return "str";
        if (typeof value === "boolean") return "bool";
        if (typeof value === "number") {
            if (!Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
            return Number.isInteger(value) ? "int" : "float";
        }
        if (Array.isArray(value)) return "list";
        if (value instanceof Uint8Array) return "bytes";
        // Transcrypt classes are functions; a JSON object's "__class__" key never is.
        if (typeof value.__class__ === "function" && typeof value.__class__.__name__ === "string") {
            return value.__class__.__name__;
        }
        return typeof value === "object" ? "dict" : typeof value;
    ''')


def cp_len(text):
    __pragma__('js', '{}', '''
        // Code points: UTF-16 units minus the second unit of each surrogate pair.
        let n = text.length;
        for (let i = 0; i + 1 < text.length; i++) {
            const unit = text.charCodeAt(i);
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                const next = text.charCodeAt(i + 1);
                if (next >= 0xDC00 && next <= 0xDFFF) {
                    n--;
                    i++;
                }
            }
        }
        return n;
    ''')


def cp_slice(text, start, stop):
    __pragma__('js', '{}', 'return Array.from(text).slice(start, stop === null ? undefined : stop).join("");')


def sort_with(rows, compare):
    # Array.prototype.sort is stable (ES2019), as sorted() is. (Transcrypt renames some
    # parameters, `items` and `values` among them, so the raw JS here uses plain names.)
    return __pragma__('js', '{}', 'rows.slice().sort(compare)')


def compare_str(a, b):
    __pragma__('js', '{}', '''
        // Code-point order, as CPython compares str: a surrogate pair is one astral code point,
        // an unpaired surrogate is the code point of its own value.
        const n = Math.min(a.length, b.length);
        let i = 0;
        while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) {
            i++;
        }
        if (i === n) {
            return a.length === b.length ? 0 : (a.length < b.length ? -1 : 1);
        }
        let x = a.codePointAt(i), y = b.codePointAt(i);
        const previous = i > 0 ? a.charCodeAt(i - 1) : 0;
        if (previous >= 0xD800 && previous <= 0xDBFF) {
            // The shared high surrogate may pair with what follows in one string and not the other.
            const px = a.codePointAt(i - 1), py = b.codePointAt(i - 1);
            if (px !== py) {
                x = px;
                y = py;
            }
        }
        return x < y ? -1 : 1;
    ''')
?"""
# __pragma__('noecom')
