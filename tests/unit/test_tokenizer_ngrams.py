"""Specification of Tokenizer's scikit-learn-style parameters: token_pattern, ngram_range, analyzer.

Literal examples first, then oracles: scikit-learn's CountVectorizer analyzers on the cleaned
SpamAssassin sample (and the raw adversarial texts), and Keras TextVectorization against
Vocabulary + PadSequences. The Keras test imports TensorFlow (about 10 s): slow, but part of the run.
"""

import json

import pytest
from harness import spam_assassin_texts

from featurizers import (
    EmailBody,
    PadSequences,
    TextCleaner,
    Tokenizer,
    Vocabulary,
    from_config,
    portable,
)
from featurizers.testing.adversarial import ADVERSARIAL

WORDS_OF_TWO_OR_MORE = "[" + portable.WORD_CHARS + "]{2,}"

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # man ZWJ woman ZWJ girl: 5 code points
FLAG_FR = "\U0001F1EB\U0001F1F7"  # two regional indicators


# --- defaults: today's tokenizer ---------------------------------------------------------------------


def test_default_tokenizer_is_the_whitespace_split_with_the_same_config():
    tokenizer = Tokenizer()
    assert tokenizer.tokenize(" a\tb  c\u3000d ") == ["a", "b", "c", "d"]
    assert tokenizer.get_config() == {"type": "Tokenizer"}
    assert (tokenizer.token_pattern, tokenizer.ngram_range, tokenizer.analyzer) == (None, [1, 1], "word")


def test_explicit_default_parameters_are_the_default_tokenizer():
    tokenizer = Tokenizer(token_pattern=None, ngram_range=(1, 1), analyzer="word")
    assert tokenizer.get_config() == {"type": "Tokenizer"}
    assert tokenizer.tokenize("a b a") == ["a", "b", "a"]


def test_a_config_without_the_new_parameters_loads_as_the_default():
    tokenizer = from_config({"type": "Tokenizer"})
    assert tokenizer.ngram_range == [1, 1]
    assert tokenizer.transform(["x y"]) == [["x", "y"]]


def test_defaults_are_not_shared_between_instances():
    first = Tokenizer()
    first.ngram_range.append(3)
    assert Tokenizer().ngram_range == [1, 1]


# --- word n-grams --------------------------------------------------------------------------------------


def test_word_unigrams_and_bigrams_are_all_unigrams_then_all_bigrams():
    assert Tokenizer(ngram_range=(1, 2)).tokenize("a b c") == ["a", "b", "c", "a b", "b c"]


def test_word_bigrams_and_trigrams_in_scikit_learn_order():
    assert Tokenizer(ngram_range=(2, 3)).tokenize("the cat sat on") == [
        "the cat", "cat sat", "sat on",
        "the cat sat", "cat sat on",
    ]


def test_word_ngrams_join_tokens_with_one_space_whatever_separated_them():
    assert Tokenizer(ngram_range=(2, 2)).tokenize("a\t\tb\u3000c") == ["a b", "b c"]


def test_word_ngrams_longer_than_the_text_are_absent():
    assert Tokenizer(ngram_range=(2, 2)).tokenize("one") == []
    assert Tokenizer(ngram_range=(3, 5)).tokenize("a b c d") == ["a b c", "b c d", "a b c d"]
    assert Tokenizer(ngram_range=(1, 3)).tokenize("") == []


def test_repeated_word_ngrams_are_all_kept():
    assert Tokenizer(ngram_range=(2, 2)).tokenize("a a a") == ["a a", "a a"]


# --- token_pattern -------------------------------------------------------------------------------------


def test_token_pattern_matches_are_the_tokens():
    text = "I'm a naïve café-goer, 42 times"
    assert Tokenizer(token_pattern=WORDS_OF_TWO_OR_MORE).tokenize(text) == ["naïve", "café", "goer", "42", "times"]


def test_token_pattern_with_word_ngrams():
    assert Tokenizer(token_pattern="[a-z]+", ngram_range=(1, 2)).tokenize("x1y--z") == ["x", "y", "z", "x y", "y z"]


def test_token_pattern_non_capturing_groups_and_lookaheads_are_allowed():
    assert Tokenizer(token_pattern="(?:ab)+|c(?=d)").tokenize("ababx cd ce") == ["abab", "c"]


def test_token_pattern_is_kept_in_the_config():
    tokenizer = Tokenizer(token_pattern="[a-z]+", ngram_range=(1, 2))
    config = tokenizer.get_config()
    assert config == {"type": "Tokenizer", "token_pattern": "[a-z]+", "ngram_range": [1, 2]}
    assert from_config(json.loads(json.dumps(config))).tokenize("ab cd") == ["ab", "cd", "ab cd"]


# --- char n-grams --------------------------------------------------------------------------------------


def test_char_ngrams_by_size_then_position():
    assert Tokenizer(analyzer="char", ngram_range=(1, 2)).tokenize("abc") == ["a", "b", "c", "ab", "bc"]
    assert Tokenizer(analyzer="char", ngram_range=(2, 3)).tokenize("abcd") == ["ab", "bc", "cd", "abc", "bcd"]


