"""Bring your own data: ``Split.from_csv`` (and TSV), ``from_jsonl``, ``from_sqlite`` and
``Split.of``; every mistake in the data is a ``DataError`` naming the file, the column and the line."""

import json
import sqlite3

import pytest

from featurizers.training.datasets import DataError, Split

ROWS = [("ham", "see you at noon"), ("spam", 'WIN "cash", now'), ("ham", "line one\nline two"), ("spam", "free £1000")]


def write_csv(path, rows, header=("label", "text")):
    import csv

    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_csv_train_and_test_files_with_quoted_fields(tmp_path):
    train = write_csv(tmp_path / "train.csv", ROWS)
    test = write_csv(tmp_path / "test.csv", [("spam", "a, b"), ("ham", "")])
    split = Split.from_csv(train, test)
    assert split.labels == ["ham", "spam"]
    assert split.train_texts == [text for _, text in ROWS]
    assert split.train_labels == [label for label, _ in ROWS]
    assert (split.test_texts, split.test_labels) == (["a, b", ""], ["spam", "ham"])


def test_tsv_is_tab_separated_without_quoting(tmp_path):
    path = tmp_path / "sms.tsv"
    path.write_text('Label\tSMS\nham\t"quoted" at the start\nspam\tsays "hi\nham\tplain\n', encoding="utf-8")
    split = Split.from_csv(path, path, text="SMS", label="Label")
    assert split.train_texts == ['"quoted" at the start', 'says "hi', "plain"]


def test_the_sms_collection_shipped_with_the_package_reads_whole():
    from pathlib import Path

    import featurizers

    tsv = Path(featurizers.__file__).parent / "training" / "data" / "sms_spam_collection.tsv"
    split = Split.from_csv(tsv, text="SMS", label="Label")
    assert len(split.train_texts) + len(split.test_texts) == 5574
    assert (split.train_labels + split.test_labels).count("spam") == 747


def test_without_a_test_source_a_share_of_each_label_is_held_out_the_same_way_each_time(tmp_path):
    rows = [("ham", f"ham {i}") for i in range(40)] + [("spam", f"spam {i}") for i in range(10)]
    path = write_csv(tmp_path / "all.csv", rows)
    split = Split.from_csv(path, test_fraction=0.2, seed=3)
    assert (split.test_labels.count("ham"), split.test_labels.count("spam")) == (8, 2)
    assert sorted(split.train_texts + split.test_texts) == sorted(text for _, text in rows)
    assert Split.from_csv(path, test_fraction=0.2, seed=3) == split
    assert Split.from_csv(path, test_fraction=0.2, seed=4) != split
    # The examples keep their order in the file.
    assert split.train_texts == [text for _, text in rows if text in set(split.train_texts)]


def test_labels_fix_the_order_of_the_outputs(tmp_path):
    path = write_csv(tmp_path / "all.csv", ROWS)
    assert Split.from_csv(path, path, labels=["spam", "ham"]).labels == ["spam", "ham"]


def test_jsonl_with_named_keys(tmp_path):
    path = tmp_path / "mail.jsonl"
    lines = [{"body": text, "category": label, "id": i} for i, (label, text) in enumerate(ROWS)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "\n", encoding="utf-8")
    split = Split.from_jsonl(path, path, text="body", label="category")
    assert split.train_texts == [text for _, text in ROWS]


def test_sqlite_queries_name_their_columns(tmp_path):
    path = tmp_path / "mail.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mail (body TEXT, label TEXT, year INTEGER)")
        db.executemany("INSERT INTO mail VALUES (?, ?, ?)", [(t, l, 2020 + i) for i, (l, t) in enumerate(ROWS)])
    db.close()
    split = Split.from_sqlite(
        path,
        "SELECT body AS text, label FROM mail WHERE year < 2022 ORDER BY year",
        "SELECT body AS text, label FROM mail WHERE year >= 2022 ORDER BY year",
    )
    assert split.train_texts == ["see you at noon", 'WIN "cash", now']
    assert split.test_labels == ["ham", "spam"]


# --- what is wrong with the data, named ----------------------------------------------------


def test_a_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv: no such file$"):
        Split.from_csv(tmp_path / "nope.csv")


def test_a_wrong_column_name_lists_the_columns(tmp_path):
    path = write_csv(tmp_path / "train.csv", ROWS)
    with pytest.raises(DataError) as error:
        Split.from_csv(path, text="message")
    assert str(error.value) == f"{path}: no text column 'message' (the columns are 'label', 'text')"
    with pytest.raises(DataError, match=r"no label column 'class'"):
        Split.from_csv(path, label="class")


def test_a_wrong_key_in_json_lines_names_the_line(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "a", "label": "ham"}\n{"txt": "b", "label": "spam"}\n', encoding="utf-8")
    with pytest.raises(DataError) as error:
        Split.from_jsonl(path)
    assert str(error.value) == f"{path}: line 2: no text key 'text' (the keys are 'txt', 'label')"


def test_a_wrong_column_in_a_query(tmp_path):
    path = tmp_path / "mail.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mail (body TEXT, label TEXT)")
    db.close()
    with pytest.raises(DataError, match=r"mail\.db \(SELECT body, label FROM mail\): no text column 'text' \(the columns are 'body', 'label'\)"):
        Split.from_sqlite(path, "SELECT body, label FROM mail")


def test_empty_splits(tmp_path):
    empty = write_csv(tmp_path / "empty.csv", [])
    full = write_csv(tmp_path / "full.csv", ROWS)
    with pytest.raises(DataError, match=r"empty\.csv: no examples$"):
        Split.from_csv(empty, full)
    with pytest.raises(DataError, match=r"empty\.csv: no examples$"):
        Split.from_csv(full, empty)
    (tmp_path / "nothing.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"nothing\.csv: the file is empty"):
        Split.from_csv(tmp_path / "nothing.csv")


def test_a_test_label_that_no_train_example_has_names_the_file_column_and_line(tmp_path):
    train = write_csv(tmp_path / "train.csv", ROWS)
    test = write_csv(tmp_path / "test.csv", [("ham", "x"), ("spma", "y")])
    with pytest.raises(DataError) as error:
        Split.from_csv(train, test)
    assert str(error.value) == f"{test}: line 3: label 'spma' (column 'label') is not in the train split ({train})"


def test_a_given_label_missing_from_the_train_split(tmp_path):
    train = write_csv(tmp_path / "train.csv", [("ham", "x"), ("ham", "y")])
    with pytest.raises(DataError) as error:
        Split.from_csv(train, train, labels=["ham", "spam"])
    assert str(error.value) == f"{train}: column 'label' has no example of the label(s) ['spam']"


def test_an_empty_label_names_the_line(tmp_path):
    train = write_csv(tmp_path / "train.csv", [("ham", "x"), ("", "y")])
    with pytest.raises(DataError, match=r"train\.csv: line 3: the label \(column 'label'\) is empty"):
        Split.from_csv(train)


def test_a_row_with_too_many_fields_names_the_line(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("label,text\nham,x\nspam,y,z\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"train\.csv: line 3: 3 fields, the header has 2"):
        Split.from_csv(path)


def test_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("label,text\nham,caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"latin1\.csv: not utf-8 text"):
        Split.from_csv(path)
    assert Split.from_csv(path, path, encoding="latin-1").train_texts == ["café"]
