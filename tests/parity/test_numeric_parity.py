"""Standardize, Discretize, OneHot and Columns give identical output in CPython and in Node.

Floats are compared with ==, without tolerance: both runtimes compute in IEEE doubles, in the same
order, so the results must be bit for bit the same (and JSON carries a double exactly, as the
shortest text that reads back to it). The one thing == and JSON do not see, the sign of a zero,
is checked in a one-off ``node -e`` along with NaN and Infinity, which JSON cannot carry.

Standardize is also fitted in Node and its learned config compared with Python's fit.
"""

import json
import math
import random
import subprocess

import pytest
from harness import ROOT, js_outcome, python_outcome, strict_json

from featurizers import Columns, Discretize, OneHot, Pipeline, Standardize, from_config
from featurizers.training import datasets

FIELDS = list(datasets.IRIS_FIELDS)
PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty"]
MAX_SAFE = 2**53 - 1

# Finite numbers that are hard on arithmetic: zeros of both signs, the smallest subnormal, values
# near the ends of the double range, the largest safe integer, an inexact sum.
ADVERSARIAL = [0, -0.0, 1e-300, 1e300, 5e-324, MAX_SAFE, 0.1 + 0.2, -1e300, -5e-324, 0.3, 1, -MAX_SAFE]


def assert_same_outcome(node, library, config, data, fit=None):
    """Both runtimes give the same output and config, or the same error; returns the outcome."""
    python = python_outcome(config, data, fit)
    js = js_outcome(node, library, config, data, fit)
    if python[0] == js[0] == "ok":
        assert_rows_equal(python[1], js[1])
    assert js == python
    return python


def assert_same_error(node, library, config, data, expected, fit=None):
    assert python_outcome(config, data, fit) == expected
    assert js_outcome(node, library, config, data, fit) == expected


def assert_rows_equal(python_rows, js_rows):
    """Row by row ==, reporting the count and the first differing row instead of a huge diff."""
    assert len(js_rows) == len(python_rows)
    differing = [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]
    assert differing == [], (
        f"{len(differing)} rows differ; first, row {differing[0]}: "
        f"python {python_rows[differing[0]]!r:.300} js {js_rows[differing[0]]!r:.300}"
    )


def fit_in_both(node, library, featurizer, fit, data):
    """Fit ``featurizer`` in Python and, from its unfitted config, in Node; compare configs and outputs."""
    unfitted = featurizer.get_config()
    js_output, js_config = node.featurizer(library, unfitted, data, fit=fit)
    featurizer.fit(fit)
    python_config = strict_json(featurizer.get_config())
    python_output = featurizer.transform(data)
    assert js_config == python_config
    assert_rows_equal(python_output, js_output)
    return python_config, python_output


def signed(value):
    """A JSON value with -0.0, NaN and the infinities spelled out, for a sign-exact comparison."""
    if isinstance(value, list):
        return [signed(item) for item in value]
    if isinstance(value, dict):
        return {key: signed(item) for key, item in value.items()}
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value == 0 and math.copysign(1.0, value) < 0:
            return "-0"
    return value


