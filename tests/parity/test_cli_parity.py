"""The two command lines agree byte for byte: ``node js_dist/pipeline.js transform|predict [--top-k N]``
and ``python -m featurizers transform|predict pipeline [--top-k N]``.

Both read JSON Lines on stdin (one JSON string per line) and write one JSON value per line; a bad
line stops the run with exit status 1, nothing on stdout, and the same ``line N: ...`` message on
stderr after each program's own prefix; a bad command line exits 2 with a usage message.

Every test feeds the very same stdin bytes to both commands. Python's ``predict`` imports
TensorFlow (~5 s), so it runs only twice, for the whole module: without and with ``--top-k 1``.
"""

import json
import math
import os
import re
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from featurizers.testing.adversarial import ADVERSARIAL

NODE_PREFIX = "pipeline.js"
TIMEOUT = 180


# --- running the two commands ---------------------------------------------------------------


def environment(flagship):
    env = dict(os.environ, FEATURIZERS_ROOT=str(flagship.root), TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("FEATURIZERS_BACKEND", None)  # the bundle's default tfjs backend
    return env


def node_cli(flagship, argv, stdin):
    """``node js_dist/pipeline.js ARGV`` in the project root."""
    return subprocess.run(
        ["node", str(flagship.bundle), *argv],
        input=stdin,
        capture_output=True,
        cwd=flagship.root,
        env=environment(flagship),
        timeout=TIMEOUT,
    )


def python_cli(flagship, argv, stdin):
    """``python -m featurizers ARGV`` in the project root (ARGV includes the pipeline's name)."""
    return subprocess.run(
        [sys.executable, "-m", "featurizers", *argv],
        input=stdin,
        capture_output=True,
        cwd=flagship.root,
        env=environment(flagship),
        timeout=TIMEOUT,
    )


def both(flagship, command, stdin, options=()):
    """Run ``command`` (transform or predict) with ``options`` in Node and in Python on ``stdin``."""
    return (
        node_cli(flagship, [command, *options], stdin),
        python_cli(flagship, [command, flagship.name, *options], stdin),
    )


def jsonl(texts, ensure_ascii=False):
    """JSON Lines bytes: by default raw UTF-8, so U+2028, NBSP, BOM and emoji travel unescaped."""
    return b"".join(json.dumps(text, ensure_ascii=ensure_ascii).encode("utf-8") + b"\n" for text in texts)


def assert_succeeded(node, python):
    assert node.returncode == 0, node.stderr.decode("utf-8", "replace")
    assert python.returncode == 0, python.stderr.decode("utf-8", "replace")


def output_lines(result):
    text = result.stdout.decode("utf-8")
    assert text == "" or text.endswith("\n"), "the last output line lacks its newline"
    return [json.loads(line) for line in text.splitlines()]


def message_after_prefix(result, prefix):
    """The stderr message after ``PREFIX: ``; stderr must be exactly that one line."""
    stderr = result.stderr.decode("utf-8", "replace")
    match = re.fullmatch(re.escape(prefix) + r": (.*)\n", stderr)
    assert match, f"stderr is not one line starting with {prefix!r}: {stderr!r}"
    return match.group(1)


def real_texts(flagship, label, limit):
    with sqlite3.connect(flagship.build_dir / "corpus.sqlite") as db:
        rows = db.execute(
            "SELECT text FROM messages WHERE source = 'spamassassin' AND split = 'test' AND label = ? ORDER BY grp, id LIMIT ?",
            (label, limit),
        )
        return [row[0] for row in rows]


@pytest.fixture(scope="module")
def emails(flagship):
    texts = real_texts(flagship, "ham", 10) + real_texts(flagship, "spam", 10)
    assert len(texts) == 20
    return texts


@pytest.fixture(scope="module")
def sequence_length(flagship):
    return flagship.read_json(flagship.meta_json)["input_shape"][0]


# --- transform ------------------------------------------------------------------------------


def test_transform_of_real_emails_gives_identical_stdout(flagship, emails, sequence_length):
    node, python = both(flagship, "transform", jsonl(emails))
    assert_succeeded(node, python)
    assert node.stdout == python.stdout
    rows = output_lines(node)
    assert len(rows) == len(emails)
    assert all(len(row) == sequence_length and all(isinstance(i, int) for i in row) for row in rows)


TRICKY_TEXTS = {
    "U+2028 and U+2029 line separators": ADVERSARIAL["line and paragraph separators"],
    "no-break spaces": ADVERSARIAL["nbsp and friends"],
    "emoji": ADVERSARIAL["emoji"],
    "emoji ZWJ sequences": ADVERSARIAL["zwj family"],
    "carriage returns inside a string": "Subject: a\rb\r\rfree\r money\r",
    "CRLF e-mail": ADVERSARIAL["crlf e-mail"],
    "byte order marks inside a string": ADVERSARIAL["bom"],
    "a byte order mark as the whole string": "\ufeff",
    "control characters": ADVERSARIAL["control characters"],
    "the empty string": "",
}


@pytest.mark.parametrize("name", list(TRICKY_TEXTS))
def test_transform_of_a_tricky_text_gives_identical_stdout(flagship, name):
    node, python = both(flagship, "transform", jsonl([TRICKY_TEXTS[name]]))
    assert_succeeded(node, python)
    assert node.stdout == python.stdout
    assert len(output_lines(node)) == 1


@pytest.mark.parametrize("ensure_ascii", [False, True], ids=["raw UTF-8", "ASCII with \\u escapes"])
def test_transform_of_all_adversarial_texts_in_one_batch_gives_identical_stdout(flagship, ensure_ascii):
    texts = list(ADVERSARIAL.values())
    node, python = both(flagship, "transform", jsonl(texts, ensure_ascii=ensure_ascii))
    assert_succeeded(node, python)
    assert node.stdout == python.stdout
    assert len(output_lines(node)) == len(texts)


def test_escaped_and_raw_utf8_input_give_the_same_features(flagship):
    texts = list(ADVERSARIAL.values())
    raw_node, raw_python = both(flagship, "transform", jsonl(texts))
    escaped_node, escaped_python = both(flagship, "transform", jsonl(texts, ensure_ascii=True))
    assert raw_node.stdout == escaped_node.stdout == raw_python.stdout == escaped_python.stdout


@pytest.mark.parametrize("command", ["transform", "predict"])
def test_empty_stdin_gives_empty_stdout_and_exit_status_0(flagship, command):
    node, python = both(flagship, command, b"")
    assert_succeeded(node, python)
    assert node.stdout == python.stdout == b""


def test_a_last_line_without_newline_is_read(flagship):
    with_newline = both(flagship, "transform", b'"free money"\n"hello Bob"\n')
    without_newline = both(flagship, "transform", b'"free money"\n"hello Bob"')
    for result in with_newline + without_newline:
        assert result.returncode == 0, result.stderr
    assert without_newline[0].stdout == without_newline[1].stdout == with_newline[0].stdout
    assert len(output_lines(without_newline[0])) == 2


def test_a_single_line_without_newline_is_read(flagship):
    node, python = both(flagship, "transform", b'"free money"')
    assert_succeeded(node, python)
    assert node.stdout == python.stdout
    assert len(output_lines(node)) == 1


def test_crlf_line_endings_are_read_as_json_whitespace(flagship):
    lf = both(flagship, "transform", b'"free money"\n"hello Bob"\n')
    crlf = both(flagship, "transform", b'"free money"\r\n"hello Bob"\r\n')
    for result in lf + crlf:
        assert result.returncode == 0, result.stderr
    assert crlf[0].stdout == crlf[1].stdout == lf[0].stdout


# --- predict --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def predict_texts(emails):
    return emails + [ADVERSARIAL[name] for name in ["emoji", "nbsp and friends", "bom", "crlf e-mail", "cjk"]]


@pytest.fixture(scope="module")
def predictions(flagship, predict_texts):
    """``predict`` and ``predict --top-k 1`` in both runtimes on the same texts; Python's two runs in parallel."""
    stdin = jsonl(predict_texts)
    with ThreadPoolExecutor(max_workers=2) as pool:
        python_all = pool.submit(python_cli, flagship, ["predict", flagship.name], stdin)
        python_top1 = pool.submit(python_cli, flagship, ["predict", flagship.name, "--top-k", "1"], stdin)
        runs = {
            ("node", None): node_cli(flagship, ["predict"], stdin),
            ("node", 1): node_cli(flagship, ["predict", "--top-k", "1"], stdin),
            ("python", None): python_all.result(),
            ("python", 1): python_top1.result(),
        }
    for (runtime, top_k), result in runs.items():
        assert result.returncode == 0, f"{runtime} predict --top-k {top_k}: {result.stderr.decode('utf-8', 'replace')}"
    return {key: output_lines(result) for key, result in runs.items()}


def test_predict_prints_one_line_per_text_in_both(predictions, predict_texts):
    for key, lines in predictions.items():
        assert len(lines) == len(predict_texts), key


def test_predict_lines_are_label_score_arrays_sorted_by_score_descending(flagship, predictions):
    labels = set(flagship.read_json(flagship.meta_json)["labels"])
    for key, lines in predictions.items():
        for ranked in lines:
            assert isinstance(ranked, list) and ranked, key
            assert all(isinstance(entry, dict) and set(entry) == {"label", "score"} for entry in ranked), key
            assert all(entry["label"] in labels and isinstance(entry["score"], float) for entry in ranked), key
            scores = [entry["score"] for entry in ranked]
            assert scores == sorted(scores, reverse=True), key


def test_predict_ranks_the_labels_in_the_same_order_in_both(predictions):
    for top_k in (None, 1):
        node_order = [[entry["label"] for entry in ranked] for ranked in predictions["node", top_k]]
        python_order = [[entry["label"] for entry in ranked] for ranked in predictions["python", top_k]]
        assert node_order == python_order, f"--top-k {top_k}"


def test_predict_scores_agree_within_1e_5(predictions):
    for top_k in (None, 1):
        worst = max(
            abs(n["score"] - p["score"])
            for node_ranked, python_ranked in zip(predictions["node", top_k], predictions["python", top_k])
            for n, p in zip(node_ranked, python_ranked)
        )
        assert worst < 1e-5, f"--top-k {top_k}"


def test_predict_without_top_k_gives_every_label_with_scores_summing_to_one(flagship, predictions):
    n_labels = len(flagship.read_json(flagship.meta_json)["labels"])
    for runtime in ("node", "python"):
        for ranked in predictions[runtime, None]:
            assert len(ranked) == n_labels, runtime
            assert math.isclose(sum(entry["score"] for entry in ranked), 1.0, abs_tol=1e-5), runtime


def test_predict_top_k_1_gives_the_best_label_alone(predictions):
    for runtime in ("node", "python"):
        for best, ranked in zip(predictions[runtime, 1], predictions[runtime, None]):
            assert len(best) == 1, runtime
            assert best[0]["label"] == ranked[0]["label"], runtime
            assert math.isclose(best[0]["score"], ranked[0]["score"], abs_tol=1e-6), runtime


# --- bad input ------------------------------------------------------------------------------

# name -> (stdin, the message after the program's prefix)
BAD_INPUTS = {
    "a line that is not JSON": (b'"ok"\n{not json}\n"ok"\n', "line 2: not valid JSON"),
    "a single-quoted string": (b"'hello'\n", "line 1: not valid JSON"),
    "a string followed by more JSON": (b'"a" "b"\n', "line 1: not valid JSON"),
    "two strings separated by a lone CR": (b'"a"\r"b"\n', "line 1: not valid JSON"),
    "a raw tab inside a string": (b'"ok"\n"a\tb"\n', "line 2: not valid JSON"),
    "an unterminated string": (b'"ok"\n"ok"\n"open\n', "line 3: not valid JSON"),
    "a JSON number": (b'"ok"\n42\n', "line 2: expected a JSON string, got number"),
    "a JSON float": (b"-1.5e3\n", "line 1: expected a JSON string, got number"),
    "a JSON object": (b'"ok"\n{"text": "hi"}\n', "line 2: expected a JSON string, got object"),
    "a JSON array": (b'"a"\n"b"\n["c"]\n', "line 3: expected a JSON string, got array"),
    "JSON null": (b"null\n", "line 1: expected a JSON string, got null"),
    "JSON true": (b'"ok"\ntrue\n', "line 2: expected a JSON string, got boolean"),
    "JSON false": (b"false\n", "line 1: expected a JSON string, got boolean"),
    "an empty line in the middle": (b'"a"\n\n"b"\n', "line 2: not valid JSON"),
    "an empty line at the end": (b'"a"\n\n', "line 2: not valid JSON"),
    "a line of spaces": (b'"a"\n   \n"b"\n', "line 2: not valid JSON"),
    "only a newline": (b"\n", "line 1: not valid JSON"),
    "an invalid UTF-8 byte": (b'"ok"\n"\xff"\n', "line 2: not valid UTF-8"),
    "a truncated UTF-8 sequence": (b'"caf\xc3"\n', "line 1: not valid UTF-8"),
    "a UTF-8 encoded surrogate": (b'"ok"\n"\xed\xa0\x80"\n', "line 2: not valid UTF-8"),
    "an escaped lone high surrogate": (b'"ok"\n"a\\ud800b"\n', "line 2: the string has a lone surrogate, it is not Unicode text"),
    "an escaped lone low surrogate": (b'"\\udfff"\n', "line 1: the string has a lone surrogate, it is not Unicode text"),
    "escaped surrogates in the wrong order": (b'"\\ude00\\ud83d"\n', "line 1: the string has a lone surrogate, it is not Unicode text"),
    "an overlong UTF-8 encoding": (b'"\xc0\xaf"\n', "line 1: not valid UTF-8"),
    "invalid UTF-8 outside a string": (b'"ok"\n\xfe"ok"\n', "line 2: not valid UTF-8"),
    "the first of two bad lines": (b'"ok"\n7\n{\n', "line 2: expected a JSON string, got number"),
    "bad UTF-8 before bad JSON": (b'"ok"\n\xff\n{\n', "line 2: not valid UTF-8"),
    "a bad last line without newline": (b'"a"\n"b"\nnull', "line 3: expected a JSON string, got null"),
    # Not JSON (RFC 8259), although Python's json module reads them by default.
    "NaN": (b'"ok"\nNaN\n', "line 2: not valid JSON"),
    "Infinity": (b"Infinity\n", "line 1: not valid JSON"),
    "-Infinity": (b"-Infinity\n", "line 1: not valid JSON"),
    # Valid JSON, a number, although CPython refuses to convert integers over 4300 digits.
    "an integer of 5000 digits": (b'"ok"\n' + b"7" * 5000 + b"\n", "line 2: expected a JSON string, got number"),
}


def assert_rejected_alike(node, python, command, expected):
    assert (node.returncode, python.returncode) == (1, 1)
    assert (node.stdout, python.stdout) == (b"", b"")
    node_message = message_after_prefix(node, NODE_PREFIX)
    python_message = message_after_prefix(python, f"python -m featurizers {command}")
    assert {"node": node_message, "python": python_message} == {"node": expected, "python": expected}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_transform_rejects_a_bad_line_alike(flagship, name):
    stdin, expected = BAD_INPUTS[name]
    node, python = both(flagship, "transform", stdin)
    assert_rejected_alike(node, python, "transform", expected)


@pytest.mark.parametrize("name", ["a line that is not JSON", "a JSON number", "an invalid UTF-8 byte"])
def test_predict_rejects_a_bad_line_alike(flagship, name):
    stdin, expected = BAD_INPUTS[name]
    node, python = both(flagship, "predict", stdin)
    assert_rejected_alike(node, python, "predict", expected)


@pytest.mark.parametrize(
    "stdin",
    [b'\xef\xbb\xbf"a"\n"b"\n', b'"a"\n\xef\xbb\xbf"b"\n'],
    ids=["before the first line", "before the second line"],
)
def test_a_byte_order_mark_before_a_line_is_treated_alike(flagship, stdin):
    """RFC 8259 lets a parser ignore or reject a leading BOM; both commands must make the same choice."""
    node, python = both(flagship, "transform", stdin)
    assert node.returncode == python.returncode
    assert node.stdout == python.stdout
    if node.returncode != 0:
        assert message_after_prefix(node, NODE_PREFIX) == message_after_prefix(python, "python -m featurizers transform")


# --- usage errors ---------------------------------------------------------------------------

# name -> (node argv, python argv); both must exit 2 with a usage message and nothing on stdout.
USAGE_ERRORS = {
    "no command": ([], []),
    "an unknown command": (["explode"], ["explode", "pipeline"]),
    "--top-k on transform": (["transform", "--top-k", "1"], ["transform", "pipeline", "--top-k", "1"]),
    "an extra argument": (["transform", "extra"], ["transform", "pipeline", "extra"]),
    "--top-k without a value": (["predict", "--top-k"], ["predict", "pipeline", "--top-k"]),
    "--top-k abc": (["predict", "--top-k", "abc"], ["predict", "pipeline", "--top-k", "abc"]),
    "--top-k 1.5": (["predict", "--top-k", "1.5"], ["predict", "pipeline", "--top-k", "1.5"]),
    "--top-k 0": (["predict", "--top-k", "0"], ["predict", "pipeline", "--top-k", "0"]),
    "--top-k -1": (["predict", "--top-k", "-1"], ["predict", "pipeline", "--top-k", "-1"]),
}


@pytest.mark.parametrize("name", list(USAGE_ERRORS))
def test_a_bad_command_line_exits_2_with_usage_in_both(flagship, name):
    node_argv, python_argv = USAGE_ERRORS[name]
    # Empty stdin: a command line wrongly accepted finishes at once instead of loading the model.
    node = node_cli(flagship, node_argv, b"")
    python = python_cli(flagship, python_argv, b"")
    assert node.returncode == 2, f"node: {node.returncode}"
    assert python.returncode == 2, f"python: {python.returncode}"
    assert node.stdout == python.stdout == b""
    assert node.stderr.startswith(b"usage: ")
    assert python.stderr.startswith(b"usage: ")
