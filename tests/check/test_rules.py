"""Each rule of the restricted-subset checker: a rejected snippet (rule, line, column) and an
accepted rewrite that passes with no finding at all. Columns are 1-based characters."""

import re
from pathlib import Path

import pytest

from featurizers.compiler import check

HOST = "from featurizers import _host\n"
PORTABLE = "from featurizers import portable\n"

# (rule, rejected source, line, column)
REJECTED = [
    ("TS000", "x = (\n", 1, 5),
    ("TS101", "zeros = [0] * n\n", 1, 9),
    ("TS101", "zeros = n * (0,)\n", 1, 9),
    ("TS102", 'line = "-" * 10\n', 1, 8),
    ("TS103", "both = [1] + rest\n", 1, 8),
    ("TS103", "xs = []\nxs += [2]\n", 2, 1),
    ("TS104", "same = xs == [1, 2]\n", 1, 8),
    ("TS104", "same = sorted(a) != sorted(b)\n", 1, 8),
    ("TS105", 'message = "%d items" % n\n', 1, 11),
    ("TS106", "ok = count is 1000\n", 1, 6),
    ("TS201", 'n = len("abc")\n', 1, 5),
    ("TS201", 'n = len(text.replace("a", "bc"))\n', 1, 5),
    ("TS201", 'label = "x"\nn = len(label)\n', 2, 5),
    ("TS202", "words = text.split()\n", 1, 9),
    ("TS202", "lines = text.splitlines()\n", 1, 9),
    ("TS203", "t = text.strip()\n", 1, 5),
    ("TS203", 't = text.rstrip("x")\n', 1, 5),
    ("TS204", "ok = c.isalpha()\n", 1, 6),
    ("TS204", "ok = c.isspace()\n", 1, 6),
    ("TS205", "low = text.lower()\n", 1, 7),
    ("TS205", 'same = a.upper() == "É"\n', 1, 8),
    ("TS206", "s = str(total / count)\n", 1, 5),
    ("TS206", "s = f'mean {1.5}'\n", 1, 5),
    ("TS207", "s = f'{x:.2f}'\n", 1, 5),
    ("TS207", 's = "{:>3}".format(x)\n', 1, 5),
    ("TS208", "c = ord(ch)\n", 1, 5),
    ("TS209", 'i = text.rfind(" ", 3)\n', 1, 5),
    ("TS209", 'i = text.find(" ", 0, 9)\n', 1, 5),
    ("TS209", 'i = text.find(" ", -2)\n', 1, 5),
    ("TS301", 'd = {1: "x"}\n', 1, 6),
    ("TS301", "v = table[(1, 2)]\n", 1, 11),
    ("TS301", 'd = {"a": 1}\nv = d[0]\n', 2, 7),
    ("TS302", "d = {name: 1}\n", 1, 6),
    ("TS302", "d = {k: 0 for k in keys}\n", 1, 6),
    ("TS303", "d = {}\nv = d.get(key, 0)\n", 2, 5),
    ("TS303", "d = dict()\nfound = key in d\n", 2, 9),
    ("TS304", 'config["__proto__"] = 1\n', 1, 8),
    ("TS304", 'd = {"constructor": 1}\n', 1, 6),
    ("TS304", 'd = {}\nfound = "py_keys" in d\n', 2, 9),
    ("TS305", 'd = {"a": 1}\nfor k in d:\n    pass\n', 2, 10),
    ("TS305", 'keys = [k for k in {"a": 1}]\n', 1, 20),
    ("TS305", 'keys = list({"a": 1})\n', 1, 8),
    ("TS401", "big = 9007199254740993\n", 1, 7),
    ("TS402", "p = 2 ** 60\n", 1, 5),
    ("TS403", "s = x << 3\n", 1, 5),
    ("TS403", "s = ~x\n", 1, 5),
    ("TS501", "last = xs[-1]\n", 1, 8),
    ("TS502", "ranked = sorted(xs, reverse=True)\n", 1, 10),
    ("TS502", "xs.sort(key=f, reverse=True)\n", 1, 1),
    ("TS601", "def scale(x, factor=1):\n    return x * factor\n\n\ny = scale(2, factor=3)\n", 5, 5),
    ("TS601", "from featurizers import EmailBody\n\nbody = EmailBody(keep_subject=False)\n", 3, 8),
    ("TS601", "from featurizers import Pipeline\n\npipe = Pipeline([])\npipe.fit(data=[])\n", 4, 1),
    ("TS602", "import re\n", 1, 1),
    ("TS603", "import json\n", 1, 1),
    ("TS603", "from featurizers.compiler import build\n", 1, 1),
    ("TS603", "from featurizers import load_pipeline\n", 1, 1),
    ("TS604", "def count(items):\n    return __pragma__('js', '{}', 'items.length')\n", 2, 35),
    ("TS605", "def f(this):\n    return this\n", 1, 7),
    ("TS606", "class A:\n    def f(self):\n        return 1\n\n\ng = A().f\n", 6, 5),
    ("TS606", "class A:\n    def f(self, x):\n        return x\n\n    def g(self, xs):\n        return map(self.f, xs)\n", 6, 20),
    ("TS607", "class A:\n    def f(self):\n        return 1\n\n\nclass B(A):\n    def f(self):\n        return A.f(self) + 1\n", 8, 16),
    ("TS607", "class A:\n    def f(self):\n        return 1\n\n\nclass B(A):\n    def f(self):\n        return super().f() + 1\n", 8, 16),
    ("TS605", "var = 1\n", 1, 1),
    ("TS701", HOST + 'WORD = _host.compile_pattern("\\\\w+")\n', 2, 30),
    ("TS701", PORTABLE + 'DIGITS = portable.compile("[\\\\d.]+")\n', 2, 27),
    ("TS701", 'SPACE_PATTERN = "[\\\\s,]"\n', 1, 17),
    ("TS701", 'from featurizers import TextCleaner\n\ncleaner = TextCleaner(rules=[["\\\\d+", " NUM "]])\n', 3, 31),
    ("TS702", 'AFTER_PATTERN = "(?<=a)b"\n', 1, 17),
    ("TS703", 'WORD_PATTERN = "(?P<word>[a-z]+)"\n', 1, 16),
    ("TS704", 'ABC_PATTERN = "(?i)abc"\n', 1, 15),
    ("TS705", 'START_PATTERN = "\\\\Aabc"\n', 1, 17),
    ("TS706", 'RUN_PATTERN = "[a-z]++"\n', 1, 15),
    ("TS706", 'RUN_PATTERN = "(?>ab)"\n', 1, 15),
    ("TS707", 'ANY_PATTERN = "a.c"\n', 1, 15),
    ("TS708", 'END_PATTERN = "abc$"\n', 1, 15),
    ("TS709", 'FEW_PATTERN = "a{,3}"\n', 1, 15),
    ("TS709", 'CLASS_PATTERN = "[]a]"\n', 1, 17),
    ("TS710", 'TWICE_PATTERN = "(a)?\\\\1b"\n', 1, 17),
    ("TS711", 'from featurizers import TextCleaner\n\ncleaner = TextCleaner(rules=[["b??", "-"]])\n', 3, 31),
]

