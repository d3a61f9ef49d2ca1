"""Specification of Pipeline chaining and of get_config / from_config serialization."""

import json

import pytest

from featurizers import (
    Featurizer,
    NotFittedError,
    PadSequences,
    Pipeline,
    TextCleaner,
    Tokenizer,
    Vocabulary,
    from_config,
    register,
)
from featurizers.text import DEFAULT_RULES

TEXTS = ["Hello world!", "Hello there, world 42", "Bye"]
# Cleaned: "hello world", "hello there world NUM", "bye".
# Counts: hello 2, world 2, then NUM, bye, there once each ("N" < "b" < "t" in code-point order).
EXPECTED_VOCABULARY = ["", "[UNK]", "hello", "world", "NUM", "bye", "there"]
EXPECTED_IDS = [[2, 3, 0, 0], [2, 6, 3, 4], [5, 0, 0, 0]]


def make_pipeline():
    return Pipeline([TextCleaner(), Tokenizer(), Vocabulary(), PadSequences(length=4)])


def json_round_trip(config):
    return json.loads(json.dumps(config))


# --- chaining ---------------------------------------------------------------------------------------------


def test_pipeline_transform_applies_steps_in_order():
    pipeline = make_pipeline().fit(TEXTS)
    assert pipeline.transform(TEXTS) == EXPECTED_IDS


def test_pipeline_fit_fits_each_step_on_the_output_of_the_previous_steps():
    pipeline = make_pipeline().fit(TEXTS)
    assert pipeline.step("Vocabulary").vocabulary_ == EXPECTED_VOCABULARY


def test_pipeline_fit_returns_the_pipeline_itself():
    pipeline = make_pipeline()
    assert pipeline.fit(TEXTS) is pipeline


def test_pipeline_fit_transform_equals_fit_then_transform():
    assert make_pipeline().fit_transform(TEXTS) == EXPECTED_IDS


def test_fitted_pipeline_maps_unseen_words_to_oov():
    pipeline = make_pipeline().fit(TEXTS)
    assert pipeline.transform(["Goodbye world 7"]) == [[1, 3, 4, 0]]


def test_pipeline_without_steps_returns_its_input():
    assert Pipeline().transform(["a", "b"]) == ["a", "b"]


def test_pipeline_is_fitted_only_when_every_step_is():
    pipeline = make_pipeline()
    assert pipeline.is_fitted() is False
    pipeline.fit(TEXTS)
    assert pipeline.is_fitted() is True


def test_unfitted_pipeline_transform_raises_not_fitted_error():
    with pytest.raises(NotFittedError, match=r"Vocabulary"):
        make_pipeline().transform(TEXTS)


def test_pipeline_passes_bad_input_errors_through():
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 1 is NoneType, expected str$"):
        make_pipeline().fit(["a", None])


def test_pipeline_checks_the_items_of_a_step_that_does_not_take_what_the_step_before_gives():
    with pytest.raises(TypeError, match=r"^PadSequences\.transform: item 0 is str, expected list of int$"):
        Pipeline([TextCleaner(), PadSequences(length=3)]).transform(["a"])


def _kinded_steps():
    """Each built-in featurizer that declares INPUT and OUTPUT, ready to transform, with a good item."""
    from featurizers import Counts, EmailBody, MultiHot, TfIdf

    return [
        (EmailBody(), "Subject: hi\n\nbody"),
        (TextCleaner(), "Hello, World"),
        (Tokenizer(), "hello world"),
        (Vocabulary().fit([["hello", "world"]]), ["hello", "there"]),
        (PadSequences(length=3), [2, 3]),
        (Counts(num_tokens=4), [1, 3, 3]),
        (MultiHot(num_tokens=4), [1, 3, 3]),
        (TfIdf().fit([[1, 2], [2, 3]]), [1, 3, 3]),
    ]


def _is_kind(value, kind):
    if kind == "str":
        return isinstance(value, str)
    element = {"list of str": str, "list of int": int, "vector": float}[kind]
    return isinstance(value, list) and all(type(x) is element for x in value)


@pytest.mark.parametrize("step, item", _kinded_steps(), ids=lambda v: type(v).__name__)
def test_a_step_checks_items_of_its_input_kind_and_gives_items_of_its_output_kind(step, item):
    assert _is_kind(item, step.INPUT)
    assert all(_is_kind(out, step.OUTPUT) for out in step.transform([item, item]))
    expected = step.INPUT.replace("(", "\\(")
    with pytest.raises(TypeError, match=rf"^{type(step).__name__}\.transform: item 1 is NoneType, expected {expected}$"):
        step.transform([item, None])


class _Recorder(Featurizer):
    """Passes items of ``kind`` through; records the check_input of each call (None: not given)."""

    def __init__(self, kind):
        self.INPUT = self.OUTPUT = kind
        self.calls = []

    def transform(self, data, check_input=None):
        self.calls.append(check_input)
        return data


