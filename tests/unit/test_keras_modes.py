"""Specification of the featurizer modes Keras' preprocessing layers need.

TextCleaner(lowercase="ascii") lowercases as TensorFlow's ``tf.strings.lower`` does (A-Z only);
TfIdf(dtype="float32") computes Keras' ``tf_idf`` rows in float32. Each new value keeps today's
behaviour at its default, and the default stays out of ``get_config``.
"""

import math
import struct

import pytest

from featurizers import TextCleaner, TfIdf, _host, from_config
from featurizers.text import ASCII_PUNCTUATION_PATTERN


def float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


# --- ASCII lowercasing ------------------------------------------------------------------------------


def ascii_cleaner(rules=()):
    return TextCleaner(lowercase="ascii", rules=list(rules), strip_html=False, strip_punctuation=False, collapse_whitespace=False)


def test_ascii_lowercasing_changes_a_to_z_only():
    assert ascii_cleaner().transform(["ÀBΣ İSTANBUL Straße ＡＢ"]) == ["ÀbΣ İstanbul straße ＡＢ"]


def test_ascii_lowercasing_of_every_code_point_below_0x250():
    text = "".join(chr(c) for c in range(0x250) if not 0xD800 <= c <= 0xDFFF)
    expected = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
    assert ascii_cleaner().transform([text]) == [expected]


def test_lowercase_true_stays_unicode_lowercasing():
    assert TextCleaner(rules=[]).transform(["ÀBΣ"]) == ["àbς"]


@pytest.mark.parametrize("value", ["ASCII", "unicode", 1, None])
def test_other_lowercase_values_are_refused(value):
    with pytest.raises(ValueError, match="TextCleaner: lowercase must be True, False or 'ascii'"):
        TextCleaner(lowercase=value).transform(["a"])


def test_keras_standardization_strips_ascii_punctuation_with_nothing():
    cleaner = ascii_cleaner(rules=[[ASCII_PUNCTUATION_PATTERN, ""]])
    assert cleaner.transform(["Don't STOP!!! (now) «ok» ¿sí? a_b-c"]) == ["dont stop now «ok» ¿sí abc"]


def test_the_ascii_punctuation_class_is_all_32_and_only_them():
    import re
    import string

    matched = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and re.fullmatch(ASCII_PUNCTUATION_PATTERN, chr(c)))
    assert matched == string.punctuation


def test_ascii_lowercase_config_round_trips():
    cleaner = ascii_cleaner()
    assert cleaner.get_config()["lowercase"] == "ascii"
    assert from_config(cleaner.get_config()).transform(["AbC"]) == ["abc"]


def test_ascii_lowercasing_of_a_long_text_cut_in_pieces_is_the_whole_text_lowercased():
    text = ("Hello, WORLD! Ünïcode ÀB " * 3000) + "END."
    cleaner = ascii_cleaner(rules=[[ASCII_PUNCTUATION_PATTERN, ""]])
    expected = _host.lower_ascii(text).replace(",", "").replace("!", "").replace(".", "")
    assert len(text) > 65536
    assert cleaner.transform([text]) == [expected]


# --- float32 TF-IDF -----------------------------------------------------------------------------------


def keras_tfidf(idf, **params):
    config = {"type": "TfIdf", "num_tokens": len(idf), "pad_id": None, "norm": None, "dtype": "float32",
              "num_tokens_": len(idf), "idf_": idf, **params}  # fmt: skip
    return from_config(config)


def test_float32_rows_are_counts_times_idf_rounded_to_float32():
    idf = [float32(0.91012645), float32(0.84729785), float32(1 / 3), 0.0]
    rows = keras_tfidf(idf).transform([[0, 0, 2, 2, 2, 1], [3], []])
    assert rows == [
        [float32(2 * idf[0]), float32(idf[1]), float32(3 * idf[2]), 0.0],
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
    ]
    assert rows[0][2] != 3 * idf[2]  # the double product, rounded once more


def test_float32_idf_must_hold_float32_values():
    with pytest.raises(ValueError, match=r"with dtype='float32', idf_ must hold float32 values, got 0\.1"):
        keras_tfidf([0.1, 1.0])


@pytest.mark.parametrize("params", [{"norm": "l2"}, {"sublinear_tf": True}])
def test_float32_takes_no_norm_and_no_sublinear_tf(params):
    with pytest.raises(ValueError, match=r"dtype='float32' \(Keras' tf_idf\) takes norm=None and sublinear_tf=False"):
        keras_tfidf([1.0, 2.0], **params).transform([[1]])


def test_float32_weights_are_imported_not_fitted():
    with pytest.raises(ValueError, match="it does not learn them"):
        TfIdf(norm=None, dtype="float32").fit([[1, 2]])


def test_other_dtypes_are_refused():
    with pytest.raises(ValueError, match="TfIdf: dtype must be 'float64' or 'float32', got float16"):
        TfIdf(dtype="float16").fit([[1]])


def test_dtype_stays_out_of_the_config_at_its_default():
    assert "dtype" not in TfIdf().fit([[1, 2]]).get_config()
    assert keras_tfidf([1.0, 2.0]).get_config()["dtype"] == "float32"


# --- the host primitives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0.1, 1 / 3, -2.5, 0.0, -0.0, 1e-45, 5e-46, 3.4028234663852886e38, 3.4028235677973366e38, 1e39, -1e39, 16777217.0],
)
def test_to_float32_is_the_nearest_float32_with_infinity_beyond_its_range(value):
    import numpy as np

    with np.errstate(over="ignore"):
        expected = float(np.float32(value))
    got = _host.to_float32(value)
    assert got == expected and math.copysign(1, got) == math.copysign(1, expected)
