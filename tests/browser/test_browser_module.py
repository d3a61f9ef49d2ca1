"""js_dist/pipeline.browser.js in real Chromium: the host is left alone, and the features and
predictions are Python's."""

import base64
import quopri
import sqlite3

import numpy as np
import pytest

from featurizers import EmailBody, load_pipeline
from featurizers.testing.adversarial import ADVERSARIAL
from featurizers.training import models

HOST_PROBE = """async () => {
  const builtins = { Object, Array, String, Number, Boolean, Function, RegExp, Map, Set, Error, Promise, Uint8Array };
  const snapshot = () => Object.fromEntries(Object.entries(builtins).map(([name, ctor]) => [name,
    Object.fromEntries(Reflect.ownKeys(ctor.prototype).filter((k) => typeof k === 'string')
      .map((k) => [k, Object.getOwnPropertyDescriptor(ctor.prototype, k).enumerable])) ]));
  const forIn = (value) => { const keys = []; for (const k in value) keys.push(k); return keys; };
  const globalsBefore = new Set(Reflect.ownKeys(window).map(String));
  const before = snapshot();
  const p = await import('/pipeline.browser.js');
  p.transform(['Hello World']);
  const after = snapshot();
  const newEnumerable = [];
  for (const [name, keys] of Object.entries(after)) {
    for (const [key, enumerable] of Object.entries(keys)) {
      if (enumerable && !(key in before[name])) newEnumerable.push(`${name}.prototype.${key}`);
    }
  }
  return {
    newEnumerable,
    newGlobals: Reflect.ownKeys(window).map(String).filter((k) => !globalsBefore.has(k)),
    forInArray: forIn([1]),
    forInString: forIn('a'),
  };
}"""


def test_importing_the_module_leaves_the_page_alone(page):
    seen = page.evaluate(HOST_PROBE)
    assert seen == {"newEnumerable": [], "newGlobals": [], "forInArray": ["0"], "forInString": ["0"]}


@pytest.fixture(scope="module")
def featurizer(flagship):
    return load_pipeline("pipeline", flagship.root)


def corpus_texts(flagship, where, every=1):
    with sqlite3.connect(flagship.build_dir / "corpus.sqlite") as db:
        rows = db.execute(f"SELECT text FROM messages {where} ORDER BY source, grp, id").fetchall()
    return [row[0] for row in rows[::every]]


TRANSFORM = "async (texts) => (await import('/pipeline.browser.js')).transform(texts)"
PREDICT = "async (texts) => (await import('/pipeline.browser.js')).predict(texts)"


def test_the_browser_gives_python_features_on_real_and_adversarial_text(page, flagship, featurizer):
    texts = corpus_texts(flagship, "", every=3) + list(ADVERSARIAL.values())
    browser_rows = page.evaluate(TRANSFORM, texts)
    python_rows = featurizer.transform(texts)
    assert [i for i, (b, p) in enumerate(zip(browser_rows, python_rows)) if b != p] == []
    assert len(browser_rows) == len(texts) > 2000


# Texts with characters that each charset writes differently (windows-1252's quotes and euro sign
# are bytes 0x80-0x9F, which ISO-8859-1 reads as C1 controls).
ACCENTED = [
    "Caf\u00e9 cr\u00e8me, na\u00efve \u00fcber pr\u00eat \u00e0 porter",
    "\u201cFree\u201d offer \u2013 only \u20ac5 \u2026 click now",
    "R\u00e9union demain \u00e0 10h, merci",
]


