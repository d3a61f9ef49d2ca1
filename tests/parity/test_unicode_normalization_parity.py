"""Unicode normalization and accent stripping mean what CPython's ``unicodedata`` means, in both runtimes.

JS's ``String.prototype.normalize`` follows the engine's Unicode version (Node 20: Unicode 15 or
later), CPython 3.11's ``unicodedata`` Unicode 14. Normalization is stable for code points both
know; the ones only the newer version knows must stay as they are, as CPython leaves them.
"""

import sys
import unicodedata

import pytest
from harness import spam_assassin_texts
from sklearn.feature_extraction.text import strip_accents_ascii, strip_accents_unicode

from featurizers import TextCleaner
from featurizers.testing.adversarial import ADVERSARIAL

FORMS = ["NFC", "NFKC", "NFD", "NFKD"]
ONLY = {"lowercase": False, "rules": [], "strip_html": False, "strip_punctuation": False, "collapse_whitespace": False}


def run_in_both(node, library, cleaner, texts):
    js_output, _ = node.featurizer(library, cleaner.get_config(), texts)
    return cleaner.transform(texts), js_output


def every_code_point_texts():
    """Every code point but surrogates, each after an "a" (a starter that composes with many
    marks) and separated by spaces, 1,024 code points a text."""
    return [
        " ".join("a" + chr(code) for code in range(start, start + 1024) if not 0xD800 <= code <= 0xDFFF)
        for start in range(0, sys.maxunicode + 1, 1024)
    ]


def combining_sequences():
    """Every mark with a combining class, after a letter it may compose with, before and after
    marks of lower and higher classes: canonical reordering and composition at work."""
    marks = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and unicodedata.combining(chr(c))]
    below, above = "\u0316", "\u0301"  # classes 220 and 230
    return [" ".join(f"e{m}{below} o{above}{m} A{m}{above}{below} \u1100\u1161{m}" for m in marks)]


@pytest.mark.parametrize("form", FORMS)
def test_every_code_point_normalizes_as_in_cpython(node, library, form):
    texts = every_code_point_texts() + combining_sequences()
    python_output, js_output = run_in_both(node, library, TextCleaner(normalization_form=form, **ONLY), texts)
    assert python_output == [unicodedata.normalize(form, text) for text in texts]
    differing = [i for i, (p, j) in enumerate(zip(python_output, js_output)) if p != j]
    assert differing == []


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "text",
    [
        "a\u0301\u0897\u0316",  # U+0897 ARABIC PEPET: a class-230 mark since Unicode 16, unassigned in 14
        "x\U0001e030y",  # MODIFIER LETTER CYRILLIC SMALL A: <super> U+0430 since Unicode 15
        "e\u0301\U0001e030\u0301\u0316",
        "\u0897",
        "\u0897\u0897\u0301",
    ],
    ids=ascii,
)
def test_code_points_newer_than_cpythons_unicode_stay_as_they_are(node, library, form, text):
    python_output, js_output = run_in_both(node, library, TextCleaner(normalization_form=form, **ONLY), [text])
    assert js_output == python_output == [unicodedata.normalize(form, text)]


@pytest.mark.parametrize("mode, oracle", [("unicode", strip_accents_unicode), ("ascii", strip_accents_ascii)])
def test_accent_stripping_of_every_code_point_equals_scikit_learn_in_both(node, library, mode, oracle):
    texts = every_code_point_texts() + combining_sequences()
    python_output, js_output = run_in_both(node, library, TextCleaner(strip_accents=mode, **ONLY), texts)
    assert python_output == [oracle(text) for text in texts]
    differing = [i for i, (p, j) in enumerate(zip(python_output, js_output)) if p != j]
    assert differing == []


@pytest.mark.parametrize(
    "params", [{"normalization_form": "NFKC", "strip_accents": "unicode"}, {"strip_accents": "ascii"}], ids=str
)
def test_cleaning_the_corpus_and_the_adversarial_texts_with_normalization_is_identical(node, library, params):
    texts = spam_assassin_texts(every=5) + list(ADVERSARIAL.values())
    python_output, js_output = run_in_both(node, library, TextCleaner(**params), texts)
    differing = [i for i, (p, j) in enumerate(zip(python_output, js_output)) if p != j]
    assert differing == []
    # Lowercased first, as scikit-learn's preprocessor does: strip_accents="unicode" equals its analyzer's text.
    if params.get("strip_accents") == "unicode":
        sample = "Crème Brûlée at the CAFÉ Ångström"
        assert TextCleaner(**params).transform([sample]) == ["creme brulee at the cafe angstrom"]
