"""What a rule sees (``Context``), small AST predicates, and the rule family base class."""

from __future__ import annotations

import ast

from featurizers.compiler.check.project import module_scope
from featurizers.compiler.check.rules import Finding

# ---------------------------------------------------------------------------------------------
# Checking


class Context:
    """What a rule sees: the module, the scope, name resolution and types, and ``report``."""

    def __init__(self, project, module, sink):
        self.project = project
        self.module = module
        self.scope = module_scope(module)
        self._sink = sink

    def report(self, rule, node, detail=None, module=None, rewrite=""):
        module = module or self.module
        detail = detail if detail is not None else module.segment(node)
        self._sink.add(Finding(module.display, node.lineno, module.column(node), rule, detail, rewrite))

    def kind(self, node):
        return self.project.kinds.of(node, self.scope)

    def is_builtin(self, name):
        return self.scope.find(name) is None and name not in self.module.symbols

    def resolve(self, node):
        return self.project.resolve(self.module, node, self.scope)

    def evaluate(self, node):
        return self.project.evaluate(self.module, node, self.scope)


def _call_name(node):
    """``f`` for ``f(...)`` and ``m`` for ``x.m(...)``; None otherwise."""
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return None


def _is_method_call(node, names):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names


def _is_const(node, *types):
    return isinstance(node, ast.Constant) and type(node.value) in types


def _negative_int(node):
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and _is_const(node.operand, int)


class RuleFamily:
    """One family of rules: ``check(node, ctx)`` is called for every node of ``node_types``."""

    node_types = ()

    def check(self, node, ctx):
        raise NotImplementedError
