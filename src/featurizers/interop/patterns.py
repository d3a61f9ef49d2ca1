"""A Python regular expression (scikit-learn's ``token_pattern``) in the portable subset.

The featurizers compile a pattern with CPython's ``re`` in Python and a ``RegExp`` with the ``u``
flag in JS (``_host.compile_pattern``); the two agree on the subset the checker's TS7xx rules
allow. ``portable_pattern`` reads a pattern with CPython's own parser and writes it back in that
subset: ``\\w``, ``\\d``, ``\\s`` (Unicode in CPython, ASCII in JS) as CPython's sets
(``portable.WORD_CHARS``, ``DECIMAL_CHARS``, ``SPACE_CHARS``), ``.`` as ``[^\\n]``, every character
that is not an ASCII letter or digit as an escape both read alike. ``\\b`` has no portable
spelling, but scikit-learn's default ``(?u)\\b\\w\\w+\\b`` needs none: around a run of ``\\w``
with no upper bound, the boundaries only say that the run is maximal, which a greedy run is, so
it is ``[\\w]{2,}``. Anything else without an equal portable form (``\\b`` elsewhere, ``$``,
flags, lookbehind, back-references, a capturing group inside the pattern) is ``Unsupported``.
"""

import re
import re._constants as sre
import re._parser as sre_parse

from featurizers import portable
from featurizers.compiler.check import scan_pattern
from featurizers.interop import Unsupported

_CLASSES = {
    sre.CATEGORY_WORD: portable.WORD_CHARS,
    sre.CATEGORY_DIGIT: portable.DECIMAL_CHARS,
    sre.CATEGORY_SPACE: portable.SPACE_CHARS,
}
_NEGATED = {sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD, sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE}
# Flags that change nothing once the pattern is parsed: (?u) is the default for str, (?x) only
# changes how the pattern is read.
_HARMLESS_FLAGS = re.UNICODE | re.VERBOSE


class _Refused(Exception):
    pass


