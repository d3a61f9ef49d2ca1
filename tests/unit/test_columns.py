"""Specification of Columns: records (JSON objects) to one feature vector, a featurizer per field."""

import json

import pytest

from featurizers import Columns, Discretize, NotFittedError, OneHot, Pipeline, Standardize, from_config

RECORDS = [
    {"a": 1.0, "b": 10.0, "c": 0},
    {"a": 3.0, "b": 30.0, "c": 2},
    {"a": 2.0, "b": 20.0, "c": 1},
]


def json_round_trip(featurizer):
    return from_config(json.loads(json.dumps(featurizer.get_config(), allow_nan=False)))


# --- construction -------------------------------------------------------------------------------------


def test_columns_takes_a_list_of_field_featurizer_pairs():
    standardize, one_hot = Standardize(), OneHot(num_tokens=3)
    columns = Columns([["a", standardize], ["c", one_hot]])
    assert columns.columns == [["a", standardize], ["c", one_hot]]


def test_columns_takes_a_dict_in_its_order():
    standardize, discretize = Standardize(), Discretize(bin_boundaries=[15.0])
    columns = Columns({"b": discretize, "a": standardize})
    assert columns.columns == [["b", discretize], ["a", standardize]]
    assert columns.fit(RECORDS).transform(RECORDS[:1]) == [[0, -1.224744871391589]]


def test_list_and_dict_forms_give_the_same_config():
    as_list = Columns([["a", Standardize()], ["c", OneHot(num_tokens=3)]]).fit(RECORDS)
    as_dict = Columns({"a": Standardize(), "c": OneHot(num_tokens=3)}).fit(RECORDS)
    assert as_list.get_config() == as_dict.get_config()


def test_columns_without_columns_gives_empty_rows():
    assert Columns().transform([{"a": 1}, {}]) == [[], []]
    assert Columns().get_config() == {"type": "Columns", "columns": []}


# --- transform ------------------------------------------------------------------------------------------


def test_outputs_are_concatenated_in_the_order_the_columns_are_given():
    columns = Columns([["c", OneHot(num_tokens=3)], ["a", Discretize(bin_boundaries=[2.0])], ["b", Discretize(bin_boundaries=[15.0, 25.0])]])
    assert columns.transform(RECORDS) == [[1, 0, 0, 0, 0], [0, 0, 1, 1, 2], [0, 1, 0, 1, 1]]


def test_reordering_the_columns_reorders_the_features():
    first = Columns([["a", Discretize(bin_boundaries=[2.0])], ["b", Discretize(bin_boundaries=[25.0])]])
    second = Columns([["b", Discretize(bin_boundaries=[25.0])], ["a", Discretize(bin_boundaries=[2.0])]])
    assert first.transform(RECORDS) == [[0, 0], [1, 1], [1, 0]]
    assert second.transform(RECORDS) == [[0, 0], [1, 1], [0, 1]]


def test_a_number_adds_one_feature_and_a_list_adds_its_items():
    columns = Columns([["a", Discretize(bin_boundaries=[2.0])], ["c", OneHot(num_tokens=3)]])
    assert columns.transform(RECORDS) == [[0, 1, 0, 0], [1, 0, 0, 1], [1, 0, 1, 0]]


def test_the_same_field_can_appear_twice():
    columns = Columns([["a", Standardize()], ["a", Pipeline([Discretize(bin_boundaries=[1.5, 2.5]), OneHot(num_tokens=3)])]])
    columns.fit(RECORDS)
    scale = (2 / 3) ** 0.5
    assert columns.transform(RECORDS) == [[-1 / scale, 1, 0, 0], [1 / scale, 0, 0, 1], [0.0, 0, 1, 0]]


def test_fields_not_in_the_columns_are_ignored():
    columns = Columns([["a", Discretize(bin_boundaries=[2.0])]])
    assert columns.transform([{"a": 5.0, "extra": "anything", "b": None}]) == [[1]]


def test_fields_are_matched_by_exact_name():
    with pytest.raises(TypeError, match=r"^Columns\.transform: item 0 has no field 'a'$"):
        Columns([["a", Discretize(bin_boundaries=[2.0])]]).transform([{"A": 1.0, "a ": 1.0}])


def test_transform_of_an_empty_batch_is_empty():
    assert Columns([["a", Discretize(bin_boundaries=[2.0])]]).transform([]) == []


def test_a_nested_pipeline_column_gets_the_field_values():
    pipeline = Pipeline([Standardize(), Discretize(bin_boundaries=[0.0])])
    columns = Columns([["b", pipeline]]).fit(RECORDS)
    assert columns.transform(RECORDS) == [[0], [1], [1]]


def test_a_column_featurizers_refusal_is_raised_again_naming_the_field():
    columns = Columns([["a", Standardize()]]).fit(RECORDS)
    with pytest.raises(TypeError, match=r"^Columns\.transform: field 'a': Standardize\.transform: item 1 is str, expected number$"):
        columns.transform([{"a": 1.0}, {"a": "2"}])


