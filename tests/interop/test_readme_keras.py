"""The README's Keras example runs as written: its Python trains and exports the package, its JS
(in Node, from the folder the Python ran in) gives the model's scores and the layer's ids."""

import json
import os
import re
import subprocess

import keras_support  # noqa: F401 (TensorFlow's environment, before anything imports it)
import numpy as np
from harness import ROOT


def readme_block(language, after):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(after) :]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_exports_and_predicts_as_keras(sms_split, tmp_path, monkeypatch):
    monkeypatch.setenv("FEATURIZERS_ROOT", str(ROOT))  # the project's node_modules build the package
    monkeypatch.chdir(tmp_path)
    scope = {"texts": sms_split.train_texts[:1500], "labels": [int(y == "spam") for y in sms_split.train_labels[:1500]]}
    exec(readme_block("python", "### Keras"), scope)
    model, vectorize = scope["model"], scope["vectorize"]
    assert [step["type"] for step in scope["featurizer"].get_config()["steps"]] == ["TextCleaner", "Tokenizer", "Vocabulary", "PadSequences"]

    script = "(async () => {\n" + readme_block("js", "### Keras") + "\nprocess.stdout.write(JSON.stringify({ranked, ids}));\n})();"
    env = {**os.environ, "NODE_PATH": str(ROOT / "node_modules")}
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    import tensorflow as tf

    text = tf.constant([["WIN a FREE prize"]])
    scores = model.predict(text, verbose=0)[0]
    assert out["ranked"][0]["label"] == ["ham", "spam"][int(np.argmax(scores))]
    assert max(abs(entry["score"] - float(scores[["ham", "spam"].index(entry["label"])])) for entry in out["ranked"]) < 1e-5
    assert out["ids"] == np.asarray(vectorize(text))[0].tolist()
