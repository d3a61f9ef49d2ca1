"""``export_keras(model, folder)``: a Keras model whose inputs go through preprocessing layers becomes
the npm package a pipeline build writes, and Node's ``predict`` on the raw inputs equals
``model.predict`` on them (same top label, scores within 1e-5; transform exactly the layers').

Models: a tf_keras ``Sequential`` text classifier (a tfjs layers model), a Keras 3 functional one
with TF-IDF rows (a tfjs graph model), and a tf_keras model of records whose string and number
inputs each go through their layers into one ``Concatenate`` (``Columns``). What cannot be cut
exactly is refused, naming the model and what is in the way.
"""

import json
import subprocess

import numpy as np
import pytest
from featurizers.testing.adversarial import ADVERSARIAL
from harness import ROOT
from keras_support import keras_of

from featurizers.interop.keras import KerasConversionError, export_keras, keras_inputs, split_model

EXPORTS = ROOT / "build" / "keras-tests"  # inside the project: the packages find its node_modules


def texts_to_check(sms_split):
    return list(sms_split.test_texts) + [t for t in ADVERSARIAL.values() if len(t) < 20000]


def text_classifier(flavor, sms_split, vectorize, hidden_layers):
    k = keras_of(flavor)
    k.utils.set_random_seed(7)
    vectorize.adapt(sms_split.train_texts[:2000])
    inputs = k.Input(shape=(1,), dtype="string", name="text")
    x = vectorize(inputs)
    for layer in hidden_layers(k):
        x = layer(x)
    outputs = k.layers.Dense(2, activation="softmax", name="scores")(x)
    model = k.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    labels = np.asarray([int(y == "spam") for y in sms_split.train_labels[:2000]])
    model.fit(keras_inputs(model, sms_split.train_texts[:2000]), labels, epochs=2, batch_size=64, verbose=0)
    return model


def assert_node_predicts_as_keras(node, package, model, items, labels):
    expected = model.predict(keras_inputs(model, items), verbose=0)
    predicted = node.predict(package / "index.js", items)
    assert len(predicted) == len(items)
    worst = 0.0
    for i, ranked in enumerate(predicted):
        assert ranked[0]["label"] == labels[int(expected[i].argmax())] or abs(ranked[0]["score"] - ranked[1]["score"]) < 1e-6
        for entry in ranked:
            worst = max(worst, abs(entry["score"] - float(expected[i][labels.index(entry["label"])])))
    assert worst < 1e-5
    return worst