# (rule, the portable rewrite): no finding at all
ACCEPTED = [
    ("TS000", "x = (1)\n"),
    ("TS101", "zeros = [0 for _ in range(n)]\n"),
    ("TS102", 'line = "".join(["-" for _ in range(10)])\n'),
    ("TS103", "both = [1]\nfor x in rest:\n    both.append(x)\n"),
    ("TS104", "same = len(xs) == 2 and xs[0] == 1 and xs[1] == 2\n"),
    ("TS105", 'message = f"{n} items"\n'),
    ("TS106", "ok = count is None or flag is True\n"),
    ("TS201", PORTABLE + 'n = len(words)\nempty = len(text.replace("a", "")) == 0\nm = portable.cp_len("abc")\n'),
    ("TS202", PORTABLE + 'fields = text.split(",")\nwords = portable.split(text)\nlines = portable.splitlines(text)\n'),
    ("TS203", PORTABLE + 'while text.startswith("x"):\n    text = text[1:]\nt = portable.strip(text)\n'),
    ("TS204", PORTABLE + 'ok = c == "a" or portable.is_alpha(c) and portable.is_upper(c)\n'),
    ("TS205", PORTABLE + 'low = portable.lower(text)\nsubject = line[:8].lower() == "subject:"\n'),
    ("TS206", "s = str(total // count)\n"),
    ("TS207", "s = f'{x} of {n}'\n"),
    ("TS208", PORTABLE + 'c = ord("a")\nz = chr(90)\nd = portable.code_point(ch)\n'),
    ("TS209", 'i = text.find(" ", start + 4)\nj = text.rfind(" ")\nk = text[4:].rfind(" ")\n'),
    ("TS301", 'd = {"1": "x"}\nv = xs[0]\n'),
    ("TS302", 'd = {"name": 1}\n'),
    ("TS303", PORTABLE + 'd = {}\nv = d.get("type", 0)\nm = portable.StrMap()\nw = m.get(key, 0)\nfound = portable.has_key(config, key)\n'),
    ("TS304", 'config["type"] = 1\nconfig[name] = 2\n'),
    ("TS305", 'd = {"a": 1}\nfor k in ["a"]:\n    pass\n'),
    ("TS401", "big = 9007199254740991\n"),
    ("TS402", "p = 2 ** 52\nq = 2.0 ** 60\n"),
    ("TS403", "s = x * 2 ** 3\nt = x // 8\nu = x % 8\n"),
    ("TS501", "last = xs[len(xs) - 1]\ntail = xs[-2:]\nhead = text[:-1]\n"),
    ("TS502", PORTABLE + "ranked = sorted(xs)\nbackwards = portable.sort_with(xs, compare)\nxs.sort(reverse=False)\n"),
    ("TS601", "# __pragma__('kwargs')\ndef scale(x, factor=1):\n    return x * factor\n# __pragma__('nokwargs')\n\n\ny = scale(2, factor=3)\n"),
    ("TS601", "from featurizers import Vocabulary\n\nvocabulary = Vocabulary(max_tokens=10)\nranked = sorted(xs, key=len)\n"),
    ("TS602", "# __pragma__('skip')\nimport re\n# __pragma__('noskip')\n"),
    ("TS603", "import featurizers\nfrom featurizers import TextCleaner, _host\nfrom featurizers.base import Featurizer\n"),
    ("TS604", "def count(rows):\n    return __pragma__('js', '{}', 'rows.length')\n"),
    ("TS604", "def keys(self):\n    return __pragma__('js', '{}', 'Array.from(self._items.keys())')\n"),
    ("TS605", "def f(self_):\n    return self_\n"),
    ("TS606", HOST + "class A:\n    def f(self, x):\n        return x\n\n    def g(self, xs):\n        return [self.f(x) for x in xs]\n\n\nlower = _host.lower\nn = A().f(1)\n"),
    ("TS607", "class A:\n    def __init__(self):\n        self.n = 1\n\n    def f(self):\n        return self._g()\n\n    def _g(self):\n        return 1\n\n\nclass B(A):\n    def __init__(self):\n        A.__init__(self)\n\n    def _g(self):\n        return 2\n"),
    ("TS701", HOST + 'WORD = _host.compile_pattern("[a-z0-9_]+")\nSPACE = _host.compile_pattern("[" + _host.WHITESPACE + "]+")\n'),
    ("TS701", PORTABLE + 'WORD = portable.compile("[" + portable.WORD_CHARS + "]+")\nNUMBER = portable.compile("[" + portable.DECIMAL_CHARS + ".,]+")\n'),
    ("TS701", 'from featurizers import TextCleaner\n\ncleaner = TextCleaner(rules=[["[0-9]+", " NUM "]])\n'),
    ("TS702", 'AFTER_PATTERN = "ab"\n'),
    ("TS703", 'WORD_PATTERN = "([a-z]+)(?:,)"\n'),
    ("TS704", 'ABC_PATTERN = "[aA][bB][cC]"\n'),
    ("TS705", 'START_PATTERN = "^abc"\n'),
    ("TS706", 'RUN_PATTERN = "[a-z]+?[0-9]{1,64}"\n'),
    ("TS707", 'ANY_PATTERN = "a[.][^\\\\n]c"\n'),
    ("TS708", 'END_PATTERN = "abc[$]"\n'),
    ("TS709", 'FEW_PATTERN = "a{0,3}[\\\\]a]"\n'),
    ("TS710", 'TWICE_PATTERN = "(a)\\\\1b"\n'),
    ("TS711", 'from featurizers import TextCleaner\n\ncleaner = TextCleaner(rules=[["b+", "-"]])\nEMPTY_PATTERN = "b??"\n'),
]


