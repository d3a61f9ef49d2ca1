"""Specification of the numeric featurizers: Standardize, Discretize and OneHot.

Standardize is scikit-learn's StandardScaler for one column (population variance, a zero variance
scales by 1; exact sums, each quotient rounded once, so the bits do not depend on the order), Discretize is Keras' Discretization (numpy.digitize with right=False), OneHot is
Keras' CategoryEncoding(output_mode="one_hot") (rows of numpy.eye). The oracles at the end check
those claims against the libraries themselves.
"""

import json
import math
from fractions import Fraction

import numpy as np
import pytest

from featurizers import Discretize, NotFittedError, OneHot, Standardize, from_config


def fitted(values):
    return Standardize().fit(values)


def json_round_trip(featurizer):
    """The featurizer rebuilt from its config after a trip through strict JSON text."""
    return from_config(json.loads(json.dumps(featurizer.get_config(), allow_nan=False)))


def left_fold_sum(values):
    total = 0.0
    for value in values:
        total = total + value
    return total


# --- Standardize: fit -----------------------------------------------------------------------------------


def test_standardize_learns_the_mean_and_the_population_variance():
    standardize = fitted([1.0, 2.0, 3.0, 4.0])
    assert standardize.mean_ == 2.5
    assert standardize.var_ == 1.25  # divided by n = 4, not by n - 1


def test_standardize_variance_is_the_population_variance_not_the_sample_variance():
    assert fitted([0.0, 2.0]).var_ == 1.0


def test_standardize_mean_is_the_exact_sum_divided_once_not_a_left_fold():
    # Left to right, 1e16 + 1 rounds back to 1e16 and the 1 is lost: the order would decide.
    values = [1e16, 1.0, -1e16]
    assert left_fold_sum(values) == 0.0 and left_fold_sum([1e16, -1e16, 1.0]) == 1.0
    assert fitted(values).mean_ == 1 / 3 == float(Fraction(1, 3))


def exact_mean_and_variance(values):
    """The documented formulas, with exact rational arithmetic and one rounding at each end."""
    mean = float(sum(Fraction(v) for v in values) / len(values))
    squares = sum(Fraction((v - mean) * (v - mean)) for v in values)
    return mean, float(squares / len(values))


def test_standardize_formulas_are_the_documented_exact_sums_rounded_once():
    values = [0.1, 0.2, 0.3, 1e-9, 123456.789, -7.25, 3.0]
    mean, variance = exact_mean_and_variance(values)
    standardize = fitted(values)
    assert (standardize.mean_, standardize.var_) == (mean, variance)
    assert standardize.transform(values) == [(v - mean) / math.sqrt(variance) for v in values]
    # Here the left folds give the variance other bits (an ulp or so away, as numpy's sums).
    naive_mean = left_fold_sum(values) / len(values)
    naive_variance = left_fold_sum([(v - naive_mean) * (v - naive_mean) for v in values]) / len(values)
    assert standardize.var_ != naive_variance and math.isclose(standardize.var_, naive_variance, rel_tol=1e-15)


def test_standardize_fit_is_the_same_doubles_in_any_order():
    values = [1e16, 1.0, -1e16, 0.1, 0.2, 0.3, 3e-300, 7.0]
    fits = {(fitted(order).mean_, fitted(order).var_) for order in (values, values[::-1], sorted(values), sorted(values, key=abs))}
    assert fits == {exact_mean_and_variance(values)}


def test_standardize_of_one_value_has_zero_variance():
    standardize = fitted([7.5])
    assert (standardize.mean_, standardize.var_) == (7.5, 0.0)


def test_standardize_accepts_ints():
    standardize = fitted([1, 2, 3])
    assert (standardize.mean_, standardize.var_) == (2.0, 2 / 3)
    assert standardize.transform([2, 5]) == [0.0, 3 / math.sqrt(2 / 3)]


def test_standardize_accepts_a_tuple_batch():
    assert fitted((1.0, 3.0)).transform((1.0, 3.0)) == [-1.0, 1.0]


def test_standardize_fit_returns_the_featurizer_itself():
    standardize = Standardize()
    assert standardize.fit([1.0]) is standardize