def test_an_unfitted_column_raises_not_fitted_as_it_is():
    with pytest.raises(NotFittedError, match=r"^Standardize is not fitted"):
        Columns([["a", Standardize()]]).transform([{"a": 1.0}])


def test_a_one_hot_error_names_the_record_position():
    columns = Columns([["c", OneHot(num_tokens=3)]])
    with pytest.raises(ValueError, match=r"^Columns\.transform: field 'c': OneHot\.transform: item 2 is 3, outside 0\.\.2$"):
        columns.transform([{"c": 0}, {"c": 1}, {"c": 3}])


# --- fit ------------------------------------------------------------------------------------------------


def test_fit_fits_each_column_on_its_fields_values():
    a, b = Standardize(), Standardize()
    Columns([["a", a], ["b", b]]).fit(RECORDS)
    alone = Standardize().fit([10.0, 30.0, 20.0])
    assert (a.mean_, a.var_) == (2.0, 2 / 3)
    assert (b.mean_, b.var_) == (alone.mean_, alone.var_) == (20.0, 200 / 3)


def test_fit_on_the_same_field_twice_fits_both_featurizers():
    first, second = Standardize(), Standardize()
    Columns([["a", first], ["a", second]]).fit(RECORDS)
    assert first.get_config() == second.get_config() == {"type": "Standardize", "mean_": 2, "var_": 2 / 3}


def test_fit_returns_the_columns_itself():
    columns = Columns([["a", Standardize()]])
    assert columns.fit(RECORDS) is columns


def test_fit_transform_equals_fit_then_transform():
    make = lambda: Columns([["a", Standardize()], ["b", Standardize()], ["c", OneHot(num_tokens=3)]])  # noqa: E731
    assert make().fit_transform(RECORDS) == make().fit(RECORDS).transform(RECORDS)


def test_fit_on_no_records_raises_the_value_error_of_a_standardize_column():
    with pytest.raises(ValueError, match=r"^Columns\.fit: field 'a': Standardize\.fit needs at least one value$"):
        Columns([["a", Standardize()]]).fit([])


def test_fit_of_stateless_columns_on_no_records_succeeds():
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    assert columns.fit([]) is columns


def test_fit_error_of_a_column_names_the_record_position():
    with pytest.raises(TypeError, match=r"^Columns\.fit: field 'a': Standardize\.fit: item 1 is NoneType, expected number$"):
        Columns([["a", Standardize()]]).fit([{"a": 1.0}, {"a": None}])


# --- is_fitted --------------------------------------------------------------------------------------------


def test_is_fitted_only_when_every_column_is():
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])], ["b", Standardize()]])
    assert not columns.is_fitted()
    columns.fit(RECORDS)
    assert columns.is_fitted()


def test_stateless_and_empty_columns_are_fitted():
    assert Columns().is_fitted()
    assert Columns([["a", Discretize(bin_boundaries=[1.0])], ["c", OneHot(num_tokens=3)]]).is_fitted()


def test_is_fitted_looks_into_a_nested_pipeline():
    assert not Columns([["a", Pipeline([Discretize(bin_boundaries=[1.0]), Standardize()])]]).is_fitted()


def test_transform_of_unfitted_columns_raises_not_fitted_error():
    with pytest.raises(NotFittedError, match=r"^Standardize is not fitted"):
        Columns([["a", Standardize()]]).transform(RECORDS)


# --- bad input ------------------------------------------------------------------------------------------

BAD_BATCHES = [(None, "NoneType"), ("records", "str"), (3, "int"), (2.5, "float"), (True, "bool"), ({"a": 1.0}, "dict")]


@pytest.mark.parametrize("method", ["fit", "transform"])
@pytest.mark.parametrize("batch, seen", BAD_BATCHES, ids=[seen for _, seen in BAD_BATCHES])
def test_a_batch_that_is_not_a_list_raises_type_error(method, batch, seen):
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    with pytest.raises(TypeError) as info:
        getattr(columns, method)(batch)
    assert str(info.value) == f"Columns.{method} expects a list of records, got {seen}"


BAD_RECORDS = [(None, "NoneType"), ("a", "str"), (1.0, "float"), (1, "int"), (False, "bool"), ([["a", 1.0]], "list")]


@pytest.mark.parametrize("method", ["fit", "transform"])
@pytest.mark.parametrize("record, seen", BAD_RECORDS, ids=[seen for _, seen in BAD_RECORDS])
def test_an_item_that_is_not_a_dict_raises_type_error_naming_its_position(method, record, seen):
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    with pytest.raises(TypeError) as info:
        getattr(columns, method)([{"a": 1.0}, record])
    assert str(info.value) == f"Columns.{method}: item 1 is {seen}, expected a record (dict)"