@pytest.fixture(scope="module")
def sequential_text(sms_split):
    k = keras_of("tf_keras")
    k.utils.set_random_seed(3)
    vectorize = k.layers.TextVectorization(max_tokens=3000, output_sequence_length=40, name="vectorize")
    vectorize.adapt(sms_split.train_texts[:2000])
    model = k.Sequential(
        [
            k.Input(shape=(1,), dtype="string", name="text"),
            vectorize,
            k.layers.Embedding(3000, 8),
            k.layers.GlobalAveragePooling1D(),
            k.layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    labels = np.asarray([int(y == "spam") for y in sms_split.train_labels[:2000]])
    model.fit(keras_inputs(model, sms_split.train_texts[:2000]), labels, epochs=2, batch_size=64, verbose=0)
    package = export_keras(model, EXPORTS / "sequential-text", labels=["ham", "spam"], samples=sms_split.test_texts[:200], log=lambda _: None)
    return model, package


def test_a_tf_keras_text_model_predicts_in_node_as_in_keras(node, sms_split, sequential_text):
    model, package = sequential_text
    texts = texts_to_check(sms_split)
    assert_node_predicts_as_keras(node, package, model, texts, ["ham", "spam"])
    assert node.transform(package / "index.js", texts) == np.asarray(split_model(model).preprocessing.predict(keras_inputs(model, texts), verbose=0)).tolist()


def test_the_package_is_what_a_pipeline_build_writes(sequential_text):
    _, package = sequential_text
    for name in ["index.js", "index.mjs", "index.d.ts", "browser.js", "cli.js", "serve.js", "state.json", "package.json", "README.md", "model/model.json", "demo/index.html"]:
        assert (package / name).is_file(), name
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "sequential-text"
    state = json.loads((package / "state.json").read_text(encoding="utf-8"))
    assert [step["type"] for step in state["steps"]] == ["TextCleaner", "Tokenizer", "Vocabulary", "PadSequences"]
    assert json.loads((package / "model" / "model.json").read_text(encoding="utf-8"))["format"] == "layers-model"


def test_the_package_runs_as_a_command(sequential_text):
    _, package = sequential_text
    result = subprocess.run(["node", str(package / "index.js"), "predict", "--top-k", "1"], input='"WIN a FREE prize now"\n', capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(result.stdout)[0]["label"] in ("ham", "spam")


def test_an_export_builds_byte_identical_packages(sequential_text):
    model, package = sequential_text
    again = export_keras(model, EXPORTS / "sequential-text-again", labels=["ham", "spam"], name="sequential-text", log=lambda _: None)
    for name in ["index.js", "browser.js", "state.json", "model/model.json"]:
        assert (again / name).read_bytes() == (package / name).read_bytes(), name


def test_a_keras_3_functional_tf_idf_model_predicts_in_node_as_in_keras(node, sms_split):
    k = keras_of("keras")
    vectorize = k.layers.TextVectorization(max_tokens=2000, ngrams=2, output_mode="tf_idf", name="tfidf")
    model = text_classifier("keras", sms_split, vectorize, lambda k: [k.layers.Dense(8, activation="relu")])
    package = export_keras(model, EXPORTS / "functional-tfidf", labels=["ham", "spam"], log=lambda _: None)
    assert json.loads((package / "model" / "model.json").read_text(encoding="utf-8"))["format"] == "graph-model"
    assert_node_predicts_as_keras(node, package, model, texts_to_check(sms_split)[:800], ["ham", "spam"])


RECORDS = [
    {"plan": "basic", "age": 31.0, "visits": 2.0},
    {"plan": "premium", "age": 65.5, "visits": 40.0},
    {"plan": "trial", "age": 18.0, "visits": 0.0},
    {"plan": "unknown plan", "age": -3.0, "visits": 1e6},
    {"plan": "constructor", "age": 0.1, "visits": 7.5},
]


def test_a_model_of_records_becomes_columns_and_predicts_in_node_as_in_keras(node):
    import tensorflow as tf

    k = keras_of("tf_keras")
    k.utils.set_random_seed(5)
    rng = np.random.default_rng(5)
    plans = rng.choice(["basic", "premium", "trial", "family"], 500).tolist()
    ages = rng.normal(40, 12, 500).astype("float32")
    visits = rng.exponential(10, 500).astype("float32")
    plan_in = k.Input(shape=(1,), dtype="string", name="plan")
    age_in = k.Input(shape=(1,), dtype="float32", name="age")
    visits_in = k.Input(shape=(1,), dtype="float32", name="visits")
    lookup = k.layers.StringLookup(output_mode="one_hot")
    lookup.adapt(tf.constant(plans))
    normalize = k.layers.Normalization()
    normalize.adapt(ages.reshape(-1, 1))
    bucket = k.layers.Discretization(bin_boundaries=[1.0, 5.0, 20.0])
    encode = k.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
    joined = k.layers.Concatenate()([lookup(plan_in), normalize(age_in), encode(bucket(visits_in))])
    hidden = k.layers.Dense(8, activation="relu")(joined)
    model = k.Model([plan_in, age_in, visits_in], k.layers.Dense(3, activation="softmax")(hidden))
    records = [{"plan": p, "age": float(a), "visits": float(v)} for p, a, v in zip(plans, ages, visits)] + RECORDS

    cut = split_model(model)
    assert cut.input == "record" and cut.input_dtype == "float32"
    assert [column[0] for column in cut.featurizer.get_config()["columns"]] == ["plan", "age", "visits"]
    package = export_keras(model, EXPORTS / "records", labels=["stay", "upgrade", "leave"], samples=records, log=lambda _: None)
    assert_node_predicts_as_keras(node, package, model, records, ["stay", "upgrade", "leave"])
    expected = np.asarray(cut.preprocessing.predict(keras_inputs(model, records), verbose=0)).tolist()
    assert node.transform(package / "index.js", records) == expected


def test_a_keras_3_model_of_records_predicts_in_node_as_in_keras_and_exports_quietly(node, capfd):
    """Keras 3 (a tfjs graph model): a string looked up, a number normalized, an int looked up,
    into one Concatenate; the export prints its own lines only (no TensorFlow C++ log), the parity gate among them."""
    import tensorflow as tf

    k = keras_of("keras")
    k.utils.set_random_seed(6)
    rng = np.random.default_rng(6)
    plans = rng.choice(["basic", "premium", "trial", "family"], 500).tolist()
    ages = rng.normal(40, 12, 500).astype("float32")
    rooms = [int(r) for r in rng.integers(1, 7, 500)]
    plan_in = k.Input(shape=(1,), dtype="string", name="plan")
    age_in = k.Input(shape=(1,), dtype="float32", name="age")
    rooms_in = k.Input(shape=(1,), dtype="int64", name="rooms")
    lookup = k.layers.StringLookup(output_mode="one_hot")
    lookup.adapt(tf.constant(plans))
    normalize = k.layers.Normalization()
    normalize.adapt(ages.reshape(-1, 1))
    rooms_lookup = k.layers.IntegerLookup(output_mode="one_hot")
    rooms_lookup.adapt(tf.constant(rooms, dtype=tf.int64))
    joined = k.layers.Concatenate()([lookup(plan_in), normalize(age_in), rooms_lookup(rooms_in)])
    model = k.Model([plan_in, age_in, rooms_in], k.layers.Dense(3, activation="softmax")(k.layers.Dense(8, activation="relu")(joined)))
    records = [{"plan": p, "age": float(a), "rooms": r} for p, a, r in zip(plans, ages, rooms)]
    records += [{"plan": "constructor", "age": 0.1, "rooms": 9007199254740991}, {"plan": "", "age": -1e30, "rooms": -3}, {"plan": "😀", "age": -0.0, "rooms": 0}]

    capfd.readouterr()
    package = export_keras(model, EXPORTS / "keras3-records", labels=["stay", "upgrade", "leave"], samples=records, log=print)
    out, err = capfd.readouterr()
    assert err == ""
    assert all(line.startswith("[keras3-records] ") for line in out.splitlines()), out
    assert "parity gate" in out and out.endswith(f"[keras3-records] wrote {package}: the npm package of Keras model '{model.name}'\n")
    assert json.loads((package / "model" / "model.json").read_text(encoding="utf-8"))["format"] == "graph-model"
    assert_node_predicts_as_keras(node, package, model, records, ["stay", "upgrade", "leave"])
    expected = np.asarray(split_model(model).preprocessing.predict(keras_inputs(model, records), verbose=0)).tolist()
    assert node.transform(package / "index.js", records) == expected


# --- refused, by name -------------------------------------------------------------------------------------


def test_a_preprocessing_layer_inside_the_model_is_refused():
    k = keras_of("tf_keras")
    inputs = k.Input(shape=(3,), dtype="float32", name="x")
    hidden = k.layers.Dense(2)(inputs)
    outputs = k.layers.Discretization(bin_boundaries=[0.0], name="late")(hidden)
    with pytest.raises(KerasConversionError, match="input 'x' goes into Dense 'dense.*' without a preprocessing layer"):
        split_model(k.Model(inputs, outputs))


def test_an_input_with_no_preprocessing_is_refused():
    k = keras_of("tf_keras")
    text = k.Input(shape=(1,), dtype="string", name="text")
    number = k.Input(shape=(1,), dtype="float32", name="number")
    lookup = k.layers.StringLookup(vocabulary=["a"], output_mode="one_hot")
    joined = k.layers.Concatenate()([lookup(text), number])
    model = k.Model([text, number], k.layers.Dense(2)(joined))
    with pytest.raises(KerasConversionError, match="input 'number' goes into Concatenate '.*' without a preprocessing layer"):
        split_model(model)


def test_several_outputs_are_refused():
    k = keras_of("tf_keras")
    text = k.Input(shape=(1,), dtype="string")
    ids = k.layers.StringLookup(vocabulary=["a"])(text)
    model = k.Model(text, [k.layers.Dense(1)(ids), k.layers.Dense(2)(ids)])
    with pytest.raises(KerasConversionError, match="has 2 outputs; featurizers' predict serves one"):
        split_model(model)


def test_inputs_joined_otherwise_than_by_one_concatenate_are_refused():
    k = keras_of("tf_keras")
    a = k.Input(shape=(1,), dtype="float32", name="a")
    b = k.Input(shape=(1,), dtype="float32", name="b")
    na = k.layers.Normalization(mean=0.0, variance=1.0)(a)
    nb = k.layers.Normalization(mean=0.0, variance=1.0)(b)
    model = k.Model([a, b], k.layers.Add()([na, nb]))
    with pytest.raises(KerasConversionError, match="must all go into one Concatenate layer"):
        split_model(model)


def test_a_layer_that_cannot_be_exact_fails_the_export_and_writes_nothing(tmp_path):
    k = keras_of("tf_keras")
    text = k.Input(shape=(1,), dtype="string")
    hashed = k.layers.Hashing(num_bins=4, name="buckets")(text)
    model = k.Model(text, k.layers.Dense(2)(k.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")(hashed)))
    with pytest.raises(KerasConversionError, match="^Hashing 'buckets': num_bins=4 cannot be exported: .*FarmHash"):
        export_keras(model, tmp_path / "never", log=lambda _: None)
    assert not (tmp_path / "never").exists()


def test_discretization_of_a_float64_input_is_refused():
    k = keras_of("tf_keras")
    number = k.Input(shape=(1,), dtype="float64", name="x")
    buckets = k.layers.Discretization(bin_boundaries=[0.1], name="buckets")(number)
    model = k.Model(number, k.layers.Dense(2)(k.layers.CategoryEncoding(num_tokens=2, output_mode="one_hot")(buckets)))
    with pytest.raises(KerasConversionError, match="^Discretization 'buckets': input dtype='float64' cannot be exported: .*float32"):
        split_model(model)
