"""js_dist/pipeline.browser.js in real Chromium: the host is left alone, and the features and
predictions are Python's."""

import sqlite3

import numpy as np
import pytest
from adversarial import ADVERSARIAL

from featurizers import load_pipeline
from featurizers.training import models

HOST_PROBE = """async () => {
  const builtins = { Object, Array, String, Number, Boolean, Function, RegExp, Map, Set, Error, Promise, Uint8Array };
  const snapshot = () => Object.fromEntries(Object.entries(builtins).map(([name, ctor]) => [name,
    Object.fromEntries(Reflect.ownKeys(ctor.prototype).filter((k) => typeof k === 'string')
      .map((k) => [k, Object.getOwnPropertyDescriptor(ctor.prototype, k).enumerable])) ]));
  const forIn = (value) => { const keys = []; for (const k in value) keys.push(k); return keys; };
  const globalsBefore = new Set(Reflect.ownKeys(window).map(String));
  const before = snapshot();
  const p = await import('/pipeline.browser.js');
  p.transform(['Hello World']);
  const after = snapshot();
  const newEnumerable = [];
  for (const [name, keys] of Object.entries(after)) {
    for (const [key, enumerable] of Object.entries(keys)) {
      if (enumerable && !(key in before[name])) newEnumerable.push(`${name}.prototype.${key}`);
    }
  }
  return {
    newEnumerable,
    newGlobals: Reflect.ownKeys(window).map(String).filter((k) => !globalsBefore.has(k)),
    forInArray: forIn([1]),
    forInString: forIn('a'),
  };
}"""


def test_importing_the_module_leaves_the_page_alone(page):
    seen = page.evaluate(HOST_PROBE)
    assert seen == {"newEnumerable": [], "newGlobals": [], "forInArray": ["0"], "forInString": ["0"]}


@pytest.fixture(scope="module")
def featurizer(flagship):
    return load_pipeline("pipeline", flagship.root)


def corpus_texts(flagship, where, every=1):
    with sqlite3.connect(flagship.build_dir / "corpus.sqlite") as db:
        rows = db.execute(f"SELECT text FROM messages {where} ORDER BY source, grp, id").fetchall()
    return [row[0] for row in rows[::every]]


TRANSFORM = "async (texts) => (await import('/pipeline.browser.js')).transform(texts)"
PREDICT = "async (texts) => (await import('/pipeline.browser.js')).predict(texts)"


def test_the_browser_gives_python_features_on_real_and_adversarial_text(page, flagship, featurizer):
    texts = corpus_texts(flagship, "", every=3) + list(ADVERSARIAL.values())
    browser_rows = page.evaluate(TRANSFORM, texts)
    python_rows = featurizer.transform(texts)
    assert [i for i, (b, p) in enumerate(zip(browser_rows, python_rows)) if b != p] == []
    assert len(browser_rows) == len(texts) > 2000


def test_the_browser_predicts_as_keras_does(page, flagship, featurizer):
    texts = corpus_texts(flagship, "WHERE split = 'test'", every=4)
    labels = ["ham", "spam"]
    model = models.load_model(flagship.keras_model)
    python_scores = model.predict(np.asarray(featurizer.transform(texts), dtype=np.int32), verbose=0)
    browser = page.evaluate(PREDICT, texts)
    assert [r[0]["label"] for r in browser] == [labels[int(row.argmax())] for row in python_scores]
    worst = max(
        abs(entry["score"] - float(python_scores[i][labels.index(entry["label"])]))
        for i, ranked in enumerate(browser)
        for entry in ranked
    )
    assert worst < 1e-5


def test_texts_that_clean_to_nothing_get_finite_scores_in_the_browser_as_in_keras(page, flagship, featurizer):
    texts = ["", "!!!", "   ", "<b></b>", "Subject: \n\n"]
    features = featurizer.transform(texts)
    assert all(sum(row) == 0 for row in features)  # every id is padding: the model pools nothing
    python_scores = models.load_model(flagship.keras_model).predict(np.asarray(features, dtype=np.int32), verbose=0)
    browser = page.evaluate(PREDICT, texts)
    for ranked, expected in zip(browser, python_scores.tolist()):
        scores = {entry["label"]: entry["score"] for entry in ranked}
        assert all(isinstance(score, float) and 0 <= score <= 1 for score in scores.values())  # NaN is null in JSON
        assert abs(scores["ham"] - expected[0]) < 1e-5 and abs(scores["spam"] - expected[1]) < 1e-5


def test_the_browser_predicts_on_the_wasm_backend(page):
    backend = page.evaluate("async () => (await (await import('/pipeline.browser.js')).load()).backend")
    assert backend == "wasm"


def test_bad_input_raises_the_python_type_error_in_the_browser(page):
    error = page.evaluate(
        """async () => { try { (await import('/pipeline.browser.js')).transform(['ok', null]); }
                          catch (e) { return [e instanceof TypeError, e.message]; } }"""
    )
    assert error == [True, "EmailBody.transform: item 1 is NoneType, expected str"]
