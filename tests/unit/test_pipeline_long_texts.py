"""Specification of long texts in a Pipeline: sent through in parts, with the result of sending them whole.

A str longer than ``compose.LONG_ITEM`` goes through on its own: TextCleaner gives its cleaning in
parts of about ``text.PIECE_CHARS`` characters, Tokenizer and Vocabulary take one part at a time,
PadSequences keeps only the ids it would keep. The tests shrink both sizes so that short texts
take the same path, and compare with the same pipeline when nothing is long.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featurizers import (
    EmailBody,
    NotFittedError,
    PadSequences,
    Pipeline,
    TextCleaner,
    TfIdf,
    Tokenizer,
    Vocabulary,
)
from featurizers.testing.adversarial import CUT_NEIGHBOURS, long_text_of_cut_neighbours
from featurizers import compose, mail, text

NOTHING_IS_LONG = 10**9


def in_parts(monkeypatch, piece_chars=8, long_item=20):
    monkeypatch.setattr(mail, "PART_CHARS", 3 * piece_chars)
    monkeypatch.setattr(text, "PIECE_CHARS", piece_chars)
    monkeypatch.setattr(compose, "LONG_ITEM", long_item)


def whole(monkeypatch):
    in_parts(monkeypatch, NOTHING_IS_LONG, NOTHING_IS_LONG)


CORPUS = [long_text_of_cut_neighbours(400, seed) for seed in range(20)]


def flagship(truncating="post", length=12):
    steps = [EmailBody(), TextCleaner(), Tokenizer(), Vocabulary(max_tokens=30), PadSequences(length, truncating=truncating)]
    return Pipeline(steps).fit(CORPUS)


@pytest.mark.parametrize("truncating", ["pre", "post"])
def test_the_flagship_pipeline_gives_the_ids_of_a_long_text_as_it_gives_them_whole(monkeypatch, truncating):
    pipeline = flagship(truncating)
    texts = ["Subject: long\n\n" + long_text_of_cut_neighbours(3000, 1), "short", long_text_of_cut_neighbours(3000, 2)]
    whole(monkeypatch)
    expected = pipeline.transform(texts)
    in_parts(monkeypatch)
    assert pipeline.transform(texts) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    head=st.sampled_from(["", "Subject: s\n\n", "To: x\r\nSubject: a\r\n b<c\r\n\r\n", "Subject: x\n\nnospace"]),
    units=st.lists(st.sampled_from(CUT_NEIGHBOURS), max_size=120),
    truncating=st.sampled_from(["pre", "post"]),
)
def test_any_text_gives_the_same_ids_in_parts_and_whole(monkeypatch, head, units, truncating):
    pipeline = flagship(truncating, length=5)
    texts = [head + "".join(units)]
    whole(monkeypatch)
    expected = pipeline.transform(texts)
    in_parts(monkeypatch, piece_chars=3, long_item=0)
    assert pipeline.transform(texts) == expected


@pytest.mark.parametrize(
    "steps",
    [
        [TextCleaner(), Tokenizer()],  # ends with the tokens: joined
        [TextCleaner(), Tokenizer(), Vocabulary(max_tokens=30)],  # ends with the ids: joined
        [TextCleaner(collapse_whitespace=False), Tokenizer()],
        [TextCleaner(), Tokenizer(ngram_range=[1, 2])],  # n-grams reach over parts: given the text whole
        [TextCleaner(), Tokenizer(analyzer="char_wb", ngram_range=[2, 3])],
        [TextCleaner(), Tokenizer(token_pattern="[a-z]+")],  # holds no space: part by part
        [TextCleaner(), Tokenizer(token_pattern="[a-z ]{1,3}")],  # may hold a space: whole
        [TextCleaner(), Tokenizer(ngram_range=[1, 2]), Vocabulary(max_tokens=30), TfIdf()],
        [TextCleaner(rules=[["b c", "X"]]), Tokenizer()],  # a rule that matches a space: cleaned whole
        [TextCleaner()],
    ],
    ids=lambda steps: "+".join(type(step).__name__ for step in steps),
)
def test_every_kind_of_pipeline_gives_a_long_text_the_output_it_gives_it_whole(monkeypatch, steps):
    pipeline = Pipeline(steps).fit(CORPUS)
    texts = [long_text_of_cut_neighbours(2000, 3), "ab cd", long_text_of_cut_neighbours(2000, 4)]
    whole(monkeypatch)
    expected = pipeline.transform(texts)
    in_parts(monkeypatch)
    assert pipeline.transform(texts) == expected


def test_the_tokenizer_and_vocabulary_see_a_long_text_one_part_at_a_time(monkeypatch):
    seen = []

    class Recorder(Vocabulary):
        def transform(self, token_lists, check_input=True):
            seen.append(sum(len(tokens) for tokens in token_lists))
            return super().transform(token_lists, check_input)

    pipeline = Pipeline([TextCleaner(), Tokenizer(), Recorder(max_tokens=30), PadSequences(4)]).fit(CORPUS)
    seen.clear()
    in_parts(monkeypatch, piece_chars=100, long_item=1000)
    assert pipeline.transform(["word " * 2000]) == [[1, 1, 1, 1]]  # "word" is not in the corpus: id 1
    assert len(seen) > 50  # about 10,000 characters in parts of about 100
    assert max(seen) <= 21 and sum(seen) == 2000


def test_a_long_text_gets_the_error_it_gets_whole(monkeypatch):
    in_parts(monkeypatch)
    long_text = long_text_of_cut_neighbours(500, 5)
    with pytest.raises(NotFittedError, match="^Vocabulary is not fitted"):
        Pipeline([TextCleaner(), Tokenizer(), Vocabulary(), PadSequences(4)]).transform([long_text])
    fitted = Pipeline([TextCleaner(), Tokenizer(), Vocabulary(max_tokens=30).fit([["a"]]), PadSequences(0)])
    with pytest.raises(ValueError, match="^PadSequences: length must be a positive int, got 0$"):
        fitted.transform([long_text])
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 1 is str with a lone surrogate, expected str$"):
        Pipeline([TextCleaner(), Tokenizer()]).transform(["ok", long_text + "\ud800"])


def test_a_long_message_reaches_the_cleaner_in_the_parts_email_body_gave_it(monkeypatch):
    given_parts = []

    class Recorder(TextCleaner):
        def _pieces(self, check_input, emit):
            take = super()._pieces(check_input, emit)

            def record(part):
                given_parts.append(part)
                take(part)

            return record

    pipeline = Pipeline([EmailBody(), Recorder(), Tokenizer()])
    in_parts(monkeypatch)
    message = "Subject: long\n\n" + "word " * 100
    assert pipeline.transform([message]) == [["long"] + ["word"] * 100]
    assert given_parts == [" long\n" + "word " * 5] + ["word " * 5] * 19 + [None]  # PART_CHARS is 24 here


def test_a_long_mime_message_gives_the_ids_it_gives_whole(monkeypatch):
    import base64

    long_body = long_text_of_cut_neighbours(3000, 6)
    encoded = base64.encodebytes(long_body.encode("utf-8")).decode("ascii")
    message = (
        "Subject: =?utf-8?q?long_m=C3=A9ssage?=\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
        f"--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n"
        f"--b\r\nContent-Type: text/html\r\n\r\n<P>{long_body}</P>\r\n--b--\r\n"
    )
    pipeline = flagship(length=3000)  # every id of the message
    whole(monkeypatch)
    expected = pipeline.transform([message, "short"])
    assert sum(1 for i in expected[0] if i != 0) > 500
    in_parts(monkeypatch)
    assert pipeline.transform([message, "short"]) == expected
