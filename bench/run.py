"""``make bench``: every measurement in one run, medians of repeated trials, side by side.

1. transform throughput on the SpamAssassin corpus, flagship and tfidf pipelines: CPython, the
   generated bundle in Node and the hand-written JS baseline (bench/handwritten.cjs), interleaved;
2. scaling: time per character and peak memory of one document of 1 KB to 10 MB, the same mix of
   mail prose and adversarial cases at every size; and the time per character of documents made
   of long runs that tempt regex backtracking (linear cost on pathological input);
3. predict latency in Node (tfjs wasm) next to CPython with tf_keras;
4. cold start of a Node process to its first prediction;
   and of the demo page in Chromium (bench/page.py), with the bytes it fetches;
5. sizes: the bundle's code, the fitted state, the model;
6. the build's parity gate (its bundle against CPython on the probe set), per pipeline;
7. `make py=pipeline` with nothing changed;
8. the scikit-learn pipeline (pipelines/sklearn_sms.py) against skl2onnx + onnxruntime-node:
   predict throughput and the texts whose vector or label differ from scikit-learn's;
9. the `featurizers` command in a scaffolded project outside the checkout: a first build with an
   empty toolchain cache, then a second build with the npm registry unreachable;
10. scale (bench/scale.py): the flagship fitted and applied to a million synthetic mails in one
   process and on Spark with 1 and 2 workers (``make bench-scale`` runs this section alone).

Prints one Markdown table per measurement with its target, writes ``bench/results.json`` and the
plot ``bench/scaling.png`` (and ``docs/bench/scaling.png``, which the README shows). The machine is
shared and noisy: read the ratios, not the absolute times.
"""

import json
import sqlite3
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import page  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import sklearn_vs_onnx  # noqa: E402

from featurizers import load_pipeline  # noqa: E402
from featurizers.testing.adversarial import ADVERSARIAL  # noqa: E402

REPEAT = 5  # timed trials after a warm-up, for each throughput
TFIDF_EVERY = 3  # tfidf: every 3rd text (CPython takes ~10 s per corpus pass), the same for all three
SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
MEMORY_REPEAT = 3  # fresh Node processes per size and implementation
PREDICT_EVERY, PREDICT_TEXTS, SINGLE_CALLS, BATCH_REPEAT = 6, 1_000, 1_000, 5
COLD_RUNS = 9


# One kilobyte of mail: prose with a URL, an address and numbers, then every short adversarial
# case (emoji, ZWJ, NBSP, U+2028, BOM, controls, prototype names ...). Each scaling document
# repeats it, so every size has the same mix and the time per character measures length alone.
PROSE = (
    "Subject: scaling\n\nHi team, the quarterly report is attached; see http://reports.example.com/q3?id=42 "
    "or write to finance.desk@example.org before 17:00. Totals rose 12.5% to 1,204 units <b>this</b> year. "
)
UNIT_CHARS = 1_000