def test_standardize_refit_replaces_the_learned_state():
    standardize = fitted([100.0, 200.0])
    standardize.fit([1.0, 3.0])
    assert (standardize.mean_, standardize.var_) == (2.0, 1.0)


def test_standardize_fit_on_an_empty_list_raises_value_error():
    with pytest.raises(ValueError, match=r"^Standardize\.fit needs at least one value$"):
        Standardize().fit([])


def test_standardize_fit_on_an_empty_list_leaves_it_unfitted():
    standardize = Standardize()
    with pytest.raises(ValueError):
        standardize.fit([])
    assert not standardize.is_fitted()


# --- Standardize: transform ---------------------------------------------------------------------------


def test_standardize_transform_centers_and_scales_by_the_standard_deviation():
    assert fitted([1.0, 3.0]).transform([1.0, 3.0, 2.0, 5.0]) == [-1.0, 1.0, 0.0, 3.0]


def test_standardize_transform_of_the_fitted_data_has_mean_0_and_variance_1():
    values = [5.1, 4.9, 4.7, 4.6, 5.0, 5.4, 4.6, 5.0, 4.4, 4.9]
    out = fitted(values).transform(values)
    assert abs(sum(out) / len(out)) < 1e-12
    assert abs(sum(x * x for x in out) / len(out) - 1.0) < 1e-12


def test_standardize_with_zero_variance_scales_by_1():
    standardize = fitted([5.0, 5.0, 5.0])
    assert standardize.var_ == 0.0
    assert standardize.transform([5.0, 6.0, 3.5]) == [0.0, 1.0, -1.5]


def test_standardize_transform_returns_floats():
    assert all(type(x) is float for x in fitted([1, 3]).transform([1, 2, 3]))


def test_standardize_transform_of_an_empty_batch_is_empty():
    assert fitted([1.0]).transform([]) == []


def test_standardize_fit_transform_equals_fit_then_transform():
    values = [3.0, 1.0, 4.0, 1.0, 5.0]
    assert Standardize().fit_transform(values) == fitted(values).transform(values)


def test_standardize_transform_before_fit_raises_not_fitted_error():
    message = r"^Standardize is not fitted: call fit\(\) first, or build it with from_config\(\) from a fitted config$"
    with pytest.raises(NotFittedError, match=message):
        Standardize().transform([1.0])


def test_standardize_checks_fitted_before_checking_the_batch():
    with pytest.raises(NotFittedError):
        Standardize().transform("not a batch")


# --- Standardize: invalid input -------------------------------------------------------------------------

NON_NUMBERS = [
    (True, "bool"),
    (False, "bool"),
    ("1.5", "str"),
    (None, "NoneType"),
    (float("nan"), "nan"),
    (float("inf"), "inf"),
    (float("-inf"), "-inf"),
    ([1.0], "list"),
    ({"x": 1.0}, "dict"),
]


@pytest.mark.parametrize("bad, seen", NON_NUMBERS, ids=repr)
def test_standardize_fit_rejects_a_non_number_naming_its_position(bad, seen):
    with pytest.raises(TypeError) as info:
        Standardize().fit([1.0, 2.0, bad, 3.0])
    assert str(info.value) == f"Standardize.fit: item 2 is {seen}, expected number"


@pytest.mark.parametrize("bad, seen", NON_NUMBERS, ids=repr)
def test_standardize_transform_rejects_a_non_number_naming_its_position(bad, seen):
    with pytest.raises(TypeError) as info:
        fitted([1.0, 2.0]).transform([bad])
    assert str(info.value) == f"Standardize.transform: item 0 is {seen}, expected number"


@pytest.mark.parametrize("featurizer", [Standardize(), Discretize(bin_boundaries=[1.0])], ids=lambda f: type(f).__name__)
def test_an_int_beyond_the_double_range_raises_type_error_naming_its_position(featurizer):
    # 10**400 has no double (JSON.parse reads it as Infinity, a "float" in JS): a TypeError
    # naming the item, not math.isfinite's OverflowError.
    with pytest.raises(TypeError, match=rf"^{type(featurizer).__name__}\.\w+: item 1 is (int|float)\b.*, expected number$"):
        featurizer.fit_transform([1, 10**400])


