"""Both Kerases for the importer's tests (tests/interop/): tf_keras 2.19, what the project trains
with, and Keras 3, installed beside it."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TFDF_DISABLE_WELCOME_MESSAGE", "1")

FLAVORS = ["tf_keras", "keras"]


def keras_of(flavor):
    if flavor == "tf_keras":
        import tf_keras

        return tf_keras
    import keras

    return keras


def strings(texts, rank=1):
    """Texts as a string tensor of rank 1 (``(n,)``) or 2 (``(n, 1)``)."""
    import tensorflow as tf

    data = tf.constant(list(texts), dtype=tf.string)
    return data if rank == 1 else tf.reshape(data, [-1, 1])


def rows(tensor):
    """A layer's output as lists of Python numbers (float32 values as the doubles they equal)."""
    import numpy as np

    if hasattr(tensor, "to_list"):
        return [[float(x) if isinstance(x, float) else int(x) for x in row] for row in tensor.to_list()]
    return np.asarray(tensor).tolist()
