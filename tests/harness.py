"""The parity harness: the project's paths and one long-lived Node worker (tests/node_worker.cjs).

Imported by conftest.py and by tests as ``harness``, so that there is one ``NodeError`` class.
"""

import json
import sqlite3
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NodeError(Exception):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class Compiled:
    """A pattern to send to ``NodeWorker.portable``, compiled there with ``portable.compile``."""

    def __init__(self, pattern):
        self.pattern = pattern


class NodeWorker:
    """Requests to ``tests/node_worker.cjs`` over pipes; see that file for the protocol."""

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(ROOT / "tests" / "node_worker.cjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )

    def request(self, **request):
        # ensure_ascii: lone surrogates travel as \\udXXX escapes, which JSON.parse keeps as they are.
        self.process.stdin.write(json.dumps(request, ensure_ascii=True).encode("ascii") + b"\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the Node worker exited")
        response = json.loads(line)
        if "error" in response:
            raise NodeError(response["error"]["name"], response["error"]["message"])
        return response["ok"]

    def transform(self, bundle, texts):
        return self.request(op="transform", bundle=str(bundle), data=texts)

    def predict(self, bundle, texts, top_k=None):
        return self.request(op="predict", bundle=str(bundle), data=texts, topK=top_k)

    def featurizer(self, library, config, data, fit=None):
        """Run ``from_config(config)`` in Node, fit it on ``fit`` if given; returns (output, config)."""
        result = self.request(op="featurizer", library=str(library), config=config, fit=fit, data=data)
        return result["output"], result["config"]

    def fit_batches(self, library, config, batches):
        """In Node: fit ``from_config(config)`` from the statistics of each batch, merged from the
        last batch to the first; returns the fitted config (a -0.0 in it as the str "-0.0")."""
        return self.request(op="fit_batches", library=str(library), config=config, batches=batches)["config"]

    def host(self, library, function, *args):
        """Call the host primitive ``featurizers._host.<function>`` in Node."""
        return self.request(op="host", library=str(library), function=function, args=list(args))

    def portable(self, library, name, *args, each=False):
        """``featurizers.portable.<name>(*args)`` in Node (its value, for a constant); with
        ``each``, the call for each item of ``args[0]``. An argument ``Compiled(p)`` is
        ``portable.compile(p)`` there; a name Transcrypt renames (``split``) is called as renamed."""
        from featurizers.compiler.check import TRANSCRYPT_RENAMED

        name = f"py_{name}" if name in TRANSCRYPT_RENAMED else name
        wire = [{"$pattern": arg.pattern} if isinstance(arg, Compiled) else arg for arg in args]
        return self.request(op="portable", library=str(library), function=name, args=wire, each=each)

    def model(self, model_dir, rows):
        """A tfjs layers model's outputs on float32 ``rows``, in Node (the wasm backend)."""
        return self.request(op="model", model=str(model_dir), rows=rows)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --- featurizer outcomes in both runtimes ------------------------------------------------------


def strict_json(value):
    """``value`` as it comes back from strict JSON text, or raise ValueError for NaN and Infinity."""
    return json.loads(json.dumps(value, allow_nan=False))


def python_outcome(config, data, fit=None):
    """("ok", output, config after) of from_config(config), [fit(fit)], transform(data) in Python,
    both as strict JSON carries them; else (exception class name, message)."""
    from featurizers import from_config

    try:
        featurizer = from_config(strict_json(config))
        if fit is not None:
            featurizer.fit(fit)
        output, config_after = featurizer.transform(data), featurizer.get_config()
    except Exception as error:
        return type(error).__name__, str(error)
    try:
        return "ok", strict_json(output), strict_json(config_after)
    except ValueError:
        return "not JSON (NaN or Infinity)", repr(output), repr(config_after)


def js_outcome(node, library, config, data, fit=None):
    """The same steps in Node: ("ok", output, config after) or (error name, message)."""
    try:
        output, config_after = node.featurizer(library, config, data, fit=fit)
    except NodeError as error:
        return error.name, error.message
    return "ok", output, config_after


def spam_assassin_texts(every=1):
    """Every ``every``-th message of the SpamAssassin corpus that ``make py=pipeline`` stored, in
    group then id order."""
    import pytest

    corpus = ROOT / "build" / "pipeline" / "corpus.sqlite"
    if not corpus.is_file():  # sqlite3 would create an empty database and fail on the query
        pytest.fail(f"{corpus} is missing: run `make py=pipeline` (make test does it first)")
    with sqlite3.connect(corpus) as db:
        texts = [
            row[0] for row in db.execute("SELECT text FROM messages WHERE source = 'spamassassin' ORDER BY grp, id")
        ]
    return texts[::every]


def keras_disagreement(artifacts, node, texts, features, dtype, labels):
    """How the bundle's predictions (``node.predict``) differ from the Keras model's on ``features``:
    (the indexes whose top label differs, the largest score difference)."""
    import numpy as np

    from featurizers.training import models

    model = models.load_model(artifacts.keras_model)
    python_scores = model.predict(np.asarray(features, dtype=dtype), verbose=0)
    js_predictions = node.predict(artifacts.bundle, texts)
    assert len(js_predictions) == len(texts)
    top_label_mismatches = [
        i for i, ranked in enumerate(js_predictions) if ranked[0]["label"] != labels[int(python_scores[i].argmax())]
    ]
    worst = max(
        abs(entry["score"] - float(python_scores[i][labels.index(entry["label"])]))
        for i, ranked in enumerate(js_predictions)
        for entry in ranked
    )
    return top_label_mismatches, worst


def email_parts(message, part_chars):
    """The parts EmailBody gives a Pipeline for one long ``message`` (``EmailBody._pieces``), with
    ``mail.PART_CHARS`` set to ``part_chars`` so that short messages are cut too."""
    import pytest

    from featurizers import EmailBody, mail

    given_out = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mail, "PART_CHARS", part_chars)
        take = EmailBody()._pieces(True, given_out.append)
        take(message)
        take(None)
    return given_out
