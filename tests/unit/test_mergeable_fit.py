"""Specification of fit as mergeable statistics: any partitioning, order and merge order of the data
gives the same fitted config, byte for byte, as ``fit`` in one process.

``fit_partitions`` runs a pass as the Spark engine does (per-partition statistics, split by key,
merged and pruned per part, merged and pruned once more), in this process, with every list
shuffled before it is merged. The Spark tests (tests/spark) run the same steps on a cluster.
"""

import json
import math
import random
from fractions import Fraction

import pytest
from harness import spam_assassin_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featurizers import (
    CategoryEncoder,
    Columns,
    Counts,
    Discretize,
    EmailBody,
    Featurizer,
    MinMaxScale,
    MultiHot,
    OneHot,
    PadSequences,
    Pipeline,
    Standardize,
    TextCleaner,
    TfIdf,
    Tokenizer,
    Vocabulary,
    register,
)
from featurizers.exact import ExactSum
from featurizers.spark.passes import RowError, check_mergeable, combine, fit_partitions, partition_stats

PARTITIONS = [1, 2, 7, 64]


def config_text(featurizer):
    return json.dumps(featurizer.get_config(), sort_keys=True, ensure_ascii=False)


def partitioned(items, count, rng):
    """``items`` shuffled, then cut into ``count`` partitions of random sizes (some may be empty)."""
    items = list(items)
    rng.shuffle(items)
    cuts = sorted(rng.randint(0, len(items)) for _ in range(count - 1))
    bounds = [0] + cuts + [len(items)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(count)]


def assert_same_fit_for_every_partitioning(make, items, seed=0):
    expected = config_text(make().fit(list(items)))
    rng = random.Random(seed)
    for count in PARTITIONS:
        fitted = fit_partitions(make(), partitioned(items, count, rng), order=random.Random(rng.random()), batch_size=rng.randint(1, 40))
        assert config_text(fitted) == expected, f"{count} partitions"
    return expected


@pytest.fixture(scope="module")
def mail():
    return spam_assassin_texts(every=12)  # 504 messages of every group


def flagship():
    return Pipeline([EmailBody(), TextCleaner(), Tokenizer(), Vocabulary(max_tokens=2000), PadSequences(50)])


def tfidf():
    return Pipeline([EmailBody(), TextCleaner(), Tokenizer(ngram_range=[1, 2]), Vocabulary(max_tokens=3000, min_count=2), TfIdf()])


def test_the_flagship_pipeline_fits_the_same_vocabulary_from_any_partitioning(mail):
    config = json.loads(assert_same_fit_for_every_partitioning(flagship, mail))
    assert len(config["steps"][3]["vocabulary_"]) == 2000


def test_the_tfidf_pipeline_fits_the_same_vocabulary_and_idf_from_any_partitioning(mail):
    config = json.loads(assert_same_fit_for_every_partitioning(tfidf, mail))
    assert len(config["steps"][4]["idf_"]) == 3000


def test_a_scikit_learn_shaped_tfidf_fits_the_same_vocabulary_and_idf_from_any_partitioning(mail):
    # As from_sklearn(TfidfVectorizer(min_df=2, max_features=500)) builds it: no padding, no OOV id.
    def make():
        return Pipeline([TextCleaner(), Tokenizer(), Vocabulary(pad_token=None, oov_token=None, max_tokens=500, min_count=2), TfIdf(pad_id=None)])

    config = json.loads(assert_same_fit_for_every_partitioning(make, mail))
    assert len(config["steps"][2]["vocabulary_"]) == 500


def test_counts_ties_are_broken_by_code_point_whatever_partition_saw_a_token_first():
    # Every token is seen twice: the order is the code-point order alone, which a first-seen or
    # hash order (Spark's CountVectorizer, SPARK-55655) would not give.
    tokens = [["b", "a"], ["\U0001f600", "\uffff"], ["a", "b"], ["\uffff", "\U0001f600"], ["c"], ["c"]]
    fitted = assert_same_fit_for_every_partitioning(lambda: Vocabulary(max_tokens=5), tokens)
    assert json.loads(fitted)["vocabulary_"] == ["", "[UNK]", "a", "b", "c"]


