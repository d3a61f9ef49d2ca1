"""Regular expressions that JS reads otherwise: TS701-TS709, and ``scan_pattern`` for any pattern."""

from __future__ import annotations

import ast
import re

from featurizers.compiler.check.context import RuleFamily
from featurizers.compiler.check.project import Text, module_scope
from featurizers.compiler.check.rules import PACKAGE

class PatternRules(RuleFamily):
    """TS701-TS709: regular expressions, compiled by a native JS ``RegExp`` with the ``u`` flag."""

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
                        self._pattern(rule[0], ctx)

    def _pattern(self, value, ctx):
        if not isinstance(value, Text):
            return
        for offset, rule, fragment in scan_pattern(value.text):
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
    return found


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
