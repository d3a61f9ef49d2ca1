"""Specification of the id-sequence encoders: Counts, MultiHot and TfIdf.

Ids are Vocabulary's: 0 is padding (never counted, its column stays 0), 1 is OOV (counted in
column 1). TfIdf follows scikit-learn's TfidfTransformer formulas, written out here on small
literal examples; the scikit-learn oracle on a real corpus is in tests/parity/test_encoders_parity.py.
"""

import json
import math

import pytest

from featurizers import Counts, MultiHot, NotFittedError, TfIdf, _host, from_config


def json_round_trip(featurizer):
    return from_config(json.loads(json.dumps(featurizer.get_config(), allow_nan=False)))


DOCS = [[2, 3, 3, 0, 0], [3, 4], [1, 2, 1]]  # n = 3; df: 1 -> 1, 2 -> 2, 3 -> 2, 4 -> 1


# --- Counts and MultiHot ----------------------------------------------------------------------------------


def test_counts_counts_each_id_and_ignores_padding():
    assert Counts(num_tokens=5).transform(DOCS) == [[0, 0, 1, 2, 0], [0, 0, 0, 1, 1], [0, 2, 1, 0, 0]]


def test_multi_hot_marks_each_id_present_and_ignores_padding():
    assert MultiHot(num_tokens=5).transform(DOCS) == [[0, 0, 1, 1, 0], [0, 0, 0, 1, 1], [0, 1, 1, 0, 0]]


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_oov_is_counted_in_column_1_and_padding_never(cls):
    assert cls(num_tokens=3).transform([[0, 0, 0], [1, 0, 1], []]) == [[0, 0, 0], [0, 2 if cls is Counts else 1, 0], [0, 0, 0]]


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_outputs_are_ints(cls):
    assert all(type(x) is int for row in cls(num_tokens=5).transform(DOCS[:2]) for x in row)


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_fit_learns_num_tokens_as_the_largest_id_plus_one(cls):
    encoder = cls().fit(DOCS)
    assert encoder.num_tokens_ == 5
    assert encoder.get_config() == {"type": cls.__name__, "num_tokens": None, "num_tokens_": 5}
    assert len(encoder.transform([[4]])[0]) == 5


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_fit_on_padding_only_or_nothing_learns_size_1(cls):
    assert cls().fit([[0, 0], []]).num_tokens_ == 1
    assert cls().fit([]).num_tokens_ == 1
    assert cls().fit([[0]]).transform([[0, 0]]) == [[0]]


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_given_num_tokens_needs_no_fit_and_fit_stores_it(cls):
    encoder = cls(num_tokens=6)
    assert not encoder.is_fitted()  # no learned state yet, but transform works
    assert encoder.get_config() == {"type": cls.__name__, "num_tokens": 6}
    assert len(encoder.transform([[5]])[0]) == 6
    assert encoder.fit([[2]]).num_tokens_ == 6


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_without_num_tokens_transform_before_fit_raises_not_fitted(cls):
    with pytest.raises(NotFittedError, match=rf"^{cls.__name__} is not fitted"):
        cls().transform([[1]])
    with pytest.raises(NotFittedError):
        json_round_trip(cls()).transform([[1]])


@pytest.mark.parametrize("cls", [Counts, MultiHot, TfIdf])
def test_an_id_beyond_the_size_raises_value_error_naming_its_position(cls):
    encoder = cls().fit([[0, 3]])
    with pytest.raises(ValueError) as info:
        encoder.transform([[1, 2], [3, 0, 4]])
    assert type(info.value) is ValueError
    assert str(info.value) == f"{cls.__name__}.transform: item 1 has id 4 at index 2, outside 0..3"


@pytest.mark.parametrize("cls", [Counts, MultiHot, TfIdf])
def test_a_negative_id_raises_value_error_at_fit_and_transform(cls):
    with pytest.raises(ValueError) as info:
        cls().fit([[2], [1, -1]])
    assert str(info.value) == f"{cls.__name__}.fit: item 1 has id -1 at index 1, expected an id >= 0"
    with pytest.raises(ValueError) as info:
        cls(num_tokens=3).fit([[2, 3]])
    assert str(info.value) == f"{cls.__name__}.fit: item 0 has id 3 at index 1, outside 0..2"
    with pytest.raises(ValueError) as info:
        cls().fit([[2]]).transform([[-5]])
    assert str(info.value) == f"{cls.__name__}.transform: item 0 has id -5 at index 0, outside 0..2"


