"""Scopes, and what can be known of a value's type."""

from __future__ import annotations

import ast

# ---------------------------------------------------------------------------------------------
# Scopes and what can be known of a value's type

STR, LIST, DICT, FLOAT, INT = "str", "list", "dict", "float", "int"
UNKNOWN = object()

STR_RESULT_METHODS = {
    "lower", "upper", "casefold", "capitalize", "title", "swapcase", "strip", "lstrip", "rstrip",
    "replace", "join", "format", "center", "ljust", "rjust", "zfill", "expandtabs", "translate",
    "removeprefix", "removesuffix",
}  # fmt: skip
LIST_RESULT_METHODS = {"split", "rsplit", "splitlines"}
SCOPE_NODES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class Scope:
    def __init__(self, node, parent):
        self.node = node
        self.parent = parent  # the enclosing scope whose names this one sees (never a class)
        self.bindings = {}  # name -> [value node, or UNKNOWN, or a def/class node]
        self.attrs = {}  # class scopes: self.<attr> -> [(value node, scope)]
        self.cls = None  # method scopes: the class scope
        self.self_name = None  # method scopes: the first parameter's name

    def bind(self, name, value):
        self.bindings.setdefault(name, []).append(value)

    def find(self, name):
        """The scope in which ``name`` is bound, seen from this one (None for builtins)."""
        scope = self
        while scope is not None:
            if name in scope.bindings:
                return scope
            scope = scope.parent
        return None


class ScopeBuilder:
    """Bind every name of a module to the expressions assigned to it, scope by scope."""

    def __init__(self, module):
        self.module = module

    def build(self):
        root = Scope(self.module.tree, None)
        self.module.scopes[id(self.module.tree)] = root
        self._body(self.module.tree, root)
        return root

    def _new(self, node, parent):
        scope = Scope(node, parent)
        self.module.scopes[id(node)] = scope
        return scope

    def _body(self, node, scope):
        for child in ast.iter_child_nodes(node):
            self._node(child, scope)

    def _node(self, node, scope):
        if self.module.skipped(node):
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for part in getattr(node, "decorator_list", []) + node.args.defaults + [d for d in node.args.kw_defaults if d]:
                self._node(part, scope)
            if not isinstance(node, ast.Lambda):
                scope.bind(node.name, node)
            visible = scope if not isinstance(scope.node, ast.ClassDef) else scope.parent
            inner = self._new(node, visible)
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            arguments += [a for a in (node.args.vararg, node.args.kwarg) if a]
            for argument in arguments:
                inner.bind(argument.arg, UNKNOWN)
            if isinstance(scope.node, ast.ClassDef) and node.args.args:
                inner.cls, inner.self_name = scope, node.args.args[0].arg
            body = [node.body] if isinstance(node, ast.Lambda) else node.body
            for statement in body:
                self._node(statement, inner)
            return
        if isinstance(node, ast.ClassDef):
            scope.bind(node.name, node)
            for part in node.bases + node.decorator_list + [k.value for k in node.keywords]:
                self._node(part, scope)
            inner = self._new(node, scope if not isinstance(scope.node, ast.ClassDef) else scope.parent)
            for statement in node.body:
                self._node(statement, inner)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            inner = self._new(node, scope if not isinstance(scope.node, ast.ClassDef) else scope.parent)
            inner.cls, inner.self_name = scope.cls, scope.self_name
            for generator in node.generators:
                self._target(generator.target, UNKNOWN, inner)
            self._body(node, inner)
            return
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._target(target, node.value, scope)
        elif isinstance(node, ast.AnnAssign):
            self._target(node.target, node.value if node.value else UNKNOWN, scope)
        elif isinstance(node, ast.AugAssign):
            # x op= v rebinds x to x op v (a synthetic BinOp keeps the kind when it is plain).
            if isinstance(node.target, ast.Name):
                combined = ast.BinOp(left=ast.Name(id=node.target.id, ctx=ast.Load()), op=node.op, right=node.value)
                self._target(node.target, ast.copy_location(combined, node), scope)
            else:
                self._target(node.target, UNKNOWN, scope)
        elif isinstance(node, ast.NamedExpr):
            self._target(node.target, node.value, scope)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._target(node.target, UNKNOWN, scope)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            self._target(node.optional_vars, UNKNOWN, scope)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.bind(node.name, UNKNOWN)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                scope.bind((alias.asname or alias.name).split(".")[0], UNKNOWN)
        self._body(node, scope)

    def _target(self, target, value, scope):
        if isinstance(target, ast.Name):
            scope.bind(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._target(element, UNKNOWN, scope)
        elif isinstance(target, ast.Starred):
            self._target(target.value, UNKNOWN, scope)
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and scope.cls is not None
            and target.value.id == scope.self_name
        ):
            scope.cls.attrs.setdefault(target.attr, []).append((value, scope))


