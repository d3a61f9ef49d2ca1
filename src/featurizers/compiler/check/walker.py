"""Visiting a module's compiled code and calling each rule family on its nodes."""

from __future__ import annotations

import ast

from featurizers.compiler.check.context import Context
from featurizers.compiler.check.dicts import DictRules
from featurizers.compiler.check.names import ImportRules, KeywordArgumentRules, MethodRules, NameRules
from featurizers.compiler.check.operators import IndexSortRules, NumberRules, OperatorRules
from featurizers.compiler.check.patterns import PatternRules
from featurizers.compiler.check.scopes import SCOPE_NODES
from featurizers.compiler.check.strings import StringRules

FAMILIES = (
    OperatorRules(), StringRules(), DictRules(), NumberRules(), IndexSortRules(), KeywordArgumentRules(), ImportRules(),
    NameRules(), MethodRules(), PatternRules(),
)


class Walker:
    """Visit a module's compiled code (skip regions left out), calling each family's rules."""

    def __init__(self, project, module, sink, families=FAMILIES):
        self.module = module
        self.ctx = Context(project, module, sink)
        self.by_type = {}
        for family in families:
            for node_type in family.node_types:
                self.by_type.setdefault(node_type, []).append(family)

    def run(self):
        self._visit(self.module.tree)

    def _visit(self, node):
        if self.module.skipped(node):
            return
        for family in self.by_type.get(type(node), ()):
            family.check(node, self.ctx)
        scope = self.module.scopes.get(id(node)) if isinstance(node, SCOPE_NODES) and not isinstance(node, ast.Module) else None
        outer = self.ctx.scope
        if scope is not None:
            self._visit_scoped(node, scope, outer)
            return
        for child in _children(node):
            self._visit(child)

    def _visit_scoped(self, node, scope, outer):
        # Decorators, defaults and bases belong to the enclosing scope; the rest to the new one.
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            outside = getattr(node, "decorator_list", []) + node.args.defaults + [d for d in node.args.kw_defaults if d]
        elif isinstance(node, ast.ClassDef):
            outside = node.bases + node.decorator_list + node.keywords
        else:
            outside = []
        for child in outside:
            self._visit(child)
        self.ctx.scope = scope
        try:
            for child in _children(node):
                if not any(child is o for o in outside):
                    self._visit(child)
        finally:
            self.ctx.scope = outer


def _children(node):
    """Child nodes, without annotations (Transcrypt does not compile them to code)."""
    annotations = [getattr(node, field, None) for field in ("annotation", "returns")]
    return [child for child in ast.iter_child_nodes(node) if not any(child is a for a in annotations if a is not None)]