def test_char_ngrams_count_an_emoji_as_one_character():
    assert Tokenizer(analyzer="char", ngram_range=(1, 2)).tokenize("a\U0001F600b") == [
        "a", "\U0001F600", "b", "a\U0001F600", "\U0001F600b",
    ]


def test_char_ngrams_split_a_zwj_sequence_into_its_code_points():
    assert Tokenizer(analyzer="char", ngram_range=(1, 1)).tokenize(FAMILY) == [
        "\U0001F468", "\u200d", "\U0001F469", "\u200d", "\U0001F467",
    ]
    assert Tokenizer(analyzer="char", ngram_range=(5, 5)).tokenize(FAMILY) == [FAMILY]
    assert Tokenizer(analyzer="char", ngram_range=(6, 6)).tokenize(FAMILY) == []


def test_char_ngrams_count_a_combining_mark_and_each_regional_indicator_separately():
    assert Tokenizer(analyzer="char", ngram_range=(2, 2)).tokenize("e\u0301x") == ["e\u0301", "\u0301x"]
    assert Tokenizer(analyzer="char", ngram_range=(2, 2)).tokenize(FLAG_FR) == [FLAG_FR]
    assert Tokenizer(analyzer="char", ngram_range=(1, 1)).tokenize(FLAG_FR) == ["\U0001F1EB", "\U0001F1F7"]


def test_char_ngrams_collapse_runs_of_whitespace_to_one_space_but_keep_a_lone_tab():
    # As scikit-learn's \s\s+ -> " ": a run of two or more (Python) whitespace characters.
    assert Tokenizer(analyzer="char", ngram_range=(1, 1)).tokenize("a \t\n\x1cb\tc") == ["a", " ", "b", "\t", "c"]


def test_char_ngrams_of_empty_text_are_empty():
    assert Tokenizer(analyzer="char", ngram_range=(1, 3)).tokenize("") == []


def test_char_wb_ngrams_pad_each_word_with_spaces():
    assert Tokenizer(analyzer="char_wb", ngram_range=(2, 3)).tokenize("ab  c") == [
        " a", "ab", "b ", " ab", "ab ",
        " c", "c ", " c ",
    ]


def test_char_wb_ngrams_give_a_short_word_once():
    assert Tokenizer(analyzer="char_wb", ngram_range=(4, 6)).tokenize("a \U0001F600x") == [" a ", " \U0001F600x "]


def test_ngram_range_tuple_is_stored_as_a_list():
    tokenizer = Tokenizer(analyzer="char", ngram_range=(2, 4))
    assert tokenizer.ngram_range == [2, 4]
    assert tokenizer.get_config() == {"type": "Tokenizer", "ngram_range": [2, 4], "analyzer": "char"}


# --- invalid parameters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, message",
    [
        ({"ngram_range": (2, 1)}, r"ngram_range must be \[min_n, max_n\], two ints with 1 <= min_n <= max_n, got \[2, 1\]"),
        ({"ngram_range": (0, 1)}, r"got \[0, 1\]"),
        ({"ngram_range": (1, 2, 3)}, r"got a list of length 3"),
        ({"ngram_range": 2}, r"got int$"),
        ({"ngram_range": None}, r"got NoneType$"),
        ({"ngram_range": (True, 2)}, r"got \[bool, int\]"),
        ({"ngram_range": (1, 2.5)}, r"got \[int, float\]"),
        ({"analyzer": "chars"}, r"analyzer must be 'word', 'char' or 'char_wb', got 'chars'"),
        ({"analyzer": None}, r"analyzer must be 'word', 'char' or 'char_wb', got NoneType"),
        ({"analyzer": "char_wb", "token_pattern": "[a-z]+"}, r"token_pattern applies only to analyzer='word', not 'char_wb'"),
        ({"token_pattern": b"[a-z]+"}, r"token_pattern must be a str or None, got bytes"),
        ({"token_pattern": "(a)b"}, r"must not have capturing groups \(found one at character 0\)"),
        ({"token_pattern": "[(]x(?P<n>y)"}, r"must not have capturing groups \(found one at character 4\)"),
        ({"token_pattern": "[a-z]*"}, r"token_pattern must not match the empty string"),
        ({"token_pattern": "x|(?=b)"}, r"token_pattern matched the empty string"),
    ],
    ids=repr,
)
def test_invalid_parameters_raise_value_error(params, message):
    with pytest.raises(ValueError, match="^Tokenizer: .*" + message):
        Tokenizer(**params).transform(["a b"])


def test_escaped_and_class_parentheses_are_not_groups():
    assert Tokenizer(token_pattern="\\([a-z]+\\)|[()]").tokenize("(ab) ) x") == ["(ab)", ")"]


# --- oracles: scikit-learn's analyzers -----------------------------------------------------------------


@pytest.fixture(scope="module")
def cleaned():
    texts = TextCleaner().transform(EmailBody().transform(spam_assassin_texts(every=10) + list(ADVERSARIAL.values())))
    assert len(texts) > 600
    return texts


