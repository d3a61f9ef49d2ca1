"""The parity gate: a bundle that disagrees with CPython is never written.

``build_package`` (the one build: ``make py=NAME``, ``featurizers build``, ``export_sklearn``,
``export_keras``) calls ``check_bundle`` after it has made the package in a staging folder and
before it moves it into place (``js_dist/NAME/``, or the folder an export was given). The gate requires the staged ``index.js`` in Node (what a service
loads), transforms a probe set with it and with the fitted config rebuilt in CPython
(``from_config``, as ``load_pipeline`` does), and compares every outcome exactly
(``featurizers.testing.exact``: ids equal, floats bit for bit, errors by class and message). The
probe set (``probe_cases``):

- what the caller gives (``pipeline_probe``): a pipeline module's ``SAMPLES`` and
  ``build/NAME/probe.json``, a deterministic slice of the training inputs (every k-th, about 300)
  that training writes; an export's ``samples``;
- the built-in adversarial set (``featurizers.testing.adversarial``): for text pipelines its texts
  (Unicode case traps, every whitespace, astral characters, prototype words, HTML, long runs,
  a text long enough to go through a Pipeline in parts) and the lone-surrogate strings, each
  alone, whose ``TypeError`` must be the same; for record pipelines, records like the first
  sample (or, with none, like ``record_like`` makes from a ``Columns`` config) with adversarial
  numbers in each field, and prototype-named fields.

On a difference it raises ``ParityGateFailed``, whose message is the kit's report (the first
differing input, both outputs, where they differ, and the pipeline step where the runtimes part:
the shipped bundle is sealed, so the steps are run from an unsealed library compiled from the same
sources, ``featurizers.testing.compile``). The same code is ``featurizers.testing``'s.
"""

from __future__ import annotations

import json
import time

from featurizers.testing import adversarial
from featurizers.testing.parity import find_mismatch, localize
from featurizers.testing.runtimes import NodeRunner, RunnerError, config_transform


LONE_SURROGATE = "a lone-surrogate string"


class ParityGateFailed(RuntimeError):
    """The built bundle gives other outputs than CPython on the probe set; nothing was written."""

    def __init__(self, name, mismatch, destination, reason=None):
        self.mismatch = mismatch
        what = reason or "would give other outputs in Node than CPython gives"
        report = mismatch.report() if mismatch is not None else ""
        super().__init__(
            f"parity gate: the bundle of {name} {what}, so nothing was written to {destination} "
            f"(the previous build, if any, is left as it was).\n{report}".rstrip()
        )


def pipeline_probe(artifacts, module):
    """``[(label, inputs)]`` a pipeline module gives the gate: its ``SAMPLES`` and the training
    slice (``build/NAME/probe.json``)."""
    cases = []
    samples = list(getattr(module, "SAMPLES", None) or [])
    if samples:
        cases.append(("SAMPLES", samples))
    if artifacts.probe_json.is_file():
        inputs = artifacts.read_json(artifacts.probe_json)["inputs"]
        if inputs:
            cases.append((f"the training slice ({artifacts.probe_json.relative_to(artifacts.root)})", inputs))
    return cases


def probe_cases(meta, given=(), config=None):
    """``[(label, batch)]``: what the gate runs: ``given`` (``[(label, inputs)]``, from the caller),
    then the adversarial set for the kind of input ``meta`` names (see the module's docstring).
    Adversarial records are made like the first record given, or, with none, like the record
    ``config`` reads (``record_like``)."""
    cases = [(label, list(batch)) for label, batch in given if len(batch)]
    if meta.get("input", "text") == "record":
        first = next((item for _label, batch in cases for item in batch if isinstance(item, dict)), None)
        if first is None and config is not None:
            first = record_like(config)
            if first is not None:
                cases.append(("the record made from the config", [first]))
        if first is not None:
            cases.append(("the adversarial records", adversarial.adversarial_records(first)))
    else:
        cases.append(("the adversarial texts", adversarial.texts()))
        for text in adversarial.lone_surrogates():
            cases.append((LONE_SURROGATE, [text]))
    return cases


_SAMPLE_TEXT = "Free entry: call 0800 now, or see https://example.com"


def record_like(config):
    """A record a ``Columns`` config (alone, or first in a ``Pipeline``) reads, its values taken
    from the fitted state: a category the encoder knows, a number inside the fitted range, a text
    for a text column; None for any other config."""
    if config.get("type") == "Pipeline" and config.get("steps"):
        config = config["steps"][0]
    if config.get("type") != "Columns":
        return None
    record = {}
    for field, column in config.get("columns", []):
        first = column["steps"][0] if column.get("type") == "Pipeline" and column.get("steps") else column
        if first.get("categories_"):
            record[field] = first["categories_"][0]
        elif first.get("type") in ("TextCleaner", "Tokenizer", "MailParser"):
            record[field] = _SAMPLE_TEXT
        else:
            state = [first.get(key) for key in ("mean_", "data_min_")]
            record[field] = next((value for value in state if isinstance(value, (int, float)) and not isinstance(value, bool)), 0.5)
    return record


def check_bundle(name, bundle, config, cases, library, log=print, destination=None):
    """Run the parity gate on the CommonJS ``bundle`` (a path); returns the seconds it took.
    ``library()`` gives the path of an unsealed library bundle with the pipeline's featurizers,
    asked for only on a difference (to run the steps one by one). ``destination``: where the
    package would have gone, for the message (default ``js_dist/NAME/``)."""
    destination = destination or f"js_dist/{name}/"
    started = time.perf_counter()
    if not cases:
        if log is not None:
            log(f"[{name}] parity gate: no inputs to run (records, and no samples to make them like): not gated; give samples")
        return 0.0
    config = json.loads(json.dumps(config))
    python_transform = config_transform(config)
    with NodeRunner() as runner:
        try:
            mismatch = find_mismatch(python_transform, runner, {"bundle": str(bundle)}, cases)
        except RunnerError as error:  # a bundle that does not even load
            raise ParityGateFailed(name, None, destination, f"cannot be run in Node ({error})") from None
        if mismatch is not None:
            localize(mismatch, config, runner, {"library": str(library()), "config": config}, sealed=True)
            raise ParityGateFailed(name, mismatch, destination)
    seconds = time.perf_counter() - started
    if log is not None:
        log(f"[{name}] parity gate: {summary(cases)}: the same in Node as in CPython ({seconds:.1f} s)")
    return seconds


def summary(cases):
    """``cases`` counted for a log line: "351 inputs (4 SAMPLES, 300 of the training slice ...)"."""
    parts = []
    for case, batch in cases:
        short = case.split(" (")[0].replace("the ", "", 1) if case != LONE_SURROGATE else "lone-surrogate strings"
        if parts and parts[-1][0] == short:
            parts[-1][1] += len(batch)
        else:
            parts.append([short, len(batch)])
    total = sum(len(batch) for _case, batch in cases)
    return f"{total} inputs (" + ", ".join(f"{count} {short}" for short, count in parts) + ")"