def test_standardize_names_the_first_bad_item():
    with pytest.raises(TypeError, match=r"^Standardize\.fit: item 1 is str, expected number$"):
        Standardize().fit([0, "a", None])


@pytest.mark.parametrize("batch, seen", [(None, "NoneType"), ("1 2", "str"), (3.0, "float"), (3, "int"), ({"a": 1}, "dict")])
def test_standardize_rejects_a_batch_that_is_not_a_list(batch, seen):
    with pytest.raises(TypeError) as info:
        Standardize().fit(batch)
    assert str(info.value) == f"Standardize.fit expects a list of number, got {seen}"
    with pytest.raises(TypeError) as info:
        fitted([1.0]).transform(batch)
    assert str(info.value) == f"Standardize.transform expects a list of number, got {seen}"


def test_standardize_type_errors_come_before_the_empty_check():
    with pytest.raises(TypeError, match=r"^Standardize\.fit expects a list of number, got str$"):
        Standardize().fit("")


# --- Standardize: config ---------------------------------------------------------------------------------


def test_unfitted_standardize_config_is_only_its_type():
    assert Standardize().get_config() == {"type": "Standardize"}


def test_fitted_standardize_config_holds_mean_and_variance():
    assert fitted([1.0, 2.0, 3.0, 4.0]).get_config() == {"type": "Standardize", "mean_": 2.5, "var_": 1.25}


def test_standardize_json_round_trip_keeps_the_state_bit_for_bit():
    values = [0.1, 0.7, 1e-5, 2.0 / 3.0, 12.25]
    original = fitted(values)
    rebuilt = json_round_trip(original)
    assert rebuilt.is_fitted()
    assert (rebuilt.mean_, rebuilt.var_) == (original.mean_, original.var_)
    assert rebuilt.get_config() == original.get_config()
    assert rebuilt.transform(values) == original.transform(values)


def test_standardize_json_round_trip_of_an_unfitted_config_is_unfitted():
    rebuilt = json_round_trip(Standardize())
    assert not rebuilt.is_fitted()
    with pytest.raises(NotFittedError):
        rebuilt.transform([1.0])


def test_standardize_config_with_only_part_of_the_state_is_not_fitted():
    assert not from_config({"type": "Standardize", "mean_": 1.0}).is_fitted()
    assert not from_config({"type": "Standardize", "var_": 1.0}).is_fitted()


def test_standardize_config_with_integral_state_reads_as_json_does():
    standardize = fitted([1.0, 3.0])
    assert standardize.get_config() == {"type": "Standardize", "mean_": 2, "var_": 1}
    assert all(type(standardize.get_config()[k]) is int for k in ["mean_", "var_"])
    assert json_round_trip(standardize).transform([4.0]) == [2.0]


# --- Discretize -------------------------------------------------------------------------------------------


def test_discretize_matches_the_keras_documentation_example():
    # keras.layers.Discretization(bin_boundaries=[0., 1., 2.]) on [[-1.5, 1.0, 3.4, .5], [0.0, 3.0, 1.3, 0.0]]
    discretize = Discretize(bin_boundaries=[0.0, 1.0, 2.0])
    assert discretize.transform([-1.5, 1.0, 3.4, 0.5]) == [0, 2, 3, 1]
    assert discretize.transform([0.0, 3.0, 1.3, 0.0]) == [1, 3, 2, 1]


def test_discretize_bucket_is_the_count_of_boundaries_at_or_below_the_value():
    discretize = Discretize(bin_boundaries=[2.5, 5.0])
    assert discretize.transform([1.0, 2.4999, 3.0, 4.9999, 7.0]) == [0, 0, 1, 1, 2]


def test_discretize_a_value_equal_to_a_boundary_goes_to_the_upper_bucket():
    discretize = Discretize(bin_boundaries=[-1.0, 0.0, 2.5, 5.0])
    assert discretize.transform([-1.0, 0.0, 2.5, 5.0]) == [1, 2, 3, 4]


