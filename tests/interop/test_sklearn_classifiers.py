"""Each supported classifier becomes dense layers whose tfjs model, run in Node on the wasm
backend as the packages do, gives scikit-learn's ``predict_proba`` (|diff| < 1e-6) or
``decision_function`` (relative diff < 1e-5; float32 weights), and the same top label, on
held-out texts. The layers themselves equal scikit-learn to 1e-9 in float64 (checked by
``convert``, and again here).
"""

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, RidgeClassifier, SGDClassifier
from sklearn.naive_bayes import ComplementNB, MultinomialNB
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from featurizers.interop.sklearn import SCORE_DECISION, convert, sklearn_features, sklearn_scores


def three_classes(labels, texts):
    return [label if label == "spam" or "?" not in text else "question" for label, text in zip(labels, texts)]


CLASSIFIERS = {
    "logistic regression, binary": (lambda: LogisticRegression(max_iter=1000), 2),
    "logistic regression, multinomial": (lambda: LogisticRegression(max_iter=1000, C=10.0), 3),
    "SGD log_loss, binary": (lambda: SGDClassifier(loss="log_loss", random_state=0), 2),
    "SGD log_loss, one-vs-rest": (lambda: SGDClassifier(loss="log_loss", random_state=0), 3),
    "SGD modified_huber, binary": (lambda: SGDClassifier(loss="modified_huber", random_state=0), 2),
    "SGD hinge (decision function)": (lambda: SGDClassifier(loss="hinge", random_state=0), 3),
    "LinearSVC, binary": (lambda: LinearSVC(), 2),
    "LinearSVC, multiclass": (lambda: LinearSVC(C=0.5), 3),
    "RidgeClassifier, binary": (lambda: RidgeClassifier(), 2),
    "RidgeClassifier, multiclass": (lambda: RidgeClassifier(alpha=0.3), 3),
    "MultinomialNB": (lambda: MultinomialNB(alpha=0.5), 3),
    "ComplementNB": (lambda: ComplementNB(), 2),
    "MLP relu, multiclass": (lambda: MLPClassifier(hidden_layer_sizes=(16,), max_iter=60, random_state=0), 3),
    "MLP tanh and logistic layers, binary": (lambda: MLPClassifier(hidden_layer_sizes=(8, 4), activation="tanh", max_iter=60, random_state=0), 2),
    "MLP logistic, binary": (lambda: MLPClassifier(hidden_layer_sizes=(6,), activation="logistic", max_iter=80, random_state=0), 2),
}


@pytest.fixture(scope="module", params=sorted(CLASSIFIERS), ids=str)
def case(request, sms, tmp_path_factory):
    """(the fitted pipeline, its conversion, held-out texts, the tfjs model's folder)."""
    import warnings

    from featurizers.training.train import export_tfjs

    train, labels, held_out, _ = sms
    make, n_classes = CLASSIFIERS[request.param]
    if n_classes == 3:
        labels = three_classes(labels, train)
    vectorizer = CountVectorizer(min_df=2) if "NB" in request.param else TfidfVectorizer(min_df=2, ngram_range=(1, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings of the short MLP fits
        model = make_pipeline(vectorizer, make()).fit(train, labels)
    conversion = convert(model)
    directory = tmp_path_factory.mktemp("model")
    export_tfjs(conversion.keras_model(), directory)
    return model, conversion, held_out[:400], directory


def test_the_layers_equal_scikit_learn_in_float64(case):
    model, conversion, texts, _directory = case
    features = sklearn_features(model, texts)
    expected = sklearn_scores(model[-1], features)
    assert np.max(np.abs(conversion.scores(features) - expected) / np.maximum(1.0, np.abs(expected))) <= 1e-9


def test_node_scores_equal_scikit_learn(node, case):
    model, conversion, texts, directory = case
    features = sklearn_features(model, texts)
    expected = sklearn_scores(model[-1], features)
    got = np.asarray(node.model(directory, features.tolist()))
    assert got.shape == expected.shape == (len(texts), len(conversion.labels))
    if conversion.score == SCORE_DECISION:
        assert np.max(np.abs(got - expected) / np.maximum(1.0, np.abs(expected))) < 1e-5
    else:
        assert np.max(np.abs(got - expected)) < 1e-6
    # The top label: predict's, for every held-out text.
    predicted = [str(label) for label in model.predict(texts)]
    assert [conversion.labels[i] for i in got.argmax(axis=1)] == predicted


def test_labels_are_the_classes_and_scores_say_what_they_are(case):
    model, conversion, _texts, _directory = case
    assert conversion.labels == [str(c) for c in model[-1].classes_]
    name = type(model[-1]).__name__
    decision = name in ("LinearSVC", "RidgeClassifier") or getattr(model[-1], "loss", "") == "hinge"
    assert conversion.score == ("decision_function" if decision else "probability")