def findings_of(source):
    return check.check_source(source, "snippet.py")


@pytest.mark.parametrize("rule, source, line, col", REJECTED, ids=[f"{r[0]}-{i}" for i, r in enumerate(REJECTED)])
def test_rejected(rule, source, line, col):
    findings = findings_of(source)
    assert [(f.rule, f.line, f.col) for f in findings if f.rule == rule] == [(rule, line, col)], [str(f) for f in findings]


@pytest.mark.parametrize("rule, source", ACCEPTED, ids=[f"{r[0]}-{i}" for i, r in enumerate(ACCEPTED)])
def test_accepted(rule, source):
    assert [str(f) for f in findings_of(source)] == []


def test_every_rule_has_a_rejected_and_an_accepted_snippet():
    assert {rule for rule, *_ in REJECTED} == set(check.RULES)
    assert {rule for rule, _ in ACCEPTED} == set(check.RULES)


def test_module_docstring_lists_every_rule():
    assert check.rules_table() in check.__doc__
    assert {line.split()[1] for line in check.__doc__.splitlines() if re.match(r"\| TS\d{3} ", line)} == set(check.RULES)


def test_every_operation_a_rewrite_names_is_in_portable():
    from featurizers import portable

    named = set()
    for rule in check.RULES.values():
        named |= set(re.findall(r"portable\.([A-Za-z_]+)", rule.rewrite))
    assert named and {name for name in named if not hasattr(portable, name)} == set()


