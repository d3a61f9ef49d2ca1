"""``featurizers COMMAND PIPELINE``: new, check, train, build, demo, and JSON Lines transform/predict.

PIPELINE is a pipeline module anywhere (``spam/pipeline.py``): ``train`` writes ``./build/NAME/``,
``build`` reads it and writes the npm package ``./dist/NAME/``; ``--out DIR`` (and ``--from DIR``
for what training wrote) choose other folders. A bare NAME is this checkout's layout:
``pipelines/NAME.py``, ``build/NAME/`` and ``js_dist/NAME/`` (what ``make py=NAME`` runs).

``transform`` and ``predict`` have the same contract and messages as the bundle's command line
(``node dist/NAME/cli.js transform|predict``): one JSON string per input line, one JSON value per
output line; the whole input is checked first, and a bad line stops the run with its 1-based
number on stderr and exit status 1.
"""

import argparse
import json
import re
import sys
from pathlib import Path

JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


# json.loads joins escaped surrogate pairs, so what this finds is unpaired.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A featurizer names the bad item of a batch by its 0-based position ("Standardize.transform:
# item 2 is str ..."); the command line passes the whole input as one batch, so item i is line i + 1.
ITEM_POSITION = re.compile(r"\bitem (\d+)\b")


class BadLine(Exception):
    pass


def json_type(value):
    return "null" if value is None else JSON_TYPES[type(value)]


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def _json_int(digits):
    # Exact, as a record's ids need; past CPython's int-parsing limit a double, as JSON.parse gives.
    return int(digits) if len(digits) <= 4000 else float(digits)


def _strict_json(line):
    """``json.loads`` as JSON.parse reads it: no NaN/Infinity, and integers of any length."""
    return json.loads(line, parse_constant=_reject_constant, parse_int=_json_int)


def positive_int(text):
    """``--top-k`` values: a positive decimal integer, spelled as the bundle's CLI accepts it."""
    if not re.fullmatch(r"[1-9][0-9]*", text):
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return int(text)


def parse_lines(data, input_kind="text"):
    """Parse JSON Lines bytes into strings (``input_kind`` "text") or objects ("record"), or raise
    BadLine naming the first bad line."""
    texts = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadLine(f"line {number}: not valid UTF-8") from None
        try:
            value = _strict_json(line)
        except ValueError:
            raise BadLine(f"line {number}: not valid JSON") from None
        if input_kind == "record":
            if not isinstance(value, dict):
                raise BadLine(f"line {number}: expected a JSON object, got {json_type(value)}")
        elif not isinstance(value, str):
            raise BadLine(f"line {number}: expected a JSON string, got {json_type(value)}")
        elif LONE_SURROGATE.search(value):
            raise BadLine(f"line {number}: the string has a lone surrogate, it is not Unicode text")
        texts.append(value)
    return texts


def on_line(message):
    """A featurizer's refusal of one input, prefixed with that input's 1-based line number."""
    position = ITEM_POSITION.search(message)
    return f"line {int(position[1]) + 1}: {message}" if position else message


def predict_texts(pipeline, texts, top_k=None, verbose=False):
    """Python's reference predictions: the fitted featurizer and the Keras model, as trained
    (``pipeline``: a module file, a name in this checkout's layout, or an ``Artifacts``)."""
    import numpy as np

    from featurizers.training import console, models
    from featurizers.training.artifacts import artifacts_of, load_meta, load_pipeline

    artifacts = artifacts_of(pipeline)
    meta = load_meta(artifacts)
    labels = meta["labels"]
    if not texts:
        return []
    try:
        rows = console.transform_with_progress(load_pipeline(artifacts), texts, "transform", stream=sys.stderr)
    except (TypeError, ValueError) as error:
        raise ValueError(on_line(str(error))) from None
    features = np.asarray(rows, dtype=meta.get("input_dtype", "int32"))
    model_path = artifacts.keras_model
    if not model_path.is_file():
        raise FileNotFoundError(f"{model_path} is missing: run `{artifacts.train_command}` first")
    with console.native_stderr_held(verbose):
        try:
            model = models.load_model(model_path)
        except (OSError, ValueError) as error:
            raise ValueError(f"{model_path} is corrupt: {error}") from None
        scores = model.predict(features, verbose=0)
    top_k = top_k or len(labels)
    results = []
    for row in scores.tolist():
        ranked = sorted(({"label": label, "score": score} for label, score in zip(labels, row)), key=lambda r: -r["score"])
        results.append(ranked[:top_k])
    return results


def run_jsonl(args, artifacts, program):
    from featurizers.training import console
    from featurizers.training.artifacts import load_meta, load_pipeline

    try:
        texts = parse_lines(sys.stdin.buffer.read(), load_meta(artifacts).get("input", "text"))
        if args.command == "transform":
            try:
                rows = console.transform_with_progress(load_pipeline(artifacts), texts, "transform", stream=sys.stderr)
            except (TypeError, ValueError) as error:
                raise ValueError(on_line(str(error))) from None
        else:
            rows = predict_texts(artifacts, texts, args.top_k, args.verbose)
    except (BadLine, FileNotFoundError, ValueError, TypeError) as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, separators=(",", ":")) + "\n")
    out.flush()
    return 0


