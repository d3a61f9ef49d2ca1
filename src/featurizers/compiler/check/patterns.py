"""Regular expressions that JS reads otherwise: TS701-TS711; ``scan_pattern`` for any pattern,
``scan_substitution`` for the pattern of a replacement rule (``TextCleaner``'s ``rules``)."""

from __future__ import annotations

import ast
import re

from featurizers.compiler.check.context import RuleFamily
from featurizers.compiler.check.project import Text, module_scope
from featurizers.compiler.check.rules import PACKAGE

class PatternRules(RuleFamily):
    """TS701-TS711: regular expressions, compiled by a native JS ``RegExp`` with the ``u`` flag."""

    node_types = (ast.Call, ast.Assign)
    # The functions whose first argument is a pattern.
    COMPILERS = {(f"{PACKAGE}.portable", "compile"), (f"{PACKAGE}._host", "compile_pattern")}

    def check(self, node, ctx):
        if isinstance(node, ast.Assign):
            if ctx.scope is module_scope(ctx.module):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id.endswith("_PATTERN"):
                        self._pattern(ctx.evaluate(node.value), ctx)
            return
        resolved = ctx.resolve(node.func)
        if not isinstance(resolved, tuple):
            return
        module, symbol = resolved
        if symbol.kind == "def" and (module.name, symbol.node.name) in self.COMPILERS and node.args:
            self._pattern(ctx.evaluate(node.args[0]), ctx)
        elif module.name == f"{PACKAGE}.text" and symbol.kind == "class" and symbol.node.name == "TextCleaner":
            rules = [k.value for k in node.keywords if k.arg == "rules"] + node.args[1:2]
            for value in rules:
                evaluated = ctx.evaluate(value)
                for rule in evaluated if isinstance(evaluated, list) else []:
                    if isinstance(rule, list) and rule:
                        self._pattern(rule[0], ctx, scan_substitution)

    def _pattern(self, value, ctx, scan=None):
        if not isinstance(value, Text):
            return
        for offset, rule, fragment in (scan or scan_pattern)(value.text):
            module, node = value.origin(offset)
            if node is not None:
                rewrite = _CLASS_ESCAPE_REWRITES.get(fragment, "") if rule == "TS701" else ""
                ctx.report(rule, node, fragment.replace(Text.UNKNOWN_CHAR, "?"), module=module, rewrite=rewrite)


# The portable class for each class escape (TS701), in or out of a [...] class.
_CLASS_ESCAPE_REWRITES = {
    f"\\{escape}": f'"[{negation}" + portable.{name}_CHARS + "]" (or portable.{name}_CHARS inside a class): what CPython means by {meaning}'
    for escape, negation, name, meaning in [
        ("w", "", "WORD", "\\w"), ("W", "^", "WORD", "\\W"), ("d", "", "DECIMAL", "\\d"),
        ("D", "^", "DECIMAL", "\\D"), ("s", "", "SPACE", "\\s"), ("S", "^", "SPACE", "\\S"),
    ]
}  # fmt: skip


_BRACE_QUANTIFIER = re.compile(r"\{(\d*)(,(\d*))?\}")

try:  # CPython's regex parser: private, the same in 3.11-3.13 (sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _sre_parser

