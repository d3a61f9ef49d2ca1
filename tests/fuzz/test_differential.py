"""Differential fuzzing: every featurizer, on generated hostile text, in CPython and in Node, compared exactly.

Hypothesis draws batches of 50-200 texts (token lists for Vocabulary, id sequences for
PadSequences): text from every Unicode plane, surrogate pairs, combining marks, ZWJ sequences,
every whitespace, control and format character, prototype-named tokens, e-mail headers, long
runs. Each batch crosses to the one long-lived Node worker in a single request per run; outputs
(and configs, for what is fitted) must be equal, and errors must be the same class and message.

A divergence fails with Hypothesis' minimal failing batch, then narrowed here to the fewest rows
and characters that still diverge, printed with ascii(): the input, Python's and Node's result.
Accepted divergences are listed, with their reason, in ``known_divergences.json``; exactly those
inputs are left out of the comparison. The list is meant to stay empty.

``HYPOTHESIS_PROFILE`` (``ci``, the default, or ``fuzz``) and ``FUZZ_TEXTS`` set how many texts
each featurizer compares (``conftest.py``).
"""

import ast
import json
import math
import time
import zlib
from pathlib import Path

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from featurizers import from_config
from fuzz import strategies as gen

LEDGER = Path(__file__).with_name("known_divergences.json")
FEATURIZERS = ["EmailBody", "EmailBody MIME", "TextCleaner", "Tokenizer", "Vocabulary", "PadSequences", "Pipeline"]
SHOWN = 600  # characters of one ascii() value in a report


# --- the known-divergence ledger ---------------------------------------------------------------------


def _key(value):
    return json.dumps(value, ensure_ascii=True)


def load_ledger():
    """{featurizer: {input key: reason}} from known_divergences.json."""
    entries = json.loads(LEDGER.read_text(encoding="utf-8"))
    ledger = {}
    for entry in entries:
        value = ast.literal_eval(entry["input"])
        ledger.setdefault(entry["featurizer"], {})[_key(value)] = entry["reason"]
    return ledger


def test_the_known_divergence_ledger_is_well_formed():
    entries = json.loads(LEDGER.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    for entry in entries:
        assert set(entry) == {"featurizer", "input", "reason"}, entry
        assert entry["featurizer"] in FEATURIZERS, entry
        value = ast.literal_eval(entry["input"])
        assert isinstance(value, (str, list)), entry
        assert entry["input"] == ascii(value), f"input must be written as ascii(value): {entry}"
        assert entry["reason"].strip(), entry


# --- running one batch in both runtimes --------------------------------------------------------------


def _json(value):
    return json.loads(json.dumps(value))


def python_outcome(config, data, fit=None):
    """("ok", output, config after) or ("error", class name, message): from_config, [fit], transform."""
    try:
        featurizer = from_config(_json(config))
        if fit is not None:
            featurizer.fit(fit)
        output = featurizer.transform(data)
        return ("ok", _json(output), _json(featurizer.get_config()))
    except Exception as error:
        return ("error", type(error).__name__, str(error))


def js_outcome(node, library, config, data, fit=None):
    """The same steps in the Node worker, the same shape."""
    try:
        output, config_after = node.featurizer(library, config, data, fit=fit)
    except Exception as error:
        if not (hasattr(error, "name") and hasattr(error, "message")):  # not a JS error: the worker broke
            raise
        return ("error", error.name, error.message)
    return ("ok", output, config_after)


class Run:
    """One way of running a featurizer on a batch of rows in both runtimes.

    ``fit``: None (stateless, or already fitted), ``"both"`` (each runtime fits on the fit rows)
    or ``"python"`` (Python fits, Node gets Python's fitted config and only transforms). The fit
    rows are every other row, so half of the transformed rows hold unseen tokens.
    """

    def __init__(self, featurizer, config, fit=None):
        self.featurizer = featurizer
        self.config = config
        self.fit = fit

    def describe(self):
        how = {
            None: "",
            "both": ", fitted in each runtime on rows 0, 2, 4, ...",
            "python": ", fitted in Python on rows 0, 2, 4, ..., transformed in Node",
        }
        return f"{self.featurizer}{how[self.fit]}; config {json.dumps(self.config, ensure_ascii=True)}"

    def outcomes(self, node, library, rows):
        fit_rows = rows[::2] if self.fit else None
        python = python_outcome(self.config, rows, fit_rows)
        if self.fit == "python" and python[0] == "ok":
            return python, js_outcome(node, library, python[2], rows)
        return python, js_outcome(node, library, self.config, rows, fit_rows)

    def diverges(self, node, library, rows):
        python, js = self.outcomes(node, library, rows)
        return python != js


class Divergence(AssertionError):
    """Python and Node disagree on a batch; ``report()`` narrows it to a minimal reproducer."""

    def __init__(self, run, rows, python, js):
        self.run, self.rows, self.python, self.js = run, rows, python, js
        super().__init__(f"{run.describe()}\n{describe_outcomes(rows, python, js)}")


def _shown(value):
    text = ascii(value)
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}... ({len(text):,} characters)"