def pipeline_artifacts(args):
    """The ``Artifacts`` of the command's PIPELINE argument (see the module's docstring)."""
    from featurizers.training.artifacts import Artifacts

    pipeline = args.pipeline
    trained = getattr(args, "trained", None) or (args.out if args.command == "train" else None)
    dist = args.out if args.command in ("build", "demo") else None
    if pipeline.endswith(".py") or "/" in pipeline or "\\" in pipeline or Path(pipeline).is_file():
        return Artifacts.of_module(pipeline, build=trained, dist=dist)
    return Artifacts(pipeline, build_root=trained, dist_root=dist)


COMMANDS = [
    ("train", "fit the pipeline's featurizer and model; write BUILD/NAME/ (./build/NAME/)"),
    ("build", "check and compile the pipeline and its fitted state into the npm package DIST/NAME/ (./dist/NAME/)"),
    ("demo", "predict the pipeline's SAMPLES in Node with the built package"),
    ("transform", "JSON Lines texts (or records) on stdin -> feature vectors on stdout"),
    ("predict", "JSON Lines texts (or records) on stdin -> [{label, score}] on stdout"),
]


def parser(prog):
    top = argparse.ArgumentParser(
        prog=prog,
        description="Preprocessing written once in restricted Python: train it with Keras, build it into an npm package.",
        epilog="PIPELINE is a module file (pipeline.py); `featurizers new DIR` starts a project with one.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", help="also show TensorFlow's and the tools' own output")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser("new", parents=[verbose], help="start a project: DIR/pipeline.py, data/, test_pipeline.py, README.md")
    new.add_argument("directory", help="the folder to create, e.g. spam")
    for command, help_text in COMMANDS:
        sub = commands.add_parser(command, parents=[verbose], help=help_text, description=help_text)
        sub.add_argument("pipeline", metavar="PIPELINE", help="the pipeline module, e.g. pipeline.py (or NAME for pipelines/NAME.py here)")
        if command == "train":
            sub.add_argument("--out", metavar="DIR", help="where to write NAME/ (default ./build)")
        else:
            sub.add_argument("--from", dest="trained", metavar="DIR", help="where training wrote NAME/ (default ./build)")
        if command in ("build", "demo"):
            sub.add_argument("--out", metavar="DIR", help="where the package NAME/ is written (default ./dist)")
        if command == "predict":
            sub.add_argument("--top-k", type=positive_int, default=None, help="keep the K best labels")
        if command == "train":
            sub.add_argument(
                "--engine",
                choices=["python", "spark"],
                default="python",
                help="what fits the featurizer: this process (default), or Apache Spark at $SPARK_MASTER (else a local Spark; pip install 'featurizers[spark]'); the same featurizer.json either way",
            )
    check = commands.add_parser("check", parents=[verbose], help="reject restricted Python whose compiled JS means something else")
    check.add_argument("files", nargs="+", help="modules to check, e.g. pipeline.py (the featurizers modules it imports too)")
    commands.add_parser("toolchain", parents=[verbose], help="install the JavaScript toolchain now (the first build does it) and say where it is")
    return top


def _version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("featurizers")
    except PackageNotFoundError:
        return "(not installed)"


def main(argv=None, prog="featurizers"):
    args = parser(prog).parse_args(argv)
    program = f"{prog} {args.command}"
    if args.command == "check":
        from featurizers.compiler.check import run

        return run(args.files)
    if args.command == "new":
        from featurizers.cli.scaffold import ScaffoldError, scaffold

        try:
            scaffold(args.directory)
        except ScaffoldError as error:
            print(f"{program}: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "toolchain":
        return show_toolchain(program)
    try:
        artifacts = pipeline_artifacts(args)
    except (FileNotFoundError, ValueError) as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    if args.command in ("transform", "predict"):
        return run_jsonl(args, artifacts, program)
    if args.command == "train":
        from featurizers.compiler.check import CheckFailed, check_files
        from featurizers.compiler.check.configs import UnportableConfig
        from featurizers.training.datasets import DataError
        from featurizers.training.train import train

        from featurizers.spark.runtime import SparkUnavailable

        try:
            # The restricted-subset check first: nothing is trained for a pipeline that cannot build.
            findings = check_files([artifacts.source], cwd=artifacts.root)
            if findings:
                raise CheckFailed(findings)
            train(artifacts, verbose=args.verbose, engine=args.engine)
        except (CheckFailed, UnportableConfig, DataError, FileNotFoundError, SparkUnavailable) as error:
            print(f"{program}: {error}", file=sys.stderr)
            return 1
    elif args.command == "build":
        from featurizers.compiler.build import build
        from featurizers.compiler.check import CheckFailed
        from featurizers.compiler.check.configs import UnportableConfig
        from featurizers.compiler.gate import ParityGateFailed
        from featurizers.compiler.toolchain import ToolchainError

        try:
            build(artifacts)
        except (CheckFailed, UnportableConfig, ParityGateFailed, ToolchainError, FileNotFoundError) as error:
            print(f"{program}: {error}", file=sys.stderr)
            return 1
    elif args.command == "demo":
        from featurizers.cli.demo import demo

        return demo(artifacts)
    return 0


def show_toolchain(program):
    from featurizers.compiler import toolchain

    try:
        node = toolchain.node()
        modules = toolchain.node_modules()
    except toolchain.ToolchainError as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    version = ".".join(map(str, toolchain.node_version(node)))
    print(f"node {version}: {node}")
    print(f"packages: {modules}")
    return 0


def console_script():
    """The ``featurizers`` command ([project.scripts])."""
    raise SystemExit(main())
