"""Shared fixtures: the built flagship, the featurizer library bundle, one Node worker for all parity tests."""

import pytest
from ahead import Ahead
from harness import ROOT, NodeWorker
from userland import start_tool_setups


@pytest.fixture(scope="session", autouse=True)
def ahead(request, tmp_path_factory):
    """The slow setups of the selected tests of tests/tool/, started as the session starts so they
    run on the second core beside the rest of the suite (tests/ahead.py)."""
    ahead = Ahead(tmp_path_factory.mktemp("ahead"))
    start_tool_setups(ahead, request.session.items)
    yield ahead
    ahead.close()


@pytest.fixture(scope="session")
def node():
    worker = NodeWorker()
    yield worker
    worker.close()


@pytest.fixture(scope="session")
def library(tmp_path_factory):
    """The featurizer library compiled to one CommonJS file, from the current sources."""
    from featurizers.compiler.build import build_library

    return build_library(tmp_path_factory.mktemp("library") / "featurizers.cjs", ROOT)


def built(name):
    """The artifacts of pipelines/NAME.py; `make test` builds them before pytest runs."""
    from featurizers.training.artifacts import Artifacts

    artifacts = Artifacts(name, ROOT)
    if not artifacts.bundle.is_file():
        pytest.fail(f"{artifacts.bundle} is missing: run `make py={name}` (make test does it first)")
    return artifacts


@pytest.fixture(scope="session")
def iris():
    """The iris pipeline: records in, a tfjs graph model."""
    return built("iris")


@pytest.fixture(scope="session")
def flagship():
    """The flagship pipeline: raw e-mails in, a tfjs layers model."""
    return built("pipeline")


@pytest.fixture(scope="session")
def tfidf():
    """The TF-IDF pipeline: raw e-mails in, word and word-pair TF-IDF vectors, a tfjs layers model."""
    return built("tfidf")


@pytest.fixture(scope="session")
def sklearn_sms():
    """The scikit-learn pipeline (pipelines/sklearn_sms.py): TF-IDF and logistic regression, imported."""
    return built("sklearn_sms")


@pytest.fixture(scope="session")
def keras_textvec():
    """The Keras pipeline: a model whose first layer is TextVectorization, trained on SMS and cut after it."""
    return built("keras_textvec")
