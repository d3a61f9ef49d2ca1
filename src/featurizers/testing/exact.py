"""Exact comparison of featurizer outputs across runtimes: ids equal, floats bit for bit.

Python's output and the JS output (as ``js/parity_core.cjs`` encodes it) are compared structurally:

- a list of numbers (a JS ``Array`` of numbers or a ``Float64Array``; a Python list of ints and
  floats) is compared as the IEEE doubles it holds, bit for bit: ``-0.0`` differs from ``0.0``,
  ``NaN`` equals ``NaN`` (whatever its payload), an int equals the double of the same value (JS
  has one number type), and an int beyond 2**53 equals nothing JS can hold;
- strings, ``None``/``null``, booleans and nested lists and dicts, exactly (``True`` is not ``1``).

``first_difference(python, js)`` gives the first place they differ (a path of list indexes and
dict keys) or None. JSON cannot carry NaN, the infinities or the sign of a zero, so JS outcomes
travel in the encoding ``decode`` reads; ``show`` prints a value around a path for a report.
"""

from __future__ import annotations

import base64
import math
from array import array
from dataclasses import dataclass

SAFE_INT = 2**53 - 1
SHOWN_CHARS = 240  # of a string or a list in a report, around the difference


class Doubles:
    """A list of numbers as the float64 bytes a JS ``Float64Array`` holds (little-endian)."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data

    def values(self):
        doubles = array("d")
        doubles.frombytes(self.data)
        return doubles

    def __len__(self):
        return len(self.data) // 8

    def __repr__(self):
        return repr([js_number(value) for value in self.values()])


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def decode(value):
    """A JS outcome value (``parity_core.cjs``'s encoding, after ``json.loads``) in Python terms."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if "$f64" in value:
            return Doubles(base64.b64decode(value["$f64"]))
        if "$f64s" in value:
            length, positions, values = value["$f64s"]
            return Doubles(_sparse_doubles(length, base64.b64decode(positions), base64.b64decode(values)))
        if "$num" in value:
            return float(value["$num"].replace("Infinity", "inf").replace("NaN", "nan"))
        if "$dict" in value:
            return {key: decode(item) for key, item in value["$dict"].items()}
        if "$undefined" in value:
            return Undefined()
        return Unknown(value.get("$unknown"))
    return value


class Undefined:
    """JS ``undefined`` (which no Python value is)."""

    def __eq__(self, other):
        return isinstance(other, Undefined)

    def __repr__(self):
        return "undefined"


class Unknown:
    """A JS value of another kind (a function, a symbol ...)."""

    def __init__(self, kind):
        self.kind = kind

    def __repr__(self):
        return f"<JS {self.kind}>"


def _sparse_doubles(length, positions, values):
    """The float64 bytes of ``length`` numbers, +0 but for ``values`` at ``positions``."""
    doubles = array("d", bytes(8 * length))
    indexes = array("I")
    indexes.frombytes(positions)
    kept = array("d")
    kept.frombytes(values)
    for index, value in zip(indexes, kept):
        doubles[index] = value
    return doubles.tobytes()


def decode_outcome(outcome):
    """``("ok", value)`` or ``("error", name, message)`` from a JS outcome."""
    if "ok" in outcome:
        return ("ok", decode(outcome["ok"]))
    return ("error", outcome["error"][0], outcome["error"][1])


def as_doubles(value):
    """``value`` as ``Doubles`` when it is a list of numbers that doubles hold exactly (or already
    ``Doubles``); None otherwise."""
    if isinstance(value, Doubles):
        return value
    if hasattr(value, "tolist") and not isinstance(value, (list, tuple)):  # numpy arrays
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        return None
    kinds = set(map(type, value))  # at C speed: a TF-IDF row is 10,000 floats
    if not kinds <= {int, float}:
        return None
    if int in kinds and any(type(item) is int and not -SAFE_INT <= item <= SAFE_INT for item in value):
        return None  # a double would round it
    return Doubles(array("d", value).tobytes())


def same_number(a, b):
    """Bit-equal as doubles: signed zeros differ, NaN equals NaN; exact for ints."""
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, int) and abs(a) > SAFE_INT or isinstance(b, int) and abs(b) > SAFE_INT:
        return False
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@dataclass(frozen=True)
class Difference:
    """Where two values first differ: ``path`` (list indexes, dict keys) and what each holds there."""

    path: tuple
    python: object
    js: object
    detail: str
    at: int | None = None  # where two strings first differ (a character index)

    def where(self):
        return "".join(f"[{step!r}]" for step in self.path) or "the whole value"