def test_discretize_the_float_just_below_a_boundary_stays_in_the_lower_bucket():
    boundary = 2.5
    below, above = math.nextafter(boundary, -math.inf), math.nextafter(boundary, math.inf)
    assert Discretize(bin_boundaries=[boundary]).transform([below, boundary, above]) == [0, 1, 1]


def test_discretize_negative_zero_equals_the_zero_boundary():
    assert Discretize(bin_boundaries=[0.0]).transform([-0.0, 0.0, -5e-324, 5e-324]) == [1, 1, 0, 1]
    assert Discretize(bin_boundaries=[-0.0]).transform([0.0, -0.0]) == [1, 1]


def test_discretize_negative_values():
    discretize = Discretize(bin_boundaries=[-10.0, -1.0, -0.5])
    assert discretize.transform([-100.0, -10.0, -5.0, -1.0, -0.75, -0.5, -0.1]) == [0, 1, 1, 2, 2, 3, 3]


def test_discretize_huge_values_land_in_the_end_buckets():
    discretize = Discretize(bin_boundaries=[-1e300, 0.0, 1e300])
    assert discretize.transform([-1.7976931348623157e308, -1e300, -1e-300, 1e-300, 1e300, 1.7976931348623157e308]) == [
        0, 1, 1, 2, 3, 3,
    ]


def test_discretize_accepts_ints_as_values_and_boundaries():
    assert Discretize(bin_boundaries=[1, 3]).transform([0, 1, 2, 3, 4, 2.5]) == [0, 1, 1, 2, 2, 1]


def test_discretize_with_no_boundaries_puts_everything_in_bucket_0():
    assert Discretize(bin_boundaries=[]).transform([-1e300, 0.0, 1e300]) == [0, 0, 0]


def test_discretize_returns_ints():
    assert all(type(b) is int for b in Discretize(bin_boundaries=[0.5]).transform([0.0, 1.0]))


def test_discretize_transform_of_an_empty_batch_is_empty():
    assert Discretize(bin_boundaries=[1.0]).transform([]) == []


def test_discretize_is_stateless():
    discretize = Discretize(bin_boundaries=[1.0])
    assert discretize.is_fitted()
    assert discretize.fit([100.0, 200.0]) is discretize
    assert discretize.get_config() == {"type": "Discretize", "bin_boundaries": [1.0]}
    assert discretize.fit_transform([0.0, 2.0]) == [0, 1]


@pytest.mark.parametrize("boundaries", [None, 2.5, "2.5,5", {"a": 1.0}], ids=repr)
def test_discretize_without_a_list_of_boundaries_raises_value_error(boundaries):
    with pytest.raises(ValueError, match=r"^Discretize: bin_boundaries must be a list of numbers$"):
        Discretize(bin_boundaries=boundaries).transform([1.0])


def test_discretize_without_bin_boundaries_raises_value_error():
    with pytest.raises(ValueError, match=r"^Discretize: bin_boundaries must be a list of numbers$"):
        Discretize().transform([1.0])
    with pytest.raises(ValueError, match=r"^Discretize: bin_boundaries must be a list of numbers$"):
        from_config({"type": "Discretize"}).transform([1.0])


@pytest.mark.parametrize("boundaries", [["2.5"], [1.0, None], [[1.0]], [True], [float("nan")]], ids=repr)
def test_discretize_with_boundaries_that_are_not_numbers_raises_the_documented_value_error(boundaries):
    # The message promises "a list of numbers"; a list of anything else must not get through
    # (in JS "2.5" <= 3 and null <= 3 are true, so unchecked items bucket differently there).
    with pytest.raises(ValueError, match=r"^Discretize: bin_boundaries must be a list of numbers$"):
        Discretize(bin_boundaries=boundaries).transform([3.0])


def test_discretize_checks_its_boundaries_before_the_batch():
    with pytest.raises(ValueError, match=r"bin_boundaries"):
        Discretize().transform("not a batch")


@pytest.mark.parametrize("bad, seen", NON_NUMBERS, ids=repr)
def test_discretize_rejects_a_non_number_naming_its_position(bad, seen):
    with pytest.raises(TypeError) as info:
        Discretize(bin_boundaries=[1.0]).transform([0.0, bad])
    assert str(info.value) == f"Discretize.transform: item 1 is {seen}, expected number"


