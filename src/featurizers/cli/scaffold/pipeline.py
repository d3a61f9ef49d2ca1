"""Spam or ham for short messages: a featurizer of your own, the library's text steps, a Keras model.

The featurizer part (``Signs``, ``make_featurizer``) is restricted Python: the same source runs in
CPython while you train and, compiled, in Node and the browser. ``featurizers check pipeline.py``
(and every train and build) refuses what would mean something else in JavaScript, with the file
and line. The training recipe below the ``skip`` pragma is Python only.
"""

# __pragma__('jscall')  # methods as native JS methods, as the library's own featurizers

from featurizers import Featurizer, PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary, register

SEQUENCE_LENGTH = 60
MAX_TOKENS = 10000


class Signs(Featurizer):
    """Put words before each text for two signs of spam that cleaning removes.

    ``zzurl`` when the text has a web address (``http://``, ``https://`` or ``www.``), and one of
    ``zzcalm``, ``zzloud``, ``zzshout`` for how much of it is in capitals: the share of capitals
    among the letters A-Z and a-z, bucketed by ``boundaries`` (the bucket is the number of
    boundaries <= the share, as ``Discretize``; no letters counts as 0). Stateless.
    """

    PARAMS = ["boundaries"]
    INPUT = "str"
    OUTPUT = "str"
    LEVELS = ["zzcalm", "zzloud", "zzshout"]

    # __pragma__('kwargs')
    def __init__(self, boundaries=None):
        self.boundaries = [0.3, 0.6] if boundaries is None else boundaries
    # __pragma__('nokwargs')

    def transform(self, texts, check_input=True):
        if len(self.boundaries) != 2:
            raise ValueError("Signs: boundaries must be a list of 2 numbers")
        self._check_items(texts, check_input)  # a list of str, or a TypeError naming the bad item
        return [self._signs(text) + text for text in texts]

    def _signs(self, text):
        words = ""
        if "http://" in text or "https://" in text or "www." in text:
            words = "zzurl "
        letters = 0
        capitals = 0
        for ch in text:  # by code point in both runtimes; explicit ranges, not str.isupper()
            if "A" <= ch and ch <= "Z":
                capitals += 1
                letters += 1
            elif "a" <= ch and ch <= "z":
                letters += 1
        share = capitals / letters if letters > 0 else 0
        level = 0
        for boundary in self.boundaries:
            if boundary <= share:
                level += 1
        return words + self.LEVELS[level] + " "


register(Signs)


def make_featurizer():
    return Pipeline(
        [
            Signs(),
            TextCleaner(),
            Tokenizer(),
            Vocabulary(max_tokens=MAX_TOKENS),
            PadSequences(SEQUENCE_LENGTH),
        ]
    )


# __pragma__('skip')
from pathlib import Path  # noqa: E402

from featurizers.training import models  # noqa: E402
from featurizers.training.datasets import Split  # noqa: E402

HERE = Path(__file__).resolve().parent
EPOCHS = 8
BATCH_SIZE = 32
SEED = 1
CLASS_WEIGHT = "balanced"  # 13% of the messages are spam

# Shown by `featurizers demo pipeline.py` after a build, predicted by the Node package.
SAMPLES = [
    "Are we still on for lunch tomorrow? I'll bring the slides.",
    "URGENT! You have WON a 1 week FREE membership in our prize draw. Txt WIN to 80086 now",
]


def load_data(artifacts):
    # Your own data: a CSV file with a header line; name its text and label columns. A fifth of
    # each label is held out for the test (Split.from_csv(train, test, ...) takes a test file;
    # Split.from_jsonl and Split.from_sqlite read JSON Lines and SQL queries the same way).
    return Split.from_csv(HERE / "data" / "sms_spam_collection.csv", text="text", label="label", test_fraction=0.2)


def make_model(featurizer, n_labels):
    return models.embedding_classifier(featurizer.step("Vocabulary").size(), SEQUENCE_LENGTH, n_labels)


# __pragma__('noskip')
