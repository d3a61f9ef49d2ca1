"""Weight quantization for the tfjs model, with Python predicting from the same weights (Python only).

A pipeline module may set ``QUANTIZE = "float16"`` or ``"uint8"`` (default ``None``: float32
weights). The model files then store each weight tensor in that type, as
``tensorflowjs_converter --quantize_float16`` / ``--quantize_uint8`` do (tensorflowjs'
``quantization`` module: float16 is a cast; uint8 is ``round((w - min) / scale)`` with
``scale = (max - min) / 255``, the range nudged so that 0 is a code), and tfjs turns them back
into float32 when it loads the model (``q * scale + min`` in double precision, then float32).

Parity needs Python to predict with the weights tfjs will compute, not the trained ones. So
``settle_model`` replaces every float32 weight of the Keras model with a *fixed point* of
tensorflowjs' quantize-then-dequantize: values ``w`` with ``dequantize(quantize(w)) == w``, bit
for bit (one round gives the dequantized weights; a second, at most, settles the range's float
rounding). Python's ``predict``, the test scores and the saved Keras model all use those
weights; ``quantize_files`` then stores every float32 tensor of the exported model whose values
are such a fixed point (the model's weights, and constants a single value or zero make exact)
in the quantized type, and leaves any other tensor float32, where quantization would change it
(a float16 cast turns the masking constant 1e9 into infinity). So tfjs loads the very values
Python used.
"""

import json
from pathlib import Path

# console sets TensorFlow's environment before tensorflowjs imports it (and TF-DF, its banner).
from featurizers.training import console

QUANTIZATIONS = ("float16", "uint8")
_SETTLE_ROUNDS = 4


def check_quantize(value, where):
    """``value`` (a module's ``QUANTIZE``) is None or one of ``QUANTIZATIONS``."""
    if value is not None and value not in QUANTIZATIONS:
        raise ValueError(f"{where}: QUANTIZE must be None, 'float16' or 'uint8', got {value!r}")
    return value


def round_trip(values, kind):
    """``values`` (float32) stored as ``kind`` and read back, as tensorflowjs and tfjs do."""
    import numpy as np
    from tensorflowjs import quantization

    with np.errstate(over="ignore"):  # a float16 cast overflows to infinity: not a fixed point
        quantized, metadata = quantization.quantize_weights(values, np.dtype(kind).type)
    return quantization.dequantize_weights(quantized, metadata, np.float32)


def is_fixed_point(values, kind):
    """``values`` (float32) come back from ``round_trip`` bit for bit."""
    import numpy as np

    values = np.ascontiguousarray(values, dtype=np.float32)
    return values.size > 0 and np.array_equal(round_trip(values, kind).view(np.uint32), values.view(np.uint32))


def settle(values, kind, name="weight"):
    """The fixed point of quantizing ``values`` as ``kind`` and reading them back."""
    import numpy as np

    values = np.ascontiguousarray(values, dtype=np.float32)
    for _ in range(_SETTLE_ROUNDS):
        if is_fixed_point(values, kind):
            return values
        values = np.ascontiguousarray(round_trip(values, kind))
    raise ArithmeticError(f"{name}: {kind} quantization did not settle in {_SETTLE_ROUNDS} rounds")


def settle_model(model, kind):
    """Give every float32 weight of the Keras ``model`` its ``settle``d values (in place)."""
    for variable in model.weights:
        if variable.dtype == "float32":
            variable.assign(settle(variable.numpy(), kind, variable.name))


def _read(tfjs_dir):
    """(model.json's content, its weight groups as tensorflowjs reads them: dequantized)."""
    from tensorflowjs import read_weights

    model = json.loads((Path(tfjs_dir) / "model.json").read_text(encoding="utf-8"))
    with console.native_stderr_held():
        groups = read_weights.read_weights(model["weightsManifest"], str(tfjs_dir))
    return model, groups


def read_files(tfjs_dir):
    """[(name, values)] of the tfjs model in ``tfjs_dir``, as tfjs reads them (dequantized)."""
    _, groups = _read(tfjs_dir)
    return [(entry["name"], entry["data"]) for group in groups for entry in group]


def quantize_files(tfjs_dir, kind):
    """Rewrite the weights of the tfjs model in ``tfjs_dir`` (``model.json`` and its shards):
    every float32 tensor that is a fixed point of ``kind`` is stored as ``kind``. Returns the
    names of the tensors left float32."""
    import glob

    import numpy as np
    from tensorflowjs import write_weights

    tfjs_dir = Path(tfjs_dir)
    model, groups = _read(tfjs_dir)
    quantized, kept = [], []
    for group in groups:
        for entry in group:
            if entry["data"].dtype == np.float32 and is_fixed_point(entry["data"], kind):
                quantized.append(glob.escape(entry["name"]))  # names are matched as patterns
            elif entry["data"].dtype == np.float32:
                kept.append(entry["name"])
    for group in model["weightsManifest"]:
        for path in group["paths"]:
            (tfjs_dir / path).unlink()
    manifest = write_weights.write_weights(groups, str(tfjs_dir), write_manifest=False, quantization_dtype_map={kind: quantized})
    model["weightsManifest"] = manifest
    (tfjs_dir / "model.json").write_text(json.dumps(model), encoding="utf-8")
    return kept
