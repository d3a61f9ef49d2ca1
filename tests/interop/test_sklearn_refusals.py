"""What cannot be reproduced exactly is refused when it is imported, by name: the object, the
parameter and its value, and why; an export that is refused writes nothing."""

import io

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler

from featurizers import export_sklearn, from_sklearn
from featurizers.interop import Unsupported

TEXTS = ["free prize now", "lunch at noon?", "win a free phone", "see you at noon", "prize draw today", "call me later"]
LABELS = ["spam", "ham", "spam", "ham", "spam", "ham"]
THREE = ["spam", "ham", "spam", "other", "spam", "other"]
FRAME = pd.DataFrame({"city": ["b", "a", "c", "a", "b", "c"], "size": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})


def shout(text):
    return text.upper()


REFUSED = {
    "callable analyzer": (lambda: CountVectorizer(analyzer=shout).fit(TEXTS), r"CountVectorizer\(analyzer=<shout>\) cannot be exported: a callable analyzer is Python code"),
    "callable tokenizer": (lambda: TfidfVectorizer(tokenizer=str.split, token_pattern=None).fit(TEXTS), r"TfidfVectorizer\(tokenizer=<str.split>\) cannot be exported: a callable tokenizer"),
    "callable preprocessor": (lambda: CountVectorizer(preprocessor=shout).fit(TEXTS), r"CountVectorizer\(preprocessor=<shout>\) cannot be exported: a callable preprocessor"),
    "callable strip_accents": (lambda: CountVectorizer(strip_accents=shout).fit(TEXTS), r"CountVectorizer\(strip_accents=<shout>\)"),
    "\\b in the middle": (lambda: CountVectorizer(token_pattern=r"\bfree\b").fit(TEXTS), r"CountVectorizer\(token_pattern='\\\\bfree\\\\b'\) cannot be exported: \\b and \\B are ASCII-only in JS"),
    "ignore-case flag": (lambda: CountVectorizer(token_pattern=r"(?i)[a-z]+").fit(TEXTS), r"token_pattern='\(\?i\)\[a-z\]\+'\) cannot be exported: inline flags"),
    "\\W beside others in a class": (lambda: CountVectorizer(token_pattern=r"[^\W\d]+").fit(TEXTS), r"\\W, \\D or \\S beside other members"),
    "$": (lambda: CountVectorizer(token_pattern=r"\w+$").fit(TEXTS), r"\$ and \\Z have no portable form"),
    "an inner capturing group": (lambda: CountVectorizer(token_pattern=r"a(\w+)").fit(TEXTS), r"a capturing group inside the pattern"),
    "float32 TF-IDF": (lambda: TfidfVectorizer(dtype=np.float32).fit(TEXTS), r"TfidfVectorizer\(dtype='float32'\) cannot be exported: only float64"),
    "a file input": (lambda: CountVectorizer(input="file").fit([io.StringIO(t) for t in TEXTS]), r"CountVectorizer\(input='file'\) cannot be exported: the package takes the texts themselves"),
    "hashing": (lambda: HashingVectorizer(), r"HashingVectorizer\(type='HashingVectorizer'\) cannot be exported: not supported"),
    "min-max clip": (lambda: MinMaxScaler(clip=True).fit(FRAME[["size"]]), r"MinMaxScaler\(clip=True\) cannot be exported: this parameter is not supported"),
    "bins in float32": (lambda: KBinsDiscretizer(n_bins=2, dtype=np.float32, encode="ordinal").fit(FRAME[["size"]]), r"KBinsDiscretizer\(dtype=<class 'numpy.float32'>\)"),
    "infrequent categories": (lambda: OneHotEncoder(min_frequency=2).fit(FRAME[["city"]]), r"OneHotEncoder\(min_frequency=2\) cannot be exported"),
    "a dropped category that is not the first": (lambda: OneHotEncoder(drop=["c"]).fit(FRAME[["city"]]), r"OneHotEncoder\(drop=\['c'\]\) cannot be exported"),
    "numeric categories": (lambda: OrdinalEncoder().fit(FRAME[["size"]]), r"OrdinalEncoder\(categories_=<column 0: \[1.0, 2.0, 3.0, 4.0, 5.0\]>\) cannot be exported: only str categories"),
    "NaN for unknown categories": (lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan).fit(FRAME[["city"]]), r"OrdinalEncoder\(unknown_value=nan\)"),
    "no column names": (lambda: StandardScaler().fit(FRAME[["size"]].to_numpy()), r"StandardScaler\(feature_names_in_=None\) cannot be exported: fit it on a pandas DataFrame"),
    "a text column given as a list": (lambda: ColumnTransformer([("t", CountVectorizer(), ["city"])]).fit(FRAME), r"ColumnTransformer\(columns=\['city'\]\) cannot be exported: the text of CountVectorizer comes from one column"),
    "transformer weights": (lambda: ColumnTransformer([("s", StandardScaler(), ["size"])], transformer_weights={"s": 2.0}).fit(FRAME), r"ColumnTransformer\(transformer_weights=\{'s': 2.0\}\)"),
    "a step after the vectorizer": (lambda: make_pipeline(TfidfVectorizer(), StandardScaler(with_mean=False)).fit(TEXTS), r"StandardScaler\(position='after TfidfVectorizer'\) cannot be exported"),
    "not fitted": (lambda: TfidfVectorizer(), r"TfidfVectorizer\(fitted=False\) cannot be exported: fit it first"),
}


