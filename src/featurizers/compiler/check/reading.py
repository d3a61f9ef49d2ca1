"""Reading a module as Transcrypt reads it: pragmas, skip and ecom regions, symbols."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

from featurizers.compiler.check.rules import Finding

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
