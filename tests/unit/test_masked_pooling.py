"""Specification of MaskedPooling1D and the flagship's masked model (featurizers.training.models).

Keras' own layers are the oracle: on every row that has an unmasked step, the average equals
``GlobalAveragePooling1D`` given the mask, and the maximum ``GlobalMaxPooling1D`` over the
unmasked steps. A row with none (a text that cleaned to nothing) gives zeros, where Keras'
average divides 0 by 0.
"""

import numpy as np
import pytest

from featurizers.training import models

# Keras is the oracle, the train extra's: the core's tests on Python 3.13 run without it.
pytest.importorskip("tf_keras", reason="TensorFlow (the train extra) is not installed")
k = models.keras()
MaskedPooling1D = models.masked_pooling_class()

IDS = np.array([[3, 4, 0, 0, 0], [5, 6, 7, 8, 9], [0, 0, 0, 0, 0], [2, 0, 2, 0, 0]], dtype=np.int32)


def embedded(ids, dim=4, seed=0):
    embedding = k.layers.Embedding(10, dim, mask_zero=True, embeddings_initializer=k.initializers.RandomNormal(seed=seed))
    return embedding(ids), embedding.compute_mask(ids)


def test_the_average_is_keras_masked_average_on_rows_with_tokens_and_zeros_on_an_empty_row():
    x, mask = embedded(IDS)
    ours = MaskedPooling1D(["average"])(x, mask=mask).numpy()
    keras = k.layers.GlobalAveragePooling1D()(x, mask=mask).numpy()
    rows_with_tokens = [0, 1, 3]
    np.testing.assert_allclose(ours[rows_with_tokens], keras[rows_with_tokens], rtol=1e-6)
    assert np.isnan(keras[2]).all()  # the pitfall: 0 / 0
    assert (ours[2] == 0).all()


def test_the_maximum_is_keras_max_over_the_unmasked_steps_and_zeros_on_an_empty_row():
    x, mask = embedded(IDS)
    ours = MaskedPooling1D(["max"])(x, mask=mask).numpy()
    for row in (0, 1, 3):
        steps = x.numpy()[row][mask.numpy()[row]]
        np.testing.assert_array_equal(ours[row], steps.max(axis=0))
    assert (ours[2] == 0).all()


def test_the_log_count_is_the_log_of_one_plus_the_number_of_tokens():
    x, mask = embedded(IDS)
    ours = MaskedPooling1D(["log_count"])(x, mask=mask).numpy()
    np.testing.assert_allclose(ours[:, 0], np.log1p([2, 5, 0, 2]), rtol=1e-6)


def test_the_pools_are_concatenated_in_the_order_given_and_without_a_mask_every_step_counts():
    x, mask = embedded(IDS, dim=3)
    both = MaskedPooling1D(["max", "average", "log_count"])(x, mask=mask).numpy()
    assert both.shape == (4, 7)
    np.testing.assert_array_equal(both[:, :3], MaskedPooling1D(["max"])(x, mask=mask).numpy())
    plain = np.asarray(x)  # without the mask Keras attached to the embedding's output
    unmasked = MaskedPooling1D(["average"])(plain).numpy()
    np.testing.assert_allclose(unmasked, plain.mean(axis=1), rtol=1e-6)


def test_unknown_pools_are_refused_by_name():
    with pytest.raises(ValueError, match=r"MaskedPooling1D: pools must be some of \['average', 'max', 'log_count'\], got \['sum'\]"):
        MaskedPooling1D(["sum"])


def test_an_all_padding_row_neither_gives_nan_nor_poisons_training():
    k.utils.set_random_seed(3)
    model = models.masked_embedding_classifier(10, 5, 2, embedding_dim=4, hidden=4)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    labels = np.array([0, 1, 0, 1])
    history = model.fit(IDS, labels, epochs=3, batch_size=4, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert all(np.isfinite(w).all() for w in model.get_weights())
    scores = model.predict(IDS, verbose=0)
    assert np.isfinite(scores).all()
    np.testing.assert_allclose(scores.sum(axis=1), 1, rtol=1e-6)


def test_the_model_saves_and_loads_with_its_layer(tmp_path):
    model = models.masked_embedding_classifier(10, 5, 2, embedding_dim=4, hidden=4)
    model.save(tmp_path / "model.keras")
    loaded = models.load_model(tmp_path / "model.keras")
    assert loaded.get_layer("pooling").get_config()["pools"] == ["average", "max", "log_count"]
    np.testing.assert_array_equal(loaded.predict(IDS, verbose=0), model.predict(IDS, verbose=0))


def test_padding_does_not_change_a_texts_scores():
    model = models.masked_embedding_classifier(10, 8, 2, embedding_dim=4, hidden=4)
    short = np.array([[3, 4, 5, 0, 0, 0, 0, 0]], dtype=np.int32)
    # The same three tokens with padding placed elsewhere: masked, padding is no evidence.
    moved = np.array([[0, 3, 0, 4, 0, 5, 0, 0]], dtype=np.int32)
    np.testing.assert_allclose(model.predict(short, verbose=0), model.predict(moved, verbose=0), rtol=1e-6)