def portable_pattern(pattern, owner="token_pattern", param="token_pattern"):
    """``pattern`` rewritten in the portable subset, matching the same (``re.findall``) in both
    runtimes; raises ``Unsupported`` naming ``owner``, ``param`` and the pattern otherwise."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, TypeError) as error:
        raise Unsupported(owner, param, pattern, f"not a regular expression ({error})") from None
    try:
        if parsed.state.flags & ~_HARMLESS_FLAGS:
            raise _Refused("inline flags ((?i), (?a), (?s), (?m)...) have no portable form: spell the classes out")
        items = list(parsed)
        groups = parsed.state.groups - 1
        if groups > 1:
            raise _Refused("more than one capturing group")
        if groups == 1:
            # re.findall then gives the group's text: the same as the whole match only when the
            # group is the whole pattern.
            if not (len(items) == 1 and items[0][0] is sre.SUBPATTERN and items[0][1][0] is not None):
                raise _Refused("a capturing group inside the pattern (re.findall gives the group's text); use (?:...)")
        rewritten = _word_run(items)
        if rewritten is None:
            rewritten = _sequence(items)
    except _Refused as why:
        raise Unsupported(owner, param, pattern, str(why)) from None
    left = scan_pattern(rewritten)
    if left:  # the writer emits only the subset; a finding here is a bug in it
        raise AssertionError(f"{pattern!r} was rewritten to {rewritten!r}, which the checker refuses: {left}")
    return rewritten


def _word_run(items):
    """``[\\w]{m,}`` for ``\\b`` + runs of ``\\w`` (one with no upper bound) + ``\\b``, else None."""
    if len(items) < 3 or items[0] != (sre.AT, sre.AT_BOUNDARY) or items[-1] != (sre.AT, sre.AT_BOUNDARY):
        return None
    least = 0
    unbounded = False
    for op, arg in items[1:-1]:
        if op is sre.IN and _is_word(arg):
            least += 1
        elif op is sre.MAX_REPEAT and len(arg[2]) == 1 and arg[2][0][0] is sre.IN and _is_word(arg[2][0][1]):
            least += arg[0]
            unbounded = unbounded or arg[1] is sre.MAXREPEAT
        else:
            return None
    if not unbounded or least == 0:
        return None
    return "[" + portable.WORD_CHARS + "]" + ("+" if least == 1 else "{" + str(least) + ",}")


def _is_word(class_items):
    return list(class_items) == [(sre.CATEGORY, sre.CATEGORY_WORD)]


def _sequence(items):
    return "".join(_item(op, arg) for op, arg in items)


def _atom(items):
    """``items`` as one unit a quantifier can follow."""
    if len(items) == 1 and items[0][0] in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return _item(*items[0])
    return "(?:" + _sequence(items) + ")"


def _item(op, arg):
    if op is sre.LITERAL:
        return _char(arg)
    if op is sre.NOT_LITERAL:
        return "[^" + _char(arg) + "]"
    if op is sre.ANY:
        return "[^\\u000a]"  # without (?s), Python's . is anything but \n; JS's also stops at \r, U+2028, U+2029
    if op is sre.IN:
        return _class(arg)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        least, most, sub = arg
        if most is sre.MAXREPEAT:
            quantifier = {0: "*", 1: "+"}.get(least, "{" + str(least) + ",}")
        elif least == 0 and most == 1:
            quantifier = "?"
        elif least == most:
            quantifier = "{" + str(least) + "}"
        else:
            quantifier = "{" + str(least) + "," + str(most) + "}"
        return _atom(list(sub)) + quantifier + ("?" if op is sre.MIN_REPEAT else "")
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = arg
        if (add_flags | del_flags) & ~_HARMLESS_FLAGS:
            raise _Refused("scoped inline flags ((?i:...)) have no portable form")
        return "(?:" + _sequence(list(sub)) + ")"
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(list(alternative)) for alternative in arg[1]) + ")"
    if op is sre.AT:
        if arg in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            return "^"
        if arg in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            raise _Refused("\\b and \\B are ASCII-only in JS; only \\b...\\b around a run of \\w with no upper bound has a portable form")
        raise _Refused("$ and \\Z have no portable form (Python's $ also matches before a final newline)")
    if op is sre.ASSERT or op is sre.ASSERT_NOT:
        direction, sub = arg
        if direction < 0:
            raise _Refused("lookbehind is a syntax error in Safari before 16.4 (browser bundles)")
        return ("(?=" if op is sre.ASSERT else "(?!") + _sequence(list(sub)) + ")"
    raise _Refused(f"{str(op).lower()} has no portable form")


def _char(code):
    if 0xD800 <= code <= 0xDFFF:
        raise _Refused("a lone surrogate is not text")
    if code < 128 and chr(code).isalnum():
        return chr(code)
    if code > 0xFFFF:
        return chr(code)  # one code point in both (JS's u flag); \U is not portable
    return "\\u" + format(code, "04x")


def _class(items):
    items = list(items)
    negate = bool(items) and items[0][0] is sre.NEGATE
    if negate:
        items = items[1:]
    if len(items) == 1 and items[0][0] is sre.CATEGORY and items[0][1] in _NEGATED:
        # \W, \D, \S (or [^\W] ...): the complement of a class, alone in its brackets.
        return ("[" if negate else "[^") + _CLASSES[_NEGATED[items[0][1]]] + "]"
    body = []
    for op, arg in items:
        if op is sre.LITERAL:
            body.append(_char(arg))
        elif op is sre.RANGE:
            body.append(_char(arg[0]) + "-" + _char(arg[1]))
        elif op is sre.CATEGORY and arg in _CLASSES:
            body.append(_CLASSES[arg])
        elif op is sre.CATEGORY:
            raise _Refused("\\W, \\D or \\S beside other members of a class has no portable form")
        else:
            raise _Refused(f"{str(op).lower()} in a class has no portable form")
    return ("[^" if negate else "[") + "".join(body) + "]"
