"""The README's scikit-learn example runs as written: its Python exports the package, its JS
(in Node, from the folder the Python ran in) gives scikit-learn's scores, label and row."""

import json
import os
import re
import subprocess

import numpy as np
from harness import ROOT


def readme_block(language, after):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(after) :]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_exports_and_predicts_as_scikit_learn(sms, tmp_path, monkeypatch):
    train, labels, _held_out, _ = sms
    monkeypatch.setenv("FEATURIZERS_ROOT", str(ROOT))  # the project's node_modules build the package
    monkeypatch.chdir(tmp_path)
    scope = {"texts": train, "labels": labels}
    exec(readme_block("python", "### scikit-learn"), scope)
    sk = scope["sk"]
    assert [type(step).__name__ for step in scope["featurizer"].steps] == ["TextCleaner", "Tokenizer", "Vocabulary", "TfIdf"]

    script = "(async () => {\n" + readme_block("js", "### scikit-learn") + (
        "\nprocess.stdout.write(JSON.stringify({ranked, row: Array.from(row), kind: spam.scoreKind}));\n})();"
    )
    env = {**os.environ, "NODE_PATH": str(ROOT / "node_modules")}
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    text = ["WIN a FREE prize"]
    proba = sk.predict_proba(text)[0]
    classes = list(sk.classes_)
    assert out["ranked"][0]["label"] == sk.predict(text)[0]
    assert max(abs(entry["score"] - proba[classes.index(entry["label"])]) for entry in out["ranked"]) < 1e-6
    assert np.max(np.abs(np.asarray(out["row"]) - sk[0].transform(text).toarray()[0])) <= 1e-12
    assert out["kind"] == "probability"
