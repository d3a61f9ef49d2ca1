"""The restricted-subset checker: reject Python whose Transcrypt 3.9.5 output means something else.

``python -m featurizers check FILE...`` (run by every ``make py=NAME`` before training, and by
``build()`` before Transcrypt) parses each file and the project modules it imports
(``import featurizers...`` / ``from featurizers... import``, never a Python-only subpackage (``featurizers.compiler.PYTHON_ONLY``), which
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
| TS201 | len() of a str | JS counts UTF-16 units: len of an emoji is 2 | portable.cp_len(s) (and portable.cp_slice(s, start, stop) for slices by code point) |
| TS202 | str.split() without a separator / str.splitlines() | JS splits on JS whitespace and "".split() is [''] | portable.split(s) (str.split() with CPython's whitespace), portable.splitlines(s), or s.split("\\n") |
| TS203 | strip/lstrip/rstrip | JS trims JS whitespace (U+FEFF, not U+001C-1F, U+0085) and ignores the argument | portable.strip(s), portable.lstrip(s), portable.rstrip(s) (CPython's whitespace); other characters: while s.startswith(c): s = s[1:] |
| TS204 | str classification method | JS tests ASCII classes or JS whitespace: "é".isalpha() is False | portable.is_alpha(s), portable.is_upper(s) ... (one for each str method: s.isupper() is portable.is_upper(s)); in a pattern, "[" + portable.UPPER_CHARS + "]" (ALPHA, ALNUM, DECIMAL, DIGIT, NUMERIC, SPACE, UPPER, LOWER, TITLE, WORD, PRINTABLE, ASCII) |
| TS205 | case mapping | JS uses a newer Unicode and another Final Sigma rule | portable.lower(s) (no portable upper or casefold); s.lower() == "ascii constant" is allowed |
| TS206 | str of a float | JS drops the .0: str(1.0) is '1' | keep values ints, or format the digits with integer arithmetic |
| TS207 | format spec or conversion | Transcrypt ignores it: f"{x:.2f}" is str(x), "{:>3}".format(x) is unchanged | plain {x} fields of str and int values; pad and round explicitly |
| TS208 | ord()/chr() | JS uses UTF-16 units: ord of an emoji is 55357 | portable.code_point(ch) and portable.char(code) (by code point), or compare characters with str constants |
| TS209 | str.find with an end or a negative start, str.rfind with a start or end | JS indexOf ignores the end and reads a negative start as 0; lastIndexOf searches back from its start: "abca".rfind("a", 1) is 0, not 3 | slice, then add the offset back: i = s[start:].rfind(sub), and start + i where i >= 0 |
| TS301 | non-str constant dict key | JS object keys are strings: list({1: 0}) is ['1'] | use str keys (str(i)), or a list indexed by int |
| TS302 | dict key that is not a str constant | a computed key can be __proto__ (lost) or constructor (shadowed) | portable.StrMap (set / get / has / keys) |
| TS303 | dict lookup with a computed key | JS finds inherited properties: d.get("constructor") is a function | portable.StrMap (get, has); portable.has_key for a JSON object |
| TS304 | dict key naming a JS property | lost or shadowed in JS: d["__proto__"] = 1 is lost, "py_keys" in d is True | portable.StrMap |
| TS305 | iteration over a dict | JS throws TypeError | keep the keys in a list, or iterate a portable.StrMap's keys() |
| TS401 | integer literal beyond 2**53-1 | JS rounds it to a double | keep integers within portable.MAX_SAFE_INTEGER |
| TS402 | ** with an exponent >= 53 | JS rounds the result: 2 ** 60 + 1 is 2 ** 60 | keep integers within portable.MAX_SAFE_INTEGER |
| TS403 | bitwise operator | JS works on 32-bit integers: 1 << 40 is 256 | *, // and % by powers of two |
| TS501 | negative index | JS gives undefined (None) | xs[len(xs) - 1] (negative slices such as xs[-2:] agree and are allowed) |
| TS502 | reverse sort | JS sorts ascending and reverses: ties come out reversed | portable.sort_with(rows, compare) with a descending comparison |
| TS601 | keyword argument to a function compiled without kwargs | Transcrypt drops it silently: the parameter keeps its default | pass it positionally, or put # __pragma__('kwargs') ... # __pragma__('nokwargs') around the callee |
| TS602 | import of re | Transcrypt's re port: \\w, \\d, \\b are ASCII-only | portable.compile, then portable.search / fullmatch / findall / count / sub |
| TS603 | import outside the restricted featurizers package | (policy) standard modules are missing or partial ports in JS; its Python-only subpackages (compiler, cli, training ...) are never compiled | Python-only code between # __pragma__('skip') and # __pragma__('noskip'); the operations of featurizers.portable |
| TS604 | name that Transcrypt renames, used in __pragma__('js') | Transcrypt renames the Python name (items -> py_items): the raw JS names nothing | rename the Python name (rows, vals) |
| TS605 | name that is a JS reserved word | the generated module is a JS syntax error | rename it |
| TS606 | method used as a value, not called | methods are native JS methods (-jc): taken from its instance, a method loses self | call it (obj.method(x)), or wrap it: lambda x: obj.method(x) |
| TS607 | method called through its class, or super() | native JS methods take self from this: Base.method(self, x) runs with this = Base | a hook method the base class calls (self._hook()), or a module-level function |
| TS701 | regex class escape | JS \\w \\d \\b are ASCII-only, \\s is JS whitespace | "[" + portable.WORD_CHARS + "]", "[" + portable.DECIMAL_CHARS + "]", "[" + portable.SPACE_CHARS + "]" (what CPython means by \\w, \\d, \\s), or [0-9], [a-z]; for \\b, match the neighbouring characters |
| TS702 | regex lookbehind | (policy) identical in Node; a syntax error in Safari before 16.4, for browser bundles | match the context too and keep it in the replacement |
| TS703 | regex named group | a JS syntax error | plain groups |
| TS704 | regex inline flags | a JS syntax error in Node 20 | explicit classes ([aA]); lowercase first with portable.lower |
| TS705 | regex \\A / \\Z | a JS syntax error with the u flag | ^ at the start; check the end in code |
| TS706 | regex possessive quantifier or atomic group | a JS syntax error | plain, bounded quantifiers ({1,64}) |
| TS707 | regex . outside a class | JS . also stops at \\r, U+2028, U+2029 | an explicit class: [^\\n] |
| TS708 | regex $ | Python's $ also matches before a final \\n | check the end in code (endswith), or match \\n explicitly |
| TS709 | regex syntax that JS reads otherwise | a JS syntax error with the u flag ({,n}, []...], (?#, (?(, \\N{...}, \\U) | {0,n}, [\\]...], \\uXXXX escapes, no comments or conditionals |
| TS710 | regex back-reference to a group that may not have matched | JS matches an unset group as the empty string, CPython fails there: (a)?\\1b finds 'b' in JS only | a group certain to have matched before the back-reference (no ?, * or alternation around it), or spell the repeated text out |
| TS711 | replacement rule whose pattern can match the empty string | the engines resume differently after an empty match: ["b??", "-"] turns 'b' into '---' in CPython, '-b-' in JS | a pattern that matches at least one character (+ instead of *, no empty alternative) |

Patterns are checked where they can be read statically: string expressions (constants,
concatenations, names of constants, ``portable.SPACE_CHARS``) passed to ``portable.compile`` (or
``_host.compile_pattern``), module-level constants whose name ends in ``_PATTERN``, and the
``rules`` of a ``TextCleaner(...)`` call; a class of ``featurizers.portable`` in them stands for
one ordinary character. Replacements are literal in both runtimes (``portable.sub``), so they
are not patterns.

Where a construct has one portable spelling, the finding names it (``ch.isupper()``:
``portable.is_upper(ch)``; ``\\d``: ``"[" + portable.DECIMAL_CHARS + "]"``); otherwise it gives the
rule's rewrite below.

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
  data-derived keys belong in a ``portable.StrMap``.
- TS501: negative *slices* (``xs[-2:]``, ``s[:-1]``, ``xs[::-1]``) were measured to agree and
  are allowed; only negative constant indices are rejected.
- TS601 resolves the callee through the checked modules' imports; a method call ``obj.m(k=v)``
  is rejected when any ``def m`` of the checked modules is compiled without kwargs.
- TS604 looks for the renamed names that are bound in the function (or an enclosing scope) as
  identifiers of the ``__pragma__('js', ...)`` strings, outside JS string literals and comments.
- Single-line short pragmas (``# __: skip``) are not recognized; the comment and call forms are.
"""

from __future__ import annotations

import sys
from pathlib import Path

from featurizers.compiler.check.patterns import scan_pattern
from featurizers.compiler.check.project import Project
from featurizers.compiler.check.reading import pragma_marks, transcrypt_view
from featurizers.compiler.check.rules import MAX_SAFE_INTEGER, PACKAGE, PACKAGE_DIR, RULES, CheckFailed, Finding, Rule, rules_table
from featurizers.compiler.check.names import TRANSCRYPT_RENAMED
from featurizers.compiler.check.walker import FAMILIES, Walker

__all__ = [
    "FAMILIES",
    "MAX_SAFE_INTEGER",
    "PACKAGE",
    "PACKAGE_DIR",
    "RULES",
    "TRANSCRYPT_RENAMED",
    "CheckFailed",
    "Finding",
    "Rule",
    "check_files",
    "check_modules",
    "check_source",
    "pragma_marks",
    "rules_table",
    "run",
    "scan_pattern",
    "transcrypt_view",
]


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
