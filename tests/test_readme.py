"""The README's Python examples are specifications: each one runs, and prints what the README shows."""

import doctest

from harness import ROOT


def test_every_python_example_in_the_readme_gives_the_output_it_shows():
    failures, attempted = doctest.testfile(str(ROOT / "README.md"), module_relative=False, verbose=False)
    assert attempted >= 30
    assert failures == 0
