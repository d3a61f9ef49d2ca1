"""OneHotEncoder, OrdinalEncoder, StandardScaler, MinMaxScaler, KBinsDiscretizer and
ColumnTransformer (by column name, remainder drop or passthrough), imported with ``from_sklearn``:
records in, scikit-learn's rows out (to 1e-12 relative), in Python and in Node.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler

from featurizers import from_sklearn
from featurizers.interop.sklearn import _records, sklearn_features

COLORS = ["red", "green", "blue", "constructor", "__proto__", "é", "\U0001F600", "\uffff"]
CITIES = ["Paris", "Oslo", "Lima"]


def frame(n, seed, unseen=False):
    rng = np.random.default_rng(seed)
    colors = COLORS + (["toString", "purple"] if unseen else [])
    return pd.DataFrame(
        {
            "color": [colors[i] for i in rng.integers(0, len(colors), n)],
            "city": [CITIES[i] for i in rng.integers(0, len(CITIES), n)],
            "flag": ["yes" if x else "no" for x in rng.integers(0, 2, n)],
            "size": rng.normal(10.0, 3.0, n) * (4.0 if unseen else 1.0),
            "count": rng.integers(0, 50 if not unseen else 500, n).astype(np.int64),
            "constant": np.full(n, 2.5),
            "note": [f"note {'free' if x else 'meeting'} number {i}" for i, x in enumerate(rng.integers(0, 2, n))],
        }
    )


TRANSFORMERS = {
    "one-hot and standard": lambda: ColumnTransformer(
        [("cat", OneHotEncoder(handle_unknown="ignore"), ["color", "city"]), ("num", StandardScaler(), ["size", "count", "constant"])]
    ),
    "drop first, ordinal, min-max, passthrough": lambda: ColumnTransformer(
        [
            ("cat", OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False), ["color"]),
            ("ord", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), ["city"]),
            ("mm", MinMaxScaler(feature_range=(-1, 2)), ["size", "constant"]),
        ],
        remainder="passthrough",
    ),
    "bins and text": lambda: ColumnTransformer(
        [
            ("bins", KBinsDiscretizer(n_bins=4, encode="onehot-dense", strategy="uniform"), ["size"]),
            ("bins2", KBinsDiscretizer(n_bins=3, encode="ordinal", strategy="quantile"), ["count"]),
            ("text", TfidfVectorizer(), "note"),
        ],
        remainder="drop",
    ),
    "chains, if_binary, sparse one-hot bins": lambda: ColumnTransformer(
        [
            ("scaled", make_pipeline(StandardScaler(with_mean=False), KBinsDiscretizer(n_bins=5, encode="onehot", strategy="kmeans")), ["size"]),
            ("centred", StandardScaler(with_std=False), ["count"]),
            ("flag", OneHotEncoder(drop="if_binary"), ["flag"]),
            ("kept", "passthrough", ["constant"]),
        ]
    ),
    "a scaler on the whole frame": lambda: StandardScaler(),
}


def numeric(columns):
    return lambda data: data[columns]


# Only numbers pass through to a model: these cases see some of the columns.
INPUTS = {
    "a scaler on the whole frame": ["size", "count", "constant"],
    "drop first, ordinal, min-max, passthrough": ["color", "count", "city", "size", "constant"],
}


@pytest.fixture(scope="module", params=sorted(TRANSFORMERS), ids=str)
def case(request):
    columns = INPUTS.get(request.param)
    train = frame(300, 1)
    held_out = frame(200, 2, unseen=request.param != "chains, if_binary, sparse one-hot bins")
    if columns is not None:
        train, held_out = train[columns], held_out[columns]
    return TRANSFORMERS[request.param]().fit(train), held_out


def test_python_rows_equal_scikit_learn_on_held_out_records(case):
    fitted, held_out = case
    expected = sklearn_features(fitted, held_out)
    got = np.asarray(from_sklearn(fitted).transform(_records(held_out)), dtype=np.float64)
    assert got.shape == expected.shape
    assert np.max(np.abs(got - expected) / np.maximum(1.0, np.abs(expected))) <= 1e-12


def test_node_rows_equal_python(node, library, case):
    fitted, held_out = case
    featurizer = from_sklearn(fitted)
    records = _records(held_out)
    js_rows, js_config = node.featurizer(library, featurizer.get_config(), records)
    assert js_config == featurizer.get_config()
    assert np.array_equal(np.asarray(js_rows, dtype=np.float64), np.asarray(featurizer.transform(records), dtype=np.float64))


def test_columns_follow_the_transformer_output_order_and_the_remainder_comes_last():
    fitted = TRANSFORMERS["drop first, ordinal, min-max, passthrough"]().fit(frame(50, 3)[INPUTS["drop first, ordinal, min-max, passthrough"]])
    featurizer = from_sklearn(fitted)
    assert [field for field, _f in featurizer.columns] == ["color", "city", "size", "constant", "count"]
    assert featurizer.columns[4][1].get_config() == {"type": "Standardize", "mean_": 0, "var_": 1}  # passed through as it is


def test_handle_unknown_error_raises_in_both(node, library):
    encoder = ColumnTransformer([("cat", OneHotEncoder(handle_unknown="error"), ["city"])]).fit(frame(30, 4))
    with pytest.raises(ValueError):
        encoder.transform(pd.DataFrame({"city": ["Rome"]}))
    featurizer = from_sklearn(encoder)
    with pytest.raises(ValueError, match="item 0 is 'Rome', a category not seen in fit"):
        featurizer.transform([{"city": "Rome"}])
    from harness import NodeError

    with pytest.raises(NodeError, match="item 0 is 'Rome', a category not seen in fit"):
        node.featurizer(library, featurizer.get_config(), [{"city": "Rome"}])
