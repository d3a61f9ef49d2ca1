"""The config check: patterns and numbers that reach the bundle through a config are checked with the
source checker's rules, in from_config, in CPython's compile_pattern, in training and in the build.

What the bundle would do with each refused construct is measured in test_divergences.py (the same
rules); here: what is refused, where, and how the refusal reads.
"""

import re

import pytest

from featurizers import Columns, Featurizer, Pipeline, Standardize, TextCleaner, Tokenizer, Vocabulary, _host, from_config, portable, register
from featurizers.compiler.check.configs import WHOLE_REWRITES, UnportableConfig, check_config, refuse_unportable_pattern
from featurizers.testing.adversarial import texts

SKLEARN_PATTERN = "(?u)\\b\\w\\w+\\b"
ISSUE_PATTERN = "\\b" + "\\w\\w+\\b"  # built at run time in the issue's pipeline module


def spam_config(token_pattern):
    return Pipeline([TextCleaner(), Tokenizer(token_pattern=token_pattern), Vocabulary()]).get_config()


# --- what is found -------------------------------------------------------------------------------------


def test_a_word_class_in_a_token_pattern_is_found_with_its_featurizer_parameter_and_rewrite():
    [finding] = check_config(spam_config(ISSUE_PATTERN))
    assert (finding.featurizer, finding.location, finding.param, finding.value) == ("Tokenizer", "Pipeline.steps[1]", "token_pattern", ISSUE_PATTERN)
    assert [(c.rule, c.fragment, c.offset) for c in finding.constructs] == [("TS701", "\\b", 0), ("TS701", "\\w", 2), ("TS701", "\\w", 4), ("TS701", "\\b", 7)]
    assert 'portable.WORD_CHARS' in finding.constructs[1].rewrite
    assert finding.whole_rewrite == '"[" + portable.WORD_CHARS + "]{2,}" (the same tokens)'


def test_scikit_learns_spelling_is_found_for_its_inline_flag_too():
    [finding] = check_config(spam_config(SKLEARN_PATTERN))
    assert [c.rule for c in finding.constructs] == ["TS704", "TS701", "TS701", "TS701", "TS701"]
    assert finding.constructs[0].fragment == "(?u)" and finding.constructs[0].rewrite.startswith("drop it")
    assert "scikit-learn's default token_pattern" in finding.whole_rewrite


def test_text_cleaner_rules_are_checked_by_index_and_replacements_are_not():
    config = TextCleaner(rules=[["[0-9]+", "$1 NUM"], ["\\d+", "N"], ["(?i)spam", "S"]]).get_config()
    findings = check_config(config)
    assert [(f.param, f.value, [c.rule for c in f.constructs]) for f in findings] == [
        ("rules[1][0]", "\\d+", ["TS701"]),
        ("rules[2][0]", "(?i)spam", ["TS704"]),
    ]
    assert findings[0].featurizer == "TextCleaner" and findings[0].location == ""


@pytest.mark.parametrize(
    "pattern, rule",
    [("a.b", "TS707"), ("a$", "TS708"), ("(?<=a)b", "TS702"), ("(?P<x>a)", "TS703"), ("\\Aa", "TS705"), ("a++", "TS706"), ("a{,2}", "TS709"), ("\\s+", "TS701")],
)
def test_every_pattern_rule_of_the_source_checker_applies(pattern, rule):
    [finding] = check_config(Tokenizer(token_pattern=pattern).get_config())
    assert [c.rule for c in finding.constructs] == [rule]


def test_a_replacement_rule_that_can_match_nothing_is_refused_and_a_token_pattern_is_left_to_the_tokenizer():
    # After an empty match the engines resume differently: TextCleaner would clean "b" into "---"
    # in CPython and "-b-" in JS. A Tokenizer refuses empty matches itself, in both runtimes.
    [finding] = check_config(TextCleaner(rules=[["b??", "-"], ["[0-9]+", "N"]]).get_config())
    assert (finding.param, [(c.rule, c.offset) for c in finding.constructs]) == ("rules[0][0]", [("TS711", None)])
    assert check_config(Tokenizer(token_pattern="(?=a)|b").get_config()) == []


@pytest.mark.parametrize(
    "pattern, refused",
    [("(a)?\\1b", True), ("(?:(a)|b)+\\1", True), ("(a)*\\1", True), ("(a)(?!(b))\\2", True),
     ("(a)\\1", False), ("(a|b)\\1", False), ("(a)(?=(b))\\2", False), ("(a)[\\1]", False), ("\\\\1", False)],
)  # fmt: skip
def test_a_back_reference_to_a_group_that_may_not_have_matched_is_refused(pattern, refused):
    rules = [c.rule for f in check_config(TextCleaner(rules=[[pattern, "x"]]).get_config()) for c in f.constructs]
    assert rules == (["TS710"] if refused else [])


