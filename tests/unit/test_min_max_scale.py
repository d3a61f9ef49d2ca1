"""Specification of MinMaxScale: scikit-learn's MinMaxScaler for one column.

transform computes scale_ = (max - min) / data_range (1 instead of a range below 10 * eps),
min_ = min - data_min_ * scale_, then x * scale_ + min_: scikit-learn's operations in its order,
so the oracle at the end is exact.
"""

import json

import numpy as np
import pytest

from featurizers import MinMaxScale, NotFittedError, from_config

EPS10 = 10 * float(np.finfo(np.float64).eps)


def json_round_trip(featurizer):
    return from_config(json.loads(json.dumps(featurizer.get_config(), allow_nan=False)))


def documented(values, data, feature_range=(0.0, 1.0)):
    """The docstring's formula, written out."""
    low, high = float(feature_range[0]), float(feature_range[1])
    data_min, data_max = float(min(values)), float(max(values))
    data_range = data_max - data_min
    if data_range < EPS10:
        data_range = 1.0
    scale = (high - low) / data_range
    offset = low - data_min * scale
    return [float(x) * scale + offset for x in data]


# --- fit -----------------------------------------------------------------------------------------------------


def test_fit_learns_the_minimum_and_the_maximum():
    scale = MinMaxScale().fit([3.0, -1.5, 7.25, 0.0])
    assert (scale.data_min_, scale.data_max_) == (-1.5, 7.25)


def test_fit_returns_the_featurizer_and_refit_replaces_the_state():
    scale = MinMaxScale()
    assert scale.fit([1.0]) is scale
    scale.fit([10, 20])
    assert (scale.data_min_, scale.data_max_) == (10.0, 20.0)


def test_fit_on_an_empty_list_raises_value_error_and_stays_unfitted():
    scale = MinMaxScale()
    with pytest.raises(ValueError, match=r"^MinMaxScale\.fit needs at least one value$"):
        scale.fit([])
    assert not scale.is_fitted()


# --- transform -----------------------------------------------------------------------------------------------


def test_transform_maps_the_fitted_range_to_0_1():
    assert MinMaxScale().fit([2.0, 6.0]).transform([2.0, 4.0, 6.0, 3.0]) == [0.0, 0.5, 1.0, 0.25]


def test_values_outside_the_fitted_range_are_not_clipped():
    assert MinMaxScale().fit([2.0, 6.0]).transform([0.0, 10.0]) == [-0.5, 2.0]


def test_feature_range():
    assert MinMaxScale(feature_range=[-1, 1]).fit([0.0, 10.0]).transform([0.0, 5.0, 10.0]) == [-1.0, 0.0, 1.0]


def test_a_constant_column_scales_by_1():
    # data_range 0 counts as 1: x -> x - data_min_ + min
    assert MinMaxScale(feature_range=[5, 6]).fit([3.0, 3.0]).transform([3.0, 4.5, 1.0]) == [5.0, 6.5, 3.0]


def test_a_range_below_10_eps_counts_as_constant_as_in_scikit_learn():
    assert EPS10 == 2.220446049250313e-15
    tiny = MinMaxScale().fit([0.0, 2e-15])
    assert tiny.transform([0.0, 2e-15]) == [0.0, 2e-15]
    small = MinMaxScale().fit([0.0, 3e-15])
    assert small.transform([0.0, 3e-15]) == [0.0, 1.0]


def test_the_operation_order_is_scikit_learns_not_the_textbook_formula():
    values = [1.3, 8.5, 7.6]
    out = MinMaxScale().fit(values).transform([2.6])
    assert out == documented(values, [2.6]) == [0.18055555555555558]
    textbook = [(2.6 - 1.3) / (8.5 - 1.3)]
    assert textbook == [0.18055555555555555]  # one ulp apart: the order is part of the contract
    assert out == pytest.approx(textbook, rel=1e-15)


def test_transform_accepts_ints_and_returns_floats():
    out = MinMaxScale().fit([0, 4]).transform([1, 2])
    assert out == [0.25, 0.5] and all(type(x) is float for x in out)


def test_transform_of_an_empty_batch_is_empty():
    assert MinMaxScale().fit([1.0]).transform([]) == []


def test_fit_transform_equals_fit_then_transform():
    values = [3.0, 1.0, 4.0, 1.0, 5.0]
    assert MinMaxScale().fit_transform(values) == MinMaxScale().fit(values).transform(values)


def test_a_data_range_that_overflows_gives_scale_0_as_in_scikit_learn():
    # data_max_ - data_min_ is inf: scale_ is 1 / inf = 0, every value maps to min.
    assert MinMaxScale().fit([-1e308, 1e308]).transform([0.0, 1e308]) == [0.0, 0.0]


def test_a_result_beyond_double_precision_raises_value_error():
    scale = MinMaxScale().fit([0.0, 1e-14])  # scale_ 1e14
    with pytest.raises(ValueError, match=r"^MinMaxScale\.transform: item 1 gives a result beyond double precision$"):
        scale.transform([0.5, 1e300, 1.0])


# --- errors --------------------------------------------------------------------------------------------------


def test_transform_before_fit_raises_not_fitted_error():
    message = r"^MinMaxScale is not fitted: call fit\(\) first, or build it with from_config\(\) from a fitted config$"
    with pytest.raises(NotFittedError, match=message):
        MinMaxScale().transform([1.0])


