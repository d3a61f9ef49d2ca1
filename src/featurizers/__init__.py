"""featurizers: ML preprocessing written once in restricted Python, run in CPython and in JavaScript.

Everything imported here compiles with Transcrypt; the Python-only tooling (training, build,
command line) lives in ``featurizers.tooling`` and is never part of a bundle.
"""

from featurizers.base import Featurizer, NotFittedError, from_config, register
from featurizers.columns import Columns
from featurizers.compose import Pipeline
from featurizers.mail import EmailBody
from featurizers.numeric import Discretize, OneHot, Standardize
from featurizers.sequence import PadSequences
from featurizers.text import TextCleaner, Tokenizer
from featurizers.vocabulary import Vocabulary

# __pragma__('skip')
from featurizers.tooling.artifacts import load_pipeline

__all__ = [
    "Columns",
    "Discretize",
    "EmailBody",
    "Featurizer",
    "NotFittedError",
    "OneHot",
    "PadSequences",
    "Pipeline",
    "Standardize",
    "TextCleaner",
    "Tokenizer",
    "Vocabulary",
    "from_config",
    "load_pipeline",
    "register",
]
# __pragma__('noskip')
