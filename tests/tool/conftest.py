"""Fixtures of the tests of "Use it in your own project": this checkout as pip sees it (a copy of
its source distribution's files, outside the checkout) and its wheel."""

import shutil
import subprocess
import sys

import pytest
from harness import ROOT
from userland import IGNORED, SOURCE_FILES


@pytest.fixture(scope="session")
def source_copy(tmp_path_factory):
    """The project's files as a source distribution holds them, in a folder outside the checkout."""
    folder = tmp_path_factory.mktemp("checkout") / "featurizers"
    folder.mkdir()
    for name in SOURCE_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, folder / name, ignore=IGNORED)
        else:
            shutil.copy(path, folder / name)
    return folder


@pytest.fixture(scope="session")
def wheel(source_copy, tmp_path_factory):
    """The project's wheel, built as `pip wheel` builds it (isolated, setuptools from PyPI)."""
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(out), str(source_copy)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("featurizers-*.whl")
    return built