@pytest.mark.parametrize(
    "source, rewrite",
    [
        ("ok = ch.isupper()\n", 'portable.is_upper(ch), or "[" + portable.UPPER_CHARS + "]" in a pattern'),
        ("ok = word.isdecimal()\n", 'portable.is_decimal(word), or "[" + portable.DECIMAL_CHARS + "]" in a pattern'),
        ("ok = name.isidentifier()\n", "portable.is_identifier(name)"),
        ("low = line.lower()\n", "portable.lower(line)"),
        ("words = line.split()\n", "portable.split(line)"),
        ("lines = text.splitlines()\n", "portable.splitlines(text)"),
        ("t = text.rstrip()\n", "portable.rstrip(text)"),
        ('P_PATTERN = "\\\\s+"\n', '"[" + portable.SPACE_CHARS + "]" (or portable.SPACE_CHARS inside a class): what CPython means by \\s'),
        ('P_PATTERN = "[^\\\\W_]"\n', '"[^" + portable.WORD_CHARS + "]" (or portable.WORD_CHARS inside a class): what CPython means by \\W'),
    ],
)
def test_a_construct_with_one_portable_spelling_is_told_it(source, rewrite):
    from featurizers import portable

    (finding,) = findings_of(source)
    assert str(finding).endswith(": " + rewrite)
    for name in re.findall(r"portable\.([A-Za-z_]+)", rewrite):
        assert hasattr(portable, name)


def test_finding_prints_file_line_col_rule_construct_and_rewrite():
    (finding,) = findings_of("zeros = [0] * n\n")
    assert str(finding) == (
        "snippet.py:1:9: TS101 list repetition `[0] * n`: build the list with a comprehension: [x for _ in range(n)]"
    )


def test_columns_count_characters_not_bytes():
    (finding,) = [f for f in findings_of('s = "éé"; zeros = [0] * n\n') if f.rule == "TS101"]
    assert finding.col == 19


def test_skip_regions_are_not_checked():
    source = "# __pragma__('skip')\nimport re\nzeros = [0] * 3\n# __pragma__('noskip')\nok = 1\n"
    assert findings_of(source) == []


def test_pragma_call_form_is_honoured():
    source = "__pragma__('skip')\nimport json\n__pragma__('noskip')\n"
    assert findings_of(source) == []


