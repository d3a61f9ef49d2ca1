"""The restricted-subset checker: reject Python whose Transcrypt 3.9.5 output means something else.

``python -m featurizers check FILE...`` (run by every ``make py=NAME`` before training, and by
``build()`` before Transcrypt) parses each file and the project modules it imports
(``import featurizers...`` / ``from featurizers... import``, never ``featurizers.tooling``, which
is Python only, and never from code between ``# __pragma__('skip')`` and ``noskip``), and prints
one line per finding::

    pipelines/x.py:12:9: TS101 list repetition `[0] * n`: build the list with a comprehension ...

``file:line:col`` (both 1-based, the column counted in characters), the rule, the construct, the
portable rewrite. It exits 1 when there are findings, 0 with a one-line summary otherwise.

The checker reads each module as Transcrypt does: comment pragmas are honoured, and the JS-only
code of an ``ecom`` region (``# __pragma__('ecom')`` with a ``\"\"\"? ... ?\"\"\"`` string, used
by ``_host.py``) is checked as the code it is for Transcrypt, while the skip regions' CPython-only
code is not checked at all.

Every rule comes from a divergence measured here (``tests/check/test_divergences.py`` compiles
each construct with Transcrypt and runs it in Node next to CPython), except TS603 and TS702, which
are policy (see their rows).

Rules
=====

| ID | construct | in the generated JS | portable rewrite |
| --- | --- | --- | --- |
| TS000 | source that does not parse | nothing can be checked | fix the syntax error |
| TS101 | list repetition | JS gives the number 0 (or NaN), not a list | build the list with a comprehension: [x for _ in range(n)] |
| TS102 | string repetition | JS gives NaN | join a comprehension: "".join(["s" for _ in range(n)]) |
| TS103 | list concatenation with + | JS concatenates strings: [1] + [2] is '12' | append or extend in a loop |
| TS104 | comparison of lists or tuples | JS compares identity or string forms: [1] == [1] is False | compare the lengths, then the items, in a loop (a helper function) |
| TS105 | % string formatting | JS gives NaN | an f-string of str and int values |
| TS106 | `is` with a value other than None, True, False | JS compiles `is` to ===, so equal numbers and strings are identical | use == or != |
| TS201 | len() of a str | JS counts UTF-16 units: len of an emoji is 2 | _host.cp_len(s) (and _host.cp_slice(s, start, stop) for slices by code point) |
| TS202 | str.split() without a separator / str.splitlines() | JS splits on JS whitespace and "".split() is [''] | _host.findall(_host.compile_pattern("[^" + _host.WHITESPACE + "]+"), s), or split("\\n") |
| TS203 | strip/lstrip/rstrip | JS trims JS whitespace (U+FEFF, not U+001C-1F, U+0085) and ignores the argument | explicit loops: while s.startswith(c): s = s[1:] (endswith and s[:len(s) - 1] at the end) |
| TS204 | str classification method | JS tests ASCII classes or JS whitespace: "é".isalpha() is False | _host.findall with an explicit character class (_host.WHITESPACE for space) |
| TS205 | case mapping | JS uses a newer Unicode and another Final Sigma rule | _host.lower(s); s.lower() == "ascii constant" is allowed |
| TS206 | str of a float | JS drops the .0: str(1.0) is '1' | keep values ints, or format the digits with integer arithmetic |
| TS207 | format spec or conversion | Transcrypt ignores it: f"{x:.2f}" is str(x), "{:>3}".format(x) is unchanged | plain {x} fields of str and int values; pad and round explicitly |
| TS208 | ord()/chr() | JS uses UTF-16 units: ord of an emoji is 55357 | compare characters with str constants; code points belong in _host |
| TS209 | str.find with an end or a negative start, str.rfind with a start or end | JS indexOf ignores the end and reads a negative start as 0; lastIndexOf searches back from its start: "abca".rfind("a", 1) is 0, not 3 | slice, then add the offset back: i = s[start:].rfind(sub), and start + i where i >= 0 |
| TS301 | non-str constant dict key | JS object keys are strings: list({1: 0}) is ['1'] | use str keys (str(i)), or a list indexed by int |
| TS302 | dict key that is not a str constant | a computed key can be __proto__ (lost) or constructor (shadowed) | _host.StrMap (set / get / has / keys) |
| TS303 | dict lookup with a computed key | JS finds inherited properties: d.get("constructor") is a function | _host.StrMap (get, has); _host.has_key for a JSON object |
| TS304 | dict key naming a JS property | lost or shadowed in JS: d["__proto__"] = 1 is lost, "py_keys" in d is True | _host.StrMap |
| TS305 | iteration over a dict | JS throws TypeError | keep the keys in a list, or iterate _host.StrMap.keys() |
| TS401 | integer literal beyond 2**53-1 | JS rounds it to a double | keep integers within _host.MAX_SAFE_INTEGER |
| TS402 | ** with an exponent >= 53 | JS rounds the result: 2 ** 60 + 1 is 2 ** 60 | keep integers within _host.MAX_SAFE_INTEGER |
| TS403 | bitwise operator | JS works on 32-bit integers: 1 << 40 is 256 | *, // and % by powers of two |
| TS501 | negative index | JS gives undefined (None) | xs[len(xs) - 1] (negative slices such as xs[-2:] agree and are allowed) |
| TS502 | reverse sort | JS sorts ascending and reverses: ties come out reversed | _host.sort_with(rows, compare) with a descending comparison |
| TS601 | keyword argument to a function compiled without kwargs | Transcrypt drops it silently: the parameter keeps its default | pass it positionally, or put # __pragma__('kwargs') ... # __pragma__('nokwargs') around the callee |
| TS602 | import of re | Transcrypt's re port: \\w, \\d, \\b are ASCII-only | _host.compile_pattern / _host.sub / _host.findall |
| TS603 | import outside the restricted featurizers package | (policy) standard modules are missing or partial ports in JS; tooling is Python only | Python-only code between # __pragma__('skip') and # __pragma__('noskip'); per-runtime code in _host |
| TS604 | name that Transcrypt renames, used in __pragma__('js') | Transcrypt renames the Python name (items -> py_items): the raw JS names nothing | rename the Python name (rows, vals) |
| TS605 | name that is a JS reserved word | the generated module is a JS syntax error | rename it |
| TS606 | method used as a value, not called | methods are native JS methods (-jc): taken from its instance, a method loses self | call it (obj.method(x)), or wrap it: lambda x: obj.method(x) |
| TS607 | method called through its class, or super() | native JS methods take self from this: Base.method(self, x) runs with this = Base | a hook method the base class calls (self._hook()), or a module-level function |
| TS701 | regex class escape | JS \\w \\d \\b are ASCII-only, \\s is JS whitespace | "[" + _host.WORD_CHARS + "]", "[" + _host.DIGIT_CHARS + "]" (what CPython means by \\w, \\d), "[" + _host.WHITESPACE + "]", or [0-9], [a-z] |
| TS702 | regex lookbehind | (policy) identical in Node; a syntax error in Safari before 16.4, for browser bundles | match the context too and keep it in the replacement |
| TS703 | regex named group | a JS syntax error | plain groups |
| TS704 | regex inline flags | a JS syntax error in Node 20 | explicit classes ([aA]); lowercase first with _host.lower |
| TS705 | regex \\A / \\Z | a JS syntax error with the u flag | ^ at the start; check the end in code |
| TS706 | regex possessive quantifier or atomic group | a JS syntax error | plain, bounded quantifiers ({1,64}) |
| TS707 | regex . outside a class | JS . also stops at \\r, U+2028, U+2029 | an explicit class: [^\\n] |
| TS708 | regex $ | Python's $ also matches before a final \\n | check the end in code (endswith), or match \\n explicitly |
| TS709 | regex syntax that JS reads otherwise | a JS syntax error with the u flag ({,n}, []...], (?#, (?(, \\N{...}, \\U) | {0,n}, [\\]...], \\uXXXX escapes, no comments or conditionals |

Patterns are checked where they can be read statically: string expressions (constants,
concatenations, names of constants, ``_host.WHITESPACE``) passed to ``_host.compile_pattern``,
module-level constants whose name ends in ``_PATTERN``, and the ``rules`` of a ``TextCleaner(...)``
call. Replacements are literal in both runtimes (``_host.sub``), so they are not patterns.

Limits (what the rules do not see)
==================================

Python has no static types, so the type-dependent rules fire only where the type is plain in the
source: a literal, a comprehension, ``list()`` / ``sorted()`` / ``dict()`` / ``str()`` /
``float()``, a str method's result, a true division, or a local name whose every assignment in
its scope is one of those (``self.x`` when every ``self.x = ...`` of the class is). A parameter is
never assumed to have a type. So ``len(text)`` of a str parameter, ``xs == ys`` of two list
parameters, ``d.get(k)`` on a dict parameter and ``xs[i]`` with a negative ``i`` pass. Further:

- TS201 also allows ``len(s) == 0`` and other comparisons with 0: empty is empty in UTF-16 too.
- TS205 allows ``s.lower() == "subject:"`` (``==`` / ``!=`` with ASCII constants): no character
  lowercases or uppercases to ASCII differently in the two runtimes (``test_divergences`` checks
  every code point), so the comparison has one result.
- TS209 allows ``s.find(sub, start)``: a start that is not a negative constant is taken to be a
  position (>= 0), where ``indexOf`` agrees.
- TS301 rejects int subscripts (``d[0]``) only on names bound to dicts: lists use them.
- TS303 fires on ``get`` / ``in``, not on ``d[k]`` with a computed key: building a JSON config
  from the program's own field names (``config[name] = ...``) is the normal, safe use; lookups by
  data-derived keys belong in a ``_host.StrMap``.
- TS501: negative *slices* (``xs[-2:]``, ``s[:-1]``, ``xs[::-1]``) were measured to agree and
  are allowed; only negative constant indices are rejected.
- TS601 resolves the callee through the checked modules' imports; a method call ``obj.m(k=v)``
  is rejected when any ``def m`` of the checked modules is compiled without kwargs.
- TS604 looks for the renamed names that are bound in the function (or an enclosing scope) as
  identifiers of the ``__pragma__('js', ...)`` strings, outside JS string literals and comments.
- Single-line short pragmas (``# __: skip``) are not recognized; the comment and call forms are.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "featurizers"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
PYTHON_ONLY = ("tooling", "__main__")  # parts of featurizers that are never compiled (as in build.py)
MAX_SAFE_INTEGER = 2**53 - 1


# ---------------------------------------------------------------------------------------------
# Rules and findings


@dataclass(frozen=True)
class Rule:
    id: str
    construct: str  # what is rejected, printed before the offending source text
    diverges: str  # what the generated JS does instead (one line)
    rewrite: str  # the portable spelling


RULES = {
    rule.id: rule
    for rule in [
        Rule("TS000", "source that does not parse", "nothing can be checked", "fix the syntax error"),
        Rule("TS101", "list repetition", "JS gives the number 0 (or NaN), not a list", "build the list with a comprehension: [x for _ in range(n)]"),
        Rule("TS102", "string repetition", "JS gives NaN", 'join a comprehension: "".join(["s" for _ in range(n)])'),
        Rule("TS103", "list concatenation with +", "JS concatenates strings: [1] + [2] is '12'", "append or extend in a loop"),
        Rule("TS104", "comparison of lists or tuples", "JS compares identity or string forms: [1] == [1] is False", "compare the lengths, then the items, in a loop (a helper function)"),
        Rule("TS105", "% string formatting", "JS gives NaN", "an f-string of str and int values"),
        Rule("TS106", "`is` with a value other than None, True, False", "JS compiles `is` to ===, so equal numbers and strings are identical", "use == or !="),
        Rule("TS201", "len() of a str", "JS counts UTF-16 units: len of an emoji is 2", "_host.cp_len(s) (and _host.cp_slice(s, start, stop) for slices by code point)"),
        Rule("TS202", "str.split() without a separator / str.splitlines()", 'JS splits on JS whitespace and "".split() is [\'\']', '_host.findall(_host.compile_pattern("[^" + _host.WHITESPACE + "]+"), s), or split("\\n")'),
        Rule("TS203", "strip/lstrip/rstrip", "JS trims JS whitespace (U+FEFF, not U+001C-1F, U+0085) and ignores the argument", "explicit loops: while s.startswith(c): s = s[1:] (endswith and s[:len(s) - 1] at the end)"),
        Rule("TS204", "str classification method", 'JS tests ASCII classes or JS whitespace: "é".isalpha() is False', "_host.findall with an explicit character class (_host.WHITESPACE for space)"),
        Rule("TS205", "case mapping", "JS uses a newer Unicode and another Final Sigma rule", '_host.lower(s); s.lower() == "ascii constant" is allowed'),
        Rule("TS206", "str of a float", "JS drops the .0: str(1.0) is '1'", "keep values ints, or format the digits with integer arithmetic"),
        Rule("TS207", "format spec or conversion", 'Transcrypt ignores it: f"{x:.2f}" is str(x), "{:>3}".format(x) is unchanged', "plain {x} fields of str and int values; pad and round explicitly"),
        Rule("TS208", "ord()/chr()", "JS uses UTF-16 units: ord of an emoji is 55357", "compare characters with str constants; code points belong in _host"),
        Rule("TS209", "str.find with an end or a negative start, str.rfind with a start or end", 'JS indexOf ignores the end and reads a negative start as 0; lastIndexOf searches back from its start: "abca".rfind("a", 1) is 0, not 3', "slice, then add the offset back: i = s[start:].rfind(sub), and start + i where i >= 0"),
        Rule("TS301", "non-str constant dict key", "JS object keys are strings: list({1: 0}) is ['1']", "use str keys (str(i)), or a list indexed by int"),
        Rule("TS302", "dict key that is not a str constant", "a computed key can be __proto__ (lost) or constructor (shadowed)", "_host.StrMap (set / get / has / keys)"),
        Rule("TS303", "dict lookup with a computed key", 'JS finds inherited properties: d.get("constructor") is a function', "_host.StrMap (get, has); _host.has_key for a JSON object"),
        Rule("TS304", "dict key naming a JS property", 'lost or shadowed in JS: d["__proto__"] = 1 is lost, "py_keys" in d is True', "_host.StrMap"),
        Rule("TS305", "iteration over a dict", "JS throws TypeError", "keep the keys in a list, or iterate _host.StrMap.keys()"),
        Rule("TS401", "integer literal beyond 2**53-1", "JS rounds it to a double", "keep integers within _host.MAX_SAFE_INTEGER"),
        Rule("TS402", "** with an exponent >= 53", "JS rounds the result: 2 ** 60 + 1 is 2 ** 60", "keep integers within _host.MAX_SAFE_INTEGER"),
        Rule("TS403", "bitwise operator", "JS works on 32-bit integers: 1 << 40 is 256", "*, // and % by powers of two"),
        Rule("TS501", "negative index", "JS gives undefined (None)", "xs[len(xs) - 1] (negative slices such as xs[-2:] agree and are allowed)"),
        Rule("TS502", "reverse sort", "JS sorts ascending and reverses: ties come out reversed", "_host.sort_with(rows, compare) with a descending comparison"),
        Rule("TS601", "keyword argument to a function compiled without kwargs", "Transcrypt drops it silently: the parameter keeps its default", "pass it positionally, or put # __pragma__('kwargs') ... # __pragma__('nokwargs') around the callee"),
        Rule("TS602", "import of re", "Transcrypt's re port: \\w, \\d, \\b are ASCII-only", "_host.compile_pattern / _host.sub / _host.findall"),
        Rule("TS603", "import outside the restricted featurizers package", "(policy) standard modules are missing or partial ports in JS; tooling is Python only", "Python-only code between # __pragma__('skip') and # __pragma__('noskip'); per-runtime code in _host"),
        Rule("TS604", "name that Transcrypt renames, used in __pragma__('js')", "Transcrypt renames the Python name (items -> py_items): the raw JS names nothing", "rename the Python name (rows, vals)"),
        Rule("TS605", "name that is a JS reserved word", "the generated module is a JS syntax error", "rename it"),
        Rule("TS606", "method used as a value, not called", "methods are native JS methods (-jc): taken from its instance, a method loses self", "call it (obj.method(x)), or wrap it: lambda x: obj.method(x)"),
        Rule("TS607", "method called through its class, or super()", "native JS methods take self from this: Base.method(self, x) runs with this = Base", "a hook method the base class calls (self._hook()), or a module-level function"),
        Rule("TS701", "regex class escape", "JS \\w \\d \\b are ASCII-only, \\s is JS whitespace", '"[" + _host.WORD_CHARS + "]", "[" + _host.DIGIT_CHARS + "]" (what CPython means by \\w, \\d), "[" + _host.WHITESPACE + "]", or [0-9], [a-z]'),
        Rule("TS702", "regex lookbehind", "(policy) identical in Node; a syntax error in Safari before 16.4, for browser bundles", "match the context too and keep it in the replacement"),
        Rule("TS703", "regex named group", "a JS syntax error", "plain groups"),
        Rule("TS704", "regex inline flags", "a JS syntax error in Node 20", "explicit classes ([aA]); lowercase first with _host.lower"),
        Rule("TS705", "regex \\A / \\Z", "a JS syntax error with the u flag", "^ at the start; check the end in code"),
        Rule("TS706", "regex possessive quantifier or atomic group", "a JS syntax error", "plain, bounded quantifiers ({1,64})"),
        Rule("TS707", "regex . outside a class", "JS . also stops at \\r, U+2028, U+2029", "an explicit class: [^\\n]"),
        Rule("TS708", "regex $", "Python's $ also matches before a final \\n", "check the end in code (endswith), or match \\n explicitly"),
        Rule("TS709", "regex syntax that JS reads otherwise", "a JS syntax error with the u flag ({,n}, []...], (?#, (?(, \\N{...}, \\U)", "{0,n}, [\\]...], \\uXXXX escapes, no comments or conditionals"),
    ]
}


def rules_table():
    """The rules as the Markdown table of this module's docstring (a test keeps the two equal)."""
    rows = ["| ID | construct | in the generated JS | portable rewrite |", "| --- | --- | --- | --- |"]
    rows += [f"| {r.id} | {r.construct} | {r.diverges} | {r.rewrite} |" for r in RULES.values()]
    return "\n".join(rows)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    rule: str
    detail: str

    def __str__(self):
        rule = RULES[self.rule]
        return f"{self.path}:{self.line}:{self.col}: {self.rule} {rule.construct} `{self.detail}`: {rule.rewrite}"


