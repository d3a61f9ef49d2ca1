"""Keras models for the example pipelines (tf_keras, which tensorflowjs converts faithfully)."""

import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # no CUDA-probing errors on CPU-only machines
# tensorflowjs imports tensorflow_decision_forests, whose welcome banner (printed, or shown with
# IPython where stdout is not a terminal, which fails without IPython) is no progress of ours.
os.environ.setdefault("TFDF_DISABLE_WELCOME_MESSAGE", "1")


def keras():
    import tf_keras

    return tf_keras


def embedding_classifier(vocabulary_size, sequence_length, n_labels, embedding_dim=16, hidden=16):
    """Embedding, global average pooling, a dense layer, softmax: the seed blog's text classifier."""
    k = keras()
    return k.Sequential(
        [
            k.layers.Input(shape=(sequence_length,), dtype="int32", name="ids"),
            k.layers.Embedding(vocabulary_size, embedding_dim, name="embedding"),
            k.layers.GlobalAveragePooling1D(name="average"),
            k.layers.Dense(hidden, activation="relu", name="hidden"),
            k.layers.Dense(n_labels, activation="softmax", name="scores"),
        ]
    )


def dense_classifier(n_features, n_labels, hidden=16):
    """A small dense network for numeric feature vectors: the iris flower shop's model."""
    k = keras()
    return k.Sequential(
        [
            k.layers.Input(shape=(n_features,), dtype="float32", name="features"),
            k.layers.Dense(hidden, activation="relu", name="hidden"),
            k.layers.Dense(n_labels, activation="softmax", name="scores"),
        ]
    )
