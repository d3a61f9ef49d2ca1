"""The demo page (js_dist/pipeline/demo/index.html), served by a static file server, used as a person would."""

import sqlite3

import pytest
from harness import ROOT

from featurizers import load_pipeline
from featurizers.cli.main import predict_texts
from featurizers.testing.adversarial import ADVERSARIAL

MESSAGE = "CONGRATULATIONS! You have won a FREE cruise. Reply now to claim your prize: http://win.example.biz"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def demo(page, static_server):
    page.goto(f"{static_server}/pipeline/demo/")
    return page


def shown_labels(page):
    return page.eval_on_selector_all(
        "#labels li", "items => items.map(li => ({label: li.dataset.label, score: Number(li.dataset.score)}))"
    )


def test_typing_a_message_and_clicking_predict_shows_pythons_prediction(demo):
    demo.fill("#text", MESSAGE)
    demo.click("#predict")
    demo.wait_for_selector("#status:has-text('Predicted:')")
    shown = shown_labels(demo)
    (expected,) = predict_texts("pipeline", [MESSAGE])
    assert [entry["label"] for entry in shown] == [entry["label"] for entry in expected]
    assert max(abs(s["score"] - e["score"]) for s, e in zip(shown, expected)) < 1e-5
    assert demo.inner_text("#labels li:first-child .score") == f"{expected[0]['score']:.4f}"
    ARTIFACTS.mkdir(exist_ok=True)
    demo.screenshot(path=str(ARTIFACTS / "demo.png"), full_page=True)


def test_the_page_opens_with_an_everyday_message_that_python_calls_ham(demo, flagship):
    sample = flagship.module().SAMPLES[0]
    assert demo.input_value("#text") == sample
    demo.click("#predict")
    demo.wait_for_selector("#status:has-text('Predicted:')")
    shown = shown_labels(demo)
    (expected,) = predict_texts("pipeline", [sample])
    assert shown[0]["label"] == expected[0]["label"] == "ham"
    assert max(abs(s["score"] - e["score"]) for s, e in zip(shown, expected)) < 1e-5


def test_a_text_that_cleans_to_nothing_gets_finite_scores_in_the_page(demo):
    demo.fill("#text", "!!! ...")
    demo.click("#predict")
    demo.wait_for_selector("#status:has-text('Predicted:')")
    (expected,) = predict_texts("pipeline", ["!!! ..."])
    shown = shown_labels(demo)
    assert [entry["label"] for entry in shown] == [entry["label"] for entry in expected]
    assert all(0 <= entry["score"] <= 1 for entry in shown)
    assert max(abs(s["score"] - e["score"]) for s, e in zip(shown, expected)) < 1e-5


def test_the_page_shows_the_type_error_of_a_bad_input(demo):
    demo.evaluate("document.getElementById('text').value = 'ok \\ud800'")  # a lone surrogate
    demo.click("#predict")
    demo.wait_for_selector("#status.error")
    assert demo.inner_text("#status") == "EmailBody.transform: item 0 is str with a lone surrogate, expected str"
    assert shown_labels(demo) == []


def test_the_parity_texts_give_pythons_features_inside_the_page(demo, flagship):
    with sqlite3.connect(flagship.build_dir / "corpus.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM messages ORDER BY source, grp, id")][::5]
    texts += list(ADVERSARIAL.values())
    page_rows = demo.evaluate("async (texts) => (await import('../browser.js')).transform(texts)", texts)
    python_rows = load_pipeline("pipeline", flagship.root).transform(texts)
    assert [i for i, (b, p) in enumerate(zip(page_rows, python_rows)) if b != p] == []