@pytest.mark.parametrize("cls", [Counts, MultiHot, TfIdf])
@pytest.mark.parametrize(
    "batch, message",
    [
        ("12", "transform expects a list of list of int, got str"),
        ([[1], None], "transform: item 1 is NoneType, expected list of int"),
        ([[1, 2.0]], "transform: item 0 is list with float at index 1, expected list of int"),
        ([[True]], "transform: item 0 is list with bool at index 0, expected list of int"),
        ([["2"]], "transform: item 0 is list with str at index 0, expected list of int"),
        ([[2**53]], "transform: item 0 is list with int beyond 2**53 at index 0, expected list of int"),
    ],
)
def test_bad_input_raises_type_error_naming_its_position(cls, batch, message):
    encoder = cls(num_tokens=3).fit([[1]])
    with pytest.raises(TypeError) as info:
        encoder.transform(batch)
    assert str(info.value) == f"{cls.__name__}.{message}"


@pytest.mark.parametrize("cls", [Counts, MultiHot, TfIdf])
@pytest.mark.parametrize("num_tokens", [0, -1, 2.5, "3", True])
def test_invalid_num_tokens_raises_value_error(cls, num_tokens):
    with pytest.raises(ValueError) as info:
        cls(num_tokens=num_tokens).fit([[1]])
    assert str(info.value) == f"{cls.__name__}: num_tokens must be a positive int or None, got {num_tokens}"


@pytest.mark.parametrize("cls", [Counts, MultiHot])
def test_json_round_trip_of_a_fitted_encoder(cls):
    encoder = cls().fit(DOCS)
    rebuilt = json_round_trip(encoder)
    assert rebuilt.is_fitted() and rebuilt.get_config() == encoder.get_config()
    assert rebuilt.transform(DOCS) == encoder.transform(DOCS)


@pytest.mark.parametrize("config, message", [
    ({"type": "Counts", "num_tokens_": 0}, "Counts: num_tokens_ must be a positive int, got 0"),
    ({"type": "MultiHot", "num_tokens": 4, "num_tokens_": 5}, "MultiHot: num_tokens_ (5) differs from num_tokens (4)"),
    ({"type": "TfIdf", "num_tokens_": 2, "idf_": [1]}, "TfIdf: idf_ must be a list of num_tokens_ numbers"),
    ({"type": "TfIdf", "num_tokens_": 2, "idf_": [1, "2"]}, "TfIdf: idf_ must be a list of num_tokens_ numbers"),
])
def test_an_inconsistent_state_raises_value_error_at_from_config(config, message):
    with pytest.raises(ValueError) as info:
        from_config(config)
    assert str(info.value) == message


# --- TfIdf ----------------------------------------------------------------------------------------------------


# ln as both runtimes compute it: fdlibm's (V8's Math.log); libm's math.log differs from it in the
# last ulp on some doubles (ln 3 among them). tests/parity/test_host_primitives.py checks the two.
ln = _host.log


def idf_smooth(n, df):
    return ln((1 + n) / (1 + df)) + 1


def test_tfidf_smooth_idf_formula():
    tfidf = TfIdf().fit(DOCS)
    assert tfidf.num_tokens_ == 5
    assert tfidf.idf_ == [idf_smooth(3, 0), idf_smooth(3, 1), idf_smooth(3, 2), idf_smooth(3, 2), idf_smooth(3, 1)]


def test_tfidf_idf_without_smoothing_and_zero_for_an_unseen_id():
    tfidf = TfIdf(num_tokens=6, smooth_idf=False).fit(DOCS)
    assert tfidf.idf_ == [0.0, ln(3 / 1) + 1, ln(3 / 2) + 1, ln(3 / 2) + 1, ln(3 / 1) + 1, 0.0]
    assert tfidf.transform([[5, 5, 0]]) == [[0.0] * 6]  # df 0: weight 0 (scikit-learn: infinity, then NaN)


