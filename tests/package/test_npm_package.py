"""js_dist/pipeline/ is a working npm package: `npm pack` it, install the tarball into an empty
folder far from the repo, and use it there as a stranger would (`require`, `import`, types).

The install is what a user's `npm install <tarball>` does, with `--prefer-offline`: the locked
tarballs that `npm ci` cached are reused, and the registry metadata (packuments) that npm needs to
resolve the package's dependencies is fetched when the cache lacks it, as on a new machine, where
`--offline` failed with ENOTCACHED. The package pins its direct dependencies (tfjs' core, layers
and converter, its cpu and wasm backends) to the versions this repo locks and tests, and the test
checks that those are what got installed. The type tests use the repo's pinned TypeScript
(node_modules/.bin/tsc).
"""

import json
import os
import re
import subprocess
import tarfile
from pathlib import Path

import pytest
from harness import ROOT

from featurizers import load_pipeline
from featurizers.testing.adversarial import ADVERSARIAL

NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
# tfjs in parts, not the umbrella @tensorflow/tfjs (which also loads webgl and tf.data: slower to start).
DEPENDENCIES = [
    "@tensorflow/tfjs-backend-cpu",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-converter",
    "@tensorflow/tfjs-core",
    "@tensorflow/tfjs-layers",
]
SCORE_TOLERANCE = 1e-5

TEXTS = [
    "Hi Tom, are we still on for lunch tomorrow?",
    "CONGRATULATIONS!!! You have been selected to receive a FREE $1000 gift card. Click now!",
    "free 😀 money 💰 now 🎉",
    "non\u00a0breaking\u00a0space and\u202fnarrow one",
    "constructor",
    "__proto__",
    "constructor __proto__ toString hasOwnProperty",
    "",
    *ADVERSARIAL.values(),
]


