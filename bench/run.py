"""``make bench``: every measurement in one run, medians of repeated trials, side by side.

1. transform throughput on the SpamAssassin corpus, flagship and tfidf pipelines: CPython, the
   generated bundle in Node and the hand-written JS baseline (bench/handwritten.cjs), interleaved;
2. scaling: time per character and peak memory of one adversarial document, 1 KB to 10 MB;
3. predict latency in Node (tfjs wasm) next to CPython with tf_keras;
4. cold start of a Node process to its first prediction;
5. sizes: the bundle's code, the fitted state, the model;
6. `make py=pipeline` with nothing changed.

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

import measure  # noqa: E402
import report  # noqa: E402
from adversarial import ADVERSARIAL  # noqa: E402

from featurizers import load_pipeline  # noqa: E402

REPEAT = 5  # timed trials after a warm-up, for each throughput
TFIDF_EVERY = 3  # tfidf: every 3rd text (CPython takes ~10 s per corpus pass), the same for all three
SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
MEMORY_REPEAT = 3  # fresh Node processes per size and implementation
PREDICT_EVERY, PREDICT_TEXTS, SINGLE_CALLS, BATCH_REPEAT = 6, 1_000, 1_000, 5
COLD_RUNS = 9


def adversarial_document(size):
    """A message of ``size`` characters: every adversarial case, long runs that tempt regex
    backtracking (no '@' after a long local part, unclosed tags, digit runs, a URL) included."""
    pieces = list(ADVERSARIAL.values()) + ["a" * 5_000 + " ", "<" * 2_000 + " ", "9" * 3_000 + " "]
    body = " ".join(pieces)
    text = "Subject: scaling\n\n" + body * (size // len(body) + 1)
    return text[:size]


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


def scaling(featurizer):
    documents = [adversarial_document(size) for size in SIZES]
    js_times = measure.node_seconds("generated", "pipeline", [[d] for d in documents], repeat=3)
    hw_times = measure.node_seconds("handwritten", "pipeline", [[d] for d in documents], repeat=3)
    rows = []
    for size, document, js_time, hw_time in zip(SIZES, documents, js_times, hw_times):
        py_time = measure.python_seconds(featurizer, [document], repeat=3)
        rows.append({
            "chars": size,
            "utf8_bytes": len(document.encode("utf-8")),
            "python_ns_per_char": py_time / size * 1e9,
            "js_ns_per_char": js_time / size * 1e9,
            "handwritten_ns_per_char": hw_time / size * 1e9,
            "js_peak_extra_bytes": measure.node_peak_extra("generated", "pipeline", document, MEMORY_REPEAT),
            "handwritten_peak_extra_bytes": measure.node_peak_extra("handwritten", "pipeline", document, MEMORY_REPEAT),
            "python_peak_bytes": measure.python_peak(featurizer, document),
        })  # fmt: skip
    by_runtime = {
        runtime: max(r[f"{runtime}_ns_per_char"] for r in rows) / min(r[f"{runtime}_ns_per_char"] for r in rows)
        for runtime in ("python", "js", "handwritten")
    }
    keys = {"js": "js_peak_extra_bytes", "handwritten": "handwritten_peak_extra_bytes", "python": "python_peak_bytes"}
    large = [r for r in rows if r["chars"] >= 1_000_000]  # where fixed costs don't dominate
    memory = {runtime: max(r[key] / r["utf8_bytes"] for r in large) for runtime, key in keys.items()}
    return {
        "rows": rows,
        "max_over_min_time_per_char": by_runtime["js"],  # the target is about Node
        "by_runtime": by_runtime,
        "memory_over_input": memory["js"],
        "memory_over_input_by_runtime": memory,
    }


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
        corpus = [row[0] for row in db.execute("SELECT text FROM messages ORDER BY grp, id")]
    stale = [name for name in ("pipeline", "tfidf") if not measure.is_built(name)]
    if stale:
        bundles = ", ".join(f"js_dist/{name}.js" for name in stale)
        print(f"warning: not rebuilt since the sources changed: {bundles} (CPython runs the sources, Node the last build)\n")

    featurizer = load_pipeline("pipeline", ROOT)
    results = {"transform": throughput(featurizer, "pipeline", corpus)}
    tfidf = throughput(load_pipeline("tfidf", ROOT), "tfidf", corpus[::TFIDF_EVERY])
    results["tfidf"] = {**tfidf, "subset": f"every {TFIDF_EVERY}rd text"}
    results["scaling"] = scaling(featurizer)
    results["predict"] = predict(corpus)
    cold = measure.cold_start(corpus[0], COLD_RUNS)
    results["cold_start"] = {"runs": COLD_RUNS, **cold}
    results["cold_start_ms"] = cold["first_prediction_ms"]
    results["cold_start_wall_ms"] = cold["wall_ms"]
    by_pipeline = {name: measure.sizes(name) for name in ("pipeline", "tfidf", "iris")}
    results["size"] = {"by_pipeline": by_pipeline}
    flagship = by_pipeline["pipeline"]  # the flagship's at the top level (None if esbuild failed)
    for key in ("code_min_bytes", "code_gzip_bytes", "state_gzip_bytes", "model_bytes"):
        results[key.replace("code_", "bundle_code_")] = flagship.get(key)
    results["no_change_make"] = measure.no_change_make()
    results["no_change_make_s"] = results["no_change_make"].get("second_s")
    results["stale_bundles"] = stale
    results["targets"] = report.verdicts(results)

    print(report.render(results))
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    report.plot(results["scaling"]["rows"], [ROOT / "bench" / "scaling.png", ROOT / "docs" / "bench" / "scaling.png"])


if __name__ == "__main__":
    main()
