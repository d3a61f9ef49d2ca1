"""``python -m featurizers check FILE...``, and the check in the build and in ``make py=NAME``."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from featurizers.compiler import check
from featurizers.compiler.build import build

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "featurizers"
BAD = '''"""A pipeline with two constructs that Transcrypt compiles to other meanings."""

from featurizers import PadSequences, Pipeline, Tokenizer


def _length(values, extra=0):
    return len(values) + extra


def make_featurizer():
    padding = [0] * 4
    return Pipeline([Tokenizer(), PadSequences(_length(padding, extra=1))])
'''


def run_check(*files, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "featurizers", "check", *map(str, files)], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_findings_print_file_line_col_and_exit_1(tmp_path):
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "bad.py").write_text(BAD, encoding="utf-8")
    result = run_check("pipelines/bad.py", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "pipelines/bad.py:11:15: TS101 list repetition `[0] * 4`: build the list with a comprehension: [x for _ in range(n)]"
    )
    assert lines[1] == (
        "pipelines/bad.py:12:48: TS601 keyword argument to a function compiled without kwargs `_length(..., extra=...)`: "
        "pass it positionally, or put # __pragma__('kwargs') ... # __pragma__('nokwargs') around the callee"
    )
    assert re.fullmatch(r"check: 2 finding\(s\) in 1 of \d+ module\(s\)", lines[2])
    assert len(lines) == 3


def test_the_project_passes_with_a_one_line_summary():
    featurizers = sorted(path.relative_to(ROOT) for path in PACKAGE.glob("*.py") if path.name != "__main__.py")
    result = run_check(*featurizers, "pipelines/pipeline.py")
    assert (result.returncode, result.stderr) == (0, "")
    (summary,) = result.stdout.splitlines()
    assert re.fullmatch(rf"check: no findings in {len(featurizers) + 1} module\(s\) \({len(featurizers) + 1} given, 0 imported\)", summary)


def test_the_flagship_pipeline_passes():
    result = run_check("pipelines/pipeline.py")
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"check: no findings in (\d+) module\(s\) \(1 given, \d+ imported\)\n", result.stdout)


def test_missing_file_is_a_usage_error():
    result = run_check("pipelines/no_such_pipeline.py")
    assert result.returncode == 2
    assert "no such file: pipelines/no_such_pipeline.py" in result.stderr


def test_check_needs_a_file():
    assert run_check().returncode == 2


def test_build_fails_before_compiling_a_pipeline_with_findings(tmp_path):
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "bad.py").write_text(BAD, encoding="utf-8")
    with pytest.raises(check.CheckFailed) as raised:
        build("bad", root=tmp_path, log=lambda _line: None)
    assert [f.rule for f in raised.value.findings] == ["TS101", "TS601"]
    assert "pipelines/bad.py:11:15: TS101" in str(raised.value)
    assert not (tmp_path / "build").exists()  # nothing was compiled


def test_build_command_reports_the_findings(tmp_path):
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "bad.py").write_text(BAD, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "featurizers", "build", "bad"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "FEATURIZERS_ROOT": str(tmp_path)},
    )
    assert result.returncode == 1
    assert "pipelines/bad.py:12:48: TS601" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_checks_the_pipeline_before_training():
    result = subprocess.run(
        ["make", "-n", "-W", "pipelines/pipeline.py", "build/pipeline/.trained"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    check_line = commands.index(".venv/bin/python -m featurizers check pipelines/pipeline.py")
    assert commands[check_line + 1] == ".venv/bin/python -m featurizers train pipeline --engine python"
