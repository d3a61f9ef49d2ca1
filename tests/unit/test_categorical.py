"""Specification of CategoryEncoder: str categories to one-hot vectors or indices.

CategoryEncoder is scikit-learn's OneHotEncoder for one column of str: categories_ sorted in
code-point order (np.unique), an unknown value all zeros with handle_unknown="ignore" (or -1 with
output="index"). The oracles at the end check that against scikit-learn itself.
"""

import json

import numpy as np
import pytest

from featurizers import CategoryEncoder, Columns, NotFittedError, from_config


def json_round_trip(featurizer):
    return from_config(json.loads(json.dumps(featurizer.get_config(), allow_nan=False)))


# --- fit -----------------------------------------------------------------------------------------------------


def test_fit_learns_the_sorted_distinct_values():
    assert CategoryEncoder().fit(["b", "a", "c", "a", "b"]).categories_ == ["a", "b", "c"]


def test_categories_are_in_code_point_order_not_utf16_order():
    # U+FFFF is one UTF-16 unit above the surrogates; U+1F600 is a pair starting 0xD83D: JS's < would invert them.
    values = ["\U0001F600", "\uffff", "Z", "a", "", "\xa0"]
    assert CategoryEncoder().fit(values).categories_ == ["", "Z", "a", "\xa0", "\uffff", "\U0001F600"]


def test_categories_are_case_and_normalization_sensitive():
    assert CategoryEncoder().fit(["a", "A", "e\u0301", "\xe9"]).categories_ == ["A", "a", "e\u0301", "\xe9"]


def test_prototype_names_are_ordinary_categories():
    encoder = CategoryEncoder().fit(["toString", "__proto__", "constructor", "hasOwnProperty"])
    assert encoder.categories_ == ["__proto__", "constructor", "hasOwnProperty", "toString"]
    assert encoder.transform(["constructor", "__proto__"]) == [[0, 1, 0, 0], [1, 0, 0, 0]]


def test_fit_returns_the_encoder_and_refit_replaces_the_categories():
    encoder = CategoryEncoder()
    assert encoder.fit(["x"]) is encoder
    assert encoder.fit(["q", "p"]).categories_ == ["p", "q"]
    assert encoder.transform(["x", "q"]) == [[0, 0], [0, 1]]


def test_fit_on_an_empty_list_raises_value_error_and_stays_unfitted():
    encoder = CategoryEncoder()
    with pytest.raises(ValueError, match=r"^CategoryEncoder\.fit needs at least one value$"):
        encoder.fit([])
    assert not encoder.is_fitted()


# --- transform -----------------------------------------------------------------------------------------------


def test_one_hot_output_is_the_default():
    encoder = CategoryEncoder().fit(["setosa", "versicolor", "virginica"])
    assert encoder.transform(["virginica", "setosa"]) == [[0, 0, 1], [1, 0, 0]]


def test_index_output():
    encoder = CategoryEncoder(output="index").fit(["red", "green", "blue"])
    assert encoder.transform(["red", "blue", "green"]) == [2, 0, 1]


def test_unknown_is_all_zeros_with_ignore():
    assert CategoryEncoder().fit(["a", "b"]).transform(["c", "a", ""]) == [[0, 0], [1, 0], [0, 0]]


def test_unknown_is_minus_one_with_ignore_and_index_output():
    assert CategoryEncoder(output="index").fit(["a", "b"]).transform(["c", "b"]) == [-1, 1]


@pytest.mark.parametrize("output", ["one_hot", "index"])
def test_unknown_with_error_raises_value_error_naming_position_and_value(output):
    encoder = CategoryEncoder(handle_unknown="error", output=output).fit(["a", "b"])
    message = r"^CategoryEncoder\.transform: item 2 is 'constructor', a category not seen in fit$"
    with pytest.raises(ValueError, match=message):
        encoder.transform(["a", "b", "constructor", "zzz"])


def test_known_values_with_error_encode_normally():
    encoder = CategoryEncoder(handle_unknown="error").fit(["a", "b"])
    assert encoder.transform(["b", "a"]) == [[0, 1], [1, 0]]


def test_outputs_are_ints():
    encoder = CategoryEncoder().fit(["a", "b"])
    assert all(type(x) is int for row in encoder.transform(["a", "z"]) for x in row)
    assert all(type(x) is int for x in CategoryEncoder(output="index").fit(["a"]).transform(["a", "z"]))


def test_transform_of_an_empty_batch_is_empty():
    assert CategoryEncoder().fit(["a"]).transform([]) == []


def test_fit_transform_equals_fit_then_transform():
    values = ["b", "a", "b"]
    assert CategoryEncoder().fit_transform(values) == CategoryEncoder().fit(values).transform(values)


def test_in_columns_one_hot_adds_features_and_index_adds_one():
    columns = Columns([["colour", CategoryEncoder()], ["colour", CategoryEncoder(output="index")]])
    rows = columns.fit_transform([{"colour": "red"}, {"colour": "blue"}])
    assert rows == [[0, 1, 1], [1, 0, 0]]


# --- errors --------------------------------------------------------------------------------------------------


def test_transform_before_fit_raises_not_fitted_error():
    message = r"^CategoryEncoder is not fitted: call fit\(\) first, or build it with from_config\(\) from a fitted config$"
    with pytest.raises(NotFittedError, match=message):
        CategoryEncoder().transform(["a"])


BAD_ITEMS = [(1, "int"), (1.5, "float"), (None, "NoneType"), (True, "bool"), (["a"], "list"), ({"a": 1}, "dict"),
             ("\ud800", "str with a lone surrogate")]


