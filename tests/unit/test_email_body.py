"""Specification of EmailBody: a raw e-mail -> its Subject value, a newline, then its body.

The Subject value is everything after "Subject:" as written, leading space included, so
"Subject: Hi" gives " Hi". A text whose first line does not open a header block passes unchanged.
"""

import pytest
from harness import email_parts
from hypothesis import given
from hypothesis import strategies as st

from featurizers import EmailBody


def body(text):
    return EmailBody().transform([text])[0]


# --- headers ----------------------------------------------------------------------------------


def test_headers_other_than_subject_are_dropped():
    message = "From: alice@example.com\nTo: bob@example.com\nSubject: Lunch\nDate: Mon, 1 Jan 2024\n\nSee you at noon."
    assert body(message) == " Lunch\nSee you at noon."


def test_subject_value_is_kept_as_written_after_the_colon():
    assert body("Subject:Lunch at 12?\n\nbody") == "Lunch at 12?\nbody"


def test_subject_header_name_is_matched_case_insensitively():
    assert body("SUBJECT: Loud\n\nbody") == " Loud\nbody"
    assert body("subject: quiet\n\nbody") == " quiet\nbody"


def test_first_subject_header_wins():
    assert body("Subject: first\nSubject: second\n\nbody") == " first\nbody"


def test_any_field_name_of_printable_ascii_opens_a_header_block():
    assert body("X-Spam-Status: No, score=-2.6\nSubject: s\n\nbody") == " s\nbody"


def test_headers_end_at_the_first_empty_line():
    assert body("Subject: s\n\nTo: not a header any more\n\nbody") == " s\nTo: not a header any more\n\nbody"


def test_a_subject_line_in_the_body_is_body_text():
    assert body("From: a@b.c\n\nSubject: quoted") == "\nSubject: quoted"


# --- folded Subject -----------------------------------------------------------------------------


def test_folded_subject_continuation_lines_are_joined_by_a_space():
    message = "Subject: a subject\n  folded over\n\tthree lines\nFrom: a@b.c\n\nbody"
    # Each continuation line keeps its own leading whitespace.
    assert body(message) == " a subject   folded over \tthree lines\nbody"


def test_subject_continuation_stops_at_the_next_header():
    assert body("Subject: one\nTo: x\n  folded To\n\nbody") == " one\nbody"


def test_a_line_of_spaces_is_a_continuation_not_the_end_of_the_headers():
    assert body("Subject: s\n \nTo: x\n\nbody") == " s  \nbody"


def test_a_line_that_is_not_a_header_ends_the_headers_and_starts_the_body():
    # As CPython's email parser reads it (a missing empty line).
    assert body("Subject: s\nTo: x\nbody text\nmore") == " s\nbody text\nmore"


# --- line ends and the first line ---------------------------------------------------------------


def test_crlf_line_ends_are_read_as_newlines():
    message = "Subject: Hi\r\nFrom: a@b.c\r\n\r\nline one\r\nline two\r\n"
    assert body(message) == " Hi\nline one\nline two\n"


def test_folded_subject_with_crlf_line_ends_is_joined():
    assert body("Subject: a\r\n b\r\n\r\nbody") == " a  b\nbody"


def test_a_lone_carriage_return_is_kept():
    assert body("Subject: s\n\none\rtwo") == " s\none\rtwo"


def test_mbox_from_line_opens_the_header_block():
    message = "From alice@example.com Mon Jan  1 00:00:00 2024\nSubject: Hi\nTo: bob@example.com\n\nBody"
    assert body(message) == " Hi\nBody"


def test_mbox_from_line_needs_its_space():
    assert body("Fromage is tasty\n\nreally") == "Fromage is tasty\n\nreally"


# --- texts without headers ----------------------------------------------------------------------


def test_text_without_headers_is_returned_unchanged():
    # "Hi Tom" has a space before the colon, so it is not an RFC 5322 field name.
    assert body("Hi Tom: lunch?") == "Hi Tom: lunch?"


def test_multi_line_text_without_headers_is_returned_unchanged_with_its_line_ends():
    assert body("Dear friend,\r\n\r\nSubject: none\r\n") == "Dear friend,\n\nSubject: none\n"


def test_headers_after_the_first_line_do_not_count():
    assert body("hello\nSubject: s\n\nbody") == "hello\nSubject: s\n\nbody"


def test_a_first_line_starting_with_a_colon_is_not_a_header():
    assert body(":colon first\n\nbody") == ":colon first\n\nbody"


