"""A missing or corrupt state or model file fails with the file's name, in Python and in Node."""

import json
import os
import shutil
import subprocess

import pytest
from harness import ROOT

PREDICT = """
require(process.argv[1]).predict(['free money']).then(
  () => console.log('predicted'),
  (error) => { console.log(`${error.name}: ${error.message}`); process.exitCode = 3; });
"""


@pytest.fixture
def dist(flagship, tmp_path):
    """A copy of the bundle and its model files, to break."""
    shutil.copy(flagship.bundle, tmp_path / flagship.bundle.name)
    shutil.copytree(flagship.dist_dir, tmp_path / flagship.name)
    return tmp_path


def node_predict(dist):
    env = dict(os.environ, NODE_PATH=str(ROOT / "node_modules"))
    result = subprocess.run(
        ["node", "-e", PREDICT, str(dist / "pipeline.js")], capture_output=True, text=True, env=env, cwd=dist
    )
    return result.returncode, result.stdout.strip()


def test_node_predicts_from_an_intact_copy(dist):
    assert node_predict(dist) == (0, "predicted")


def test_node_names_a_missing_model_json(dist):
    model_json = dist / "pipeline" / "model" / "model.json"
    model_json.unlink()
    status, message = node_predict(dist)
    assert status == 3
    assert message.startswith(f"Error: cannot read the model {model_json}: ENOENT")


def test_node_names_a_corrupt_model_json(dist):
    model_json = dist / "pipeline" / "model" / "model.json"
    model_json.write_text('{"modelTopology": ', encoding="utf-8")
    status, message = node_predict(dist)
    assert status == 3
    assert message.startswith(f"Error: cannot read the model {model_json}: ")


def weight_shards(dist):
    manifest = json.loads((dist / "pipeline" / "model" / "model.json").read_text(encoding="utf-8"))["weightsManifest"]
    return [dist / "pipeline" / "model" / p for group in manifest for p in group["paths"]]


def test_node_names_a_missing_weight_shard(dist):
    shard = weight_shards(dist)[0]
    shard.unlink()
    status, message = node_predict(dist)
    assert status == 3
    assert message.startswith(f"Error: cannot read the model weights {shard}: ENOENT")


def test_node_names_a_truncated_weight_shard(dist):
    shard = weight_shards(dist)[0]
    shard.write_bytes(shard.read_bytes()[:-4])
    status, message = node_predict(dist)
    assert status == 3
    assert message.startswith(f"Error: the model weights {shard} hold ")
    assert message.endswith(f"bytes, {dist / 'pipeline' / 'model' / 'model.json'} expects {shard.stat().st_size + 4}")


@pytest.fixture
def project(flagship, tmp_path):
    """A copy of the project's pipeline module and build products, to break (FEATURIZERS_ROOT)."""
    shutil.copytree(ROOT / "pipelines", tmp_path / "pipelines")
    build = tmp_path / "build" / "pipeline"
    build.mkdir(parents=True)
    for name in ("featurizer.json", "meta.json"):
        shutil.copy(flagship.build_dir / name, build / name)
    shutil.copytree(flagship.build_dir / "keras", build / "keras")
    return tmp_path


def python_cli(project, command):
    env = dict(os.environ, FEATURIZERS_ROOT=str(project))
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "featurizers", command, "pipeline"],
        input='"free money"\n', capture_output=True, text=True, env=env, cwd=ROOT,
    )
    return result.returncode, result.stdout, result.stderr.strip().splitlines()[-1]


def test_python_names_a_missing_featurizer_state(project):
    state = project / "build" / "pipeline" / "featurizer.json"
    state.unlink()
    status, stdout, message = python_cli(project, "transform")
    assert (status, stdout) == (1, "")
    assert message == f"python -m featurizers transform: {state} is missing: run `make py=pipeline` first"


def test_python_names_a_corrupt_featurizer_state(project):
    state = project / "build" / "pipeline" / "featurizer.json"
    state.write_text("{", encoding="utf-8")
    status, stdout, message = python_cli(project, "transform")
    assert (status, stdout) == (1, "")
    assert message.startswith(f"python -m featurizers transform: {state} is corrupt: ")


def test_python_names_a_missing_keras_model(project):
    model = project / "build" / "pipeline" / "keras" / "model.keras"
    model.unlink()
    status, stdout, message = python_cli(project, "predict")
    assert (status, stdout) == (1, "")
    assert message == f"python -m featurizers predict: {model} is missing: run `make py=pipeline` first"


def test_python_names_a_corrupt_keras_model(project):
    model = project / "build" / "pipeline" / "keras" / "model.keras"
    model.write_bytes(b"not a model")
    status, stdout, message = python_cli(project, "predict")
    assert (status, stdout) == (1, "")
    assert message.startswith(f"python -m featurizers predict: {model} is corrupt: ")
