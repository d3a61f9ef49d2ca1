"""The iris browser module in Chromium: a tfjs graph model fetched over HTTP, Python's features and
Keras' predictions."""

import numpy as np

from featurizers import load_pipeline
from featurizers.training import datasets, models

MODULE = "/iris/browser.js"


def test_the_browser_gives_python_features_and_keras_predictions_for_iris(page, iris):
    split = datasets.iris()
    records = split.train_texts + split.test_texts
    featurizer = load_pipeline("iris", iris.root)
    features = page.evaluate(f"async (records) => (await import('{MODULE}')).transform(records)", records)
    assert features == featurizer.transform(records)

    model = models.keras().models.load_model(iris.keras_model, compile=False)
    keras_scores = model.predict(np.asarray(features, dtype="float32"), verbose=0)
    browser = page.evaluate(f"async (records) => (await import('{MODULE}')).predict(records)", records)
    assert [r[0]["label"] for r in browser] == [split.labels[int(row.argmax())] for row in keras_scores]
    worst = max(
        abs(e["score"] - float(keras_scores[i][split.labels.index(e["label"])])) for i, r in enumerate(browser) for e in r
    )
    assert worst < 1e-5
    backend = page.evaluate(f"async () => (await (await import('{MODULE}')).load()).backend")
    assert backend == "wasm"


def test_the_iris_demo_page_predicts_a_record(page, static_server):
    page.goto(f"{static_server}/iris/demo/")
    page.fill("#text", '{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}')
    page.click("#predict")
    page.wait_for_selector("#status:has-text('Predicted: setosa')")
    assert page.eval_on_selector_all("#labels li", "items => items.length") == 3
