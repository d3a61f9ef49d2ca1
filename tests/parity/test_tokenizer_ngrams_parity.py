"""Tokenizer's n-gram parameters give identical output in CPython and in Node.

The texts are every 10th message of the SpamAssassin corpus through EmailBody and TextCleaner (as
the flagship pipeline's Tokenizer sees them), and every adversarial text, both cleaned and raw (raw
texts keep tabs, runs of odd whitespace, emoji sequences and combining marks). The Node side is
built from the Python tokenizer's config, so the config round trip is tested too. Outputs are
compared row by row with ==.
"""


import pytest
from harness import NodeError, spam_assassin_texts

from featurizers import EmailBody, TextCleaner, Tokenizer, portable
from featurizers.testing.adversarial import ADVERSARIAL

# Batches sent to Node at a time: char n-grams of the corpus are millions of strings.
CHUNK = 100

CONFIGS = {
    "word (1,2)": {"ngram_range": (1, 2)},
    "word (2,3)": {"ngram_range": (2, 3)},
    "char (1,3)": {"analyzer": "char", "ngram_range": (1, 3)},
    "char (3,5)": {"analyzer": "char", "ngram_range": (3, 5)},
    "char_wb (2,4)": {"analyzer": "char_wb", "ngram_range": (2, 4)},
    "token_pattern words of 2+": {"token_pattern": "[" + portable.WORD_CHARS + "]{2,}"},
    "token_pattern digits and letters, bigrams": {
        "token_pattern": "[" + portable.DECIMAL_CHARS + "]+|[a-z\u00e0-\u00ff]+(?:'[a-z]+)?",
        "ngram_range": [1, 2],
    },
}


@pytest.fixture(scope="module")
def texts():
    corpus = spam_assassin_texts(every=10)
    assert len(corpus) == 605
    adversarial = list(ADVERSARIAL.values())
    cleaned = TextCleaner().transform(EmailBody().transform(corpus + adversarial))
    return cleaned + adversarial


def assert_same_in_both(node, library, tokenizer, texts):
    config = tokenizer.get_config()
    python_rows = tokenizer.transform(texts)
    js_rows = []
    for start in range(0, len(texts), CHUNK):
        output, js_config = node.featurizer(library, config, texts[start : start + CHUNK])
        assert js_config == config
        js_rows.extend(output)
    assert len(js_rows) == len(python_rows)
    differing = [i for i, (p, j) in enumerate(zip(python_rows, js_rows)) if p != j]
    assert differing == [], (
        f"{len(differing)} rows differ; first, row {differing[0]}: "
        f"python {ascii(python_rows[differing[0]])[:300]} js {ascii(js_rows[differing[0]])[:300]}"
    )
    return python_rows


@pytest.mark.parametrize("params", CONFIGS.values(), ids=CONFIGS.keys())
def test_tokenizer_ngrams_are_identical_in_both(node, library, texts, params):
    rows = assert_same_in_both(node, library, Tokenizer(**params), texts)
    assert sum(len(row) for row in rows) > 0


def test_default_tokenizer_config_is_unchanged_and_identical_in_both(node, library, texts):
    rows = assert_same_in_both(node, library, Tokenizer(), texts)
    assert rows == [text.split() for text in texts]


def test_char_ngrams_count_code_points_in_both(node, library):
    texts = ["\U0001F468\u200d\U0001F469\u200d\U0001F467", "e\u0301\U0001F600", "\U0001F1EB\U0001F1F7"]
    output, _ = node.featurizer(library, {"type": "Tokenizer", "analyzer": "char", "ngram_range": [2, 2]}, texts)
    assert output == Tokenizer(analyzer="char", ngram_range=(2, 2)).transform(texts)
    assert output[1] == ["e\u0301", "\u0301\U0001F600"]


@pytest.mark.parametrize(
    "config, message",
    [
        ({"ngram_range": [2, 1]}, "Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got [2, 1]"),
        ({"ngram_range": [0, 2]}, "Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got [0, 2]"),
        ({"ngram_range": [1]}, "Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got a list of length 1"),
        ({"ngram_range": [1, 2.5]}, "Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got [int, float]"),
        ({"ngram_range": "1,2"}, "Tokenizer: ngram_range must be [min_n, max_n], two ints with 1 <= min_n <= max_n, got str"),
        ({"analyzer": "chars"}, "Tokenizer: analyzer must be 'word', 'char' or 'char_wb', got 'chars'"),
        ({"analyzer": "char", "token_pattern": "[a-z]+"}, "Tokenizer: token_pattern applies only to analyzer='word', not 'char'"),
        ({"token_pattern": 3}, "Tokenizer: token_pattern must be a str or None, got int"),
        ({"token_pattern": "a([b-z]+)"}, "Tokenizer: token_pattern must not have capturing groups (found one at character 1); use (?:...)"),
        ({"token_pattern": "[a-z]*"}, "Tokenizer: token_pattern must not match the empty string"),
        ({"token_pattern": "(?=a)|b"}, "Tokenizer: token_pattern matched the empty string"),
    ],
    ids=repr,
)
def test_invalid_parameters_raise_the_same_value_error_in_both(node, library, config, message):
    config = {"type": "Tokenizer", **config}
    with pytest.raises(ValueError) as python_error:
        Tokenizer(**{k: v for k, v in config.items() if k != "type"}).transform(["ab a"])
    assert str(python_error.value) == message
    with pytest.raises(NodeError) as js_error:
        node.featurizer(library, config, ["ab a"])
    assert (js_error.value.name, js_error.value.message) == ("ValueError", message)
