"""``make py=keras_textvec``: a Keras model whose first layer is ``TextVectorization``, trained on the
SMS messages, built into a bundle whose ``transform`` is the layer and whose ``predict`` is the
model, on raw strings: every held-out message, every adversarial text and a 1 MB message."""

import json

import numpy as np
import pytest
from featurizers.testing.adversarial import ADVERSARIAL, one_megabyte_message
from harness import keras_disagreement

from featurizers.interop.keras import keras_inputs
from featurizers.training import models


@pytest.fixture(scope="module")
def source_model(keras_textvec):
    """The whole trained model, TextVectorization included, as training saved it."""
    return models.keras().models.load_model(keras_textvec.keras_model.parent / "source.keras", compile=False)


@pytest.fixture(scope="module")
def texts(sms_split):
    return list(sms_split.test_texts) + list(ADVERSARIAL.values()) + [one_megabyte_message()]


def test_node_transform_is_the_text_vectorization_layer(node, keras_textvec, source_model, texts):
    layer = source_model.get_layer("vectorize")
    expected = np.asarray(layer(keras_inputs(source_model, texts))).tolist()
    assert node.transform(keras_textvec.bundle, texts) == expected


def test_node_predicts_raw_strings_as_the_keras_model_does(node, keras_textvec, source_model, texts):
    labels = json.loads(keras_textvec.meta_json.read_text(encoding="utf-8"))["labels"]
    expected = source_model.predict(keras_inputs(source_model, texts), verbose=0)
    predicted = node.predict(keras_textvec.bundle, texts)
    assert [ranked[0]["label"] for ranked in predicted] == [labels[int(row.argmax())] for row in expected]
    worst = max(abs(entry["score"] - float(expected[i][labels.index(entry["label"])])) for i, ranked in enumerate(predicted) for entry in ranked)
    assert worst < 1e-5


def test_the_rest_of_the_model_is_what_predict_serves(node, keras_textvec, sms_split):
    """The saved rest of the model on the featurizer's ids (what the CLI's Python predict uses)."""
    from featurizers.training.artifacts import load_pipeline

    features = load_pipeline("keras_textvec", keras_textvec.root).transform(sms_split.test_texts)
    mismatches, worst = keras_disagreement(keras_textvec, node, sms_split.test_texts, features, "int32", ["ham", "spam"])
    assert mismatches == [] and worst < 1e-5


def test_the_model_is_a_useful_spam_filter(keras_textvec):
    meta = json.loads(keras_textvec.meta_json.read_text(encoding="utf-8"))
    assert meta["test"]["test"]["accuracy"] > 0.95
    assert meta["keras"] == "tf_keras" and meta["model_format"] == "layers"