@pytest.mark.parametrize("item, seen", BAD_ITEMS, ids=[s for _, s in BAD_ITEMS])
@pytest.mark.parametrize("method", ["fit", "transform"])
def test_a_non_str_raises_type_error_naming_its_position(method, item, seen):
    encoder = CategoryEncoder().fit(["a"])
    with pytest.raises(TypeError, match=rf"^CategoryEncoder\.{method}: item 1 is {seen}, expected str$"):
        getattr(encoder, method)(["a", item, 3])


@pytest.mark.parametrize("method", ["fit", "transform"])
def test_a_batch_that_is_not_a_list_raises_type_error(method):
    encoder = CategoryEncoder().fit(["a"])
    with pytest.raises(TypeError, match=rf"^CategoryEncoder\.{method} expects a list of str, got str$"):
        getattr(encoder, method)("abc")


def test_types_are_checked_before_unknown_values():
    encoder = CategoryEncoder(handle_unknown="error").fit(["a"])
    with pytest.raises(TypeError, match=r"item 1 is int"):
        encoder.transform(["zzz", 1])


@pytest.mark.parametrize("value, shown", [("raise", "'raise'"), (None, "NoneType"), (["error"], "list"), (1, "int")])
@pytest.mark.parametrize("method", ["fit", "transform"])
def test_invalid_handle_unknown_raises_value_error(method, value, shown):
    encoder = CategoryEncoder().fit(["a"])
    encoder.handle_unknown = value
    message = rf"^CategoryEncoder: handle_unknown must be 'ignore' or 'error', got {shown}$"
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        getattr(encoder, method)(["a"])


@pytest.mark.parametrize("value, shown", [("onehot", "'onehot'"), (None, "NoneType"), (["index"], "list")])
def test_invalid_output_raises_value_error(value, shown):
    with pytest.raises(ValueError, match=rf"^CategoryEncoder: output must be 'one_hot' or 'index', got {shown}$"):
        CategoryEncoder(output=value).fit(["a"])


# --- config --------------------------------------------------------------------------------------------------


def test_unfitted_config_holds_the_parameters_only():
    assert CategoryEncoder().get_config() == {"type": "CategoryEncoder", "handle_unknown": "ignore", "output": "one_hot"}


def test_fitted_config_holds_the_categories():
    config = CategoryEncoder(handle_unknown="error", output="index").fit(["b", "a"]).get_config()
    assert config == {"type": "CategoryEncoder", "handle_unknown": "error", "output": "index", "categories_": ["a", "b"]}


@pytest.mark.parametrize("output", ["one_hot", "index"])
def test_json_round_trip_transforms_identically(output):
    values = ["constructor", "__proto__", "\U0001F600", "\u200d", "", "a"]
    original = CategoryEncoder(output=output).fit(values)
    rebuilt = json_round_trip(original)
    assert rebuilt.get_config() == original.get_config()
    assert rebuilt.transform(values + ["unknown"]) == original.transform(values + ["unknown"])


def test_json_round_trip_of_an_unfitted_encoder_is_unfitted():
    rebuilt = json_round_trip(CategoryEncoder(output="index"))
    assert not rebuilt.is_fitted() and rebuilt.output == "index"


def test_config_does_not_share_its_list():
    encoder = CategoryEncoder().fit(["a", "b"])
    encoder.get_config()["categories_"].append("c")
    assert encoder.categories_ == ["a", "b"]


@pytest.mark.parametrize("categories", [[], ["b", "a"], ["a", "a"], ["a", 1, "b"], [1, "a"], "ab", None, ["\ud800"], ["\uffff", "\U0001F600", "\ufffe"]], ids=repr)
def test_config_with_invalid_categories_raises_value_error(categories):
    message = r"^CategoryEncoder: categories_ must be a non-empty list of distinct str in ascending code-point order$"
    config = {"type": "CategoryEncoder", "categories_": categories}
    with pytest.raises(ValueError, match=message):
        from_config(config)


# --- oracle: scikit-learn's OneHotEncoder --------------------------------------------------------------------


def species():
    from sklearn.datasets import load_iris

    data = load_iris()
    return [str(data.target_names[i]) for i in data.target]


MADE_UP = {
    "species": None,
    "colours": ["red", "green", "blue", "green", "Red", "red", ""],
    "unicode": ["\U0001F600", "\uffff", "\xa0", "e\u0301", "\xe9", "\U0001F468\u200d\U0001F469", "z", "A"],
    "prototype": ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "constructor"],
}


@pytest.mark.parametrize("name", sorted(MADE_UP))
def test_equals_scikit_learn_one_hot_encoder_with_ignore(name):
    from sklearn.preprocessing import OneHotEncoder

    fit = species() if MADE_UP[name] is None else MADE_UP[name]
    data = fit[::-1] + ["never seen", "", "SETOSA"]
    oracle = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(np.asarray(fit, dtype=object).reshape(-1, 1))
    encoder = CategoryEncoder().fit(fit)
    assert encoder.categories_ == oracle.categories_[0].tolist()
    assert encoder.transform(data) == oracle.transform(np.asarray(data, dtype=object).reshape(-1, 1)).tolist()


def test_index_output_equals_scikit_learn_ordinal_encoder():
    from sklearn.preprocessing import OrdinalEncoder

    fit = MADE_UP["unicode"]
    data = fit + ["never seen"]
    oracle = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(np.asarray(fit, dtype=object).reshape(-1, 1))
    expected = oracle.transform(np.asarray(data, dtype=object).reshape(-1, 1)).ravel().tolist()
    assert CategoryEncoder(output="index").fit(fit).transform(data) == expected
