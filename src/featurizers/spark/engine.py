"""``fit`` and ``transform`` of featurizers over Spark DataFrames (the steps are in ``passes``)."""

import functools
import hashlib
import json
import pickle
import re

from featurizers import CategoryEncoder, Columns, Discretize, MinMaxScale, NotFittedError, OneHot, Pipeline, Standardize, from_config
from featurizers.spark import passes
from featurizers.spark.passes import RowError
from featurizers.spark.runtime import require_pyspark, ship_package

# --- on the executors ---------------------------------------------------------------------------

_FEATURIZERS = {}  # config digest -> featurizer, per Python worker: a config is parsed once


def _featurizer(config_text):
    digest = hashlib.sha256(config_text.encode("utf-8")).hexdigest()
    featurizer = _FEATURIZERS.get(digest)
    if featurizer is None:
        if len(_FEATURIZERS) > 8:
            _FEATURIZERS.clear()
        featurizer = _FEATURIZERS[digest] = from_config(json.loads(config_text))
    return featurizer


class _Pass:
    """What one pass sends to the executors: the featurizer (its config, fitted up to this pass,
    broadcast), the pass's empty statistics, and how rows become items."""

    def __init__(self, config, stats, input_col, key_col, parts, batch_size):
        self.config = config  # a Broadcast of the config's JSON text
        self.stats = pickle.dumps(stats)
        self.input_col = input_col
        self.key_col = key_col
        self.parts = parts
        self.batch_size = batch_size

    def featurizer(self):
        return _featurizer(self.config.value)


def _item(row, input_col):
    """A row's item: the value of ``input_col``, or the whole row as a record (a dict); an
    element of an RDD that is not a Row is its own item."""
    if input_col is not None:
        return row[input_col]
    return row.asDict(recursive=True) if hasattr(row, "asDict") else row


def _rows(task, rows):
    for row in rows:
        yield _item(row, task.input_col), (None if task.key_col is None else row[task.key_col])


def _partition_parts(task, partition, rows):
    featurizer = task.featurizer()
    stats = passes.partition_stats(featurizer, pickle.loads(task.stats), _rows(task, rows), partition, task.batch_size, task.key_col)
    return passes.split(featurizer, stats, task.parts)


def _merge(task, stats, other):
    return task.featurizer().fit_merge(stats, other)


def _prune_to_one(task, keyed):
    return 0, task.featurizer().fit_prune(keyed[1])


def _prune(task, keyed):
    return task.featurizer().fit_prune(keyed[1])


def _transform_partition(task, convert, partition, rows):
    featurizer = task.featurizer()
    batch, items = [], []
    start = 0
    for row in rows:
        batch.append(row)
        items.append(_item(row, task.input_col))
        if len(batch) == task.batch_size:
            yield from _transformed(featurizer, task, convert, partition, start, batch, items)
            start += len(batch)
            batch, items = [], []
    if batch:
        yield from _transformed(featurizer, task, convert, partition, start, batch, items)


def _transformed(featurizer, task, convert, partition, start, batch, items):
    try:
        outputs = featurizer.transform(items)
    except Exception as error:
        for j, item in enumerate(items):
            try:
                featurizer.transform([item])
            except Exception as row_error:
                key = "" if task.key_col is None else f" ({task.key_col}={batch[j][task.key_col]!r})"
                raise RowError(f"partition {partition}, row {start + j}{key}: {row_error}", partition, start + j) from error
        raise
    for row, output in zip(batch, outputs):
        yield tuple(row) + (convert(output),)


# --- on the driver ------------------------------------------------------------------------------

_ROW_ERROR = re.compile(r"RowError: (partition \d+, row \d+[^\n]*)")


def _run(job):
    """``job()``; a RowError raised on an executor is raised here again, as itself."""
    try:
        return job()
    except RowError:
        raise
    except Exception as error:
        found = _ROW_ERROR.findall(str(error))
        if found:
            raise RowError(found[-1]) from None
        raise


def _check_columns(df, input_col, key_col):
    names = df.columns
    for role, name in (("input_col", input_col), ("key_col", key_col)):
        if name is not None and name not in names:
            raise ValueError(f"featurizers.spark: {role} {name!r} is not a column of the DataFrame (columns: {', '.join(names)})")


def _source(df, input_col, key_col):
    """(the RDD of rows a fit reads, its SparkContext), from a DataFrame or an RDD."""
    from pyspark import RDD

    if isinstance(df, RDD):
        return df, df.context
    _check_columns(df, input_col, key_col)
    selected = [c for c in (input_col, key_col) if c is not None]
    return (df.select(*selected) if input_col is not None else df).rdd, df.sparkSession.sparkContext


