"""Keras models for the example pipelines (tf_keras, which tensorflowjs converts faithfully)."""

# console sets TensorFlow's environment (tf_keras, quiet C++ logs) before TensorFlow is imported.
from featurizers.training import console


def keras():
    with console.native_stderr_held():
        import tf_keras

    return tf_keras


def load_model(path):
    """The Keras model saved at ``path``, uncompiled, with the layers defined here known."""
    masked_pooling_class()
    return keras().models.load_model(path, compile=False)


def embedding_classifier(vocabulary_size, sequence_length, n_labels, embedding_dim=16, hidden=16):
    """Embedding, global average pooling, a dense layer, softmax: the seed blog's text classifier.
    Padding (id 0) counts in the average like any token: see ``masked_embedding_classifier``."""
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


POOLS = ("average", "max", "log_count")


def masked_pooling_class():
    """``MaskedPooling1D``, defined once tf_keras is imported (and registered for ``load_model``)."""
    global _MASKED_POOLING
    if _MASKED_POOLING is not None:
        return _MASKED_POOLING
    import tensorflow as tf

    k = keras()

    @k.saving.register_keras_serializable(package="featurizers")
    class MaskedPooling1D(k.layers.Layer):
        """Summaries of a sequence over its unmasked steps (Keras' mask, e.g. from
        ``Embedding(mask_zero=True)``), concatenated in the order of ``pools``:

        - ``"average"``: ``sum(x[t] * m[t]) / max(sum(m[t]), 1)``, which is
          ``GlobalAveragePooling1D`` with a mask on every row that has an unmasked step;
        - ``"max"``: the largest ``x[t]`` over the unmasked steps (``GlobalMaxPooling1D`` over
          them), 0 where there is none;
        - ``"log_count"``: ``log(1 + sum(m[t]))``, the length of the text in tokens.

        A fully masked row (a text that cleaned to nothing) gives zeros: Keras'
        ``GlobalAveragePooling1D`` divides 0 by 0 there, and one such row turned the loss into
        NaN. Without a mask every step counts. The layer puts no mask on its output.
        """

        def __init__(self, pools=POOLS, **kwargs):
            super().__init__(**kwargs)
            unknown = [pool for pool in pools if pool not in POOLS]
            if unknown or not pools:
                raise ValueError(f"MaskedPooling1D: pools must be some of {list(POOLS)}, got {list(pools)}")
            self.pools = list(pools)
            self.supports_masking = True

        def call(self, inputs, mask=None):
            if mask is None:
                weights = tf.ones(tf.shape(inputs)[:2], dtype=inputs.dtype)
            else:
                weights = tf.cast(mask, inputs.dtype)
            count = tf.reduce_sum(weights, axis=1, keepdims=True)
            steps = weights[:, :, None]
            outputs = []
            for pool in self.pools:
                if pool == "average":
                    outputs.append(tf.reduce_sum(inputs * steps, axis=1) / tf.maximum(count, 1.0))
                elif pool == "max":
                    # A masked step is pushed far below any value, so it is never the maximum.
                    largest = tf.reduce_max(inputs * steps - (1.0 - steps) * 1e9, axis=1)
                    outputs.append(tf.where(count > 0, largest, tf.zeros_like(largest)))
                else:
                    outputs.append(tf.math.log1p(count))
            return outputs[0] if len(outputs) == 1 else tf.concat(outputs, axis=1)

        def compute_mask(self, inputs, mask=None):
            return None

        def compute_output_shape(self, input_shape):
            width = sum(1 if pool == "log_count" else input_shape[-1] for pool in self.pools)
            return (input_shape[0], width)

        def get_config(self):
            return {**super().get_config(), "pools": list(self.pools)}

    _MASKED_POOLING = MaskedPooling1D
    return MaskedPooling1D


_MASKED_POOLING = None


def masked_embedding_classifier(vocabulary_size, sequence_length, n_labels, embedding_dim=32, hidden=32, pools=POOLS):
    """Embedding with padding (id 0) masked, ``MaskedPooling1D`` (the average and the maximum of
    the tokens' vectors, and the log of their number), a dense layer, softmax.

    A short text is mostly padding: unmasked, the padding vector decides its average. The
    maximum lets one telling word count in a long text; the count tells a short message from an
    e-mail. Keras propagates the mask; for tfjs the model is exported as a graph model, since
    tfjs' layers ignore masks in their pooling."""
    k = keras()
    pooling = masked_pooling_class()
    return k.Sequential(
        [
            k.layers.Input(shape=(sequence_length,), dtype="int32", name="ids"),
            k.layers.Embedding(vocabulary_size, embedding_dim, mask_zero=True, name="embedding"),
            pooling(pools, name="pooling"),
            k.layers.Dense(hidden, activation="relu", name="hidden"),
            k.layers.Dense(n_labels, activation="softmax", name="scores"),
        ]
    )


def masks_padding(model):
    """Whether ``model`` starts with an ``Embedding(mask_zero=True)``: id 0 (padding) is masked
    from its first layer on, so masked layers downstream skip those steps."""
    k = keras()
    first = next((layer for layer in model.layers if not isinstance(layer, k.layers.InputLayer)), None)
    return isinstance(first, k.layers.Embedding) and bool(first.mask_zero)


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