def uniform_document(size):
    cases = " ".join(v for v in ADVERSARIAL.values() if len(v) <= 80)
    unit = (PROSE + cases + " " + PROSE * 3)[:UNIT_CHARS]
    return (unit * (size // UNIT_CHARS + 1))[:size]


def runs_document(size):
    """``size`` characters of runs that tempt regex backtracking, each a quarter of the document:
    a local part with no '@', '<' with no '>', digits, and a URL that never ends."""
    quarter = size // 4
    return ("a" * quarter + " " + "<" * quarter + " " + "9" * quarter + " http://" + "x" * size)[:size]


def throughput(featurizer, name, texts):
    seconds = measure.transform_side_by_side(featurizer, name, texts, REPEAT)
    return {
        "texts": len(texts),
        "repeat": REPEAT,
        "outputs_equal": True,  # transform_side_by_side exits if the two JS outputs differ
        "python_docs_per_s": len(texts) / seconds["python"],
        "js_docs_per_s": len(texts) / seconds["generated"],
        "handwritten_docs_per_s": len(texts) / seconds["handwritten"],
        # speed ratios: above 1, the generated bundle is the faster
        "js_vs_python": seconds["python"] / seconds["generated"],
        "js_vs_handwritten": seconds["handwritten"] / seconds["generated"],
    }


def per_char(featurizer, documents, repeat=3):
    """ns per character of each document: CPython, generated JS, hand-written JS."""
    js_times = measure.node_seconds("generated", "pipeline", [[d] for d in documents], repeat=repeat)
    hw_times = measure.node_seconds("handwritten", "pipeline", [[d] for d in documents], repeat=repeat)
    rows = []
    for document, js_time, hw_time in zip(documents, js_times, hw_times):
        py_time = measure.python_seconds(featurizer, [document], repeat=repeat)
        size = len(document)
        rows.append({"chars": size, "python_ns_per_char": py_time / size * 1e9, "js_ns_per_char": js_time / size * 1e9,
                     "handwritten_ns_per_char": hw_time / size * 1e9})  # fmt: skip
    return rows


def max_over_min(rows):
    return {
        runtime: max(r[f"{runtime}_ns_per_char"] for r in rows) / min(r[f"{runtime}_ns_per_char"] for r in rows)
        for runtime in ("python", "js", "handwritten")
    }


def scaling(featurizer):
    documents = [uniform_document(size) for size in SIZES]
    rows = per_char(featurizer, documents)
    for row, document in zip(rows, documents):
        row["utf8_bytes"] = len(document.encode("utf-8"))
        row["js_peak_extra_bytes"] = measure.node_peak_extra("generated", "pipeline", document, MEMORY_REPEAT)
        row["handwritten_peak_extra_bytes"] = measure.node_peak_extra("handwritten", "pipeline", document, MEMORY_REPEAT)
        row["python_peak_bytes"] = measure.python_peak(featurizer, document)
    runs = per_char(featurizer, [runs_document(size) for size in SIZES])
    by_runtime = max_over_min(rows)
    keys = {"js": "js_peak_extra_bytes", "handwritten": "handwritten_peak_extra_bytes", "python": "python_peak_bytes"}
    large = [r for r in rows if r["chars"] >= 1_000_000]  # where fixed costs don't dominate
    memory = {runtime: max(r[key] / r["utf8_bytes"] for r in large) for runtime, key in keys.items()}
    return {
        "rows": rows,
        "max_over_min_time_per_char": by_runtime["js"],  # the target is about Node
        "by_runtime": by_runtime,
        "runs": {"rows": runs, "by_runtime": max_over_min(runs)},
        "memory_over_input": memory["js"],
        "memory_over_input_by_runtime": memory,
    }


def marginal_memory(rows):
    """What memory grows by, per byte of input, between 1 MB and 10 MB:
    (peak at 10 MB - peak at 1 MB) / (bytes at 10 MB - bytes at 1 MB). Fixed costs (the young
    generation V8 sizes for any input, the loaded bundle) cancel out; what remains is what the
    transform holds per byte it reads. The 1 MB and 10 MB figures are kept beside it."""
    small = next(r for r in rows if r["chars"] == 1_000_000)
    large = next(r for r in rows if r["chars"] == 10_000_000)
    keys = {"js": "js_peak_extra_bytes", "handwritten": "handwritten_peak_extra_bytes", "python": "python_peak_bytes"}
    grown = large["utf8_bytes"] - small["utf8_bytes"]
    by_runtime = {runtime: (large[key] - small[key]) / grown for runtime, key in keys.items()}
    return {
        "marginal_over_input": by_runtime["js"],  # the target is about Node
        "marginal_over_input_by_runtime": by_runtime,
        "at_1mb": {"utf8_bytes": small["utf8_bytes"], **{runtime: small[key] for runtime, key in keys.items()},
                   "over_input": {runtime: small[key] / small["utf8_bytes"] for runtime, key in keys.items()}},
        "at_10mb": {"utf8_bytes": large["utf8_bytes"], **{runtime: large[key] for runtime, key in keys.items()},
                    "over_input": {runtime: large[key] / large["utf8_bytes"] for runtime, key in keys.items()}},
    }  # fmt: skip


def latencies(samples):
    return {
        "p50_ms": measure.percentile(samples["single_ms"], 50),
        "p99_ms": measure.percentile(samples["single_ms"], 99),
        "batch_1000_ms": statistics.median(samples["batch_ms"]),
    }


def predict(corpus):
    texts = corpus[::PREDICT_EVERY][:PREDICT_TEXTS]
    node = measure.node_predict(texts, SINGLE_CALLS, BATCH_REPEAT)
    keras = measure.keras_predict(texts, SINGLE_CALLS, BATCH_REPEAT)
    return {
        "backend": node["backend"],
        "texts": len(texts),
        "sample": f"every {PREDICT_EVERY}th text of the corpus",
        "single_calls": SINGLE_CALLS,
        "batch_repeat": BATCH_REPEAT,
        **latencies(node),
        "keras": latencies(keras),
    }


def main():
    with sqlite3.connect(ROOT / "build" / "pipeline" / "corpus.sqlite") as db:
        corpus = [row[0] for row in db.execute("SELECT text FROM messages WHERE source = 'spamassassin' ORDER BY grp, id")]
    stale = [name for name in ("pipeline", "tfidf") if not measure.is_built(name)]
    if stale:
        bundles = ", ".join(f"js_dist/{name}.js" for name in stale)
        print(f"warning: not rebuilt since the sources changed: {bundles} (CPython runs the sources, Node the last build)\n")

    featurizer = load_pipeline("pipeline", ROOT)
    results = {"transform": throughput(featurizer, "pipeline", corpus)}
    tfidf = throughput(load_pipeline("tfidf", ROOT), "tfidf", corpus[::TFIDF_EVERY])
    results["tfidf"] = {**tfidf, "subset": f"every {TFIDF_EVERY}rd text"}
    results["scaling"] = scaling(featurizer)
    results["memory"] = marginal_memory(results["scaling"]["rows"])
    results["predict"] = predict(corpus)
    results["sklearn"] = sklearn_vs_onnx.measure()
    cold = measure.cold_start(corpus[0], COLD_RUNS)
    results["cold_start"] = {"runs": COLD_RUNS, **cold}
    results["cold_start_ms"] = cold["first_prediction_ms"]
    results["cold_start_wall_ms"] = cold["wall_ms"]
    results["browser"] = page.run()
    by_pipeline = {name: measure.sizes(name) for name in ("pipeline", "tfidf", "iris", "sklearn_sms")}
    results["size"] = {"by_pipeline": by_pipeline}
    flagship = by_pipeline["pipeline"]  # the flagship's at the top level (None if esbuild failed)
    for key in ("code_min_bytes", "code_gzip_bytes", "state_gzip_bytes", "model_bytes"):
        results[key.replace("code_", "bundle_code_")] = flagship.get(key)
    gate = {name: measure.parity_gate(name) for name in ("pipeline", "tfidf", "iris", "sklearn_sms")}
    # The build's parity gate, for the pipeline where it costs most (what a build waits for).
    results["build"] = {"parity_gate_s": max(g["median_s"] for g in gate.values()), "parity_gate_by_pipeline": gate}
    results["no_change_make"] = measure.no_change_make()
    results["no_change_make_s"] = results["no_change_make"].get("second_s")
    results["tool"] = measure.tool_builds()
    results["stale_bundles"] = stale
    results["scale"] = scale.run()
    results["targets"] = report.verdicts(results)

    print(report.render(results))
    print("\n### Scale: one process and Spark (bench/scale.py)\n\n" + scale.table(results["scale"]))
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    report.plot(results["scaling"]["rows"], [ROOT / "bench" / "scaling.png", ROOT / "docs" / "bench" / "scaling.png"])


if __name__ == "__main__":
    main()
