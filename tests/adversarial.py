"""Texts that break naive Python-to-JS ports: every one must give identical features in both runtimes."""

import random
import unicodedata

_PROTOTYPE_NAMES = [
    "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf",
    "__defineGetter__", "prototype", "length", "name", "py_keys", "py_get", "__class__", "get", "keys",
    "items", "update", "__dict__", "[UNK]", "",
]

ADVERSARIAL = {
    "empty": "",
    "spaces only": "   \t\n  ",
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
    "prototype names": " ".join(name for name in _PROTOTYPE_NAMES if name),
    "prototype names upper": "CONSTRUCTOR __PROTO__ TOSTRING HasOwnProperty",
    "final sigma": "ΟΔΟΣ ΟΔΟΣ. ΣΑΣ Σ",
    "dotted capital i": "İSTANBUL İ",
    "sharp s and ligatures": "STRAßE ﬁne ﬀ",
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
