"""A featurizer of one's own written with featurizers.portable, as its docs say: checked with no
finding, compiled into a bundle, and giving CPython's features in Node, on adversarial text and a
real corpus. The bundle carries the Unicode tables of the classes the featurizer uses, no other."""

import pytest
from harness import ROOT, js_outcome, python_outcome, spam_assassin_texts

from featurizers import _unicode
from featurizers.compiler import check, unicode_tables
from featurizers.compiler.build import bundle, compile_module, render
from featurizers.testing.adversarial import ADVERSARIAL, lone_surrogates

SOURCE = '''"""Case and word statistics of a text, written with featurizers.portable."""

from featurizers import portable
from featurizers.base import Featurizer, register

WORD = portable.compile("[" + portable.WORD_CHARS + "]+")
LETTER = portable.compile("[" + portable.ALPHA_CHARS + "]")
NUMBER_PATTERN = "[" + portable.DECIMAL_CHARS + "]+(?:[.,][" + portable.DECIMAL_CHARS + "]+)?"


class TextStats(Featurizer):
    """Per text: capitals, letters, shouted words, title-case words, numbers, distinct words, the
    length of the first word in code point order, the largest word count, whitespace-separated
    parts, lines, code points once stripped, code points once lowercased, and 1 if printable."""

    INPUT = "str"

    def transform(self, texts, check_input=True):
        self._check_items(texts, check_input)
        return [self._stats(text) for text in texts]

    def _stats(self, text):
        capitals = 0
        for ch in text:
            if portable.is_upper(ch):
                capitals += 1
        seen = portable.StrMap()
        shouted = 0
        titled = 0
        for word in portable.findall(WORD, text):
            seen.set(word, seen.get(word, 0) + 1)
            if portable.is_upper(word):
                shouted += 1
            if portable.is_title(word):
                titled += 1
        ordered = portable.sort_str(seen.keys())
        first = 0
        if len(ordered) > 0:
            first = portable.cp_len(ordered[0])
        most = 0
        for word in ordered:
            if seen.get(word, 0) > most:
                most = seen.get(word, 0)
        return [
            capitals,
            portable.count(LETTER, text),
            shouted,
            titled,
            portable.count(portable.compile(NUMBER_PATTERN), text),
            seen.size(),
            first,
            most,
            len(portable.split(text)),
            len(portable.splitlines(text)),
            portable.cp_len(portable.strip(text)),
            portable.cp_len(portable.lower(text)),
            1 if portable.is_printable(text) else 0,
        ]


register(TextStats)
'''
# The classes the featurizer uses, and so the tables its bundle needs (is_upper and is_title
# read the lower- and title-case classes too).
USED_TABLES = {"PY_WORD_RANGES", "PY_ALPHA_RANGES", "PY_DECIMAL_RANGES", "PY_UPPER_RANGES", "PY_LOWER_RANGES", "PY_TITLE_RANGES", "PY_PRINTABLE_RANGES"}


@pytest.fixture(scope="module")
def text_stats(tmp_path_factory):
    """The featurizer's module compiled as a user's would be, in one CommonJS bundle with from_config."""
    work = tmp_path_factory.mktemp("text_stats")
    compile_module(work, "text_stats", SOURCE, ROOT)
    render("common/errors.cjs.j2", work / "errors.cjs")
    (work / "entry.cjs").write_text(
        "'use strict';\nrequire('./js/text_stats.js');\n"
        "module.exports = { featurizers: require('./js/featurizers.base.js'), pythonError: require('./errors.cjs').pythonError };\n"
    )
    bundle(work / "entry.cjs", work / "text_stats.cjs", ROOT)
    exec(compile(SOURCE, "text_stats.py", "exec"), {"__name__": "text_stats"})  # registers TextStats in CPython
    return work / "text_stats.cjs"


def test_the_featurizer_passes_the_check_and_its_str_method_spelling_does_not():
    assert check.check_source(SOURCE, "text_stats.py") == []
    naive = SOURCE.replace("portable.is_upper(ch)", "ch.isupper()")
    (finding,) = check.check_source(naive, "text_stats.py")
    assert str(finding).endswith('TS204 str classification method `ch.isupper()`: portable.is_upper(ch), or "[" + portable.UPPER_CHARS + "]" in a pattern')


def test_the_featurizer_gives_cpythons_features_in_node(node, text_stats):
    texts = list(ADVERSARIAL.values()) + ["ÉTÉ! Été ǅemal ΣΑΣ σας 3,14 ٣٤ ½ x²", "constructor constructor __proto__ toString"]
    texts += spam_assassin_texts(every=25)
    config = {"type": "TextStats"}
    python = python_outcome(config, texts)
    assert python[0] == "ok" and python[1][len(ADVERSARIAL)] == [7, 18, 2, 2, 2, 10, 2, 1, 9, 1, 35, 35, 1]
    assert js_outcome(node, text_stats, config, texts) == python


def test_text_with_a_lone_surrogate_is_refused_alike(node, text_stats):
    for text in lone_surrogates():
        assert js_outcome(node, text_stats, {"type": "TextStats"}, [text]) == python_outcome({"type": "TextStats"}, [text])


def test_the_bundle_carries_the_tables_of_the_classes_it_uses_and_no_other(text_stats):
    code = text_stats.read_text(encoding="utf-8")
    carried = {name for name in unicode_tables.CLASSES if getattr(_unicode, name) in code}
    assert carried == USED_TABLES
    flagship = (ROOT / "js_dist" / "pipeline" / "index.js").read_text(encoding="utf-8")
    assert {name for name in unicode_tables.CLASSES if getattr(_unicode, name) in flagship} == set()
    assert "class_chars" not in flagship and "featurizers.portable" not in flagship
