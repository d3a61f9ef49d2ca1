"""Inputs that break naive Python-to-JS ports: each must give identical features in both runtimes.

``ADVERSARIAL`` (name -> text) is the set the project's parity tests, the build's parity gate
(``featurizers.compiler.gate``) and ``featurizers.testing.assert_same_in_node`` use:

- Unicode case traps: final sigma, dotted capital I, sharp s, ligatures, title-case digraphs,
  Kelvin and Angstrom signs, letters CPython's Unicode does not know but newer engines case-map;
- whitespace of every kind: every character ``str.isspace()`` accepts, and U+FEFF and U+180E,
  which JS's ``\\s`` or ``trim`` once treated (or still treat) as space and CPython does not;
- astral characters (surrogate pairs in JS): emoji, ZWJ sequences, flags, mathematical letters;
- prototype words: ``constructor``, ``__proto__``, ``toString``, ``hasOwnProperty``, Transcrypt's
  ``py_keys`` ... (a token that is a JS object's inherited property);
- HTML, URLs and e-mail addresses, entity references, unpaired angle brackets;
- long runs (a 10,000-character token, 5,000 short tokens, digit runs, an endless URL), which
  also find regular expressions that backtrack.

``lone_surrogates()`` are strings that are not Unicode text (an unpaired UTF-16 surrogate): a
featurizer must refuse them with the same ``TypeError`` in both runtimes. ``ADVERSARIAL_NUMBERS``
and ``adversarial_records`` are the numeric side, for featurizers of records.
"""

import random
import sys
import unicodedata

PROTOTYPE_NAMES = [
    "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf",
    "__defineGetter__", "prototype", "length", "name", "py_keys", "py_get", "__class__", "get", "keys",
    "items", "update", "__dict__", "[UNK]", "",
]  # fmt: skip

# Every character CPython's str.isspace() accepts (JS's \s lacks U+001C-U+001F and U+0085), and two
# that JS has called space: U+FEFF (in \s and trim()) and U+180E (a space before Unicode 6.3).
EVERY_WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()) + "\ufeff\u180e"

ADVERSARIAL = {
    "empty": "",
    "spaces only": "   \t\n  ",
    "every whitespace character, between words": "w".join(EVERY_WHITESPACE) + "w",
    "every whitespace character, as one run": "a" + EVERY_WHITESPACE + "b",
    "emoji": "free 😀😀 money 💰 now 🎉",
    "zwj family": "family 👨\u200d👩\u200d👧\u200d👦 and flag 🏳️\u200d🌈 and 🧑🏽\u200d💻",
    "regional indicator flags": "flags 🇫🇷🇩🇪 together",
    "skin tone modifiers": "wave 👋🏻👋🏿",
    "combining marks": "cafe\u0301 nai\u0308ve Z\u0351\u0352a\u0353\u0354l\u0355go\u0356",
    "precomposed vs decomposed": "café café",
    "nbsp and friends": "a\u00a0b\u2007c\u202fd\u3000e\u1680f\u205fg",
    "line and paragraph separators": "one\u2028two\u2029three\u0085four",
    "file separators (Python whitespace, not JS)": "a\x1cb\x1dc\x1ed\x1fe",
    "bom": "\ufeffhello \ufeffworld\ufeff",
    "zero width": "zero\u200bwidth\u200cjoin\u200dnon\u2060word",
    "control characters": "bell\x07 null\x00 escape\x1b del\x7f c1\x80\x9f",
    "crlf e-mail": "Subject: Re: hi\r\nFrom: a@b.c\r\n\r\nBody line\r\nsecond",
    "prototype names": " ".join(name for name in PROTOTYPE_NAMES if name),
    "prototype names upper": "CONSTRUCTOR __PROTO__ TOSTRING HasOwnProperty",
    "prototype names alone": "constructor",
    "final sigma": "ΟΔΟΣ ΟΔΟΣ. ΣΑΣ Σ",
    "dotted capital i": "İSTANBUL İ",
    "sharp s and ligatures": "STRAßE ﬁne ﬀ",
    "title case digraphs and special casing": "ǅemal ǈubljana ǋ ǲ ŉ ǰ ΐ ᾈ ﬃ",
    "kelvin and angstrom signs": "\u212a \u212b",
    "unassigned in CPython's Unicode, cased in newer ones": "\u1c89 \ua7cb \ua7dc \U00010d50 \U00016ea0",
    "astral letters": "𝐀𝐁𝐂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U00010400\U00010428",
    "surrogate-order tie": "\uffff \U0001F600 \uffff \U0001F600",
    "right to left": "שלום عربي \u200f\u202e reversed",
    "cjk": "日本語のテキスト 中文 한국어",
    "html": "<html><body><p>Click <a href='http://evil.example/x'>here</a></p><!-- c --></body></html>",
    "urls and mails": "www.a.b http://x.y/z?q=1&r=2 mailto:u.ser+tag@sub.example.co.uk",
    "numbers": "1,000,000 3.14 0x1F 1e10 ½ ² ٣ ３",
    "punctuation soup": "!!!???...,,,;;;:::'\"``~~^^ «quoted» „low“ ‘single’ — – … ¡¿",
    "entity references": "&lt;#&gt; &amp; &nbsp; &#8364;",
    "unpaired angle brackets": "<<<<a> >>>> <b <c",
    "long local part": "a" * 70 + "@example.com",
    "long token": "x" * 10_000,
    "many short tokens": "a b " * 5_000,
    "long number run": "9" * 5_000,
    "long url": "http://" + "a" * 5_000,
    "long at-sign run": "@" * 3_000 + "a@" * 3_000,
}


