"""Use it in your own project, as a new user does: the commands of the README's "Use it in your
own project", run as written, one by one, in an empty folder outside this checkout, with PATH
reduced to the new virtual environment and a `python3.11` (no system node, no node_modules of
this checkout's, an empty toolchain cache). Then what the README promises about them: Python's
and Node's predictions agree, the user's own featurizer is compiled, checked with the user's file
and line, and gives the same words in both runtimes; a second build needs no network and gives the
same bytes; the package packs and installs into another project; nothing of TensorFlow's is
printed. Marked `tool` (`pytest -m tool` runs it alone); `make test` runs it with the rest.
"""

import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from harness import ROOT

pytestmark = pytest.mark.tool

SCORE_TOLERANCE = 1e-5
NOISE = re.compile(r"^[EWI]0000 |cuBLAS|cuDNN|computation placer|absl::InitializeLog|ydf\.readthedocs|oneDNN", re.M)
MORE_TEXTS = [
    "WINNER!! As a valued network customer you have been selected to receive a £900 prize reward! Call 09061701461",
    "I'm gonna be home soon and i don't want to talk about this stuff anymore tonight, k?",
    "😀 ÉCOLE ÇA Ünïcödé \u00a0 \u2028 constructor __proto__",
    "",
    "Visit https://example.org NOW",
]


def files_under(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def same_predictions(python, node):
    assert len(python) == len(node)
    for ours, theirs in zip(python, node):
        assert ours[0]["label"] == theirs[0]["label"], (ours, theirs)
        scores = {r["label"]: r["score"] for r in ours}
        assert max(abs(scores[r["label"]] - r["score"]) for r in theirs) < SCORE_TOLERANCE, (ours, theirs)


@pytest.fixture(scope="module")
def project(ahead):
    """The README's commands, run as written (started as the suite starts: tests/ahead.py);
    returns (session, {line: result})."""
    return ahead.result("project")


def result_of(results, start):
    [line] = [line for line in results if line.startswith(start)]
    return results[line]


def test_the_install_brings_node_and_the_command(project):
    session, _ = project
    assert Path(shutil.which("node", path=session.env["PATH"])).parent.parent.name == ".venv"
    version = session.run("node --version").stdout
    assert re.fullmatch(r"v2[0-9]\.\d+\.\d+\n", version), version
    assert "usage: featurizers" in session.run("../.venv/bin/featurizers --help").stdout


def test_the_scaffold_trains_from_its_csv_and_prints_only_its_own_progress(project):
    session, results = project
    train = result_of(results, "../.venv/bin/featurizers train")
    assert (session.cwd / "data" / "sms_spam_collection.csv").is_file()
    assert "[pipeline] data: 4,460 train, 1,114 test examples, labels ['ham', 'spam']" in train.stdout
    assert re.search(r"^\[pipeline\] epoch 1/\d+: loss ", train.stdout, re.M)
    assert re.search(r"^\[pipeline\] test test \(1,114\): accuracy 0\.9\d+; ham recall ", train.stdout, re.M)
    for result in session.results:
        assert not NOISE.search(result.stdout + result.stderr), f"`{result.line}` printed:\n{result.stdout}{result.stderr}"
    assert (session.cwd / "build" / "pipeline" / "featurizer.json").is_file()


def test_node_predicts_what_python_predicts(project):
    _, results = project
    python = [json.loads(line) for line in result_of(results, "../.venv/bin/featurizers predict").stdout.splitlines()]
    node = [json.loads(line) for line in result_of(results, "node dist/pipeline/cli.js predict").stdout.splitlines()]
    assert len(python) == 4
    same_predictions(python, node)
    assert [ranked[0]["label"] for ranked in python] == ["ham", "spam", "ham", "spam"]


def test_the_users_featurizer_gives_the_same_features_in_node(project):
    session, _ = project
    stdin = "".join(json.dumps(text) + "\n" for text in MORE_TEXTS)
    (session.cwd / "more.jsonl").write_text(stdin, encoding="utf-8")
    python = session.run("../.venv/bin/featurizers transform pipeline.py < more.jsonl").stdout
    node = session.run("node dist/pipeline/cli.js transform < more.jsonl").stdout
    assert python == node
    assert len(python.splitlines()) == len(MORE_TEXTS)
    # Signs is compiled into the package, and its words are in the fitted vocabulary.
    assert "zzshout" in (session.cwd / "dist" / "pipeline" / "index.js").read_text(encoding="utf-8")
    vocabulary = json.loads((session.cwd / "build" / "pipeline" / "featurizer.json").read_text(encoding="utf-8"))
    tokens = [step for step in vocabulary["steps"] if step["type"] == "Vocabulary"][0]["vocabulary_"]
    assert {"zzcalm", "zzshout", "zzurl"} <= set(tokens)


def test_the_checker_names_the_users_file_and_line(project):
    session, _ = project
    source = (session.cwd / "pipeline.py").read_text(encoding="utf-8")
    broken = source.replace('            if "A" <= ch and ch <= "Z":\n', "            if ch.isupper():\n")
    assert broken != source
    (session.cwd / "broken.py").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("            if ch.isupper():") + 1
    check = session.run("../.venv/bin/featurizers check broken.py", check=False)
    assert check.returncode == 1
    assert check.stdout.startswith(f"broken.py:{line}:16: TS204 str classification method `ch.isupper()`: ")
    for command in ("train", "build"):
        refused = session.run(f"../.venv/bin/featurizers {command} broken.py", check=False)
        assert refused.returncode == 1 and f"broken.py:{line}:16: TS204" in refused.stderr, refused.stderr
    assert not (session.cwd / "dist" / "broken").exists() and not (session.cwd / "build" / "broken").exists()


def test_a_second_build_needs_no_network_and_gives_the_same_bytes(project):
    session, results = project
    first = result_of(results, "../.venv/bin/featurizers build")
    assert "[toolchain] installing" in first.stderr  # the cache was empty: this was the cold build
    before = files_under(session.cwd / "dist")
    offline = dict(session.env, npm_config_registry="http://127.0.0.1:9/", npm_config_offline="true",
                   https_proxy="http://127.0.0.1:9", http_proxy="http://127.0.0.1:9")  # fmt: skip
    second = session.run("../.venv/bin/featurizers build pipeline.py", env=offline)
    assert "[toolchain]" not in second.stderr
    after = files_under(session.cwd / "dist")
    assert sorted(before) == sorted(after)
    assert [path for path in before if before[path] != after[path]] == []
    timings = {"first_build_s": round(first.seconds, 1), "second_build_s": round(second.seconds, 1)}
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "tool_timings.json").write_text(json.dumps(timings) + "\n", encoding="utf-8")


