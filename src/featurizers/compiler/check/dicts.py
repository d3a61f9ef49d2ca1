"""dicts, which are plain JS objects: TS301-TS305."""

from __future__ import annotations

import ast

from featurizers.compiler.check.context import RuleFamily, _is_const, _is_method_call, _negative_int
from featurizers.compiler.check.scopes import DICT

# Keys that a Transcrypt dict (a plain JS object) cannot hold as data: Object.prototype's
# properties, the runtime's own per-dict properties, and the names its get() also tries as py_<key>.
JS_OBJECT_KEYS = {
    "__proto__", "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty",
    "isPrototypeOf", "propertyIsEnumerable", "__defineGetter__", "__defineSetter__",
    "__lookupGetter__", "__lookupSetter__",
}  # fmt: skip
TRANSCRYPT_DICT_METHODS = {"keys", "items", "values", "get", "update", "pop", "popitem", "clear", "copy", "setdefault", "fromkeys", "del"}


def colliding_key(key):
    return key in JS_OBJECT_KEYS or key in TRANSCRYPT_DICT_METHODS or key.startswith("py_") or (key.startswith("__") and key.endswith("__"))


class DictRules(RuleFamily):
    """TS301-TS305: dicts are plain JS objects in the generated code."""

    node_types = (ast.Dict, ast.DictComp, ast.Subscript, ast.Call, ast.Compare, ast.For, ast.comprehension)

    def check(self, node, ctx):
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    self._literal_key(key, ctx)
        elif isinstance(node, ast.DictComp):
            self._literal_key(node.key, ctx)
        elif isinstance(node, ast.Subscript):
            self._subscript(node, ctx)
        elif isinstance(node, ast.Call):
            self._call(node, ctx)
        elif isinstance(node, ast.Compare):
            operands = [node.left] + node.comparators
            for index, op in enumerate(node.ops):
                if isinstance(op, (ast.In, ast.NotIn)) and ctx.kind(operands[index + 1]) == DICT:
                    self._lookup_key(operands[index], node, ctx)
        elif isinstance(node, (ast.For, ast.comprehension)) and ctx.kind(node.iter) == DICT:
            ctx.report("TS305", node.iter)

    def _literal_key(self, key, ctx):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if colliding_key(key.value):
                ctx.report("TS304", key)
        elif isinstance(key, (ast.Constant, ast.Tuple)) or _negative_int(key):
            ctx.report("TS301", key)
        else:
            ctx.report("TS302", key)

    def _subscript(self, node, ctx):
        key = node.slice
        if _is_const(key, str):
            if colliding_key(key.value):
                ctx.report("TS304", key)
        elif _is_const(key, float, bool, type(None)) or isinstance(key, ast.Tuple):
            ctx.report("TS301", key)
        elif (_is_const(key, int) or _negative_int(key)) and ctx.kind(node.value) == DICT:
            ctx.report("TS301", key)

    def _call(self, node, ctx):
        if _is_method_call(node, {"get"}) and node.args and ctx.kind(node.func.value) == DICT:
            self._lookup_key(node.args[0], node, ctx)
        elif isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple") and ctx.is_builtin(node.func.id):
            if node.args and ctx.kind(node.args[0]) == DICT:
                ctx.report("TS305", node)

    def _lookup_key(self, key, node, ctx):
        if _is_const(key, str):
            if colliding_key(key.value):
                ctx.report("TS304", key)
        elif isinstance(key, (ast.Constant, ast.Tuple)):
            ctx.report("TS301", key)
        else:
            ctx.report("TS303", node)
