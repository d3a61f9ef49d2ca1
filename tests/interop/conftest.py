"""Fixtures of the Keras importer's tests: both Kerases, the SMS corpus split, the texts to compare on."""

import keras_support  # noqa: F401 (TensorFlow's environment, before anything imports it)
import pytest


@pytest.fixture(scope="session")
def sms():
    """The SMS Spam Collection's split (the SpamAssassin corpus where it is not at hand)."""
    from harness import ROOT

    from featurizers.training import datasets

    return datasets.sms_spam(ROOT / "build" / "pipeline", ROOT)


@pytest.fixture(scope="session")
def held_out_and_adversarial(sms):
    """Every held-out message, every adversarial text, raw e-mails (headers, HTML, CRLF) and a
    1 MB message: what every imported layer is compared on."""
    from adversarial import ADVERSARIAL, one_megabyte_message
    from harness import spam_assassin_texts

    return list(sms.test_texts) + list(ADVERSARIAL.values()) + spam_assassin_texts(every=40) + [one_megabyte_message()]
