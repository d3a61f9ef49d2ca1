"""Fixtures of the tests of "Use it in your own project": this checkout as pip sees it (a copy of
its source distribution's files, outside the checkout) and its wheel. They, the fresh venvs per
Python and the README's commands are set up ahead, from the session's start (tests/ahead.py)."""

import pytest


@pytest.fixture(scope="session")
def source_copy(ahead):
    """The project's files as a source distribution holds them, in a folder outside the checkout."""
    return ahead.result("source_copy")


@pytest.fixture(scope="session")
def wheel(ahead):
    """The project's wheel, built as `pip wheel` builds it (isolated, setuptools from PyPI)."""
    return ahead.result("wheel")
