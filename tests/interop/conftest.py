"""Data for the scikit-learn importer's tests: the SMS Spam Collection the package ships
(``featurizers/training/data``); held-out texts and adversarial ones."""

import pytest
from adversarial import ADVERSARIAL

from featurizers.training import datasets


def _corpus():
    records = list(datasets.sms_records())
    return [r[5] for r in records], [r[4] for r in records]


@pytest.fixture(scope="session")
def sms():
    """(train texts, train labels, held-out texts, held-out labels)."""
    texts, labels = _corpus()
    return texts[:2000], labels[:2000], texts[4000:], labels[4000:]


@pytest.fixture(scope="session")
def adversarial_texts():
    """The adversarial set, prototype names as words, and a text long enough to go through a
    Pipeline in parts."""
    texts = list(ADVERSARIAL.values())
    texts.append("constructor __proto__ toString hasOwnProperty valueOf the THE The")
    texts.append(" ".join(texts) * 3)
    return texts