def test_tfidf_df_counts_lists_not_occurrences():
    assert TfIdf(smooth_idf=False).fit([[2, 2, 2], [3]]).idf_[2] == ln(2 / 1) + 1


def test_tfidf_l2_row():
    tfidf = TfIdf().fit(DOCS)
    idf = tfidf.idf_
    raw = [0.0, 0.0, 1 * idf[2], 2 * idf[3], 0.0]
    norm = math.sqrt(sum(v * v for v in raw))
    assert tfidf.transform([DOCS[0]]) == [[v / norm for v in raw]]


def test_tfidf_l1_and_no_norm_rows():
    idf = TfIdf().fit(DOCS).idf_
    raw = [0.0, 2 * idf[1], 1 * idf[2], 0.0, 0.0]
    assert TfIdf(norm=None).fit(DOCS).transform([DOCS[2]]) == [raw]
    assert TfIdf(norm="l1").fit(DOCS).transform([DOCS[2]]) == [[v / (raw[1] + raw[2]) for v in raw]]


def test_tfidf_sublinear_tf():
    tfidf = TfIdf(norm=None, sublinear_tf=True).fit(DOCS)
    idf = tfidf.idf_
    assert tfidf.transform([[3, 3, 3, 2]]) == [[0.0, 0.0, 1 * idf[2], (1 + ln(3)) * idf[3], 0.0]]


@pytest.mark.parametrize("norm", ["l2", "l1", None])
def test_tfidf_zero_row_stays_zero(norm):
    assert TfIdf(norm=norm).fit(DOCS).transform([[], [0, 0]]) == [[0.0] * 5, [0.0] * 5]


def test_tfidf_l2_rows_have_unit_norm_and_values_are_floats():
    rows = TfIdf().fit(DOCS).transform(DOCS)
    assert all(type(v) is float for row in rows for v in row)
    assert all(math.isclose(sum(v * v for v in row), 1.0, rel_tol=1e-15) for row in rows)


def test_tfidf_padding_column_stays_zero():
    assert all(row[0] == 0.0 for row in TfIdf().fit(DOCS).transform(DOCS))


def test_tfidf_needs_fit_even_with_num_tokens():
    with pytest.raises(NotFittedError, match=r"^TfIdf is not fitted"):
        TfIdf(num_tokens=5).transform([[1]])
    assert TfIdf().get_config() == {"type": "TfIdf", "num_tokens": None, "norm": "l2", "smooth_idf": True, "sublinear_tf": False}


def test_tfidf_fit_needs_a_list():
    with pytest.raises(ValueError, match=r"^TfIdf\.fit needs at least one list of ids$"):
        TfIdf().fit([])


@pytest.mark.parametrize("params, message", [
    ({"norm": "max"}, "TfIdf: norm must be 'l2', 'l1' or None, got max"),
    ({"norm": ["l2"]}, "TfIdf: norm must be 'l2', 'l1' or None, got ['l2']"),
    ({"smooth_idf": 1}, "TfIdf: smooth_idf must be True or False, got 1"),
    ({"sublinear_tf": None}, "TfIdf: sublinear_tf must be True or False, got None"),
])
def test_tfidf_invalid_params_raise_value_error(params, message):
    with pytest.raises(ValueError) as info:
        TfIdf(**params).fit(DOCS)
    assert str(info.value) == message


@pytest.mark.parametrize("params", [{}, {"norm": "l1", "smooth_idf": False, "sublinear_tf": True}, {"norm": None}])
def test_tfidf_json_round_trip_keeps_idf_bit_for_bit(params):
    tfidf = TfIdf(**params).fit(DOCS)
    rebuilt = json_round_trip(tfidf)
    assert rebuilt.idf_ == tfidf.idf_ and rebuilt.get_config() == tfidf.get_config()
    assert rebuilt.transform(DOCS) == tfidf.transform(DOCS)


def test_config_lists_are_not_shared():
    tfidf = TfIdf().fit(DOCS)
    tfidf.get_config()["idf_"].append(9.0)
    assert len(tfidf.idf_) == 5
