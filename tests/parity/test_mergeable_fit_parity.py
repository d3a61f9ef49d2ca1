"""The mergeable statistics of fit mean the same in Node: a fit from batches merged in another
order, in JS, gives the config CPython's one-process fit gives (exact sums and their correctly
rounded quotients are IEEE binary64 arithmetic, the same in both runtimes)."""

import json
import math
import random

import pytest
from harness import spam_assassin_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from featurizers import CategoryEncoder, Columns, EmailBody, MinMaxScale, Pipeline, Standardize, TextCleaner, TfIdf, Tokenizer, Vocabulary

wide_doubles = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e150, max_value=1e150),
    st.builds(lambda m, e: math.ldexp(m, e), st.floats(-1, 1, allow_nan=False), st.integers(-1074, 480)),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e16, -1e16, 1.0, 0.1, 2.0**53, 1e-300]),
)


def batches_of(items, count, rng):
    items = list(items)
    rng.shuffle(items)
    cuts = sorted(rng.randint(0, len(items)) for _ in range(count - 1))
    bounds = [0] + cuts + [len(items)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(count)]


def as_doubles(value):
    """A config with its numbers as the doubles they are (JSON has one number type, so 1e16
    and 10000000000000000 are one value) and each -0.0 as the str "-0.0", as Node sends it."""
    if isinstance(value, dict):
        return {k: as_doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_doubles(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "-0.0" if value == 0 and math.copysign(1, value) < 0 else float(value)
    return value


def same_text(js, python):
    return json.dumps(as_doubles(js), sort_keys=True) == json.dumps(as_doubles(python), sort_keys=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(wide_doubles, min_size=1, max_size=40), st.integers(1, 7), st.randoms(use_true_random=False))
def test_standardize_and_min_max_from_merged_batches_in_js_equal_the_python_fit(node, library, values, count, rng):
    for featurizer in (Standardize(), MinMaxScale()):
        expected = type(featurizer)().fit(values).get_config()
        batches = batches_of(values, count, rng)
        assert same_text(node.fit_batches(library, featurizer.get_config(), batches), expected)


def test_the_tfidf_pipeline_from_merged_batches_in_js_equals_the_python_fit(node, library):
    texts = spam_assassin_texts(every=20)
    make = lambda: Pipeline([EmailBody(), TextCleaner(), Tokenizer(ngram_range=[1, 2]), Vocabulary(max_tokens=2000, min_count=2), TfIdf()])
    expected = make().fit(texts).get_config()
    batches = batches_of(texts, 7, random.Random(1))
    config = node.fit_batches(library, make().get_config(), batches)
    # idf_ is ln of the same double quotients: V8's Math.log and libm may differ in the last ulp
    # (which is why a fitted idf_ is stored in the config, not computed again by the bundle).
    js_idf, python_idf = config["steps"][4].pop("idf_"), expected["steps"][4].pop("idf_")
    assert same_text(config, expected)
    assert len(js_idf) == len(python_idf) == 2000
    assert max(abs(a - b) for a, b in zip(js_idf, python_idf)) <= 1e-12


def test_columns_from_merged_batches_in_js_equal_the_python_fit(node, library):
    rng = random.Random(2)
    records = [{"x": rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20), "c": rng.choice(["a", "b", "\U0001f600", "\uffff"])} for _ in range(200)]
    make = lambda: Columns([["x", Standardize()], ["x", MinMaxScale()], ["c", CategoryEncoder()]])
    expected = make().fit(records).get_config()
    assert same_text(node.fit_batches(library, make().get_config(), batches_of(records, 5, rng)), expected)


def test_an_overflowing_sum_raises_the_same_error_in_js(node, library):
    from harness import NodeError

    with pytest.raises(NodeError, match="Standardize.fit: the mean or the variance overflows double precision"):
        node.fit_batches(library, Standardize().get_config(), [[1e308], [1e308]])


TIES = {
    # n copies of q and of +-half an ulp of q: the mean, (q +- half) / 2, is exactly half-way
    # between two doubles (halving keeps a tie a tie above the subnormals).
    "one-up": (1.0, 3, 1),
    "one-down": (1.0, 3, -1),
    "odd-significand": (1.0000000000000002, 5, 1),
    "tiny": (3e-300, 7, 1),
    "near-subnormal": (2.2250738585072014e-308, 2, 1),
}


@pytest.mark.parametrize("q, n, direction", TIES.values(), ids=TIES.keys())
def test_a_mean_half_way_between_two_doubles_rounds_to_the_even_one_in_both(node, library, q, n, direction):
    half = (math.nextafter(q, math.inf) - q) / 2
    values = [q] * n + [direction * half] * n
    expected = Standardize().fit(values).get_config()
    from fractions import Fraction

    assert expected["mean_"] == float((Fraction(q) + direction * Fraction(half)) / 2)
    assert same_text(node.fit_batches(library, Standardize().get_config(), batches_of(values, 3, random.Random(n))), expected)


def test_a_sum_above_2_to_the_1000_is_divided_at_half_scale_the_same_in_both(node, library):
    values = [1.0000000000000002e300] * 21  # (any spread of such values has a variance beyond the doubles)
    expected = Standardize().fit(values).get_config()
    from fractions import Fraction

    assert expected["mean_"] == float(sum(map(Fraction, values)) / 21) == values[0]
    assert same_text(node.fit_batches(library, Standardize().get_config(), batches_of(values, 4, random.Random(0))), expected)
