"""The iris flower shop: species from four measurements, served from a tfjs graph model.

Records in: ``{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}``
(centimetres). The featurizer is restricted Python; the model is a Keras model exported as a
TensorFlow SavedModel and converted to a tfjs graph model (``tf.loadGraphModel``).
"""

from featurizers import Columns, Discretize, OneHot, Pipeline, Standardize


def make_featurizer():
    return Columns(
        [
            ["sepal_length", Standardize()],
            ["sepal_width", Standardize()],
            ["petal_length", Standardize()],
            ["petal_width", Standardize()],
            # A categorical feature derived from a measurement: petal length in three buckets.
            ["petal_length", Pipeline([Discretize(bin_boundaries=[2.5, 5.0]), OneHot(num_tokens=3)])],
        ]
    )


# __pragma__('skip')
from featurizers.training import datasets, models  # noqa: E402

INPUT = "record"
INPUT_DTYPE = "float32"
MODEL_FORMAT = "graph"
EPOCHS = 60
BATCH_SIZE = 16
SEED = 1

SAMPLES = [
    {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
    {"sepal_length": 6.4, "sepal_width": 3.2, "petal_length": 4.5, "petal_width": 1.5},
    {"sepal_length": 7.7, "sepal_width": 3.0, "petal_length": 6.1, "petal_width": 2.3},
]


def load_data(artifacts):
    return datasets.iris()


def make_model(featurizer, n_labels):
    return models.dense_classifier(7, n_labels)


# __pragma__('noskip')
