"""Predict latency of the flagship in CPython with Keras, the Node numbers' counterpart (run by run.py
in a process of its own, so that TensorFlow's import and threads stay out of the other measurements):

    python bench/keras_latency.py TEXTS.json SINGLE_CALLS BATCH_REPEAT

Loads build/pipeline/keras/model.keras with tf_keras (``models.load_model``) and the fitted featurizer; one
call is transform(texts) then model(x), as the Node bundle's predict does. Prints
{"single_ms": [...], "batch_ms": [...]}.
"""

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

from featurizers import load_pipeline  # noqa: E402
from featurizers.training import models  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main():
    texts_path, single_calls, batch_repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    featurizer = load_pipeline("pipeline", ROOT)
    model = models.load_model(ROOT / "build" / "pipeline" / "keras" / "model.keras")

    def predict(batch):
        x = np.asarray(featurizer.transform(batch), dtype=np.int32)
        return np.asarray(model(x, training=False))

    for i in range(100):  # warm-up: tf.function tracing, allocator
        predict([texts[i % len(texts)]])
    predict(texts)
    single = []
    for i in range(single_calls):
        text = texts[i % len(texts)]
        start = time.perf_counter()
        predict([text])
        single.append((time.perf_counter() - start) * 1e3)
    batch = []
    for _ in range(batch_repeat):
        start = time.perf_counter()
        predict(texts)
        batch.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({"single_ms": single, "batch_ms": batch}))


if __name__ == "__main__":
    main()
