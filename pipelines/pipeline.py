"""The flagship pipeline: spam or ham for raw e-mails (SpamAssassin public corpus).

The featurizer is restricted Python: the same source runs in CPython for training and, compiled,
in the Node bundle. The training recipe below the ``skip`` pragma is Python only.
"""

from featurizers import EmailBody, PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary

SEQUENCE_LENGTH = 200
MAX_TOKENS = 20000


def make_featurizer():
    return Pipeline(
        [
            EmailBody(),
            TextCleaner(),
            Tokenizer(),
            Vocabulary(max_tokens=MAX_TOKENS),
            PadSequences(SEQUENCE_LENGTH),
        ]
    )


# __pragma__('skip')
from featurizers.training import datasets, models  # noqa: E402

EPOCHS = 15
BATCH_SIZE = 32
SEED = 1
CLASS_WEIGHT = "balanced"  # 15% of the early messages are spam, half of the later ones

# Shown by `make py=pipeline` after the build, predicted by the Node bundle.
SAMPLES = [
    "Hi Tom, are we still on for lunch tomorrow? I'll bring the slides for the review.",
    "CONGRATULATIONS!!! You have been selected to receive a FREE $1000 gift card. Click http://win.example.com now!",
    "The build on the release branch failed again, see the log at http://ci.example.org/job/42",
    "Lowest mortgage rates guaranteed, no credit check. Reply to offers@cheap-loans.biz to unsubscribe",
]


def load_data(artifacts):
    return datasets.spam_assassin(artifacts.build_dir, artifacts.root)


def make_model(featurizer, n_labels):
    return models.embedding_classifier(featurizer.step("Vocabulary").size(), SEQUENCE_LENGTH, n_labels)


# __pragma__('noskip')
