"""Data for the scikit-learn importer's tests: the SMS Spam Collection the package ships
(``featurizers/training/data``); held-out texts and adversarial ones."""

import pytest
from featurizers.testing.adversarial import ADVERSARIAL
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


# --- the Keras importer's -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sms_split():
    """The SMS Spam Collection split as ``make py=keras_textvec`` splits it (``datasets.sms_spam``;
    the SpamAssassin corpus where it is not at hand)."""
    from harness import ROOT

    from featurizers.training import datasets

    return datasets.sms_spam(ROOT / "build" / "pipeline", ROOT)


@pytest.fixture(scope="session")
def held_out_and_adversarial(sms_split):
    """Every held-out message, every adversarial text, raw e-mails (headers, HTML, CRLF) and a
    1 MB message: what every imported Keras layer is compared on."""
    from featurizers.testing.adversarial import one_megabyte_message
    from harness import spam_assassin_texts

    return list(sms_split.test_texts) + list(ADVERSARIAL.values()) + spam_assassin_texts(every=40) + [one_megabyte_message()]
