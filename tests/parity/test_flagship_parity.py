"""The flagship bundle (js_dist/pipeline.js) gives Python's features and predictions exactly.

All texts go through one long-lived Node process, in batches.
"""

import math
import sqlite3

import pytest
from harness import NodeError, keras_disagreement

from featurizers import load_pipeline
from featurizers.testing.adversarial import ADVERSARIAL, lone_surrogates, names_every_category_once, one_megabyte_message
from featurizers.training import datasets

# Short texts as people type them, and texts that clean to nothing (every id is padding: the
# model's masked pooling has no step to pool, and must still give finite scores).
SHORT_TEXTS = [
    "Are we still meeting for lunch tomorrow? I will bring the report.",
    "Can you send me the quarterly numbers before the meeting?",
    "ok",
    "Call me when you land",
    "Reminder: call Sam at 5",
    "FREE entry! Txt WIN to 80086 now",
    "K:)where are you?",
    "\U0001f600",
]
EMPTY_TEXTS = ["", " ", "!!!", "...", "?!", "\u2014", "<b></b>", "Subject: \n\n", "(-:", "***", "\t\n"]


def corpus_texts(artifacts, where=""):
    with sqlite3.connect(artifacts.build_dir / "corpus.sqlite") as db:
        return [row[0] for row in db.execute(f"SELECT text FROM messages {where} ORDER BY source, grp, id")]


def mismatches(python_rows, js_rows):
    assert len(python_rows) == len(js_rows)
    return [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]


@pytest.fixture(scope="module")
def featurizer(flagship):
    return load_pipeline("pipeline", flagship.root)


def test_the_whole_spam_assassin_corpus_gives_identical_features(flagship, featurizer, node):
    texts = corpus_texts(flagship, "WHERE source = 'spamassassin'")
    assert len(texts) == 6046
    python_rows = featurizer.transform(texts)
    js_rows = []
    for start in range(0, len(texts), 1000):
        js_rows += node.transform(flagship.bundle, texts[start : start + 1000])
    assert mismatches(python_rows, js_rows) == []


def test_the_sms_spam_collection_gives_identical_features(flagship, featurizer, node):
    texts = [record[5] for record in datasets.sms_records()]
    assert len(texts) == 5574
    assert mismatches(featurizer.transform(texts), node.transform(flagship.bundle, texts)) == []


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_gives_identical_features(flagship, featurizer, node, name):
    text = ADVERSARIAL[name]
    assert node.transform(flagship.bundle, [text]) == featurizer.transform([text])


def test_adversarial_texts_in_one_batch_give_identical_features(flagship, featurizer, node):
    texts = list(ADVERSARIAL.values()) + [names_every_category_once()]
    assert mismatches(featurizer.transform(texts), node.transform(flagship.bundle, texts)) == []


@pytest.mark.parametrize("text", lone_surrogates(), ids=ascii)
def test_a_text_with_a_lone_surrogate_is_refused_alike(flagship, featurizer, node, text):
    message = "EmailBody.transform: item 1 is str with a lone surrogate, expected str"
    with pytest.raises(TypeError, match=f"^{message}$"):
        featurizer.transform(["ok", text])
    with pytest.raises(NodeError) as js_error:
        node.transform(flagship.bundle, ["ok", text])
    assert (js_error.value.name, js_error.value.message) == ("TypeError", message)


def test_a_one_megabyte_message_gives_identical_features(flagship, featurizer, node):
    text = one_megabyte_message()
    assert len(text) >= 1_000_000
    assert node.transform(flagship.bundle, [text]) == featurizer.transform([text])


@pytest.mark.parametrize("source, count", [("spamassassin", 2796), ("sms", 1436)])
def test_predictions_on_each_sources_held_out_messages_agree(flagship, featurizer, node, source, count):
    texts = corpus_texts(flagship, f"WHERE source = '{source}' AND split = 'test'")
    assert len(texts) == count
    mismatches, worst = keras_disagreement(flagship, node, texts, featurizer.transform(texts), "int32", ["ham", "spam"])
    assert mismatches == []
    assert worst < 1e-5


def test_predictions_on_short_texts_agree(flagship, featurizer, node):
    mismatches, worst = keras_disagreement(
        flagship, node, SHORT_TEXTS, featurizer.transform(SHORT_TEXTS), "int32", ["ham", "spam"]
    )
    assert mismatches == []
    assert worst < 1e-5


def test_a_text_that_cleans_to_nothing_is_all_padding_and_gets_finite_scores_that_agree(flagship, featurizer, node):
    import numpy as np

    from featurizers.training import models

    features = featurizer.transform(EMPTY_TEXTS)
    assert all(sum(row) == 0 for row in features)
    keras_scores = models.load_model(flagship.keras_model).predict(np.asarray(features, dtype=np.int32), verbose=0)
    assert np.isfinite(keras_scores).all()
    mismatches, worst = keras_disagreement(
        flagship, node, EMPTY_TEXTS, featurizer.transform(EMPTY_TEXTS), "int32", ["ham", "spam"]
    )
    assert mismatches == []
    assert worst < 1e-5
    for ranked in node.predict(flagship.bundle, EMPTY_TEXTS):
        scores = [entry["score"] for entry in ranked]
        assert all(math.isfinite(score) and 0 <= score <= 1 for score in scores)
        assert abs(sum(scores) - 1) < 1e-6