class CheckFailed(RuntimeError):
    """Raised by the build when the pipeline module has findings; the message lists them."""

    def __init__(self, findings):
        self.findings = findings
        lines = "\n".join(str(finding) for finding in findings)
        super().__init__(f"the restricted-subset check found {len(findings)} construct(s) that Transcrypt compiles to other meanings:\n{lines}")


# ---------------------------------------------------------------------------------------------
# Reading a module as Transcrypt reads it

_PRAGMA_COMMENT = re.compile(r"#\s*__pragma__\s*\(\s*(['\"])(\w+)\1")
_ECOM_MARKERS = {"'''?", "?'''", '"""?', '?"""'}


def pragma_marks(source):
    """``[(line, kind)]`` of the pragmas in ``source``: ``# __pragma__('x')`` comments and calls."""
    marks = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return marks
    for index, token in enumerate(tokens):
        if token.type == tokenize.COMMENT:
            match = _PRAGMA_COMMENT.match(token.string)
            if match:
                marks.append((token.start[0], match.group(2)))
        elif token.type == tokenize.NAME and token.string == "__pragma__" and index + 2 < len(tokens):
            paren, argument = tokens[index + 1], tokens[index + 2]
            if paren.string == "(" and argument.type == tokenize.STRING:
                try:
                    marks.append((token.start[0], ast.literal_eval(argument.string)))
                except (ValueError, SyntaxError):
                    pass
    return marks