class Kinds:
    """What can be known of an expression's type from the source alone (see Limits)."""

    def __init__(self):
        self._active = set()

    def of(self, node, scope):
        key = (id(node), id(scope))
        if node is UNKNOWN or key in self._active:
            return None
        self._active.add(key)
        try:
            return self._of(node, scope)
        finally:
            self._active.discard(key)

    def _agree(self, pairs):
        kinds = {self.of(value, scope) if value is not UNKNOWN else None for value, scope in pairs}
        return kinds.pop() if len(kinds) == 1 else None

    def _of(self, node, scope):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return STR
            if isinstance(node.value, bool) or node.value is None:
                return None
            if isinstance(node.value, int):
                return INT
            if isinstance(node.value, float):
                return FLOAT
            return None
        if isinstance(node, ast.JoinedStr):
            return STR
        if isinstance(node, (ast.List, ast.Tuple, ast.ListComp)):
            return LIST
        if isinstance(node, (ast.Dict, ast.DictComp)):
            return DICT
        if isinstance(node, ast.Call):
            return self._call(node, scope)
        if isinstance(node, ast.BinOp):
            return self._binop(node, scope)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            kind = self.of(node.operand, scope)
            return kind if kind in (INT, FLOAT) else None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            kind = self.of(node.value, scope)
            return kind if kind in (STR, LIST) else None
        if isinstance(node, ast.IfExp):
            body, orelse = self.of(node.body, scope), self.of(node.orelse, scope)
            return body if body == orelse else None
        if isinstance(node, ast.Name):
            owner = scope.find(node.id)
            if owner is None:
                return None
            return self._agree([(value, owner) for value in owner.bindings[node.id]])
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            method = _method_scope(scope)
            if method is not None and node.value.id == method.self_name and scope.find(node.value.id) is method:
                pairs = method.cls.attrs.get(node.attr)
                return self._agree(pairs) if pairs else None
        return None

    def _call(self, node, scope):
        func = node.func
        if isinstance(func, ast.Name) and scope.find(func.id) is None:
            if func.id in ("list", "sorted", "tuple"):
                return LIST
            if func.id == "dict":
                return DICT
            if func.id in ("str", "chr", "repr"):
                return STR
            if func.id == "float":
                return FLOAT
            if func.id in ("int", "len", "ord"):
                return INT
            if func.id == "round":
                return FLOAT if len(node.args) == 2 else INT
            return None
        if isinstance(func, ast.Attribute):
            if func.attr in STR_RESULT_METHODS:
                return STR
            if func.attr in LIST_RESULT_METHODS:
                return LIST
        return None

    def _binop(self, node, scope):
        left, right = self.of(node.left, scope), self.of(node.right, scope)
        op = node.op
        if isinstance(op, ast.Div):
            return FLOAT
        if isinstance(op, ast.Mod) and left == STR:
            return STR
        if isinstance(op, (ast.Add, ast.Mult)) and (left == STR or right == STR):
            return STR
        if isinstance(op, (ast.Add, ast.Mult)) and (left == LIST or right == LIST):
            return LIST
        if isinstance(op, (ast.Add, ast.Sub, ast.Mult, ast.Mod, ast.FloorDiv, ast.Pow)):
            if FLOAT in (left, right):
                return FLOAT
            if left == INT and right == INT:
                return INT
        return None


def _method_scope(scope):
    while scope is not None:
        if scope.cls is not None and isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return scope
        scope = scope.parent if not isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
    return None