def test_pipeline_tells_a_step_to_skip_item_checks_only_when_the_step_before_made_its_kind():
    first, made, not_made = _Recorder("str"), _Recorder("list of str"), _Recorder("str")
    Pipeline([first, Tokenizer(), made, not_made]).transform(["a b"])
    # first: the caller's items; made: lists of str from the Tokenizer; not_made: it takes str.
    assert (first.calls, made.calls, not_made.calls) == ([None], [False], [None])


def test_a_featurizer_without_declared_kinds_is_called_with_the_items_alone():
    class Upper(Featurizer):
        def transform(self, texts):
            return [text.upper() for text in texts]

    assert Pipeline([TextCleaner(), Upper(), Tokenizer()]).transform(["Hi there"]) == [["HI", "THERE"]]


# --- step lookup ------------------------------------------------------------------------------------------


def test_step_returns_the_step_of_that_class_name():
    vocabulary = Vocabulary()
    pipeline = Pipeline([Tokenizer(), vocabulary])
    assert pipeline.step("Vocabulary") is vocabulary


def test_step_returns_the_first_step_of_that_class_name():
    first, second = TextCleaner(), TextCleaner(lowercase=False)
    assert Pipeline([first, second]).step("TextCleaner") is first


def test_step_of_a_missing_class_raises_value_error():
    with pytest.raises(ValueError, match=r"^Pipeline has no Vocabulary step$"):
        Pipeline([Tokenizer()]).step("Vocabulary")


# --- get_config ----------------------------------------------------------------------------------------


def test_pipeline_config_is_plain_json():
    config = make_pipeline().fit(TEXTS).get_config()
    assert json_round_trip(config) == config


def test_pipeline_config_tags_the_pipeline_and_each_step_with_its_type():
    config = make_pipeline().get_config()
    assert config["type"] == "Pipeline"
    assert [step["type"] for step in config["steps"]] == ["TextCleaner", "Tokenizer", "Vocabulary", "PadSequences"]


def test_text_cleaner_config_holds_flags_and_effective_rules():
    assert TextCleaner(strip_html=False).get_config() == {
        "type": "TextCleaner",
        "normalization_form": None,
        "lowercase": True,
        "strip_accents": None,
        "rules": DEFAULT_RULES,
        "strip_html": False,
        "strip_punctuation": True,
        "collapse_whitespace": True,
    }


def test_default_rules_are_url_then_email_then_number_placeholders():
    assert [rule[1] for rule in DEFAULT_RULES] == [" URL ", " EMAIL ", " NUM "]


def test_tokenizer_config_is_only_its_type():
    assert Tokenizer().get_config() == {"type": "Tokenizer"}


def test_pad_sequences_config_holds_its_parameters():
    assert PadSequences(length=5, padding="pre", value=-1).get_config() == {
        "type": "PadSequences",
        "length": 5,
        "padding": "pre",
        "truncating": "post",
        "value": -1,
    }


def test_fitted_vocabulary_config_holds_parameters_and_vocabulary():
    assert Vocabulary(max_tokens=10).fit([["b", "a", "b"]]).get_config() == {
        "type": "Vocabulary",
        "max_tokens": 10,
        "min_count": 1,
        "oov_token": "[UNK]",
        "pad_token": "",
        "vocabulary_": ["", "[UNK]", "b", "a"],
    }


def test_unfitted_vocabulary_config_has_no_vocabulary_key():
    assert "vocabulary_" not in Vocabulary().get_config()


def test_unfitted_pipeline_config_has_no_vocabulary_key():
    config = make_pipeline().get_config()
    assert "vocabulary_" not in config["steps"][2]


# --- from_config ---------------------------------------------------------------------------------------


def test_rebuilt_fitted_pipeline_transforms_identically():
    original = make_pipeline().fit(TEXTS)
    rebuilt = from_config(json_round_trip(original.get_config()))
    new_texts = TEXTS + ["Goodbye world 7", "<p>see http://x.com or a@b.org</p>", ""]
    assert rebuilt.transform(new_texts) == original.transform(new_texts)


def test_rebuilt_fitted_pipeline_is_a_new_fitted_pipeline():
    original = make_pipeline().fit(TEXTS)
    rebuilt = from_config(json_round_trip(original.get_config()))
    assert isinstance(rebuilt, Pipeline)
    assert rebuilt is not original
    assert rebuilt.is_fitted() is True


def test_rebuilt_pipeline_has_the_same_config():
    config = json_round_trip(make_pipeline().fit(TEXTS).get_config())
    assert from_config(config).get_config() == config


def test_rebuilt_vocabulary_keeps_the_learned_ids():
    rebuilt = from_config(json_round_trip(make_pipeline().fit(TEXTS).get_config()))
    assert rebuilt.step("Vocabulary").vocabulary_ == EXPECTED_VOCABULARY


def test_rebuilt_unfitted_config_gives_an_unfitted_vocabulary():
    rebuilt = from_config(json_round_trip(make_pipeline().get_config()))
    assert rebuilt.step("Vocabulary").is_fitted() is False


def test_rebuilt_unfitted_vocabulary_raises_not_fitted_error_on_transform():
    rebuilt = from_config(json_round_trip(Vocabulary().get_config()))
    with pytest.raises(NotFittedError, match=r"^Vocabulary is not fitted"):
        rebuilt.transform([["a"]])