BAD_NUMBERS = [(None, "NoneType"), ("1.5", "str"), (True, "bool"), ([1.5], "list"), (float("nan"), "nan"),
               (float("inf"), "inf"), (10**400, "int beyond the double range")]


@pytest.mark.parametrize("item, seen", BAD_NUMBERS, ids=[s for _, s in BAD_NUMBERS])
@pytest.mark.parametrize("method", ["fit", "transform"])
def test_a_non_number_raises_type_error_naming_its_position(method, item, seen):
    scale = MinMaxScale().fit([0.0, 1.0])
    with pytest.raises(TypeError, match=rf"^MinMaxScale\.{method}: item 1 is {seen}, expected number$"):
        getattr(scale, method)([0.5, item])


def test_a_batch_that_is_not_a_list_raises_type_error():
    with pytest.raises(TypeError, match=r"^MinMaxScale\.fit expects a list of number, got str$"):
        MinMaxScale().fit("1 2")


BAD_RANGES = [[1, 0], [1, 1], [0], [0, 1, 2], None, "01", [0, "1"], [0, float("inf")], [True, 2]]
RANGE_MESSAGE = r"^MinMaxScale: feature_range must be a list of two numbers \[min, max\] with min < max$"


@pytest.mark.parametrize("feature_range", BAD_RANGES, ids=repr)
def test_invalid_feature_range_raises_value_error_in_fit(feature_range):
    with pytest.raises(ValueError, match=RANGE_MESSAGE):
        MinMaxScale(feature_range=feature_range).fit([1.0])


def test_invalid_feature_range_raises_value_error_in_transform_of_a_fitted_config():
    scale = from_config({"type": "MinMaxScale", "feature_range": [2, 1], "data_min_": 0, "data_max_": 1})
    with pytest.raises(ValueError, match=RANGE_MESSAGE):
        scale.transform([0.5])


# --- config --------------------------------------------------------------------------------------------------


def test_unfitted_config_holds_the_feature_range_only():
    assert MinMaxScale().get_config() == {"type": "MinMaxScale", "feature_range": [0, 1]}


def test_fitted_config_holds_the_minimum_and_the_maximum():
    config = MinMaxScale(feature_range=(-1, 1)).fit([0.5, 2.5]).get_config()
    assert config == {"type": "MinMaxScale", "feature_range": [-1, 1], "data_min_": 0.5, "data_max_": 2.5}


def test_json_round_trip_keeps_the_state_bit_for_bit():
    values = [0.1, 0.2 + 0.1, 1e-300, 123456.789]
    original = MinMaxScale(feature_range=[-3, 0.5]).fit(values)
    rebuilt = json_round_trip(original)
    assert (rebuilt.data_min_, rebuilt.data_max_) == (original.data_min_, original.data_max_)
    assert rebuilt.transform(values) == original.transform(values)


def test_json_round_trip_of_an_unfitted_config_is_unfitted():
    assert not json_round_trip(MinMaxScale()).is_fitted()


def test_config_with_only_part_of_the_state_is_not_fitted():
    assert not from_config({"type": "MinMaxScale", "data_min_": 1.0}).is_fitted()


@pytest.mark.parametrize("state", [(2.0, 1.0), ("0", 1.0), (0.0, None), (True, 1.0)], ids=repr)
def test_config_with_invalid_state_raises_value_error(state):
    message = r"^MinMaxScale: data_min_ and data_max_ must be numbers with data_min_ <= data_max_$"
    with pytest.raises(ValueError, match=message):
        from_config({"type": "MinMaxScale", "data_min_": state[0], "data_max_": state[1]})


# --- oracle: scikit-learn's MinMaxScaler ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def iris_columns():
    from sklearn.datasets import load_iris

    return load_iris().data.T.tolist()


@pytest.mark.parametrize("feature_range", [[0, 1], [-1, 1], [0.1, 0.7], [-1e3, 3.5]], ids=repr)
def test_equals_scikit_learn_min_max_scaler_on_the_iris_columns_exactly(iris_columns, feature_range):
    from sklearn.preprocessing import MinMaxScaler

    for column in iris_columns:
        fit = column[::2]  # the held-out half falls partly outside the fitted range
        oracle = MinMaxScaler(feature_range=tuple(feature_range)).fit(np.asarray(fit).reshape(-1, 1))
        scale = MinMaxScale(feature_range=feature_range).fit(fit)
        assert (scale.data_min_, scale.data_max_) == (float(oracle.data_min_[0]), float(oracle.data_max_[0]))
        assert scale.transform(column) == oracle.transform(np.asarray(column).reshape(-1, 1)).ravel().tolist()


@pytest.mark.filterwarnings("ignore:overflow encountered in subtract:RuntimeWarning")
@pytest.mark.parametrize("column", [[3.5] * 4, [0.0, 2e-15], [0.0, 3e-15], [-1e308, 1e308], [1e-300, 5e-324, 0.0]], ids=repr)
def test_equals_min_max_scaler_on_edge_columns(column):
    from sklearn.preprocessing import MinMaxScaler

    data = column + [0.0, 1.0, -2.5]
    oracle = MinMaxScaler().fit(np.asarray(column).reshape(-1, 1))
    assert MinMaxScale().fit(column).transform(data) == oracle.transform(np.asarray(data).reshape(-1, 1)).ravel().tolist()
