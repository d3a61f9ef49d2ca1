"""The iris flower shop (pipelines/iris.py): records in, a TensorFlow SavedModel converted to a tfjs
graph model; Node gives Python's features exactly and Keras' predictions."""

import json
import subprocess

import numpy as np
import pytest
from harness import ROOT, NodeError

from featurizers import load_pipeline
from featurizers.training import datasets, models


@pytest.fixture(scope="module")
def records():
    split = datasets.iris()
    return split.train_texts + split.test_texts, split


@pytest.fixture(scope="module")
def featurizer(iris):
    return load_pipeline("iris", iris.root)


def test_the_model_is_a_tfjs_graph_model_converted_from_a_saved_model(iris):
    model_json = json.loads((iris.dist_dir / "model" / "model.json").read_text(encoding="utf-8"))
    assert model_json["format"] == "graph-model"
    assert (iris.build_dir / "saved_model" / "saved_model.pb").is_file()


def test_all_150_flowers_give_identical_features(iris, featurizer, node, records):
    texts, _ = records
    python_rows = featurizer.transform(texts)
    js_rows = node.transform(iris.bundle, texts)
    assert len(js_rows) == 150
    assert js_rows == python_rows  # floats bit for bit: the same IEEE operations in the same order
    assert len(python_rows[0]) == 7  # four standardized measurements, three one-hot buckets


def test_the_graph_model_in_node_predicts_as_keras_does(iris, featurizer, node, records):
    texts, split = records
    model = models.keras().models.load_model(iris.keras_model, compile=False)
    keras_scores = model.predict(np.asarray(featurizer.transform(texts), dtype="float32"), verbose=0)
    js = node.predict(iris.bundle, texts)
    labels = split.labels
    assert [ranked[0]["label"] for ranked in js] == [labels[int(row.argmax())] for row in keras_scores]
    worst = max(abs(e["score"] - float(keras_scores[i][labels.index(e["label"])])) for i, r in enumerate(js) for e in r)
    assert worst < 1e-5


@pytest.mark.parametrize(
    "bad, message",
    [
        ("not a record", "Columns.transform: item 1 is str, expected a record (dict)"),
        ({"sepal_length": 5.0, "sepal_width": 3.0, "petal_length": 1.0}, "Columns.transform: item 1 has no field 'petal_width'"),
        ({"sepal_length": "5", "sepal_width": 3.0, "petal_length": 1.0, "petal_width": 0.2}, "Columns.transform: field 'sepal_length': Standardize.transform: item 1 is str, expected number"),
        ({"sepal_length": None, "sepal_width": 3.0, "petal_length": 1.0, "petal_width": 0.2}, "Columns.transform: field 'sepal_length': Standardize.transform: item 1 is NoneType, expected number"),
    ],
    ids=["string", "missing field", "string value", "null value"],
)
def test_a_bad_record_raises_the_same_type_error_in_both(iris, featurizer, node, records, bad, message):
    good = records[0][0]
    with pytest.raises(TypeError) as python_error:
        featurizer.transform([good, bad])
    assert str(python_error.value) == message
    with pytest.raises(NodeError) as js_error:
        node.transform(iris.bundle, [good, bad])
    assert (js_error.value.name, js_error.value.message) == ("TypeError", message)


def run(command, stdin):
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT)


def test_both_command_lines_take_json_objects_for_a_record_pipeline(iris, records):
    stdin = "".join(json.dumps(record) + "\n" for record in records[0]).encode()
    node = run(["node", str(iris.bundle), "transform"], stdin)
    python = run([str(ROOT / ".venv" / "bin" / "python"), "-m", "featurizers", "transform", "iris"], stdin)
    assert node.returncode == python.returncode == 0, (node.stderr, python.stderr)
    assert node.stdout == python.stdout
    assert len(node.stdout.splitlines()) == 150


def test_both_command_lines_refuse_a_string_line_for_a_record_pipeline(iris, records):
    stdin = (json.dumps(records[0][0]) + "\n" + '"a string"\n').encode()
    node = run(["node", str(iris.bundle), "predict"], stdin)
    python = run([str(ROOT / ".venv" / "bin" / "python"), "-m", "featurizers", "transform", "iris"], stdin)
    assert node.returncode == python.returncode == 1
    assert node.stdout == python.stdout == b""
    assert node.stderr.decode().endswith("line 2: expected a JSON object, got string\n")
    assert python.stderr.decode().endswith("line 2: expected a JSON object, got string\n")


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"sepal_length": "5", "sepal_width": 3.0, "petal_length": 1.0, "petal_width": 0.2},
         "line 3: Columns.transform: field 'sepal_length': Standardize.transform: item 2 is str, expected number"),
        ({"sepal_length": 5.0, "sepal_width": 3.0, "petal_length": None, "petal_width": 0.2},
         "line 3: Columns.transform: field 'petal_length': Standardize.transform: item 2 is NoneType, expected number"),
        ({"sepal_length": 5.0, "sepal_width": 3.0, "petal_length": 1.0},
         "line 3: Columns.transform: item 2 has no field 'petal_width'"),
    ],
    ids=["string value", "null value", "missing field"],
)  # fmt: skip
@pytest.mark.parametrize("command", ["transform", "predict"])
def test_both_command_lines_name_the_line_and_the_field_of_a_refused_record(iris, records, bad, message, command):
    stdin = "".join(json.dumps(record) + "\n" for record in [records[0][0], records[0][1], bad, records[0][2]]).encode()
    node = run(["node", str(iris.bundle), command], stdin)
    cli = run(["node", str(iris.dist_dir / "cli.js"), command], stdin)
    python = run([str(ROOT / ".venv" / "bin" / "python"), "-m", "featurizers", command, "iris"], stdin)
    assert node.returncode == cli.returncode == python.returncode == 1
    assert node.stdout == cli.stdout == python.stdout == b""
    assert node.stderr.decode() == f"iris.js: {message}\n"
    assert cli.stderr.decode() == f"cli.js: {message}\n"
    assert python.stderr.decode() == f"python -m featurizers {command}: {message}\n"