def fit(featurizer, df, input_col=None, key_col=None, parts=None, batch_size=512):
    """A fitted copy of ``featurizer`` from the rows of the DataFrame ``df``.

    Each row's item is the value of ``input_col``, or, when it is None, the row as a record (a
    dict of its columns, for ``Columns``). ``df`` may also be an RDD: of rows (or dicts) with
    ``input_col``, or of the items themselves when ``input_col`` is None. (A lone surrogate cannot
    travel in a DataFrame's string column: Spark's conversion to the JVM turns it into U+FFFD. In
    an RDD of Python str it stays, and the fit refuses it, as the featurizer does in one process.) The fit runs in passes, one per stateful step (and two
    for ``Standardize``): each reads ``df`` once, runs the steps before the step it fits (fitted,
    their config broadcast) and that step's ``fit_add`` on the executors, in one stage, and
    merges the statistics on the executors (``featurizers.spark.passes``); the driver receives one
    object per pass, no larger than what the fit keeps. The result's ``get_config()`` is the
    one ``featurizer.fit(items)`` gives in one process, byte for byte, for any partitioning and
    order of the rows.

    A row the featurizer refuses (null, a number, a lone surrogate) fails the job with a
    RowError naming its partition and offset (and its ``key_col`` value) and the featurizer's
    own message for that row; ``featurizer`` itself is never changed, and nothing is written.
    ``parts``: how many parts keyed statistics (token counts) are merged in (default: the
    number of partitions of ``df``).
    """
    require_pyspark()
    passes.check_mergeable(featurizer)
    work = passes.fresh_copy(featurizer)
    rows, context = _source(df, input_col, key_col)
    ship_package(context)
    parts = parts or max(1, rows.getNumPartitions())
    stats = work.fit_start()
    while stats is not None:
        config = context.broadcast(json.dumps(work.get_config(), ensure_ascii=False))
        task = _Pass(config, stats, input_col, key_col, parts, batch_size)
        merged = _run(
            lambda: rows.mapPartitionsWithIndex(functools.partial(_partition_parts, task))
            .reduceByKey(functools.partial(_merge, task), numPartitions=parts)
            .map(functools.partial(_prune_to_one, task))
            .reduceByKey(functools.partial(_merge, task), numPartitions=1)
            .map(functools.partial(_prune, task))
            .collect()
        )
        config.unpersist()
        stats = work.fit_finish(merged[0] if merged else stats)
    return work


def output_type(featurizer):
    """The Spark type of ``featurizer``'s output per item, from the kinds the featurizers
    declare: ids -> array<bigint>, float vectors and records' features -> array<double>."""
    from pyspark.sql import types

    if isinstance(featurizer, Pipeline):
        return output_type(featurizer.steps[-1]) if featurizer.steps else None
    if isinstance(featurizer, (Columns, OneHot)) or featurizer.OUTPUT == "vector":
        return types.ArrayType(types.DoubleType() if not isinstance(featurizer, OneHot) else types.LongType(), False)
    if isinstance(featurizer, CategoryEncoder):
        return types.LongType() if featurizer.output == "index" else types.ArrayType(types.LongType(), False)
    if isinstance(featurizer, (Standardize, MinMaxScale)):
        return types.DoubleType()
    if isinstance(featurizer, Discretize):
        return types.LongType()
    kinds = {
        "list of int": types.ArrayType(types.LongType(), False),
        "list of str": types.ArrayType(types.StringType(), False),
        "str": types.StringType(),
    }
    return kinds.get(featurizer.OUTPUT)


def _converter(spark_type):
    """Python values as the Spark type holds them (a double column refuses an int)."""
    from pyspark.sql import types

    scalar = {types.DoubleType: float, types.LongType: int, types.StringType: str}
    if isinstance(spark_type, types.ArrayType):
        item = scalar[type(spark_type.elementType)]
        return lambda values: [item(v) for v in values]
    return scalar[type(spark_type)]


def transform(featurizer, df, input_col=None, output_col="features", key_col=None, batch_size=256, spark_type=None):
    """``df`` with one more column, ``output_col``: ``featurizer.transform`` of each row's item
    (as in ``fit``), computed on the executors with the fitted config broadcast. The column is
    an array of ids (bigint) or of floats (double), as the featurizer gives; ``spark_type``
    sets it for a featurizer that does not declare its output kind. The DataFrame is lazy: the
    transform runs when it is written (``.write.parquet(path)``) or collected. A refused row
    fails that job; Spark raises its PythonException, whose message ends with the RowError (as
    in ``fit``: partition, row, key and the featurizer's message)."""
    require_pyspark()
    from pyspark.sql import types

    _check_columns(df, input_col, key_col)
    if not featurizer.is_fitted():
        raise NotFittedError(f"featurizers.spark.transform: the {type(featurizer).__name__} is not fitted: fit it first")
    if output_col in df.columns:
        raise ValueError(f"featurizers.spark.transform: output_col {output_col!r} is already a column of the DataFrame")
    spark_type = spark_type or output_type(featurizer)
    if spark_type is None:
        raise ValueError(f"featurizers.spark.transform: say what {type(featurizer).__name__} gives per item: spark_type=ArrayType(DoubleType()), ...")
    context = df.sparkSession.sparkContext
    ship_package(context)
    config = context.broadcast(json.dumps(featurizer.get_config(), ensure_ascii=False))
    task = _Pass(config, None, input_col, key_col, 1, batch_size)
    schema = types.StructType(df.schema.fields + [types.StructField(output_col, spark_type, nullable=False)])
    rdd = df.rdd.mapPartitionsWithIndex(functools.partial(_transform_partition, task, _converter(spark_type)))
    return df.sparkSession.createDataFrame(rdd, schema, verifySchema=False)