def transcrypt_view(source):
    """The source Transcrypt parses, line for line: ecom regions' ``\"\"\"?`` / ``?\"\"\"`` lines
    blanked (so their code is code) and ``#?`` lines uncommented, as Transcrypt 3.9.5 does."""
    switches = {line: kind for line, kind in pragma_marks(source) if kind in ("ecom", "noecom")}
    enabled = False
    lines = []
    for number, line in enumerate(source.split("\n"), start=1):
        if number in switches:
            enabled = switches[number] == "ecom"
            lines.append("")
        elif enabled and line.lstrip()[:4] in _ECOM_MARKERS:
            lines.append("")
        elif enabled and line.lstrip().startswith("#?"):
            lines.append(line.replace("#?", "", 1))
        else:
            lines.append(line)
    return "\n".join(lines)


def _regions(marks, start, stop, last_line):
    """Line ranges (inclusive) from each ``start`` pragma to the next ``stop`` (or the end)."""
    ranges, opened = [], None
    for line, kind in marks:
        if kind == start and opened is None:
            opened = line
        elif kind == stop and opened is not None:
            ranges.append((opened, line))
            opened = None
    if opened is not None:
        ranges.append((opened, last_line))
    return ranges


def _in(ranges, line):
    return any(first <= line <= last for first, last in ranges)