_REPEATS = tuple(op for op in (getattr(_c, name, None) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op is not None)


def scan_pattern(pattern):
    """``[(offset, rule, fragment)]``: the non-portable pieces of a Python regular expression."""
    found = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            escape = pattern[i + 1 : i + 2]
            rule = {"w": "TS701", "W": "TS701", "d": "TS701", "D": "TS701", "s": "TS701", "S": "TS701", "b": "TS701", "B": "TS701", "A": "TS705", "Z": "TS705", "N": "TS709", "U": "TS709"}.get(escape)
            if rule:
                found.append((i, rule, pattern[i : i + 2]))
            i += 2
        elif c == "[":
            i = _scan_class(pattern, i, found)
        elif c == "(" and pattern[i + 1 : i + 2] == "?":
            rest = pattern[i + 2 : i + 4]
            closing = min([k for k in (pattern.find(")", i), pattern.find(":", i + 2)) if k >= 0] or [n - 1])
            if rest[:2] in ("<=", "<!"):
                found.append((i, "TS702", pattern[i : i + 4]))
            elif rest[:2] in ("P<", "P=") or (rest[:1] == "<"):
                found.append((i, "TS703", pattern[i : closing + 1]))
            elif rest[:1] == ">":
                found.append((i, "TS706", "(?>"))
            elif rest[:1] and rest[0] in "aiLmsux-":
                found.append((i, "TS704", pattern[i : closing + 1]))
            elif rest[:1] in ("#", "("):
                found.append((i, "TS709", pattern[i : i + 3]))
            i += 2
        elif c == ".":
            found.append((i, "TS707", "."))
            i += 1
        elif c == "$":
            found.append((i, "TS708", "$"))
            i += 1
        elif c in "*+?":
            if pattern[i + 1 : i + 2] == "+":
                found.append((i, "TS706", pattern[i : i + 2]))
                i += 1
            i += 1
        elif c == "{" and _BRACE_QUANTIFIER.match(pattern, i):
            match = _BRACE_QUANTIFIER.match(pattern, i)
            if match.group(1) == "" and match.group(2) is not None:
                found.append((i, "TS709", match.group(0)))
            end = match.end()
            if pattern[end : end + 1] == "+":
                found.append((i, "TS706", pattern[i : end + 1]))
                end += 1
            i = end
        else:
            i += 1
    return sorted(found + _unset_group_references(pattern))


def scan_substitution(pattern):
    """``scan_pattern``, and TS711 when the pattern can match the empty string: a replacement rule
    that matches nothing somewhere is applied differently by the two engines (they resume the
    search differently after an empty match)."""
    found = scan_pattern(pattern)
    parsed = _parsed(pattern)
    if parsed is not None and parsed.getwidth()[0] == 0:
        found.append((0, "TS711", pattern))
    return found


def _parsed(pattern):
    """CPython's own parse of ``pattern`` (None if it does not parse: re.error is then CPython's
    answer, and the other rules say what JS would do)."""
    try:
        return _sre_parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _unset_group_references(pattern):
    """TS710: back-references (``\\1``) to a group that may not have matched when the reference is
    reached: one not yet closed, or inside ``?``, ``*``, ``{0,n}``, an alternative or a negative lookaround.
    JS matches such a group as the empty string; CPython fails the match there."""
    parsed = _parsed(pattern)
    if parsed is None:
        return []
    safe = []  # for each back-reference, in pattern order: whether its group surely matched

    def walk(items, optional, closed):
        for op, av in items:
            if op is _c.SUBPATTERN:
                group, _add, _delete, inner = av
                walk(inner, optional, closed)
                if group is not None and not optional:
                    closed.add(group)
            elif op in _REPEATS:
                low, _high, inner = av
                walk(inner, optional or low == 0, closed)
            elif op is _c.BRANCH:
                for branch in av[1]:
                    walk(branch, True, closed)
            elif op is _c.ASSERT:  # a lookaround that held: its groups matched
                walk(av[1], optional, closed)
            elif op is _c.ASSERT_NOT:
                walk(av[1], True, closed)
            elif op is _c.ATOMIC_GROUP:
                walk(av, optional, closed)
            elif op is _c.GROUPREF_EXISTS:
                walk(av[1], True, closed)
                if av[2] is not None:
                    walk(av[2], True, closed)
            elif op is _c.GROUPREF:
                safe.append(av in closed)

    walk(parsed, False, set())
    # The references where they are written: \1-\99 outside classes, and (?P=name).
    written = [(m.start(), m.group(0)) for m in _BACK_REFERENCE.finditer(_without_classes(pattern))]
    return [(offset, "TS710", text) for (offset, text), ok in zip(written, safe) if not ok]


# A back-reference as written (in ``_without_classes``'s text): an escaped digit 1-9, or (?P=.
_BACK_REFERENCE = re.compile(r"\\[1-9][0-9]?|\(\?P=[^)]*\)")


def _without_classes(pattern):
    """``pattern`` with escapes other than digits and the inside of [...] classes blanked (same
    length), so that only real back-references are left to find."""
    out = list(pattern)
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if not pattern[i + 1 : i + 2].isdigit():
                out[i : i + 2] = "  "[: len(pattern[i : i + 2])]
            i += 2
        elif c == "[":
            end = _scan_class(pattern, i, [])
            out[i:end] = " " * (min(end, len(pattern)) - i)
            i = end
        else:
            i += 1
    return "".join(out)


def _scan_class(pattern, start, found):
    """Scan the class opening at ``start``; returns the offset after its ``]``."""
    j = start + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        found.append((start, "TS709", pattern[start : j + 1]))
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        if pattern[j] == "\\":
            escape = pattern[j + 1 : j + 2]
            if escape in "wWdDsS" and escape:
                found.append((j, "TS701", pattern[j : j + 2]))
            elif escape in ("N", "U"):
                found.append((j, "TS709", pattern[j : j + 2]))
            j += 2
        else:
            j += 1
    return j + 1
