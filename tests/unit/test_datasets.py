"""Specification of the data sets (featurizers.training.datasets) and the training report (train)."""

import sqlite3
import zlib

import pytest
from harness import ROOT

from featurizers.training import datasets, train


def test_the_sms_spam_collection_ships_inside_the_package_with_its_license():
    assert datasets.SMS_SPAM_COLLECTION.is_file()
    readme = (datasets.SMS_SPAM_COLLECTION.parent / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "Almeida" in readme


def test_the_sms_records_are_the_5574_messages_with_a_fixed_split():
    records = list(datasets.sms_records())
    assert len(records) == 5574
    assert sum(1 for r in records if r[4] == "spam") == 747
    test = [r for r in records if r[3] == "test"]
    assert (len(test), sum(1 for r in test if r[4] == "spam")) == (1436, 211)
    assert all((r[3] == "test") == (zlib.crc32(r[5].encode("utf-8")) % 4 == 0) for r in records)
    assert {r[0] for r in records} == {"sms"} and records[0][1:3] == ("00001", "sms")


def test_every_copy_of_a_repeated_message_is_on_the_same_side():
    sides = {}
    for record in datasets.sms_records():
        sides.setdefault(record[5], set()).add(record[3])
    assert all(len(side) == 1 for side in sides.values())
    assert sum(1 for text in sides if len(sides[text]) == 1) < 5574  # there are repeated messages


def test_a_malformed_line_is_refused_with_its_number(tmp_path):
    path = tmp_path / "sms.tsv"
    path.write_text("Label\tSMS\nham\tfine\nmaybe\tnot a label\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3 is not ham\|spam<TAB>text"):
        list(datasets.sms_records(path))


def test_both_sources_load_into_one_table_and_each_has_held_out_messages(tmp_path):
    split = datasets.messages(tmp_path, ROOT)
    assert (len(split.train_texts), len(split.test_texts)) == (3250 + 4138, 2796 + 1436)
    assert split.test_sources.count("spamassassin") == 2796 and split.test_sources.count("sms") == 1436
    with sqlite3.connect(tmp_path / "corpus.sqlite") as db:
        rows = dict(db.execute("SELECT source || ' ' || split, COUNT(*) FROM messages GROUP BY source, split"))
    assert rows == {"sms test": 1436, "sms train": 4138, "spamassassin test": 2796, "spamassassin train": 3250}


def test_a_database_of_another_schema_or_other_sources_is_rebuilt(tmp_path):
    db_path = tmp_path / "corpus.sqlite"
    with sqlite3.connect(db_path) as db:  # the schema before the sources (no `source`, a `period`)
        db.execute("CREATE TABLE messages (id TEXT, grp TEXT, period INTEGER, label TEXT, text TEXT)")
    split = datasets.spam_assassin(tmp_path, ROOT)
    assert set(split.test_sources) == {"spamassassin"} and len(split.test_texts) == 2796
    assert datasets.current_db(db_path, ["spamassassin"]) and not datasets.current_db(db_path, ["spamassassin", "sms"])


def test_the_report_gives_accuracy_recall_and_precision_as_scikit_learn_does():
    from sklearn.metrics import accuracy_score, precision_score, recall_score

    truth = [0, 0, 0, 1, 1, 1, 1, 0, 1, 0]
    predicted = [0, 1, 0, 1, 1, 0, 1, 0, 1, 1]
    scores = train.scores_of(["ham", "spam"], truth, predicted)
    assert scores["accuracy"] == accuracy_score(truth, predicted)
    assert scores["recall"] == {"ham": recall_score(truth, predicted, pos_label=0), "spam": recall_score(truth, predicted)}
    assert scores["precision"] == {"ham": precision_score(truth, predicted, pos_label=0), "spam": precision_score(truth, predicted)}
    assert scores["confusion_matrix"] == [[3, 2], [1, 4]]
    assert train.describe_scores("sms", scores, ["ham", "spam"]) == (
        "test sms (10): accuracy 0.7000; ham recall 0.6000 precision 0.7500; spam recall 0.8000 precision 0.6667"
    )


def test_a_label_never_predicted_has_no_precision():
    scores = train.scores_of(["ham", "spam"], [0, 1], [0, 0])
    assert scores["precision"]["spam"] is None
    assert "spam recall 0.0000 precision n/a" in train.describe_scores("test", scores, ["ham", "spam"])


def test_the_confusion_matrix_picture_is_the_same_every_time(tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib (the train extra) is not installed")
    scores = train.scores_of(["ham", "spam"], [0, 0, 1, 1], [0, 1, 1, 1])
    train.plot_confusion(tmp_path / "a.png", "sms", scores, ["ham", "spam"])
    train.plot_confusion(tmp_path / "b.png", "sms", scores, ["ham", "spam"])
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