@dataclass
class Symbol:
    """A module-level name: a def, a class, a value, an imported module or an imported name."""

    kind: str  # "def", "class", "value", "module", "from"
    node: ast.AST | None = None
    target: str | None = None  # dotted module name ("module", "from")
    attr: str | None = None  # the imported name ("from")


class Module:
    def __init__(self, path, name, source, display):
        self.path = path
        self.name = name  # dotted name for package modules, the file stem otherwise
        self.display = display
        self.source = source
        self.view = transcrypt_view(source)
        self.view_lines = self.view.split("\n")
        self.error = None
        try:
            self.tree = ast.parse(self.view, str(path))
        except SyntaxError as error:
            self.tree = ast.Module(body=[], type_ignores=[])
            self.error = Finding(display, error.lineno or 1, error.offset or 1, "TS000", str(error.msg))
        marks = pragma_marks(self.view)
        last = len(self.view_lines)
        self.skip_ranges = _regions(marks, "skip", "noskip", last)
        self.kwargs_ranges = _regions(marks, "kwargs", "nokwargs", last)
        for parent in ast.walk(self.tree):
            for child in ast.iter_child_nodes(parent):
                child.parent = parent
        self.symbols = self._symbols()
        self.scopes = {}

    @property
    def is_package(self):
        return self.path.name == "__init__.py"

    def skipped(self, node):
        return hasattr(node, "lineno") and _in(self.skip_ranges, node.lineno)

    def kwargs_compiled(self, function):
        return _in(self.kwargs_ranges, function.lineno)

    def segment(self, node, limit=48):
        text = ast.get_source_segment(self.view, node) or type(node).__name__
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def column(self, node):
        """1-based character column (ast's col_offset counts UTF-8 bytes)."""
        line = self.view_lines[node.lineno - 1] if node.lineno <= len(self.view_lines) else ""
        return len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1

    def _symbols(self):
        symbols = {}
        for statement in self.tree.body:
            if self.skipped(statement):
                continue
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                symbols[statement.name] = Symbol("def", statement)
            elif isinstance(statement, ast.ClassDef):
                symbols[statement.name] = Symbol("class", statement)
            elif isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        symbols[target.id] = Symbol("value", statement.value)
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
                symbols[statement.target.id] = Symbol("value", statement.value)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname:
                        symbols[alias.asname] = Symbol("module", target=alias.name)
                    else:
                        head = alias.name.split(".")[0]
                        symbols[head] = Symbol("module", target=head)
            elif isinstance(statement, ast.ImportFrom):
                base = self.absolute(statement)
                for alias in statement.names:
                    symbols[alias.asname or alias.name] = Symbol("from", target=base, attr=alias.name)
        return symbols

    def absolute(self, node):
        """The absolute module name of an ``ImportFrom`` (relative imports resolved)."""
        if not node.level:
            return node.module or ""
        parts = self.name.split(".")
        if not self.is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
        return ".".join(parts + ([node.module] if node.module else []))

    def imports(self):
        """``[(node, module name, imported names or None)]`` of every import that Transcrypt sees."""
        found = []
        for node in ast.walk(self.tree):
            if self.skipped(node) or self._inside_skipped(node):
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.append((node, alias.name, None))
            elif isinstance(node, ast.ImportFrom):
                found.append((node, self.absolute(node), [alias.name for alias in node.names]))
        return found

    def _inside_skipped(self, node):
        parent = getattr(node, "parent", None)
        while parent is not None:
            if self.skipped(parent):
                return True
            parent = getattr(parent, "parent", None)
        return False


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