def test_rebuilt_unfitted_pipeline_can_be_fitted():
    rebuilt = from_config(json_round_trip(make_pipeline().get_config()))
    assert rebuilt.fit_transform(TEXTS) == EXPECTED_IDS


def test_rebuilt_featurizers_keep_non_default_parameters():
    original = Pipeline(
        [
            TextCleaner(lowercase=False, rules=[["cat", "dog"]], strip_punctuation=False),
            Tokenizer(),
            Vocabulary(max_tokens=3, min_count=2, oov_token="<oov>", pad_token="<pad>"),
            PadSequences(length=3, padding="pre", truncating="pre", value=-1),
        ]
    ).fit(["Cat cat, cat, x x y"])
    rebuilt = from_config(json_round_trip(original.get_config()))
    assert rebuilt.get_config() == original.get_config()
    # Learned: "<pad>", "<oov>", "dog," (the only kept token: "dog," and "x" tie at 2, max_tokens=3).
    new_texts = ["cat,", "x x cat, y"]
    assert rebuilt.transform(new_texts) == original.transform(new_texts) == [[-1, -1, 2], [1, 2, 1]]


def test_from_config_rebuilds_a_single_featurizer():
    rebuilt = from_config({"type": "PadSequences", "length": 2, "padding": "pre", "truncating": "post", "value": 0})
    assert isinstance(rebuilt, PadSequences)
    assert rebuilt.transform([[7]]) == [[0, 7]]


def test_from_config_uses_defaults_for_missing_parameters():
    rebuilt = from_config({"type": "TextCleaner"})
    assert rebuilt.transform(["Hi 5!"]) == ["hi NUM"]


def test_from_config_of_an_unknown_type_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"^Unknown featurizer type 'Nope'$"):
        from_config({"type": "Nope"})


def test_from_config_of_an_unknown_step_type_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"Unknown featurizer type 'Stemmer'"):
        from_config({"type": "Pipeline", "steps": [{"type": "Tokenizer"}, {"type": "Stemmer"}]})


@pytest.mark.parametrize("name", ["constructor", "__proto__", "toString", "Featurizer"])
def test_from_config_does_not_treat_special_names_as_types(name):
    with pytest.raises(ValueError, match=r"Unknown featurizer type"):
        from_config({"type": name})


def test_from_config_with_a_non_string_type_raises_value_error():
    with pytest.raises(ValueError, match=r"no 'type' tag"):
        from_config({"type": 3})


def test_pipeline_config_with_non_list_steps_raises_value_error():
    with pytest.raises(ValueError, match=r"'steps' must be a list"):
        from_config({"type": "Pipeline", "steps": "Tokenizer"})


def test_registered_featurizer_can_be_rebuilt_from_config():
    class SpecDoubler(Featurizer):
        PARAMS = ["factor"]

        def __init__(self, factor=2):
            self.factor = factor

        def transform(self, data):
            return [x * self.factor for x in data]

    assert register(SpecDoubler) is SpecDoubler
    rebuilt = from_config(json_round_trip(SpecDoubler(factor=3).get_config()))
    assert rebuilt.transform([1, 2]) == [3, 6]


# --- known bugs, see the report ----------------------------------------------------------------------------



def test_from_config_without_type_raises_value_error():
    with pytest.raises(ValueError, match=r"no 'type' tag"):
        from_config({"length": 2})



def test_pipeline_config_without_steps_raises_value_error():
    with pytest.raises(ValueError, match=r"^Pipeline config has no 'steps'$"):
        from_config({"type": "Pipeline"})



def test_mutating_a_returned_config_does_not_change_other_cleaners(monkeypatch):
    import featurizers.text

    # Work on a private copy so that the bug, while present, cannot leak into other tests.
    monkeypatch.setattr(featurizers.text, "DEFAULT_RULES", [list(rule) for rule in DEFAULT_RULES])
    TextCleaner().get_config()["rules"].append(["a", "b"])
    assert TextCleaner().transform(["cab"]) == ["cab"]



def test_mutating_a_returned_config_does_not_change_the_fitted_vocabulary():
    vocabulary = Vocabulary().fit([["a"]])
    vocabulary.get_config()["vocabulary_"].append("b")
    assert vocabulary.vocabulary_ == ["", "[UNK]", "a"]


# --- transform in chunks ----------------------------------------------------------------------------


def test_a_batch_larger_than_a_chunk_gives_what_each_step_over_the_whole_batch_gives():
    from featurizers.compose import CHUNK_SIZE

    texts = [f"message {i} with words {'x' * (i % 7)} and more" for i in range(3 * CHUNK_SIZE + 5)]
    pipeline = make_pipeline().fit(texts)
    step_by_step = texts
    for step in pipeline.steps:
        step_by_step = step.transform(step_by_step)
    assert pipeline.transform(texts) == step_by_step
    assert len(step_by_step) == len(texts)


def test_a_bad_item_beyond_the_first_chunk_is_named_by_its_position_in_the_batch():
    texts = ["fine"] * 150
    texts[140] = None
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 140 is NoneType, expected str$"):
        make_pipeline().fit(["fine"]).transform(texts)