def first_difference(python, js, path=()):
    """The first ``Difference`` between Python's value and the JS value (decoded), or None."""
    if isinstance(js, Doubles) or isinstance(python, Doubles):
        python_doubles = as_doubles(python)
        js_doubles = as_doubles(js)
        if python_doubles is None and isinstance(python, (list, tuple)) and js_doubles is not None:
            beyond = next((i for i, item in enumerate(python) if type(item) is int and not -SAFE_INT <= item <= SAFE_INT), None)
            if beyond is not None:
                js_item = js_number(js_doubles.values()[beyond]) if beyond < len(js_doubles) else None
                return Difference(path + (beyond,), python[beyond], js_item, "an int beyond 2**53-1, which no JS number holds")
        if python_doubles is None or js_doubles is None:
            return Difference(path, python, js, "a list of numbers on one side only")
        found = _doubles_difference(python_doubles, js_doubles, path)
        if found is not None and len(found.path) > len(path) and isinstance(python, (list, tuple)):
            # Python's own item (an int stays an int in the report); JS's as the double it is.
            found = Difference(found.path, python[found.path[-1]], js_number(found.js), found.detail)
        return found
    if isinstance(python, bool) or isinstance(js, bool):
        if python is js:
            return None
        return Difference(path, python, js, "different values")
    if _is_number(python) and _is_number(js):
        return None if same_number(python, js) else Difference(path, python, js, "different numbers")
    if isinstance(python, str) and isinstance(js, str):
        if python == js:
            return None
        at = next((i for i, (p, j) in enumerate(zip(python, js)) if p != j), min(len(python), len(js)))
        return Difference(path, python, js, f"strings differ from character {at} (lengths {len(python)} and {len(js)})", at)
    if python is None and js is None:
        return None
    if isinstance(python, (list, tuple)) and isinstance(js, list):
        for i, (p, j) in enumerate(zip(python, js)):
            found = first_difference(p, j, path + (i,))
            if found is not None:
                return found
        if len(python) != len(js):
            return Difference(path, python, js, f"lists of length {len(python)} and {len(js)}")
        return None
    if isinstance(python, dict) and isinstance(js, dict):
        if list(python) != list(js) and set(python) != set(js):
            return Difference(path, python, js, f"keys {sorted(map(str, python))} and {sorted(map(str, js))}")
        for key in python:
            found = first_difference(python[key], js[key], path + (key,))
            if found is not None:
                return found
        return None
    return Difference(path, python, js, f"a {_kind(python)} and a {_kind(js)}")


def _kind(value):
    if isinstance(value, (Doubles, list, tuple)):
        return "list"
    if isinstance(value, Undefined):
        return "undefined"
    return type(value).__name__


def _doubles_difference(python, js, path):
    if python.data == js.data:
        return None
    if len(python) != len(js):
        return Difference(path, python, js, f"lists of {len(python)} and {len(js)} numbers")
    for i, (p, j) in enumerate(zip(python.values(), js.values())):
        if not same_number(p, j):
            return Difference(path + (i,), p, j, "different numbers" if p != j else "zeros of different signs")
    return None  # NaNs with other payloads


def outcome_difference(python, js):
    """The first difference between two outcomes (``("ok", value)`` or ``("error", name, message)``)."""
    if python[0] == "ok" and js[0] == "ok":
        return first_difference(python[1], js[1])
    if python == js:
        return None
    return Difference((), python, js, "an error on one side" if python[0] != js[0] else "different errors")


# --- showing values in a report ---------------------------------------------------------------------


def js_number(value):
    """A double as JS prints it: integral values without ``.0`` (but ``-0.0`` keeps its sign)."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= SAFE_INT and not (value == 0 and math.copysign(1.0, value) < 0):
        return int(value)
    return value


def show(value, path=(), width=SHOWN_CHARS):
    """``value`` in ASCII (invisible characters spelled out), shortened to about ``width`` characters
    around ``path`` (the place of a difference) when it is long; doubles from JS as JS prints them."""
    if isinstance(value, Doubles):
        value = [js_number(v) for v in value.values()]
    if isinstance(value, float):
        value = js_number(value)
    if isinstance(value, tuple) and value and value[0] in ("ok", "error"):
        if value[0] == "error":
            return f"raises {value[1]}: {_clip(ascii(value[2]), width)}"
        return show(value[1], path, width)
    if isinstance(value, (list, tuple)) and path and isinstance(path[0], int) and 0 <= path[0] < len(value):
        i = path[0]
        if len(ascii(value)) > width:
            inner = show(value[i], path[1:], width // 2)
            before = f"[... {i} items, " if i > 0 else "["
            return f"{before}[{i}]: {inner}, ... {len(value)} items in all]"
    if isinstance(value, str) and len(ascii(value)) > width:
        return _clip(ascii(value), width) + f" ({len(value)} characters)"
    return _clip(ascii(value), width)


def show_around(text, at, width=SHOWN_CHARS):
    """The characters of ``text`` around index ``at``, in ASCII, with the index of the first shown."""
    start = max(0, at - width // 8)
    shown = _clip(ascii(text[start : start + width // 4]), width)
    return f"from character {start}: {shown}"


def _clip(text, width):
    return text if len(text) <= width else text[: width - 3] + "..."