def test_the_package_packs_installs_and_predicts_as_python(project, tmp_path_factory):
    session, results = project
    package = session.cwd / "dist" / "pipeline"
    session.cwd, here = package, session.cwd
    try:
        packed = session.run(f"npm pack --json --pack-destination {here} --no-audit --no-fund --loglevel=error")
    finally:
        session.cwd = here
    [report] = json.loads(packed.stdout)
    tarball = here / report["filename"]
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "package/index.js" in names and "package/cli.js" in names
    assert not [name for name in names if "/node_modules/" in name]

    consumer = tmp_path_factory.mktemp("consumer")
    (consumer / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    session.cwd = consumer
    try:
        session.run(f"npm install --prefer-offline --no-audit --no-fund --loglevel=error {tarball}")
        texts = [json.loads(line) for line in (here / "texts.jsonl").read_text(encoding="utf-8").splitlines()]
        script = f"require('pipeline').predict({json.dumps(texts)}).then((r) => console.log(JSON.stringify(r)))"
        (consumer / "run.js").write_text(script, encoding="utf-8")
        node = json.loads(session.run("node run.js").stdout.strip().split("\n")[-1])
    finally:
        session.cwd = here
    python = [json.loads(line) for line in result_of(results, "../.venv/bin/featurizers predict").stdout.splitlines()]
    same_predictions(python, node)


def test_the_scaffolded_parity_tests_pass(project):
    _, results = project
    result = result_of(results, "../.venv/bin/pytest")
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout
    assert " failed" not in result.stdout and " skipped" not in result.stdout, result.stdout


EXPORT_SCRIPT = """
import csv, json, sys
import featurizers
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

with open("data/sms_spam_collection.csv", encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))[:1500]
texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
sk = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=1000)).fit(texts, labels)
featurizers.export_sklearn(sk, "dist/sk", samples=texts[:100])
asked = [json.loads(line) for line in open("more.jsonl", encoding="utf-8")]
print(json.dumps([dict(zip(map(str, sk.classes_), row)) for row in sk.predict_proba(asked).tolist()]))
"""


def test_export_sklearn_writes_a_package_in_the_users_folder(project):
    """featurizers.export_sklearn goes through the same build, so it too works in any folder: its
    intermediates under ./build/exports/, its package predicting scikit-learn's probabilities."""
    session, _ = project
    (session.cwd / "more.jsonl").write_text("".join(json.dumps(text) + "\n" for text in MORE_TEXTS), encoding="utf-8")
    (session.cwd / "export_sk.py").write_text(EXPORT_SCRIPT, encoding="utf-8")
    result = session.run("../.venv/bin/python export_sk.py")
    sklearn = json.loads(result.stdout.strip().splitlines()[-1])
    assert (session.cwd / "build" / "exports" / "sk").is_dir()
    node = [json.loads(line) for line in session.run("node dist/sk/cli.js predict < more.jsonl").stdout.splitlines()]
    assert len(node) == len(sklearn) == len(MORE_TEXTS)
    for theirs, ours in zip(sklearn, node):
        assert ours[0]["label"] == max(theirs, key=theirs.get), (theirs, ours)
        assert max(abs(theirs[r["label"]] - r["score"]) for r in ours) < 1e-6, (theirs, ours)
