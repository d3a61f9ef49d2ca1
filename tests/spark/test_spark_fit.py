"""``featurizers.spark`` on a real standalone cluster (two workers): the fitted config is the one
process's, byte for byte, for every partitioning and order; transform runs on the executors and
writes Parquet; a refused row fails the job by name and leaves nothing fitted."""

import json
import math
import random

import pytest
from harness import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import featurizers.spark as fs
from featurizers import EmailBody, Featurizer, MinMaxScale, Pipeline, Standardize, TextCleaner, Tokenizer, Vocabulary, register
from featurizers.training import datasets
from featurizers.training.artifacts import Artifacts
from featurizers.training.train import fit_featurizer, write_json

PARTITIONS = [1, 2, 7, 64]


def config_bytes(featurizer, tmp_path):
    """The bytes ``make py=NAME`` writes for a fitted featurizer (build/NAME/featurizer.json)."""
    path = tmp_path / "featurizer.json"
    write_json(path, featurizer.get_config())
    return path.read_bytes()


def shuffled_frame(spark, rows, schema, partitions, seed):
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    return spark.createDataFrame(rows, schema).repartition(partitions)


def training_split(name):
    """The split ``make py=NAME`` trained on: the pipeline module's own data, from its own build
    directory (the flagship's holds e-mails and SMS; tfidf's the e-mails alone)."""
    artifacts = Artifacts(name, ROOT)
    return artifacts.module().load_data(artifacts)


@pytest.fixture(scope="module")
def mail_split():
    return training_split("pipeline")


def built_featurizer_json(name):
    artifacts = Artifacts(name, ROOT)
    if not artifacts.featurizer_json.is_file():
        pytest.fail(f"{artifacts.featurizer_json} is missing: run `make py={name}` (make test does it first)")
    return artifacts.featurizer_json.read_bytes(), artifacts.module()


def test_the_package_reaches_the_executors_as_the_shipped_zip(spark, executor_python):
    fs.runtime.ship_package(spark.sparkContext)

    def where(_):
        import sys

        import featurizers

        yield featurizers.__file__, sys.executable

    seen = set(spark.sparkContext.parallelize(range(4), 4).mapPartitions(where).collect())
    assert {executable for _, executable in seen} == {executor_python}
    assert all(".zip/featurizers/__init__.py" in path for path, _ in seen)


@pytest.mark.parametrize("name", ["pipeline", "tfidf"])
def test_the_mail_pipelines_fitted_on_spark_write_make_s_featurizer_json_byte_for_byte(spark, name, tmp_path):
    expected, module = built_featurizer_json(name)
    train_texts = training_split(name).train_texts
    for partitions in PARTITIONS:
        frame = shuffled_frame(spark, ((text, i) for i, text in enumerate(train_texts)), "text string, id long", partitions, seed=partitions)
        assert frame.rdd.getNumPartitions() == partitions
        fitted = fs.fit(module.make_featurizer(), frame, input_col="text", key_col="id")
        assert config_bytes(fitted, tmp_path) == expected, f"{name}: {partitions} partitions"


def test_the_iris_columns_fitted_on_spark_write_make_s_featurizer_json_byte_for_byte(spark, tmp_path):
    expected, module = built_featurizer_json("iris")
    records = datasets.iris().train_texts
    fields = list(records[0])
    for partitions in PARTITIONS:
        frame = shuffled_frame(spark, ([r[f] for f in fields] for r in records), ", ".join(f"{f} double" for f in fields), partitions, seed=partitions)
        fitted = fs.fit(module.make_featurizer(), frame)  # each row as a record
        assert config_bytes(fitted, tmp_path) == expected, f"iris: {partitions} partitions"


def test_the_train_step_with_the_spark_engine_fits_make_s_featurizer_json(spark, mail_split, tmp_path):
    # The function behind `make py=pipeline ENGINE=spark` (and `train --engine spark`).
    expected, module = built_featurizer_json("pipeline")
    fitted = fit_featurizer(module.make_featurizer(), mail_split.train_texts, engine="spark", log=lambda line: None)
    assert config_bytes(fitted, tmp_path) == expected


