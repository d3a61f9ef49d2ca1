"""The parity kit: check in your own tests that your featurizer gives the same in JavaScript.

::

    from featurizers.testing import assert_same_in_node, strategies
    from hypothesis import given

    def test_my_pipeline_is_the_same_in_node():
        assert_same_in_node("pipeline.py", ["Free money!!!", "see you at 10"])

    @given(strategies.batches(strategies.texts()))
    def test_my_featurizer_on_adversarial_text(texts):
        assert_same_in_node(Shouting(), texts)

``assert_same_in_node(featurizer_or_pipeline_file, inputs)`` compiles the featurizer (a built-in one,
one of your own in your module, or a pipeline module's ``make_featurizer()``) with Transcrypt and
Babel as the build does, runs it in CPython and in Node on ``inputs``, and compares exactly: ids
equal, floats bit for bit (``-0.0`` is not ``0.0``; NaN is NaN), errors by class and message. On a
difference it raises ``AssertionError`` with the first differing input, both outputs, where in
the output they differ, and the step where the runtimes part (a ``Pipeline`` is run step by step
in both). Where Chromium is present (and Playwright installed), it does the same in the browser.

The modules ``adversarial`` (the adversarial text set the project's own parity tests and the
build's parity gate use) and ``strategies`` (Hypothesis strategies for adversarial text;
Hypothesis is optional, imported only by ``strategies``) complete the kit.
"""

from __future__ import annotations

import atexit
import json
from pathlib import Path

from featurizers.testing.compile import CompileError, compile_library, module_file_featurizer, source_modules
from featurizers.testing.parity import Mismatch, find_mismatch, localize
from featurizers.testing.runtimes import BrowserRunner, NodeRunner, RunnerError, find_chromium

__all__ = ["CompileError", "Mismatch", "assert_same_in_node", "compare_in_node"]

_RUNNERS = {}


def _runner(kind, make):
    """One runner of each kind for the process (started again if it died)."""
    runner = _RUNNERS.get(kind)
    if runner is None or runner.process.poll() is not None:
        runner = make()
        _RUNNERS[kind] = runner
    return runner


@atexit.register
def _close_runners():
    for runner in _RUNNERS.values():
        runner.close()
    _RUNNERS.clear()


def _plain(inputs):
    """``inputs`` as a list of JSON values (a numpy array or pandas Series as its ``tolist()``)."""
    if hasattr(inputs, "tolist") and not isinstance(inputs, list):
        inputs = inputs.tolist()
    if isinstance(inputs, (str, bytes)) or not hasattr(inputs, "__iter__"):
        raise TypeError(f"inputs must be a list of inputs (texts, records ...), got {type(inputs).__name__}")
    try:
        return json.loads(json.dumps(list(inputs), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise TypeError(f"inputs must be JSON values (what a service sends the bundle): {error}") from None


def _prepared(featurizer_or_pipeline_file, inputs, fit):
    """(fitted featurizer, {module: file} to compile)."""
    from featurizers import from_config
    from featurizers.base import Featurizer

    if isinstance(featurizer_or_pipeline_file, (str, Path)):
        featurizer, modules = module_file_featurizer(featurizer_or_pipeline_file)
    elif isinstance(featurizer_or_pipeline_file, Featurizer):
        featurizer = featurizer_or_pipeline_file
        modules = source_modules(featurizer)
    else:
        raise TypeError(
            "assert_same_in_node takes a featurizer or the path of a pipeline module, got "
            f"{type(featurizer_or_pipeline_file).__name__}"
        )
    if not featurizer.is_fitted():
        # Fitted on a copy rebuilt from its config, so the caller's object stays as it was.
        featurizer = from_config(featurizer.get_config())
        featurizer.fit(inputs if fit is None else _plain(fit))
    return featurizer, modules


def compare_in_node(featurizer_or_pipeline_file, inputs, *, fit=None, browser=None, root=None):
    """The first ``Mismatch`` between CPython and Node (then Chromium, see ``assert_same_in_node``)
    on ``inputs``, or None when they agree. Raises ``AssertionError`` for a featurizer that cannot
    be compiled or a config outside the portable subset."""
    from featurizers.compiler.check.configs import UnportableConfig, refuse_unportable

    inputs = _plain(inputs)
    featurizer, modules = _prepared(featurizer_or_pipeline_file, inputs, fit)
    config = json.loads(json.dumps(featurizer.get_config()))
    try:
        refuse_unportable(config)
    except UnportableConfig as error:
        raise AssertionError(str(error)) from None
    chromium = _chromium(browser)
    library = compile_library(modules, root, browser=chromium is not None)
    runs = [("Node", lambda: _runner("node", NodeRunner), str(library.node))]
    if chromium is not None:
        runs.append(("Chromium", lambda: _runner(("chromium", chromium), lambda: BrowserRunner(chromium)), str(library.browser)))
    for runtime, runner_of, path in runs:
        runner = runner_of()
        target = {"library": path, "config": config}
        mismatch = find_mismatch(featurizer.transform, runner, target, [("the batch given", inputs)], runtime)
        if mismatch is not None:
            return localize(mismatch, config, runner, target, featurizer.transform)
    return None


def _chromium(browser):
    if browser is False:
        return None
    chromium = find_chromium()
    if chromium is None and browser:
        raise RuntimeError(
            "browser=True, but there is no Chromium to run: install Playwright (pip install playwright) and Chromium "
            "(Debian: apt-get install chromium), or set $FEATURIZERS_CHROMIUM to a Chromium or Chrome executable"
        )
    return chromium


def assert_same_in_node(featurizer_or_pipeline_file, inputs, *, fit=None, browser=None, root=None):
    """Assert that the featurizer gives exactly the same outputs (or errors) in Node as in CPython.

    ``featurizer_or_pipeline_file``: a featurizer object (built-in, or a class of your own, defined
    in a module of restricted Python and registered with ``featurizers.register``), or the path of
    a pipeline module (its ``make_featurizer()``). A featurizer that is not fitted is fitted first,
    in CPython, on a copy, on ``fit`` (default: ``inputs``); pass a fitted one (``load_pipeline``)
    to check the state you trained.

    ``inputs``: a list of inputs (texts, records), JSON values as a service sends them. Both
    runtimes transform them as one batch; an error on either side is compared input by input.

    ``browser``: None (default) also runs the check in Chromium when there is one (Debian's
    ``/usr/bin/chromium``, a Chromium or Chrome on PATH, or ``$FEATURIZERS_CHROMIUM``) and
    Playwright is installed; True requires it; False skips it. ``root``: the folder whose
    ``node_modules`` holds Babel and esbuild (by default this checkout, ``$FEATURIZERS_ROOT``, or
    the current folder).

    Raises ``AssertionError`` with the report of ``Mismatch.report()`` on a difference, and with
    the checker's findings for a featurizer that cannot be compiled as it is.
    """
    try:
        mismatch = compare_in_node(featurizer_or_pipeline_file, inputs, fit=fit, browser=browser, root=root)
    except RunnerError as error:
        raise AssertionError(f"the JavaScript side could not run: {error}") from None
    if mismatch is not None:
        raise AssertionError(mismatch.report())