def js_direct(library, expressions):
    """{name: ("ok", signed result) or (error name, message)} for JS expressions over ``featurizers``,
    evaluated in one ``node -e``, for values JSON cannot carry (NaN, Infinity, the sign of zero)."""
    cases = ",".join(f"[{json.dumps(name)}, () => ({expression})]" for name, expression in expressions.items())
    script = (
        "const { featurizers, pythonError } = require(process.argv[1]);"
        "const signed = (key, v) => typeof v !== 'number' ? v : Number.isNaN(v) ? 'NaN'"
        "  : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : Object.is(v, -0) ? '-0' : v;"
        "const results = {};"
        f"for (const [name, run] of [{cases}]) {{"
        "  try { results[name] = ['ok', pythonError.wrap(run)]; }"
        "  catch (error) { results[name] = [error.name, error.message]; }"
        "}"
        "console.log(JSON.stringify(results, signed));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(library)], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return {name: tuple(outcome) for name, outcome in json.loads(result.stdout).items()}


def python_direct(run):
    try:
        return "ok", signed(run())
    except Exception as error:
        return type(error).__name__, str(error)


# --- iris ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def iris():
    split = datasets.iris()
    return split.train_texts, split.train_texts + split.test_texts, split


def iris_columns():
    """The iris shop's featurizer (pipelines/iris.py) with one more categorical column."""
    return Columns(
        [[field, Standardize()] for field in FIELDS]
        + [
            ["petal_length", Pipeline([Discretize(bin_boundaries=[2.5, 5.0]), OneHot(num_tokens=3)])],
            ["sepal_width", Pipeline([Standardize(), Discretize(bin_boundaries=[-1.0, 0.0, 1.0])])],
        ]
    )


def test_iris_has_150_records_of_four_floats(iris):
    train, records, _ = iris
    assert (len(train), len(records)) == (120, 150)
    assert all(sorted(record) == sorted(FIELDS) and all(type(v) is float for v in record.values()) for record in records)


@pytest.mark.parametrize("field", FIELDS)
def test_standardize_fitted_in_js_on_iris_learns_the_python_mean_and_variance(node, library, iris, field):
    train, records, _ = iris
    config, output = fit_in_both(node, library, Standardize(), [r[field] for r in train], [r[field] for r in records])
    assert set(config) == {"type", "mean_", "var_"}
    assert len(output) == 150


@pytest.mark.parametrize("field", FIELDS)
def test_standardize_fitted_in_python_on_iris_transforms_identically_in_js(node, library, iris, field):
    train, records, _ = iris
    standardize = Standardize().fit([r[field] for r in train])
    assert_same_outcome(node, library, standardize.get_config(), [r[field] for r in records])


@pytest.mark.parametrize("field", FIELDS)
def test_discretize_on_iris_gives_identical_buckets(node, library, iris, field):
    _, records, _ = iris
    values = [r[field] for r in records]
    # Boundaries that are measurements of the data set, so many values sit exactly on one.
    boundaries = sorted(set(values))[::7]
    outcome = assert_same_outcome(node, library, Discretize(bin_boundaries=boundaries).get_config(), values)
    assert sum(1 for v in values if v in boundaries) > 10
    assert len(set(outcome[1])) > 3


def test_one_hot_of_the_iris_species_gives_identical_vectors(node, library, iris):
    _, _, split = iris
    ids = [split.labels.index(label) for label in split.train_labels + split.test_labels]
    assert_same_outcome(node, library, OneHot(num_tokens=3).get_config(), ids)


def test_iris_columns_fitted_in_js_equal_the_python_fit(node, library, iris):
    train, records, _ = iris
    config, rows = fit_in_both(node, library, iris_columns(), train, records)
    assert len(rows) == 150 and {len(row) for row in rows} == {8}
    assert [column[0] for column in config["columns"]] == FIELDS + ["petal_length", "sepal_width"]


def test_iris_columns_fitted_in_python_transform_identically_in_js(node, library, iris):
    train, records, _ = iris
    config = strict_json(iris_columns().fit(train).get_config())
    assert_same_outcome(node, library, config, records)


# --- Standardize on adversarial numbers ----------------------------------------------------------------------

FINITE_FITS = {
    "adversarial-without-1e300": [0, -0.0, 1e-300, 5e-324, MAX_SAFE, 0.1 + 0.2],
    "one-value-1e300": [1e300],
    "twice-1e300": [1e300, 1e300],
    "plus-minus-1e153": [1e153, -1e153],
    "subnormal-and-zero": [5e-324, 0],
    "negative-subnormal-and-zero": [-5e-324, 0, -0.0],
    "safe-integers": [MAX_SAFE, -MAX_SAFE, MAX_SAFE],
    "cancelling-sum": [1e16, 1.0, -1e16],
    "inexact-decimals": [0.1, 0.2, 0.3, 0.1 + 0.2, 0.7, 1.1],
    "ints": [1, 2, 3, 4, 5],
    "tiny": [1e-300, 2e-300, 3e-300],
    "zeros": [0.0, -0.0, 0],
}
TRANSFORM_VALUES = [0, -0.0, 1e-300, 1e300, -1e300, 5e-324, -5e-324, MAX_SAFE, -MAX_SAFE, 0.1 + 0.2, 0.3, 1, 2.5]


@pytest.mark.parametrize("values", FINITE_FITS.values(), ids=FINITE_FITS.keys())
def test_standardize_fitted_in_js_on_adversarial_numbers_equals_the_python_fit(node, library, values):
    python_config, output = fit_in_both(node, library, Standardize(), values, TRANSFORM_VALUES)
    assert all(math.isfinite(x) for x in output)  # these fits keep every result finite


@pytest.mark.parametrize("values", FINITE_FITS.values(), ids=FINITE_FITS.keys())
def test_standardize_fitted_in_python_on_adversarial_numbers_transforms_identically(node, library, values):
    standardize = Standardize().fit(values)
    assert_same_outcome(node, library, standardize.get_config(), TRANSFORM_VALUES + values)


OVERFLOWING = {
    # (fit, transform): the variance, the mean or a transformed value is beyond the largest double.
    "adversarial-list": (ADVERSARIAL, [0.0]),
    "variance": ([1e300, -1e300], [0.0, 1.0]),
    "sum-of-squares": ([1e154, -1e154], [0.0]),
    "mean-and-variance": ([1e308, 1e308], [1.0]),
    "transformed-value": ([0, 2e-160], [1e300]),
}


@pytest.mark.parametrize("fit, data", OVERFLOWING.values(), ids=OVERFLOWING.keys())
def test_standardize_that_overflows_gives_the_same_outcome_in_both(node, library, fit, data):
    # Infinity and NaN are not JSON: a state or output holding one cannot be the same in both
    # runtimes' configs and outputs (Python writes Infinity, JSON.stringify writes null).
    assert_same_outcome(node, library, Standardize().get_config(), data, fit=fit)


@pytest.mark.parametrize(
    "state",
    [{"mean_": 0, "var_": -1}, {"mean_": "1", "var_": 1}, {"mean_": 0, "var_": "4"}, {"mean_": [1], "var_": 1}, {"mean_": True, "var_": 1}],
    ids=repr,
)
def test_standardize_config_with_invalid_state_fails_alike_in_both(node, library, state):
    # JS coerces "1" and true to numbers and takes sqrt(-1) as NaN; Python raises.
    assert_same_outcome(node, library, {"type": "Standardize", **state}, [1.0, 2.0])


# --- Discretize and OneHot on adversarial numbers ----------------------------------------------------------

BOUNDARIES = sorted([-1e300, -1.0, -5e-324, 0.0, 5e-324, 1e-300, 0.3, 0.1 + 0.2, 1, 2.5, MAX_SAFE, 1e300])


def neighbours(x):
    return [math.nextafter(x, -math.inf), x, math.nextafter(x, math.inf)]


def test_discretize_on_values_at_and_beside_every_boundary_is_identical(node, library):
    values = [v for b in BOUNDARIES for v in neighbours(float(b))] + ADVERSARIAL + [-1.7976931348623157e308, 1.7976931348623157e308]
    outcome = assert_same_outcome(node, library, Discretize(bin_boundaries=BOUNDARIES).get_config(), values)
    assert set(outcome[1]) == set(range(len(BOUNDARIES) + 1))


@pytest.mark.parametrize(
    "boundaries", [[], [0.0], [-0.0], [0, 0, 0], [MAX_SAFE], [5e-324], [1e300, 1e300], [2, 1]], ids=repr
)
def test_discretize_with_edge_boundaries_is_identical(node, library, boundaries):
    assert_same_outcome(node, library, Discretize(bin_boundaries=boundaries).get_config(), ADVERSARIAL)


def test_discretize_of_an_int_beyond_2_53_buckets_alike_in_both(node, library):
    # Python compares the int 2**53 + 3 exactly; JSON.parse reads it as 2**53 + 4, a boundary.
    config = Discretize(bin_boundaries=[9007199254740996.0]).get_config()
    assert_same_outcome(node, library, config, [2**53 + 3])


@pytest.mark.parametrize("num_tokens", [1, 2, 7, 64])
def test_one_hot_of_every_id_is_identical(node, library, num_tokens):
    ids = list(range(num_tokens)) + list(range(num_tokens))[::-1]
    outcome = assert_same_outcome(node, library, OneHot(num_tokens=num_tokens).get_config(), ids)
    assert outcome[1][0][0] == 1


def test_one_hot_with_an_integral_float_num_tokens_config_is_identical(node, library):
    assert_same_outcome(node, library, {"type": "OneHot", "num_tokens": 3.0}, [2, 0])


# --- large lists ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_numbers():
    rng = random.Random(20240601)
    numbers = [rng.uniform(-1, 1) * 10.0 ** rng.randint(-12, 12) for _ in range(100_000)]
    return numbers + [0, -0.0, 1e-300, 5e-324, MAX_SAFE] + [0.1 + 0.2] * 100


def test_standardize_fitted_in_js_on_100_000_numbers_equals_the_python_fit(node, library, many_numbers):
    fit_in_both(node, library, Standardize(), many_numbers, many_numbers[::10])


def test_discretize_on_100_000_numbers_is_identical(node, library, many_numbers):
    boundaries = sorted(many_numbers[::2000])
    values = many_numbers + boundaries
    assert_same_outcome(node, library, Discretize(bin_boundaries=boundaries).get_config(), values)


def test_one_hot_on_20_000_ids_is_identical(node, library):
    rng = random.Random(7)
    ids = [rng.randrange(16) for _ in range(20_000)]
    assert_same_outcome(node, library, OneHot(num_tokens=16).get_config(), ids)


# --- signed zeros, NaN and Infinity: a one-off node -e, sign-exact ---------------------------------------------

NOT_JSON_CASES = {
    # name: (JS expression, the same in Python)
    "standardize-transform-signed-zeros": (
        'featurizers.from_config({type: "Standardize", mean_: 0, var_: 0}).transform([-0, 0, -5e-324])',
        lambda: from_config({"type": "Standardize", "mean_": 0, "var_": 0}).transform([-0.0, 0.0, -5e-324]),
    ),
    "standardize-fit-negative-subnormal": (
        'featurizers.from_config({type: "Standardize"}).fit([-5e-324, 0]).transform([-0, 0])',
        lambda: Standardize().fit([-5e-324, 0]).transform([-0.0, 0.0]),
    ),
    "standardize-fit-negative-zeros": (
        'featurizers.from_config({type: "Standardize"}).fit([-0, -0]).transform([-0, 0])',
        lambda: Standardize().fit([-0.0, -0.0]).transform([-0.0, 0.0]),
    ),
    "standardize-config-negative-zero-mean": (
        'featurizers.from_config({type: "Standardize", mean_: -0, var_: 0}).transform([-0, 0])',
        lambda: from_config(json.loads('{"type": "Standardize", "mean_": -0.0, "var_": 0}')).transform([-0.0, 0.0]),
    ),
    "discretize-signed-zeros": (
        'featurizers.from_config({type: "Discretize", bin_boundaries: [-0, 0]}).transform([-0, 0])',
        lambda: Discretize(bin_boundaries=[-0.0, 0.0]).transform([-0.0, 0.0]),
    ),
    "discretize-nan-boundary": (
        'featurizers.from_config({type: "Discretize", bin_boundaries: [NaN, 1]}).transform([2])',
        lambda: Discretize(bin_boundaries=[float("nan"), 1]).transform([2]),
    ),
}
for _method in ["fit", "transform"]:
    for _js, _py in [("NaN", "nan"), ("Infinity", "inf"), ("-Infinity", "-inf")]:
        NOT_JSON_CASES[f"standardize-{_method}-{_py}"] = (
            f'featurizers.from_config({{type: "Standardize", mean_: 1, var_: 1}}).{_method}([1, {_js}])',
            lambda m=_method, v=float(_py): getattr(from_config({"type": "Standardize", "mean_": 1, "var_": 1}), m)([1, v]),
        )
for _js, _py in [("NaN", "nan"), ("Infinity", "inf"), ("-Infinity", "-inf")]:
    NOT_JSON_CASES[f"discretize-{_py}"] = (
        f'featurizers.from_config({{type: "Discretize", bin_boundaries: [0]}}).transform([{_js}])',
        lambda v=float(_py): Discretize(bin_boundaries=[0]).transform([v]),
    )
    NOT_JSON_CASES[f"one-hot-{_py}"] = (
        f'featurizers.from_config({{type: "OneHot", num_tokens: 2}}).transform([0, {_js}])',
        lambda v=float(_py): OneHot(num_tokens=2).transform([0, v]),
    )
    NOT_JSON_CASES[f"columns-{_py}"] = (
        f'featurizers.from_config({{type: "Columns", columns: [["x", {{type: "Discretize", bin_boundaries: [0]}}]]}})'
        f".transform([{{x: {_js}}}])",
        lambda v=float(_py): Columns([["x", Discretize(bin_boundaries=[0])]]).transform([{"x": v}]),
    )


@pytest.fixture(scope="module")
def js_not_json(library):
    return js_direct(library, {name: case[0] for name, case in NOT_JSON_CASES.items()})


@pytest.mark.parametrize("name", NOT_JSON_CASES)
def test_values_json_cannot_carry_give_the_same_sign_exact_outcome(js_not_json, name):
    python = python_direct(NOT_JSON_CASES[name][1])
    assert js_not_json[name] == python


def test_non_finite_numbers_are_rejected_by_name():
    # The Python side of the cases above, spelled out: NaN and infinity are named as themselves.
    assert python_direct(NOT_JSON_CASES["standardize-fit-nan"][1]) == (
        "TypeError", "Standardize.fit: item 1 is nan, expected number",
    )
    assert python_direct(NOT_JSON_CASES["one-hot-inf"][1]) == ("TypeError", "OneHot.transform: item 1 is inf, expected int")


# --- bad input: the same error in both -------------------------------------------------------------------------

STANDARDIZE_FITTED = {"type": "Standardize", "mean_": 1.5, "var_": 0.25}
NUMBER_FEATURIZERS = {
    # name -> (config, what transform's error names)
    "Standardize": (STANDARDIZE_FITTED, "Standardize.transform"),
    "Discretize": ({"type": "Discretize", "bin_boundaries": [0.5, 1.5]}, "Discretize.transform"),
}
BAD_BATCHES = [(None, "NoneType"), ("1 2", "str"), (42, "int"), (2.5, "float"), (True, "bool"), ({"a": [1]}, "dict")]
BAD_NUMBERS = [(None, "NoneType"), ("1.5", "str"), (True, "bool"), (False, "bool"), ([1.5], "list"), ({"a": 1}, "dict")]


@pytest.mark.parametrize("batch, seen", BAD_BATCHES, ids=[seen for _, seen in BAD_BATCHES])
@pytest.mark.parametrize("featurizer", sorted(NUMBER_FEATURIZERS) + ["OneHot"])
def test_a_batch_that_is_not_a_list_raises_the_same_type_error(node, library, featurizer, batch, seen):
    if featurizer == "OneHot":
        config, where, expected = {"type": "OneHot", "num_tokens": 2}, "OneHot.transform", "int"
    else:
        (config, where), expected = NUMBER_FEATURIZERS[featurizer], "number"
    assert_same_error(node, library, config, batch, ("TypeError", f"{where} expects a list of {expected}, got {seen}"))


@pytest.mark.parametrize("batch, seen", [b for b in BAD_BATCHES if b[0] is not None], ids=[s for b, s in BAD_BATCHES if b is not None])
def test_standardize_fit_on_a_batch_that_is_not_a_list_raises_the_same_type_error(node, library, batch, seen):
    message = f"Standardize.fit expects a list of number, got {seen}"
    assert_same_error(node, library, {"type": "Standardize"}, [], ("TypeError", message), fit=batch)


@pytest.mark.parametrize("item, seen", BAD_NUMBERS, ids=[seen for _, seen in BAD_NUMBERS])
@pytest.mark.parametrize("featurizer", sorted(NUMBER_FEATURIZERS))
def test_a_non_number_raises_the_same_type_error_naming_its_position(node, library, featurizer, item, seen):
    config, where = NUMBER_FEATURIZERS[featurizer]
    message = f"{where}: item 2 is {seen}, expected number"
    assert_same_error(node, library, config, [1.0, 2, item, 3.0], ("TypeError", message))


@pytest.mark.parametrize("item, seen", BAD_NUMBERS, ids=[seen for _, seen in BAD_NUMBERS])
def test_standardize_fit_on_a_non_number_raises_the_same_type_error(node, library, item, seen):
    message = f"Standardize.fit: item 1 is {seen}, expected number"
    assert_same_error(node, library, {"type": "Standardize"}, [], ("TypeError", message), fit=[0.5, item])


def test_standardize_fit_on_an_empty_list_raises_the_same_value_error(node, library):
    expected = ("ValueError", "Standardize.fit needs at least one value")
    assert_same_error(node, library, {"type": "Standardize"}, [1.0], expected, fit=[])


@pytest.mark.parametrize("config", [{"type": "Standardize"}, {"type": "Standardize", "mean_": 1.0}, {"type": "Standardize", "var_": 1.0}])
def test_transform_of_an_unfitted_standardize_raises_the_same_not_fitted_error(node, library, config):
    message = "Standardize is not fitted: call fit() first, or build it with from_config() from a fitted config"
    assert_same_error(node, library, config, "not even a batch", ("NotFittedError", message))


ONE_HOT_BAD_IDS = [
    (None, "TypeError", "item 1 is NoneType, expected int"),
    ("1", "TypeError", "item 1 is str, expected int"),
    (1.5, "TypeError", "item 1 is float, expected int"),
    (True, "TypeError", "item 1 is bool, expected int"),
    ([1], "TypeError", "item 1 is list, expected int"),
    ({"id": 1}, "TypeError", "item 1 is dict, expected int"),
    (3, "ValueError", "item 1 is 3, outside 0..2"),
    (-1, "ValueError", "item 1 is -1, outside 0..2"),
    (MAX_SAFE, "ValueError", f"item 1 is {MAX_SAFE}, outside 0..2"),
]


@pytest.mark.parametrize("item, error, what", ONE_HOT_BAD_IDS, ids=[ascii(case[0]) for case in ONE_HOT_BAD_IDS])
def test_one_hot_bad_id_raises_the_same_error_naming_its_position(node, library, item, error, what):
    assert_same_error(node, library, {"type": "OneHot", "num_tokens": 3}, [0, item, 2], (error, f"OneHot.transform: {what}"))


@pytest.mark.parametrize("item", [2**53, -(2**53), 2**53 + 1])
def test_one_hot_id_beyond_2_53_raises_the_same_type_error(node, library, item):
    assert python_outcome({"type": "OneHot", "num_tokens": 3}, [item])[0] == "TypeError"
    assert_same_outcome(node, library, {"type": "OneHot", "num_tokens": 3}, [item])


@pytest.mark.parametrize("num_tokens", [None, 0, -2, 2.5, True, "3", [3]], ids=repr)
def test_one_hot_invalid_num_tokens_raises_the_same_value_error(node, library, num_tokens):
    shown = {None: "None", True: "True"}.get(num_tokens, str(num_tokens)) if not isinstance(num_tokens, list) else "[3]"
    message = f"OneHot: num_tokens must be a positive int, got {shown}"
    assert_same_error(node, library, {"type": "OneHot", "num_tokens": num_tokens}, [0], ("ValueError", message))


def test_one_hot_without_num_tokens_raises_the_same_value_error(node, library):
    message = "OneHot: num_tokens must be a positive int, got None"
    assert_same_error(node, library, {"type": "OneHot"}, [0], ("ValueError", message))


@pytest.mark.parametrize("boundaries", ["missing", None, 2.5, "2.5", {"0": 1}], ids=repr)
def test_discretize_without_a_list_of_boundaries_raises_the_same_value_error(node, library, boundaries):
    config = {"type": "Discretize"} if boundaries == "missing" else {"type": "Discretize", "bin_boundaries": boundaries}
    expected = ("ValueError", "Discretize: bin_boundaries must be a list of numbers")
    assert_same_error(node, library, config, [1.0], expected)


@pytest.mark.parametrize("boundaries", [["2.5"], [1.0, None], [[1.0]], [True], [{"b": 1}]], ids=repr)
def test_discretize_with_boundaries_that_are_not_numbers_fails_alike_in_both(node, library, boundaries):
    # JS compares "2.5" <= 3, null <= 3, [1] <= 3 and true <= 3 as numbers; Python raises.
    assert_same_outcome(node, library, {"type": "Discretize", "bin_boundaries": boundaries}, [3.0])


# --- Columns ----------------------------------------------------------------------------------------------------


def prototype_columns():
    return Columns(
        [
            ["constructor", Standardize()],
            ["__proto__", Discretize(bin_boundaries=[0.0, 10.0])],
            ["toString", OneHot(num_tokens=3)],
            ["hasOwnProperty", Standardize()],
            ["__proto__", Standardize()],
        ]
    )


PROTOTYPE_RECORDS = [
    {"constructor": 1.5, "__proto__": -3.0, "toString": 0, "hasOwnProperty": 100},
    {"constructor": 2.5, "__proto__": 10.0, "toString": 2, "hasOwnProperty": 300, "valueOf": "ignored"},
    {"hasOwnProperty": -5e-324, "toString": 1, "__proto__": 0.1 + 0.2, "constructor": 1e150},
]


def test_columns_with_prototype_field_names_fitted_in_js_equal_the_python_fit(node, library):
    config, rows = fit_in_both(node, library, prototype_columns(), PROTOTYPE_RECORDS, PROTOTYPE_RECORDS)
    assert [column[0] for column in config["columns"]] == ["constructor", "__proto__", "toString", "hasOwnProperty", "__proto__"]
    assert [row[1:5] for row in rows] == [[0, 1, 0, 0], [2, 0, 0, 1], [1, 0, 1, 0]]


def test_columns_with_prototype_field_names_fitted_in_python_transform_identically(node, library):
    config = strict_json(prototype_columns().fit(PROTOTYPE_RECORDS).get_config())
    assert_same_outcome(node, library, config, PROTOTYPE_RECORDS)


@pytest.mark.parametrize("field", PROTOTYPE_NAMES)
def test_a_missing_prototype_named_field_raises_the_same_type_error(node, library, field):
    # In JS every object inherits constructor, toString and hasOwnProperty, and __proto__: inherited is not present.
    config = strict_json(prototype_columns().fit(PROTOTYPE_RECORDS).get_config())
    record = {key: value for key, value in PROTOTYPE_RECORDS[0].items() if key != field}
    message = f"Columns.transform: item 1 has no field '{field}'"
    assert_same_error(node, library, config, [PROTOTYPE_RECORDS[0], record], ("TypeError", message))


@pytest.mark.parametrize("field", PROTOTYPE_NAMES + ["valueOf", "__kwargtrans__", "__class__"])
def test_a_prototype_named_field_on_its_own_works_in_both(node, library, field):
    config = Columns([[field, Discretize(bin_boundaries=[1.0])]]).get_config()
    outcome = assert_same_outcome(node, library, config, [{field: 0.5}, {field: 1.0, "x": 1}])
    assert outcome[1] == [[0], [1]]


def test_columns_with_a_dict_of_prototype_names_keeps_its_order_in_both(node, library):
    columns = Columns({name: Discretize(bin_boundaries=[float(i)]) for i, name in enumerate(PROTOTYPE_NAMES)})
    records = [{name: 1.5 for name in PROTOTYPE_NAMES}]
    outcome = assert_same_outcome(node, library, columns.get_config(), records)
    assert outcome[1] == [[1, 1, 0, 0]]


COLUMNS_BAD_INPUT = [
    ("not a list", "Columns.transform expects a list of records, got str"),
    (None, "Columns.transform expects a list of records, got NoneType"),
    ({"sepal_length": 1.0}, "Columns.transform expects a list of records, got dict"),
    ([{"a": 1.0, "b": 2.0}, "x"], "Columns.transform: item 1 is str, expected a record (dict)"),
    ([{"a": 1.0, "b": 2.0}, None], "Columns.transform: item 1 is NoneType, expected a record (dict)"),
    ([{"a": 1.0, "b": 2.0}, [1.0, 2.0]], "Columns.transform: item 1 is list, expected a record (dict)"),
    ([{"a": 1.0, "b": 2.0}, 3], "Columns.transform: item 1 is int, expected a record (dict)"),
    ([{"a": 1.0, "b": 2.0}, {"a": 1.0}], "Columns.transform: item 1 has no field 'b'"),
    ([{"a": 1.0, "b": 2.0}, {"A": 1.0, "b": 2.0}], "Columns.transform: item 1 has no field 'a'"),
    ([{"a": 1.0, "b": None}], "Columns.transform: field 'b': Standardize.transform: item 0 is NoneType, expected number"),
    ([{"a": 1.0, "b": 2.0}, {"a": True, "b": 2.0}], "Columns.transform: field 'a': Discretize.transform: item 1 is bool, expected number"),
]


@pytest.mark.parametrize("data, message", COLUMNS_BAD_INPUT, ids=[message for _, message in COLUMNS_BAD_INPUT])
def test_columns_bad_input_raises_the_same_type_error(node, library, data, message):
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])], ["b", Standardize()]])
    config = columns.fit([{"a": 0.0, "b": 1.0}, {"a": 0.0, "b": 2.0}]).get_config()
    assert_same_error(node, library, config, data, ("TypeError", message))