def one_megabyte_message():
    """A 1 MB e-mail: headers, then a body mixing every hard case above."""
    body = " ".join(ADVERSARIAL.values())
    text = "Subject: big\n\n"
    while len(text) < 1_000_000:
        text += body + "\n"
    return text


# What a cut of a long text (TextCleaner cleans those in pieces, each ending with a space) can land
# next to and break: spaces beside tags, tags that hold spaces and newlines, a "<" that opens no
# tag, final sigma, combining marks, placeholders, NBSP, emoji, controls.
CUT_NEIGHBOURS = [" ", " ", "  ", "\n", "\xa0", "a", "Ab", "c", "ΟΔΟΣ", "Σ", "\u0301", "\u0345", "İ", "é", "ﬁ", "x<3",
                  "<b>", "</b>", "<a href='x y'>", "<p\nclass=z>", "<", ">", "<!-- c -->", "42", "1.5", "a@b.co",
                  "http://h.io/p?q=1", "www.x.y", "(", ")", "'", "\U0001f44d", "\u2028", "\ufeff", "\x85", "\t"]  # fmt: skip


def long_text_of_cut_neighbours(length=200_000, seed=7):
    """``length`` characters or a few more of ``CUT_NEIGHBOURS`` drawn at random (the same every run)."""
    rng = random.Random(seed)
    units = []
    total = 0
    while total < length:
        unit = rng.choice(CUT_NEIGHBOURS)
        units.append(unit)
        total += len(unit)
    return "".join(units)


def lone_surrogates():
    """Strings with unpaired surrogates: valid in both runtimes' strings, invalid UTF-16/UTF-8."""
    return ["a\ud800b", "\udfff", "x \ud83d y"]


def names_every_category_once():
    """One character of every general category CPython knows, as one text (sanity for the set above)."""
    seen = {}
    for code in range(0x3000):
        seen.setdefault(unicodedata.category(chr(code)), chr(code))
    return " ".join(sorted(seen.values()))


def texts():
    """The adversarial texts as one list: ``ADVERSARIAL``'s, one character of every category, and
    a text long enough (40,000 characters) that a ``Pipeline`` sends it through in parts."""
    return list(ADVERSARIAL.values()) + [names_every_category_once(), long_text_of_cut_neighbours(40_000)]


MAX_SAFE = 2**53 - 1
# Finite numbers that are hard on arithmetic: zeros of both signs, the smallest subnormals, values
# near the ends of the double range, the largest safe integers, an inexact sum.
ADVERSARIAL_NUMBERS = [0, -0.0, 1e-300, 1e300, 5e-324, MAX_SAFE, 0.1 + 0.2, -1e300, -5e-324, 0.3, 1, -MAX_SAFE]


def adversarial_records(record):
    """Records like ``record`` (a dict of a featurizer's input fields): for each field whose value is
    a number, one record per ``ADVERSARIAL_NUMBERS`` value in that field; then ``record`` with
    prototype-named fields added (``constructor``, ``__proto__``, ``toString``, ``hasOwnProperty``)."""
    records = []
    for field in record:
        if isinstance(record[field], (int, float)) and not isinstance(record[field], bool):
            for number in ADVERSARIAL_NUMBERS:
                records.append({**record, field: number})
    extra = {name: name for name in ("constructor", "__proto__", "toString", "hasOwnProperty") if name not in record}
    records.append({**record, **extra})
    return records