@pytest.mark.parametrize("method", ["fit", "transform"])
def test_a_missing_field_raises_type_error_naming_the_record_and_field(method):
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])], ["b", Discretize(bin_boundaries=[1.0])]])
    with pytest.raises(TypeError) as info:
        getattr(columns, method)([{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 2.0}, {"a": 1.0}])
    assert str(info.value) == f"Columns.{method}: item 2 has no field 'b'"


def test_a_field_whose_value_is_none_is_present():
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    with pytest.raises(TypeError, match=r"^Columns\.transform: field 'a': Discretize\.transform: item 0 is NoneType, expected number$"):
        columns.transform([{"a": None}])


def test_records_are_checked_before_any_column_runs():
    # The first record lacks nothing, the last is not a record: the Columns error wins over the
    # Standardize NotFittedError and over the column's type error on the first record.
    with pytest.raises(TypeError, match=r"^Columns\.transform: item 1 is str, expected a record \(dict\)$"):
        Columns([["a", Standardize()]]).transform([{"a": "x"}, "not a record"])


def test_the_first_bad_record_is_named():
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    with pytest.raises(TypeError, match=r"^Columns\.transform: item 0 has no field 'a'$"):
        columns.transform([{}, "not a record"])


# --- config --------------------------------------------------------------------------------------------------


def iris_like():
    return Columns(
        [
            ["a", Standardize()],
            ["b", Standardize()],
            ["a", Pipeline([Discretize(bin_boundaries=[1.5, 2.5]), OneHot(num_tokens=3)])],
            ["c", OneHot(num_tokens=3)],
        ]
    )


def test_config_lists_field_and_featurizer_config_pairs():
    assert iris_like().fit(RECORDS).get_config() == {
        "type": "Columns",
        "columns": [
            ["a", {"type": "Standardize", "mean_": 2, "var_": 2 / 3}],
            ["b", {"type": "Standardize", "mean_": 20, "var_": Standardize().fit([10.0, 30.0, 20.0]).var_}],
            [
                "a",
                {"type": "Pipeline", "steps": [{"type": "Discretize", "bin_boundaries": [1.5, 2.5]}, {"type": "OneHot", "num_tokens": 3}]},
            ],
            ["c", {"type": "OneHot", "num_tokens": 3}],
        ],
    }


def test_config_is_plain_json():
    config = iris_like().fit(RECORDS).get_config()
    assert json.loads(json.dumps(config, allow_nan=False)) == config


def test_json_round_trip_with_a_nested_pipeline_transforms_identically():
    original = iris_like().fit(RECORDS)
    rebuilt = json_round_trip(original)
    assert rebuilt.is_fitted()
    assert rebuilt.get_config() == original.get_config()
    assert rebuilt.transform(RECORDS) == original.transform(RECORDS)
    assert [type(column[1]).__name__ for column in rebuilt.columns] == ["Standardize", "Standardize", "Pipeline", "OneHot"]


def test_json_round_trip_of_an_unfitted_config_is_unfitted_and_can_be_fitted():
    original = iris_like()
    rebuilt = json_round_trip(original)
    assert not rebuilt.is_fitted()
    with pytest.raises(NotFittedError):
        rebuilt.transform(RECORDS)
    assert rebuilt.fit(RECORDS).get_config() == original.fit(RECORDS).get_config()


def test_config_does_not_share_state_with_the_featurizer():
    columns = Columns([["a", Discretize(bin_boundaries=[1.0])]])
    config = columns.get_config()
    config["columns"][0][1]["bin_boundaries"].append(5.0)
    config["columns"].append(["b", {"type": "OneHot", "num_tokens": 2}])
    assert columns.get_config() == {"type": "Columns", "columns": [["a", {"type": "Discretize", "bin_boundaries": [1.0]}]]}


def test_config_with_prototype_field_names_round_trips():
    fields = ["constructor", "__proto__", "toString", "hasOwnProperty"]
    columns = Columns([[field, Standardize()] for field in fields])
    records = [{field: float(i + j) for j, field in enumerate(fields)} for i in range(3)]
    rebuilt = json_round_trip(columns.fit(records))
    assert [column[0] for column in rebuilt.columns] == fields
    assert rebuilt.transform(records) == columns.transform(records)


def test_config_without_columns_raises_value_error():
    with pytest.raises(ValueError, match=r"^Columns config has no 'columns'$"):
        from_config({"type": "Columns"})


@pytest.mark.parametrize("columns", [None, "a", {"a": {"type": "OneHot", "num_tokens": 2}}, 3])
def test_config_with_columns_not_a_list_raises_value_error(columns):
    with pytest.raises(ValueError, match=r"^Columns config: 'columns' must be a list of \[field, config\] pairs$"):
        from_config({"type": "Columns", "columns": columns})


def test_config_with_an_unknown_column_type_raises_value_error():
    with pytest.raises(ValueError, match=r"^Unknown featurizer type 'Scaler'$"):
        from_config({"type": "Columns", "columns": [["a", {"type": "Scaler"}]]})
