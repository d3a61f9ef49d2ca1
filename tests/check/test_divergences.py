"""The evidence behind the checker's rules: each construct compiled by Transcrypt, run in Node.

One snippet holds a probe per divergence; it runs in CPython and, compiled with Transcrypt 3.9.5
(``build.transcrypt_command``, then the project's runtime patches, as the build does) in Node. Each test pins both
outputs, so a rule whose construct stopped diverging (a Transcrypt or Node upgrade, a runtime
patch) shows up here. The probes that *agree* are the evidence for what the rules allow.

TS605 (a JS reserved word as a name) breaks the whole module, so it has its own compile. TS603
(imports other than featurizers) and TS702 (lookbehind: Safari before 16.4) are policy, not Node
divergences, and have no probe; TS000 is a syntax error.
"""

import ast
import json
import re
import shutil
import subprocess
import sys

import pytest

from featurizers.compiler import build, check, runtime_patches

# (label, expression, CPython's repr, Node's repr); "raised" when the expression throws.
PROBES = [
    ("TS101", "[0] * 3", "[0, 0, 0]", "0"),
    ("TS102", '"ab" * 3', "'ababab'", "NaN"),
    ("TS103", "[1] + [2]", "[1, 2]", "'12'"),
    ("TS103_augmented", "augmented_concat()", "[1, 2]", "'12'"),
    ("TS104", "[1, 2] == [1, 2]", "True", "False"),
    ("TS104_tuple", "(1, 2) == (1, 2)", "True", "False"),
    ("TS104_order", "[1, 2] < [1, 10]", "True", "False"),
    ("TS105", '"%d items" % 3', "'3 items'", "NaN"),
    ("TS106", 'int("1000") is int("1000")', "False", "True"),
    ("TS201", 'len("\\U0001F600")', "1", "2"),
    ("TS202", '"  ".split()', "[]", "['']"),
    ("TS202_whitespace", 'len("a\\x1cb".split())', "2", "1"),
    ("TS202_lines", 'len("a\\x85b".splitlines())', "2", "1"),
    ("TS203", 'len("\\ufeffa".strip())', "2", "1"),
    ("TS203_chars", '"xax".strip("x")', "'a'", "'xax'"),
    ("TS204", '"\\u00e9".isalpha()', "True", "False"),
    ("TS204_space", '"\\x1c".isspace()', "True", "False"),
    ("TS204_digit", '"\\u0663".isdigit()', "True", "False"),
    ("TS205", '"\\ua7dc".lower() == "\\ua7dc"', "True", "False"),
    ("TS205_upper", '"\\u019b".upper() == "\\u019b"', "True", "False"),
    ("TS206", "str(1.0)", "'1.0'", "'1'"),
    ("TS206_division", "f'{4 / 2}'", "'2.0'", "'2'"),
    ("TS207", "f'{0.5:.2f}'", "'0.50'", "'0.5'"),
    ("TS207_format", '"{:>3}".format(7)', "'  7'", "'{:>3}'"),
    ("TS207_repr", "f'{\"a\"!r}'", "\"'a'\"", "'a'"),
    ("TS208", 'ord("\\U0001F600")', "128512", "55357"),
    ("TS209", '"abca".rfind("a", 1)', "3", "0"),
    ("TS209_end", '"abc".find("c", 0, 2)', "-1", "2"),
    ("TS209_negative", '"abca".find("a", -1)', "3", "0"),
    ("TS301", 'list({1: "x"}.keys())', "[1]", "['1']"),
    ("TS302", "computed_key()", "['__proto__']", "[]"),
    ("TS303", 'lookup("constructor") == -1', "True", "False"),
    ("TS304", '"py_keys" in {"a": 1}', "False", "True"),
    ("TS304_proto", "proto_key()", "['__proto__']", "[]"),
    ("TS305", '[k for k in {"a": 1}]', "['a']", "raised"),
    ("TS305_list", 'list({"a": 1})', "['a']", "raised"),
    ("TS401", "9007199254740993", "9007199254740993", "9007199254740992"),
    ("TS402", "2 ** 60 + 1", "1152921504606846977", "1152921504606847000"),
    ("TS403", "1 << 40", "1099511627776", "256"),
    ("TS403_and", "2 ** 32 & 2 ** 32", "4294967296", "0"),
    ("TS403_or", "2 ** 40 | 1", "1099511627777", "1"),
    ("TS501", "[1, 2, 3][-1]", "3", "None"),
    ("TS502", "sorted(ROWS, key=first, reverse=True)", "[[2, 'd'], [1, 'a'], [1, 'c'], [1, 'e'], [0, 'b']]", "[[2, 'd'], [1, 'e'], [1, 'c'], [1, 'a'], [0, 'b']]"),
    ("TS601", "scale(2, factor=3)", "6", "2"),
    ("TS602", 'len(re.findall("\\\\w+", "caf\\u00e9")[0])', "4", "3"),
    ("TS604", "count_items([1, 2, 3])", "3", "raised"),
    ("TS606", "method_as_value()", "6", "raised"),
    ("TS607", "Child().double(3)", "7", "raised"),
    ("TS607_super", "SuperChild().double(3)", "7", "raised"),
    ("TS701_w", 'matches(_host.compile_pattern("\\\\w"), "\\u00e9")', "1", "0"),
    ("TS701_d", 'matches(_host.compile_pattern("\\\\d"), "\\u0663")', "1", "0"),
    ("TS701_s", 'matches(_host.compile_pattern("\\\\s"), "\\x1c\\x85")', "2", "0"),
    ("TS701_b", 'matches(_host.compile_pattern("\\\\b"), "\\u00e9")', "2", "0"),
    ("TS703", 'matches(_host.compile_pattern("(?P<w>a)"), "a")', "1", "raised"),
    ("TS704", 'matches(_host.compile_pattern("(?i)a"), "A")', "1", "raised"),
    ("TS705", 'matches(_host.compile_pattern("\\\\Aa"), "a")', "1", "raised"),
    ("TS706_possessive", 'matches(_host.compile_pattern("a++"), "aa")', "1", "raised"),
    ("TS706_atomic", 'matches(_host.compile_pattern("(?>a)"), "a")', "1", "raised"),
    ("TS707", 'matches(_host.compile_pattern("a.b"), "a\\rb")', "1", "0"),
    ("TS708", 'matches(_host.compile_pattern("a$"), "a\\n")', "1", "0"),
    ("TS709_brace", 'matches(_host.compile_pattern("a{,2}"), "aa")', "2", "raised"),
    ("TS709_class", 'matches(_host.compile_pattern("[]a]"), "]")', "1", "raised"),
    ("TS710", 'matches(_host.compile_pattern("(a)?\\\\1b"), "b")', "0", "1"),
    ("TS711", 'TextCleaner(lowercase=False, rules=[["b??", "-"]], strip_html=False, strip_punctuation=False).transform(["b"])[0]', "'---'", "'-b-'"),
]

