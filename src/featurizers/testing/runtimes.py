"""A featurizer run in each runtime: CPython here, Node and Chromium in processes that stay up.

Every run gives *outcomes*: ``("ok", output)`` or ``("error", class name, message)``, as the
bundle's errors carry the Python class name. Three kinds of run, the same in every runtime:

- ``batches``: one outcome per batch of inputs (a whole batch goes through at once, as a service
  calls ``transform``);
- ``items``: one outcome per input, each transformed alone (to find which input a failing batch
  fails on);
- ``trace``: for one batch, the outcome of each part of a config on the input the parts before it
  gave: a ``Pipeline``'s steps, then the ``Pipeline``; a ``Columns``' columns, then the ``Columns``;
  any other featurizer alone. The first part whose outcomes differ is where the runtimes part.

The JS side is ``js/parity_core.cjs``, behind ``js/node_runner.cjs`` in Node and a page in
Chromium (``_browser_worker``). A *target* says what runs there: ``{"bundle": PATH}`` (a pipeline
bundle's ``transform``) or ``{"library": PATH, "config": CONFIG}`` (``from_config(CONFIG)`` in a
featurizer library bundle, ``featurizers.testing.compile``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from featurizers.testing.exact import decode_outcome

JS_DIR = Path(__file__).resolve().parent / "js"
NODE_RUNNER = JS_DIR / "node_runner.cjs"
PARITY_CORE = JS_DIR / "parity_core.cjs"


# --- CPython ---------------------------------------------------------------------------------------


def python_outcome(run):
    """``("ok", run())`` or ``("error", class name, message)``."""
    try:
        return ("ok", run())
    except Exception as error:  # every Python exception is an outcome to compare
        return ("error", type(error).__name__, str(error))


def python_batches(transform, batches):
    return [python_outcome(lambda batch=batch: transform(batch)) for batch in batches]


def python_items(transform, batch):
    return [python_outcome(lambda item=item: transform([item])) for item in batch]


def config_transform(config):
    """``transform`` of ``from_config(config)`` in CPython (rebuilt once; a refused config makes
    every call raise its error, as in JS)."""
    from featurizers import from_config

    try:
        featurizer = from_config(json.loads(json.dumps(config)))
    except Exception as error:
        failure = error

        def refused(_batch):
            raise failure

        return refused
    return featurizer.transform


@dataclass
class TraceEntry:
    """One part of a config, in the order data flows, with its outcome in each runtime."""

    location: str  # e.g. "Pipeline.steps[2]" (the top: the type)
    type: str
    input: object  # what it was given in CPython
    python: tuple
    js: tuple | None = None

    def label(self):
        return self.location if self.location == self.type else f"{self.location} ({self.type})"


def _is_record(value):
    return isinstance(value, dict)


def python_trace(config, data, location=None, entries=None):
    """The ``TraceEntry``s of ``config`` on ``data`` in CPython (``parity_core.cjs``'s ``trace``)."""
    entries = [] if entries is None else entries
    kind = config.get("type") if isinstance(config, dict) else None
    here = location or str(kind)
    if kind == "Pipeline" and isinstance(config.get("steps"), list):
        value = data
        for k, step in enumerate(config["steps"]):
            outcome = python_trace(step, value, f"{here}.steps[{k}]", entries)[-1].python
            if outcome[0] != "ok":
                break
            value = outcome[1]
    elif kind == "Columns" and isinstance(config.get("columns"), list) and isinstance(data, list):
        for k, column in enumerate(config["columns"]):
            field = column[0] if isinstance(column, list) and column else None
            if isinstance(field, str) and all(_is_record(record) and field in record for record in data):
                python_trace(column[1], [record[field] for record in data], f"{here}.columns[{k}]", entries)
    entries.append(TraceEntry(here, kind, data, python_outcome(lambda: config_transform(config)(data))))
    return entries


# --- JS runtimes: processes that answer JSON Lines ---------------------------------------------------


class RunnerError(RuntimeError):
    """A JS runtime could not answer a request (a bundle that does not load, a process that died)."""


def to_json_line(request):
    """A request as one line of ASCII JSON: lone surrogates travel as ``\\udXXX`` escapes (which
    JSON.parse keeps as they are); NaN and Infinity, which JSON has not, are refused."""
    try:
        return json.dumps(request, ensure_ascii=True, allow_nan=False) + "\n"
    except ValueError:
        raise ValueError("the inputs must be JSON values: NaN and Infinity have no JSON spelling") from None


class JsonLinesProcess:
    """A process that reads one JSON request per line and writes one JSON response per line."""

    name = "the runtime"

    def __init__(self, command, cwd=None):
        self._stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, cwd=cwd)

    def request(self, **request):
        if self.process.poll() is not None:
            raise RunnerError(f"{self.name} has exited ({self.process.returncode}): {self._stderr_tail()}")
        try:
            self.process.stdin.write(to_json_line(request).encode("ascii"))
            self.process.stdin.flush()
        except BrokenPipeError:
            raise RunnerError(f"{self.name} has exited: {self._stderr_tail()}") from None
        line = self.process.stdout.readline()
        if not line:
            raise RunnerError(f"{self.name} exited: {self._stderr_tail()}")
        response = json.loads(line)
        if "fail" in response:
            fail = response["fail"]
            raise RunnerError(f"{self.name}: {fail['name']}: {fail['message']}")
        return response["ok"]

    def _stderr_tail(self):
        self._stderr.seek(0)
        return self._stderr.read()[-2000:].decode("utf-8", "replace").strip() or "(nothing on stderr)"

    def batches(self, target, batches):
        return [decode_outcome(outcome) for outcome in self.request(op="batches", target=target, batches=batches)]

    def items(self, target, batch):
        return [decode_outcome(outcome) for outcome in self.request(op="items", target=target, batch=batch)]

    def trace(self, target, batch):
        """``[(location, type, outcome)]`` of ``parity_core.cjs``'s ``trace``."""
        return [(e["location"], e["type"], decode_outcome(e["outcome"])) for e in self.request(op="trace", target=target, batch=batch)]

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self._stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def node_executable():
    """The ``node`` command the build uses (on PATH)."""
    node = shutil.which("node")
    if node is None:
        raise RunnerError("node is not on PATH: the parity check runs the JavaScript in Node")
    return node


class NodeRunner(JsonLinesProcess):
    """``js/node_runner.cjs`` in one Node process."""

    name = "Node"

    def __init__(self):
        super().__init__([node_executable(), str(NODE_RUNNER)])


# --- Chromium -----------------------------------------------------------------------------------------

# As root in a container, without the sandbox, and without background traffic (no network).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


def find_chromium():
    """The Chromium to run: ``$FEATURIZERS_CHROMIUM``, else Debian's ``/usr/bin/chromium`` or a
    Chromium or Chrome on PATH; None if there is none, or if Playwright is not installed."""
    import importlib.util

    if importlib.util.find_spec("playwright") is None:
        return None
    explicit = os.environ.get("FEATURIZERS_CHROMIUM")
    if explicit:
        return explicit
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


class BrowserRunner(JsonLinesProcess):
    """A page per library bundle in Chromium, driven by Playwright in a process of its own
    (``_browser_worker``), so that it never meets the caller's event loop or Playwright."""

    name = "Chromium"

    def __init__(self, chromium):
        super().__init__([sys.executable, "-m", "featurizers.testing._browser_worker", chromium])


__all__ = [
    "BrowserRunner",
    "NodeRunner",
    "RunnerError",
    "TraceEntry",
    "find_chromium",
    "python_batches",
    "python_items",
    "python_outcome",
    "python_trace",
]
