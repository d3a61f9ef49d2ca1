"""The flagship bundle (js_dist/pipeline.js) gives Python's features and predictions exactly.

All texts go through one long-lived Node process, in batches.
"""

import csv
import sqlite3

import pytest
from harness import SHARED_DATA, NodeError, keras_disagreement

from featurizers import load_pipeline
from featurizers.testing.adversarial import ADVERSARIAL, lone_surrogates, names_every_category_once, one_megabyte_message


def corpus_texts(artifacts, where=""):
    with sqlite3.connect(artifacts.build_dir / "corpus.sqlite") as db:
        return [row[0] for row in db.execute(f"SELECT text FROM messages {where} ORDER BY grp, id")]


def mismatches(python_rows, js_rows):
    assert len(python_rows) == len(js_rows)
    return [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]


@pytest.fixture(scope="module")
def featurizer(flagship):
    return load_pipeline("pipeline", flagship.root)


def test_the_whole_spam_assassin_corpus_gives_identical_features(flagship, featurizer, node):
    texts = corpus_texts(flagship)
    assert len(texts) == 6046
    python_rows = featurizer.transform(texts)
    js_rows = []
    for start in range(0, len(texts), 1000):
        js_rows += node.transform(flagship.bundle, texts[start : start + 1000])
    assert mismatches(python_rows, js_rows) == []


def test_the_sms_spam_collection_gives_identical_features(flagship, featurizer, node):
    path = SHARED_DATA / "sms_spam_collection.tsv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (it lives beside the project, not in it)")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [row[1] for row in rows[1:]]
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


def test_predictions_on_the_test_split_agree(flagship, featurizer, node):
    texts = corpus_texts(flagship, "WHERE period = 2")
    assert len(texts) == 2796
    mismatches, worst = keras_disagreement(flagship, node, texts, featurizer.transform(texts), "int32", ["ham", "spam"])
    assert mismatches == []
    assert worst < 1e-5
