"""str methods whose JS means something else: TS201-TS209."""

from __future__ import annotations

import ast
import re

from featurizers.compiler.check.context import RuleFamily, _call_name, _is_const, _negative_int
from featurizers.compiler.check.reading import Module
from featurizers.compiler.check.scopes import FLOAT, STR

ASCII_PRINTABLE = re.compile(r"[\x00-\x7f]*\Z")


class StringRules(RuleFamily):
    """TS201-TS209: str methods and conversions whose JS counterparts differ."""

    node_types = (ast.Call, ast.JoinedStr)
    STRIP = {"strip", "lstrip", "rstrip"}
    CLASSIFY = {"isspace", "isalpha", "isdigit", "isalnum", "isdecimal", "isnumeric", "islower", "isupper", "istitle", "isidentifier", "isprintable", "isascii"}
    # featurizers.portable's character class of each (istitle and isidentifier have none).
    CLASS_OF = {"isspace": "SPACE", "isalpha": "ALPHA", "isdigit": "DIGIT", "isalnum": "ALNUM", "isdecimal": "DECIMAL", "isnumeric": "NUMERIC", "islower": "LOWER", "isupper": "UPPER", "isprintable": "PRINTABLE", "isascii": "ASCII"}
    CASE = {"lower", "upper", "casefold", "capitalize", "title", "swapcase"}
    FORMAT_FIELD = re.compile(r"(?<!\{)\{[^{}]*[:!][^{}]*\}")

    def check(self, node, ctx):
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    if value.format_spec is not None or value.conversion in (ord("r"), ord("a")):
                        ctx.report("TS207", value)
                    elif ctx.kind(value.value) == FLOAT:
                        ctx.report("TS206", value)
            return
        name = _call_name(node)
        func = node.func
        if isinstance(func, ast.Name) and ctx.is_builtin(name):
            self._builtin(node, name, ctx)
        elif isinstance(func, ast.Attribute) and not isinstance(ctx.resolve(func.value), Module):
            self._method(node, name, ctx)  # a method call, not a module's function (portable.strip)

    def _builtin(self, node, name, ctx):
        argument = node.args[0] if node.args else None
        if name == "len" and argument is not None and ctx.kind(argument) == STR and not self._compared_with_zero(node):
            ctx.report("TS201", node)
        elif name in ("str", "repr") and argument is not None and ctx.kind(argument) == FLOAT:
            ctx.report("TS206", node)
        elif name == "ord" and argument is not None and not (_is_const(argument, str) and len(argument.value) == 1 and ord(argument.value) < 0x10000):
            ctx.report("TS208", node)
        elif name == "chr" and argument is not None and not (_is_const(argument, int) and 0 <= argument.value < 0xD800):
            ctx.report("TS208", node)

    def _method(self, node, name, ctx):
        no_separator = not node.args or _is_const(node.args[0], type(None))
        subject = ctx.module.segment(node.func.value)
        if name == "split" and no_separator and not node.keywords:
            ctx.report("TS202", node, rewrite=f"portable.split({subject})")
        elif name == "splitlines":
            ctx.report("TS202", node, rewrite=f"portable.splitlines({subject})" if not node.args and not node.keywords else "")
        elif name in self.STRIP:
            ctx.report("TS203", node, rewrite=f"portable.{name}({subject})" if no_separator and not node.keywords else "")
        elif name in self.CLASSIFY and not node.args:
            ctx.report("TS204", node, rewrite=self._classify_rewrite(name, subject))
        elif name in self.CASE and not node.args and not self._compared_with_ascii(node):
            ctx.report("TS205", node, rewrite=f"portable.lower({subject})" if name == "lower" else "")
        elif name == "format" and _is_const(node.func.value, str) and self.FORMAT_FIELD.search(node.func.value.value):
            ctx.report("TS207", node)
        elif name == "find" and (len(node.args) > 2 or (len(node.args) == 2 and _negative_int(node.args[1]))):
            ctx.report("TS209", node)
        elif name == "rfind" and len(node.args) > 1:
            ctx.report("TS209", node)

    def _classify_rewrite(self, name, subject):
        """``portable.is_upper(ch)``, and the class to use in a pattern where there is one."""
        rewrite = f"portable.is_{name[2:]}({subject})"
        if name in self.CLASS_OF:
            rewrite += f', or "[" + portable.{self.CLASS_OF[name]}_CHARS + "]" in a pattern'
        return rewrite

    @staticmethod
    def _compared_with_ascii(node):
        parent = getattr(node, "parent", None)
        if not isinstance(parent, ast.Compare) or not all(isinstance(op, (ast.Eq, ast.NotEq)) for op in parent.ops):
            return False
        others = [x for x in [parent.left] + parent.comparators if x is not node]
        return all(_is_const(x, str) and ASCII_PRINTABLE.match(x.value) for x in others)

    @staticmethod
    def _compared_with_zero(node):
        parent = getattr(node, "parent", None)
        if not isinstance(parent, ast.Compare) or len(parent.ops) != 1:
            return False
        other = parent.comparators[0] if parent.left is node else parent.left
        return _is_const(other, int) and other.value == 0