def test_the_driver_receives_no_more_tokens_than_the_vocabulary_keeps(mail):
    tokens = Pipeline([EmailBody(), TextCleaner(), Tokenizer()]).transform(mail)
    vocabulary = Vocabulary(max_tokens=500, min_count=2)
    template = vocabulary.fit_start()
    partitions = partitioned(tokens, 7, random.Random(3))
    collected = [partition_stats(vocabulary, template, ((t, None) for t in p), i) for i, p in enumerate(partitions)]
    seen = set().union(*(stats.keys() for stats in collected))
    received = combine(vocabulary, collected, parts=5)
    assert len(seen) > 10 * 500 and received.size() == 500 - 2
    assert vocabulary.fit_finish(received) is None
    assert vocabulary.vocabulary_ == Vocabulary(max_tokens=500, min_count=2).fit(tokens).vocabulary_


def test_pruning_keeps_only_tokens_seen_min_count_times_when_there_is_no_max():
    vocabulary = Vocabulary(min_count=2)
    counts = vocabulary.fit_add(vocabulary.fit_start(), [["a", "b", "a"], ["c", "b"], ["[UNK]", "[UNK]"]])
    pruned = vocabulary.fit_prune(counts)
    assert sorted(pruned.keys()) == ["a", "b"]


@pytest.mark.parametrize(
    "make, items",
    [
        (lambda: CategoryEncoder(), ["b", "a", "\U0001f600", "\uffff", "a", "", "é", "e\u0301"]),
        (lambda: CategoryEncoder(output="index"), ["x"] * 5 + ["y"]),
        (lambda: Counts(), [[1, 5, 2], [], [0, 0], [9], [3, 3, 3]]),
        (lambda: MultiHot(num_tokens=12), [[1, 5, 2], [], [0, 0], [11], [3, 3, 3]]),
        (lambda: TfIdf(smooth_idf=False), [[1, 5, 2], [], [0, 0], [9, 9], [3, 3, 3], [2]]),
        (lambda: TfIdf(num_tokens=20, norm="l1", sublinear_tf=True), [[1, 5, 2], [4], [0, 0], [19, 19], [3, 3, 3]]),
        (lambda: MinMaxScale(feature_range=[-1, 1]), [0.0, -0.0, 3.5, -2e-310, 1e300, 7]),
        (lambda: MinMaxScale(), [0.0, -0.0, 0.0]),
        (lambda: Standardize(), [1e16, 1.0, -1e16, 0.1, 0.2, 0.3, 5e-324, 123456.789, -7]),
        # The parameters the scikit-learn importer sets: id 0 is a token, no OOV id, a dropped column.
        (lambda: Vocabulary(pad_token=None, oov_token=None, max_tokens=3), [["b", "a"], [], ["c", "a", "b"], ["a"]]),
        (lambda: Vocabulary(pad_token=None, min_count=2), [["b", "a"], ["[UNK]", "a", "b"], ["a"], ["[UNK]"]]),
        (lambda: TfIdf(pad_id=None, binary=True), [[0, 5, 2], [], [0, 0], [9, 9], [3, 0, 3]]),
        (lambda: Counts(pad_id=None), [[0, 5], [], [0, 0], [4]]),
        (lambda: CategoryEncoder(drop="first"), ["b", "a", "c", "a"]),
    ],
    ids=["categories", "category-index", "counts", "multi-hot", "tfidf-raw", "tfidf-l1", "min-max", "min-max-zeros", "standardize",
         "vocabulary-no-reserved-ids", "vocabulary-no-padding", "tfidf-no-padding-binary", "counts-no-padding", "categories-drop-first"],
)
def test_each_stateful_featurizer_fits_the_same_from_any_partitioning(make, items):
    for seed in range(5):
        assert_same_fit_for_every_partitioning(make, items, seed)


