"""Bad input fails the same way in CPython and in Node: the same exception class, the same message.

Node errors come back as conftest.NodeError(name, message); Python's are compared by class name and str().
JSON carries neither Python bytes nor JS undefined, so those are checked on their own side, and the
few JS-only cases (undefined, Uint8Array, a null batch for fit) run in a one-off ``node -e``.
"""

import json
import subprocess

import pytest
from harness import ROOT, NodeError

from featurizers import EmailBody, PadSequences, Pipeline, TextCleaner, Tokenizer, Vocabulary, from_config

VOCABULARY = Vocabulary().fit([["hello", "world", "hello"]]).get_config()
PIPELINE = (
    Pipeline([EmailBody(), TextCleaner(), Tokenizer(), Vocabulary(), PadSequences(length=4)])
    .fit(["Subject: hello\n\nhello world", "good bye"])
    .get_config()
)
PAD = PadSequences(length=3).get_config()

# name -> (config, what transform's error names, what a good item is, one good item)
TEXT_FEATURIZERS = {
    "EmailBody": ({"type": "EmailBody"}, "EmailBody.transform", "str", "Subject: s\n\nbody"),
    "TextCleaner": (TextCleaner().get_config(), "TextCleaner.transform", "str", "Hello"),
    "Tokenizer": ({"type": "Tokenizer"}, "Tokenizer.transform", "str", "a b"),
    # A pipeline checks its input in its first step.
    "Pipeline": (PIPELINE, "EmailBody.transform", "str", "hello"),
}
LIST_FEATURIZERS = {
    "Vocabulary": (VOCABULARY, "Vocabulary.transform", "list of str", ["hello"]),
    "PadSequences": (PAD, "PadSequences.transform", "list of int", [2, 3]),
}
ALL_FEATURIZERS = {**TEXT_FEATURIZERS, **LIST_FEATURIZERS}

BAD_BATCHES = [(None, "NoneType"), ("hello world", "str"), (42, "int"), (2.5, "float"), (True, "bool"), ({"a": ["b"]}, "dict")]
BAD_BATCH_IDS = [name for _, name in BAD_BATCHES]


def python_error(config, data, fit=None):
    """(exception class name, message) of from_config(config), [fit(fit)], transform(data) in Python.

    When nothing is raised: ("no error", output), so a failing comparison shows what came out instead.
    """
    try:
        featurizer = from_config(json.loads(json.dumps(config)))
        if fit is not None:
            featurizer.fit(fit)
        output = featurizer.transform(data)
    except Exception as error:
        return type(error).__name__, str(error)
    return "no error", output


def js_error(node, library, config, data, fit=None):
    """(error name, message) of the same steps in Node, or ("no error", output)."""
    try:
        output, _ = node.featurizer(library, config, data, fit=fit)
    except NodeError as error:
        return error.name, error.message
    return "no error", output


