"""The kit's Hypothesis strategies draw the adversarial classes, and Hypothesis stays optional."""

import subprocess
import sys
import unicodedata

from hypothesis import HealthCheck, given, settings

from featurizers.testing import strategies
from featurizers.testing.strategies import PROTOTYPE_VARIANTS, WHITESPACE_AND_CONTROLS

SEEN = {"texts": [], "emails": [], "tokens": [], "numbers": []}

CLASSES = {
    "astral characters (surrogate pairs in JS)": lambda t: any(ord(c) > 0xFFFF for c in t),
    "whitespace beyond ASCII": lambda t: any(c.isspace() and ord(c) > 0x7F for c in t),
    "characters JS and CPython disagree are space (U+001C-U+001F, U+0085, U+FEFF)": lambda t: any(c in "\x1c\x1d\x1e\x1f\x85\ufeff" for c in t),
    "combining marks": lambda t: any(unicodedata.combining(c) for c in t),
    "a capital sigma": lambda t: "\u03a3" in t,
    "case traps (dotted I, sharp s, ligatures, Kelvin)": lambda t: any(c in t for c in "\u0130\xdf\ufb01\u212a"),
    "prototype words": lambda t: any(name in t for name in ("constructor", "__proto__", "toString", "hasOwnProperty")),
    "HTML": lambda t: "<" in t and ">" in t,
    "URLs": lambda t: "http://" in t or "www." in t,
    "ZWJ sequences": lambda t: "\u200d" in t,
    "long runs (1,000+ characters)": lambda t: len(t) >= 1000,
    "upper-cased text": lambda t: t != t.lower() and t == t.upper() and any(c.isalpha() for c in t),
    "code points CPython does not know": lambda t: any(unicodedata.category(c) == "Cn" for c in t),
}

DRAWS = settings(max_examples=600, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))


@DRAWS
@given(strategies.texts())
def draw_texts(text):
    SEEN["texts"].append(text)


@settings(DRAWS, max_examples=200)
@given(strategies.emails())
def draw_emails(text):
    SEEN["emails"].append(text)


@settings(DRAWS, max_examples=200)
@given(strategies.batches(strategies.tokens(), min_size=1, max_size=5), strategies.numbers())
def draw_tokens_and_numbers(tokens, number):
    SEEN["tokens"].extend(tokens)
    SEEN["numbers"].append(number)


def test_texts_hold_every_adversarial_class():
    draw_texts()
    texts = SEEN["texts"]
    assert all(isinstance(t, str) and not any(0xD800 <= ord(c) <= 0xDFFF for c in t) for t in texts)  # valid Unicode
    missing = [name for name, holds in CLASSES.items() if not any(holds(t) for t in texts)]
    assert missing == []
    assert set(WHITESPACE_AND_CONTROLS) >= {"\x1c", "\x85", "\ufeff", "\u2028", "\u3000"}
    assert {"constructor", "__proto__", "CONSTRUCTOR"} <= set(PROTOTYPE_VARIANTS)


def test_emails_tokens_and_numbers_draw_their_hard_cases():
    draw_emails()
    draw_tokens_and_numbers()
    assert any("\r\n" in e for e in SEEN["emails"]) and any(e.lower().startswith("subject:") or "\nsubject:" in e.lower() for e in SEEN["emails"])
    assert "__proto__" in SEEN["tokens"] and any(ord(t[-1]) > 0xFFFF for t in SEEN["tokens"] if t)
    numbers = SEEN["numbers"]
    assert any(n == 0 and str(n) == "-0.0" for n in numbers)  # a zero of each sign
    assert any(0 < abs(n) < 2.2250738585072014e-308 for n in numbers)  # subnormals
    assert any(abs(n) >= 2**53 - 1 for n in numbers)  # beyond what ids reach


def test_hypothesis_is_optional_and_its_absence_is_explained():
    script = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import featurizers, featurizers.testing, featurizers.testing.adversarial, featurizers.compiler.build\n"
        "try:\n    import featurizers.testing.strategies\nexcept ImportError as e:\n    print(e)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "featurizers.testing.strategies needs Hypothesis, an optional dependency of the testing kit: "
        'pip install "featurizers[testing]" (or pip install hypothesis)'
    )