@pytest.mark.parametrize("name", sorted(REFUSED), ids=str)
def test_refused_by_name(name):
    make, message = REFUSED[name]
    with pytest.raises(Unsupported, match=message):
        from_sklearn(make())


def test_an_unlisted_classifier_is_refused(tmp_path):
    model = make_pipeline(TfidfVectorizer(), RandomForestClassifier(n_estimators=3, random_state=0)).fit(TEXTS, LABELS)
    with pytest.raises(Unsupported, match=r"RandomForestClassifier\(type='RandomForestClassifier'\) cannot be exported: not a supported classifier"):
        export_sklearn(model, tmp_path / "forest", log=None)
    assert not (tmp_path / "forest").exists()


def test_modified_huber_probabilities_of_three_classes_are_refused(tmp_path):
    model = make_pipeline(TfidfVectorizer(), SGDClassifier(loss="modified_huber", random_state=0)).fit(TEXTS, THREE)
    with pytest.raises(Unsupported, match=r"SGDClassifier\(loss='modified_huber'\) cannot be exported: its probabilities for more than two classes"):
        export_sklearn(model, tmp_path / "huber", log=None)
    assert not (tmp_path / "huber").exists()


def test_a_pipeline_without_a_classifier_exports_nothing(tmp_path):
    with pytest.raises(Unsupported, match=r"a package predicts: end the pipeline with a supported classifier"):
        export_sklearn(make_pipeline(TfidfVectorizer()).fit(TEXTS), tmp_path / "none", log=None)
    assert not (tmp_path / "none").exists()


def test_samples_whose_features_differ_refuse_the_export(tmp_path, monkeypatch):
    """The samples check is the last guard: a featurizer that differed would be refused."""
    from featurizers.interop import sklearn as interop

    model = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(TEXTS, LABELS)
    real = interop.Conversion.featurizer

    def off_by_one_ulp(conversion):
        featurizer = real(conversion)
        featurizer.steps[-1].idf_[0] = np.nextafter(featurizer.steps[-1].idf_[0], 10.0) * (1 + 1e-9)
        return featurizer

    monkeypatch.setattr(interop.Conversion, "featurizer", off_by_one_ulp)
    with pytest.raises(Unsupported, match=r"its features differ from scikit-learn's"):
        export_sklearn(model, tmp_path / "off", samples=TEXTS, log=None)
    assert not (tmp_path / "off").exists()
