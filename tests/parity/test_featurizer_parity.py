"""Every featurizer, built from the same config, gives identical output in CPython and in Node.

The texts are every 5th message of the SpamAssassin corpus, every adversarial text, the lone
surrogates and one 1 MB message. Each featurizer gets the input it would see in a pipeline,
computed by the earlier steps in Python; TextCleaner and Tokenizer also get the raw texts, headers and
odd whitespace included. Ids are compared with ==, without tolerance.
"""

import json
import sys

import pytest
from harness import NodeError, spam_assassin_texts

from featurizers import (
    EmailBody,
    PadSequences,
    Pipeline,
    TextCleaner,
    Tokenizer,
    Vocabulary,
    from_config,
)
from featurizers import compose as compose_module
from featurizers import text as text_module
from featurizers.testing.adversarial import ADVERSARIAL, long_text_of_cut_neighbours, lone_surrogates, one_megabyte_message

PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]


def assert_rows_equal(python_rows, js_rows):
    """Row by row equality, reporting the count and the first differing row instead of a huge diff."""
    assert len(js_rows) == len(python_rows)
    differing = [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]
    assert differing == [], (
        f"{len(differing)} rows differ; first, row {differing[0]}: "
        f"python {ascii(python_rows[differing[0]])[:300]} js {ascii(js_rows[differing[0]])[:300]}"
    )


def run_in_both(node, library, featurizer, data):
    """The featurizer's output on ``data`` in Python and, rebuilt from its config, in Node."""
    js_output, js_config = node.featurizer(library, featurizer.get_config(), data)
    assert js_config == featurizer.get_config()
    return featurizer.transform(data), js_output


def assert_same_output(node, library, featurizer, data):
    python_output, js_output = run_in_both(node, library, featurizer, data)
    assert_rows_equal(python_output, js_output)


def fit_in_both(node, library, vocabulary, token_lists, data=None):
    """Fit ``vocabulary`` in Python, and a copy built from its unfitted config in Node, on ``token_lists``.

    Returns (python config, js config, python ids, js ids), the ids of ``data`` (default: ``token_lists``).
    """
    data = token_lists if data is None else data
    js_output, js_config = node.featurizer(library, vocabulary.get_config(), data, fit=token_lists)
    vocabulary.fit(token_lists)
    return vocabulary.get_config(), js_config, vocabulary.transform(data), js_output


def differing_vocabulary(python_config, js_config):
    """(id, python token, js token) for every id whose token differs, the first 10 of them."""
    python_tokens, js_tokens = python_config["vocabulary_"], js_config["vocabulary_"]
    rows = [(i, p, j) for i, (p, j) in enumerate(zip(python_tokens, js_tokens)) if p != j]
    return [(i, ascii(p), ascii(j)) for i, p, j in rows[:10]]


# --- inputs: each step's input computed by the steps before it, in Python -----------------------


@pytest.fixture(scope="module")
def corpus():
    texts = spam_assassin_texts(every=5)  # 1,210 messages, 6.5 MB
    assert len(texts) == 1210
    return texts


@pytest.fixture(scope="module")
def raw_texts(corpus):
    big = one_megabyte_message()
    assert len(big) >= 1_000_000
    return corpus + list(ADVERSARIAL.values()) + [big]


@pytest.fixture(scope="module")
def bodies(raw_texts):
    return EmailBody().transform(raw_texts)


@pytest.fixture(scope="module")
def cleaned(bodies):
    return TextCleaner().transform(bodies)


@pytest.fixture(scope="module")
def tokens(cleaned):
    return Tokenizer().transform(cleaned)


@pytest.fixture(scope="module")
def corpus_vocabulary(tokens, corpus):
    # Fitted on the corpus part only, so adversarial tokens are out of vocabulary.
    return Vocabulary(max_tokens=20_000).fit(tokens[: len(corpus)])


@pytest.fixture(scope="module")
def ids(corpus_vocabulary, tokens):
    return corpus_vocabulary.transform(tokens)


# --- EmailBody ------------------------------------------------------------------------------------


