"""Specification of which models predict leaves the padding out for (train.padding_to_trim).

A row of ids without its padding scores as the padded row when the padding is masked: the
featurizer pads with id 0 (``PadSequences``), the model's first layer is
``Embedding(mask_zero=True)``, and what follows skips masked steps. The last is checked on rows
through Keras itself, so a model that reads padded steps keeps getting whole rows.
"""

import numpy as np
import pytest

from featurizers.training import models, train

pytest.importorskip("tf_keras", reason="TensorFlow (the train extra) is not installed")
k = models.keras()

LENGTH = 12
ROWS = np.array(
    [[3, 4, 5] + [0] * 9, [5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8], [0] * 12, [2, 0, 2, 9] + [0] * 8],
    dtype=np.int32,
)


def pad_config(padding="post", value=0):
    return {
        "type": "Pipeline",
        "steps": [
            {"type": "Tokenizer"},
            {"type": "PadSequences", "length": LENGTH, "padding": padding, "truncating": "post", "value": value},
        ],
    }


def masked_model(seed=1):
    k.utils.set_random_seed(seed)
    return models.masked_embedding_classifier(10, LENGTH, 2, embedding_dim=4, hidden=4)


def test_a_masked_model_after_post_padding_gets_its_rows_without_the_padding():
    assert train.padding_to_trim(pad_config("post"), masked_model(), "graph", ROWS) == "post"


def test_pre_padding_is_left_out_at_the_front():
    rows = np.array([row[::-1] for row in ROWS])  # the same tokens, padded in front
    assert train.padding_to_trim(pad_config("pre"), masked_model(), "graph", rows) == "pre"


def test_a_model_that_averages_the_padding_keeps_whole_rows():
    k.utils.set_random_seed(1)
    unmasked = models.embedding_classifier(10, LENGTH, 2, embedding_dim=4, hidden=4)
    assert not models.masks_padding(unmasked)
    assert train.padding_to_trim(pad_config(), unmasked, "graph", ROWS) is None


def test_a_masked_model_whose_later_layer_reads_every_step_fails_the_check():
    # Masked from the first layer, but the sum below ignores the mask: the padding's embedding
    # (id 0's row) counts once per padded step, so a row without its padding scores otherwise.
    k.utils.set_random_seed(1)
    reads_padding = k.Sequential(
        [
            k.layers.Input(shape=(LENGTH,), dtype="int32"),
            k.layers.Embedding(10, 4, mask_zero=True),
            k.layers.Lambda(lambda x: k.backend.sum(x, axis=1)),
            k.layers.Dense(2, activation="softmax"),
        ]
    )
    assert models.masks_padding(reads_padding)
    assert train.padding_to_trim(pad_config(), reads_padding, "graph", ROWS) is None


def test_padding_with_another_id_than_the_masked_one_keeps_whole_rows():
    assert train.padding_to_trim(pad_config(value=1), masked_model(), "graph", ROWS) is None


def test_a_layers_model_keeps_whole_rows():
    # tfjs' layers ignore masks in pooling: only a graph model is exported to take any length.
    assert train.padding_to_trim(pad_config(), masked_model(), "layers", ROWS) is None


def test_a_featurizer_not_ending_in_pad_sequences_keeps_whole_rows():
    config = {"type": "Pipeline", "steps": [{"type": "Tokenizer"}, {"type": "Vocabulary"}]}
    assert train.padding_to_trim(config, masked_model(), "graph", ROWS) is None
