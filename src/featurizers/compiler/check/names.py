"""Keyword arguments, imports, renamed or reserved names, and methods as values: TS601-TS607."""

from __future__ import annotations

import ast
import re

from featurizers.compiler.check.context import RuleFamily, _is_const
from featurizers.compiler.check.project import Text
from featurizers.compiler.check.reading import Module
from featurizers.compiler.check.rules import PACKAGE

# Transcrypt 3.9.5's predefined aliases (compiler.py, "predef_aliases"): Python names it renames.
TRANSCRYPT_RENAMED = {
    "arguments", "case", "clear", "default", "del", "enumerate", "false", "get", "Infinity", "isNaN",
    "iter", "items", "keys", "name", "NaN", "new", "next", "pop", "popitem", "replace", "selector",
    "sort", "split", "switch", "type", "TypeError", "update", "copy", "deepcopy", "values",
    "fromkeys", "reversed", "setdefault", "true", "undefined",
}  # fmt: skip
# JS reserved words that are valid Python names and that Transcrypt does not rename.
JS_RESERVED = {
    "catch", "const", "debugger", "delete", "do", "enum", "eval", "export", "extends", "function",
    "implements", "instanceof", "interface", "let", "null", "package", "private", "protected",
    "public", "static", "this", "throw", "typeof", "var", "void",
}  # fmt: skip
_JS_NOISE = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|//[^\n]*|/\*.*?\*/", re.S)


class KeywordArgumentRules(RuleFamily):
    """TS601: keyword arguments reach only functions compiled inside a kwargs pragma region."""

    node_types = (ast.Call,)

    def check(self, node, ctx):
        if not node.keywords or (isinstance(node.func, ast.Name) and node.func.id == "__pragma__"):
            return
        for callee_module, function in self._callees(node, ctx):
            if function is None or not callee_module.kwargs_compiled(function):
                ctx.report("TS601", node.keywords[0].value if node.keywords[0].arg is None else node, self._keyword_text(node, ctx))
                return

    @staticmethod
    def _keyword_text(node, ctx):
        keyword = node.keywords[0]
        return ctx.module.segment(node.func) + ("(..., " + keyword.arg + "=...)" if keyword.arg else "(..., **...)")

    def _callees(self, node, ctx):
        """``[(module, def or None)]`` the call may reach; [] when it is not a checked function."""
        resolved = ctx.resolve(node.func)
        if isinstance(resolved, tuple):
            module, symbol = resolved
            if symbol.kind == "def":
                return [(module, symbol.node)]
            if symbol.kind == "class":
                init = ctx.project.class_member(module, symbol.node, "__init__")
                if init is not None:
                    return [(init[0], init[1].node)]
                return [(module, None)] if self._bases_known(module, symbol.node, ctx) else []
            return []
        if resolved is None and isinstance(node.func, ast.Attribute) and not isinstance(ctx.resolve(node.func.value), Module):
            return ctx.project.methods_named(node.func.attr)
        return []

    def _bases_known(self, module, cls, ctx, depth=0):
        for base in cls.bases:
            resolved = ctx.project.resolve(module, base)
            if not (isinstance(resolved, tuple) and resolved[1].kind == "class") or depth > 20:
                return False
            if not self._bases_known(resolved[0], resolved[1].node, ctx, depth + 1):
                return False
        return True


class ImportRules(RuleFamily):
    """TS602-TS603: the compiled code imports only the restricted featurizers package."""

    node_types = (ast.Import, ast.ImportFrom)

    def check(self, node, ctx):
        project = ctx.project
        modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [ctx.module.absolute(node)]
        for dotted in modules:
            head = dotted.split(".")[0]
            if head == "re":
                ctx.report("TS602", node)
            elif project.is_python_only(dotted) or head != PACKAGE or project.module_file(dotted) is None:
                ctx.report("TS603", node, f"import {dotted}")
            elif isinstance(node, ast.ImportFrom):
                source = project.load(dotted)
                for alias in node.names:
                    if project.is_python_only(f"{dotted}.{alias.name}"):
                        ctx.report("TS603", node, f"from {dotted} import {alias.name}")
                    elif source is not None and project.resolve_attr(source, alias.name) is None and alias.name != "*":
                        ctx.report("TS603", node, f"from {dotted} import {alias.name} (not compiled: skipped or missing)")


class NameRules(RuleFamily):
    """TS604-TS605: Python names that Transcrypt renames, or that JS reserves."""

    node_types = (ast.Call, ast.Name, ast.arg, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.alias, ast.ExceptHandler)

    def check(self, node, ctx):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "__pragma__":
                self._js_pragma(node, ctx)
        else:
            self._reserved(node, ctx)

    # TS604
    def _js_pragma(self, node, ctx):
        if not (node.args and _is_const(node.args[0], str) and node.args[0].value == "js"):
            return
        for argument in node.args[1:]:
            value = ctx.evaluate(argument)
            if not isinstance(value, Text):
                continue
            code = _JS_NOISE.sub(" ", value.text)
            for name in sorted(TRANSCRYPT_RENAMED):
                if ctx.scope.find(name) is not None and re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$])", code):
                    ctx.report("TS604", argument, f"{name} (compiled as {'py_metatype' if name == 'type' else 'py_' + name})")

    # TS605
    def _reserved(self, node, ctx):
        if isinstance(node, ast.Name):
            name = node.id if isinstance(node.ctx, ast.Store) else None
        elif isinstance(node, ast.arg):
            name = node.arg
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, ast.alias):
            name = node.asname or (node.name if "." not in node.name else None)
        else:
            name = node.name  # an except handler's name, or None
        if name in JS_RESERVED:
            where = node if hasattr(node, "lineno") else getattr(node, "parent", None)
            if where is not None:
                ctx.report("TS605", where, name)


class MethodRules(RuleFamily):
    """TS606-TS607: methods are compiled as native JS methods (``-jc``), which take ``self`` from ``this``.

    A method must be called on its instance: ``obj.method(...)``. Any attribute read that names a
    method of a checked class and is not the callee of a call is TS606 (a module's functions are
    plain functions and may be passed around); a call through a class or ``super()`` is TS607.
    """

    node_types = (ast.Attribute, ast.Call)

    def check(self, node, ctx):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "super" and ctx.is_builtin("super"):
                ctx.report("TS607", node)
            elif isinstance(node.func, ast.Attribute) and node.func.attr != "__init__":
                resolved = ctx.resolve(node.func.value)
                if isinstance(resolved, tuple) and resolved[1].kind == "class":
                    if ctx.project.class_member(resolved[0], resolved[1].node, node.func.attr) is not None:
                        ctx.report("TS607", node, ctx.module.segment(node.func) + "(...)")
            return
        if not isinstance(node.ctx, ast.Load) or node.attr == "__init__":
            return
        parent = getattr(node, "parent", None)
        if isinstance(parent, ast.Call) and parent.func is node:
            return
        if isinstance(ctx.resolve(node.value), Module) or not ctx.project.methods_named(node.attr):
            return
        ctx.report("TS606", node)
