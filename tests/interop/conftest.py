"""Data for the scikit-learn importer's tests: the SMS Spam Collection where it is at hand
(``../shared/data``), the SpamAssassin corpus otherwise; held-out texts and adversarial ones."""

import pytest
from adversarial import ADVERSARIAL
from harness import SHARED_DATA, spam_assassin_texts


def _corpus():
    path = SHARED_DATA / "sms_spam_collection.tsv"
    if path.is_file():
        rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").split("\n")[1:] if line]
        return [r[1] for r in rows], [r[0] for r in rows]
    texts = spam_assassin_texts(every=3)
    return texts, ["spam" if i % 4 == 0 else "ham" for i in range(len(texts))]


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
