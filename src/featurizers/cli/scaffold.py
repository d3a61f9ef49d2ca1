"""``featurizers new DIR``: a project to start from, outside any checkout.

``DIR/pipeline.py`` (a featurizer of its own and the library's text steps, a CSV reader, a Keras
model), ``data/`` (the SMS Spam Collection as CSV, from the copy this package ships),
``test_pipeline.py`` (parity tests with ``featurizers.testing``), ``texts.jsonl`` (messages to
predict), ``README.md`` and ``.gitignore``. The files are in ``cli/scaffold/``.
"""

import csv
import io
import shutil
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "scaffold"
SMS_TSV = Path(__file__).resolve().parent.parent / "training" / "data" / "sms_spam_collection.tsv"
FILES = {  # template file -> path in the project
    "pipeline.py": "pipeline.py",
    "test_pipeline.py": "test_pipeline.py",
    "texts.jsonl": "texts.jsonl",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "data/README.md": "data/README.md",
}


class ScaffoldError(Exception):
    pass


def sms_csv():
    """The SMS Spam Collection (tab-separated ``Label<TAB>SMS``, no quoting) as CSV text with the
    header ``label,text``, in the same order."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["label", "text"])
    with open(SMS_TSV, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if next(rows) != ["Label", "SMS"]:
            raise ScaffoldError(f"{SMS_TSV}: not the SMS Spam Collection's header")
        for label, text in rows:
            writer.writerow([label, text])
    return out.getvalue()


def scaffold(directory, log=print):
    """Write the project into ``directory``, which must not exist or be empty."""
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{directory} exists and is not an empty folder")
    name = target.resolve().name
    temporary = target.parent / f".{target.name}.new"
    shutil.rmtree(temporary, ignore_errors=True)
    (temporary / "data").mkdir(parents=True)
    for source, destination in FILES.items():
        text = (TEMPLATE / source).read_text(encoding="utf-8")
        (temporary / destination).write_text(text.replace("{{name}}", name), encoding="utf-8")
    (temporary / "data" / "sms_spam_collection.csv").write_text(sms_csv(), encoding="utf-8", newline="")
    if target.exists():
        target.rmdir()
    temporary.rename(target)
    log(f"[new] wrote {directory}/: pipeline.py, data/sms_spam_collection.csv, test_pipeline.py, texts.jsonl, README.md")
    log(f"      next: cd {directory} && featurizers train pipeline.py && featurizers build pipeline.py")
    return target
