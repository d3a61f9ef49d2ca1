"""The parity core: run a featurizer in CPython and in a JS runtime on the same inputs, compare
exactly, and on a difference say where it is and where the two runtimes part.

Used by ``featurizers.testing.assert_same_in_node`` (your tests) and by the build's parity gate
(``featurizers.compiler.gate``), so both find and report a difference the same way:

1. ``find_mismatch`` transforms named batches of inputs in both runtimes, whole, and compares the
   outcomes (``exact``: ids equal, floats bit for bit, errors by class and message). A batch that
   raises on either side is run again input by input. The result is the first differing input,
   both outcomes for it, where in the output they differ, and how many inputs differ.
2. ``localize`` runs that input through the featurizer's parts in both runtimes (a ``Pipeline``
   step by step, a ``Columns`` column by column, rebuilt from their configs; ``runtimes``) and
   finds the first part whose outputs differ on the same input: where the runtimes part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from featurizers.testing.exact import Difference, first_difference, outcome_difference, show, show_around
from featurizers.testing.runtimes import config_transform, python_batches, python_items, python_outcome, python_trace


@dataclass
class Part:
    """The first part of a config whose outcomes differ on the same input."""

    label: str
    input: object
    python: tuple
    js: tuple
    difference: Difference


@dataclass
class Mismatch:
    """The first input on which the two runtimes differ, and what is known about it."""

    runtime: str  # "Node" or "Chromium"
    case: str  # the name of the batch it is in
    batch_size: int
    index: int | None  # in the batch; None when every input alone agrees and only the batch differs
    input: object
    python: tuple  # the outcome for that input: ("ok", row) or ("error", name, message)
    js: tuple
    difference: Difference
    differing: int | None = None  # how many inputs of the batch differ, when known
    part: Part | None = None
    notes: list = field(default_factory=list)

    def report(self):
        """What a failed check prints: the input, both outputs, where they differ, where they part."""
        lines = []
        if self.index is None:
            lines.append(f"{self.runtime} and CPython differ on the batch {self.case} ({self.batch_size} inputs), "
                         "though each input alone gives the same in both:")
        else:
            count = f"{self.differing} of the {self.batch_size}" if self.differing is not None else f"some of the {self.batch_size}"
            lines.append(f"{self.runtime} and CPython differ on {count} inputs of {self.case}; the first is item {self.index}:")
            lines.append(f"  input:{' ' * (_width(self.runtime) - 6)}{show(self.input)}")
        lines += _outcomes(self.python, self.js, self.difference, self.runtime, "  ")
        if self.part is not None:
            part = self.part
            lines.append(f"  where they part: {part.label}, given the same input in both (the parts before it agree):")
            lines.append(f"    its input: {show(part.input)}")
            lines += _outcomes(part.python, part.js, part.difference, self.runtime, "    ")
        lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)


def _width(runtime):
    return max(len("CPython:"), len(runtime) + 1, len("input:")) + 1


def _outcomes(python, js, difference, runtime, indent):
    width = _width(runtime)
    path = difference.path
    lines = [
        f"{indent}{'CPython:':<{width}}{show(python, path)}",
        f"{indent}{runtime + ':':<{width}}{show(js, path)}",
    ]
    if python[0] == "ok" and js[0] == "ok":
        where = f"at {difference.where()}: " if difference.path else ""
        if difference.at is not None:
            lines.append(f"{indent}they differ {where}{difference.detail}:")
            lines.append(f"{indent}  CPython {show_around(difference.python, difference.at)}")
            lines.append(f"{indent}  {runtime} {show_around(difference.js, difference.at)}")
        else:
            lines.append(f"{indent}they differ {where}CPython {show(difference.python)}, {runtime} {show(difference.js)} ({difference.detail})")
    return lines


def find_mismatch(python_transform, runner, target, cases, runtime="Node"):
    """The first ``Mismatch`` between ``python_transform`` (CPython) and ``target`` run by ``runner``
    over ``cases`` ([(name, batch)]), or None when every outcome is the same."""
    batches = [batch for _name, batch in cases]
    python = python_batches(python_transform, batches)
    js = runner.batches(target, batches)
    for (name, batch), p, j in zip(cases, python, js):
        difference = outcome_difference(p, j)
        if difference is None:
            continue
        rows = p[0] == "ok" and j[0] == "ok" and isinstance(p[1], list) and isinstance(j[1], list)
        if rows and len(p[1]) == len(j[1]) == len(batch) and difference.path:
            # Rows line up with inputs: the first differing row is the first differing input.
            index = difference.path[0]
            differing = sum(1 for a, b in zip(p[1], j[1]) if first_difference(a, b) is not None)
            row_difference = Difference(difference.path[1:], difference.python, difference.js, difference.detail, difference.at)
            return Mismatch(runtime, name, len(batch), index, batch[index], ("ok", p[1][index]), ("ok", j[1][index]), row_difference, differing)
        # An error on one side, or rows that do not line up: each input alone.
        python_alone = python_items(python_transform, batch)
        js_alone = runner.items(target, batch)
        differences = [outcome_difference(a, b) for a, b in zip(python_alone, js_alone)]
        indexes = [i for i, found in enumerate(differences) if found is not None]
        if indexes:
            i = indexes[0]
            return Mismatch(runtime, name, len(batch), i, batch[i], python_alone[i], js_alone[i], differences[i], len(indexes))
        return Mismatch(runtime, name, len(batch), None, batch, p, j, difference)
    return None


def localize(mismatch, config, runner, library_target, python_transform=None, sealed=False):
    """Set ``mismatch.part``: the first part of ``config`` whose outcomes differ on the mismatching
    input, rebuilt from the configs in CPython and by ``runner`` from ``library_target`` (an
    unsealed library bundle). ``python_transform``: what CPython ran, when it is not the config
    rebuilt (a featurizer object). ``sealed``: the mismatch came from a sealed pipeline bundle.
    Notes what is known when no part differs."""
    if mismatch.index is None:
        return mismatch
    batch = [mismatch.input]
    rebuilt = python_outcome(lambda: config_transform(config)(batch))
    if python_transform is not None:
        original = python_outcome(lambda: python_transform(batch))
        if outcome_difference(original, rebuilt) is not None:
            mismatch.notes.append(
                "in CPython itself, the featurizer and from_config(featurizer.get_config()) differ on this input: "
                "its config does not hold all it uses (the bundle rebuilds it from the config)"
            )
    entries = python_trace(config, batch)
    js_entries = runner.trace(library_target, batch)
    for entry, (location, _kind, js_outcome) in zip(entries, js_entries):
        if entry.location != location:
            break
        entry.js = js_outcome
        difference = outcome_difference(entry.python, js_outcome)
        if difference is not None:
            mismatch.part = Part(entry.label(), entry.input, entry.python, js_outcome, difference)
            return mismatch
    if sealed:
        mismatch.notes.append(
            "rebuilt from their configs in an unsealed library, every part gives the same in both runtimes: the "
            "difference comes from how the bundle was sealed (compiler/js/sealed_params.cjs, unreachable_methods.cjs)"
        )
    else:
        mismatch.notes.append("rebuilt from their configs, every part gives the same in both runtimes on this input alone")
    return mismatch
