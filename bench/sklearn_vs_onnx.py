"""The scikit-learn path against the one users take today, skl2onnx + onnxruntime, side by side.

The same fitted pipeline (``pipelines/sklearn_sms.py``: TF-IDF of words and word pairs, logistic
regression, fitted on the first 4,000 SMS) is our built package ``js_dist/sklearn_sms/`` and two
ONNX models made by skl2onnx (the whole pipeline, and its vectorizer alone for the vectors), run by
onnxruntime-node in the same Node process. On 1,000 held-out texts: predict's median time for
each, and how many texts get a TF-IDF vector (any component off by more than 1e-6: ONNX computes
in float32, whose rounding is below that) or a top label other than scikit-learn's.
"""

import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TEXTS = 1_000
REPEAT = 5
TOLERANCE = 1e-6


def onnx_models(model, directory):
    """(the whole pipeline, the vectorizer alone) as ONNX files, converted by skl2onnx."""
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import StringTensorType

    inputs = [("text", StringTensorType([None, 1]))]
    # Its lowercasing (StringNormalizer) asks for an en_US.UTF-8 locale by default, which a machine
    # without locales (this one, CI's) lacks; C.utf8 is always there.
    locale = {"locale": "C.utf8"}
    whole = convert_sklearn(model, initial_types=inputs, options={id(model[-1]): {"zipmap": False}, id(model[0]): locale})
    vectorizer = convert_sklearn(model[0], initial_types=inputs, options={id(model[0]): locale})
    paths = [Path(directory) / "pipeline.onnx", Path(directory) / "vectorizer.onnx"]
    for path, onnx_model in zip(paths, [whole, vectorizer]):
        path.write_bytes(onnx_model.SerializeToString())
    return paths


def mismatches(expected_rows, expected_labels, got):
    """How many texts have a row or a label that differs from scikit-learn's."""
    count = 0
    for i, (row, label) in enumerate(zip(expected_rows, expected_labels)):
        sparse = {int(k): v for k, v in got["rows"][i].items()}
        nonzero = np.flatnonzero(row)
        differs = set(sparse) - set(nonzero.tolist()) or any(abs(sparse.get(int(j), 0.0) - row[j]) > TOLERANCE for j in nonzero)
        count += bool(differs) or str(got["labels"][i]) != str(label)
    return count


def measure():
    from featurizers.training.artifacts import Artifacts

    artifacts = Artifacts("sklearn_sms", ROOT)
    module = artifacts.module()
    split = module.load_data(artifacts)
    model = module.sklearn_model(split)
    texts = split.test_texts[:TEXTS]
    expected_rows = model[0].transform(texts).toarray()
    expected_labels = model.predict(texts)
    with tempfile.TemporaryDirectory() as directory:
        whole, vectorizer = onnx_models(model, directory)
        request = Path(directory) / "request.json"
        request.write_text(json.dumps({"bundle": str(artifacts.bundle), "model": str(whole), "vectorizer": str(vectorizer), "texts": texts, "repeat": REPEAT}))
        env = {"FEATURIZERS_BACKEND": "wasm", "PATH": "/usr/bin:/bin:/usr/local/bin"}
        result = subprocess.run(["node", str(ROOT / "bench" / "node" / "sklearn_vs_onnx.cjs"), str(request)], capture_output=True, text=True, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"sklearn_vs_onnx.cjs failed:\n{result.stderr}")
    out = json.loads(result.stdout)
    ours_ms, onnx_ms = float(np.median(out["ours_ms"])), float(np.median(out["onnx_ms"]))
    return {
        "texts": len(texts),
        "repeat": REPEAT,
        "ours_predict_ms": ours_ms,
        "onnxruntime_predict_ms": onnx_ms,
        "js_vs_onnxruntime": onnx_ms / ours_ms,  # above 1: our package predicts faster
        "mismatches_ours": mismatches(expected_rows, expected_labels, out["ours"]),
        "mismatches_onnx": mismatches(expected_rows, expected_labels, out["onnx"]),
        "label_mismatches_onnx": sum(str(a) != str(b) for a, b in zip(out["onnx"]["labels"], expected_labels)),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
