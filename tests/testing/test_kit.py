"""The parity kit (featurizers.testing) as a user's test suite uses it: assert_same_in_node passes on a
featurizer that gives the same in both runtimes, and fails with a readable report on one that does
not; the featurizer may be built-in, a class of one's own in one's module, or a pipeline module.

The featurizers of our own are written into modules of restricted Python in a temporary folder and
imported from there, as a user's pipeline module is.
"""

import importlib.util
import sys

import pytest

from featurizers import EmailBody, Pipeline, TextCleaner, TfIdf, Tokenizer, Vocabulary
from featurizers.testing import CompileError, assert_same_in_node, compare_in_node
from featurizers.testing.adversarial import ADVERSARIAL, lone_surrogates, texts
from featurizers.testing.parity import find_mismatch
from featurizers.testing.runtimes import BrowserRunner, find_chromium

LENGTHS = '''"""Token lengths: featurizers of our own."""

from featurizers import Featurizer, Pipeline, TextCleaner, Tokenizer, portable, register


@register
class {name}(Featurizer):
    """The length of each token."""

    INPUT = "list of str"

    def transform(self, data, check_input=True):
        return [[{length}(token) for token in tokens] for tokens in data]


def make_featurizer():
    return Pipeline([TextCleaner(), Tokenizer(), {name}()])
'''

NEGATE = '''"""Negated ids: -0 is an int 0 in CPython and a double -0 in JS."""

from featurizers import Featurizer, register


@register
class Negate(Featurizer):
    def transform(self, data, check_input=True):
        return [[-x for x in row] for row in data]
'''


def load(tmp_path, stem, source):
    """Write ``stem.py`` and import it as a user imports their module."""
    path = tmp_path / f"{stem}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def lengths(tmp_path):
    """(module with a portable TokenLengths, module with a divergent one)."""
    good = load(tmp_path, "good_lengths", LENGTHS.format(name="CodePointLengths", length="portable.cp_len"))
    bad = load(tmp_path, "bad_lengths", LENGTHS.format(name="UnitLengths", length="len"))
    yield good, bad
    for stem in ("good_lengths", "bad_lengths"):
        sys.modules.pop(stem, None)


def spam_pipeline():
    return Pipeline([EmailBody(), TextCleaner(), Tokenizer(ngram_range=[1, 2]), Vocabulary(max_tokens=300), TfIdf()])


# --- passing ---------------------------------------------------------------------------------------


def test_a_builtin_pipeline_is_the_same_in_node_and_chromium_on_the_adversarial_texts():
    pipeline = spam_pipeline().fit(texts())
    assert_same_in_node(pipeline, texts(), browser=True)


def test_a_featurizer_of_your_own_is_compiled_from_its_module(lengths):
    good, _bad = lengths
    assert_same_in_node(good.CodePointLengths(), [["free", "\U0001F600"], [], ["constructor", "__proto__"]], browser=False)


def test_a_pipeline_module_is_its_make_featurizer_fitted_on_the_inputs(lengths, tmp_path):
    assert_same_in_node(tmp_path / "good_lengths.py", list(ADVERSARIAL.values()), browser=False)


def test_an_unfitted_featurizer_is_fitted_on_a_copy_and_errors_count_as_outcomes():
    vocabulary_pipeline = Pipeline([TextCleaner(), Tokenizer(), Vocabulary(max_tokens=50)])
    assert_same_in_node(vocabulary_pipeline, ["free money", "money later"], fit=texts(), browser=False)
    assert not vocabulary_pipeline.is_fitted()
    # The same TypeError, with the same message, on both sides (compared input by input).
    assert_same_in_node(TextCleaner(), ["fine", None, 3, *lone_surrogates()], browser=False)


# --- failing, with a report ---------------------------------------------------------------------------------


def test_a_divergent_featurizer_fails_with_the_input_both_outputs_and_the_step_where_they_part(lengths, tmp_path):
    inputs = ["plain words only", "free \U0001F600 money", "more plain words", "\U0001F44B"]
    with pytest.raises(AssertionError) as failed:
        assert_same_in_node(tmp_path / "bad_lengths.py", inputs, browser=False)
    assert str(failed.value).splitlines() == [
        "Node and CPython differ on 2 of the 4 inputs of the batch given; the first is item 1:",
        "  input:   'free \\U0001f600 money'",
        "  CPython: [4, 1, 5]",
        "  Node:    [4, 2, 5]",
        "  they differ at [1]: CPython 1, Node 2 (different numbers)",
        "  where they part: Pipeline.steps[2] (UnitLengths), given the same input in both (the parts before it agree):",
        "    its input: [['free', '\\U0001f600', 'money']]",
        "    CPython: [[4, 1, 5]]",
        "    Node:    [[4, 2, 5]]",
        "    they differ at [0][1]: CPython 1, Node 2 (different numbers)",
    ]


def test_floats_are_compared_bit_for_bit_so_a_zero_of_the_other_sign_fails(tmp_path):
    module = load(tmp_path, "negate", NEGATE)
    try:
        with pytest.raises(AssertionError, match=r"they differ at \[0\]: CPython 0, Node -0\.0 \(zeros of different signs\)"):
            assert_same_in_node(module.Negate(), [[0, 1], [2]], browser=False)
    finally:
        sys.modules.pop("negate", None)


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium (and Playwright) here")
def test_the_report_names_chromium_when_the_browser_differs(lengths):
    from featurizers.testing.compile import compile_library, source_modules

    _good, bad = lengths
    featurizer = bad.UnitLengths()
    library = compile_library(source_modules(featurizer), browser=True)
    with BrowserRunner(find_chromium()) as chromium:
        target = {"library": str(library.browser), "config": featurizer.get_config()}
        mismatch = find_mismatch(featurizer.transform, chromium, target, [("the batch given", [["\U0001F600"]])], "Chromium")
    assert mismatch.report().splitlines()[:4] == [
        "Chromium and CPython differ on 1 of the 1 inputs of the batch given; the first is item 0:",
        "  input:    ['\\U0001f600']",
        "  CPython:  [1]",
        "  Chromium: [2]",
    ]


def test_a_config_outside_the_portable_subset_fails_with_the_rewrite():
    with pytest.raises(AssertionError, match=r"(?s)token_pattern = '\\\\w\+'.*portable\.WORD_CHARS"):
        assert_same_in_node(Tokenizer(token_pattern="\\w+"), ["a b"], browser=False)


def test_a_module_the_checker_refuses_fails_with_its_findings(tmp_path):
    module = load(tmp_path, "uses_re", LENGTHS.format(name="ReLengths", length="len").replace('"""Token lengths', 'import re\n"""Token lengths'))
    try:
        with pytest.raises(CompileError, match=r"uses_re\.py:\d+:\d+: TS602 import of re"):
            assert_same_in_node(module.ReLengths(), [["a"]], browser=False)
    finally:
        sys.modules.pop("uses_re", None)


def test_a_class_that_is_not_registered_or_not_in_a_module_fails_clearly():
    from featurizers import Featurizer

    class Local(Featurizer):
        def transform(self, data, check_input=True):
            return data

    with pytest.raises(CompileError, match="Local is not registered: decorate the class with @featurizers.register"):
        assert_same_in_node(Local(), ["a"], browser=False)


def test_inputs_must_be_json_values():
    with pytest.raises(TypeError, match="inputs must be a list of inputs"):
        compare_in_node(TextCleaner(), "just one text", browser=False)
    with pytest.raises(TypeError, match="inputs must be JSON values"):
        compare_in_node(TextCleaner(), [float("nan")], browser=False)
