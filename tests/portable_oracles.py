"""The CPython operation each featurizers.portable predicate is (the oracles of its tests)."""

import re

WORD_RUN = re.compile(r"\w+")

PREDICATES = {
    "is_alpha": str.isalpha,
    "is_alnum": str.isalnum,
    "is_decimal": str.isdecimal,
    "is_digit": str.isdigit,
    "is_numeric": str.isnumeric,
    "is_space": str.isspace,
    "is_upper": str.isupper,
    "is_lower": str.islower,
    "is_title": str.istitle,
    "is_printable": str.isprintable,
    "is_ascii": str.isascii,
    "is_identifier": str.isidentifier,
    "is_word": lambda text: WORD_RUN.fullmatch(text) is not None,
}