@pytest.fixture(scope="module")
def raw_adversarial():
    return [text for text in ADVERSARIAL.values() if len(text) < 20_000]


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 3), (3, 5), (2, 2)], ids=str)
def test_char_ngrams_equal_scikit_learn_char_analyzers(cleaned, raw_adversarial, analyzer, ngram_range):
    from sklearn.feature_extraction.text import CountVectorizer

    oracle = CountVectorizer(analyzer=analyzer, ngram_range=ngram_range, lowercase=False).build_analyzer()
    ours = Tokenizer(analyzer=analyzer, ngram_range=ngram_range)
    texts = cleaned + raw_adversarial
    differing = [i for i, text in enumerate(texts) if ours.tokenize(text) != oracle(text)]
    assert differing == []


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3), (1, 4)], ids=str)
def test_word_ngrams_equal_scikit_learn_word_ngrams(cleaned, ngram_range):
    from sklearn.feature_extraction.text import CountVectorizer

    # str.split: on cleaned text (single spaces) it is split(" "), and "" gives no tokens.
    oracle = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=ngram_range).build_analyzer()
    ours = Tokenizer(ngram_range=ngram_range)
    differing = [i for i, text in enumerate(cleaned) if ours.tokenize(text) != oracle(text)]
    assert differing == []


def test_portable_token_pattern_equals_scikit_learn_default_token_pattern(cleaned, raw_adversarial):
    from sklearn.feature_extraction.text import CountVectorizer

    # (?u)\b\w\w+\b: maximal runs of two or more word characters, as [WORD_CHARS]{2,}.
    oracle = CountVectorizer(lowercase=False, ngram_range=(1, 2)).build_analyzer()
    ours = Tokenizer(token_pattern=WORDS_OF_TWO_OR_MORE, ngram_range=(1, 2))
    texts = cleaned + raw_adversarial
    differing = [i for i, text in enumerate(texts) if ours.tokenize(text) != oracle(text)]
    assert differing == []


# --- oracle: Keras TextVectorization (imports TensorFlow, ~10 s) ---------------------------------------


def keras_ids(texts, max_tokens, length):
    import os

    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tf_keras

    layer = tf_keras.layers.TextVectorization(
        max_tokens=max_tokens, output_mode="int", output_sequence_length=length, standardize=None, split="whitespace"
    )
    layer.adapt(texts)
    vocabulary = [token if isinstance(token, str) else token.decode("utf-8") for token in layer.get_vocabulary()]
    return [str(token) for token in vocabulary], layer(texts).numpy().tolist()


def token_counts(token_lists):
    counts = {}
    for tokens in token_lists:
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
    return counts


def test_vocabulary_and_pad_sequences_equal_keras_text_vectorization(cleaned):
    # Keras orders the vocabulary by count descending, ties by token DEScending (UTF-8 bytes, which
    # is code-point order); Vocabulary breaks ties ascending. So: without max_tokens the two
    # vocabularies are the same with every group of equal counts reversed, and with max_tokens the
    # ids agree for every token whose count no other token shares.
    texts = [text for text in cleaned if text]
    length = 50
    token_lists = Tokenizer().transform(texts)
    counts = token_counts(token_lists)
    keras_vocabulary, keras_full = keras_ids(texts, None, length)
    vocabulary = Vocabulary().fit(token_lists)
    ours = vocabulary.vocabulary_
    assert len(keras_vocabulary) == len(ours)
    assert keras_vocabulary[:2] == ours[:2] == ["", "[UNK]"]
    by_keras_order = sorted(sorted(ours[2:], reverse=True), key=lambda token: -counts[token])  # stable
    assert keras_vocabulary[2:] == by_keras_order
    assert keras_vocabulary != ours  # the tie order differs on real text

    # Same ids after mapping ours to Keras's through the token.
    keras_id = {token: i for i, token in enumerate(keras_vocabulary)}
    our_ids = PadSequences(length=length).transform(vocabulary.transform(token_lists))
    assert [[keras_id[ours[i]] for i in row] for row in our_ids] == keras_full

    # With a cut: ids equal wherever the token's count is unique (no tie to order).
    max_tokens = 500
    _, keras_cut = keras_ids(texts, max_tokens, length)
    cut = Vocabulary(max_tokens=max_tokens).fit(token_lists)
    our_cut = PadSequences(length=length).transform(cut.transform(token_lists))
    count_frequency = token_counts([[str(count) for count in counts.values()]])
    unique = {token for token, count in counts.items() if count_frequency[str(count)] == 1}
    compared = 0
    for tokens, ours_row, keras_row in zip(token_lists, our_cut, keras_cut):
        for position, token in enumerate(tokens[:length]):
            if token in unique:
                assert ours_row[position] == keras_row[position], token
                compared += 1
    assert compared > 1000
    # Padding and truncation agree everywhere.
    assert [[i == 0 for i in row] for row in our_cut] == [[i == 0 for i in row] for row in keras_cut]
