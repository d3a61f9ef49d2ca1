"""Specification of TextCleaner: raw text -> lowercased words separated by single spaces."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featurizers import TextCleaner, from_config
from featurizers import text as text_module
from featurizers.compiler.check.configs import UnportableConfig
from featurizers.testing.adversarial import CUT_NEIGHBOURS
from featurizers.text import (
    EMAIL_PATTERN,
    HTML_TAG_PATTERN,
    NON_ASCII_PATTERN,
    NUMBER_PATTERN,
    PUNCTUATION_PATTERN,
    URL_PATTERN,
    _cut_safe,
)


def clean(text, **params):
    return TextCleaner(**params).transform([text])[0]


# --- lowercasing ----------------------------------------------------------------------------


def test_text_is_lowercased():
    assert clean("Hello WORLD") == "hello world"


def test_lowercasing_follows_python_str_lower_beyond_ascii():
    assert clean("ÀÉÎ ΣΟΦΙΑ") == "àéî σοφια"


# --- placeholders -----------------------------------------------------------------------------


def test_http_url_becomes_url_placeholder():
    assert clean("Visit http://x.com/a?b=1 NOW") == "visit URL now"


def test_https_url_becomes_url_placeholder():
    assert clean("see https://example.org/path#frag") == "see URL"


def test_www_address_becomes_url_placeholder():
    assert clean("see www.example.org today") == "see URL today"


def test_url_stops_at_parenthesis_and_quotes():
    assert clean('link (https://a.b/c) and "www.d.e"') == "link URL and URL"


def test_email_address_becomes_email_placeholder():
    assert clean("Mail Bob.Smith@Example.COM today") == "mail EMAIL today"


def test_email_with_digits_is_one_email_placeholder():
    assert clean("user42@mail2.example.com") == "EMAIL"


def test_runs_of_digits_become_num_placeholder():
    assert clean("Order 66 and 1999") == "order NUM and NUM"


def test_digits_inside_a_word_split_it_around_num():
    assert clean("abc123def") == "abc NUM def"


def test_decimal_number_becomes_two_num_placeholders():
    assert clean("pi is 3.14") == "pi is NUM NUM"


def test_placeholder_cleaning_keeps_exact_spacing_before_collapse():
    assert clean("x 7 y", collapse_whitespace=False) == "x  NUM  y"


# --- HTML ------------------------------------------------------------------------------------


def test_html_tags_are_stripped():
    assert clean("<p>Hello <b>World</b></p>") == "hello world"


def test_self_closing_tag_with_attributes_is_stripped():
    assert clean('a<br class="x"/>b') == "a b"


def test_html_comment_and_doctype_are_stripped():
    assert clean("<!DOCTYPE html><!-- note -->text") == "text"


def test_angle_brackets_around_a_url_keep_the_url_placeholder():
    assert clean("<http://x.com>") == "URL"


def test_angle_brackets_around_words_with_spaces_keep_the_words():
    assert clean("a < URL > b") == "a url b"


def test_less_than_comparison_is_not_a_tag():
    assert clean("1 < 2 and 3 > 2") == "NUM NUM and NUM NUM"


# --- punctuation -----------------------------------------------------------------------------


def test_ascii_punctuation_becomes_spaces():
    assert clean("Hello, world! (yes) it's a-b_c") == "hello world yes it s a b c"


def test_latin1_punctuation_and_symbols_become_spaces():
    assert clean("¿qué? «dicho» ©2020 5×3 ½") == "qué dicho NUM NUM NUM ½"


def test_general_punctuation_becomes_spaces():
    assert clean("a\u2014b\u2026c \u201cq\u201d \u2022 d\u2030") == "a b c q d"


# --- whitespace --------------------------------------------------------------------------------


def test_runs_of_spaces_collapse_to_one_space():
    assert clean("a   b") == "a b"


def test_leading_and_trailing_whitespace_is_removed():
    assert clean("   padded   ") == "padded"


def test_tabs_and_newlines_become_single_spaces():
    assert clean("a\t\tb\r\nc\x0bd\x0ce") == "a b c d e"


@pytest.mark.parametrize(
    "separator",
    ["\xa0", "\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\u1680", "\u2003", "\u202f", "\u3000"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_unicode_whitespace_becomes_a_single_space(separator):
    assert clean(f"{separator}a{separator}{separator}b{separator}") == "a b"


def test_text_of_only_whitespace_and_punctuation_becomes_empty():
    assert clean(" \t!?\u3000...\n") == ""


def test_empty_text_stays_empty():
    assert clean("") == ""


# --- invisible and control characters ---------------------------------------------------------


def test_byte_order_mark_is_removed():
    assert clean("\ufeffhello") == "hello"


def test_byte_order_mark_inside_text_separates_words():
    assert clean("ab\ufeffcd") == "ab cd"


def test_control_characters_become_separators():
    assert clean("ab\x07c\x00d\x1be\x7f") == "ab c d e"


def test_c1_control_characters_other_than_nel_become_separators():
    assert clean("a\x80b\x9fc") == "a b c"


# --- characters that must survive --------------------------------------------------------------


def test_emoji_is_preserved():
    assert clean("I ❤️ pizza 🍕") == "i ❤️ pizza 🍕"


def test_zwj_emoji_sequence_is_preserved():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert clean(f"Family {family}!") == f"family {family}"


def test_combining_marks_are_preserved():
    assert clean("Cafe\u0301 Nai\u0308ve") == "cafe\u0301 nai\u0308ve"


def test_zero_width_space_is_not_whitespace():
    assert clean("a\u200bb") == "a\u200bb"


# --- custom rules ---------------------------------------------------------------------------------


def test_custom_rules_replace_the_default_rules():
    assert clean("cat 42 http://x.com", rules=[["cat", "dog"]]) == "dog 42 http x com"


def test_empty_rules_disable_placeholders():
    assert clean("Call 555 now", rules=[]) == "call 555 now"


def test_custom_rules_apply_in_order():
    assert clean("cat dog", rules=[["cat", "dog"], ["dog", "bird"]]) == "bird bird"


def test_custom_rules_apply_after_lowercasing():
    assert clean("ABC abc", rules=[["abc", "x"]]) == "x x"


@pytest.mark.parametrize("replacement", ["\\1", "$1", "$&", "\\g<0>", "\\n"])
def test_rule_replacement_is_inserted_literally(replacement):
    assert clean("cat", rules=[["(c)at", replacement]], strip_punctuation=False) == replacement


def test_custom_rules_may_be_tuples():
    assert clean("ab", rules=[("a", "z"), ("b", "y")]) == "zy"


# --- flags ----------------------------------------------------------------------------------------


def test_lowercase_off_keeps_case():
    assert clean("Hello World", lowercase=False) == "Hello World"


def test_strip_html_off_turns_tag_brackets_into_spaces_only():
    assert clean("<b>Hi</b>", strip_html=False) == "b hi b"


def test_strip_html_and_punctuation_off_keeps_tags():
    assert clean("<b>Hi</b>", strip_html=False, strip_punctuation=False) == "<b>hi</b>"


def test_strip_punctuation_off_keeps_punctuation():
    assert clean("Hello, world!", strip_punctuation=False) == "hello, world!"


def test_collapse_whitespace_off_keeps_whitespace_as_is():
    assert clean(" a  b\t", collapse_whitespace=False) == " a  b\t"


def test_collapse_whitespace_off_keeps_spaces_left_by_punctuation():
    assert clean("Hi!", collapse_whitespace=False) == "hi "


def test_all_flags_off_with_no_rules_is_identity():
    text = " <B>Hi</B>,\t42 \ufeff "
    params = dict(lowercase=False, rules=[], strip_html=False, strip_punctuation=False, collapse_whitespace=False)
    assert clean(text, **params) == text


# --- batches ----------------------------------------------------------------------------------------


def test_transform_maps_each_text_of_the_batch():
    assert TextCleaner().transform(["A!", "b  C", ""]) == ["a", "b c", ""]


def test_transform_of_empty_batch_is_empty():
    assert TextCleaner().transform([]) == []


def test_fit_returns_the_cleaner_itself():
    cleaner = TextCleaner()
    assert cleaner.fit(["Anything"]) is cleaner


def test_fit_transform_equals_transform():
    assert TextCleaner().fit_transform(["Hi, 1 <b>x</b>"]) == ["hi NUM x"]


def test_one_megabyte_message_is_cleaned_completely():
    text = "Hello World " * 87382  # 1,048,584 characters
    result = clean(text)
    assert len(result) == len(text) - 1
    assert result.startswith("hello world hello world")
    assert result.endswith("hello world")


def test_one_megabyte_of_digits_is_one_num_placeholder():
    assert clean("7" * (1 << 20)) == "NUM"


# --- long texts: cleaned in pieces, with the same result ----------------------------------------

PIECE_PARAMS = [
    {},
    {"strip_html": False},
    {"collapse_whitespace": False},
    {"strip_punctuation": False, "collapse_whitespace": False},
    {"lowercase": False, "normalization_form": "NFKC"},
    {"normalization_form": "NFD", "strip_accents": "unicode"},
    {"strip_accents": "ascii"},
    {"rules": [["[0-9]+", "<$&>"], ["x", ">"]]},  # replacements that open and close tags
    {"rules": [["b c", "BC"]]},  # a rule that matches a space: cleaned whole
    # Lookaheads (lookbehinds are refused, TS702: a syntax error in Safari before 16.4).
    {"rules": [["[0-9]+(?![a-z])", "N"], ["a(?=[^ ])", "A"], ["x(?![a-z])", "X"]]},
]


def clean_in_pieces(monkeypatch, text, piece_chars, **params):
    monkeypatch.setattr(text_module, "PIECE_CHARS", piece_chars)
    return clean(text, **params)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    units=st.lists(st.sampled_from(CUT_NEIGHBOURS), max_size=80),
    piece_chars=st.integers(1, 12),
    params=st.sampled_from(PIECE_PARAMS),
)
def test_a_text_cleaned_in_pieces_is_cleaned_as_a_whole(monkeypatch, units, piece_chars, params):
    text = "".join(units)
    whole = clean_in_pieces(monkeypatch, text, 10**9, **params)
    assert clean_in_pieces(monkeypatch, text, piece_chars, **params) == whole


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    units=st.lists(st.sampled_from(CUT_NEIGHBOURS), min_size=1, max_size=60),
    cuts=st.lists(st.integers(0, 10**6), max_size=4),
    piece_chars=st.integers(1, 12),
    params=st.sampled_from(PIECE_PARAMS),
)
def test_a_text_given_in_parts_cut_anywhere_is_cleaned_as_a_whole(monkeypatch, units, cuts, piece_chars, params):
    text = "".join(units)
    whole = clean_in_pieces(monkeypatch, text, 10**9, **params)
    bounds = sorted({0, len(text)} | {cut % (len(text) + 1) for cut in cuts})
    parts = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    monkeypatch.setattr(text_module, "PIECE_CHARS", piece_chars)
    given_out = []
    take = TextCleaner(**params)._pieces(True, given_out.append)
    if take is None:
        assert params == {"rules": [["b c", "BC"]]}  # a rule that matches a space
    else:
        for part in parts + [None]:
            take(part)
        assert "".join(given_out) == whole


def test_a_tag_left_open_at_every_cut_holds_back_only_what_follows_the_space_before_it(monkeypatch):
    # Each piece ends right after the space inside "<b c>": "c> a <b ". The text before the
    # last "<" goes out at once; only "<b " waits for the next piece.
    text = "xx " + "a <b c> " * 2000
    cleaner = TextCleaner()
    finished = []
    finish = cleaner._finish
    monkeypatch.setattr(cleaner, "_finish", lambda part, steps: finished.append(len(part)) or finish(part, steps))
    monkeypatch.setattr(text_module, "PIECE_CHARS", 15)
    assert cleaner.transform([text]) == ["xx" + " a" * 2000]
    assert len(finished) > 900 and max(finished) <= 2 * 15 + 8


def test_a_tag_that_holds_the_cut_is_stripped_whole(monkeypatch):
    text = "before <a href='x'" + " y" * 50 + ">" + " after" * 3
    assert clean_in_pieces(monkeypatch, text, 5, strip_punctuation=False) == "before after after after"


def test_a_rule_that_matches_a_space_sees_the_whole_text(monkeypatch):
    text = "ab cd " * 10
    assert clean_in_pieces(monkeypatch, text, 2, rules=[["b c", "X"]]) == "aXd " * 9 + "aXd"


def test_a_less_than_sign_that_opens_no_tag_does_not_hold_the_rest_back(monkeypatch):
    text = "1 < 2 and " * 1000 + "<b>bold</b> end"
    expected = "NUM NUM and " * 1000 + "bold end"
    assert clean_in_pieces(monkeypatch, text, 7) == expected


@pytest.mark.parametrize(
    "pattern",
    [URL_PATTERN, EMAIL_PATTERN, NUMBER_PATTERN, NON_ASCII_PATTERN, PUNCTUATION_PATTERN, "\\.", "a{1,3}", "[^ -~]"],
)
def test_patterns_that_cannot_match_a_space_allow_cuts(pattern):
    assert _cut_safe(pattern)


@pytest.mark.parametrize(
    "pattern",
    [HTML_TAG_PATTERN, "a b", "\\x20", "\\u0020", "[ ]", "[^a]", "^a", "x*", "(?!x)", "(a)\\1"],
)
def test_patterns_that_may_match_a_space_or_depend_on_the_ends_do_not(pattern):
    assert not _cut_safe(pattern)


@pytest.mark.parametrize("pattern", ["\\ba", "a\\B", "\\N{DIGIT ONE}", "\\U0001F600"])
def test_patterns_outside_the_portable_subset_are_refused_before_they_are_judged(pattern):
    with pytest.raises(UnportableConfig, match="this pattern runs otherwise in JavaScript"):
        _cut_safe(pattern)
    with pytest.raises(UnportableConfig):
        clean("a b", rules=[[pattern, "x"]])


# --- bad input ----------------------------------------------------------------------------------------


def test_a_string_instead_of_a_list_raises_type_error():
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform expects a list of str, got str$"):
        TextCleaner().transform("abc")


def test_a_non_string_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 0 is int, expected str$"):
        TextCleaner().transform([1])


def test_a_none_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 1 is NoneType, expected str$"):
        TextCleaner().transform(["a", None])


def test_a_bytes_item_raises_type_error():
    with pytest.raises(TypeError, match=r"item 0 is bytes"):
        TextCleaner().transform([b"abc"])


def test_changed_parameters_apply_to_the_next_transform():
    cleaner = TextCleaner()
    assert cleaner.transform(["<b>x</b>"]) == ["x"]
    cleaner.strip_html = False
    cleaner.strip_punctuation = False
    assert cleaner.transform(["<b>x</b>"]) == ["<b>x</b>"]


# --- Unicode normalization and accents ------------------------------------------------------------


def test_normalization_form_nfkc_folds_compatibility_characters():
    cleaner = TextCleaner(normalization_form="NFKC", rules=[])
    assert cleaner.transform(["ﬁne Ⅻ ｆｕｌｌ ①"]) == ["fine xii full 1"]


def test_normalization_form_nfc_composes_and_nfd_decomposes():
    only = {"lowercase": False, "rules": [], "strip_html": False, "strip_punctuation": False, "collapse_whitespace": False}
    assert TextCleaner(normalization_form="NFC", **only).transform(["cafe\u0301"]) == ["caf\u00e9"]
    assert TextCleaner(normalization_form="NFD", **only).transform(["caf\u00e9"]) == ["cafe\u0301"]


def test_normalization_is_off_by_default():
    assert TextCleaner(rules=[]).transform(["ﬁne cafe\u0301"]) == ["ﬁne cafe\u0301"]


def test_strip_accents_unicode_removes_combining_marks_after_nfkd():
    assert TextCleaner(strip_accents="unicode").transform(["Crème Brûlée, Ångström, ﬁnal, straße"]) == [
        "creme brulee angstrom final straße"
    ]


def test_strip_accents_ascii_also_drops_letters_without_a_decomposition():
    assert TextCleaner(strip_accents="ascii").transform(["Crème straße Ωmega 😀 ok"]) == ["creme strae mega ok"]


def test_strip_accents_runs_after_lowercasing_and_before_the_rules():
    # "Ⅻ" lowercases to "ⅻ", whose NFKD is "xii"; the digit "①" becomes "1" and then NUM.
    assert TextCleaner(strip_accents="unicode").transform(["Ⅻ ①"]) == ["xii NUM"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"normalization_form": "nfkc"}, "normalization_form must be None, 'NFC', 'NFKC', 'NFD' or 'NFKD', got 'nfkc'"),
        ({"strip_accents": "yes"}, "strip_accents must be None, 'unicode' or 'ascii', got 'yes'"),
        ({"strip_accents": 1}, "strip_accents must be None, 'unicode' or 'ascii', got int"),
    ],
)
def test_invalid_unicode_parameters_raise_value_error_naming_the_value(params, message):
    with pytest.raises(ValueError, match="^TextCleaner: " + re.escape(message) + "$"):
        TextCleaner(**params).transform(["x"])


def test_config_round_trip_keeps_the_unicode_parameters():
    cleaner = TextCleaner(normalization_form="NFKC", strip_accents="ascii")
    config = json.loads(json.dumps(cleaner.get_config()))
    assert config["normalization_form"] == "NFKC" and config["strip_accents"] == "ascii"
    rebuilt = from_config(config)
    assert rebuilt.get_config() == cleaner.get_config()
    assert rebuilt.transform(["Ⅻ Crème"]) == cleaner.transform(["Ⅻ Crème"]) == ["xii creme"]


def test_a_config_without_the_unicode_parameters_uses_their_defaults():
    config = TextCleaner().get_config()
    del config["normalization_form"], config["strip_accents"]
    assert from_config(config).get_config() == TextCleaner().get_config()