wide_doubles = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e150, max_value=1e150),
    st.builds(lambda m, e: math.ldexp(m, e), st.floats(-1, 1, allow_nan=False), st.integers(-1074, 480)),
    st.sampled_from([0.0, -0.0, 5e-324, 1e16, -1e16, 1.0, 0.1]),
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(wide_doubles, min_size=1, max_size=300), st.sampled_from(PARTITIONS), st.integers(0, 2**32))
def test_standardize_and_min_max_of_values_of_any_magnitude_fit_the_same_doubles_on_spark(spark, values, partitions, seed):
    frame = shuffled_frame(spark, ((v,) for v in values), "x double", partitions, seed)
    for make in (Standardize, MinMaxScale):
        expected = json.dumps(make().fit(values).get_config())
        assert json.dumps(fs.fit(make(), frame, input_col="x").get_config()) == expected


def test_a_naive_merge_would_give_other_bits_for_such_data(spark):
    # The data of the property above is chosen so that the partitioning matters to plain sums:
    # Spark's own summarizer, merged over partitions, gives two different means for one data set.
    from pyspark.sql import functions

    values = [1e16, 1.0, -1e16, 1.0, 3.0] * 3
    means = set()
    for partitions, seed in [(1, 0), (2, 1), (7, 2), (7, 5)]:
        frame = shuffled_frame(spark, ((v,) for v in values), "x double", partitions, seed)
        means.add(frame.agg(functions.mean("x")).first()[0])
        assert fs.fit(Standardize(), frame, input_col="x").mean_ == 1.0
    assert len(means) > 1


# --- transform on the executors ----------------------------------------------------------------


def test_transform_runs_on_the_executors_and_writes_parquet_that_reads_back_as_the_one_process_transform(spark, mail_split, tmp_path):
    from featurizers.training.artifacts import load_pipeline

    texts = mail_split.test_texts[::7]
    for name, column_type in [("pipeline", "array<bigint>"), ("tfidf", "array<double>")]:
        pipe = load_pipeline(name, ROOT)
        frame = shuffled_frame(spark, ((t, i) for i, t in enumerate(texts)), "text string, id long", 7, seed=1)
        features = fs.transform(pipe, frame, input_col="text", output_col="features")
        assert dict(features.dtypes)["features"] == column_type
        features.write.parquet(str(tmp_path / name))
        rows = spark.read.parquet(str(tmp_path / name)).orderBy("id").collect()
        assert [list(row["features"]) for row in rows] == [list(v) for v in pipe.transform(texts)]


def test_transform_of_records_gives_an_array_of_doubles(spark):
    from featurizers.training.artifacts import load_pipeline

    pipe = load_pipeline("iris", ROOT)
    records = datasets.iris().test_texts
    fields = list(records[0])
    frame = spark.createDataFrame([[r[f] for f in fields] for r in records], ", ".join(f"{f} double" for f in fields))
    rows = fs.transform(pipe, frame, output_col="features").collect()
    assert [list(row["features"]) for row in rows] == [[float(v) for v in vector] for vector in pipe.transform(records)]


# --- bad rows ---------------------------------------------------------------------------------------


def test_a_null_text_fails_the_fit_naming_its_row_and_key_and_nothing_is_fitted(spark, mail_split):
    texts = list(mail_split.train_texts[:40])
    rows = [(t, f"msg-{i}") for i, t in enumerate(texts)] + [(None, "msg-null")]
    frame = spark.createDataFrame(rows, "text string, id string").coalesce(1)
    pipe = Pipeline([EmailBody(), TextCleaner(), Tokenizer(), Vocabulary(max_tokens=100)])
    before = json.dumps(pipe.get_config())
    with pytest.raises(fs.RowError) as info:
        fs.fit(pipe, frame, input_col="text", key_col="id")
    assert str(info.value) == "partition 0, row 40 (id='msg-null'): EmailBody.transform: item 0 is NoneType, expected str"
    assert json.dumps(pipe.get_config()) == before and not pipe.is_fitted()


