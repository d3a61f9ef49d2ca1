"""``export_sklearn`` writes the npm package a pipeline build writes: in Node, ``transform`` gives
scikit-learn's transform rows and ``predict`` its scores by label, for text and for records; the
same model exported twice gives byte-identical packages."""

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from harness import ROOT
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, OneHotEncoder, StandardScaler
from sklearn.svm import LinearSVC

from featurizers import export_sklearn
from featurizers.interop.sklearn import _records, sklearn_features, sklearn_scores

# Inside the project, so that Node finds tfjs in its node_modules as a user's project would.
EXPORTS = ROOT / "build" / "test-exports"


@pytest.fixture(scope="module")
def exports():
    shutil.rmtree(EXPORTS, ignore_errors=True)
    yield EXPORTS
    shutil.rmtree(EXPORTS, ignore_errors=True)


def three_classes(labels, texts):
    return [label if label == "spam" or "?" not in text else "question" for label, text in zip(labels, texts)]


@pytest.fixture(scope="module")
def text_package(exports, sms, adversarial_texts):
    train, labels, held_out, _ = sms
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, strip_accents="unicode"), LinearSVC()).fit(train, three_classes(labels, train))
    package = export_sklearn(model, exports / "a" / "svc", samples=held_out[:200], log=None)
    return model, package, held_out[:300] + adversarial_texts


def test_text_package_transform_equals_scikit_learn(node, text_package):
    model, package, texts = text_package
    rows = np.asarray(node.transform(package, texts), dtype=np.float64)
    expected = sklearn_features(model, texts)
    assert rows.shape == expected.shape
    assert np.max(np.abs(rows - expected)) <= 1e-12


def test_text_package_predicts_scikit_learn_labels_with_decision_scores(node, text_package):
    model, package, texts = text_package
    predictions = node.predict(package, texts)
    expected = sklearn_scores(model[-1], sklearn_features(model, texts))
    labels = [str(c) for c in model[-1].classes_]
    assert [ranked[0]["label"] for ranked in predictions] == [str(y) for y in model.predict(texts)]
    worst = max(abs(entry["score"] - expected[i][labels.index(entry["label"])]) / max(1.0, abs(expected[i][labels.index(entry["label"])]))
                for i, ranked in enumerate(predictions) for entry in ranked)
    assert worst < 1e-5
    kind = subprocess.run(["node", "-p", f"require({json.dumps(str(package))}).scoreKind"], capture_output=True, text=True, cwd=ROOT)
    assert kind.stdout.strip() == "decision_function"
    assert "decision_function for the label" in (package / "index.d.ts").read_text(encoding="utf-8")
    assert "exported exactly from scikit-learn" in json.loads((package / "package.json").read_text(encoding="utf-8"))["description"]


def frame(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "plan": [["basic", "pro", "team", "constructor"][i] for i in rng.integers(0, 4, n)],
        "minutes": rng.gamma(2.0, 30.0, n),
        "calls": rng.integers(0, 40, n).astype(np.int64),
        "note": [["call me", "free prize", "lunch?", "WIN now"][i] for i in rng.integers(0, 4, n)],
    })


@pytest.fixture(scope="module")
def record_package(exports):
    train = frame(400, 1)
    churn = np.where(train["minutes"] > 70, "leaves", np.where(train["calls"] > 25, "calls", "stays"))
    transformer = ColumnTransformer([
        ("plan", OneHotEncoder(handle_unknown="ignore"), ["plan"]),
        ("minutes", StandardScaler(), ["minutes"]),
        ("calls", KBinsDiscretizer(n_bins=4, encode="onehot-dense", strategy="uniform"), ["calls"]),
        ("note", TfidfVectorizer(), "note"),
    ])
    model = make_pipeline(transformer, LogisticRegression(max_iter=1000)).fit(train, churn)
    held_out = frame(150, 2)
    package = export_sklearn(model, exports / "a" / "churn", samples=held_out, log=None)
    return model, package, held_out


def test_record_package_transform_and_predict_equal_scikit_learn(node, record_package):
    model, package, held_out = record_package
    records = _records(held_out)
    rows = np.asarray(node.transform(package, records), dtype=np.float64)
    assert np.max(np.abs(rows - sklearn_features(model, held_out)) / np.maximum(1.0, np.abs(rows))) <= 1e-12
    predictions = node.predict(package, records)
    proba = model.predict_proba(held_out)
    labels = [str(c) for c in model[-1].classes_]
    assert [ranked[0]["label"] for ranked in predictions] == [str(y) for y in model.predict(held_out)]
    assert max(abs(e["score"] - proba[i][labels.index(e["label"])]) for i, ranked in enumerate(predictions) for e in ranked) < 1e-6


def test_the_same_model_exported_twice_gives_identical_packages(record_package, exports):
    model, package, held_out = record_package
    again = export_sklearn(model, exports / "b" / "churn", log=None)

    def files(folder):
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}

    first, second = files(package), files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