IRIS = [
    {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2, "species": "setosa"},
    {"sepal_length": 6.4, "sepal_width": 3.2, "petal_length": 4.5, "petal_width": 1.5, "species": "versicolor"},
    {"sepal_length": 7.7, "sepal_width": 3.0, "petal_length": 6.1, "petal_width": 2.3, "species": "virginica"},
    {"sepal_length": 4.9, "sepal_width": 3.0, "petal_length": 1.4, "petal_width": 0.2, "species": "setosa"},
    {"sepal_length": 5.9, "sepal_width": 3.0, "petal_length": 5.1, "petal_width": 1.8, "species": "virginica"},
]


def iris_columns():
    return Columns(
        [
            ["sepal_length", Standardize()],
            ["sepal_width", Pipeline([Standardize(), Discretize(bin_boundaries=[-1.0, 0.0, 1.0])])],
            ["petal_length", MinMaxScale()],
            ["petal_length", Pipeline([Discretize(bin_boundaries=[2.5, 5.0]), OneHot(num_tokens=3)])],
            ["species", CategoryEncoder()],
        ]
    )


def test_columns_of_stateful_and_stateless_featurizers_fit_the_same_from_any_partitioning():
    assert_same_fit_for_every_partitioning(iris_columns, IRIS * 7)


def test_standardize_takes_two_passes_and_a_pipeline_one_per_stateful_step():
    standardize = Standardize()
    first = standardize.fit_add(standardize.fit_start(), [1.0, 2.0, 6.0])
    second = standardize.fit_finish(first)
    assert second[0] == "squares" and second[3] == 3.0 and not standardize.is_fitted()
    assert standardize.fit_finish(standardize.fit_add(second, [1.0, 2.0, 6.0])) is None
    assert (standardize.mean_, standardize.var_) == (3.0, 14 / 3)
    pipe = tfidf()
    stats = pipe.fit_start()
    assert stats[0] == 3  # the Vocabulary: the three steps before it have nothing to learn
    stats = pipe.fit_finish(pipe.fit_add(stats, ["a b a", "b c"]))
    assert stats[0] == 4 and pipe.steps[3].is_fitted()
    assert pipe.fit_finish(pipe.fit_add(stats, ["a b a", "b c"])) is None and pipe.is_fitted()


def test_a_stateless_pipeline_needs_no_pass():
    assert Pipeline([EmailBody(), TextCleaner(), Tokenizer()]).fit_start() is None
    assert Columns([["x", Discretize(bin_boundaries=[1.0])]]).fit_start() is None


# --- floating point: exact sums, one rounding, any order -----------------------------------------------

# Doubles of very different magnitudes (and signs, and subnormals), where the order of a plain
# left-to-right sum decides its bits.
wide_doubles = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e150, max_value=1e150),
    st.builds(lambda m, e: math.ldexp(m, e), st.floats(-1, 1, allow_nan=False), st.integers(-1074, 480)),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e16, -1e16, 1.0, 0.1, 2.0**53, 1e-300]),
)


def naive_merge_mean(partitions):
    """What a merge of per-partition left-to-right sums gives (Spark's summarizer, Chan's update)."""
    total, count = 0.0, 0
    for partition in partitions:
        partial = 0.0
        for x in partition:
            partial += x
        total += partial
        count += len(partition)
    return total / count


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(wide_doubles, min_size=1, max_size=60), st.sampled_from(PARTITIONS), st.randoms(use_true_random=False))
def test_standardize_fits_the_same_doubles_from_any_partitioning_of_values_of_any_magnitude(values, count, rng):
    expected = Standardize().fit(values)
    mean = float(sum(map(Fraction, values)) / len(values))
    variance = float(sum(Fraction((v - mean) * (v - mean)) for v in values) / len(values))
    assert (expected.mean_, expected.var_) == (mean, variance)  # the documented formulas, exactly
    fitted = fit_partitions(Standardize(), partitioned(values, count, rng), order=rng, batch_size=rng.randint(1, 8))
    assert config_text(fitted) == config_text(expected)