def test_a_featurizer_inside_columns_inside_a_pipeline_is_named_by_where_it_sits():
    text = Pipeline([TextCleaner(), Tokenizer(token_pattern="\\w+")])
    config = Columns([["size", Standardize()], ["subject", text]]).get_config()
    [finding] = check_config(config)
    assert finding.where == "Tokenizer (at Columns.columns[1][1].steps[1])"


def test_numbers_the_bundle_would_round_or_cannot_embed_are_found():
    config = {"type": "Standardize", "mean_": 2**53 + 1, "var_": float("nan")}
    assert [(f.param, f.constructs[0].rule) for f in check_config(config)] == [("mean_", "TS401"), ("var_", "JSON")]


@pytest.mark.parametrize(
    "config",
    [
        Pipeline([TextCleaner(), Tokenizer(token_pattern="[" + portable.WORD_CHARS + "]{2,}")]).get_config(),
        TextCleaner(normalization_form="NFKC", strip_accents="unicode").get_config(),  # the default rules
        Tokenizer(analyzer="char_wb", ngram_range=[2, 4]).get_config(),
        {"type": "Standardize", "mean_": -0.0, "var_": 2**53 - 1},
    ],
    ids=["portable word pattern", "default rules", "char n-grams", "largest safe int"],
)
def test_portable_configs_have_no_findings(config):
    assert check_config(config) == []


@pytest.mark.parametrize("pattern", sorted(WHOLE_REWRITES))
def test_each_whole_pattern_rewrite_matches_what_the_pattern_matches_in_cpython(pattern):
    expression, _note = WHOLE_REWRITES[pattern]
    rewritten = eval(expression, {"portable": portable})  # noqa: S307 (our own table's expressions)
    assert check_config(Tokenizer(token_pattern=rewritten).get_config()) == []
    for text in texts():
        assert re.findall(rewritten, text) == re.findall(pattern, text), ascii(text[:80])


# --- where it is refused -------------------------------------------------------------------------------


def test_from_config_refuses_the_config_naming_the_featurizer_parameter_value_and_rewrite():
    with pytest.raises(UnportableConfig) as refused:
        from_config(spam_config(ISSUE_PATTERN))
    message = str(refused.value)
    assert message.startswith("the Pipeline config cannot run the same in JavaScript")
    assert "Tokenizer (at Pipeline.steps[1]): token_pattern = '\\\\b\\\\w\\\\w+\\\\b'" in message
    assert 'TS701 regex class escape `\\w` at 2: JS \\w \\d \\b are ASCII-only' in message
    assert 'rewrite: "[" + portable.WORD_CHARS + "]" (or portable.WORD_CHARS inside a class): what CPython means by \\w' in message
    assert isinstance(refused.value, ValueError)


def test_a_pattern_compiled_at_run_time_is_refused_whoever_builds_it():
    with pytest.raises(UnportableConfig, match=re.escape("a pattern compiled at run time: pattern = '\\\\w+'")):
        _host.compile_pattern("\\" + "w+")
    refuse_unportable_pattern("[a-z]+")  # no error


def test_a_tokenizer_built_in_python_is_refused_at_its_first_transform():
    tokenizer = Tokenizer(token_pattern=ISSUE_PATTERN)
    with pytest.raises(UnportableConfig, match="TS701"):
        tokenizer.transform(["Crème brûlée"])


@register
class Highlighter(Featurizer):
    """A featurizer of our own whose pattern parameter is declared."""

    PARAMS = ["pattern"]
    PATTERN_PARAMS = ["pattern"]

    def __init__(self, pattern="[a-z]+"):
        self.pattern = pattern

    def transform(self, data, check_input=True):
        return [portable.findall(portable.compile(self.pattern), text) for text in data]


@register
class Undeclared(Featurizer):
    """A featurizer of our own that builds its pattern from a parameter it does not declare."""

    PARAMS = ["word"]

    def __init__(self, word="a"):
        self.word = word

    def transform(self, data, check_input=True):
        return [portable.findall(portable.compile(self.word + "\\b"), text) for text in data]


def test_a_featurizer_of_your_own_that_declares_its_pattern_is_refused_by_from_config():
    with pytest.raises(UnportableConfig, match=re.escape("Highlighter: pattern = '\\\\d+'")):
        from_config({"type": "Highlighter", "pattern": "\\d+"})
    assert from_config({"type": "Highlighter", "pattern": "[0-9]+"}).transform(["a1b22"]) == [["1", "22"]]


def test_a_featurizer_of_your_own_that_declares_nothing_is_refused_when_it_compiles_the_pattern():
    featurizer = from_config({"type": "Undeclared", "word": "free"})
    with pytest.raises(UnportableConfig, match=re.escape("pattern = 'free\\\\b'")):
        featurizer.transform(["free money"])