def test_email_body_gives_identical_subject_and_body(node, library, raw_texts):
    assert_same_output(node, library, EmailBody(), raw_texts)


def test_email_body_keeps_header_less_and_crlf_texts_identical(node, library):
    texts = ["Hi Tom: lunch?", "Subject: a\r\n b\r\n\r\nx\r\n", "From a@b Mon\nSubject: s\n\n\n", "To: x", ""]
    assert_same_output(node, library, EmailBody(), texts)


# --- TextCleaner ------------------------------------------------------------------------------------


def test_text_cleaner_with_default_params_gives_identical_text(node, library, raw_texts):
    assert_same_output(node, library, TextCleaner(), raw_texts)


CUSTOM_RULES = [
    ["[0-9]+", "$1"],
    ["(?:free|money|click)", "<$&>"],
    ["[a-z]{1,20}@[a-z]{1,20}", "\\1"],
    ["(x)(y)", "$2$1$$ $` $' \\g<1>"],
]


def test_text_cleaner_replacements_are_inserted_literally(node, library):
    cleaner = TextCleaner(rules=CUSTOM_RULES, strip_html=False, strip_punctuation=False)
    python_output, js_output = run_in_both(node, library, cleaner, ["Win 100 FREE money, a@b xy!"])
    expected = "win $1 <$&> <$&>, \\1 $2$1$$ $` $' \\g<1>!"
    assert python_output == [expected]
    assert js_output == [expected]


def test_text_cleaner_with_custom_rules_gives_identical_text(node, library, raw_texts):
    assert_same_output(node, library, TextCleaner(rules=CUSTOM_RULES), raw_texts)


def test_text_cleaner_without_rules_gives_identical_text(node, library, raw_texts):
    assert_same_output(node, library, TextCleaner(rules=[]), raw_texts)


@pytest.mark.parametrize("flag", ["lowercase", "strip_html", "strip_punctuation", "collapse_whitespace"])
def test_text_cleaner_with_one_flag_off_gives_identical_text(node, library, raw_texts, flag):
    assert_same_output(node, library, TextCleaner(**{flag: False}), raw_texts)


def test_text_cleaner_with_everything_off_returns_its_input_in_both(node, library, raw_texts):
    cleaner = TextCleaner(lowercase=False, rules=[], strip_html=False, strip_punctuation=False, collapse_whitespace=False)
    python_output, js_output = run_in_both(node, library, cleaner, raw_texts)
    assert python_output == raw_texts
    assert_rows_equal(raw_texts, js_output)


@pytest.mark.parametrize(
    "params",
    [{}, {"rules": CUSTOM_RULES}, {"collapse_whitespace": False}, {"strip_accents": "unicode"}, {"strip_accents": "ascii"}],
)
def test_a_long_text_is_cleaned_in_pieces_identically_and_as_a_whole(node, library, monkeypatch, params):
    # Longer than 2 * PIECE_CHARS, so both runtimes clean it in pieces, cut where they find spaces
    # (in code points in CPython, UTF-16 units in JS); CPython also cleans it whole.
    text = long_text_of_cut_neighbours()
    assert len(text) > 2 * text_module.PIECE_CHARS
    python_output, js_output = run_in_both(node, library, TextCleaner(**params), [text])
    monkeypatch.setattr(text_module, "PIECE_CHARS", len(text))
    assert TextCleaner(**params).transform([text]) == python_output
    assert_rows_equal(python_output, js_output)


def test_a_long_crlf_message_streams_through_a_pipeline_identically_and_as_a_whole(node, library, monkeypatch):
    # Longer than LONG_ITEM: EmailBody gives the body in slices with their own CRLFs replaced,
    # TextCleaner takes them as they come, Tokenizer takes each piece; CPython also goes whole.
    body = long_text_of_cut_neighbours().replace("\n", "\r\n")
    texts = ["From: a\r\nSubject: long\r\n one\r\n\r\n" + body, "To: x\r\n\r\n" + body, body]
    pipeline = Pipeline([EmailBody(), TextCleaner(), Tokenizer()])
    python_output, js_output = run_in_both(node, library, pipeline, texts)
    monkeypatch.setattr(compose_module, "LONG_ITEM", 10**9)
    assert pipeline.transform(texts) == python_output
    assert_rows_equal(python_output, js_output)