def js_direct_error(library, statement):
    """(error name, message) of one JS statement over ``featurizers``, for values JSON cannot carry."""
    script = (
        "const { featurizers, pythonError } = require(process.argv[1]);"
        f"try {{ pythonError.wrap(() => {{ {statement}; }}); console.log('null'); }}"
        "catch (error) { console.log(JSON.stringify([error.name, error.message])); }"
    )
    result = subprocess.run(
        ["node", "-e", script, str(library)], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    outcome = json.loads(result.stdout)
    return None if outcome is None else tuple(outcome)


def assert_same_error(node, library, config, data, expected, fit=None):
    """Both runtimes raise ``expected``, a (class name, message) pair."""
    assert python_error(config, data, fit) == expected
    assert js_error(node, library, config, data, fit) == expected


# --- the batch is not a list --------------------------------------------------------------------------


@pytest.mark.parametrize("batch, type_name", BAD_BATCHES, ids=BAD_BATCH_IDS)
@pytest.mark.parametrize("featurizer", sorted(ALL_FEATURIZERS))
def test_transform_of_a_non_list_batch_raises_the_same_type_error(node, library, featurizer, batch, type_name):
    config, where, expected, _ = ALL_FEATURIZERS[featurizer]
    message = f"{where} expects a list of {expected}, got {type_name}"
    assert_same_error(node, library, config, batch, ("TypeError", message))


@pytest.mark.parametrize("batch, type_name", [b for b in BAD_BATCHES if b[0] is not None], ids=BAD_BATCH_IDS[1:])
def test_vocabulary_fit_on_a_non_list_batch_raises_the_same_type_error(node, library, batch, type_name):
    message = f"Vocabulary.fit expects a list of list of str, got {type_name}"
    assert_same_error(node, library, {"type": "Vocabulary"}, [], ("TypeError", message), fit=batch)


def test_vocabulary_fit_on_none_raises_the_same_type_error(library):
    # The worker reads fit=null as "do not fit", so the JS side runs on its own.
    message = "Vocabulary.fit expects a list of list of str, got NoneType"
    with pytest.raises(TypeError) as info:
        Vocabulary().fit(None)
    assert str(info.value) == message
    assert js_direct_error(library, 'featurizers.from_config({type: "Vocabulary"}).fit(null)') == ("TypeError", message)


# --- an item is not what the featurizer takes -----------------------------------------------------------


TEXT_BAD_ITEMS = [(None, "NoneType"), (7, "int"), (2.5, "float"), (["a"], "list"), (True, "bool"), ({"a": "b"}, "dict")]


@pytest.mark.parametrize("item, type_name", TEXT_BAD_ITEMS, ids=[name for _, name in TEXT_BAD_ITEMS])
@pytest.mark.parametrize("featurizer", sorted(TEXT_FEATURIZERS))
def test_text_transform_of_a_bad_item_raises_the_same_type_error_naming_its_index(
    node, library, featurizer, item, type_name
):
    config, where, _, good = TEXT_FEATURIZERS[featurizer]
    message = f"{where}: item 1 is {type_name}, expected str"
    assert_same_error(node, library, config, [good, item, good], ("TypeError", message))


LIST_BAD_ITEMS = {
    "Vocabulary": [
        (None, "NoneType"), ("hello", "str"), (7, "int"), (True, "bool"), ({"a": "b"}, "dict"),
        ([["hello"]], "list with list at index 0"),
    ],
    "PadSequences": [
        (None, "NoneType"), ("hello", "str"), (7, "int"), (True, "bool"), ({"a": 1}, "dict"),
        ([[2]], "list with list at index 0"),
    ],
}
LIST_BAD_ITEM_CASES = [
    (featurizer, item, description) for featurizer, cases in LIST_BAD_ITEMS.items() for item, description in cases
]


@pytest.mark.parametrize(
    "featurizer, item, description",
    LIST_BAD_ITEM_CASES,
    ids=[f"{featurizer}-{description}" for featurizer, _, description in LIST_BAD_ITEM_CASES],
)
def test_list_transform_of_a_bad_item_raises_the_same_type_error_naming_its_index(
    node, library, featurizer, item, description
):
    config, where, expected, good = LIST_FEATURIZERS[featurizer]
    message = f"{where}: item 1 is {description}, expected {expected}"
    assert_same_error(node, library, config, [good, item], ("TypeError", message))


INNER_BAD_ITEMS = {
    "Vocabulary": [
        (None, "NoneType"), (7, "int"), (2.5, "float"), (True, "bool"), (["b"], "list"), ({"b": 1}, "dict"),
    ],
    "PadSequences": [
        (None, "NoneType"), ("2", "str"), (2.5, "float"), (True, "bool"), (False, "bool"), ([2], "list"),
        ({"b": 1}, "dict"), (2**53, "int beyond 2**53"), (-(2**53), "int beyond 2**53"),
    ],
}
INNER_BAD_ITEM_CASES = [
    (featurizer, item, type_name) for featurizer, cases in INNER_BAD_ITEMS.items() for item, type_name in cases
]


@pytest.mark.parametrize(
    "featurizer, inner, type_name",
    INNER_BAD_ITEM_CASES,
    ids=[f"{featurizer}-{ascii(inner)}" for featurizer, inner, _ in INNER_BAD_ITEM_CASES],
)
def test_list_transform_of_a_bad_inner_item_names_the_item_and_inner_index(node, library, featurizer, inner, type_name):
    config, where, expected, good = LIST_FEATURIZERS[featurizer]
    value = good[0]
    message = f"{where}: item 2 is list with {type_name} at index 2, expected {expected}"
    assert_same_error(node, library, config, [good, good, [value, value, inner, value]], ("TypeError", message))


def test_pad_sequences_accepts_the_largest_safe_integers_in_both(node, library):
    sequences = [[2**53 - 1, -(2**53 - 1)]]
    output, _ = node.featurizer(library, PAD, sequences)
    assert output == from_config(PAD).transform(sequences) == [[2**53 - 1, -(2**53 - 1), 0]]


VOCABULARY_FIT_BAD_ITEMS = [
    ([["ok"], None], "item 1 is NoneType"),
    ([["ok"], "hello"], "item 1 is str"),
    ([["ok"], 7], "item 1 is int"),
    ([["ok"], True], "item 1 is bool"),
    ([["ok"], ["a", None]], "item 1 is list with NoneType at index 1"),
    ([["ok"], ["a", "b", 3]], "item 1 is list with int at index 2"),
    ([["ok"], [["a"]]], "item 1 is list with list at index 0"),
    ([["ok"], ["a", False]], "item 1 is list with bool at index 1"),
]


@pytest.mark.parametrize("batch, what", VOCABULARY_FIT_BAD_ITEMS, ids=[what for _, what in VOCABULARY_FIT_BAD_ITEMS])
def test_vocabulary_fit_on_a_bad_item_raises_the_same_type_error(node, library, batch, what):
    message = f"Vocabulary.fit: {what}, expected list of str"
    assert_same_error(node, library, {"type": "Vocabulary"}, [], ("TypeError", message), fit=batch)


def test_pipeline_fit_on_a_bad_item_raises_the_type_error_of_its_first_step(node, library):
    unfitted = Pipeline([EmailBody(), TextCleaner(), Tokenizer(), Vocabulary()]).get_config()
    message = "EmailBody.transform: item 1 is int, expected str"
    assert_same_error(node, library, unfitted, [], ("TypeError", message), fit=["hello", 3])


# --- values only one runtime has --------------------------------------------------------------------------


def test_bytes_item_is_named_bytes_in_python_and_a_uint8array_in_js(library):
    message = "TextCleaner.transform: item 0 is bytes, expected str"
    with pytest.raises(TypeError) as info:
        TextCleaner().transform([b"hello"])
    assert str(info.value) == message
    statement = 'featurizers.from_config({type: "TextCleaner"}).transform([new Uint8Array([104, 105])])'
    assert js_direct_error(library, statement) == ("TypeError", message)


def test_undefined_item_is_named_undefined_in_js(library):
    statement = 'featurizers.from_config({type: "PadSequences", length: 2}).transform([[1], [1, undefined]])'
    message = "PadSequences.transform: item 1 is list with undefined at index 1, expected list of int"
    assert js_direct_error(library, statement) == ("TypeError", message)


def test_undefined_batch_is_named_undefined_in_js(library):
    statement = 'featurizers.from_config({type: "Tokenizer"}).transform(undefined)'
    assert js_direct_error(library, statement) == ("TypeError", "Tokenizer.transform expects a list of str, got undefined")


def test_a_tuple_batch_is_a_list_in_python():
    assert Tokenizer().transform(("a b", "c")) == [["a", "b"], ["c"]]


# --- dicts with keys that mean something in JavaScript or to Transcrypt ----------------------------------
# Such objects arrive from any JSON input; they must be rejected as "dict" like every other dict.

KEYWORD_PARAMETER = {
    "EmailBody": "texts",
    "TextCleaner": "texts",
    "Tokenizer": "texts",
    "Pipeline": "data",
    "Vocabulary": "token_lists",
    "PadSequences": "sequences",
}


@pytest.mark.parametrize("featurizer", sorted(ALL_FEATURIZERS))
def test_a_dict_batch_shaped_like_transcrypt_keyword_arguments_is_rejected_as_dict(node, library, featurizer):
    config, where, expected, good = ALL_FEATURIZERS[featurizer]
    batch = {"__kwargtrans__": None, KEYWORD_PARAMETER[featurizer]: [good]}
    message = f"{where} expects a list of {expected}, got dict"
    assert_same_error(node, library, config, batch, ("TypeError", message))


def test_vocabulary_fit_on_a_dict_shaped_like_keyword_arguments_is_rejected_as_dict(node, library):
    batch = {"__kwargtrans__": None, "token_lists": [["a"]]}
    message = "Vocabulary.fit expects a list of list of str, got dict"
    assert_same_error(node, library, {"type": "Vocabulary"}, [], ("TypeError", message), fit=batch)


@pytest.mark.parametrize("featurizer", ["TextCleaner", "Vocabulary", "PadSequences"])
def test_a_dict_item_shaped_like_transcrypt_keyword_arguments_is_rejected_as_dict(node, library, featurizer):
    config, where, expected, good = ALL_FEATURIZERS[featurizer]
    if featurizer == "PadSequences":
        data, what = [[1, {"__kwargtrans__": None, "value": 3}]], "list with dict at index 1"
    else:
        data, what = [{"__kwargtrans__": None, "value": good}], "dict"
    message = f"{where}: item 0 is {what}, expected {expected}"
    assert_same_error(node, library, config, data, ("TypeError", message))


@pytest.mark.parametrize("where", ["batch", "item"])
def test_a_dict_with_a_has_own_property_key_is_rejected_as_dict(node, library, where):
    shadowing = {"hasOwnProperty": 1}
    if where == "batch":
        data, message = shadowing, "TextCleaner.transform expects a list of str, got dict"
    else:
        data, message = [shadowing], "TextCleaner.transform: item 0 is dict, expected str"
    assert_same_error(node, library, TextCleaner().get_config(), data, ("TypeError", message))


@pytest.mark.parametrize("where", ["batch", "item"])
def test_a_dict_with_a_class_key_is_named_dict(node, library, where):
    impostor = {"__class__": {"__name__": "str"}}
    if where == "batch":
        data, message = impostor, "Tokenizer.transform expects a list of str, got dict"
    else:
        data, message = [impostor], "Tokenizer.transform: item 0 is dict, expected str"
    assert_same_error(node, library, {"type": "Tokenizer"}, data, ("TypeError", message))


def test_a_config_with_a_has_own_property_key_loads_in_both(node, library):
    config = {"type": "TextCleaner", "lowercase": False, "hasOwnProperty": 1}
    output, _ = node.featurizer(library, config, ["Hello, World"])
    assert output == from_config(config).transform(["Hello, World"]) == ["Hello World"]


# --- not fitted ------------------------------------------------------------------------------------------

NOT_FITTED = (
    "NotFittedError",
    "Vocabulary is not fitted: call fit() first, or build it with from_config() from a fitted config",
)


def test_transform_on_an_unfitted_vocabulary_raises_the_same_not_fitted_error(node, library):
    assert_same_error(node, library, Vocabulary(max_tokens=10).get_config(), [["hello"]], NOT_FITTED)


def test_not_fitted_error_comes_before_checking_the_batch_in_both(node, library):
    assert_same_error(node, library, {"type": "Vocabulary"}, "not a batch", NOT_FITTED)


def test_a_vocabulary_config_with_only_some_state_is_not_fitted_in_both(node, library):
    config = {"type": "Vocabulary", "max_tokens": 10}
    assert_same_error(node, library, config, [["hello"]], NOT_FITTED)


def test_transform_on_a_pipeline_with_an_unfitted_vocabulary_raises_the_same_not_fitted_error(node, library):
    unfitted = Pipeline([TextCleaner(), Tokenizer(), Vocabulary(), PadSequences(length=4)]).get_config()
    assert_same_error(node, library, unfitted, ["hello world"], NOT_FITTED)


def test_python_not_fitted_error_is_a_value_error():
    from featurizers import NotFittedError

    assert issubclass(NotFittedError, ValueError)


# --- invalid configs and parameters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "type_name", ["Nope", "textcleaner", "Featurizer", "constructor", "__proto__", "toString", "hasOwnProperty", ""]
)
def test_from_config_with_an_unknown_type_raises_the_same_value_error_naming_it(node, library, type_name):
    message = f"Unknown featurizer type '{type_name}'"
    assert_same_error(node, library, {"type": type_name}, ["x"], ("ValueError", message))