def test_columns_fit_on_bad_input_raises_the_same_type_error(node, library):
    config = Columns([["a", Standardize()]]).get_config()
    message = "Columns.fit: item 0 has no field 'a'"
    assert_same_error(node, library, config, [], ("TypeError", message), fit=[{"constructor": 1}])


def test_columns_fit_on_no_records_raises_the_same_value_error(node, library):
    config = Columns([["a", Standardize()]]).get_config()
    expected = ("ValueError", "Columns.fit: field 'a': Standardize.fit needs at least one value")
    assert_same_error(node, library, config, [], expected, fit=[])


def test_unfitted_columns_raise_the_same_not_fitted_error(node, library):
    config = Columns([["a", Discretize(bin_boundaries=[1.0])], ["b", Standardize()]]).get_config()
    message = "Standardize is not fitted: call fit() first, or build it with from_config() from a fitted config"
    assert_same_error(node, library, config, [{"a": 1.0, "b": 1.0}], ("NotFittedError", message))


@pytest.mark.parametrize(
    "config, message",
    [
        ({"type": "Columns"}, "Columns config has no 'columns'"),
        ({"type": "Columns", "columns": None}, "Columns config: 'columns' must be a list of [field, config] pairs"),
        ({"type": "Columns", "columns": {"a": {"type": "OneHot"}}}, "Columns config: 'columns' must be a list of [field, config] pairs"),
        ({"type": "Columns", "columns": [["a", {"type": "Scaler"}]]}, "Unknown featurizer type 'Scaler'"),
        ({"type": "Columns", "columns": [["a", {"num_tokens": 2}]]}, "from_config: the config has no 'type' tag"),
    ],
    ids=["no columns", "null", "dict", "unknown type", "no type"],
)
def test_columns_invalid_config_raises_the_same_value_error(node, library, config, message):
    assert_same_error(node, library, config, [{"a": 1}], ("ValueError", message))