def mime_messages(texts):
    """[(message, what EmailBody gives of it, or None where the message is malformed)]: each text
    encoded in base64 and quoted-printable, in every charset that can hold it, as a message (its
    Subject an RFC 2047 word; the value keeps the space after "Subject:"), and as a multipart with an
    HTML alternative and an attachment; then malformed messages (bad base64, a multipart without a
    boundary or without a delimiter line, an unknown charset, a broken encoded word)."""
    out = []
    for i, text in enumerate(texts):
        for charset in ("utf-8", "iso-8859-1", "windows-1252", "us-ascii"):
            try:
                data = text.encode(charset)
            except UnicodeEncodeError:
                continue
            b64 = base64.encodebytes(data).decode("ascii")
            qp = quopri.encodestring(data).decode("ascii")
            subject = f"=?{charset}?B?{base64.b64encode(data[:40]).decode('ascii')}?="
            shown = data[:40].decode(charset, "replace")
            head = f"From: a@example.com\nSubject: {subject}\nMIME-Version: 1.0\n"
            part = f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: "
            out.append((head + part + f"base64\n\n{b64}", f" {shown}\n{text}"))
            out.append((head + part + f"quoted-printable\n\n{qp}", f" {shown}\n{text}"))
            boundary = f"=_b{i}_"
            out.append((
                f"{head}Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\npreamble\n--{boundary}\n"
                f"Content-Type: multipart/alternative; boundary={boundary}x\n\n--{boundary}x\n{part}base64\n\n{b64}\n"
                f"--{boundary}x\nContent-Type: text/html; charset={charset}\nContent-Transfer-Encoding: quoted-printable\n\n"
                f"<p><b>{qp}</b></p>\n--{boundary}x--\n--{boundary}\nContent-Type: application/pdf\n"
                f"Content-Disposition: attachment; filename=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
                f"--{boundary}--\nepilogue\n",
                None,
            ))  # fmt: skip
        body = base64.encodebytes(text.encode("utf-8")).decode("ascii")
        head = "From: a@example.com\nSubject: =?utf-8?B?broken*?= =?x-unknown?Q?caf=E9?=\n"
        out.append((head + "Content-Transfer-Encoding: base64\n\n" + body[:-6] + "!" + body[-6:], None))
        out.append((head + "Content-Type: multipart/mixed\n\n--x\n\n" + text + "\n--x--\n", None))
        out.append((head + 'Content-Type: multipart/mixed; boundary="nowhere"\n\n' + text + "\n", None))
        out.append((head + "Content-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: quoted-printable\n\n"
                    + quopri.encodestring(text.encode("utf-8")).decode("ascii") + "=4", None))  # fmt: skip
    return out


def test_mime_messages_decode_in_the_browser_as_in_python(page, flagship, featurizer):
    """The browser's own atob and TextDecoder under EmailBody: every case gives Python's features,
    and a well-formed message gives the text it carries."""
    texts = corpus_texts(flagship, "WHERE source = 'sms' AND split = 'test'", every=30) + ACCENTED
    cases = mime_messages(texts)
    messages = [message for message, _ in cases]
    python_rows = featurizer.transform(messages)
    browser_rows = page.evaluate(TRANSFORM, messages)
    assert [i for i, (b, p) in enumerate(zip(browser_rows, python_rows)) if b != p] == []
    decoded = [(message, shown) for message, shown in cases if shown is not None]
    assert EmailBody().transform([message for message, _ in decoded]) == [shown for _, shown in decoded]
    assert len(decoded) > 300 and len(cases) > 700


def test_the_browser_predicts_as_keras_does(page, flagship, featurizer):
    texts = corpus_texts(flagship, "WHERE split = 'test'", every=4)
    labels = ["ham", "spam"]
    model = models.load_model(flagship.keras_model)
    python_scores = model.predict(np.asarray(featurizer.transform(texts), dtype=np.int32), verbose=0)
    browser = page.evaluate(PREDICT, texts)
    assert [r[0]["label"] for r in browser] == [labels[int(row.argmax())] for row in python_scores]
    worst = max(
        abs(entry["score"] - float(python_scores[i][labels.index(entry["label"])]))
        for i, ranked in enumerate(browser)
        for entry in ranked
    )
    assert worst < 1e-5


def test_texts_that_clean_to_nothing_get_finite_scores_in_the_browser_as_in_keras(page, flagship, featurizer):
    texts = ["", "!!!", "   ", "<b></b>", "Subject: \n\n"]
    features = featurizer.transform(texts)
    assert all(sum(row) == 0 for row in features)  # every id is padding: the model pools nothing
    python_scores = models.load_model(flagship.keras_model).predict(np.asarray(features, dtype=np.int32), verbose=0)
    browser = page.evaluate(PREDICT, texts)
    for ranked, expected in zip(browser, python_scores.tolist()):
        scores = {entry["label"]: entry["score"] for entry in ranked}
        assert all(isinstance(score, float) and 0 <= score <= 1 for score in scores.values())  # NaN is null in JSON
        assert abs(scores["ham"] - expected[0]) < 1e-5 and abs(scores["spam"] - expected[1]) < 1e-5


def test_the_browser_predicts_on_the_wasm_backend(page):
    backend = page.evaluate("async () => (await (await import('/pipeline.browser.js')).load()).backend")
    assert backend == "wasm"


def test_bad_input_raises_the_python_type_error_in_the_browser(page):
    error = page.evaluate(
        """async () => { try { (await import('/pipeline.browser.js')).transform(['ok', null]); }
                          catch (e) { return [e instanceof TypeError, e.message]; } }"""
    )
    assert error == [True, "EmailBody.transform: item 1 is NoneType, expected str"]
