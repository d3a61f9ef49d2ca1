"""SMS spam with a Keras model whose first layer is TextVectorization, its preprocessing compiled exactly.

The model (``keras_model`` below, Python only) reads raw text: ``TextVectorization`` (lowercase and
strip punctuation as TensorFlow does, split on whitespace, a vocabulary of 10,000 tokens adapted on
the training messages, 64 ids per message), then an embedding, average pooling and two dense
layers. Training fits it on the raw messages and cuts it after ``TextVectorization``
(``featurizers.interop.keras``): the layer becomes featurizers (``TextCleaner(lowercase="ascii")``,
``Tokenizer``, ``Vocabulary`` with the layer's own vocabulary, ``PadSequences``), the rest a tfjs
layers model. In Node, ``predict`` on raw strings gives what ``model.predict`` gives on them.
"""

import featurizers  # noqa: F401 (the library the bundle compiles; the featurizer comes from the Keras layer)

# __pragma__('skip')
from featurizers.training import datasets, models  # noqa: E402

MAX_TOKENS = 10000
SEQUENCE_LENGTH = 64
EPOCHS = 8
BATCH_SIZE = 32
SEED = 1
CLASS_WEIGHT = "balanced"  # 13% of the messages are spam

SAMPLES = [
    "Hi Tom, are we still on for lunch tomorrow? I'll bring the slides.",
    "WINNER!! You have been selected to receive a £900 prize reward! To claim call 09061701461. Valid 12 hours only.",
    "Ok lar... Joking wif u oni...",
    "URGENT! Your mobile number has won a FREE holiday. Text CLAIM to 87121 now",
]


def load_data(artifacts):
    return datasets.sms_spam(artifacts.build_dir, artifacts.root)


def keras_model(split):
    k = models.keras()
    vectorize = k.layers.TextVectorization(max_tokens=MAX_TOKENS, output_sequence_length=SEQUENCE_LENGTH, name="vectorize")
    vectorize.adapt(split.train_texts, batch_size=256)
    return k.Sequential(
        [
            k.Input(shape=(1,), dtype="string", name="text"),
            vectorize,
            k.layers.Embedding(MAX_TOKENS, 16, name="embedding"),
            k.layers.GlobalAveragePooling1D(name="average"),
            k.layers.Dense(16, activation="relu", name="hidden"),
            k.layers.Dense(len(split.labels), activation="softmax", name="scores"),
        ]
    )


# __pragma__('noskip')