# What the rules allow, measured to agree.
AGREEMENTS = [
    ("TS501_slices", '[[1, 2, 3][-2:], "abcde"[1:-1], [1, 2, 3][::-1], "abc"[-9:], [1, 2, 3][-1::-2]]'),
    ("TS205_ascii", '["SUBJECT:".lower() == "subject:", "\\u212a".lower() == "k", "\\u00df".upper() == "SS"]'),
    ("TS601_kwargs", "scale_kwargs(2, factor=3)"),
    ("TS502_ascending", "sorted(ROWS, key=first)"),
    ("TS201_empty", 'len("") == 0'),
    ("TS606_called", "[Counter().double(3), Triple().triple(2), HookChild().double(3)]"),
]

PRELUDE = '''
import re

from featurizers import TextCleaner, _host

ROWS = [[1, "a"], [0, "b"], [1, "c"], [2, "d"], [1, "e"]]


def first(row):
    return row[0]


def show(label, value):
    print(label + " " + repr(value))


def probe(label, compute):
    try:
        show(label, compute())
    except:  # noqa: E722 (a JS TypeError is no Python Exception)
        print(label + " raised")


def matches(compiled, text):
    return len(_host.findall(compiled, text))


# CPython's compile_pattern refuses the patterns the TS7xx probes show (the portable-subset check):
# here it compiles them, as it did before that check, to show what each one means in CPython.
# __pragma__('skip')
_host.compile_pattern = re.compile
# __pragma__('noskip')


def augmented_concat():
    xs = [1]
    xs += [2]
    return xs


def computed_key():
    key = "__proto__"
    d = {key: 1}
    return list(d.keys())


def lookup(key):
    d = {"a": 1}
    return d.get(key, -1)


def proto_key():
    d = {}
    d["__proto__"] = 5
    return list(d.keys())


def scale(x, factor=1):
    return x * factor


# __pragma__('kwargs')
def scale_kwargs(x, factor=1):
    return x * factor
# __pragma__('nokwargs')


# __pragma__('jscall')  # as every featurizers module: methods compiled as native JS methods
class Counter:
    def __init__(self):
        self.n = 2

    def double(self, x):
        return x * self.n

    def _extra(self):
        return 0

    def with_hook(self, x):
        return x * self.n + self._extra()


class Child(Counter):
    def double(self, x):
        return Counter.double(self, x) + 1


class Triple(Counter):
    def triple(self, x):
        return self.double(x) + x


class SuperChild(Counter):
    def double(self, x):
        return super().double(x) + 1


class HookChild(Counter):
    def _extra(self):
        return 1

    def double(self, x):
        return self.with_hook(x)


def method_as_value():
    f = Counter().double
    return f(3)


# __pragma__('skip')
def count_items(items):
    return len(items)
# __pragma__('noskip')

# __pragma__('ecom')
"""?
def count_items(items):
    return __pragma__('js', '{}', 'items.length')
?"""
# __pragma__('noecom')

'''


def snippet():
    lines = [PRELUDE]
    for label, expression, *_ in PROBES + AGREEMENTS:
        lines.append(f"probe({label!r}, lambda: {expression})")
    return "\n".join(lines) + "\n"


