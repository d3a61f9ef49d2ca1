"""SMS spam with scikit-learn: TF-IDF of words and word pairs, then logistic regression, exported exactly.

The model is made and fitted with scikit-learn (``sklearn_model`` below, Python only); training
imports it with ``featurizers.interop.sklearn``: ``TfidfVectorizer`` becomes featurizers (its
vocabulary and idf weights embedded), ``LogisticRegression`` a tfjs layers model holding its
coefficients. The bundle's ``transform`` gives ``TfidfVectorizer.transform``'s rows and its
``predict`` ``predict_proba``, on any text (tested on the held-out messages and adversarial text).
"""

import featurizers  # noqa: F401 (the library the bundle compiles; the featurizer comes from scikit-learn)

# __pragma__('skip')
from featurizers.training import datasets  # noqa: E402

TRAIN_MESSAGES = 4000  # the first 4,000 SMS train, the other 1,574 test

SAMPLES = [
    "Hi Tom, are we still on for lunch tomorrow? I'll bring the slides.",
    "WINNER!! You have been selected to receive a £900 prize reward! To claim call 09061701461. Valid 12 hours only.",
    "Ok lar... Joking wif u oni...",
    "URGENT! Your mobile number has won a FREE holiday. Text CLAIM to 87121 now",
]


def load_data(artifacts):
    # The SMS Spam Collection as the package ships it, in its own order (not the flagship's split).
    records = list(datasets.sms_records())
    texts = [record[5] for record in records]
    labels = [record[4] for record in records]
    n = TRAIN_MESSAGES
    return datasets.Split(["ham", "spam"], texts[:n], labels[:n], texts[n:], labels[n:])


def sklearn_model(split):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=1000),
    )
    return model.fit(split.train_texts, split.train_labels)


# __pragma__('noskip')
