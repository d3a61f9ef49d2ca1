"""``make bench``: side-by-side measurements in one run, medians of repeated trials, as ratios.

- throughput: the flagship featurizer on the SpamAssassin corpus, CPython vs the Node bundle;
- scaling: time per character of adversarial documents from 1 KB to 10 MB, in both runtimes
  (linear cost: the largest time per character at most 2x the smallest).

Prints a Markdown table and writes ``bench/results.json``. The machine is shared and noisy:
read the ratios, not the absolute times.
"""

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from adversarial import ADVERSARIAL  # noqa: E402

from featurizers import load_pipeline  # noqa: E402

SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]


def python_median(featurizer, texts, repeat):
    featurizer.transform(texts)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        featurizer.transform(texts)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def node_medians(bundle, batches, repeat):
    request = json.dumps({"bundle": str(bundle), "batches": batches, "repeat": repeat})
    result = subprocess.run(
        ["node", str(ROOT / "bench" / "node_timer.cjs")], input=request, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def adversarial_document(size):
    """A message of ``size`` characters: every adversarial case, long runs that tempt regex
    backtracking (no '@' after a long local part, unclosed tags, digit runs, a URL) included."""
    pieces = list(ADVERSARIAL.values()) + ["a" * 5_000 + " ", "<" * 2_000 + " ", "9" * 3_000 + " "]
    body = " ".join(pieces)
    text = "Subject: scaling\n\n" + body * (size // len(body) + 1)
    return text[:size]


def main():
    featurizer = load_pipeline("pipeline", ROOT)
    bundle = ROOT / "js_dist" / "pipeline.js"
    with sqlite3.connect(ROOT / "build" / "pipeline" / "corpus.sqlite") as db:
        corpus = [row[0] for row in db.execute("SELECT text FROM messages ORDER BY grp, id")]

    py_seconds = python_median(featurizer, corpus, repeat=5)
    (js_seconds,) = node_medians(bundle, [corpus], repeat=5)
    throughput = {
        "python_docs_per_s": len(corpus) / py_seconds,
        "js_docs_per_s": len(corpus) / js_seconds,
        "js_vs_python": py_seconds / js_seconds,
    }

    documents = [adversarial_document(size) for size in SIZES]
    js_times = node_medians(bundle, [[d] for d in documents], repeat=3)
    scaling = []
    for size, document, js_time in zip(SIZES, documents, js_times):
        py_time = python_median(featurizer, [document], repeat=3 if size < 10_000_000 else 1)
        scaling.append({"chars": size, "python_ns_per_char": py_time / size * 1e9, "js_ns_per_char": js_time / size * 1e9})
    ratios = {
        runtime: max(row[f"{runtime}_ns_per_char"] for row in scaling) / min(row[f"{runtime}_ns_per_char"] for row in scaling)
        for runtime in ("python", "js")
    }

    print(f"Transform throughput, flagship featurizer, SpamAssassin corpus ({len(corpus)} e-mails), medians of 5\n")
    print("| runtime | docs/s | vs CPython |\n| --- | ---: | ---: |")
    print(f"| CPython | {throughput['python_docs_per_s']:,.0f} | 1.00x |")
    print(f"| generated JS, Node | {throughput['js_docs_per_s']:,.0f} | {throughput['js_vs_python']:.2f}x |")
    print("\nScaling: time per character of one adversarial document\n")
    print("| characters | CPython ns/char | Node ns/char |\n| ---: | ---: | ---: |")
    for row in scaling:
        print(f"| {row['chars']:,} | {row['python_ns_per_char']:.1f} | {row['js_ns_per_char']:.1f} |")
    print(f"| max/min | {ratios['python']:.2f} | {ratios['js']:.2f} |")

    results = {
        "transform": {"js_vs_python": throughput["js_vs_python"], **throughput},
        "scaling": {"rows": scaling, "max_over_min_time_per_char": max(ratios.values()), "by_runtime": ratios},
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