@pytest.mark.parametrize(
    "config", [None, [], "TextCleaner", {}, {"typ": "TextCleaner"}, {"type": None}, {"type": 3}, {"type": ["Tokenizer"]}]
)
def test_from_config_without_a_type_tag_raises_the_same_value_error(node, library, config):
    message = "from_config: the config has no 'type' tag"
    assert_same_error(node, library, config, ["x"], ("ValueError", message))


def test_pipeline_config_without_steps_raises_the_same_value_error(node, library):
    assert_same_error(node, library, {"type": "Pipeline"}, ["x"], ("ValueError", "Pipeline config has no 'steps'"))


@pytest.mark.parametrize("steps", [None, "TextCleaner", {"type": "TextCleaner"}, 3])
def test_pipeline_config_with_steps_not_a_list_raises_the_same_value_error(node, library, steps):
    message = "Pipeline config: 'steps' must be a list of featurizer configs"
    assert_same_error(node, library, {"type": "Pipeline", "steps": steps}, ["x"], ("ValueError", message))


def test_pipeline_config_with_an_unknown_step_type_raises_the_same_value_error(node, library):
    config = {"type": "Pipeline", "steps": [{"type": "Tokenizer"}, {"type": "Stemmer"}]}
    assert_same_error(node, library, config, ["x"], ("ValueError", "Unknown featurizer type 'Stemmer'"))