def test_discretize_rejects_a_batch_that_is_not_a_list():
    with pytest.raises(TypeError, match=r"^Discretize\.transform expects a list of number, got str$"):
        Discretize(bin_boundaries=[1.0]).transform("1.0")


def test_discretize_json_round_trip():
    original = Discretize(bin_boundaries=[0.1 + 0.2, 2.5, 1e300])
    rebuilt = json_round_trip(original)
    assert rebuilt.get_config() == original.get_config() == {"type": "Discretize", "bin_boundaries": [0.1 + 0.2, 2.5, 1e300]}
    values = [0.3, 0.1 + 0.2, 2.5, 1e301]
    assert rebuilt.transform(values) == original.transform(values) == [0, 1, 2, 3]


def test_discretize_config_does_not_share_its_list():
    boundaries = [1.0, 2.0]
    config = Discretize(bin_boundaries=boundaries).get_config()
    config["bin_boundaries"].append(3.0)
    assert boundaries == [1.0, 2.0]


# --- OneHot -----------------------------------------------------------------------------------------------


def test_one_hot_maps_ids_to_vectors():
    assert OneHot(num_tokens=3).transform([0, 2, 1, 2]) == [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]


def test_one_hot_with_one_token():
    assert OneHot(num_tokens=1).transform([0, 0]) == [[1], [1]]


def test_one_hot_vectors_are_ints():
    assert all(type(x) is int for row in OneHot(num_tokens=4).transform([3, 0]) for x in row)


def test_one_hot_of_an_empty_batch_is_empty():
    assert OneHot(num_tokens=3).transform([]) == []


def test_one_hot_is_stateless():
    one_hot = OneHot(num_tokens=2)
    assert one_hot.is_fitted()
    assert one_hot.fit([0, 1, 1]) is one_hot
    assert one_hot.get_config() == {"type": "OneHot", "num_tokens": 2}


@pytest.mark.parametrize("bad", [3, 4, 1000, -1, -(2**53 - 1), 2**53 - 1])
def test_one_hot_id_out_of_range_raises_value_error_naming_its_position(bad):
    with pytest.raises(ValueError) as info:
        OneHot(num_tokens=3).transform([0, 1, bad, 2])
    assert type(info.value) is ValueError
    assert str(info.value) == f"OneHot.transform: item 2 is {bad}, outside 0..2"


def test_one_hot_names_the_first_id_out_of_range():
    with pytest.raises(ValueError, match=r"^OneHot\.transform: item 1 is 5, outside 0\.\.1$"):
        OneHot(num_tokens=2).transform([1, 5, -1])


@pytest.mark.parametrize(
    "bad, seen",
    [(1.0, "float"), (1.5, "float"), ("1", "str"), (None, "NoneType"), (True, "bool"), (False, "bool"), ([1], "list"), ({"i": 1}, "dict")],
    ids=repr,
)
def test_one_hot_non_int_id_raises_type_error_naming_its_position(bad, seen):
    with pytest.raises(TypeError) as info:
        OneHot(num_tokens=3).transform([0, bad])
    assert str(info.value) == f"OneHot.transform: item 1 is {seen}, expected int"


@pytest.mark.parametrize("bad", [2**53, -(2**53), 2**64])
def test_one_hot_id_beyond_2_53_is_named_as_the_base_describer_names_it(bad):
    # base._describe_non_int (PadSequences) says "int beyond 2**53"; "is int, expected int" contradicts itself.
    with pytest.raises(TypeError) as info:
        OneHot(num_tokens=3).transform([bad])
    assert str(info.value) == "OneHot.transform: item 0 is int beyond 2**53, expected int"


def test_one_hot_checks_every_type_before_any_range():
    with pytest.raises(TypeError, match=r"^OneHot\.transform: item 1 is str, expected int$"):
        OneHot(num_tokens=2).transform([7, "x"])


def test_one_hot_rejects_a_batch_that_is_not_a_list():
    with pytest.raises(TypeError, match=r"^OneHot\.transform expects a list of int, got int$"):
        OneHot(num_tokens=2).transform(1)


