"""The pipeline gives the same features in Node as in Python: on chosen texts and on generated
adversarial ones, for the featurizer of your own and for the whole pipeline."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from featurizers.testing import assert_same_in_node
from featurizers.testing.strategies import texts
from pipeline import SAMPLES, Signs

HERE = Path(__file__).resolve().parent

EXAMPLES = [
    "FREE entry!!! Visit www.win.example NOW",
    "see https://example.org/a?b=1 later",
    "quiet lowercase words",
    "",
    "ÉCOLE ÇA 😀 Ünïcödé",
]


def test_signs_in_python():
    assert Signs().transform(["CALL NOW", "call now", "Call www.x.example now"]) == [
        "zzshout CALL NOW",
        "zzcalm call now",
        "zzurl zzcalm Call www.x.example now",
    ]


def test_signs_gives_the_same_words_in_node():
    assert_same_in_node(Signs(), EXAMPLES)


@settings(max_examples=20, deadline=None)
@given(st.lists(texts(), min_size=1, max_size=20))
def test_signs_gives_the_same_words_in_node_for_any_text(batch):
    assert_same_in_node(Signs(), batch)


def test_the_whole_pipeline_gives_the_same_features_in_node():
    # make_featurizer() from pipeline.py, fitted on these texts, compiled as the build compiles it.
    assert_same_in_node(HERE / "pipeline.py", SAMPLES + EXAMPLES)