def test_pipeline_config_with_a_step_without_type_raises_the_same_value_error(node, library):
    config = {"type": "Pipeline", "steps": [{"type": "Tokenizer"}, {"max_tokens": 3}]}
    assert_same_error(node, library, config, ["x"], ("ValueError", "from_config: the config has no 'type' tag"))


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "PadSequences: length must be a positive int, got None"),
        ({"length": 0}, "PadSequences: length must be a positive int, got 0"),
        ({"length": -3}, "PadSequences: length must be a positive int, got -3"),
        ({"length": 2.5}, "PadSequences: length must be a positive int, got 2.5"),
        ({"length": True}, "PadSequences: length must be a positive int, got True"),
        ({"length": 3, "padding": "middle"}, "PadSequences: padding must be 'pre' or 'post', got 'middle'"),
        ({"length": 3, "padding": None}, "PadSequences: padding must be 'pre' or 'post', got 'None'"),
        ({"length": 3, "truncating": "PRE"}, "PadSequences: truncating must be 'pre' or 'post', got 'PRE'"),
    ],
    ids=lambda value: ascii(value) if isinstance(value, dict) else "",
)
def test_pad_sequences_with_bad_params_raises_the_same_value_error(node, library, params, message):
    assert_same_error(node, library, {"type": "PadSequences", **params}, [[1]], ("ValueError", message))


