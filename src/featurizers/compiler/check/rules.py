"""The rules (one row per divergence), a finding of one, and the build's error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from featurizers.compiler import PYTHON_ONLY  # noqa: F401  (the parts of the package never compiled)

PACKAGE = "featurizers"
PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
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
       Rule("TS201", "len() of a str", "JS counts UTF-16 units: len of an emoji is 2", "portable.cp_len(s) (and portable.cp_slice(s, start, stop) for slices by code point)"),
       Rule("TS202", "str.split() without a separator / str.splitlines()", 'JS splits on JS whitespace and "".split() is [\'\']', 'portable.split(s) (str.split() with CPython\'s whitespace), portable.splitlines(s), or s.split("\\n")'),
       Rule("TS203", "strip/lstrip/rstrip", "JS trims JS whitespace (U+FEFF, not U+001C-1F, U+0085) and ignores the argument", "portable.strip(s), portable.lstrip(s), portable.rstrip(s) (CPython's whitespace); other characters: while s.startswith(c): s = s[1:]"),
       Rule("TS204", "str classification method", 'JS tests ASCII classes or JS whitespace: "é".isalpha() is False', 'portable.is_alpha(s), portable.is_upper(s) ... (one for each str method: s.isupper() is portable.is_upper(s)); in a pattern, "[" + portable.UPPER_CHARS + "]" (ALPHA, ALNUM, DECIMAL, DIGIT, NUMERIC, SPACE, UPPER, LOWER, TITLE, WORD, PRINTABLE, ASCII)'),
       Rule("TS205", "case mapping", "JS uses a newer Unicode and another Final Sigma rule", 'portable.lower(s) (no portable upper or casefold); s.lower() == "ascii constant" is allowed'),
        Rule("TS206", "str of a float", "JS drops the .0: str(1.0) is '1'", "keep values ints, or format the digits with integer arithmetic"),
        Rule("TS207", "format spec or conversion", 'Transcrypt ignores it: f"{x:.2f}" is str(x), "{:>3}".format(x) is unchanged', "plain {x} fields of str and int values; pad and round explicitly"),
       Rule("TS208", "ord()/chr()", "JS uses UTF-16 units: ord of an emoji is 55357", "portable.code_point(ch) and portable.char(code) (by code point), or compare characters with str constants"),
        Rule("TS209", "str.find with an end or a negative start, str.rfind with a start or end", 'JS indexOf ignores the end and reads a negative start as 0; lastIndexOf searches back from its start: "abca".rfind("a", 1) is 0, not 3', "slice, then add the offset back: i = s[start:].rfind(sub), and start + i where i >= 0"),
        Rule("TS301", "non-str constant dict key", "JS object keys are strings: list({1: 0}) is ['1']", "use str keys (str(i)), or a list indexed by int"),
       Rule("TS302", "dict key that is not a str constant", "a computed key can be __proto__ (lost) or constructor (shadowed)", "portable.StrMap (set / get / has / keys)"),
       Rule("TS303", "dict lookup with a computed key", 'JS finds inherited properties: d.get("constructor") is a function', "portable.StrMap (get, has); portable.has_key for a JSON object"),
       Rule("TS304", "dict key naming a JS property", 'lost or shadowed in JS: d["__proto__"] = 1 is lost, "py_keys" in d is True', "portable.StrMap"),
       Rule("TS305", "iteration over a dict", "JS throws TypeError", "keep the keys in a list, or iterate a portable.StrMap's keys()"),
       Rule("TS401", "integer literal beyond 2**53-1", "JS rounds it to a double", "keep integers within portable.MAX_SAFE_INTEGER"),
       Rule("TS402", "** with an exponent >= 53", "JS rounds the result: 2 ** 60 + 1 is 2 ** 60", "keep integers within portable.MAX_SAFE_INTEGER"),
        Rule("TS403", "bitwise operator", "JS works on 32-bit integers: 1 << 40 is 256", "*, // and % by powers of two"),
        Rule("TS501", "negative index", "JS gives undefined (None)", "xs[len(xs) - 1] (negative slices such as xs[-2:] agree and are allowed)"),
       Rule("TS502", "reverse sort", "JS sorts ascending and reverses: ties come out reversed", "portable.sort_with(rows, compare) with a descending comparison"),
        Rule("TS601", "keyword argument to a function compiled without kwargs", "Transcrypt drops it silently: the parameter keeps its default", "pass it positionally, or put # __pragma__('kwargs') ... # __pragma__('nokwargs') around the callee"),
       Rule("TS602", "import of re", "Transcrypt's re port: \\w, \\d, \\b are ASCII-only", "portable.compile, then portable.search / fullmatch / findall / count / sub"),
       Rule("TS603", "import outside the restricted featurizers package", "(policy) standard modules are missing or partial ports in JS; its Python-only subpackages (compiler, cli, training ...) are never compiled", "Python-only code between # __pragma__('skip') and # __pragma__('noskip'); the operations of featurizers.portable"),
        Rule("TS604", "name that Transcrypt renames, used in __pragma__('js')", "Transcrypt renames the Python name (items -> py_items): the raw JS names nothing", "rename the Python name (rows, vals)"),
        Rule("TS605", "name that is a JS reserved word", "the generated module is a JS syntax error", "rename it"),
        Rule("TS606", "method used as a value, not called", "methods are native JS methods (-jc): taken from its instance, a method loses self", "call it (obj.method(x)), or wrap it: lambda x: obj.method(x)"),
        Rule("TS607", "method called through its class, or super()", "native JS methods take self from this: Base.method(self, x) runs with this = Base", "a hook method the base class calls (self._hook()), or a module-level function"),
       Rule("TS701", "regex class escape", "JS \\w \\d \\b are ASCII-only, \\s is JS whitespace", '"[" + portable.WORD_CHARS + "]", "[" + portable.DECIMAL_CHARS + "]", "[" + portable.SPACE_CHARS + "]" (what CPython means by \\w, \\d, \\s), or [0-9], [a-z]; for \\b, match the neighbouring characters'),
        Rule("TS702", "regex lookbehind", "(policy) identical in Node; a syntax error in Safari before 16.4, for browser bundles", "match the context too and keep it in the replacement"),
        Rule("TS703", "regex named group", "a JS syntax error", "plain groups"),
       Rule("TS704", "regex inline flags", "a JS syntax error in Node 20", "explicit classes ([aA]); lowercase first with portable.lower"),
        Rule("TS705", "regex \\A / \\Z", "a JS syntax error with the u flag", "^ at the start; check the end in code"),
        Rule("TS706", "regex possessive quantifier or atomic group", "a JS syntax error", "plain, bounded quantifiers ({1,64})"),
        Rule("TS707", "regex . outside a class", "JS . also stops at \\r, U+2028, U+2029", "an explicit class: [^\\n]"),
        Rule("TS708", "regex $", "Python's $ also matches before a final \\n", "check the end in code (endswith), or match \\n explicitly"),
        Rule("TS709", "regex syntax that JS reads otherwise", "a JS syntax error with the u flag ({,n}, []...], (?#, (?(, \\N{...}, \\U)", "{0,n}, [\\]...], \\uXXXX escapes, no comments or conditionals"),
        Rule("TS710", "regex back-reference to a group that may not have matched", "JS matches an unset group as the empty string, CPython fails there: (a)?\\1b finds 'b' in JS only", "a group certain to have matched before the back-reference (no ?, * or alternation around it), or spell the repeated text out"),
        Rule("TS711", "replacement rule whose pattern can match the empty string", "the engines resume differently after an empty match: [\"b??\", \"-\"] turns 'b' into '---' in CPython, '-b-' in JS", "a pattern that matches at least one character (+ instead of *, no empty alternative)"),
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
    rewrite: str = ""  # the rewrite for this very construct (``portable.is_upper(ch)``), else the rule's

    def __str__(self):
        rule = RULES[self.rule]
        return f"{self.path}:{self.line}:{self.col}: {self.rule} {rule.construct} `{self.detail}`: {self.rewrite or rule.rewrite}"


class CheckFailed(RuntimeError):
    """Raised by the build when the pipeline module has findings; the message lists them."""

    def __init__(self, findings):
        self.findings = findings
        lines = "\n".join(str(finding) for finding in findings)
        super().__init__(f"the restricted-subset check found {len(findings)} construct(s) that Transcrypt compiles to other meanings:\n{lines}")