def parse(output):
    results = {}
    for line in output.splitlines():
        label, _, value = line.partition(" ")
        results[label] = value
    return results


def run_node(target, module):
    result = subprocess.run(
        ["node", "--input-type=module", "-e", f"import({str(target / f'{module}.js')!r})"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def transcrypt(staging, module):
    result = subprocess.run(
        build.transcrypt_command(f"{module}.py"), cwd=staging, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    target = staging / "__target__"
    runtime_patches.apply(target)
    return target


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """``(CPython results, Node results)``: label -> repr of the value, or "raised"."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    source = snippet()
    python_dir = tmp_path_factory.mktemp("cpython")
    (python_dir / "snippet.py").write_text(source, encoding="utf-8")
    cpython = subprocess.run(
        [sys.executable, "-W", "ignore", "snippet.py"], cwd=python_dir, capture_output=True, text=True, timeout=60
    )
    assert cpython.returncode == 0, cpython.stderr
    staging = tmp_path_factory.mktemp("transcrypt")
    build.stage_sources(staging, "snippet", source)
    target = transcrypt(staging, "snippet")
    node = run_node(target, "snippet")
    assert node.returncode == 0, node.stderr
    return parse(cpython.stdout), parse(node.stdout)


@pytest.mark.parametrize("label, expression, python, javascript", PROBES, ids=[p[0] for p in PROBES])
def test_construct_diverges(outputs, label, expression, python, javascript):
    cpython, node = outputs
    assert (cpython[label], node[label]) == (python, javascript), expression
    assert cpython[label] != node[label]


@pytest.mark.parametrize("label, expression", AGREEMENTS, ids=[a[0] for a in AGREEMENTS])
def test_allowed_construct_agrees(outputs, label, expression):
    cpython, node = outputs
    assert cpython[label] == node[label], expression


def test_every_divergence_probed_is_a_rule_the_checker_has():
    probed = {label.split("_")[0] for label, *_ in PROBES}
    policy = {"TS000", "TS603", "TS605", "TS702"}  # TS605 below; the others are no runtime divergence
    assert probed == set(check.RULES) - policy


def test_the_checker_rejects_every_probe_and_allows_every_agreement():
    """The snippet is the rules' test bed: each probe's rule fires on the probe's line (or in the
    helper function or class it calls; TS602 on ``import re``), and no rule fires on an agreement's line."""
    source = snippet()
    findings = check.check_source(source, "snippet.py")
    lines = source.splitlines()
    helpers = {
        node.name: range(node.lineno, node.end_lineno + 1)
        for node in ast.walk(ast.parse(check.transcrypt_view(source)))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    }
    for label, expression, *_ in PROBES:
        rule = label.split("_")[0]
        line = lines.index(f"probe({label!r}, lambda: {expression})") + 1
        called = expression.split("(")[0]
        where = [line] + list(helpers.get(called, [])) if rule != "TS602" else range(1, len(lines) + 1)
        assert any(f.rule == rule and f.line in where for f in findings), (label, [str(f) for f in findings if f.line in where])
    for label, expression in AGREEMENTS:
        line = lines.index(f"probe({label!r}, lambda: {expression})") + 1
        assert [str(f) for f in findings if f.line == line] == []
    assert {f.rule for f in findings} == {label.split("_")[0] for label, *_ in PROBES}


def test_js_reserved_word_breaks_the_module(tmp_path):
    """TS605: a parameter named ``this`` makes the whole compiled module a JS syntax error."""
    (tmp_path / "reserved.py").write_text("def f(this):\n    return this + 1\n\n\nprint(f(1))\n", encoding="utf-8")
    target = transcrypt(tmp_path, "reserved")
    node = run_node(target, "reserved")
    assert node.returncode != 0 and "SyntaxError" in node.stderr


def test_no_character_maps_into_ascii_differently(tmp_path):
    """Why TS205 allows ``s.lower() == "ascii"``: every code point whose lower() or upper()
    differs between CPython and Node maps to non-ASCII text in both, so comparing the result
    with an ASCII constant gives one answer."""
    script = (
        "const out = [];"
        "for (let cp = 0; cp < 0x110000; cp++) {"
        "  if (cp >= 0xd800 && cp < 0xe000) continue;"
        "  const c = String.fromCodePoint(cp);"
        "  out.push([c.toLowerCase(), c.toUpperCase()]);"
        "}"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, timeout=60)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    code_points = [cp for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    assert len(rows) == len(code_points)
    ascii_only = re.compile(r"[\x00-\x7f]*\Z")
    differing = 0
    for cp, row in zip(code_points, rows):
        js_lower, js_upper = row
        for python, javascript in ((chr(cp).lower(), js_lower), (chr(cp).upper(), js_upper)):
            if python != javascript:
                differing += 1
                assert not ascii_only.match(python) and not ascii_only.match(javascript), hex(cp)
    assert differing > 0  # the divergence TS205 is about is real
