"""Spam or ham from a bag of words: TF-IDF vectors of words and word pairs into a dense network.

The same SpamAssassin corpus as the flagship pipeline, featurized the scikit-learn way: cleaned
text, unigrams and bigrams, a vocabulary of the 10,000 most frequent n-grams seen at least twice,
and ``TfIdf`` (``TfidfVectorizer``'s formulas: smooth idf, l2 norm). The model is a small dense
network on the 10,002-wide vector (padding and OOV columns included).
"""

from featurizers import EmailBody, Pipeline, TextCleaner, TfIdf, Tokenizer, Vocabulary

MAX_TOKENS = 10000


def make_featurizer():
    return Pipeline(
        [
            EmailBody(),
            TextCleaner(),
            Tokenizer(ngram_range=[1, 2]),
            Vocabulary(max_tokens=MAX_TOKENS, min_count=2),
            TfIdf(),
        ]
    )


# __pragma__('skip')
from featurizers.training import datasets, models  # noqa: E402

INPUT_DTYPE = "float32"
EPOCHS = 8
BATCH_SIZE = 32
SEED = 1
CLASS_WEIGHT = "balanced"

SAMPLES = [
    "Hi Tom, are we still on for lunch tomorrow? I'll bring the slides for the review.",
    "CONGRATULATIONS!!! You have been selected to receive a FREE $1000 gift card. Click http://win.example.com now!",
    "The build on the release branch failed again, see the log at http://ci.example.org/job/42",
    "Lowest mortgage rates guaranteed, no credit check. Reply to offers@cheap-loans.biz to unsubscribe",
]


def load_data(artifacts):
    return datasets.spam_assassin(artifacts.build_dir, artifacts.root)


def make_model(featurizer, n_labels):
    return models.dense_classifier(featurizer.step("TfIdf").num_tokens_, n_labels)


# __pragma__('noskip')
