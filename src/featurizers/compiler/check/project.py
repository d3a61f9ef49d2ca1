"""The project: modules, imports, and names and constant strings resolved across modules."""

from __future__ import annotations

import ast
from pathlib import Path

from featurizers.compiler.check.reading import Module, Symbol
from featurizers.compiler.check.rules import PACKAGE, PACKAGE_DIR, PYTHON_ONLY
from featurizers.compiler.check.scopes import UNKNOWN, Kinds, ScopeBuilder

# ---------------------------------------------------------------------------------------------
# The project: modules, imports, and names resolved across modules


class Project:
    def __init__(self, package_dir=PACKAGE_DIR, cwd=None):
        self.package_dir = Path(package_dir).resolve()
        self.cwd = Path(cwd or Path.cwd()).resolve()
        self.modules = {}  # resolved path -> Module
        self.kinds = Kinds()

    # -- files and module names

    def module_file(self, dotted):
        """The file of a restricted ``featurizers`` module, or None (not one, or Python only)."""
        parts = dotted.split(".")
        if parts[0] != PACKAGE or (len(parts) > 1 and parts[1] in PYTHON_ONLY):
            return None
        base = self.package_dir.joinpath(*parts[1:])
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    def is_python_only(self, dotted):
        parts = dotted.split(".")
        return parts[0] == PACKAGE and len(parts) > 1 and parts[1] in PYTHON_ONLY

    def is_python_only_file(self, path):
        try:
            relative = Path(path).resolve().relative_to(self.package_dir)
        except ValueError:
            return False
        return relative.with_suffix("").parts[0] in PYTHON_ONLY

    def display(self, path):
        try:
            return str(path.relative_to(self.cwd))
        except ValueError:
            return str(path)

    def load_file(self, path, source=None):
        path = Path(path).resolve()
        if path in self.modules:
            return self.modules[path]
        if source is None:
            source = path.read_text(encoding="utf-8")
        try:
            relative = path.relative_to(self.package_dir)
            parts = [PACKAGE] + list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join(parts)
        except ValueError:
            name = path.stem
        module = Module(path, name, source, self.display(path))
        self.modules[path] = module
        ScopeBuilder(module).build()
        return module

    def load(self, dotted):
        path = self.module_file(dotted)
        return self.load_file(path) if path else None

    def follow(self, roots):
        """Load ``roots`` and, transitively, the restricted project modules they import."""
        queue = list(roots)
        while queue:
            module = queue.pop(0)
            for name in self.imported_modules(module):
                path = self.module_file(name)
                if path is not None and path.resolve() not in self.modules:
                    queue.append(self.load_file(path))

    def imported_modules(self, module):
        names = []
        for _node, dotted, imported in module.imports():
            parts = dotted.split(".")
            # Importing a package module runs the package's __init__ first, in both runtimes.
            names += [".".join(parts[: i + 1]) for i in range(len(parts))]
            for name in imported or []:
                if self.module_file(f"{dotted}.{name}") is not None:
                    names.append(f"{dotted}.{name}")
        return names

    # -- names

    def resolve(self, module, node, scope=None, depth=0):
        """What a Name/Attribute refers to: a ``Module``, a ``(Module, Symbol)``, or None."""
        if depth > 20:
            return None
        if isinstance(node, ast.Name):
            if scope is not None:
                owner = scope.find(node.id)
                if owner is not None and owner.node is not module.tree:
                    values = owner.bindings[node.id]
                    if len(values) == 1 and isinstance(values[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
                        return module, Symbol("def", values[0])
                    if len(values) == 1 and isinstance(values[0], ast.ClassDef):
                        return module, Symbol("class", values[0])
                    return None
            return self.resolve_symbol(module, node.id, depth + 1)
        if isinstance(node, ast.Attribute):
            base = self.resolve(module, node.value, scope, depth + 1)
            if isinstance(base, Module):
                return self.resolve_attr(base, node.attr, depth + 1)
            if isinstance(base, tuple) and base[1].kind == "class":
                member = self.class_member(base[0], base[1].node, node.attr, depth + 1)
                return member
        return None

    def resolve_symbol(self, module, name, depth=0):
        symbol = module.symbols.get(name)
        if symbol is None or depth > 20:
            return None
        if symbol.kind == "module":
            return self.load(symbol.target)
        if symbol.kind == "from":
            source = self.load(symbol.target)
            return self.resolve_attr(source, symbol.attr, depth + 1) if source else None
        return module, symbol

    def resolve_attr(self, module, attr, depth=0):
        if attr in module.symbols:
            return self.resolve_symbol(module, attr, depth + 1)
        if module.is_package:
            return self.load(f"{module.name}.{attr}")
        return None

    def class_member(self, module, cls, name, depth=0):
        """``(Module, Symbol)`` of a def named ``name`` in ``cls`` or its bases; None if unknown."""
        if depth > 20:
            return None
        for statement in cls.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == name and not module.skipped(statement):
                return module, Symbol("def", statement)
        for base in cls.bases:
            resolved = self.resolve(module, base, None, depth + 1)
            if isinstance(resolved, tuple) and resolved[1].kind == "class":
                member = self.class_member(resolved[0], resolved[1].node, name, depth + 1)
                if member is not None:
                    return member
        return None

    def methods_named(self, name):
        """Every non-skipped ``def name`` inside a class of the loaded modules."""
        found = []
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                if isinstance(node, ast.ClassDef) and not module.skipped(node):
                    for statement in node.body:
                        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == name:
                            if not module.skipped(statement):
                                found.append((module, statement))
        return found

    # -- constant string expressions (patterns)

    def evaluate(self, module, node, scope=None, depth=0):
        """A constant string or list expression: ``Text`` / list of values; None if unknown."""
        if depth > 30 or node is None or node is UNKNOWN:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return Text([(node.value, module, node)])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.evaluate(module, node.left, scope, depth + 1)
            right = self.evaluate(module, node.right, scope, depth + 1)
            if isinstance(left, Text) or isinstance(right, Text):
                return Text.of(left) + Text.of(right)
            return None
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.evaluate(module, element, scope, depth + 1) for element in node.elts]
        if isinstance(node, ast.Name) and scope is not None:
            owner = scope.find(node.id)
            if owner is not None and owner.node is not module.tree:
                values = owner.bindings[node.id]
                return self.evaluate(module, values[0], owner, depth + 1) if len(values) == 1 else None
        if isinstance(node, (ast.Name, ast.Attribute)):
            resolved = self.resolve(module, node, None, depth + 1)
            if isinstance(resolved, tuple) and resolved[1].kind == "value":
                return self.evaluate(resolved[0], resolved[1].node, module_scope(resolved[0]), depth + 1)
        return None


def module_scope(module):
    return module.scopes.get(id(module.tree))


class Text:
    """A string built from pieces, each remembering the constant it came from (None: unknown)."""

    UNKNOWN_CHAR = "\ue000"  # stands for an unknown piece: one ordinary character

    def __init__(self, pieces):
        self.pieces = pieces  # [(text, module or None, node or None)]

    @classmethod
    def of(cls, value):
        return value if isinstance(value, Text) else cls([(cls.UNKNOWN_CHAR, None, None)])

    def __add__(self, other):
        return Text(self.pieces + other.pieces)

    @property
    def text(self):
        return "".join(piece for piece, _module, _node in self.pieces)

    def origin(self, offset):
        """``(module, node)`` of the constant holding character ``offset``."""
        for piece, module, node in self.pieces:
            if offset < len(piece):
                return module, node
            offset -= len(piece)
        return None, None