def test_pad_sequences_checks_its_params_before_the_batch_in_both(node, library):
    message = "PadSequences: length must be a positive int, got None"
    assert_same_error(node, library, {"type": "PadSequences"}, None, ("ValueError", message))


@pytest.mark.parametrize("max_tokens", [1, 0, -1])
def test_vocabulary_fit_with_max_tokens_below_2_raises_the_same_value_error(node, library, max_tokens):
    message = f"Vocabulary: max_tokens must be at least 2 (padding and OOV), got {max_tokens}"
    config = {"type": "Vocabulary", "max_tokens": max_tokens}
    assert_same_error(node, library, config, [], ("ValueError", message), fit=[["a"]])


@pytest.mark.parametrize(
    "params, message",
    [
        ({"normalization_form": "nfc"}, "TextCleaner: normalization_form must be None, 'NFC', 'NFKC', 'NFD' or 'NFKD', got 'nfc'"),
        ({"normalization_form": 1}, "TextCleaner: normalization_form must be None, 'NFC', 'NFKC', 'NFD' or 'NFKD', got int"),
        ({"strip_accents": "latin"}, "TextCleaner: strip_accents must be None, 'unicode' or 'ascii', got 'latin'"),
        ({"strip_accents": True}, "TextCleaner: strip_accents must be None, 'unicode' or 'ascii', got bool"),
    ],
    ids=lambda value: ascii(value) if isinstance(value, dict) else "",
)
def test_text_cleaner_with_bad_params_raises_the_same_value_error_before_reading_the_batch(node, library, params, message):
    assert_same_error(node, library, {"type": "TextCleaner", **params}, None, ("ValueError", message))


# --- a Pipeline transforms in chunks; errors are those of step-by-step transforming ---------------


@pytest.mark.parametrize("bad_at", [0, 63, 64, 150, 199])
def test_a_bad_item_in_a_later_chunk_is_named_by_its_position_in_the_batch(node, library, bad_at):
    config = Pipeline([EmailBody(), TextCleaner(), Tokenizer()]).get_config()
    data = ["fine text"] * 200
    data[bad_at] = None
    expected = ("TypeError", f"EmailBody.transform: item {bad_at} is NoneType, expected str")
    assert_same_error(node, library, config, data, expected)


def test_an_error_in_a_later_step_of_an_early_chunk_gives_way_to_the_first_steps_error_later_on(node, library):
    # Step by step, EmailBody sees item 150 before PadSequences sees anything: that error wins,
    # although chunk 0 reaches PadSequences (and its bad length) first.
    pipeline = {"type": "Pipeline", "steps": [{"type": "TextCleaner"}, {"type": "PadSequences", "length": 0}]}
    data = ["fine text"] * 200
    data[150] = 7
    assert_same_error(node, library, pipeline, data, ("TypeError", "TextCleaner.transform: item 150 is int, expected str"))