def describe_outcomes(rows, python, js):
    """The rows whose results differ (all rows when an error or a config differs), as ascii literals."""
    lines = []
    if python[0] == js[0] == "ok" and python[2] == js[2] and len(python[1]) == len(js[1]) == len(rows):
        differing = [i for i in range(len(rows)) if python[1][i] != js[1][i]]
        lines.append(f"{len(differing)} of {len(rows)} rows differ")
        for i in differing[:3]:
            lines += [f"  row {i} input:  {_shown(rows[i])}", f"    python: {_shown(python[1][i])}", f"    js:     {_shown(js[1][i])}"]
        return "\n".join(lines)
    lines.append(f"input ({len(rows)} rows): {_shown(rows)}")
    if python[0] == js[0] == "ok":
        if python[1] != js[1]:
            lines += [f"  python output: {_shown(python[1])}", f"  js output:     {_shown(js[1])}"]
        if python[2] != js[2]:
            lines += [f"  python config: {_shown(python[2])}", f"  js config:     {_shown(js[2])}"]
    else:
        lines += [f"  python: {_shown(python)}", f"  js:     {_shown(js)}"]
    return "\n".join(lines)


# --- narrowing a failing batch -----------------------------------------------------------------------


class Budget:
    def __init__(self, calls, seconds):
        self.calls, self.deadline = calls, time.monotonic() + seconds

    def spend(self):
        self.calls -= 1
        return self.calls >= 0 and time.monotonic() < self.deadline


def shrink(items, still_fails, budget, keep=1):
    """Delta debugging: drop chunks of ``items`` (halves, ... single items, then pairs) while it still fails.

    At least ``keep`` items stay.
    """
    if keep == 0 and items and budget.spend() and still_fails([]):
        return []
    chunks = 2
    while len(items) > 1:
        size = math.ceil(len(items) / chunks)
        for start in range(0, len(items), size):
            candidate = items[:start] + items[start + size :]
            if not budget.spend():
                return items
            if still_fails(candidate):
                items = candidate
                chunks = max(chunks - 1, 2)
                break
        else:
            if size > 1:
                chunks = min(len(items), chunks * 2)
                continue
            # No single item can go; two neighbours together may (a fit on every other row).
            for start in range(len(items) - 1):
                candidate = items[:start] + items[start + 2 :]
                if len(candidate) < keep or not budget.spend():
                    return items
                if still_fails(candidate):
                    items = candidate
                    break
            else:
                return items
    return items


def narrow(node, library, run, rows):
    """The fewest rows, then the fewest characters (tokens, ids) of each row, that still diverge; repeated."""
    budget = Budget(calls=4_000, seconds=120)
    rows = list(rows)
    while True:
        before = rows
        rows = shrink(rows, lambda candidate: run.diverges(node, library, candidate), budget)
        for i in range(len(rows)):
            row = rows[i]
            parts = shrink(
                list(row),
                lambda candidate: run.diverges(node, library, rows[:i] + [_rebuild(row, candidate)] + rows[i + 1 :]),
                budget,
                keep=0,
            )
            rows = rows[:i] + [_rebuild(row, parts)] + rows[i + 1 :]
        if rows == before or budget.calls <= 0:
            return rows


def _rebuild(row, parts):
    return "".join(parts) if isinstance(row, str) else list(parts)


def report(node, library, divergence):
    rows = narrow(node, library, divergence.run, divergence.rows)
    python, js = divergence.run.outcomes(node, library, rows)
    return (
        f"DIVERGENCE: {divergence.run.describe()}\n"
        f"Hypothesis' minimal failing batch ({len(divergence.rows)} rows):\n{describe_outcomes(divergence.rows, divergence.python, divergence.js)}\n"
        f"Narrowed to {len(rows)} row(s), python vs js:\n{describe_outcomes(rows, python, js)}\n"
        f"Minimal input: {ascii(rows[0]) if len(rows) == 1 else ascii(rows)}"
    )


# --- the driver: rounds of Hypothesis examples until the budget of texts is compared -----------------


