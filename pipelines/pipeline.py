"""The flagship pipeline: spam or ham, for raw e-mails and short messages alike.

The featurizer is restricted Python: the same source runs in CPython for training and, compiled,
in the Node bundle. The training recipe below the ``skip`` pragma is Python only: it trains on the
SpamAssassin public corpus (e-mails) and the SMS Spam Collection (short messages) together.
"""

from featurizers import EmailBody, PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary

SEQUENCE_LENGTH = 400
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

# tfjs' layers ignore masks in their pooling: the model goes to tfjs as a graph of its operations.
MODEL_FORMAT = "graph"
# Weights stored as uint8 (642 KB, not 2.57 MB); Python predicts with what tfjs reads back. The
# test scores were the float32 model's to four places (README "The flagship model").
QUANTIZE = "uint8"
# Three passes over the data: trained longer, the model fits the early e-mails' own vocabulary
# and the later spam reads to it as ham (SpamAssassin spam recall falls from 0.953 after three
# epochs to 0.900 after eight; README "The flagship model").
EPOCHS = 3
BATCH_SIZE = 32
SEED = 1
CLASS_WEIGHT = "balanced"  # 14% of the training messages are spam, half of the later e-mails

# Shown by `make py=pipeline` after the build, predicted by the Node bundle. The demo page starts
# with the first.
SAMPLES = [
    "Are we still meeting for lunch tomorrow? I will bring the report.",
    "Can you send me the quarterly numbers before the meeting?",
    "CONGRATULATIONS!!! You have been selected to receive a FREE $1000 gift card. Click http://win.example.com now!",
    "The build on the release branch failed again, see the log at http://ci.example.org/job/42",
    "URGENT! Your mobile number has won a 2000 prize. Call 09061701461 to claim, T&Cs apply",
    "Lowest mortgage rates guaranteed, no credit check. Reply to offers@cheap-loans.biz to unsubscribe",
]


def load_data(artifacts):
    return datasets.messages(artifacts.build_dir, artifacts.root, ("spamassassin", "sms"))


def make_model(featurizer, n_labels):
    return models.masked_embedding_classifier(featurizer.step("Vocabulary").size(), SEQUENCE_LENGTH, n_labels)


def make_optimizer():
    # Adam whose weights are kept as their moving average (momentum 0.995: about the last 200
    # steps). Over seeds 1-5, SpamAssassin spam recall after three epochs ranged 0.951-0.959 with
    # it, 0.929-0.959 with the last step's weights.
    return models.keras().optimizers.Adam(learning_rate=1e-3, use_ema=True, ema_momentum=0.995)


# __pragma__('noskip')