@pytest.mark.parametrize(
    "num_tokens, shown", [(None, "None"), (0, "0"), (-1, "-1"), (2.5, "2.5"), (3.0, "3.0"), (True, "True"), ("3", "3"), ([3], "[3]")]
)
def test_one_hot_invalid_num_tokens_raises_value_error(num_tokens, shown):
    with pytest.raises(ValueError) as info:
        OneHot(num_tokens=num_tokens).transform([0])
    assert str(info.value) == f"OneHot: num_tokens must be a positive int, got {shown}"


def test_one_hot_without_num_tokens_raises_value_error():
    with pytest.raises(ValueError, match=r"^OneHot: num_tokens must be a positive int, got None$"):
        from_config({"type": "OneHot"}).transform([0])


def test_one_hot_checks_num_tokens_before_the_batch():
    with pytest.raises(ValueError, match=r"num_tokens"):
        OneHot(num_tokens=0).transform("not a batch")


def test_one_hot_config_with_an_integral_float_num_tokens_reads_as_json_does():
    one_hot = from_config({"type": "OneHot", "num_tokens": 3.0})
    assert one_hot.get_config() == {"type": "OneHot", "num_tokens": 3}
    assert one_hot.transform([2]) == [[0, 0, 1]]


def test_one_hot_json_round_trip():
    original = OneHot(num_tokens=4)
    rebuilt = json_round_trip(original)
    assert rebuilt.get_config() == original.get_config() == {"type": "OneHot", "num_tokens": 4}
    assert rebuilt.transform([3, 0]) == original.transform([3, 0])


# --- oracles: scikit-learn and numpy -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def iris_columns():
    from sklearn.datasets import load_iris

    return load_iris().data.T.tolist()  # 4 columns of 150 floats


def test_standardize_equals_scikit_learn_standard_scaler_on_the_iris_columns(iris_columns):
    from sklearn.preprocessing import StandardScaler

    for column in iris_columns:
        scaler = StandardScaler().fit(np.asarray(column).reshape(-1, 1))
        standardize = fitted(column)
        assert standardize.mean_ == pytest.approx(float(scaler.mean_[0]), rel=1e-12, abs=0)
        assert standardize.var_ == pytest.approx(float(scaler.var_[0]), rel=1e-12, abs=0)
        expected = scaler.transform(np.asarray(column).reshape(-1, 1)).ravel()
        np.testing.assert_allclose(standardize.transform(column), expected, rtol=1e-12, atol=1e-12)


def test_standardize_equals_standard_scaler_with_zero_variance():
    from sklearn.preprocessing import StandardScaler

    column = [3.5] * 10
    scaler = StandardScaler().fit(np.asarray(column).reshape(-1, 1))
    assert scaler.scale_[0] == 1.0
    assert fitted(column).transform([3.5, 4.5]) == scaler.transform(np.asarray([[3.5], [4.5]])).ravel().tolist()


DIGITIZE_BINS = [[2.5, 5.0], [0.0, 1.0, 2.0], [1.0, 1.5, 1.75, 4.35, 5.1, 6.9], [-1e300, 0.0, 1e300], []]
ADVERSARIAL = [0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300, 5e-324, -5e-324, 2.0**53 - 1, 0.1 + 0.2, 0.3, 1.7976931348623157e308]


@pytest.mark.parametrize("bins", DIGITIZE_BINS, ids=repr)
def test_discretize_equals_numpy_digitize_right_false(iris_columns, bins):
    values = [x for column in iris_columns for x in column] + ADVERSARIAL + [float(b) for b in bins]
    expected = np.digitize(values, np.asarray(bins, dtype=float), right=False).tolist()
    assert Discretize(bin_boundaries=bins).transform(values) == expected


@pytest.mark.parametrize("num_tokens", [1, 3, 10])
def test_one_hot_equals_rows_of_numpy_eye(num_tokens):
    ids = [i % num_tokens for i in range(37)]
    assert OneHot(num_tokens=num_tokens).transform(ids) == np.eye(num_tokens, dtype=int)[ids].tolist()
