"""The parity gate: a bundle that disagrees with CPython is never written.

``build`` calls ``check_bundle`` after it has made the package in a staging folder and before it
moves it into ``js_dist/``. The gate requires the staged ``index.js`` in Node (what a service
loads), transforms a probe set with it and with the fitted config rebuilt in CPython
(``from_config``, as ``load_pipeline`` does), and compares every outcome exactly
(``featurizers.testing.exact``: ids equal, floats bit for bit, errors by class and message). The
probe set (``probe_cases``):

- the pipeline module's ``SAMPLES``;
- ``build/NAME/probe.json``: a deterministic slice of the training inputs (every k-th, about 300),
  which training writes (an importer that calls ``build`` may write one too);
- the built-in adversarial set (``featurizers.testing.adversarial``): for text pipelines its texts
  (Unicode case traps, every whitespace, astral characters, prototype words, HTML, long runs,
  a text long enough to go through a Pipeline in parts) and the lone-surrogate strings, each
  alone, whose ``TypeError`` must be the same; for record pipelines, records like the first
  sample with adversarial numbers in each field, and prototype-named fields.

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


def probe_cases(artifacts, module, meta):
    """``[(name, batch)]``: what the gate runs (see the module's docstring)."""
    cases = []
    samples = list(getattr(module, "SAMPLES", None) or [])
    if samples:
        cases.append(("SAMPLES", samples))
    if artifacts.probe_json.is_file():
        inputs = artifacts.read_json(artifacts.probe_json)["inputs"]
        if inputs:
            cases.append((f"the training slice ({artifacts.probe_json.relative_to(artifacts.root)})", inputs))
    if meta.get("input", "text") == "record":
        first = next((item for _name, batch in cases for item in batch if isinstance(item, dict)), None)
        if first is not None:
            cases.append(("the adversarial records", adversarial.adversarial_records(first)))
    else:
        cases.append(("the adversarial texts", adversarial.texts()))
        for text in adversarial.lone_surrogates():
            cases.append((LONE_SURROGATE, [text]))
    return cases


def check_bundle(name, bundle, config, cases, library, log=print):
    """Run the parity gate on the CommonJS ``bundle`` (a path); returns the seconds it took.
    ``library()`` gives the path of an unsealed library bundle with the pipeline's featurizers,
    asked for only on a difference (to run the steps one by one)."""
    started = time.perf_counter()
    config = json.loads(json.dumps(config))
    python_transform = config_transform(config)
    with NodeRunner() as runner:
        try:
            mismatch = find_mismatch(python_transform, runner, {"bundle": str(bundle)}, cases)
        except RunnerError as error:  # a bundle that does not even load
            raise ParityGateFailed(name, None, f"js_dist/{name}/", f"cannot be run in Node ({error})") from None
        if mismatch is not None:
            localize(mismatch, config, runner, {"library": str(library()), "config": config}, sealed=True)
            raise ParityGateFailed(name, mismatch, f"js_dist/{name}/")
    seconds = time.perf_counter() - started
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