# ---------------------------------------------------------------------------------------------
# Checking


class Context:
    """What a rule sees: the module, the scope, name resolution and types, and ``report``."""

    def __init__(self, project, module, sink):
        self.project = project
        self.module = module
        self.scope = module_scope(module)
        self._sink = sink

    def report(self, rule, node, detail=None, module=None):
        module = module or self.module
        self._sink.add(Finding(module.display, node.lineno, module.column(node), rule, detail if detail is not None else module.segment(node)))

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


ASCII_PRINTABLE = re.compile(r"[\x00-\x7f]*\Z")


class StringRules(RuleFamily):
    """TS201-TS209: str methods and conversions whose JS counterparts differ."""

    node_types = (ast.Call, ast.JoinedStr)
    STRIP = {"strip", "lstrip", "rstrip"}
    CLASSIFY = {"isspace", "isalpha", "isdigit", "isalnum", "isdecimal", "isnumeric", "islower", "isupper", "istitle", "isidentifier", "isprintable", "isascii"}
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
        elif isinstance(func, ast.Attribute):
            self._method(node, name, ctx)

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
        if name == "split" and no_separator and not node.keywords:
            ctx.report("TS202", node)
        elif name == "splitlines":
            ctx.report("TS202", node)
        elif name in self.STRIP:
            ctx.report("TS203", node)
        elif name in self.CLASSIFY and not node.args:
            ctx.report("TS204", node)
        elif name in self.CASE and not node.args and not self._compared_with_ascii(node):
            ctx.report("TS205", node)
        elif name == "format" and _is_const(node.func.value, str) and self.FORMAT_FIELD.search(node.func.value.value):
            ctx.report("TS207", node)
        elif name == "find" and (len(node.args) > 2 or (len(node.args) == 2 and _negative_int(node.args[1]))):
            ctx.report("TS209", node)
        elif name == "rfind" and len(node.args) > 1:
            ctx.report("TS209", node)

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