def test_ecom_code_is_checked_as_transcrypt_sees_it():
    source = (
        "# __pragma__('skip')\nzeros = [0, 0, 0]\n# __pragma__('noskip')\n"
        "# __pragma__('ecom')\n\"\"\"?\nzeros = [0] * 3\n?\"\"\"\n# __pragma__('noecom')\n"
    )
    assert [(f.rule, f.line, f.col) for f in findings_of(source)] == [("TS101", 6, 9)]


def test_kwargs_region_is_a_line_range():
    source = (
        "def a(x=1):\n    return x\n\n\n# __pragma__('kwargs')\ndef b(x=1):\n    return x\n# __pragma__('nokwargs')\n\n\n"
        "def c(x=1):\n    return x\n\n\nr = [a(x=2), b(x=2), c(x=2)]\n"
    )
    assert [(f.rule, f.col) for f in findings_of(source)] == [("TS601", 6), ("TS601", 22)]


def test_types_are_not_guessed_for_parameters():
    source = "def f(xs, text, d, i):\n    return [xs * 2, xs + ys, len(text), d.get(text), xs[i], xs == xs]\n"
    assert [(f.rule) for f in findings_of(source)] == []


def test_self_attributes_bound_to_dicts_are_dicts():
    source = "class A:\n    def __init__(self):\n        self.table = {}\n\n    def find(self, key):\n        return self.table.get(key)\n"
    assert [(f.rule, f.line) for f in findings_of(source)] == [("TS303", 6)]


def test_patterns_are_followed_through_names_and_modules():
    source = HOST + 'DOT = "."\nEND = _host.WHITESPACE + DOT\nP = _host.compile_pattern("[a-z]" + END)\n'
    assert [(f.rule, f.line, f.col) for f in findings_of(source)] == [("TS707", 2, 7)]


def test_imports_are_followed_into_the_package_but_not_python_only_parts_or_skip_regions(tmp_path):
    package = tmp_path / "featurizers"
    (package / "compiler").mkdir(parents=True)
    (package / "__init__.py").write_text("from featurizers.helpers import zeros\n", encoding="utf-8")
    (package / "helpers.py").write_text("def zeros(n):\n    return [0] * n\n", encoding="utf-8")
    (package / "skipped.py").write_text("import re\n", encoding="utf-8")
    (package / "compiler" / "__init__.py").write_text("import re\n", encoding="utf-8")
    source = "from featurizers import zeros\n# __pragma__('skip')\nfrom featurizers import skipped, compiler\n# __pragma__('noskip')\n"
    findings = check.check_source(source, "pipeline.py", package_dir=package, cwd=tmp_path)
    assert [str(f) for f in findings] == [
        "featurizers/helpers.py:2:12: TS101 list repetition `[0] * n`: build the list with a comprehension: [x for _ in range(n)]"
    ]


def test_python_only_files_given_are_left_out():
    package = check.PACKAGE_DIR
    assert check.check_files([package / "__main__.py", package / "cli" / "main.py"]) == []


def test_the_project_passes():
    package = check.PACKAGE_DIR
    root = package.parent.parent
    files = sorted(package.glob("*.py")) + [root / "pipelines" / "pipeline.py"]
    assert [str(f) for f in check.check_files(files)] == []


def test_renamed_names_are_transcrypts_own_list():
    import transcrypt

    compiler = Path(list(transcrypt.__path__)[0]) / "modules" / "org" / "transcrypt" / "compiler.py"
    text = compiler.read_text(encoding="utf-8")
    block = text[text.index("# START predef_aliases") : text.index("# END predef_aliases")]
    renamed = {python for python, js in re.findall(r"\('(\w+)', '(\w+)'\)", block) if not python.startswith("js_")}
    assert check.TRANSCRYPT_RENAMED == renamed - {"is"}  # `is` is a Python keyword, never a name


def test_scan_pattern_reads_classes_and_escapes():
    assert check.scan_pattern("[.$\\\\]\\.\\$a{2}?x{1,}") == []
    assert [rule for _, rule, _ in check.scan_pattern("(?:a)(?=b)(?!c)[^]]")] == ["TS709"]


def test_rules_do_not_walk_annotations():
    assert findings_of("def f(x: dict[str, int]) -> tuple[int, int]:\n    return x\n") == []

