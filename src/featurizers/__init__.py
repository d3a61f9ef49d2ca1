"""featurizers: ML preprocessing written once in restricted Python, run in CPython and in JavaScript.

Everything imported here compiles with Transcrypt, and so does ``featurizers.portable``
(``from featurizers import portable``), the operations that mean the same in both runtimes, for
writing featurizers of your own. The Python-only parts live in subpackages and are never part of
a bundle: ``compiler`` (checker, build), ``cli`` (the command line), ``training`` (data sets,
models, training), ``estimator`` (numpy and pandas input, scikit-learn's estimator protocol),
``interop`` (models from scikit-learn: ``from_sklearn``, ``export_sklearn``; and from Keras:
``from_keras``, ``export_keras``); see
``featurizers.compiler.PYTHON_ONLY``.
"""

from featurizers.base import Featurizer, NotFittedError, from_config, register
from featurizers.categorical import CategoryEncoder
from featurizers.columns import Columns
from featurizers.compose import Pipeline
from featurizers.encoders import Counts, MultiHot, TfIdf
from featurizers.mail import EmailBody
from featurizers.numeric import Discretize, MinMaxScale, OneHot, Standardize
from featurizers.sequence import PadSequences
from featurizers.text import TextCleaner, Tokenizer
from featurizers.vocabulary import Vocabulary

# __pragma__('skip')
from featurizers.training.artifacts import load_pipeline


# scikit-learn and numpy are imported only when these are called (they come with the train extra).
def from_sklearn(obj):
    """The fitted featurizer that transforms as the fitted scikit-learn ``obj`` does
    (``featurizers.interop.sklearn.from_sklearn``)."""
    from featurizers.interop import sklearn

    return sklearn.from_sklearn(obj)


def export_sklearn(model, out_dir, samples=None, name=None, root=None, log=print):
    """Write the npm package of a fitted scikit-learn ``Pipeline`` ending in a classifier
    (``featurizers.interop.sklearn.export_sklearn``); returns the folder."""
    from featurizers.interop import sklearn

    return sklearn.export_sklearn(model, out_dir, samples=samples, name=name, root=root, log=log)


# TensorFlow is imported only when these are called (it comes with the train extra).
def from_keras(obj, input_shape=()):
    """The fitted featurizer that gives what a Keras preprocessing layer (a list of them, or a
    model's preprocessing) gives (``featurizers.interop.keras.from_keras``)."""
    from featurizers.interop import keras

    return keras.from_keras(obj, input_shape=input_shape)


def export_keras(model, path, labels=None, samples=None, name=None, root=None, log=print):
    """Write the npm package of a Keras model whose inputs go through preprocessing layers
    (``featurizers.interop.keras.export_keras``); returns the folder."""
    from featurizers.interop import keras

    return keras.export_keras(model, path, labels=labels, samples=samples, name=name, root=root, log=log)


__all__ = [
    "CategoryEncoder",
    "Columns",
    "Counts",
    "Discretize",
    "EmailBody",
    "Featurizer",
    "MinMaxScale",
    "MultiHot",
    "NotFittedError",
    "OneHot",
    "PadSequences",
    "Pipeline",
    "Standardize",
    "TextCleaner",
    "TfIdf",
    "Tokenizer",
    "Vocabulary",
    "export_keras",
    "export_sklearn",
    "from_config",
    "from_keras",
    "from_sklearn",
    "load_pipeline",
    "register",
]
# __pragma__('noskip')
