"""``node js_dist/pipeline/serve.js``: the flagship as an HTTP service, driven over loopback.

``POST /predict`` with ``{"texts": [...], "topK": k}`` answers ``{"predictions": [...]}``, for each
text what the bundle's ``predict`` returns (so Python's predictions, within float32 noise);
``GET /health`` answers ``{"status": "ok", "labels": [...]}``. Every error is JSON ``{"error": ...}``
with a 4xx status (5xx for a fault of the server's own), and the server keeps serving after it.

One server (``--port 0``) serves most tests; others start their own: a small ``--max-body-bytes``,
a bundle whose ``predict`` fails unexpectedly, and one per shutdown signal.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from harness import NodeError

from featurizers.testing.adversarial import ADVERSARIAL

TIMEOUT = 30  # seconds, for a start, a request or a stop
SMALL_LIMIT = 1000  # bytes, the --max-body-bytes of the small server

TEXTS = [
    "Hi Tom, are we still on for lunch tomorrow? I'll bring the slides for the review.",
    "CONGRATULATIONS!!! You have been selected to receive a FREE $1000 gift card. Click http://win.example.com now!",
    "Lowest mortgage rates guaranteed, no credit check. Reply to offers@cheap-loans.biz to unsubscribe",
    *(ADVERSARIAL[name] for name in ["empty", "emoji", "line and paragraph separators", "bom", "control characters"]),
]


# --- running a server ----------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        assert self.headers["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(self.body)


class Server:
    """``node SERVE_JS --port 0 OPTIONS`` in the project root; its port is read from its first line."""

    def __init__(self, flagship, serve_js, *options, log_dir):
        env = dict(os.environ)
        env.pop("FEATURIZERS_BACKEND", None)  # the bundle's default backend, as the command line uses it
        self.log = log_dir / "stderr.log"
        with open(self.log, "wb") as stderr:
            self.process = subprocess.Popen(
                ["node", str(serve_js), "--port", "0", *options],
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=flagship.root,
                env=env,
            )
        with ThreadPoolExecutor(1) as pool:
            self.first_line = pool.submit(self.process.stdout.readline).result(timeout=TIMEOUT).decode()
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:([0-9]+)\n", self.first_line)
        assert match, f"first line {self.first_line!r}; stderr: {self.log.read_text()}"
        self.port = int(match.group(1))

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def predict(self, payload):
        """POST /predict with ``payload``: bytes as they are, anything else as raw UTF-8 JSON."""
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.request("POST", "/predict", body, {"Content-Type": "application/json"})

    def assert_still_serving(self):
        assert self.request("GET", "/health").status == 200

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            self.process.stdout.close()


@pytest.fixture(scope="module")
def start_server(flagship, tmp_path_factory):
    """Start a server on ``serve_js`` (by default the package's) with extra options; all stop at the end."""
    servers = []

    def start(*options, serve_js=flagship.dist_dir / "serve.js"):
        servers.append(Server(flagship, serve_js, *options, log_dir=tmp_path_factory.mktemp("server")))
        return servers[-1]

    yield start
    running = [server for server in servers if server.process.poll() is None]
    # After all the tests' abuse, each still stops cleanly.
    assert [server.stop() for server in running] == [0] * len(running)


@pytest.fixture(scope="module")
def server(start_server):
    return start_server()


@pytest.fixture(scope="module")
def small_server(start_server):
    return start_server("--max-body-bytes", str(SMALL_LIMIT))


# --- the references -------------------------------------------------------------------------------


def bundle_cli_predict(flagship, texts):
    """``node js_dist/pipeline.js predict``: the bundle's own predictions, one batch."""
    stdin = b"".join(json.dumps(text).encode("ascii") + b"\n" for text in texts)
    env = dict(os.environ)
    env.pop("FEATURIZERS_BACKEND", None)
    result = subprocess.run(
        ["node", str(flagship.bundle), "predict"], input=stdin, capture_output=True, cwd=flagship.root, env=env, timeout=TIMEOUT
    )
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def python_predictions(flagship):
    """Python's reference: the fitted featurizer and the Keras model (imports TensorFlow, a few seconds)."""
    from featurizers.cli.main import predict_texts

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FEATURIZERS_ROOT", str(flagship.root))
        patch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
        return predict_texts("pipeline", TEXTS)


# --- starting --------------------------------------------------------------------------------------


def test_it_prints_one_line_with_the_address_it_listens_on(server):
    assert re.fullmatch(r"listening on http://127\.0\.0\.1:[0-9]+\n", server.first_line)
    assert server.port != 0  # --port 0 took a free port, and the line names it


@pytest.mark.parametrize(
    "options, message",
    [
        (["--port", "http"], "--port must be an integer from 0 to 65535, got 'http'"),
        (["--port", "65536"], "--port must be an integer from 0 to 65535, got '65536'"),
        (["--max-body-bytes", "0"], "--max-body-bytes must be an integer from 1"),
        (["--verbose"], "Unknown option '--verbose'"),
    ],
)
def test_a_bad_command_line_exits_2_with_the_usage(flagship, options, message):
    result = subprocess.run(
        ["node", str(flagship.dist_dir / "serve.js"), *options], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr
    assert "usage: node serve.js [--port 8080] [--host 127.0.0.1] [--max-body-bytes 1048576]" in result.stderr


# --- GET /health -------------------------------------------------------------------------------------


def test_health_answers_ok_and_the_labels(server):
    reply = server.request("GET", "/health")
    assert reply.status == 200
    assert reply.json() == {"status": "ok", "labels": ["ham", "spam"]}


def test_health_answers_head_without_a_body(server):
    reply = server.request("HEAD", "/health")
    assert (reply.status, reply.body) == (200, b"")


# --- POST /predict ------------------------------------------------------------------------------------


def test_predict_gives_the_bundle_command_line_predictions_exactly(server, flagship):
    reply = server.predict({"texts": TEXTS})
    assert reply.status == 200
    assert reply.json() == {"predictions": bundle_cli_predict(flagship, TEXTS)}


def test_predict_gives_python_predictions_within_float32_noise(server, python_predictions):
    predictions = server.predict({"texts": TEXTS}).json()["predictions"]
    assert len(predictions) == len(python_predictions) == len(TEXTS)
    for served, python in zip(predictions, python_predictions):
        assert [entry["label"] for entry in served] == [entry["label"] for entry in python]
        assert [entry["score"] for entry in served] == pytest.approx([entry["score"] for entry in python], abs=1e-5)


def test_each_prediction_is_every_label_by_score_descending(server):
    for ranked in server.predict({"texts": TEXTS}).json()["predictions"]:
        assert sorted(entry["label"] for entry in ranked) == ["ham", "spam"]
        assert [entry["score"] for entry in ranked] == sorted((entry["score"] for entry in ranked), reverse=True)


def test_top_k_keeps_the_k_best_labels(server):
    full = server.predict({"texts": TEXTS}).json()["predictions"]
    assert server.predict({"texts": TEXTS, "topK": 1}).json() == {"predictions": [ranked[:1] for ranked in full]}
    assert server.predict({"texts": TEXTS, "topK": 5}).json() == {"predictions": full}


def test_no_texts_give_no_predictions(server):
    assert server.predict({"texts": []}).json() == {"predictions": []}


def test_any_content_type_is_read_as_json(server):
    reply = server.request("POST", "/predict", b'{"texts": ["hello"]}', {"Content-Type": "text/plain"})
    assert reply.status == 200
    assert len(reply.json()["predictions"]) == 1


def test_a_large_request_gives_the_same_predictions_as_one_batch(server, flagship):
    # The server predicts in slices, to keep serving others meanwhile; the slicing must not show.
    texts = [f"{TEXTS[i % len(TEXTS)]} #{i}" for i in range(700)]
    assert server.predict({"texts": texts}).json() == {"predictions": bundle_cli_predict(flagship, texts)}


def test_200_concurrent_requests_all_get_their_own_prediction(server, flagship):
    texts = [f"message {i}: {TEXTS[i % 3]}" for i in range(200)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(lambda text: server.predict({"texts": [text]}), texts, timeout=60))
    assert [reply.status for reply in replies] == [200] * 200
    assert [reply.json()["predictions"][0] for reply in replies] == bundle_cli_predict(flagship, texts)


# --- bad requests ------------------------------------------------------------------------------------

BAD_BODIES = {
    "invalid JSON": (b'{"texts": ["hi"]', "the body is not valid JSON"),
    "empty body": (b"", "the body is not valid JSON"),
    "not UTF-8": (b'{"texts": ["\xff"]}', "the body is not valid UTF-8"),
    "body an array": (b'["hi"]', 'the body must be a JSON object like {"texts": ["..."]}, got array'),
    "body a string": (b'"hi"', 'the body must be a JSON object like {"texts": ["..."]}, got string'),
    "body null": (b"null", 'the body must be a JSON object like {"texts": ["..."]}, got null'),
    "texts missing": (b'{"topK": 1}', '"texts" is missing: expected an array of strings'),
    "texts a string": (b'{"texts": "hi"}', '"texts" must be an array of strings, got string'),
    "texts an object": (b'{"texts": {"0": "hi"}}', '"texts" must be an array of strings, got object'),
    "a text a number": (b'{"texts": ["hi", 3]}', '"texts"[1] must be a string, got number'),
    "a text null": (b'{"texts": [null]}', '"texts"[0] must be a string, got null'),
    "a text an array": (b'{"texts": ["a", "b", ["c"]]}', '"texts"[2] must be a string, got array'),
    "topK zero": (b'{"texts": ["hi"], "topK": 0}', '"topK" must be a positive integer, got 0'),
    "topK negative": (b'{"texts": ["hi"], "topK": -1}', '"topK" must be a positive integer, got -1'),
    "topK a fraction": (b'{"texts": ["hi"], "topK": 1.5}', '"topK" must be a positive integer, got 1.5'),
    "topK a string": (b'{"texts": ["hi"], "topK": "1"}', '"topK" must be a positive integer, got string'),
    "topK null": (b'{"texts": ["hi"], "topK": null}', '"topK" must be a positive integer, got null'),
    "topK misspelt": (b'{"texts": ["hi"], "top_k": 1}', 'unknown field "top_k": expected "texts" and optionally "topK"'),
}


@pytest.mark.parametrize("body, message", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_bad_predict_body_is_a_400_naming_what_is_wrong(server, body, message):
    reply = server.predict(body)
    assert reply.status == 400
    assert reply.json()["error"].startswith(message)
    server.assert_still_serving()


def test_a_text_the_featurizers_refuse_is_a_400_with_their_message(server, flagship, node):
    texts = ["fine", "lone \ud800 surrogate"]
    with pytest.raises(NodeError) as refused:
        node.predict(flagship.package_bundle, texts)
    assert refused.value.name == "TypeError"
    # ensure_ascii: the lone surrogate travels as a \ud800 escape, which JSON.parse keeps as it is.
    reply = server.predict(json.dumps({"texts": texts}).encode("ascii"))
    assert reply.status == 400
    assert reply.json() == {"error": refused.value.message}
    assert "item 1" in refused.value.message
    server.assert_still_serving()


def test_a_refused_text_is_named_by_its_position_in_the_whole_request(server):
    texts = ["fine"] * 300 + ["lone \udfff surrogate"]
    reply = server.predict(json.dumps({"texts": texts}).encode("ascii"))
    assert reply.status == 400
    assert "item 300 " in reply.json()["error"]


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/nope"), ("POST", "/predict/more"), ("GET", "/__proto__")])
def test_an_unknown_route_is_a_404(server, method, path):
    reply = server.request(method, path)
    assert reply.status == 404
    assert reply.json() == {"error": f"no route {path}: use POST /predict or GET /health"}
    server.assert_still_serving()


def test_a_query_string_does_not_change_the_route(server):
    assert server.request("GET", "/health?verbose=1").json()["status"] == "ok"


@pytest.mark.parametrize(
    "method, path, allow",
    [("GET", "/predict", "POST"), ("PUT", "/predict", "POST"), ("POST", "/health", "GET, HEAD"), ("DELETE", "/health", "GET, HEAD")],
)
def test_a_wrong_method_is_a_405_with_the_allowed_ones(server, method, path, allow):
    reply = server.request(method, path, b"{}" if method in ("POST", "PUT") else None)
    assert reply.status == 405
    assert reply.headers["Allow"] == allow
    assert reply.json() == {"error": f"{method} {path} is not allowed: use {allow}"}
    server.assert_still_serving()


# --- the body limit ----------------------------------------------------------------------------------


def padded(payload, size):
    """``payload`` as JSON of exactly ``size`` bytes (trailing spaces are JSON whitespace)."""
    body = json.dumps(payload).encode("ascii")
    return body + b" " * (size - len(body))


def raw_request(server, data):
    """Send ``data`` on a fresh socket, leave it open, and read the response that comes back."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
    with sock:
        sock.sendall(data)
        response = http.client.HTTPResponse(sock, method="POST")
        response.begin()
        return Reply(response.status, response.headers, response.read())


def test_a_body_at_the_limit_is_read(small_server):
    assert small_server.predict(padded({"texts": ["hi"]}, SMALL_LIMIT)).status == 200


def test_a_body_over_the_limit_is_a_413(small_server):
    reply = small_server.predict(padded({"texts": ["hi"]}, SMALL_LIMIT + 1))
    assert reply.status == 413
    assert reply.json() == {"error": f"the body is larger than {SMALL_LIMIT} bytes"}
    small_server.assert_still_serving()


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(small_server):
    head = b"POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10000000000\r\n\r\n"
    reply = raw_request(small_server, head)  # no body byte follows: the answer cannot wait for one
    assert reply.status == 413
    assert reply.json() == {"error": f"the body is larger than {SMALL_LIMIT} bytes"}
    small_server.assert_still_serving()


def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(small_server):
    chunk = b"x" * (SMALL_LIMIT + 1)
    head = b"POST /predict HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
    reply = raw_request(small_server, head + b"%x\r\n" % len(chunk) + chunk + b"\r\n")  # and no last chunk
    assert reply.status == 413
    small_server.assert_still_serving()


def test_the_default_limit_is_one_mebibyte(server):
    head = b"POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n" % (1024 * 1024 + 1)
    reply = raw_request(server, head)
    assert reply.status == 413
    assert reply.json() == {"error": "the body is larger than 1048576 bytes"}


# --- unexpected errors -------------------------------------------------------------------------------

FAILING_BUNDLE = """'use strict';
// The real bundle, except that predict fails as a bug would (not a TypeError) on the text "fail".
const real = require(%s);
module.exports = {
  ...real,
  async predict(texts, options) {
    if (texts.includes('fail')) throw new RangeError('an unexpected failure');
    return real.predict(texts, options);
  },
};
"""


@pytest.fixture(scope="module")
def failing_server(start_server, flagship, tmp_path_factory):
    package = tmp_path_factory.mktemp("failing")
    shutil.copy(flagship.dist_dir / "serve.js", package / "serve.js")
    (package / "index.js").write_text(FAILING_BUNDLE % json.dumps(str(flagship.package_bundle)), encoding="utf-8")
    return start_server(serve_js=package / "serve.js")


def test_an_unexpected_error_is_a_500_logged_on_stderr(failing_server):
    reply = failing_server.predict({"texts": ["fail"]})
    assert reply.status == 500
    assert reply.json() == {"error": "internal server error"}
    assert "RangeError: an unexpected failure" in failing_server.log.read_text()
    assert failing_server.predict({"texts": ["hello"]}).status == 200


# --- stopping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_it_with_status_0(start_server, sig):
    stopping = start_server()
    # A kept-alive idle connection must not hold the process open.
    idle = http.client.HTTPConnection("127.0.0.1", stopping.port, timeout=TIMEOUT)
    idle.request("GET", "/health")
    idle.getresponse().read()
    assert stopping.stop(sig) == 0
    idle.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", stopping.port), timeout=TIMEOUT)
