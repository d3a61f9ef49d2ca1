"""``python -m featurizers COMMAND NAME``: train, build, demo, and JSON Lines transform/predict.

``transform`` and ``predict`` have the same contract and messages as the bundle's command line
(``node js_dist/NAME.js transform|predict``): one JSON string per input line, one JSON value per
output line; the whole input is checked first, and a bad line stops the run with its number on
stderr and exit status 1.
"""

import argparse
import json
import re
import sys

JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


# json.loads joins escaped surrogate pairs, so what this finds is unpaired.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def predict_texts(name, texts, top_k=None):
    """Python's reference predictions: the fitted featurizer and the Keras model, as trained."""
    import numpy as np

    from featurizers.training import models
    from featurizers.training.artifacts import Artifacts, load_meta, load_pipeline

    meta = load_meta(name)
    labels = meta["labels"]
    if not texts:
        return []
    features = np.asarray(load_pipeline(name).transform(texts), dtype=meta.get("input_dtype", "int32"))
    model_path = Artifacts(name).keras_model
    if not model_path.is_file():
        raise FileNotFoundError(f"{model_path} is missing: run `make py={name}` first")
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


def run_jsonl(args):
    from featurizers.training.artifacts import load_meta, load_pipeline

    program = f"python -m featurizers {args.command}"
    try:
        texts = parse_lines(sys.stdin.buffer.read(), load_meta(args.name).get("input", "text"))
        if args.command == "transform":
            rows = load_pipeline(args.name).transform(texts)
        else:
            rows = predict_texts(args.name, texts, args.top_k)
    except (BadLine, FileNotFoundError, ValueError, TypeError) as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, separators=(",", ":")) + "\n")
    out.flush()
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m featurizers", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for command, help_text in [
        ("train", "fit the featurizer and the model of pipelines/NAME.py; write build/NAME/"),
        ("build", "compile the pipeline and its fitted state into js_dist/NAME.js"),
        ("demo", "predict the pipeline's SAMPLES in Node with the built bundle"),
        ("transform", "JSON Lines texts on stdin -> feature vectors on stdout"),
        ("predict", "JSON Lines texts on stdin -> [{label, score}] on stdout"),
    ]:
        sub = commands.add_parser(command, help=help_text)
        sub.add_argument("name", help="the pipeline module's name, e.g. pipeline for pipelines/pipeline.py")
        if command == "predict":
            sub.add_argument("--top-k", type=positive_int, default=None, help="keep the K best labels")
        if command == "train":
            sub.add_argument(
                "--engine",
                choices=["python", "spark"],
                default="python",
                help="what fits the featurizer: this process (default), or Apache Spark at $SPARK_MASTER (else a local Spark); the same featurizer.json either way",
            )
    check = commands.add_parser("check", help="reject restricted Python whose compiled JS means something else")
    check.add_argument("files", nargs="+", help="modules to check, e.g. pipelines/NAME.py (their featurizers imports too)")
    args = parser.parse_args(argv)

    if args.command == "check":
        from featurizers.compiler.check import run

        return run(args.files)
    if args.command in ("transform", "predict"):
        return run_jsonl(args)
    if args.command == "train":
        from featurizers.compiler.check.configs import UnportableConfig
        from featurizers.training.train import train

        try:
            if args.engine == "spark":
                from featurizers.spark import SparkUnavailable  # imports no pyspark: it names what is missing

                try:
                    train(args.name, engine="spark")
                except SparkUnavailable as error:
                    print(f"python -m featurizers train: {error}", file=sys.stderr)
                    return 1
            else:
                train(args.name)
        except UnportableConfig as error:
            print(f"python -m featurizers train: {error}", file=sys.stderr)
            return 1
    elif args.command == "build":
        from featurizers.compiler.build import build
        from featurizers.compiler.check import CheckFailed
        from featurizers.compiler.check.configs import UnportableConfig
        from featurizers.compiler.gate import ParityGateFailed

        try:
            build(args.name)
        except (CheckFailed, UnportableConfig, ParityGateFailed) as error:
            print(f"python -m featurizers build: {error}", file=sys.stderr)
            return 1
    elif args.command == "demo":
        from featurizers.cli.demo import demo

        return demo(args.name)
    return 0