def fuzz(node, library, fuzz_budget, featurizer, example_strategy, runs_of):
    """Draw examples ``(rows, ...)`` until ``fuzz_budget.texts`` rows were compared for ``featurizer``.

    ``runs_of(example)`` gives the ``Run``s to compare on the example's rows. Rows listed in the
    ledger are left out. Raises AssertionError with a narrowed reproducer on a divergence.
    """
    __tracebackhide__ = True
    skipped = load_ledger().get(featurizer, {})
    compared = [0, 0]  # rows, batches

    def check(example):
        rows = [row for row in example[0] if _key(row) not in skipped]
        for run in runs_of(example):
            python, js = run.outcomes(node, library, rows)
            if python != js:
                raise Divergence(run, rows, python, js)
        compared[0] += len(rows)
        compared[1] += 1

    round_ = 0
    while compared[0] < fuzz_budget.texts:
        examples = math.ceil((fuzz_budget.texts - compared[0]) / fuzz_budget.expected_batch) + 1
        # A new function each round (settings apply once); its own seed and database key per featurizer.
        def body(example):
            check(example)

        body._hypothesis_internal_add_digest = featurizer.encode()
        test = given(example_strategy)(settings(fuzz_budget.settings, max_examples=examples)(body))
        if fuzz_budget.derandomized:
            test = seed(zlib.crc32(f"{featurizer} round {round_}".encode()))(test)
        try:
            test()
        except Divergence as divergence:
            raise _failure([divergence], node, library) from None
        except BaseExceptionGroup as group:  # Hypothesis found several distinct failures
            divergences = group.subgroup(Divergence)
            if divergences is None:
                raise
            raise _failure(list(_leaves(divergences)), node, library) from None
        round_ += 1
    fuzz_budget.compared[featurizer] = compared
    print(f"{featurizer}: {compared[0]:,} texts in {compared[1]} batches compared")
    assert compared[0] >= fuzz_budget.texts


def _failure(divergences, node, library):
    """One AssertionError: each divergence narrowed, then Hypothesis' notes (its falsifying example)."""
    failure = AssertionError("\n\n".join(report(node, library, d) for d in divergences))
    for divergence in divergences:
        for note in getattr(divergence, "__notes__", []):
            failure.add_note(note)
    return failure


def _leaves(group):
    for error in group.exceptions:
        if isinstance(error, BaseExceptionGroup):
            yield from _leaves(error)
        else:
            yield error


# --- one test per featurizer -------------------------------------------------------------------------


def test_email_body(node, library, fuzz_budget):
    fuzz(node, library, fuzz_budget, "EmailBody", st.tuples(gen.email_batches), lambda example: [Run("EmailBody", {"type": "EmailBody"})])


def test_email_body_on_mime_messages(node, library, fuzz_budget):
    fuzz(node, library, fuzz_budget, "EmailBody MIME", st.tuples(gen.mime_batches), lambda example: [Run("EmailBody", {"type": "EmailBody"})])


def test_text_cleaner_with_default_and_drawn_params(node, library, fuzz_budget):
    default = {"type": "TextCleaner"}
    fuzz(
        node,
        library,
        fuzz_budget,
        "TextCleaner",
        st.tuples(gen.text_batches, gen.cleaner_configs),
        lambda example: [Run("TextCleaner", default), Run("TextCleaner", example[1])],
    )


def test_tokenizer(node, library, fuzz_budget):
    fuzz(node, library, fuzz_budget, "Tokenizer", st.tuples(gen.text_batches), lambda example: [Run("Tokenizer", {"type": "Tokenizer"})])


def test_vocabulary_fitted_in_python_and_fitted_in_node(node, library, fuzz_budget):
    fuzz(
        node,
        library,
        fuzz_budget,
        "Vocabulary",
        st.tuples(gen.token_list_batches, gen.vocabulary_configs),
        lambda example: [Run("Vocabulary", example[1], fit="python"), Run("Vocabulary", example[1], fit="both")],
    )


def test_pad_sequences(node, library, fuzz_budget):
    fuzz(
        node,
        library,
        fuzz_budget,
        "PadSequences",
        st.tuples(gen.sequence_batches, gen.pad_configs),
        lambda example: [Run("PadSequences", example[1])],
    )


def test_pipeline_fitted_in_python_and_fitted_in_node(node, library, fuzz_budget):
    fuzz(
        node,
        library,
        fuzz_budget,
        "Pipeline",
        st.tuples(gen.email_batches, gen.pipeline_configs()),
        lambda example: [Run("Pipeline", example[1], fit="python"), Run("Pipeline", example[1], fit="both")],
    )
