"""Operators, numbers, negative indexes and reverse sorts: TS101-TS106, TS401-TS403, TS501-TS502."""

from __future__ import annotations

import ast

from featurizers.compiler.check.context import RuleFamily, _call_name, _is_const, _is_method_call, _negative_int
from featurizers.compiler.check.rules import MAX_SAFE_INTEGER
from featurizers.compiler.check.scopes import DICT, FLOAT, LIST, STR

class OperatorRules(RuleFamily):
    """TS101-TS106: list and str operators, comparisons and identity."""

    node_types = (ast.BinOp, ast.AugAssign, ast.Compare)
    ORDERING = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)

    def check(self, node, ctx):
        if isinstance(node, ast.Compare):
            self._compare(node, ctx)
            return
        op = node.op
        left = ctx.kind(node.left if isinstance(node, ast.BinOp) else node.target)
        right = ctx.kind(node.right if isinstance(node, ast.BinOp) else node.value)
        if isinstance(op, ast.Mult):
            if LIST in (left, right):
                ctx.report("TS101", node)
            elif STR in (left, right):
                ctx.report("TS102", node)
        elif isinstance(op, ast.Add) and LIST in (left, right):
            ctx.report("TS103", node)
        elif isinstance(op, ast.Mod) and left == STR:
            ctx.report("TS105", node)

    def _compare(self, node, ctx):
        operands = [node.left] + node.comparators
        for index, op in enumerate(node.ops):
            a, b = operands[index], operands[index + 1]
            if isinstance(op, self.ORDERING) and LIST in (ctx.kind(a), ctx.kind(b)):
                ctx.report("TS104", node)
                return
            if isinstance(op, (ast.Is, ast.IsNot)) and not any(_is_const(x, type(None), bool) for x in (a, b)):
                ctx.report("TS106", node)
                return


class NumberRules(RuleFamily):
    """TS401-TS403: JS numbers are doubles, and JS bitwise operators are 32-bit."""

    node_types = (ast.Constant, ast.BinOp, ast.AugAssign, ast.UnaryOp, ast.Call)
    BITWISE = (ast.LShift, ast.RShift, ast.BitAnd, ast.BitOr, ast.BitXor)

    def check(self, node, ctx):
        if isinstance(node, ast.Constant):
            if type(node.value) is int and abs(node.value) > MAX_SAFE_INTEGER:
                ctx.report("TS401", node)
        elif isinstance(node, (ast.BinOp, ast.AugAssign)):
            if isinstance(node.op, self.BITWISE):
                ctx.report("TS403", node)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
                self._power(node, node.left, node.right, ctx)
        elif isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Invert):
                ctx.report("TS403", node)
        elif isinstance(node.func, ast.Name) and node.func.id == "pow" and ctx.is_builtin("pow") and len(node.args) >= 2:
            self._power(node, node.args[0], node.args[1], ctx)

    def _power(self, node, base, exponent, ctx):
        if _is_const(exponent, int) and exponent.value >= 53 and ctx.kind(base) != FLOAT:
            ctx.report("TS402", node)


class IndexSortRules(RuleFamily):
    """TS501-TS502: negative indices; reversed sorts."""

    node_types = (ast.Subscript, ast.Call)

    def check(self, node, ctx):
        if isinstance(node, ast.Subscript):
            if _negative_int(node.slice) and ctx.kind(node.value) != DICT:
                ctx.report("TS501", node)
            return
        name = _call_name(node)
        sorts = (isinstance(node.func, ast.Name) and name == "sorted" and ctx.is_builtin(name)) or _is_method_call(node, {"sort"})
        if sorts:
            for keyword in node.keywords:
                if keyword.arg == "reverse" and not (_is_const(keyword.value, bool) and keyword.value.value is False):
                    ctx.report("TS502", node)
