"""Issue 18: a bundle that disagrees with Python is never written.

The build refuses a config whose patterns the bundle would run otherwise (the issue's two
pipelines, their token pattern built at run time), and runs every bundle it makes in Node on a
probe set before it moves it into js_dist/: a featurizer of our own that diverges on some inputs
only, through a construct the source checker cannot see, stops the build with the first
differing input, both outputs and the step where the runtimes part, and nothing is written.

The pipelines here live in a temporary project (pipelines/, build/, js_dist/, and this checkout's
node_modules linked in) whose fitted state is written as training (or an importer) would write it:
the gate is about features, so the model is iris' tfjs model, whatever the pipeline.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from harness import ROOT

from featurizers import Pipeline, TextCleaner, TfIdf, Tokenizer, Vocabulary, from_config, portable
from featurizers.compiler.build import build
from featurizers.compiler.check.configs import UnportableConfig
from featurizers.compiler.gate import ParityGateFailed
from featurizers.training.artifacts import Artifacts

TEXTS = ["Free money now, click here", "Lunch at noon? See you there", "Your invoice 42 is attached", "free free money"] * 5

# The issue's pipeline module: the token pattern is built at run time (as one read from a settings
# file or an imported vectorizer would be).
ISSUE_MODULE = '''"""The issue's pipeline: a token pattern built at run time."""

from featurizers import Pipeline, TextCleaner, TfIdf, Tokenizer, Vocabulary

PAT = {prefix!r}


def make_featurizer():
    return Pipeline([TextCleaner(normalization_form="NFKC", strip_accents="unicode", strip_html=False),
                     Tokenizer(token_pattern=PAT + "\\\\w\\\\w+\\\\b"),
                     Vocabulary(max_tokens=5000, min_count=3), TfIdf(sublinear_tf=True)])
'''

# A featurizer of our own: the length of each token. len() of a str counts UTF-16 units in JS, but
# the checker cannot know that `token`, a value from a list parameter, is a str (its documented
# limit), so only inputs with astral characters diverge. The portable spelling is portable.cp_len.
LENGTHS_MODULE = '''"""Token lengths: a featurizer of our own."""

from featurizers import Featurizer, Pipeline, TextCleaner, Tokenizer, portable, register


@register
class TokenLengths(Featurizer):
    """The length of each token, in code points."""

    INPUT = "list of str"

    def transform(self, data, check_input=True):
        return [[{length}(token) for token in tokens] for tokens in data]


def make_featurizer():
    return Pipeline([TextCleaner(), Tokenizer(), TokenLengths()])


