"""CategoryEncoder and MinMaxScale give identical output, fits and errors in CPython and in Node.

Floats are compared with ==, without tolerance (both runtimes compute in IEEE doubles in the same
order; JSON carries a double exactly). CategoryEncoder is also fitted in Node, where code-point
order and prototype-named keys are what a naive port gets wrong.
"""


import pytest
from harness import js_outcome, python_outcome, strict_json

from featurizers import CategoryEncoder, Columns, MinMaxScale
from featurizers.training import datasets

FIELDS = list(datasets.IRIS_FIELDS)

ADVERSARIAL_CATEGORIES = [
    "\U0001F600",  # an astral emoji: a surrogate pair in JS
    "\uffff",  # above every surrogate unit: JS's < puts it after the emoji, code points before
    "\U0001F468\u200d\U0001F469\u200d\U0001F467",  # a ZWJ sequence
    "\U0001F468",
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "",
    "\xa0",  # NBSP
    " ",
    "e\u0301",
    "\xe9",
    "\ufeff",
    "\u2028",
    "A",
    "a",
    "\U00010000",
    "\ue000",
]


def as_doubles(value):
    """Every JSON number as the double JSON.parse reads: JS writes 4.503599627370494e16 as the
    integer text 45035996273704940, which Python reads as an int that == does not equate with it."""
    if isinstance(value, list):
        return [as_doubles(item) for item in value]
    if isinstance(value, dict):
        return {key: as_doubles(item) for key, item in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def assert_same_outcome(node, library, config, data, fit=None):
    python = python_outcome(config, data, fit)
    assert as_doubles(js_outcome(node, library, config, data, fit)) == as_doubles(python)
    return python


def assert_same_error(node, library, config, data, expected, fit=None):
    assert python_outcome(config, data, fit) == expected
    assert js_outcome(node, library, config, data, fit) == expected


def fit_in_both(node, library, featurizer, fit, data):
    """Fit in Node from the unfitted config and in Python; the configs and outputs must be equal."""
    js_output, js_config = node.featurizer(library, featurizer.get_config(), data, fit=fit)
    featurizer.fit(fit)
    python_config = strict_json(featurizer.get_config())
    assert as_doubles(js_config) == as_doubles(python_config)
    assert as_doubles(js_output) == as_doubles(strict_json(featurizer.transform(data)))
    return python_config, js_output


@pytest.fixture(scope="module")
def iris():
    split = datasets.iris()
    return split


# --- CategoryEncoder on iris ---------------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["one_hot", "index"])
def test_category_encoder_fitted_in_js_on_the_iris_species_equals_the_python_fit(node, library, iris, output):
    config, rows = fit_in_both(node, library, CategoryEncoder(output=output), iris.train_labels, iris.train_labels + iris.test_labels)
    assert config["categories_"] == ["setosa", "versicolor", "virginica"]
    assert len(rows) == 150


def test_category_encoder_on_binned_iris_measurements_is_identical(node, library, iris):
    # An iris measurement as a category string ("5.1"), fitted on the training split, unknowns in the test split.
    fit = [str(r["sepal_length"]) for r in iris.train_texts]
    data = [str(r["sepal_length"]) for r in iris.train_texts + iris.test_texts] + ["9.9"]
    config, rows = fit_in_both(node, library, CategoryEncoder(), fit, data)
    assert len(config["categories_"]) > 20 and rows[-1] == [0 for _ in config["categories_"]]


def test_iris_records_with_a_species_column_fitted_in_js_equal_the_python_fit(node, library, iris):
    records = [dict(r, species=s) for r, s in zip(iris.train_texts + iris.test_texts, iris.train_labels + iris.test_labels)]
    columns = Columns(
        [[field, MinMaxScale()] for field in FIELDS] + [["species", CategoryEncoder()], ["species", CategoryEncoder(output="index")]]
    )
    config, rows = fit_in_both(node, library, columns, records[:120], records)
    assert {len(row) for row in rows} == {8}


# --- CategoryEncoder on adversarial categories ---------------------------------------------------------------


@pytest.mark.parametrize("output", ["one_hot", "index"])
def test_category_encoder_fitted_in_js_on_adversarial_categories_equals_the_python_fit(node, library, output):
    fit = ADVERSARIAL_CATEGORIES + ADVERSARIAL_CATEGORIES[::3]
    data = ADVERSARIAL_CATEGORIES[::-1] + ["isPrototypeOf", "\U0001F469", "e", "\u200d", "__proto__ ", "CONSTRUCTOR"]
    config, rows = fit_in_both(node, library, CategoryEncoder(output=output), fit, data)
    assert config["categories_"] == sorted(set(ADVERSARIAL_CATEGORIES))
    assert config["categories_"].index("\uffff") < config["categories_"].index("\U0001F600")
    unknown = -1 if output == "index" else [0 for _ in config["categories_"]]
    assert rows[len(ADVERSARIAL_CATEGORIES):] == [unknown for _ in range(6)]


def test_category_encoder_fitted_in_python_on_adversarial_categories_transforms_identically(node, library):
    config = strict_json(CategoryEncoder(handle_unknown="error").fit(ADVERSARIAL_CATEGORIES).get_config())
    outcome = assert_same_outcome(node, library, config, ADVERSARIAL_CATEGORIES[::-1])
    assert outcome[0] == "ok"


@pytest.mark.parametrize("name", ["constructor", "__proto__", "toString", "hasOwnProperty", ""])
def test_a_prototype_named_category_alone_works_in_both(node, library, name):
    outcome = assert_same_outcome(node, library, {"type": "CategoryEncoder"}, [name, "x"], fit=[name])
    assert outcome[1] == [[1], [0]]


def test_a_prototype_named_value_is_unknown_to_an_encoder_without_it_in_both(node, library):
    config = {"type": "CategoryEncoder", "output": "index", "categories_": ["a", "b"]}
    outcome = assert_same_outcome(node, library, config, ["constructor", "__proto__", "toString", "a"])
    assert outcome[1] == [-1, -1, -1, 0]


# --- CategoryEncoder errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["constructor", "\U0001F600", "", "\xa0"])
def test_unknown_with_error_raises_the_same_value_error(node, library, value):
    config = {"type": "CategoryEncoder", "handle_unknown": "error", "categories_": ["a"]}
    message = f"CategoryEncoder.transform: item 1 is '{value}', a category not seen in fit"
    assert_same_error(node, library, config, ["a", value, "zzz"], ("ValueError", message))


BAD_ITEMS = [(1, "int"), (1.5, "float"), (None, "NoneType"), (True, "bool"), (["a"], "list"), ({"a": 1}, "dict"),
             ("\ud800x", "str with a lone surrogate")]


@pytest.mark.parametrize("item, seen", BAD_ITEMS, ids=[s for _, s in BAD_ITEMS])
def test_a_non_str_raises_the_same_type_error(node, library, item, seen):
    fitted = {"type": "CategoryEncoder", "handle_unknown": "error", "categories_": ["a"]}
    expected = ("TypeError", f"CategoryEncoder.transform: item 1 is {seen}, expected str")
    assert_same_error(node, library, fitted, ["zzz", item], expected)
    expected = ("TypeError", f"CategoryEncoder.fit: item 1 is {seen}, expected str")
    assert_same_error(node, library, {"type": "CategoryEncoder"}, [], expected, fit=["a", item])


@pytest.mark.parametrize("batch, seen", [("ab", "str"), (None, "NoneType"), ({"a": 1}, "dict"), (3, "int")])
def test_a_batch_that_is_not_a_list_raises_the_same_type_error(node, library, batch, seen):
    expected = ("TypeError", f"CategoryEncoder.transform expects a list of str, got {seen}")
    assert_same_error(node, library, {"type": "CategoryEncoder", "categories_": ["a"]}, batch, expected)


def test_fit_on_no_values_raises_the_same_value_error(node, library):
    expected = ("ValueError", "CategoryEncoder.fit needs at least one value")
    assert_same_error(node, library, {"type": "CategoryEncoder"}, ["a"], expected, fit=[])


def test_unfitted_category_encoder_raises_the_same_not_fitted_error(node, library):
    message = "CategoryEncoder is not fitted: call fit() first, or build it with from_config() from a fitted config"
    assert_same_error(node, library, {"type": "CategoryEncoder"}, ["a"], ("NotFittedError", message))


@pytest.mark.parametrize(
    "params, message",
    [
        ({"handle_unknown": "raise"}, "handle_unknown must be 'ignore' or 'error', got 'raise'"),
        ({"handle_unknown": ["error"]}, "handle_unknown must be 'ignore' or 'error', got list"),
        ({"handle_unknown": None}, "handle_unknown must be 'ignore' or 'error', got NoneType"),
        ({"output": ["index"]}, "output must be 'one_hot' or 'index', got list"),
        ({"output": "constructor"}, "output must be 'one_hot' or 'index', got 'constructor'"),
    ],
    ids=repr,
)
def test_invalid_parameters_raise_the_same_value_error(node, library, params, message):
    expected = ("ValueError", f"CategoryEncoder: {message}")
    assert_same_error(node, library, dict({"type": "CategoryEncoder"}, **params), ["a"], expected, fit=["a"])


@pytest.mark.parametrize(
    "categories",
    [[], ["b", "a"], ["a", "a"], ["a", 1, "b"], [1, "a"], "ab", None, ["\ud800"], ["\U0001F600", "\uffff"], {"a": 1}],
    ids=repr,
)
def test_invalid_categories_in_a_config_raise_the_same_value_error(node, library, categories):
    message = "CategoryEncoder: categories_ must be a non-empty list of distinct str in ascending code-point order"
    assert_same_error(node, library, {"type": "CategoryEncoder", "categories_": categories}, ["a"], ("ValueError", message))


# --- MinMaxScale ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("feature_range", [[0, 1], [-1, 1], [0.1, 0.7]], ids=repr)
@pytest.mark.parametrize("field", FIELDS)
def test_min_max_scale_fitted_in_js_on_iris_is_bit_identical(node, library, iris, field, feature_range):
    fit = [r[field] for r in iris.train_texts]
    data = [r[field] for r in iris.train_texts + iris.test_texts]
    config, output = fit_in_both(node, library, MinMaxScale(feature_range=feature_range), fit, data)
    assert set(config) == {"type", "feature_range", "data_min_", "data_max_"} and len(output) == 150


MIN_MAX_FITS = {
    "constant": [3.5, 3.5],
    "below-10-eps": [0.0, 2e-15],
    "above-10-eps": [0.0, 3e-15],
    "range-overflows": [-1e308, 1e308],
    "subnormal": [5e-324, 0.0, -5e-324],
    "inexact": [0.1, 0.2, 0.1 + 0.2, 0.3],
    "safe-ints": [-(2**53 - 1), 2**53 - 1, 0],
}
MIN_MAX_DATA = [0, -0.0, 1e-300, -1e-300, 5e-324, 0.1 + 0.2, 0.3, 1, 2.5, -7.25, 1e10, 2**53 - 1]


@pytest.mark.parametrize("feature_range", [[0, 1], [-3, 0.5]], ids=repr)
@pytest.mark.parametrize("name", sorted(MIN_MAX_FITS))
def test_min_max_scale_on_adversarial_numbers_is_bit_identical(node, library, name, feature_range):
    fit_in_both(node, library, MinMaxScale(feature_range=feature_range), MIN_MAX_FITS[name], MIN_MAX_DATA)


def test_min_max_scale_result_beyond_double_precision_raises_the_same_value_error(node, library):
    expected = ("ValueError", "MinMaxScale.transform: item 1 gives a result beyond double precision")
    assert_same_error(node, library, {"type": "MinMaxScale"}, [0.5, 1e300], expected, fit=[0.0, 1e-14])


@pytest.mark.parametrize("feature_range", [[1, 0], [1, 1], [0], None, "01", [0, "1"], [True, 2], {"0": 0, "1": 1}], ids=repr)
def test_min_max_scale_invalid_feature_range_raises_the_same_value_error(node, library, feature_range):
    message = "MinMaxScale: feature_range must be a list of two numbers [min, max] with min < max"
    config = {"type": "MinMaxScale", "feature_range": feature_range}
    assert_same_error(node, library, config, [1.0], ("ValueError", message), fit=[0.0, 2.0])


@pytest.mark.parametrize("item, seen", [(None, "NoneType"), ("1.5", "str"), (True, "bool"), ([1.5], "list")])
def test_min_max_scale_non_number_raises_the_same_type_error(node, library, item, seen):
    expected = ("TypeError", f"MinMaxScale.fit: item 1 is {seen}, expected number")
    assert_same_error(node, library, {"type": "MinMaxScale"}, [], expected, fit=[0.5, item])
    fitted = {"type": "MinMaxScale", "data_min_": 0, "data_max_": 1}
    expected = ("TypeError", f"MinMaxScale.transform: item 1 is {seen}, expected number")
    assert_same_error(node, library, fitted, [0.5, item], expected)


@pytest.mark.parametrize("state", [[2.0, 1.0], ["0", 1.0], [0.0, None], [True, 1.0]], ids=repr)
def test_min_max_scale_invalid_state_raises_the_same_value_error(node, library, state):
    message = "MinMaxScale: data_min_ and data_max_ must be numbers with data_min_ <= data_max_"
    config = {"type": "MinMaxScale", "data_min_": state[0], "data_max_": state[1]}
    assert_same_error(node, library, config, [1.0], ("ValueError", message))


def test_unfitted_min_max_scale_and_empty_fit_raise_the_same_errors(node, library):
    message = "MinMaxScale is not fitted: call fit() first, or build it with from_config() from a fitted config"
    assert_same_error(node, library, {"type": "MinMaxScale"}, [1.0], ("NotFittedError", message))
    assert_same_error(node, library, {"type": "MinMaxScale"}, [1.0], ("ValueError", "MinMaxScale.fit needs at least one value"), fit=[])