LOWERCASE_ONLY = {"rules": [], "strip_html": False, "strip_punctuation": False, "collapse_whitespace": False}


def code_points_lowercased_differently(node, library, make_word):
    """[(code point, text, python, js)] for every code point whose ``make_word`` lowercases differently.

    All code points go over in 1,088 texts; only the blocks that differ are redone one code point a text.
    """
    cleaner = TextCleaner(**LOWERCASE_ONLY)
    blocks = [
        [chr(code) for code in range(start, start + 1024) if not 0xD800 <= code <= 0xDFFF]
        for start in range(0, sys.maxunicode + 1, 1024)
    ]
    texts = [" ".join(make_word(c) for c in block) for block in blocks]
    python_output, js_output = run_in_both(node, library, cleaner, texts)
    suspects = [c for i, block in enumerate(blocks) if python_output[i] != js_output[i] for c in block]
    words = [make_word(c) for c in suspects]
    python_words, js_words = run_in_both(node, library, cleaner, words)
    return [
        (f"U+{ord(c):04X}", ascii(word), ascii(p), ascii(j))
        for c, word, p, j in zip(suspects, words, python_words, js_words)
        if p != j
    ]


def test_lowercasing_every_code_point_is_identical(node, library):
    assert code_points_lowercased_differently(node, library, lambda c: "A" + c + "Z") == []


def test_final_sigma_next_to_every_code_point_is_identical(node, library):
    # Σ lowercases to ς at the end of a word; whether its neighbour is cased or case-ignorable decides.
    # "A{c}Σ" and "AΣ{c}x" tell whether c is either, "1{c}Σ" whether c is cased and not case-ignorable:
    # together, both properties of every code point (the bundle takes them from the JS engine).
    assert code_points_lowercased_differently(node, library, lambda c: f"AΣ{c}x A{c}Σ 1{c}Σ") == []


# --- Tokenizer --------------------------------------------------------------------------------------


def test_tokenizer_on_cleaned_text_gives_identical_tokens(node, library, cleaned):
    assert_same_output(node, library, Tokenizer(), cleaned)


def test_tokenizer_on_raw_text_splits_on_python_whitespace_in_both(node, library, raw_texts):
    python_output, js_output = run_in_both(node, library, Tokenizer(), raw_texts)
    assert python_output == [text.split() for text in raw_texts]
    assert_rows_equal(python_output, js_output)


# --- Vocabulary: fitted in Python, transformed in Node ----------------------------------------------


def test_vocabulary_fitted_in_python_gives_identical_ids(node, library, corpus_vocabulary, tokens):
    assert_same_output(node, library, corpus_vocabulary, tokens)


def test_vocabulary_fitted_in_python_maps_prototype_names_identically(node, library):
    vocabulary = Vocabulary().fit([["constructor", "word", "word"]])
    token_lists = [PROTOTYPE_NAMES + ["word", "[UNK]", ""], ["__proto__"], []]
    python_output, js_output = run_in_both(node, library, vocabulary, token_lists)
    assert python_output == [[3, 1, 1, 1, 1, 1, 2, 1, 0], [1], []]
    assert js_output == python_output


def test_vocabulary_from_a_config_round_trip_gives_identical_ids(node, library, corpus_vocabulary, tokens):
    rebuilt = from_config(json.loads(json.dumps(corpus_vocabulary.get_config())))
    assert_same_output(node, library, rebuilt, tokens)


# --- Vocabulary: fitted in Node -----------------------------------------------------------------------


def test_vocabulary_fitted_in_js_on_real_text_equals_the_python_fit(node, library, tokens):
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(), tokens)
    assert differing_vocabulary(python_config, js_config) == []
    assert js_config == python_config
    assert_rows_equal(python_ids, js_ids)


