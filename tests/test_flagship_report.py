"""The flagship's test scores: what `make py=pipeline` built meets issue 19's targets, and the
README shows exactly those scores and pictures."""

import pytest
from harness import ROOT

from featurizers.training import train

LABELS = ["ham", "spam"]


@pytest.fixture(scope="module")
def scores(flagship):
    return flagship.read_json(flagship.meta_json)["test"]


def test_each_source_has_held_out_scores(scores):
    assert sorted(scores) == ["sms", "spamassassin"]
    assert (scores["spamassassin"]["messages"], scores["sms"]["messages"]) == (2796, 1436)


def test_the_flagship_meets_its_targets_on_both_sources(scores):
    assert scores["spamassassin"]["accuracy"] >= 0.96
    assert scores["spamassassin"]["recall"]["spam"] >= 0.95
    assert scores["sms"]["accuracy"] >= 0.97


def test_the_readme_prints_the_scores_the_model_has(scores):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for source, source_scores in scores.items():
        assert f"[pipeline] {train.describe_scores(source, source_scores, LABELS)}\n" in readme


def test_the_readme_shows_the_confusion_matrices_training_drew(flagship, scores):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for source in scores:
        shown = ROOT / "docs" / "pipeline" / f"confusion-{source}.png"
        assert f"(docs/pipeline/confusion-{source}.png)" in readme
        drawn = flagship.build_dir / f"confusion-{source}.png"
        assert shown.read_bytes() == drawn.read_bytes(), f"copy {drawn} to {shown}"