def run(command, cwd, input=None, check=True):
    """Run a command with a clean environment (no NODE_PATH, so only node_modules folders count)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NODE_PATH", "NODE_OPTIONS")}
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, input=input, capture_output=True, text=True, env=env, timeout=120
    )
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} (in {cwd}) failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def last_json_line(stdout):
    """A script's result: its last line (tfjs may print its banner before it). Not splitlines():
    JSON.stringify leaves U+2028 and U+0085 raw, and they are line breaks to Python."""
    return json.loads(stdout.rstrip("\n").split("\n")[-1])


@pytest.fixture(scope="module")
def package_dir(flagship):
    package = flagship.dist_dir
    if not (package / "package.json").is_file():
        pytest.fail(f"{package}/package.json is missing: run `make py=pipeline`")
    return package


@pytest.fixture(scope="module")
def package_json(package_dir):
    return json.loads((package_dir / "package.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def state(package_dir):
    return json.loads((package_dir / "state.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packed(package_dir, tmp_path_factory):
    """`npm pack` in js_dist/pipeline: (the tarball, npm's JSON report)."""
    destination = tmp_path_factory.mktemp("pack")
    result = run(["npm", "pack", "--json", "--pack-destination", destination, *NPM_FLAGS], cwd=package_dir)
    [report] = json.loads(result.stdout)
    tarball = destination / report["filename"]
    assert tarball.is_file(), f"npm pack reported {report['filename']} but wrote {os.listdir(destination)}"
    return tarball, report


@pytest.fixture(scope="module")
def tar_files(packed):
    """The tarball's members: path inside the package -> bytes (regular files only)."""
    tarball, _ = packed
    files = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            assert member.isfile(), f"{member.name} is not a regular file ({member.type!r})"
            assert member.name.startswith("package/"), member.name
            name = member.name[len("package/") :]
            assert not name.startswith("/") and ".." not in Path(name).parts, member.name
            files[name] = tar.extractfile(member).read()
    return files


@pytest.fixture(scope="module")
def installed(packed, tmp_path_factory):
    """An empty folder outside the repo with the tarball installed in it."""
    tarball, _ = packed
    folder = tmp_path_factory.mktemp("consumer")
    assert not list(folder.iterdir())
    assert ROOT not in folder.parents, f"{folder} is inside the repo"
    above = [p / "node_modules" for p in folder.parents if (p / "node_modules").exists()]
    assert not above, f"node_modules above the install folder would leak into resolution: {above}"
    before = run(["node", "-e", "require.resolve('@tensorflow/tfjs-core')"], cwd=folder, check=False)
    assert before.returncode != 0 and "Cannot find module '@tensorflow/tfjs-core'" in before.stderr, before.stderr

    (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    run(["npm", "install", "--prefer-offline", *NPM_FLAGS, tarball], cwd=folder)
    return folder


@pytest.fixture(scope="module")
def python_features(flagship):
    return load_pipeline("pipeline", flagship.root).transform(TEXTS)


@pytest.fixture(scope="module")
def bundle_predictions(flagship):
    """The repo's own bundle on the same texts: `node js_dist/pipeline.js predict`."""
    lines = "".join(json.dumps(text) + "\n" for text in TEXTS)
    result = run(["node", flagship.bundle, "predict"], cwd=flagship.root, input=lines)
    predictions = [json.loads(line) for line in result.stdout.rstrip("\n").split("\n")]
    assert len(predictions) == len(TEXTS)
    return predictions


REQUIRE_SCRIPT = r"""
const path = require('path');
const p = require('pipeline');
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const { backend } = await p.load();
  const home = path.dirname(require.resolve('pipeline'));
  const result = {
    entry: require.resolve('pipeline'),
    tfjs: require.resolve('@tensorflow/tfjs-core', { paths: [home] }),
    wasm: require.resolve('@tensorflow/tfjs-backend-wasm', { paths: [home] }),
    backend,
    labels: p.labels,
    frozen: Object.isFrozen(p.labels),
    config: p.config,
    features: p.transform(texts),
    predictions: await p.predict(texts),
    top1: await p.predict(texts.slice(0, 2), { topK: 1 }),
    packageJson: require('pipeline/package.json'),
  };
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
})().catch((error) => { console.error(error); process.exit(1); });
"""

IMPORT_SCRIPT = r"""
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pipeline, * as ns from 'pipeline';
import { transform, predict, labels, load } from 'pipeline';
const texts = JSON.parse(readFileSync(0, 'utf8'));
const cjs = createRequire(import.meta.url)('pipeline');
const dynamic = await import('pipeline');
const { backend } = await load();
const result = {
  entry: import.meta.resolve('pipeline'),
  exportNames: Object.keys(ns).sort(),
  sameAsRequire: [transform === cjs.transform, predict === cjs.predict, pipeline === cjs, dynamic.predict === predict],
  backend,
  labels,
  defaultLabels: pipeline.labels,
  features: transform(texts),
  predictions: await predict(texts),
  defaultPredictions: await pipeline.predict(texts.slice(0, 2)),
};
process.stdout.write('\n' + JSON.stringify(result) + '\n');
"""


@pytest.fixture(scope="module")
def required(installed):
    result = run(["node", "-e", REQUIRE_SCRIPT], cwd=installed, input=json.dumps(TEXTS))
    return last_json_line(result.stdout)


@pytest.fixture(scope="module")
def imported(installed):
    result = run(["node", "--input-type=module", "-e", IMPORT_SCRIPT], cwd=installed, input=json.dumps(TEXTS))
    return last_json_line(result.stdout)


def assert_predictions_match(got, expected):
    assert len(got) == len(expected)
    for i, (ranked, reference) in enumerate(zip(got, expected)):
        assert ranked[0]["label"] == reference[0]["label"], f"text {i} ({TEXTS[i]!r}): top label differs"
        assert [r["label"] for r in ranked] == [r["label"] for r in reference], f"text {i}: ranking differs"
        for mine, theirs in zip(ranked, reference):
            assert abs(mine["score"] - theirs["score"]) <= SCORE_TOLERANCE, f"text {i}: {mine} vs {theirs}"


# --- the tarball ------------------------------------------------------------------------------------


def test_the_tarball_holds_the_package(packed, tar_files):
    _, report = packed
    assert sorted(f["path"] for f in report["files"]) == sorted(tar_files)
    model = json.loads(tar_files["model/model.json"])
    shards = [f"model/{path}" for group in model["weightsManifest"] for path in group["paths"]]
    wasm = sorted(name for name in tar_files if re.fullmatch(r"wasm/[^/]+\.wasm", name))
    required = ["package.json", "index.js", "index.mjs", "index.d.ts", "browser.js", "state.json", "README.md", "model/model.json"]
    missing = [name for name in [*required, *shards] if name not in tar_files]
    assert shards and not missing, f"missing from the tarball: {missing}"
    tfjs_wasm = ROOT / "node_modules" / "@tensorflow" / "tfjs-backend-wasm" / "dist"
    assert wasm == sorted(f"wasm/{p.name}" for p in tfjs_wasm.glob("*.wasm")) != []
    # Every chunk browser.js imports ships too.
    chunks = set(re.findall(r"""["']\./(chunks/[\w.-]+\.js)["']""", tar_files["browser.js"].decode("utf-8")))
    assert chunks and chunks <= set(tar_files), chunks - set(tar_files)


def test_the_tarball_has_nothing_from_outside_the_package(tar_files, package_dir):
    """Each member is a file of js_dist/pipeline/, byte for byte; no repo file, no node_modules."""
    for name, data in tar_files.items():
        source = package_dir / name
        assert source.is_file(), f"{name} in the tarball is not a file of {package_dir}"
        assert source.read_bytes() == data, f"{name} differs from {source}"
    assert not [name for name in tar_files if name.split("/")[0] in ("node_modules", "build", "src", "tests", ".npmrc")]


def test_everything_in_the_package_folder_ships(tar_files, package_dir):
    on_disk = sorted(p.relative_to(package_dir).as_posix() for p in package_dir.rglob("*") if p.is_file())
    assert [name for name in on_disk if name not in tar_files] == []


def test_every_path_package_json_names_is_in_the_tarball(package_json, tar_files):
    def targets(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from targets(v)

    entries = [package_json["main"], package_json["types"], package_json["browser"], *targets(package_json["exports"])]
    assert [e for e in entries if e.removeprefix("./") not in tar_files] == []


def test_the_bin_command_ships(package_json, tar_files, package_dir):
    for command, target in package_json.get("bin", {}).items():
        if target.removeprefix("./") not in tar_files and not (package_dir / target).exists():
            pytest.skip(f"bin {command} -> {target}: {target} is not built yet")
        assert target.removeprefix("./") in tar_files, f"bin {command} -> {target} is not in the tarball"


# --- package.json ---------------------------------------------------------------------------------


def test_package_json_fields(package_json):
    assert package_json["name"] == "pipeline"
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:-[\w.]+)?", package_json["version"])
    assert package_json["main"] == "./index.js"
    assert package_json["types"] == "./index.d.ts"
    dot = package_json["exports"]["."]
    assert {"require", "import", "types"} <= set(dot)
    assert dot["require"] == "./index.js" and dot["import"] == "./index.mjs" and dot["types"] == "./index.d.ts"
    assert next(iter(dot)) == "types", "TypeScript needs the 'types' condition first"
    assert package_json["exports"]["./package.json"] == "./package.json"
    for name in ["index.js", "index.mjs", "index.d.ts", "browser.js", "state.json", "README.md"]:
        assert name in package_json["files"]
    for folder in ["model/", "wasm/", "chunks/"]:
        assert folder in package_json["files"] or folder.rstrip("/") in package_json["files"]


def test_dependencies_pin_the_repo_locked_tfjs(package_json):
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = {name: lock["packages"][f"node_modules/{name}"]["version"] for name in DEPENDENCIES}
    assert package_json["dependencies"] == locked


# --- README.md ------------------------------------------------------------------------------------


def readme_sections(text):
    sections, current = {}, None
    for line in text.split("\n"):
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {title: "\n".join(lines) for title, lines in sections.items()}


def test_readme_lists_labels_steps_and_usage(package_dir, state, flagship):
    sections = readme_sections((package_dir / "README.md").read_text(encoding="utf-8"))
    labels = json.loads((flagship.build_dir / "meta.json").read_text(encoding="utf-8"))["labels"]
    assert labels == ["ham", "spam"]
    assert re.findall(r"^- `([^`]+)`", sections["Labels"], re.M) == labels

    steps = state["steps"] if state["type"] == "Pipeline" else [state]
    listed = re.findall(r"^(\d+)\. `(\w+)`", sections["Preprocessing"], re.M)
    assert [int(n) for n, _ in listed] == list(range(1, len(steps) + 1))
    assert [t for _, t in listed] == [step["type"] for step in steps]

    usage = sections["Usage"]
    for snippet in ["require('pipeline')", "import", "transform(", "predict(", "labels", "@tensorflow/tfjs-backend-wasm"]:
        assert snippet in usage, snippet


def test_state_json_is_the_fitted_config(state, flagship):
    assert state == json.loads(flagship.featurizer_json.read_text(encoding="utf-8"))


# --- installed, used with require and import ----------------------------------------------


def test_installed_with_the_locked_dependencies(installed, package_json):
    for name in DEPENDENCIES:
        installed_version = json.loads((installed / "node_modules" / name / "package.json").read_text())["version"]
        assert installed_version == package_json["dependencies"][name]
    assert (installed / "node_modules" / "pipeline" / "index.js").is_file()


def test_require_transforms_like_python(required, installed, python_features):
    node_modules = installed / "node_modules"
    assert required["entry"] == str(node_modules / "pipeline" / "index.js")
    assert required["tfjs"].startswith(str(node_modules / "@tensorflow" / "tfjs-core" / ""))
    assert required["wasm"].startswith(str(node_modules / "@tensorflow" / "tfjs-backend-wasm" / ""))
    assert required["features"] == python_features


def test_require_predicts_like_the_repo_bundle(required, bundle_predictions):
    assert required["backend"] == "wasm"
    assert_predictions_match(required["predictions"], bundle_predictions)
    assert [[r["label"] for r in row] for row in required["top1"]] == [[row[0]["label"]] for row in bundle_predictions[:2]]


def test_require_labels_config_and_package_json(required, package_json, state):
    assert required["labels"] == ["ham", "spam"] and required["frozen"]
    assert required["config"] == state
    assert required["packageJson"] == package_json


def test_import_transforms_and_predicts_the_same(imported, installed, python_features, bundle_predictions):
    assert imported["entry"] == (installed / "node_modules" / "pipeline" / "index.mjs").as_uri()
    assert imported["exportNames"] == ["config", "default", "labels", "load", "predict", "scoreKind", "transform"]
    assert imported["sameAsRequire"] == [True, True, True, True], "import and require must share one module"
    assert imported["labels"] == imported["defaultLabels"] == ["ham", "spam"]
    assert imported["backend"] == "wasm"
    assert imported["features"] == python_features
    assert_predictions_match(imported["predictions"], bundle_predictions)
    assert_predictions_match(imported["defaultPredictions"], bundle_predictions[:2])


# --- index.d.ts -----------------------------------------------------------------------------------

# No @types/node: the consumers declare the one global they use.
CONSOLE = "declare const console: { log(...values: unknown[]): void };\n"

GOOD_ESM = CONSOLE + """\
import pipeline, { transform, predict, load, labels, config, type Label, type Prediction, type PredictOptions } from 'pipeline';
import * as ns from 'pipeline';

const texts: readonly string[] = ['Win a FREE prize now!!!', 'lunch tomorrow?'];
const features: number[][] = transform(texts);
const width: number = features[0].length;
const all: readonly Label[] = labels;
const first: 'ham' | 'spam' = labels[0];
const options: PredictOptions = { topK: 1 };
const steps: unknown = config['steps'];

async function main(): Promise<void> {
  const { backend } = await load({ backend: 'wasm' });
  const ranked: Prediction[][] = await predict(texts, options);
  const top: Label = ranked[0][0].label;
  const score: number = ranked[0][0].score;
  const again = await pipeline.predict(['x']);
  const viaNamespace: number[][] = ns.transform(['y']);
  console.log(JSON.stringify({ backend, width, all, first, top, ok: score >= 0 && score <= 1, n: again.length,
    m: viaNamespace.length, steps: Array.isArray(steps), same: pipeline.labels === labels }));
}
main();
"""

GOOD_CJS = CONSOLE + """\
import p = require('pipeline');
import type { Prediction } from 'pipeline';

const features: number[][] = p.transform(['hello']);
p.predict(['hello'], { topK: 2 }).then((ranked: Prediction[][]) => {
  const labels: string[] = ranked[0].map((r) => r.label);
  console.log(JSON.stringify({ width: features[0].length, labels, all: p.labels }));
});
"""

# A legacy CommonJS project (moduleResolution node10 reads "types", not "exports").
GOOD_LEGACY = CONSOLE + """\
import * as p from 'pipeline';

const features: number[][] = p.transform(['hello']);
p.predict(['hello']).then((ranked) => {
  const score: number = ranked[0][0].score;
  console.log(JSON.stringify({ width: features[0].length, ok: score >= 0, all: p.labels }));
});
"""

TSCONFIG_NODENEXT = {"module": "nodenext", "moduleResolution": "nodenext", "target": "es2022"}
TSCONFIG_LEGACY = {"module": "commonjs", "moduleResolution": "node10", "target": "es2020", "esModuleInterop": True}

# Misuses that must not type-check: each on its own line, marked `// ERROR`.
MISUSES = {
    "transform_a_string": "transform('not an array'); // ERROR",
    "transform_numbers": "transform([1, 2]); // ERROR",
    "scores_on_a_prediction": "predict(['x']).then((r) => r[0][0].scores); // ERROR",
    "a_label_that_is_not_one": "predict(['x']).then((r) => { const l: 'eggs' = r[0][0].label; return l; }); // ERROR",
    "predict_without_await": "const ranked: Prediction[][] = predict(['x']); // ERROR",
    "features_as_strings": "const f: string[][] = transform(['x']); // ERROR",
    "topk_as_a_string": "predict(['x'], { topK: '1' }); // ERROR",
    "misspelled_option": "predict(['x'], { topk: 1 }); // ERROR",
    "unknown_backend": "load({ backend: 'webgl' }); // ERROR",
    "mutate_labels": "labels.push('ham'); // ERROR",
    "unknown_export": "pipeline.fit(['x']); // ERROR",
}
MISUSE_HEADER = "import pipeline, { transform, predict, load, labels, type Prediction } from 'pipeline';\n"


def write_tsconfig(folder, files, options, emit=False):
    compiler = {"strict": True, "types": [], "lib": ["es2022"], "skipLibCheck": False, **options}
    if emit:
        compiler["outDir"] = "out"
    else:
        compiler["noEmit"] = True
    (folder / "tsconfig.json").write_text(json.dumps({"compilerOptions": compiler, "files": files}), encoding="utf-8")


def tsc(folder, *extra):
    if not TSC.is_file():
        pytest.fail(f"{TSC} is missing: typescript is a devDependency, run `npm ci`")
    return run([TSC, "--pretty", "false", "-p", folder / "tsconfig.json", *extra], cwd=folder, check=False)


@pytest.mark.parametrize(
    "tag,files,options",
    [
        ("nodenext", {"esm.mts": GOOD_ESM, "cjs.cts": GOOD_CJS}, TSCONFIG_NODENEXT),
        ("node10", {"legacy.ts": GOOD_LEGACY}, TSCONFIG_LEGACY),
    ],
    ids=["nodenext", "node10"],
)
def test_a_typed_consumer_type_checks_and_runs(installed, tag, files, options):
    """Strict tsc accepts correct use of the package's types, and the emitted JS works: the types are
    found through the installed package's package.json, as a consumer's would be."""
    folder = installed / f"ts-good-{tag}"  # beside node_modules, so 'pipeline' resolves like a consumer's
    folder.mkdir()
    for name, source in files.items():
        (folder / name).write_text(source, encoding="utf-8")
    write_tsconfig(folder, list(files), options)
    checked = tsc(folder, "--noEmit", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    write_tsconfig(folder, list(files), options, emit=True)
    emitted = tsc(folder)
    assert emitted.returncode == 0, emitted.stdout + emitted.stderr
    for name in files:
        js = folder / "out" / re.sub(r"\.([mc]?)ts$", r".\1js", name)
        output = last_json_line(run(["node", js], cwd=folder).stdout)
        assert output["all"] == ["ham", "spam"], output


def test_misuses_do_not_type_check(installed):
    folder = installed / "ts-bad"
    folder.mkdir()
    for name, line in MISUSES.items():
        (folder / f"{name}.mts").write_text(MISUSE_HEADER + line + "\n", encoding="utf-8")
    write_tsconfig(folder, [f"{name}.mts" for name in MISUSES], TSCONFIG_NODENEXT)
    result = tsc(folder, "--noEmit", "--strict")
    assert result.returncode != 0
    errors = re.findall(r"^(\w+)\.mts\((\d+),\d+\): error (TS\d+)", result.stdout, re.M)
    lines = {name: {int(line) for n, line, _ in errors if n == name} for name in MISUSES}
    assert {name: found for name, found in lines.items() if found != {2}} == {}, result.stdout
    assert ("scores_on_a_prediction", "2", "TS2551") in errors, "tsc should suggest 'score'"


DEFAULT_CJS = CONSOLE + "import p = require('pipeline');\nconsole.log(JSON.stringify(p.default.transform(['x']).length));\n"
DEFAULT_ESM = CONSOLE + "import p from 'pipeline';\nconsole.log(JSON.stringify(p.default.transform(['x']).length));\n"


@pytest.mark.parametrize("name,source", [("default.cts", DEFAULT_CJS), ("default.mts", DEFAULT_ESM)], ids=["cts", "mts"])
def test_what_the_types_accept_runs(installed, name, source):
    """If the declared `default` export type-checks, it must exist at run time."""
    folder = installed / f"ts-{name.replace('.', '-')}"
    folder.mkdir()
    (folder / name).write_text(source, encoding="utf-8")
    write_tsconfig(folder, [name], TSCONFIG_NODENEXT, emit=True)
    if tsc(folder).returncode != 0:
        return  # the types refuse it: consistent
    js = folder / "out" / re.sub(r"\.([mc]?)ts$", r".\1js", name)
    result = run(["node", js], cwd=folder, check=False)
    assert result.returncode == 0, result.stderr