@pytest.mark.parametrize(
    "params",
    [{"max_tokens": 5_000}, {"min_count": 3}, {"max_tokens": 1_000, "min_count": 10}],
    ids=lambda params: ",".join(f"{k}={v}" for k, v in params.items()),
)
def test_vocabulary_fitted_in_js_with_limits_equals_the_python_fit(node, library, tokens, params):
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(**params), tokens, tokens[-200:])
    assert differing_vocabulary(python_config, js_config) == []
    assert js_config == python_config
    assert_rows_equal(python_ids, js_ids)


def test_vocabulary_fitted_in_js_with_max_tokens_2_keeps_only_pad_and_oov(node, library):
    token_lists = [["a", "b", "b"], ["constructor"]]
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(max_tokens=2), token_lists)
    assert python_config["vocabulary_"] == ["", "[UNK]"]
    assert js_config == python_config
    assert js_ids == python_ids == [[1, 1, 1], [1]]


def test_vocabulary_fitted_in_js_breaks_ties_in_code_point_order(node, library):
    # As UTF-16 units U+1F600 (D83D DE00) sorts before U+FFFF; as code points it sorts after.
    token_lists = [["\U0001F600", "\uffff", "\ue000", "z", "\U00010000", "\ud7ff"]]
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(), token_lists)
    assert python_config["vocabulary_"] == ["", "[UNK]", "z", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U0001F600"]
    assert js_config == python_config
    assert js_ids == python_ids == [[7, 5, 4, 2, 6, 3]]


@pytest.mark.parametrize("featurizer", [EmailBody(), TextCleaner(), Tokenizer()], ids=lambda f: type(f).__name__)
@pytest.mark.parametrize("text", lone_surrogates(), ids=ascii)
def test_a_text_with_a_lone_surrogate_raises_the_same_type_error_in_both(node, library, featurizer, text):
    # Not Unicode text (it has no UTF-8 encoding): rejected alike rather than processed differently.
    name = type(featurizer).__name__
    message = f"{name}.transform: item 1 is str with a lone surrogate, expected str"
    with pytest.raises(TypeError) as python_error:
        featurizer.transform(["ok", text])
    assert str(python_error.value) == message
    with pytest.raises(NodeError) as js_error:
        node.featurizer(library, featurizer.get_config(), ["ok", text])
    assert (js_error.value.name, js_error.value.message) == ("TypeError", message)


def test_fitting_a_vocabulary_on_a_lone_surrogate_token_raises_the_same_type_error_in_both(node, library):
    message = "Vocabulary.fit: item 0 is list with str with a lone surrogate at index 1, expected list of str"
    with pytest.raises(TypeError, match=f"^{message}$"):
        Vocabulary().fit([["a", "\ud800"]])
    with pytest.raises(NodeError) as js_error:
        node.featurizer(library, Vocabulary().get_config(), [["a"]], fit=[["a", "\ud800"]])
    assert (js_error.value.name, js_error.value.message) == ("TypeError", message)


def test_vocabulary_fitted_in_js_counts_prototype_named_tokens(node, library):
    token_lists = [
        ["constructor", "constructor", "constructor", "__proto__", "__proto__", "toString", "hasOwnProperty"],
        ["valueOf", "hasOwnProperty", "__proto__", "word", "__defineGetter__", "toString"],
    ]
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(), token_lists)
    assert python_config["vocabulary_"] == [
        "", "[UNK]", "__proto__", "constructor", "hasOwnProperty", "toString", "__defineGetter__", "valueOf", "word",
    ]
    assert js_config == python_config
    assert js_ids == python_ids


def test_vocabulary_fitted_in_js_with_min_count_drops_rare_prototype_names(node, library):
    token_lists = [["toString", "constructor", "constructor", "__proto__", "__proto__", "a", "a"]]
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, Vocabulary(min_count=2), token_lists)
    assert python_config["vocabulary_"] == ["", "[UNK]", "__proto__", "a", "constructor"]
    assert js_config == python_config
    assert js_ids == python_ids == [[1, 4, 4, 2, 2, 3, 3]]