@pytest.mark.parametrize(
    "columns",
    [[["a"]], ["a"], [[]], [["a", {"type": "Discretize", "bin_boundaries": [0]}], "b"]],
    ids=["one-item pair", "string column", "empty pair", "second column a string"],
)
def test_columns_config_with_a_column_that_is_not_a_pair_fails_alike_in_both(node, library, columns):
    # Python indexes column[1] and raises IndexError; JS reads undefined and from_config raises ValueError.
    assert_same_outcome(node, library, {"type": "Columns", "columns": columns}, [{"a": 1}])


@pytest.mark.parametrize("field", [3, None, True], ids=repr)
def test_columns_config_with_a_field_that_is_not_a_string_fails_alike_in_both(node, library, field):
    # hasOwnProperty and record[field] turn 3 into "3" (null into "null"); Python looks up the int 3.
    config = {"type": "Columns", "columns": [[field, {"type": "Discretize", "bin_boundaries": [0]}]]}
    assert_same_outcome(node, library, config, [{"3": 1, "null": 1, "true": 1}])


def test_one_hot_on_a_record_field_read_as_the_command_lines_read_it_is_identical(node, library):
    # `python -m featurizers transform` reads every JSON number as a float (parse_int=float), so
    # {"category": 1} is {"category": 1.0} in Python and {category: 1} in Node.
    from featurizers.cli.main import parse_lines

    line = b'{"category": 1}\n{"category": 0}\n'
    config = Columns([["category", OneHot(num_tokens=2)]]).get_config()
    python_records = parse_lines(line, "record")
    js_output, _ = node.featurizer(library, config, [json.loads(text) for text in line.decode().splitlines()])
    assert js_output == [[0, 1], [1, 0]]
    assert python_outcome(config, python_records) == ("ok", js_output, config)