# Given to Node on stdin: feature rows; prints, for each, the model's scores on the padded row and
# on the row cut after its last token, and the bundle's predict on the texts in one batch.
TRIMMED_VS_PADDED = r"""
const bundle = require(process.argv[1]);
const { rows, texts } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const { tf, model } = await bundle.load();
  const scores = (row) => {
    const input = tf.tensor2d(row, [1, row.length], 'int32');
    const output = model.predict(input);
    const values = Array.from(output.dataSync());
    input.dispose();
    output.dispose();
    return values;
  };
  const cut = (row) => {
    let end = row.length;
    while (end > 1 && row[end - 1] === 0) end--;
    return row.slice(0, end);
  };
  const shape = model.inputs[0].shape;
  const batch = await bundle.predict(texts);
  process.stdout.write(JSON.stringify({ shape, padded: rows.map(scores), trimmed: rows.map((row) => scores(cut(row))), batch }));
})().catch((error) => {
  process.stderr.write(String(error.stack));
  process.exit(1);
});
"""


def test_predict_gives_the_model_each_row_without_its_padding_and_the_scores_are_the_padded_rows_to_the_bit(flagship, featurizer):
    import json
    import subprocess

    meta = json.loads(flagship.meta_json.read_text(encoding="utf-8"))
    assert meta["trim_padding"] == "post"  # training checked that the model ignores the padding
    texts = SHORT_TEXTS + EMPTY_TEXTS + corpus_texts(flagship, "WHERE split = 'test' AND id % 50 = 0")
    rows = featurizer.transform(texts)
    assert any(row[-1] != 0 for row in rows) and any(row[0] == 0 for row in rows)  # full rows and empty ones
    result = subprocess.run(
        ["node", "-e", TRIMMED_VS_PADDED, str(flagship.bundle)],
        input=json.dumps({"rows": rows, "texts": texts}), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["shape"] == [-1, -1]  # the exported graph takes rows of any length
    assert out["trimmed"] == out["padded"]
    # predict's batch is cut to its longest row: each text's scores are still its padded row's.
    labels = ["ham", "spam"]
    for ranked, padded in zip(out["batch"], out["padded"], strict=True):
        assert {entry["label"]: entry["score"] for entry in ranked} == dict(zip(labels, padded, strict=True))


# Given to Node: the bundle loaded with the wasm backend, or with one whose .wasm files cannot be
# found; prints the backend used, the warnings, whether tfjs' cpu kernels were required, and the
# scores of SHORT_TEXTS.
BACKEND_FALLBACK = r"""
const [bundlePath, breakWasm] = process.argv.slice(1);
if (breakWasm === 'yes') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const setWasmPaths = wasm.setWasmPaths;
  wasm.setWasmPaths = () => setWasmPaths('/nonexistent/');
}
const warnings = [];
process.on('warning', (warning) => warnings.push(warning.message));
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const bundle = require(bundlePath);
(async () => {
  const { backend } = await bundle.load();
  const ranked = await bundle.predict(texts);
  await new Promise((resolve) => setImmediate(resolve));
  const cpuRequired = Object.keys(require.cache).some((file) => file.includes('tfjs-backend-cpu'));
  process.stdout.write(JSON.stringify({ backend, warnings, cpuRequired, ranked }));
})().catch((error) => {
  process.stderr.write(String(error.stack));
  process.exit(1);
});
"""


def run_backend_fallback(flagship, break_wasm):
    import json
    import os
    import subprocess

    env = {key: value for key, value in os.environ.items() if key != "FEATURIZERS_BACKEND"}
    result = subprocess.run(
        ["node", "-e", BACKEND_FALLBACK, str(flagship.bundle), "yes" if break_wasm else "no"],
        input=json.dumps(SHORT_TEXTS), capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_wasm_backend_predicts_without_requiring_tfjs_cpu_kernels_and_falls_back_to_them_when_it_cannot_start(flagship):
    wasm = run_backend_fallback(flagship, break_wasm=False)
    assert (wasm["backend"], wasm["warnings"], wasm["cpuRequired"]) == ("wasm", [], False)
    fallback = run_backend_fallback(flagship, break_wasm=True)
    assert fallback["backend"] == "cpu"
    assert fallback["warnings"] == ["tfjs backend 'wasm' could not start; using 'cpu'"]
    assert fallback["cpuRequired"]
    for on_cpu, on_wasm in zip(fallback["ranked"], wasm["ranked"], strict=True):
        assert on_cpu[0]["label"] == on_wasm[0]["label"]
        assert abs(on_cpu[0]["score"] - on_wasm[0]["score"]) < 1e-5
