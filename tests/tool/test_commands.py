"""The `featurizers` command's own behaviour: the scaffold, quiet output and progress, training
that reports what a split lacks instead of crashing, and the paths and folders it takes."""

import csv
import json
import os
import subprocess
import sys
import textwrap

import pytest
from harness import ROOT

from featurizers.cli import scaffold
from featurizers.training import console, train

# --- featurizers new ------------------------------------------------------------------------------


def featurizers(*argv, cwd, env=None, stdin=None, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "featurizers", *map(str, argv)], cwd=cwd, capture_output=True, text=True, env=env, input=stdin, timeout=timeout
    )


def test_new_writes_a_project_that_passes_the_checker(tmp_path):
    result = featurizers("new", "spam", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "spam"
    assert sorted(p.name for p in project.iterdir()) == [".gitignore", "README.md", "data", "pipeline.py", "test_pipeline.py", "texts.jsonl"]
    assert (project / "README.md").read_text(encoding="utf-8").startswith("# spam\n")
    check = featurizers("check", "pipeline.py", cwd=project)
    assert check.returncode == 0, check.stdout
    for line in (project / "texts.jsonl").read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), str)


def test_the_scaffolds_csv_is_the_sms_collection_row_for_row(tmp_path):
    featurizers("new", "spam", cwd=tmp_path)
    with open(tmp_path / "spam" / "data" / "sms_spam_collection.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with open(scaffold.SMS_TSV, encoding="utf-8", newline="") as f:
        tsv = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["label", "text"] and tsv[0] == ["Label", "SMS"]
    assert rows[1:] == tsv[1:]
    assert len(rows) == 5575


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "spam").mkdir()
    (tmp_path / "spam" / "mine.txt").write_text("keep me", encoding="utf-8")
    result = featurizers("new", "spam", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "python -m featurizers new: spam exists and is not an empty folder\n"
    assert sorted(p.name for p in (tmp_path / "spam").iterdir()) == ["mine.txt"]


def test_the_scaffolds_featurizer_in_python():
    path = scaffold.TEMPLATE / "pipeline.py"
    namespace = {"__file__": str(path), "__name__": "pipeline"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    signs = namespace["Signs"]()
    assert signs.transform(["CALL NOW", "call now", "Call www.x.example now", "", "ÉÉÉ a"]) == [
        "zzshout CALL NOW",
        "zzcalm call now",
        "zzurl zzcalm Call www.x.example now",
        "zzcalm ",
        "zzcalm ÉÉÉ a",
    ]
    assert signs.get_config() == {"type": "Signs", "boundaries": [0.3, 0.6]}
    with pytest.raises(TypeError, match=r"^Signs\.transform: item 1 is NoneType, expected str$"):
        signs.transform(["ok", None])


# --- PIPELINE arguments -----------------------------------------------------------------------------


@pytest.mark.parametrize("argument, message", [
    ("missing.py", "no pipeline module missing.py"),
    ("my-pipeline.py", "my-pipeline.py: the module's name 'my-pipeline' is not a Python identifier (it is compiled as a module)"),
    ("notes.txt", "notes.txt: a pipeline is a Python module, a file named NAME.py"),
])  # fmt: skip
def test_a_pipeline_argument_that_is_not_a_module_is_named(tmp_path, argument, message):
    (tmp_path / "my-pipeline.py").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    result = featurizers("build", argument, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, f"python -m featurizers build: {message}\n")


def test_a_command_before_training_names_the_command_to_run(tmp_path):
    featurizers("new", "spam", cwd=tmp_path)
    result = featurizers("predict", "spam/pipeline.py", "--from", "out", cwd=tmp_path, stdin='"hi"\n')
    assert result.returncode == 1
    missing = tmp_path / "out" / "pipeline" / "meta.json"
    assert result.stderr == f"python -m featurizers predict: {missing} is missing: run `featurizers train spam/pipeline.py --out out` first\n"


# --- quiet output and progress ------------------------------------------------------------------------


def run_python(code):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_what_native_code_writes_to_stderr_is_held_back():
    result = run_python("""
        import os, sys
        from featurizers.training import console
        with console.native_stderr_held():
            os.write(2, b"E0000 00:00 cuda_blas.cc: Unable to register cuBLAS factory\\n")
            print("a warning from Python", file=sys.stderr)
        print("ours")
        print("ours too", file=sys.stderr)
    """)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ours\n", "ours too\n")


def test_it_is_shown_when_the_block_fails_and_with_verbose():
    failed = run_python("""
        import os
        from featurizers.training import console
        with console.native_stderr_held():
            os.write(2, b"the library's reason\\n")
            raise SystemExit(3)
    """)
    assert (failed.returncode, failed.stderr) == (3, "the library's reason\n")
    verbose = run_python("""
        import os
        from featurizers.training import console
        with console.native_stderr_held(verbose=True):
            os.write(2, b"shown\\n")
    """)
    assert verbose.stderr == "shown\n"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_of_a_long_step_on_a_log_and_on_a_terminal(monkeypatch):
    import io

    clock = Clock()
    monkeypatch.setattr(console.time, "perf_counter", clock)
    log = io.StringIO()
    progress = console.Progress("[spam] transform", 100_000, stream=log)
    for done, at in [(10_000, 0.5), (20_000, 1.5), (30_000, 3.0), (60_000, 7.0), (100_000, 8.0)]:
        clock.now = at
        progress.update(done)
    clock.now = 9.0
    assert progress.finish() == 9.0
    assert log.getvalue().splitlines() == [
        "[spam] transform: 20,000/100,000 texts (20%)",
        "[spam] transform: 60,000/100,000 texts (60%)",
        "[spam] transform: 100,000 texts in 9.0 s",
    ]

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    clock.now = 0.0
    terminal = Terminal()
    progress = console.Progress("[spam] transform", 10, stream=terminal)
    for done, at in [(5, 2.0), (10, 2.5)]:
        clock.now = at
        progress.update(done)
    progress.finish()
    assert terminal.getvalue() == "\r[spam] transform: 5/10 texts (50%)\r[spam] transform: 10/10 texts (100%)\r[spam] transform: 10 texts in 2.5 s\n"


def test_a_short_step_shows_no_progress():
    import io

    log = io.StringIO()
    progress = console.Progress("[x] transform", 10, stream=log)
    progress.update(10)
    progress.finish()
    assert log.getvalue() == ""


def test_a_chunked_transform_gives_the_whole_batchs_output_and_errors():
    from featurizers import Pipeline, TextCleaner, Tokenizer, Vocabulary

    texts = [f"text number {i} with words" for i in range(5_000)]
    pipeline = Pipeline([TextCleaner(), Tokenizer(), Vocabulary()]).fit(texts)
    assert console.transform_with_progress(pipeline, texts, "x") == pipeline.transform(texts)
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 4321 is NoneType, expected str$"):
        console.transform_with_progress(pipeline, texts[:4321] + [None] + texts[4322:], "x")


# --- a split that lacks a label --------------------------------------------------------------------


def test_recall_of_a_label_the_test_split_lacks_is_undefined_not_a_crash():
    scores = train.scores_of(["ham", "spam"], [1, 1, 1], [1, 0, 1])
    assert scores["recall"] == {"ham": None, "spam": 2 / 3}
    assert train.describe_scores("test", scores, ["ham", "spam"]) == (
        "test test (3): accuracy 0.6667; ham recall n/a precision 0.0000; spam recall 0.6667 precision 1.0000"
    )
    assert train.label_warnings(["ham", "spam"], {"ham", "spam"}, {"spam"}) == [
        "no test example has the label 'ham': its recall is undefined"
    ]


PIPELINE = '''
from featurizers import PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary


def make_featurizer():
    return Pipeline([TextCleaner(), Tokenizer(), Vocabulary(), PadSequences(8)])


# __pragma__('skip')
from pathlib import Path

from featurizers.training import models
from featurizers.training.datasets import Split

EPOCHS = 2


def load_data(artifacts):
    here = Path(__file__).parent
    return Split.from_jsonl(here / "train.jsonl", here / "test.jsonl")


def make_model(featurizer, n_labels):
    return models.embedding_classifier(featurizer.step("Vocabulary").size(), 8, n_labels)


# __pragma__('noskip')
'''


def test_training_with_a_test_split_without_spam_warns_and_reports_undefined_recall(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "tiny.py").write_text(PIPELINE, encoding="utf-8")
    train_rows = [{"text": f"win cash prize {i}", "label": "spam"} for i in range(20)]
    train_rows += [{"text": f"lunch at noon {i}", "label": "ham"} for i in range(20)]
    (project / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train_rows), encoding="utf-8")
    (project / "test.jsonl").write_text('{"text": "lunch tomorrow", "label": "ham"}\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FEATURIZERS_ROOT"}
    result = featurizers("train", "tiny.py", cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "[tiny] warning: no test example has the label 'spam': its recall is undefined" in lines
    assert [line for line in lines if "accuracy" in line and "epoch" not in line] == [
        "[tiny] test test (1): accuracy 1.0000; ham recall 1.0000 precision 1.0000; spam recall n/a precision n/a"
    ]
    assert [line for line in lines if " epoch " in line][-1].startswith("[tiny] epoch 2/2: loss ")
    assert result.stderr == ""
    meta = json.loads((project / "build" / "tiny" / "meta.json").read_text(encoding="utf-8"))
    assert meta["test"]["test"]["recall"] == {"ham": 1.0, "spam": None}


def test_training_names_what_is_wrong_with_the_data(tmp_path):
    (tmp_path / "tiny.py").write_text(PIPELINE, encoding="utf-8")
    (tmp_path / "train.jsonl").write_text('{"text": "a", "label": "ham"}\n', encoding="utf-8")
    (tmp_path / "test.jsonl").write_text('{"text": "b", "label": "spam"}\n', encoding="utf-8")
    result = featurizers("train", "tiny.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"python -m featurizers train: {tmp_path / 'test.jsonl'}: line 1: label 'spam' (column 'label') is not in the train split ({tmp_path / 'train.jsonl'})"
    )
    assert not (tmp_path / "build" / "tiny" / "featurizer.json").exists()