def test_empty_text_stays_empty():
    assert body("") == ""


# --- missing parts ------------------------------------------------------------------------------


def test_no_empty_line_means_the_whole_text_is_headers():
    assert body("Subject: only headers\nFrom: a@b.c") == " only headers\n"


@pytest.mark.parametrize(
    "text",
    ["Reminder: call Sam at 5", "K:)where are you?", "URGENT!: Your number has won", "Note: lunch\nat noon", "From here on, no"],
)
def test_a_short_message_whose_first_line_looks_like_one_header_is_plain_text(text):
    # One field, no empty line after it: no e-mail is that (RFC 5322 asks for a Date and a From).
    assert body(text) == text


def test_one_field_then_an_empty_line_is_a_message():
    assert body("Subject: Lunch?\n\nSee you") == " Lunch?\nSee you"


def test_no_subject_gives_an_empty_subject_line():
    assert body("From: a@b.c\nTo: d@e.f\n\nJust the body") == "\nJust the body"


def test_empty_body_after_the_headers_gives_the_subject_and_a_newline():
    assert body("Subject: s\n\n") == " s\n"


def test_body_keeps_its_blank_lines_and_trailing_newline():
    message = "Subject: s\n\nfirst paragraph\n\n\nsecond paragraph\n\n"
    assert body(message) == " s\nfirst paragraph\n\n\nsecond paragraph\n\n"


# --- batches and configuration ------------------------------------------------------------------


def test_transform_maps_each_message_of_the_batch_in_order():
    assert EmailBody().transform(["Subject: a\n\n1", "plain", "To: x\n\n2"]) == [" a\n1", "plain", "\n2"]


def test_transform_of_an_empty_batch_is_empty():
    assert EmailBody().transform([]) == []


def test_email_body_is_stateless():
    email_body = EmailBody()
    assert email_body.fit(["Subject: a\n\nb"]) is email_body
    assert email_body.is_fitted() is True
    assert email_body.get_config() == {"type": "EmailBody"}


# --- long messages: in parts, for a Pipeline ----------------------------------------------------


def test_a_long_message_goes_out_as_its_subject_then_its_body_in_parts_with_their_own_line_ends():
    message = "From: a\r\nSubject: hi\r\n\r\nfirst words\r\nof the body\r\n"
    assert email_parts(message, part_chars=4) == [" hi\nfirst ", "words\nof ", "the body\n"]


@pytest.mark.parametrize("message", ["Subject: hi\n\nnospace\n", "Subject: no body\nTo: x", "Subject: x\r\n\r\n", "plain\r\ntext"])
def test_a_body_without_a_space_and_a_message_without_a_body_go_out_whole(message):
    assert email_parts(message, part_chars=1) == EmailBody().transform([message])


@given(
    head=st.sampled_from(["", "Subject: s\n\n", "X: 1\r\nSubject: a\r\n b\r\n\r\n", "S: \r\r\n\n", "From x\n\r\n", "To: y"]),
    body=st.text(st.sampled_from(" \n\r\tab<>:"), max_size=30),
    part_chars=st.integers(1, 8),
)
def test_the_parts_concatenate_to_the_transform_each_cut_right_after_a_space(head, body, part_chars):
    parts = email_parts(head + body, part_chars)
    assert "".join(parts) == EmailBody().transform([head + body])[0]
    assert all(part.endswith(" ") for part in parts[:-1])


# --- bad input ---------------------------------------------------------------------------------


def test_non_list_batch_raises_type_error_naming_what_it_got():
    with pytest.raises(TypeError, match=r"^EmailBody\.transform expects a list of str, got str$"):
        EmailBody().transform("Subject: a\n\nb")


def test_none_batch_raises_type_error():
    with pytest.raises(TypeError, match=r"^EmailBody\.transform expects a list of str, got NoneType$"):
        EmailBody().transform(None)


def test_non_str_item_raises_type_error_naming_its_position():
    with pytest.raises(TypeError, match=r"^EmailBody\.transform: item 2 is NoneType, expected str$"):
        EmailBody().transform(["a", "b", None])


@pytest.mark.parametrize(
    "item, name",
    [(42, "int"), (4.5, "float"), (True, "bool"), (["a"], "list"), ({"a": 1}, "dict"), (b"Subject: x", "bytes")],
)
def test_non_str_item_raises_type_error_naming_its_type(item, name):
    with pytest.raises(TypeError, match=rf"^EmailBody\.transform: item 0 is {name}, expected str$"):
        EmailBody().transform([item])