def test_a_naive_merge_of_partition_sums_gives_other_bits_where_the_exact_fit_does_not():
    values = [1e16, 1.0, -1e16, 1.0, 3.0]
    rng = random.Random(0)
    naive = {naive_merge_mean(partitioned(values, 2, rng)) for _ in range(50)}
    exact = {config_text(fit_partitions(Standardize(), partitioned(values, 2, rng), order=rng)) for _ in range(50)}
    assert len(naive) > 1 and len(exact) == 1
    assert json.loads(exact.pop())["mean_"] == 1.0


@settings(max_examples=300, deadline=None)
@given(st.lists(wide_doubles, min_size=1, max_size=60), st.sampled_from(PARTITIONS), st.randoms(use_true_random=False))
def test_min_max_scale_fits_the_same_doubles_from_any_partitioning(values, count, rng):
    expected = MinMaxScale().fit(values)
    fitted = fit_partitions(MinMaxScale(), partitioned(values, count, rng), order=rng)
    assert config_text(fitted) == config_text(expected)
    if min(values) == 0:  # -0.0 is the lower of the zeros, 0.0 the higher
        signs = {math.copysign(1, v) for v in values if v == 0}
        assert math.copysign(1, expected.data_min_) == min(signs)
    if max(values) == 0:
        assert math.copysign(1, expected.data_max_) == max({math.copysign(1, v) for v in values if v == 0})


@settings(max_examples=500, deadline=None)
@given(st.lists(wide_doubles, max_size=40), st.integers(1, 2**53 - 1))
def test_exact_sum_is_fsum_and_its_quotient_is_the_correctly_rounded_rational(values, n):
    total = ExactSum()
    for x in values:
        total.add(x)
    assert total.rounded() == math.fsum(values)
    assert total.quotient(n) == float(sum(map(Fraction, values), Fraction(0)) / n)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 40), st.floats(min_value=1e-300, max_value=1e300), st.booleans())
def test_exact_quotient_breaks_ties_to_even(n, q, up):
    # n copies of q and n of half an ulp: the quotient is exactly half-way between q and its neighbour.
    neighbour = math.nextafter(q, math.inf)
    half = (neighbour - q) / 2
    total = ExactSum()
    for x in [q] * n + [half if up else -half] * n:
        total.add(x)
    assert total.quotient(n) == float((Fraction(q) + (Fraction(half) if up else -Fraction(half))))


def test_a_sum_beyond_the_largest_double_makes_the_fit_raise_not_return_infinity():
    with pytest.raises(ValueError, match=r"^Standardize\.fit: the mean or the variance overflows double precision$"):
        fit_partitions(Standardize(), [[1e308], [1e308]])


# --- what an engine refuses ---------------------------------------------------------------------------


def test_a_refused_row_names_its_partition_offset_and_key_and_the_featurizers_message():
    vocabulary = Vocabulary()
    rows = [(["a"], "k0"), (["b"], "k1"), (["c", 7], "k2")]
    with pytest.raises(RowError) as info:
        partition_stats(vocabulary, vocabulary.fit_start(), iter(rows), partition=4, batch_size=2, key_name="id")
    assert str(info.value) == "partition 4, row 2 (id='k2'): Vocabulary.fit: item 0 is list with int at index 1, expected list of str"
    assert (info.value.partition, info.value.row, info.value.key) == (4, 2, "k2")


def test_a_failed_fit_leaves_the_callers_featurizer_unchanged():
    pipe = tfidf()
    before = config_text(pipe)
    with pytest.raises(RowError, match=r"^partition 1, row 0: EmailBody\.transform: item 0 is str with a lone surrogate, expected str$"):
        fit_partitions(pipe, [["a b"], ["\ud800 x"]])
    assert config_text(pipe) == before and not pipe.is_fitted()


def test_a_featurizer_that_overrides_fit_without_statistics_is_refused_by_name():
    @register
    class OldStyle(Featurizer):
        STATE = ["seen_"]

        def __init__(self):
            self.seen_ = None

        def fit(self, data):
            self.seen_ = len(data)
            return self

    with pytest.raises(TypeError, match=r"^OldStyle overrides fit\(\) but not fit_start\(\)"):
        check_mergeable(Pipeline([Tokenizer(), OldStyle()]))