def test_vocabulary_fitted_in_js_with_prototype_named_pad_and_oov_tokens(node, library):
    vocabulary = Vocabulary(pad_token="__proto__", oov_token="constructor", max_tokens=4)
    token_lists = [["constructor", "__proto__", "toString", "toString", "b", "a", "a", "c"]]
    python_config, js_config, python_ids, js_ids = fit_in_both(node, library, vocabulary, token_lists)
    assert python_config["vocabulary_"] == ["__proto__", "constructor", "a", "toString"]
    assert js_config == python_config
    assert js_ids == python_ids == [[1, 0, 3, 3, 1, 2, 2, 1]]


# --- PadSequences -------------------------------------------------------------------------------------


@pytest.mark.parametrize("truncating", ["pre", "post"])
@pytest.mark.parametrize("padding", ["pre", "post"])
def test_pad_sequences_gives_identical_ids(node, library, ids, padding, truncating):
    pad = PadSequences(length=50, padding=padding, truncating=truncating)
    lengths = {len(row) for row in ids}
    assert min(lengths) < 50 < max(lengths)
    assert_same_output(node, library, pad, ids)


@pytest.mark.parametrize("padding", ["pre", "post"])
def test_pad_sequences_with_a_custom_value_gives_identical_ids(node, library, ids, padding):
    assert_same_output(node, library, PadSequences(length=300, padding=padding, value=-1), ids)


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_pad_sequences_at_the_boundary_lengths_gives_identical_ids(node, library, length):
    sequences = [[], [7], [7, 8], [7, 8, 9], [2**53 - 1, -(2**53 - 1), 0]]
    for padding in ["pre", "post"]:
        for truncating in ["pre", "post"]:
            pad = PadSequences(length=length, padding=padding, truncating=truncating, value=5)
            assert_same_output(node, library, pad, sequences)


# --- Pipeline -----------------------------------------------------------------------------------------


def make_pipeline():
    return Pipeline([EmailBody(), TextCleaner(), Tokenizer(), Vocabulary(max_tokens=10_000), PadSequences(length=200)])


@pytest.fixture(scope="module")
def fitted_pipeline(corpus):
    return make_pipeline().fit(corpus)


def test_pipeline_config_round_trip_gives_identical_ids(node, library, fitted_pipeline, raw_texts):
    config = json.loads(json.dumps(fitted_pipeline.get_config()))
    python_output = from_config(config).transform(raw_texts)
    js_output, js_config = node.featurizer(library, config, raw_texts)
    assert js_config == config
    assert_rows_equal(python_output, js_output)


def test_pipeline_fitted_in_js_equals_the_python_fit(node, library, fitted_pipeline, corpus, raw_texts):
    unseen = raw_texts[len(corpus) :]  # the adversarial texts and the 1 MB message
    js_output, js_config = node.featurizer(library, make_pipeline().get_config(), unseen, fit=corpus)
    assert differing_vocabulary(fitted_pipeline.get_config()["steps"][3], js_config["steps"][3]) == []
    assert js_config == fitted_pipeline.get_config()
    assert_rows_equal(fitted_pipeline.transform(unseen), js_output)


@pytest.mark.parametrize(
    "config",
    [
        {"type": "PadSequences", "length": 3.0, "value": 7.0},
        {"type": "Vocabulary", "max_tokens": 4.0, "min_count": 1.0, "vocabulary_": ["", "[UNK]", "a"]},
    ],
    ids=["PadSequences", "Vocabulary"],
)
def test_a_config_with_integral_floats_reads_as_json_does_in_both(node, library, config):
    # JSON has one number type: JSON.parse reads 3.0 as 3, and Python's from_config does the same.
    data = [["a", "b"]] if config["type"] == "Vocabulary" else [[1]]
    js_output, js_config = node.featurizer(library, config, data)
    python = from_config(config)
    assert js_output == python.transform(data)
    assert js_config == python.get_config()
    assert all(type(v) is int for v in python.get_config().values() if isinstance(v, (int, float)))
