"""Fit and transform featurizers on Apache Spark (Python only; ``pip install 'featurizers[spark]'``).

::

    from pyspark.sql import SparkSession
    import featurizers.spark as fs

    spark = SparkSession.builder.master("spark://host:7077").getOrCreate()   # or local[*]
    df = spark.read.parquet("mail/")                                         # column "text"
    pipe = fs.fit(make_featurizer(), df, input_col="text")     # a fitted featurizers.Pipeline
    features = fs.transform(pipe, df, input_col="text", output_col="ids")    # + an array column
    features.write.parquet("build/features/")

``fit`` gives the same ``get_config()``, byte for byte, as ``make_featurizer().fit(texts)`` in one
process, for any partitioning and order of the rows: each stateful featurizer's fit is mergeable
statistics (``Featurizer.fit_start`` .. ``fit_finish``) whose merges are exact (ints, exact float
sums, unions, a total order applied once after the merge). ``passes`` holds the steps of a pass
independently of Spark; ``runtime`` finds Java, starts quiet sessions and local standalone
clusters, and ships this package to the executors (no install needed there).

Reading the Parquet shards for training: each row holds the input's columns and the feature
array. With TensorFlow, ``tf.data`` reads them through pyarrow (or pandas)::

    import pyarrow.parquet as pq, tensorflow as tf
    table = pq.read_table("build/features/", columns=["ids", "label"])
    ids = tf.ragged.constant(table.column("ids").to_pylist()).to_tensor()   # or np.stack for fixed length
    data = tf.data.Dataset.from_tensor_slices((ids, labels)).shuffle(10_000).batch(32)

and a generator streams them shard by shard, for data larger than memory::

    def batches(path, size=32):
        for shard in sorted(pathlib.Path(path).glob("part-*.parquet")):
            for batch in pq.ParquetFile(shard).iter_batches(size, columns=["ids", "label"]):
                yield np.asarray(batch.column(0).to_pylist(), "int32"), np.asarray(batch.column(1).to_pylist())

    data = tf.data.Dataset.from_generator(lambda: batches("build/features/"), output_signature=(...))
"""

from featurizers.spark import runtime
from featurizers.spark.engine import fit, output_type, transform
from featurizers.spark.passes import RowError, fit_partitions
from featurizers.spark.runtime import LocalCluster, SparkUnavailable, find_java, package_zip, session

__all__ = ["LocalCluster", "RowError", "SparkUnavailable", "find_java", "fit", "fit_partitions", "output_type", "package_zip", "session", "transform"]
