"""Hypothesis strategies for the differential fuzz tests: batches of hostile text, tokens and ids,
and the featurizers' parameters.

The text, e-mail and token strategies are the testing kit's (``featurizers.testing.strategies``,
which users fuzz their own featurizers with); this module draws batches of 50-200 of them and the
configs of the project's own featurizers.
"""

from hypothesis import strategies as st

from featurizers.testing import strategies
from featurizers.testing.strategies import PROTOTYPE_NAMES, SAFE_INT, emails, texts

BATCH_MIN, BATCH_MAX = 50, 200


def batches(element):
    return strategies.batches(element, min_size=BATCH_MIN, max_size=BATCH_MAX)


text_batches = batches(texts())
email_batches = batches(st.one_of(emails(), texts()))

# --- TextCleaner parameters -------------------------------------------------------------------------

# Patterns inside the portable subset (explicit classes; no \w \d \s \b, no ".", no "$"), and, as
# a replacement rule's pattern, matching at least one character (TS711: from_config refuses "x*").
RULE_PATTERNS = [
    "[a-z]+", "[0-9]{2,4}", "[0-9]+", "[A-Z]+", "[A-Z][a-z]+", "free", "money", "constructor", "__proto__",
    "toString", "hasOwnProperty", "(?:free|money|click)", "(x)(y)", "(ab)+", "a|b", "[a-z]{1,20}@[a-z]{1,20}",
    "[aeiou]", "x{2,}", "[\xe0-\xff]+", "[\u0300-\u036f]+", "\u03c3", "\u03c2", "\u03a3", "[\U0001F600-\U0001F64F]",
    "\U0001F600", "[^ -~]+", "[^a-z0-9 ]", "[.]", "[$]", "[\\[\\]]", "<[a-z]+>", "^[a-z]+", "x+", "(?:ab)+",
]
RULE_REPLACEMENTS = [
    "$1", "$&", "\\1", "$$", "$`", "$'", "\\g<1>", "$<x>", "${1}", "$0", "\\n", "\\", "\\\\", "$", " URL ", "",
    " ", "constructor", "__proto__", "\u03a3", "\U0001F600", "<$&>", "$2$1",
]
rules = st.one_of(
    st.none(),
    st.just([]),
    st.lists(st.lists(st.sampled_from(RULE_PATTERNS), min_size=1, max_size=1), min_size=1, max_size=4).flatmap(
        lambda patterns: st.tuples(*[st.sampled_from(RULE_REPLACEMENTS) for _ in patterns]).map(
            lambda replacements: [[p[0], r] for p, r in zip(patterns, replacements)]
        )
    ),
)
cleaner_configs = st.builds(
    lambda normalization_form, lowercase, strip_accents, rules, strip_html, strip_punctuation, collapse_whitespace: {
        "type": "TextCleaner",
        "normalization_form": normalization_form,
        "lowercase": lowercase,
        "strip_accents": strip_accents,
        "rules": rules,
        "strip_html": strip_html,
        "strip_punctuation": strip_punctuation,
        "collapse_whitespace": collapse_whitespace,
    },
    st.sampled_from([None, "NFC", "NFKC", "NFD", "NFKD"]),
    st.booleans(),
    st.sampled_from([None, "unicode", "ascii"]),
    rules,
    st.booleans(),
    st.booleans(),
    st.booleans(),
)

# --- Vocabulary and PadSequences parameters and inputs -------------------------------------------------

token = strategies.tokens()
token_lists = st.lists(token, max_size=12)
token_list_batches = batches(token_lists)

SPECIAL_TOKENS = ["[UNK]", "", "constructor", "__proto__", "toString", "hasOwnProperty", "a", "\U0001F600"]
vocabulary_configs = st.builds(
    lambda max_tokens, min_count, oov_token, pad_token: {
        "type": "Vocabulary",
        "max_tokens": max_tokens,
        "min_count": min_count,
        "oov_token": oov_token,
        "pad_token": pad_token,
    },
    st.one_of(st.none(), st.integers(2, 60)),
    st.integers(1, 4),
    st.sampled_from(SPECIAL_TOKENS),
    st.sampled_from(SPECIAL_TOKENS),
)

ids = st.one_of(st.integers(0, 50), st.integers(-SAFE_INT, SAFE_INT), st.sampled_from([SAFE_INT, -SAFE_INT, -1]))
sequence_batches = batches(st.lists(ids, max_size=40))
pad_configs = st.builds(
    lambda length, padding, truncating, value: {
        "type": "PadSequences",
        "length": length,
        "padding": padding,
        "truncating": truncating,
        "value": value,
    },
    st.integers(1, 40),
    st.sampled_from(["pre", "post"]),
    st.sampled_from(["pre", "post"]),
    st.one_of(st.just(0), ids),
)


def pipeline_configs():
    """An unfitted Pipeline config: EmailBody, a TextCleaner, Tokenizer, a Vocabulary, a PadSequences."""
    return st.builds(
        lambda cleaner, vocabulary, pad: {
            "type": "Pipeline",
            "steps": [{"type": "EmailBody"}, cleaner, {"type": "Tokenizer"}, vocabulary, pad],
        },
        cleaner_configs,
        vocabulary_configs,
        pad_configs,
    )
