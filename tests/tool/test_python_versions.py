"""The core on every Python the package supports (3.11 runs everything else; here 3.12 and 3.13):
the wheel installs into a fresh venv of that Python; the featurizers' specifications and the
checker's rules (tests/unit, tests/check/test_rules.py, on these sources) pass with that interpreter; the
installed package's build of a trained pipeline is byte for byte this checkout's (3.11) build, and
its command line transforms as the bundle does. The training extra's pinned TensorFlow resolves on
3.11 and 3.12 only, which the README says: pip is asked here too."""

import json
import shutil
import subprocess

import pytest
from harness import ROOT
from userland import OTHER_VERSIONS

pytestmark = pytest.mark.tool

# The bundle's own files; the source maps name the Python files where each interpreter keeps them.
SAME_FILES = ["index.js", "browser.js", "cli.js", "index.mjs", "index.d.ts", "package.json", "state.json", "serve.js", "README.md", "demo/index.html"]


@pytest.fixture(scope="module", params=OTHER_VERSIONS)
def venv(request, ahead):
    """A fresh venv of that Python with the wheel, and what the core's tests use (userland.fresh_venv)."""
    return ahead.result(f"venv[{request.param}]")


@pytest.fixture(scope="module")
def core_suite(venv, ahead):
    """The core's specifications and the checker's rules, run by that Python (userland.core_suite)."""
    return ahead.result(f"core_suite[{venv[0]}]")


def run(venv, argv, cwd, stdin=None, **extra):
    _, folder, env = venv
    return subprocess.run(
        [str(folder / ".venv" / "bin" / argv[0]), *map(str, argv[1:])],
        cwd=cwd, capture_output=True, text=True, input=stdin, env=dict(env, **extra), timeout=1800,
    )  # fmt: skip


def test_the_installed_package_is_the_one_tested(venv):
    version, folder, _ = venv
    result = run(venv, ["python", "-c", "import sys, featurizers; print(sys.version_info[:2], featurizers.__file__)"], ROOT)
    assert result.stdout.startswith(f"({version.replace('.', ', ')}) {folder}"), result.stdout + result.stderr


def test_the_featurizers_and_the_checker_pass_their_specifications(core_suite):
    tail = core_suite.stdout.strip().splitlines()[-1]
    assert core_suite.returncode == 0, core_suite.stdout[-5000:] + core_suite.stderr[-2000:]
    assert " passed" in tail and "failed" not in tail and "error" not in tail, tail


def test_its_build_of_a_trained_pipeline_is_the_same_bytes(venv, iris, tmp_path):
    project = tmp_path / "project"
    (project / "build").mkdir(parents=True)
    shutil.copy(ROOT / "pipelines" / "iris.py", project / "iris.py")
    shutil.copytree(iris.build_dir, project / "build" / "iris", ignore=shutil.ignore_patterns("py", "js", "js-browser", "browser", "*.cjs", "*.mjs"))
    result = run(venv, ["featurizers", "build", "iris.py"], project, FEATURIZERS_NODE_MODULES=ROOT / "node_modules")
    assert result.returncode == 0, result.stdout + result.stderr
    built, ours = project / "dist" / "iris", iris.dist_dir
    for name in SAME_FILES:
        assert (built / name).read_bytes() == (ours / name).read_bytes(), name
    chunks = sorted(p.name for p in (ours / "chunks").iterdir())
    assert sorted(p.name for p in (built / "chunks").iterdir()) == chunks
    for name in chunks:
        if name.endswith(".js"):
            assert (built / "chunks" / name).read_bytes() == (ours / "chunks" / name).read_bytes(), name

    records = [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
               {"sepal_length": 7.7, "sepal_width": 3.0, "petal_length": 6.1, "petal_width": 2.3}]  # fmt: skip
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    python = run(venv, ["featurizers", "transform", "iris.py"], project, stdin=stdin)
    node = subprocess.run(["node", str(built / "cli.js"), "transform"], input=stdin, capture_output=True, text=True, cwd=project)
    assert python.returncode == node.returncode == 0, python.stderr + node.stderr
    assert python.stdout == node.stdout


def test_the_training_extra_resolves_where_its_tensorflow_has_wheels(venv, source_copy):
    version, _, _ = venv
    result = run(venv, ["python", "-m", "pip", "install", "--dry-run", "--ignore-installed", f"featurizers[train] @ {source_copy.as_uri()}"], ROOT)
    if version == "3.12":
        assert result.returncode == 0, result.stderr
        assert "tensorflow-2.19.0" in result.stdout and "tensorflowjs-4.22.0" in result.stdout, result.stdout[-3000:]
    else:
        assert result.returncode != 0
        assert "tensorflow==2.19.0" in result.stdout + result.stderr, result.stdout[-3000:] + result.stderr