def test_a_number_where_text_is_expected_fails_the_fit_with_the_featurizers_message(spark):
    frame = spark.createDataFrame([(1.5,), (2.5,)], "x double").coalesce(1)
    with pytest.raises(fs.RowError, match=r"^partition 0, row 0: Tokenizer\.transform: item 0 is float, expected str$"):
        fs.fit(Pipeline([Tokenizer(), Vocabulary()]), frame, input_col="x")


def test_a_lone_surrogate_in_an_rdd_of_texts_fails_the_fit(spark):
    # (In a DataFrame's string column Spark itself turns it into U+FFFD on the way to the JVM.)
    rdd = spark.sparkContext.parallelize(["ok", "fine", "a\ud800b", "good"], 2)
    with pytest.raises(fs.RowError, match=r"^partition 1, row 0: Tokenizer\.transform: item 0 is str with a lone surrogate, expected str$"):
        fs.fit(Pipeline([Tokenizer(), Vocabulary()]), rdd)


def test_a_bad_row_fails_the_transform_job_with_its_row_error(spark):
    from pyspark.errors import PythonException

    pipe = Pipeline([Tokenizer(), Vocabulary()]).fit(["a b"])
    frame = spark.createDataFrame([("a",), (None,)], "text string").coalesce(1)
    with pytest.raises(PythonException, match=r"RowError: partition 0, row 1: Tokenizer\.transform: item 0 is NoneType, expected str"):
        fs.transform(pipe, frame, input_col="text").collect()


def test_fit_refuses_an_unknown_column_and_a_featurizer_without_mergeable_statistics(spark):
    frame = spark.createDataFrame([("a",)], "text string")
    with pytest.raises(ValueError, match=r"input_col 'body' is not a column of the DataFrame \(columns: text\)"):
        fs.fit(Vocabulary(), frame, input_col="body")

    @register
    class CountsItems(Featurizer):
        STATE = ["n_"]

        def __init__(self):
            self.n_ = None

        def fit(self, data):
            self.n_ = len(data)
            return self

    with pytest.raises(TypeError, match=r"^CountsItems overrides fit\(\) but not fit_start\(\)"):
        fs.fit(CountsItems(), frame, input_col="text")



def test_the_readme_s_generator_feeds_the_parquet_shards_to_tf_data(spark, mail_split, tmp_path):
    import numpy as np
    import tensorflow as tf

    from featurizers.training.artifacts import load_pipeline

    texts, labels = mail_split.test_texts[:70], mail_split.test_labels[:70]
    pipe = load_pipeline("pipeline", ROOT)
    frame = spark.createDataFrame([(t, int(y == "spam"), i) for i, (t, y) in enumerate(zip(texts, labels))], "text string, label int, id long")
    fs.transform(pipe, frame.repartition(3), input_col="text", output_col="ids").write.parquet(str(tmp_path / "features"))

    def batches(path, size=32):  # as the README shows it
        rows = spark.read.parquet(path).orderBy("id").select("ids", "label").toLocalIterator()
        while chunk := [r for _, r in zip(range(size), rows)]:
            yield np.asarray([r.ids for r in chunk], "int32"), np.asarray([r.label for r in chunk], "int32")

    data = tf.data.Dataset.from_generator(
        lambda: batches(str(tmp_path / "features")),
        output_signature=(tf.TensorSpec((None, pipe.steps[-1].length), tf.int32), tf.TensorSpec((None,), tf.int32)),
    )
    got = list(data.as_numpy_iterator())
    assert [len(y) for _, y in got] == [32, 32, 6]
    assert np.concatenate([x for x, _ in got]).tolist() == pipe.transform(texts)
    assert np.concatenate([y for _, y in got]).tolist() == [int(y == "spam") for y in labels]