class PatternRules(RuleFamily):
    """TS701-TS709: regular expressions, compiled by a native JS ``RegExp`` with the ``u`` flag."""

    node_types = (ast.Call, ast.Assign)

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
        if module.name == f"{PACKAGE}._host" and symbol.kind == "def" and symbol.node.name == "compile_pattern" and node.args:
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
                ctx.report(rule, node, fragment.replace(Text.UNKNOWN_CHAR, "?"), module=module)


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


# ---------------------------------------------------------------------------------------------
# Entry points


class _Sink:
    def __init__(self):
        self.findings = set()

    def add(self, finding):
        self.findings.add(finding)


def check_modules(project, roots):
    """Findings of ``roots`` and of every restricted module they import, sorted."""
    project.follow(roots)
    sink = _Sink()
    for module in list(project.modules.values()):
        if module.error is not None:
            sink.add(module.error)
            continue
        Walker(project, module, sink).run()
    return sorted(sink.findings)


def _roots(project, paths):
    """Load the files to check; the package's Python-only files are left out (never compiled)."""
    roots = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        if not project.is_python_only_file(path):
            roots.append(project.load_file(path))
    return roots


def check_files(paths, package_dir=PACKAGE_DIR, cwd=None):
    """Check files (and what they import); raises FileNotFoundError for a missing file."""
    project = Project(package_dir, cwd)
    return check_modules(project, _roots(project, paths))


def check_source(source, filename="snippet.py", package_dir=PACKAGE_DIR, cwd=None):
    """Check a module given as text (``filename`` names it in the findings)."""
    project = Project(package_dir, cwd)
    root = project.load_file(Path(project.cwd) / filename, source)
    return check_modules(project, [root])


def run(paths, out=None, err=None):
    """The ``check`` command: print the findings and a summary; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    project = Project()
    try:
        roots = _roots(project, paths)
    except FileNotFoundError as error:
        print(f"python -m featurizers check: {error}", file=err)
        return 2
    findings = check_modules(project, roots)
    for finding in findings:
        print(finding, file=out)
    checked = len(project.modules)
    if findings:
        files = len({finding.path for finding in findings})
        print(f"check: {len(findings)} finding(s) in {files} of {checked} module(s)", file=out)
        return 1
    skipped = len(paths) - len(roots)
    note = f"; {skipped} Python-only file(s) skipped" if skipped else ""
    print(f"check: no findings in {checked} module(s) ({len(roots)} given, {checked - len(roots)} imported){note}", file=out)
    return 0