# __pragma__('skip')
SAMPLES = ["Hello world", "see you at noon"]
# __pragma__('noskip')
'''


def project(root, name, source, config, probe=None):
    """A project folder with pipelines/NAME.py and a fitted build/NAME/; returns its Artifacts."""
    (root / "pipelines").mkdir(parents=True, exist_ok=True)
    (root / "pipelines" / f"{name}.py").write_text(source, encoding="utf-8")
    if not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
    artifacts = Artifacts(name, root)
    artifacts.build_dir.mkdir(parents=True, exist_ok=True)
    artifacts.featurizer_json.write_text(json.dumps(config), encoding="utf-8")
    meta = {"name": name, "labels": ["ham", "spam"], "input": "text", "input_dtype": "float32", "model_format": "graph"}
    artifacts.meta_json.write_text(json.dumps(meta), encoding="utf-8")
    shutil.rmtree(artifacts.tfjs_dir, ignore_errors=True)
    shutil.copytree(ROOT / "build" / "iris" / "tfjs", artifacts.tfjs_dir)
    if probe is not None:
        artifacts.probe_json.write_text(json.dumps({"inputs": probe}), encoding="utf-8")
    return artifacts


def dist_files(root):
    """Every file under js_dist/ (hidden staging folders included): {path: bytes}."""
    dist = root / "js_dist"
    return {str(p.relative_to(dist)): p.read_bytes() for p in sorted(dist.rglob("*")) if p.is_file()} if dist.exists() else {}


def cli(root, *args):
    env = {**os.environ, "FEATURIZERS_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "featurizers", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def issue_config(pattern):
    """The issue's pipeline fitted with a portable pattern, then given ``pattern``: the config an
    importer would write for it."""
    pipeline = Pipeline(
        [
            TextCleaner(normalization_form="NFKC", strip_accents="unicode", strip_html=False),
            Tokenizer(token_pattern="[" + portable.WORD_CHARS + "]{2,}"),
            Vocabulary(max_tokens=5000, min_count=3),
            TfIdf(sublinear_tf=True),
        ]
    ).fit(TEXTS)
    config = pipeline.get_config()
    config["steps"][1]["token_pattern"] = pattern
    return config


# --- the config check ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("\\b", ["TS701 regex class escape `\\b` at 0: JS \\w \\d \\b are ASCII-only", '"[" + portable.WORD_CHARS + "]{2,}" (the same tokens)']),
        ("(?u)\\b", ["TS704 regex inline flags `(?u)` at 0: a JS syntax error in Node 20; rewrite: drop it", "scikit-learn's default token_pattern"]),
    ],
    ids=["compiles in JS, means something else", "does not compile in JS"],
)
def test_the_issues_pipelines_are_refused_at_build_training_and_from_config(tmp_path, prefix, expected):
    pattern = prefix + "\\w\\w+\\b"
    artifacts = project(tmp_path, "issue", ISSUE_MODULE.format(prefix=prefix), issue_config(pattern), probe=TEXTS)

    built = cli(tmp_path, "build", "issue")
    assert built.returncode == 1, built.stdout + built.stderr
    message = built.stderr
    assert message.startswith("python -m featurizers build: build/issue/featurizer.json cannot run the same in JavaScript")
    assert f"Tokenizer (at Pipeline.steps[1]): token_pattern = {pattern!r}" in message
    assert 'TS701 regex class escape `\\w`' in message and 'rewrite: "[" + portable.WORD_CHARS + "]"' in message
    for text in expected:
        assert text in message
    assert dist_files(tmp_path) == {}

    trained = cli(tmp_path, "train", "issue")
    assert trained.returncode == 1
    assert trained.stderr.startswith("python -m featurizers train: pipelines/issue.py's make_featurizer() cannot run the same in JavaScript")
    assert f"token_pattern = {pattern!r}" in trained.stderr

    with pytest.raises(UnportableConfig, match="Tokenizer"):
        from_config(json.loads(artifacts.featurizer_json.read_text(encoding="utf-8")))
    transformed = subprocess.run(
        [sys.executable, "-m", "featurizers", "transform", "issue"],
        cwd=tmp_path, env={**os.environ, "FEATURIZERS_ROOT": str(tmp_path)}, input='"free money"\n', capture_output=True, text=True, timeout=300,
    )
    assert transformed.returncode == 1 and transformed.stdout == ""
    assert "token_pattern" in transformed.stderr


@pytest.mark.parametrize(
    "rule, expected",
    [
        (["a*|b", "-"], ["TextCleaner (at Pipeline.steps[0]): rules[0][0] = 'a*|b'", "TS711 replacement rule whose pattern can match the empty string `a*|b`", "rewrite: a pattern that matches at least one character"]),
        (["(a)?\\1b", "-"], ["TextCleaner (at Pipeline.steps[0]): rules[0][0] = '(a)?\\\\1b'", "TS710 regex back-reference to a group that may not have matched `\\1` at 4", "rewrite: a group certain to have matched"]),
    ],
    ids=["TS711 can match nothing", "TS710 unset group"],
)
def test_a_cleaning_rule_the_engines_run_otherwise_is_refused_at_build_and_nothing_is_written(tmp_path, rule, expected):
    # K's two holes, in a config a settings file or an importer wrote: "a*|b" cleans "b" into
    # "---" in CPython and "-b-" in JS; (a)?\1b finds "b" in JS only.
    config, source = lengths_config("cp_len")
    config["steps"][0]["rules"] = [rule]
    project(tmp_path, "lengths", source, config, probe=TEXTS)
    with pytest.raises(UnportableConfig) as refused:
        build("lengths", tmp_path, log=lambda *_: None)
    message = str(refused.value)
    assert message.startswith("build/lengths/featurizer.json cannot run the same in JavaScript (1 value(s) outside the portable subset")
    for text in expected:
        assert text in message
    assert dist_files(tmp_path) == {}
    assert not (tmp_path / "build" / "lengths" / "py").exists()  # refused before anything was compiled


# --- the parity gate -------------------------------------------------------------------------------------


def lengths_config(length):
    module = {"len": "len", "cp_len": "portable.cp_len"}[length]
    return {"type": "Pipeline", "steps": [{"type": "TextCleaner"}, {"type": "Tokenizer"}, {"type": "TokenLengths"}]}, LENGTHS_MODULE.format(length=module)


def test_a_featurizer_that_diverges_on_some_inputs_only_stops_the_build_and_nothing_is_written(tmp_path):
    config, source = lengths_config("len")
    project(tmp_path, "lengths", source, config, probe=TEXTS)
    with pytest.raises(ParityGateFailed) as failed:
        build("lengths", tmp_path, log=lambda *_: None)
    message = str(failed.value)
    # The check the source can get has nothing to say: only the run shows it.
    assert cli(tmp_path, "check", "pipelines/lengths.py").returncode == 0
    assert message.startswith("parity gate: the bundle of lengths would give other outputs in Node than CPython gives, so nothing was written to js_dist/lengths/")
    assert "Node and CPython differ on" in message and "inputs of the adversarial texts; the first is item 4:" in message
    assert "input:   'free \\U0001f600\\U0001f600 money \\U0001f4b0 now \\U0001f389'" in message
    assert "CPython: [4, 2, 5, 1, 3, 1]" in message and "Node:    [4, 4, 5, 2, 3, 2]" in message
    assert "they differ at [1]: CPython 2, Node 4 (different numbers)" in message
    assert "where they part: Pipeline.steps[2] (TokenLengths), given the same input in both (the parts before it agree):" in message
    assert "its input: [['free', '\\U0001f600\\U0001f600', 'money', '\\U0001f4b0', 'now', '\\U0001f389']]" in message
    assert dist_files(tmp_path) == {}  # no bundle, no entry point, no staging folder left


def test_a_failed_build_leaves_the_previous_build_as_it_was(tmp_path):
    config, good = lengths_config("cp_len")
    artifacts = project(tmp_path, "lengths", good, config, probe=TEXTS)
    lines = []
    build("lengths", tmp_path, log=lines.append)
    gate = "[lengths] parity gate: 69 inputs (2 SAMPLES, 20 training slice, 44 adversarial texts, 3 lone-surrogate strings): the same in Node as in CPython ("
    assert [line for line in lines if line.startswith("[lengths] parity gate")][0].startswith(gate), lines
    before = dist_files(tmp_path)
    assert "lengths.js" in before and "lengths/index.js" in before

    _config, bad = lengths_config("len")
    artifacts.source.write_text(bad, encoding="utf-8")
    built = cli(tmp_path, "build", "lengths")
    assert built.returncode == 1 and "where they part: Pipeline.steps[2] (TokenLengths)" in built.stderr
    assert dist_files(tmp_path) == before


def test_the_gate_runs_the_samples_the_training_slice_and_the_adversarial_set(tmp_path):
    from featurizers.compiler.gate import pipeline_probe, probe_cases

    config, good = lengths_config("cp_len")
    artifacts = project(tmp_path, "lengths", good, config, probe=TEXTS)
    cases = probe_cases({"input": "text"}, pipeline_probe(artifacts, artifacts.module()))
    names = [name for name, _batch in cases]
    assert names[:3] == ["SAMPLES", "the training slice (build/lengths/probe.json)", "the adversarial texts"]
    assert names[3:] == ["a lone-surrogate string"] * 3
    assert [len(batch) for _name, batch in cases[:2]] == [2, len(TEXTS)]
    assert any(len(text) > 32768 for text in cases[2][1])  # a text that goes through a Pipeline in parts


def test_a_record_pipeline_is_probed_with_adversarial_numbers(iris):
    from featurizers.compiler.gate import pipeline_probe, probe_cases
    from featurizers.training.artifacts import load_meta

    cases = dict(probe_cases(load_meta("iris", iris.root), pipeline_probe(iris, iris.module())))
    records = cases["the adversarial records"]
    assert {"sepal_length": -0.0, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2} in records
    assert any("__proto__" in record for record in records)


@pytest.mark.parametrize("name", ["iris", "tfidf", "sklearn_sms"])
def test_the_example_pipelines_pass_the_gate_and_build_the_same_bytes(name):
    artifacts = Artifacts(name, ROOT)
    paths = sorted(artifacts.dist_dir.rglob("*")) + [artifacts.bundle, artifacts.dist_dir.parent / f"{name}.browser.js"]
    before = {p: p.read_bytes() for p in paths if p.is_file()}
    lines = []
    build(name, ROOT, log=lines.append)
    gate = [line for line in lines if "parity gate" in line]
    assert len(gate) == 1 and "training slice" in gate[0] and "the same in Node as in CPython" in gate[0], lines
    after = {p: p.read_bytes() for p in sorted(artifacts.dist_dir.rglob("*")) + [artifacts.bundle, artifacts.dist_dir.parent / f"{name}.browser.js"] if p.is_file()}
    assert sorted(after) == sorted(before)
    assert [str(p) for p in before if before[p] != after[p]] == []
    assert not list(artifacts.dist_dir.parent.glob(f".{name}.*"))


def test_a_bundle_that_cannot_be_loaded_in_node_fails_the_gate(tmp_path):
    from featurizers.compiler.gate import check_bundle

    bundle = tmp_path / "index.js"
    bundle.write_text("throw new Error('broken at load');\n", encoding="utf-8")
    with pytest.raises(ParityGateFailed, match=r"^parity gate: the bundle of broken cannot be run in Node \(Node: Error: broken at load\)"):
        check_bundle("broken", bundle, {"type": "TextCleaner"}, [("SAMPLES", ["a"])], lambda: None, log=lambda *_: None)


# --- every build path: export_sklearn too ------------------------------------------------------------

SPAM = ["free prize now", "lunch at noon?", "win a free phone", "see you at noon", "prize draw today", "call me later"]
SPAM_LABELS = ["spam", "ham", "spam", "ham", "spam", "ham"]


@pytest.fixture(scope="module")
def spam_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(SPAM, SPAM_LABELS)


def test_an_export_is_gated_and_one_that_would_differ_leaves_the_previous_package_as_it_was(tmp_path, spam_model, monkeypatch):
    from featurizers import export_sklearn
    from featurizers.compiler import gate
    from featurizers.compiler.check.configs import check_config
    from featurizers.interop.sklearn import convert

    # scikit-learn's default token_pattern arrives rewritten into the portable subset: the check passes.
    config = convert(spam_model).config
    assert config["steps"][1]["token_pattern"] == "[" + portable.WORD_CHARS + "]{2,}" and check_config(config) == []
    lines = []
    package = export_sklearn(spam_model, tmp_path / "spam", samples=SPAM, root=ROOT, log=lines.append)
    assert [line for line in lines if "parity gate" in line][0].startswith(
        "[spam] parity gate: 53 inputs (6 samples, 44 adversarial texts, 3 lone-surrogate strings): the same in Node as in CPython"
    ), lines
    before = {p: p.read_bytes() for p in sorted(package.rglob("*")) if p.is_file()}

    # A CPython side that gives one ulp more on one input: the gate must see it and write nothing.
    real = gate.config_transform

    def one_ulp_off(config):
        transform = real(config)
        return lambda batch: [[value + 5e-324 * (text == "win a free phone") for value in row] for text, row in zip(batch, transform(batch))]

    monkeypatch.setattr(gate, "config_transform", one_ulp_off)
    with pytest.raises(ParityGateFailed) as failed:
        export_sklearn(spam_model, tmp_path / "spam", samples=SPAM, root=ROOT, log=None)
    message = str(failed.value)
    assert message.startswith(f"parity gate: the bundle of spam would give other outputs in Node than CPython gives, so nothing was written to {tmp_path / 'spam'}/")
    assert "inputs of the samples; the first is item 2:" in message and "input:   'win a free phone'" in message
    assert {p: p.read_bytes() for p in sorted(package.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spam"]  # no staging folder left


def test_an_export_whose_pattern_is_not_portable_is_refused_by_name_and_writes_nothing(tmp_path, spam_model, monkeypatch):
    from featurizers import export_sklearn
    from featurizers.interop import sklearn as interop

    # Were the importer to pass scikit-learn's pattern through as it is, the config check refuses it.
    monkeypatch.setattr(interop, "portable_pattern", lambda pattern, owner=None, param=None: pattern)
    with pytest.raises(UnportableConfig) as refused:
        export_sklearn(spam_model, tmp_path / "spam", samples=SPAM, root=ROOT, log=None)
    message = str(refused.value)
    assert "Tokenizer (at Pipeline.steps[1]): token_pattern = '(?u)\\\\b\\\\w\\\\w+\\\\b'" in message
    assert "TS704 regex inline flags `(?u)` at 0" in message and "scikit-learn's default token_pattern: the same tokens" in message
    assert not (tmp_path / "spam").exists()


def test_a_record_export_without_samples_is_gated_on_a_record_made_from_its_config(tmp_path):
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from featurizers import export_sklearn
    from featurizers.compiler.gate import record_like
    from featurizers.interop.sklearn import convert

    frame = pd.DataFrame({"city": ["b", "a", "c", "a", "b", "c"], "size": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    columns = ColumnTransformer([("city", OneHotEncoder(), ["city"]), ("size", StandardScaler(), ["size"])])
    model = make_pipeline(columns, LogisticRegression()).fit(frame, SPAM_LABELS)
    assert record_like(convert(model).config) == {"city": "a", "size": 3.5}
    lines = []
    export_sklearn(model, tmp_path / "shop", root=ROOT, log=lines.append)
    gated = [line for line in lines if "parity gate" in line]
    assert gated[0].startswith("[shop] parity gate: 14 inputs (1 record made from the config, 13 adversarial records): the same in Node as in CPython"), lines
