"""The build: reproducible bundles, the Transcrypt runtime patch, the generated Unicode table, lazy tfjs.

The flagship is rebuilt in place (js_dist/pipeline.js): the same sources give the same bytes, so
the rebuild leaves the bundle the other tests use as it was.
"""

import hashlib
import json
import os
import re
import subprocess

import pytest
from harness import ROOT

from featurizers.compiler import runtime_patches, unicode_tables
from featurizers.compiler.build import build, build_library

# Transcrypt heads every module with "// Transcrypt'ed from Python, YYYY-MM-DD HH:MM:SS".
TRANSCRYPT_TIMESTAMP = "Transcrypt'ed from Python, 20"
DATE_TIME = re.compile(rb"20\d\d-[01]\d-[0-3]\d[ T][0-2]\d:[0-5]\d")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def run_node(script, *args, cwd=ROOT):
    """``node -e SCRIPT ARGS...`` (strict mode); returns stdout, failing the test on a non-zero exit."""
    result = subprocess.run(
        ["node", "-e", "'use strict';\n" + script, "--", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def built_files(flagship):
    """Every file the build writes for the flagship: the package and the two entry points."""
    dist = flagship.dist_dir.parent
    paths = sorted(flagship.dist_dir.rglob("*")) + [dist / "pipeline.js", dist / "pipeline.browser.js"]
    return {str(path.relative_to(dist)): path.read_bytes() for path in paths if path.is_file()}


@pytest.fixture(scope="module")
def flagship_builds(flagship):
    """All the flagship's built files, after each of two builds in a row: [{path: bytes}, {path: bytes}]."""
    builds = []
    for _ in range(2):
        build(flagship.name, flagship.root, log=lambda *_: None)
        builds.append(built_files(flagship))
    return builds


def code_files(files):
    """The generated code, not tfjs' chunks nor binary or data files."""
    return {path: data for path, data in files.items() if path.endswith((".js", ".mjs", ".ts", ".json", ".html"))
            and "/chunks/" not in path and "/model/" not in path}


@pytest.fixture(scope="module")
def library_builds(tmp_path_factory):
    """The library bundle built into two different directories: [(path, bytes), (path, bytes)]."""
    builds = []
    for name in ("first", "second"):
        path = build_library(tmp_path_factory.mktemp(name) / "f.cjs", ROOT)
        builds.append((path, path.read_bytes()))
    return builds


# --- reproducibility ------------------------------------------------------------------------


def test_building_the_flagship_twice_gives_byte_identical_files(flagship_builds):
    first, second = flagship_builds
    assert "pipeline/index.js" in first and "pipeline/browser.js" in first and "pipeline/package.json" in first
    assert sorted(first) == sorted(second)
    assert [path for path in first if sha256(first[path]) != sha256(second[path])] == []


def test_the_library_bundle_is_byte_identical_whatever_its_output_directory(library_builds):
    (first_path, first), (second_path, second) = library_builds
    assert first_path.parent != second_path.parent
    assert sha256(first) == sha256(second), "the bundle depends on the directory it is built in"
    assert first == second


def test_the_flagship_code_embeds_no_build_timestamp(flagship_builds):
    for path, data in code_files(flagship_builds[-1]).items():
        assert TRANSCRYPT_TIMESTAMP.encode() not in data, path
        assert DATE_TIME.search(data) is None, path


def test_the_flagship_code_embeds_no_absolute_path_of_the_machine(flagship, flagship_builds):
    for file, data in code_files(flagship_builds[-1]).items():
        for path in {str(flagship.root), str(ROOT), "/work/main", os.path.expanduser("~")}:
            assert path.encode() not in data, (file, path)


def test_the_library_bundle_embeds_no_timestamp_nor_path_of_its_build_directory(library_builds):
    for path, bundle in library_builds:
        assert TRANSCRYPT_TIMESTAMP.encode() not in bundle
        assert DATE_TIME.search(bundle) is None
        for machine_path in [os.path.relpath(path.parent, ROOT), str(path.parent), str(ROOT)]:
            assert machine_path.encode() not in bundle, machine_path


# --- the Transcrypt runtime patch -----------------------------------------------------------

CLASS_ANCHOR, CLASS_PATCHED = runtime_patches.CLASS_FUNCTION_PROPERTIES


def test_the_runtime_patch_refuses_a_runtime_without_its_anchor(tmp_path):
    runtime = tmp_path / runtime_patches.RUNTIME
    source = "// another Transcrypt's runtime\nvar cls = function () {};\n"
    runtime.write_text(source, encoding="utf-8")
    with pytest.raises(RuntimeError, match=re.escape(str(runtime))):
        runtime_patches.apply(tmp_path)
    assert runtime.read_text(encoding="utf-8") == source, "a refused runtime must be left untouched"


def test_the_runtime_patch_refuses_a_runtime_with_its_anchor_twice(tmp_path):
    runtime = tmp_path / runtime_patches.RUNTIME
    runtime.write_text(CLASS_ANCHOR + CLASS_ANCHOR, encoding="utf-8")
    with pytest.raises(RuntimeError, match=re.escape(str(runtime))):
        runtime_patches.apply(tmp_path)


def test_every_runtime_patch_replaces_its_anchor_exactly_once(tmp_path):
    patches = runtime_patches.PATCHES[runtime_patches.RUNTIME]
    runtime = tmp_path / runtime_patches.RUNTIME
    runtime.write_text("// before\n" + "// between\n".join(a for a, _ in patches) + "// after\n", encoding="utf-8")
    runtime_patches.apply(tmp_path)
    expected = "// before\n" + "// between\n".join(r for _, r in patches) + "// after\n"
    assert runtime.read_text(encoding="utf-8") == expected


def test_the_compiled_runtime_carries_the_patch(library_builds):
    path, _ = library_builds[0]
    runtime = path.parent / "library" / "py" / "__target__" / runtime_patches.RUNTIME
    assert runtime.read_text(encoding="utf-8").count(CLASS_PATCHED) == 1


def test_a_featurizer_attribute_named_length_is_set_in_node(library_builds):
    from featurizers import PadSequences

    path, _ = library_builds[0]
    output = run_node(
        "const { featurizers } = require(process.argv[1]);\n"
        "console.log(JSON.stringify(featurizers.PadSequences(3).get_config()));",
        path,
    )
    config = json.loads(output)
    assert config["length"] == 3
    assert config == PadSequences(3).get_config()


def test_a_featurizer_attribute_named_name_is_set_in_node(library_builds):
    path, _ = library_builds[0]
    output = run_node(
        "const { featurizers } = require(process.argv[1]);\n"
        "const pad = featurizers.PadSequences(3);\n"
        "const before = pad.name;\n"
        "pad.name = 'padder';\n"  # throws in strict mode if `name` is the class function's read-only one
        "pad.length = 5;\n"
        "console.log(JSON.stringify({ before: before === undefined, name: pad.name, length: pad.length,"
        " other: featurizers.PadSequences(4).name === undefined }));",
        path,
    )
    assert json.loads(output) == {"before": True, "name": "padder", "length": 5, "other": True}


# --- the generated Unicode table ------------------------------------------------------------


def test_the_generated_unicode_table_is_current_for_this_cpython():
    with open(unicode_tables.TARGET, encoding="utf-8", newline="") as f:
        committed = f.read()
    assert committed == unicode_tables.render(), (
        f"{unicode_tables.TARGET.relative_to(ROOT)} is stale for this CPython's Unicode "
        f"{unicode_tables.unicodedata.unidata_version} or this Node's: regenerate it with "
        "`python -m featurizers.compiler.unicode_tables`, then rebuild the bundles"
    )


# --- lazy TensorFlow.js ---------------------------------------------------------------------

LOADED_TFJS = """
const pipeline = require('./js_dist/pipeline.js');
const loaded = () => Object.keys(require.cache).filter((path) => path.includes('@tensorflow'));
const report = { afterRequire: loaded() };
pipeline.transform(['free money now', 'hello Bob']);
report.afterTransform = loaded();
(async () => {
  if (process.argv[1] === 'predict') {
    await pipeline.predict(['free money now']);
    report.afterPredict = loaded();
  }
  console.log(JSON.stringify(report));
})().catch((error) => { console.error(error); process.exitCode = 1; });
"""


def test_requiring_the_bundle_and_transforming_does_not_load_tensorflow_js(flagship):
    report = json.loads(run_node(LOADED_TFJS, "transform", cwd=flagship.root))
    assert report == {"afterRequire": [], "afterTransform": []}


def test_predict_loads_tensorflow_js(flagship):
    """The control for the test above: the check does see tfjs once predict has loaded it."""
    report = json.loads(run_node(LOADED_TFJS, "predict", cwd=flagship.root))
    assert report["afterTransform"] == []
    assert any("@tensorflow/tfjs" in path for path in report["afterPredict"])


def test_every_method_the_runtime_gives_a_builtin_prototype_is_defined_non_enumerable(library_builds):
    import re

    path, _ = library_builds[0]
    runtime = (path.parent / "library" / "js" / runtime_patches.RUNTIME).read_text(encoding="utf-8")
    assert re.findall(r"^[A-Z][A-Za-z0-9]*\.prototype\.[\w$]+ = ", runtime, re.MULTILINE) == []  # no assignment left
    assert 'Object.defineProperty(Array.prototype, "append", {' in runtime


# --- what a bundle carries ---------------------------------------------------------------------


def test_a_bundle_carries_only_the_featurizer_modules_its_config_uses():
    from featurizers.compiler.build import featurizer_modules

    text = {"type": "Pipeline", "steps": [{"type": "EmailBody"}, {"type": "TextCleaner"}, {"type": "Tokenizer"}]}
    record = {"type": "Columns", "columns": [["x", {"type": "Standardize"}], ["y", text]]}
    assert featurizer_modules(text, "spam") == ["featurizers.compose", "featurizers.mail", "featurizers.text"]
    assert featurizer_modules(record, "shop") == [
        "featurizers.columns", "featurizers.numeric", "featurizers.compose", "featurizers.mail", "featurizers.text"
    ]


def test_a_featurizer_the_pipeline_module_defines_brings_that_module_in():
    from featurizers import Featurizer, base, register
    from featurizers.compiler.build import featurizer_modules

    class Shouter(Featurizer):
        pass

    Shouter.__module__ = "shop"  # as if defined in pipelines/shop.py
    register(Shouter)
    try:
        config = {"type": "Pipeline", "steps": [{"type": "TextCleaner"}, {"type": "Shouter"}]}
        assert featurizer_modules(config, "shop") == ["featurizers.compose", "featurizers.text", "shop"]
    finally:
        base._TYPES._items.pop("Shouter")


def test_the_runtime_keeps_only_the_python_methods_the_modules_call(flagship):
    runtime = (flagship.build_dir / "js" / "org.transcrypt.__runtime__.js").read_text(encoding="utf-8")
    defined = set(re.findall(r'Object\.defineProperty\((?:Array|String)\.prototype, "(\w+)"', runtime))
    assert {"append", "startswith"} <= defined  # xs.append(x) is everywhere; TextCleaner and EmailBody use startswith
    for unused in ("symmetric_difference", "issuperset", "splitlines", "rsplit", "__rmul__", "py_copy"):
        assert unused not in defined and f".prototype.{unused}" not in runtime, unused
    assert "'format'" not in runtime  # the f-strings are concatenation
    assert "Proxy" not in runtime  # no class defines __getattr__ or __setattr__


def test_the_node_bundle_hoists_the_featurizer_modules_into_its_own_scope(flagship):
    # The entry imports them (an ES module that is required gets a lazy initializer per module).
    code = flagship.package_bundle.read_text(encoding="utf-8")
    assert "__esm(" not in code and "var from_config = function" in code


def test_the_flagship_modules_carry_no_keyword_machinery_and_no_unread_class_attributes(flagship):
    # pipelines/pipeline.py calls Vocabulary(max_tokens=...), but the bundle never imports it.
    js = flagship.build_dir / "js"
    modules = "".join(path.read_text(encoding="utf-8") for path in sorted(js.glob("featurizers.*.js")))
    assert "hasOwnProperty(\"__kwargtrans__\")" not in modules and "__ilastarg" not in modules
    assert "__module__" not in modules + (js / "org.transcrypt.__runtime__.js").read_text(encoding="utf-8")
    assert "__kwargtrans__" in (js / "pipeline.js").read_text(encoding="utf-8")  # compiled, not bundled


KEYWORDS = '''
class Box:
    label = "box"

    # __pragma__('kwargs')
    def __init__(self, width=1, height=2):
        self.width = width
        self.height = height
    # __pragma__('nokwargs')


def sizes(keywords):
    box = Box(height=5) if keywords else Box(3)
    return [box.width, box.height]


def label():
    return Box.label
'''


@pytest.mark.parametrize("keywords", [True, False])
def test_keyword_calls_and_read_class_attributes_survive_where_a_module_has_them(tmp_path, keywords):
    from featurizers.compiler.build import compile_module

    source = KEYWORDS if keywords else KEYWORDS.replace("Box(height=5) if keywords else ", "")
    namespace = {}
    exec(source, namespace)
    compile_module(tmp_path, "boxes", source, ROOT)
    js = (tmp_path / "js" / "boxes.js").read_text(encoding="utf-8")
    assert ("__ilastarg" in js) == keywords  # the unpacking stays only where a call passes keywords
    assert "__module__" not in js and "label:" in js  # Box.label is read, __module__ never
    script = f"import({json.dumps((tmp_path / 'js' / 'boxes.js').as_uri())}).then((m) => console.log(JSON.stringify([m.sizes({json.dumps(keywords)}), m.label()])));"
    assert json.loads(run_node(script)) == [namespace["sizes"](keywords), namespace["label"]()]


# --- compiled f-strings ---------------------------------------------------------------------

FORMAT_SOURCE = '''
def fstring(a, b, c, d):
    return f"none={a} true={b} list={c} str={d}!"


def numbered(a):
    return "{0}-{0}".format(a)
'''
FORMAT_ARGS = (None, True, [1, "x", None, 2.5], "text")


@pytest.fixture(scope="module")
def compiled_format(tmp_path_factory):
    """FORMAT_SOURCE compiled as the build compiles (Transcrypt, patches, Babel): its js/ folder."""
    from featurizers.compiler.build import compile_module

    work_dir = tmp_path_factory.mktemp("format")
    compile_module(work_dir, "formats", FORMAT_SOURCE, ROOT)
    (work_dir / "js" / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    return work_dir / "js"


def test_a_compiled_fstring_is_concatenation_with_the_python_text(compiled_format):
    namespace = {}
    exec(FORMAT_SOURCE, namespace)
    module = (compiled_format / "formats.js").read_text(encoding="utf-8")
    assert 'str(a) + " true=" + str(b)' in module  # the f-string is rewritten ...
    assert re.search(r"""(["'])\{0\}-\{0\}\1\.format\(a\)""", module)  # ... a .format with another placeholder is not
    output = subprocess.run(
        ["node", "--input-type=module", "-e",
         "const m = await import(process.argv[1]);\n"
         "console.log(JSON.stringify([m.fstring(null, true, [1, 'x', null, 2.5], 'text'), m.numbered(null)]));",
         (compiled_format / "formats.js").as_uri()],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert output.returncode == 0, output.stderr
    assert json.loads(output.stdout) == [namespace["fstring"](*FORMAT_ARGS), namespace["numbered"](None)]


# --- runtime trimming -----------------------------------------------------------------------

TRIM_SCRIPT = r"""
const babel = require('@babel/core');
const { trimRuntime, namesUsedBy } = require(process.argv[1]);
const parse = (code) => babel.parseSync(code, { babelrc: false, configFile: false, sourceType: 'module' });
const used = namesUsedBy(babel, parse(process.argv[2]), { vars: new Set(), props: new Set() });
const { code } = babel.transformSync(process.argv[3], { babelrc: false, configFile: false, plugins: [trimRuntime(used)] });
console.log(JSON.stringify({ used: [...used.props].includes('py_copy'), code }));
"""
# The other modules: they call kept() and make an object instance, and declare (not read) a
# function named py_copy.
TRIM_MODULES = """import {kept, object} from './runtime.js';
export function py_copy(x) { return kept(x).__name__ + object.__new__([]); }
"""
TRIM_RUNTIME = """
export function kept(x) { return x; }
kept.__name__ = 'kept';
export function unused(x) { return helper(x).capitalize(); }
unused.__name__ = 'unused';
export function helper(x) { return x; }
helper.__name__ = 'helper';
String.prototype.capitalize = function () { return this; };
Array.prototype.py_copy = function () { return this.slice(); };
export var object = {
    __new__: function (args) {
        var instance = Object.create(this);
        if ('__getattr__' in this || '__setattr__' in this) {
            instance = new Proxy(instance, {get: (target, name) => target.__getattr__(name)});
        }
        return instance;
    }
};
"""


def trim(modules):
    script = ROOT / "src" / "featurizers" / "compiler" / "js" / "trim_runtime.cjs"
    return json.loads(run_node(TRIM_SCRIPT, script, modules, TRIM_RUNTIME))


def test_the_runtime_trimmer_counts_only_what_reachable_code_mentions():
    result = trim(TRIM_MODULES)
    assert not result["used"], "a declared name is not a property read"
    code = result["code"]
    assert "kept.__name__ = " in code  # kept() is called and __name__ is read
    # unused() is not called: neither its own property, nor what only it mentions, survives.
    for gone in ("unused.__name__", "helper.__name__", "String.prototype.capitalize", "Array.prototype.py_copy"):
        assert gone not in code, gone


def test_a_class_test_for_a_method_no_module_defines_is_dropped():
    assert "Proxy" not in trim(TRIM_MODULES)["code"]
    # A class that defines __getattr__ (Transcrypt: an attribute of the class object) keeps it.
    defining = TRIM_MODULES + "export var Lazy = {__getattr__: function (name) { return name; }};\n"
    assert "'__getattr__' in this || '__setattr__' in this" in trim(defining)["code"]


RANGE_LOOPS = '''
def grow(xs):
    for i in range(len(xs)):
        xs.append(i)
    return xs


def count_to(n):
    seen = []
    for i in range(n):
        n = 0
        seen.append(i)
    return seen


def down_from(n):
    seen = []
    for i in range(n, 0, -1):
        seen.append(i)
    return seen
'''


def test_a_compiled_range_evaluates_its_stop_once_as_python_does(tmp_path):
    # Transcrypt's for (var i = 0; i < len(xs); i++) would append forever, and stop count_to at [0].
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(RANGE_LOOPS, namespace)
    python = [namespace["grow"]([5, 6]), namespace["count_to"](3), namespace["down_from"](3)]
    compile_module(tmp_path, "loops", RANGE_LOOPS, ROOT)
    module = (tmp_path / "js" / "loops.js").as_uri()
    script = f"import({json.dumps(module)}).then((m) => console.log(JSON.stringify([m.grow([5, 6]), m.count_to(3), m.down_from(3)])));"
    assert json.loads(run_node(script)) == python == [[5, 6, 0, 1], [0, 1, 2], [3, 2, 1]]


SLICES = '''
def cut(xs, start, stop):
    return [xs[start:stop], xs[start:], xs[:stop], xs[:], xs[-2:], xs[:-1], xs[len(xs) - 3 : stop], xs[::2]]


def cases():
    out = []
    for value in [[1, 2, 3, 4], "abcd"]:
        for bounds in [[1, 3], [None, None], [1, None], [None, 2], [-3, -1], [3, 1], [0, 9], [-9, 2]]:
            out.append(cut(value, bounds[0], bounds[1]))
    return out
'''


def test_compiled_slices_give_python_slices(tmp_path):
    # x[a:b] compiles to JS's slice(); a stop that may be None is passed as undefined (slice_calls.cjs).
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(SLICES, namespace)
    compile_module(tmp_path, "slices", SLICES, ROOT)
    js = (tmp_path / "js" / "slices.js").read_text(encoding="utf-8")
    assert "__getslice__(" not in js.replace("xs.__getslice__(null, null, 2)", "")  # the step-2 slice keeps the runtime's
    script = f"import({json.dumps((tmp_path / 'js' / 'slices.js').as_uri())}).then((m) => console.log(JSON.stringify(m.cases())));"
    assert json.loads(run_node(script)) == json.loads(json.dumps(namespace["cases"]()))


APPENDS = '''
class Bag:
    def __init__(self):
        self.seen = []

    def append(self, x):
        self.seen.append(x * 10)


def collect(xs, into):
    squares = [x * x for x in xs]
    kept = []
    for x in xs:
        kept.append(x)
    later = []
    later = [0]
    later.append(1)
    copied = list(xs)
    copied.append(4)
    grown = [x for x in xs]
    grown.append(4)
    changed = []
    changed.append(2)
    changed = Bag()
    changed.append(3)
    into.append(4)
    returned = []
    result = returned.append(5)
    return [squares, kept, later, copied, grown, changed.seen, into.seen, result, returned]
'''


def test_a_list_that_is_provably_an_array_appends_with_push_and_every_other_keeps_append(tmp_path):
    # array_push.cjs: push at the call site keeps that list's own type feedback; a receiver that may
    # be something else (a parameter, a name once bound to an object) or a call whose value is used
    # keeps Python's append, with its meaning.
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(APPENDS, namespace)
    compile_module(tmp_path, "appends", APPENDS, ROOT)
    js = (tmp_path / "js" / "appends.js").read_text(encoding="utf-8")
    pushed = {m.group(1) for m in re.finditer(r"(\w+)\.push\(", js)}
    appended = {m.group(1) for m in re.finditer(r"(\w+)\.append\(", js)}
    assert pushed == {"__accu0__", "kept", "later", "copied", "grown"}
    assert appended == {"seen", "changed", "into", "returned"}
    script = (
        f"import({json.dumps((tmp_path / 'js' / 'appends.js').as_uri())})"
        ".then((m) => console.log(JSON.stringify(m.collect([1, 2, 3], m.Bag()))));"
    )
    python = namespace["collect"]([1, 2, 3], namespace["Bag"]())
    assert json.loads(run_node(script)) == python == [[1, 4, 9], [1, 2, 3], [0, 1], [1, 2, 3, 4], [1, 2, 3, 4], [30], [40], None, [5]]


RAISES = '''
def check(x):
    if x < 0:
        raise ValueError("negative")
    return x


def wrapped(x):
    try:
        return check(x)
    except ValueError as error:
        raise TypeError("wrapped") from error


def outcome(x):
    try:
        return wrapped(x)
    except TypeError as error:
        return [str(error), CAUSE]
'''


@pytest.mark.parametrize("cause_read", [False, True])
def test_a_compiled_raise_is_one_throw_where_nothing_reads_its_cause(tmp_path, cause_read):
    # Transcrypt: var __except0__ = X; __except0__.__cause__ = null; throw __except0__; (raise_throw.cjs)
    from featurizers.compiler.build import compile_module

    source = RAISES.replace("CAUSE", "str(error.__cause__)" if cause_read else "None")
    namespace = {}
    exec(source, namespace)
    compile_module(tmp_path, "raises", source, ROOT)
    js = (tmp_path / "js" / "raises.js").read_text(encoding="utf-8")
    assert ("__cause__ = " in js) == cause_read
    assert ("throw ValueError('negative')" in js.replace('"', "'")) == (not cause_read)
    script = f"import({json.dumps((tmp_path / 'js' / 'raises.js').as_uri())}).then((m) => console.log(JSON.stringify([m.outcome(-1), m.outcome(2)])));"
    assert json.loads(run_node(script)) == [namespace["outcome"](-1), namespace["outcome"](2)] == [["wrapped", "negative" if cause_read else None], 2]


SEALED = '''
# __pragma__('jscall')
class Counter:
    def __init__(self, by):
        self.by = by

    def transform(self, xs):
        return [self._one(x) for x in xs]

    def _one(self, x):
        return x + self.by if hasattr(self, "named_by_a_string") else x

    def named_by_a_string(self):
        return 0

    def unused(self):
        return helper()


def helper():
    return "only an unused method calls me"


def run(xs):
    return Counter(2).transform(xs)
'''


@pytest.mark.parametrize("sealed", [False, True])
def test_a_sealed_bundle_drops_the_methods_no_code_names(tmp_path, sealed):
    # A pipeline bundle is sealed: its templates call transform, and what it calls, and nothing else (unreachable_methods.cjs).
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(SEALED, namespace)
    compile_module(tmp_path, "sealed", SEALED, ROOT, sealed=sealed)
    js = (tmp_path / "js" / "sealed.js").read_text(encoding="utf-8")
    for kept in ("transform: function", "_one: function", "named_by_a_string: function"):
        assert kept in js, kept
    assert ("unused: function" in js) == (not sealed)
    script = f"import({json.dumps((tmp_path / 'js' / 'sealed.js').as_uri())}).then((m) => console.log(JSON.stringify(m.run([1, 5]))));"
    assert json.loads(run_node(script)) == namespace["run"]([1, 5]) == [3, 7]


PARAMETRIC = '''
# __pragma__('jscall')
class Shape:
    def __init__(self, kind, scale):
        self.kind = kind
        self.scale = scale

    def area(self, x):
        if self.kind == "square":
            return square(x) * self.scale
        return disc(x) * self.scale


class Resizable(Shape):
    def grow(self):
        self.scale = self.scale + 1


def square(x):
    return x * x


def disc(x):
    return 3 * x * x


def run():
    return [Shape("square", 2).area(3), Resizable("square", 2).area(3)]
'''


@pytest.mark.parametrize(
    "params, folded",
    [
        ({"Shape": {"kind": "square", "scale": 2}}, {"kind"}),  # Resizable.grow() assigns self.scale
        ({"Shape": {"kind": "square"}, "Resizable": {"kind": "square"}}, {"kind"}),  # every instance agrees
        ({"Shape": {"kind": "square"}, "Resizable": {"kind": "disc"}}, set()),  # a subclass instance differs
        ({}, set()),
    ],
)
def test_a_sealed_bundle_writes_in_the_parameters_every_instance_shares(tmp_path, params, folded):
    # sealed_params.cjs: self.kind is "square" in every instance, so area() keeps one branch.
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(PARAMETRIC, namespace)
    compile_module(tmp_path, "parametric", PARAMETRIC, ROOT, sealed=True, params=params)
    js = (tmp_path / "js" / "parametric.js").read_text(encoding="utf-8")
    area = js[js.index("area: function") : js.index("});", js.index("area: function"))]
    for name in ("kind", "scale"):
        assert (f"self.{name}" in area) == (name not in folded), name
    assert ("return square(x)" in area and "if (" not in area) == ("kind" in folded)  # esbuild drops the code after the return
    script = f"import({json.dumps((tmp_path / 'js' / 'parametric.js').as_uri())}).then((m) => console.log(JSON.stringify(m.run())));"
    assert json.loads(run_node(script)) == namespace["run"]() == [18, 18]


def test_sealed_params_are_the_plain_parameters_every_instance_of_a_class_shares():
    from featurizers import PadSequences, Pipeline, TextCleaner, Tokenizer
    from featurizers.compiler.build import sealed_params

    pipeline = Pipeline([TextCleaner(rules=[["x", "y"]]), Tokenizer(analyzer="char"), Tokenizer(ngram_range=[1, 2]), PadSequences(4), PadSequences(4)])
    params = sealed_params(pipeline)
    assert params["Tokenizer"] == {"token_pattern": None, "stop_words": None}  # analyzer differs; ngram_range is a list
    assert params["PadSequences"] == {"length": 4, "padding": "post", "truncating": "post", "value": 0}
    assert params["TextCleaner"]["lowercase"] is True and "rules" not in params["TextCleaner"]  # a list
    assert params["Pipeline"] == {}


def test_the_flagship_bundle_has_no_method_only_training_or_python_calls(flagship):
    code = re.sub(r"JSON\.parse\(`.*?`\)", "", flagship.package_bundle.read_text(encoding="utf-8"), flags=re.S)  # not the state
    for gone in ("get_config", "fit_transform", "tokenize", "_config_param"):
        assert not re.search(rf"\b{gone}\b", code), gone
    assert re.search(r"\btransform\b", code) and re.search(r"\b_configure\b", code)



DEFAULTS = """
LIMIT = 2


def greet(who, greeting="hello", marks=None, times=LIMIT):
    if marks is None:
        marks = ["!"]
    return greeting + " " + who + "".join(marks) + str(times)


def calls():
    return [greet("a"), greet("b", "hi"), greet("c", "hey", ["?", "?"], 1)]


def shadowing(x=LIMIT):
    LIMIT = 3
    return [x, LIMIT]
"""


def test_compiled_defaults_are_default_parameters(tmp_path):
    # Transcrypt: if (typeof greeting == 'undefined') { var greeting = 'hello'; } (default_params.cjs)
    from featurizers.compiler.build import compile_module

    namespace = {}
    exec(DEFAULTS, namespace)
    compile_module(tmp_path, "defaults", DEFAULTS, ROOT)
    js = (tmp_path / "js" / "defaults.js").read_text(encoding="utf-8").replace('"', "'")
    assert "function (who, greeting = 'hello', marks = null, times = LIMIT)" in js
    assert "typeof greeting" not in js
    assert "typeof x == 'undefined'" in js  # shadowing's default would name its own LIMIT as a parameter: kept
    script = f"import({json.dumps((tmp_path / 'js' / 'defaults.js').as_uri())}).then((m) => console.log(JSON.stringify(m.calls())));"
    assert json.loads(run_node(script)) == namespace["calls"]() == ["hello a!2", "hi b!2", "hey c??1"]
