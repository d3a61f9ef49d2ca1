"""The scikit-learn pipeline's bundle (js_dist/sklearn_sms.js, built by `make py=sklearn_sms`):
Node's ``transform`` gives ``TfidfVectorizer.transform``'s rows (to 1e-12) and ``predict``
``predict_proba`` (|diff| < 1e-6, the same top label) on every held-out message, adversarial text
and a 1 MB message, against the scikit-learn model itself, fitted again by the pipeline module."""

import json
import subprocess

import numpy as np
import pytest
from featurizers.testing.adversarial import ADVERSARIAL, one_megabyte_message

from featurizers import from_sklearn, load_pipeline
from featurizers.interop.sklearn import sklearn_features


@pytest.fixture(scope="module")
def model_and_split(sklearn_sms):
    module = sklearn_sms.module()
    split = module.load_data(sklearn_sms)
    return module.sklearn_model(split), split


def test_the_bundle_embeds_the_imported_model(sklearn_sms, model_and_split):
    model, _split = model_and_split
    script = f"process.stdout.write(JSON.stringify(require({json.dumps(str(sklearn_sms.bundle))}).config))"
    embedded = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert embedded == from_sklearn(model).get_config() == load_pipeline("sklearn_sms", sklearn_sms.root).get_config()
    meta = json.loads(sklearn_sms.meta_json.read_text(encoding="utf-8"))
    assert meta["labels"] == ["ham", "spam"] and meta["score"] == "probability" and meta["test"]["test"]["accuracy"] > 0.95


def test_transform_equals_tfidf_vectorizer_in_node(node, sklearn_sms, model_and_split):
    model, split = model_and_split
    texts = split.test_texts[::4] + list(ADVERSARIAL.values()) + [one_megabyte_message()]
    expected = sklearn_features(model, texts)
    worst = 0.0
    for start in range(0, len(texts), 50):
        rows = np.asarray(node.transform(sklearn_sms.bundle, texts[start : start + 50]), dtype=np.float64)
        worst = max(worst, float(np.max(np.abs(rows - expected[start : start + 50]))))
    assert worst <= 1e-12
    assert (expected != 0).sum() > 5 * len(texts)  # real vectors


def test_predict_equals_predict_proba_in_node(node, sklearn_sms, model_and_split):
    model, split = model_and_split
    texts = split.test_texts + list(ADVERSARIAL.values())
    predictions = node.predict(sklearn_sms.bundle, texts)
    proba = model.predict_proba(texts)
    labels = list(model.classes_)
    assert [ranked[0]["label"] for ranked in predictions] == list(model.predict(texts))
    worst = max(abs(e["score"] - proba[i][labels.index(e["label"])]) for i, ranked in enumerate(predictions) for e in ranked)
    assert worst < 1e-6
