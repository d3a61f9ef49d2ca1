"""The TF-IDF bundle (js_dist/tfidf.js): the config embedded in it transforms in Node exactly as the
same config rebuilt with ``from_config`` does in Python, and its predictions are Keras'.

Floats are compared to 1e-12 relative (they come out identical, the test says so when they do not).
"""

import json
import subprocess

import pytest
from harness import keras_disagreement, spam_assassin_texts

from featurizers import from_config, load_pipeline
from featurizers.testing.adversarial import ADVERSARIAL, long_text_of_cut_neighbours, names_every_category_once, one_megabyte_message


@pytest.fixture(scope="module")
def fitted(tfidf):
    return load_pipeline("tfidf", tfidf.root)


@pytest.fixture(scope="module")
def rebuilt(fitted):
    """The fitted pipeline rebuilt from its config after a trip through JSON text."""
    return from_config(json.loads(json.dumps(fitted.get_config())))


def worst_relative_difference(python_rows, js_rows):
    assert len(python_rows) == len(js_rows)
    worst = 0.0
    for p_row, j_row in zip(python_rows, js_rows):
        assert len(p_row) == len(j_row)
        for p, j in zip(p_row, j_row):
            if p != j:
                worst = max(worst, abs(p - j) / max(abs(p), abs(j)))
    return worst


def test_the_bundle_embeds_the_trained_config(tfidf, fitted):
    script = f"process.stdout.write(JSON.stringify(require({json.dumps(str(tfidf.bundle))}).config))"
    embedded = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert embedded == fitted.get_config() == json.loads(tfidf.featurizer_json.read_text(encoding="utf-8"))


def test_a_config_round_trip_transforms_identically_in_python(fitted, rebuilt):
    texts = spam_assassin_texts(every=10) + list(ADVERSARIAL.values())
    assert rebuilt.get_config() == fitted.get_config()
    assert rebuilt.transform(texts) == fitted.transform(texts)


def test_corpus_messages_give_the_same_vectors_in_node(tfidf, rebuilt, node):
    texts = spam_assassin_texts(every=20)
    python_rows = rebuilt.transform(texts)
    js_rows = []
    for start in range(0, len(texts), 50):  # 50 rows of 10,002 floats a message to the worker
        js_rows += node.transform(tfidf.bundle, texts[start : start + 50])
    assert worst_relative_difference(python_rows, js_rows) <= 1e-12
    assert sum(1 for row in python_rows for x in row if x != 0) > 10 * len(texts)  # real vectors, not zeros


def test_adversarial_texts_give_the_same_vectors_in_node(tfidf, rebuilt, node):
    texts = list(ADVERSARIAL.values()) + [names_every_category_once()]
    assert worst_relative_difference(rebuilt.transform(texts), node.transform(tfidf.bundle, texts)) <= 1e-12


def test_long_texts_give_the_same_vectors_in_node(tfidf, rebuilt, node):
    # Over 32,768 characters: cleaned in parts in both runtimes, then tokenized whole (the word
    # pairs reach over the parts).
    texts = ["short", long_text_of_cut_neighbours(), one_megabyte_message(), "short again"]
    assert worst_relative_difference(rebuilt.transform(texts), node.transform(tfidf.bundle, texts)) <= 1e-12


def test_predictions_on_the_test_split_agree_with_keras(tfidf, rebuilt, node):
    import sqlite3

    with sqlite3.connect(tfidf.build_dir / "corpus.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM messages WHERE split = 'test' ORDER BY grp, id")]
    assert len(texts) == 2796
    mismatches, worst = keras_disagreement(tfidf, node, texts, rebuilt.transform(texts), "float32", ["ham", "spam"])
    assert mismatches == []
    assert worst < 1e-5


def test_js_callers_get_float64array_rows_and_the_command_line_writes_json_arrays(tfidf, rebuilt):
    texts = ["Free money, click now!", ""]
    width = len(rebuilt.transform(texts)[0])
    script = (
        f"const rows = require({json.dumps(str(tfidf.bundle))}).transform({json.dumps(texts)});"
        "process.stdout.write(JSON.stringify(rows.map((row) => [row.constructor.name, row.length])));"
    )
    kinds = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert kinds == [["Float64Array", width], ["Float64Array", width]]

    stdin = "".join(json.dumps(text) + "\n" for text in texts)
    cli = subprocess.run(["node", str(tfidf.bundle), "transform"], input=stdin, capture_output=True, text=True, check=True)
    assert [json.loads(line) for line in cli.stdout.splitlines()] == rebuilt.transform(texts)
