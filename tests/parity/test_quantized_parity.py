"""QUANTIZE in a pipeline module: the tfjs model stores float16 or uint8 weights, tfjs reads back
exactly the weights Python predicts with, and Node gives Python's predictions (same top label,
scores within 1e-5), for a layers model and a graph model alike."""

import json
import subprocess
import sys

import numpy as np
import pytest

from featurizers.training import quantize

PIPELINE = '''
from featurizers import PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary


def make_featurizer():
    return Pipeline([TextCleaner(), Tokenizer(), Vocabulary(max_tokens=2000), PadSequences(40)])


# __pragma__('skip')
from featurizers.training import datasets, models

EPOCHS = 2
QUANTIZE = {quantize!r}
MODEL_FORMAT = {model_format!r}
SAMPLES = ["Are we still meeting for lunch tomorrow?", "WIN a FREE prize now! Call 09061701461"]


def load_data(artifacts):
    records = list(datasets.sms_records())[:1800]
    texts, labels = [r[5] for r in records], [r[4] for r in records]
    return datasets.Split(["ham", "spam"], texts[:1500], labels[:1500], texts[1500:], labels[1500:])


def make_model(featurizer, n_labels):
    size = featurizer.step("Vocabulary").size()
    if MODEL_FORMAT == "graph":  # the flagship's masked pooling, which tfjs runs as a graph
        return models.masked_embedding_classifier(size, 40, n_labels, embedding_dim=8, hidden=8)
    return models.embedding_classifier(size, 40, n_labels, embedding_dim=8, hidden=8)


# __pragma__('noskip')
'''

CASES = [("float16", "layers"), ("uint8", "graph")]


def featurizers(*argv, cwd):
    result = subprocess.run([sys.executable, "-m", "featurizers", *argv], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module", params=CASES, ids=["-".join(case) for case in CASES])
def project(request, tmp_path_factory):
    kind, model_format = request.param
    folder = tmp_path_factory.mktemp(f"{kind}-{model_format}")
    (folder / "tiny.py").write_text(PIPELINE.format(quantize=kind, model_format=model_format), encoding="utf-8")
    log = featurizers("train", "tiny.py", cwd=folder)
    featurizers("build", "tiny.py", cwd=folder)
    return kind, model_format, folder, log


def manifest_entries(folder):
    model = json.loads((folder / "dist" / "tiny" / "model" / "model.json").read_text(encoding="utf-8"))
    return model, [entry for group in model["weightsManifest"] for entry in group["weights"]]


def keras_weights(folder):
    from featurizers.training import models

    return models.load_model(folder / "build" / "tiny" / "keras" / "model.keras").get_weights()


def test_the_weights_are_stored_quantized(project):
    kind, _, folder, log = project
    _, entries = manifest_entries(folder)
    floats = [e for e in entries if e["dtype"] == "float32"]
    stored = {e["name"]: e.get("quantization", {}).get("dtype", "float32") for e in floats}
    kept = [name for name, dtype in stored.items() if dtype == "float32"]
    # Only constants a quantization would change stay float32, and training names them.
    assert all(name in log for name in kept)
    embedding = max(floats, key=lambda e: int(np.prod(e["shape"])))
    assert embedding["shape"][1] == 8 and stored[embedding["name"]] == kind
    shard_bytes = sum(p.stat().st_size for p in (folder / "dist" / "tiny" / "model").glob("*.bin"))
    float32_bytes = 4 * sum(int(np.prod(e["shape"])) for e in floats)
    assert shard_bytes <= float32_bytes * {"float16": 0.5, "uint8": 0.25}[kind] + 4 * 64
    assert json.loads((folder / "build" / "tiny" / "meta.json").read_text(encoding="utf-8"))["quantize"] == kind


def test_tfjs_reads_back_exactly_the_weights_python_predicts_with(project):
    _, _, folder, _ = project
    read_back = quantize.read_files(folder / "dist" / "tiny" / "model")
    stored = {values.tobytes() for _, values in read_back if values.dtype == np.float32}
    for weights in keras_weights(folder):
        assert np.ascontiguousarray(weights, dtype=np.float32).tobytes() in stored


def test_node_predicts_as_python_on_held_out_and_adversarial_texts(project):
    from featurizers.cli.main import predict_texts
    from featurizers.training.artifacts import Artifacts
    from featurizers.testing.adversarial import ADVERSARIAL
    from featurizers.training import datasets

    _, _, folder, _ = project
    texts = [r[5] for r in list(datasets.sms_records())[1800:2600]] + list(ADVERSARIAL.values())
    python = predict_texts(Artifacts.of_module("tiny.py", cwd=folder), texts)
    # The package's command line, a Node process of its own, as a user runs it.
    stdin = "".join(json.dumps(text) + "\n" for text in texts)
    node = subprocess.run(["node", "dist/tiny/cli.js", "predict"], input=stdin, cwd=folder, capture_output=True, text=True, timeout=300)
    assert node.returncode == 0, node.stderr
    js = [json.loads(line) for line in node.stdout.splitlines()]
    assert [ranked[0]["label"] for ranked in js] == [ranked[0]["label"] for ranked in python]
    worst = max(abs(a["score"] - b["score"]) for p, j in zip(python, js) for a, b in zip(p, j))
    assert worst < 1e-5


@pytest.mark.parametrize("kind", quantize.QUANTIZATIONS)
def test_settled_weights_are_fixed_points_of_tensorflowjs_quantization(kind):
    rng = np.random.default_rng(0)
    for scale in (1e-3, 1.0, 30.0):
        weights = (rng.standard_normal(5000) * scale).astype(np.float32)
        settled = quantize.settle(weights, kind)
        assert quantize.is_fixed_point(settled, kind)
        assert np.abs(settled - weights).max() <= {"float16": 1e-3, "uint8": 0.01}[kind] * np.abs(weights).max()


def test_a_constant_that_quantization_would_change_is_not_a_fixed_point():
    assert not quantize.is_fixed_point(np.array([1e9], np.float32), "float16")  # infinity in float16
    assert quantize.is_fixed_point(np.array([1e9], np.float32), "uint8")  # one value: stored exactly


def test_an_unknown_quantization_is_refused_by_name():
    with pytest.raises(ValueError, match=r"tiny\.py: QUANTIZE must be None, 'float16' or 'uint8', got 'int4'"):
        quantize.check_quantize("int4", "tiny.py")
