"""Differential fuzzing of featurizers.portable's text operations: on generated hostile text, the
bundle's answer is CPython's own str method's (the same texts and budget as the featurizers'; see
test_differential.py and conftest.py)."""

from hypothesis import given, settings
from portable_oracles import PREDICATES

from featurizers import portable
from fuzz import strategies as gen

# Each operation and the CPython operation it is.
ORACLES = {
    **PREDICATES,
    "cp_len": len,
    "split": str.split,
    "splitlines": str.splitlines,
    "strip": str.strip,
    "lstrip": str.lstrip,
    "rstrip": str.rstrip,
    "lower": str.lower,
}


def _words_and_texts(texts):
    """The texts, and their words one by one: predicates of whole texts are mostly False."""
    return texts + [word for text in texts[:20] for word in text.split()[:10]]


def test_portable_text_operations_are_cpythons_in_node(node, library, fuzz_budget):
    examples = max(1, fuzz_budget.texts // fuzz_budget.expected_batch)
    compared = fuzz_budget.compared.setdefault("portable", [0, 0])

    @given(gen.text_batches)
    @settings(fuzz_budget.settings, max_examples=examples)
    def compare(texts):
        batch = _words_and_texts(texts)
        for name, oracle in ORACLES.items():
            expected = [oracle(text) for text in batch]
            assert [getattr(portable, name)(text) for text in batch] == expected, name
            js = node.portable(library, name, batch, each=True)
            assert [ascii(text) for text, a, b in zip(batch, js, expected) if a != b][:3] == [], name
        compared[0] += len(texts)
        compared[1] += 1

    compare()
