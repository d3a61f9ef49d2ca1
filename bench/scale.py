"""``make bench``'s scale section: the flagship featurizer on a synthetic corpus of a million mails.

The corpus (``SCALE_DOCS`` documents, default 1,000,000) is derived from the SpamAssassin messages,
deterministically: document ``i`` belongs to block ``i // BLOCK``, whose random generator is seeded
by the block number, so any process (the driver, an executor) makes the same documents for the
same indexes. Each document resamples one message: its Subject line, then a window of 10 to 40
words of its body, perturbed (a word in 8 swapped for a word of another message, one in 10 cased
otherwise, numbers redrawn): real mail vocabulary, in new combinations, with a long tail of rare
tokens as a real corpus has.

Measured, each in a fresh process so that its peak memory is its own:

- one process: the fit (the same mergeable statistics, fed in batches of 10,000 documents) and
  the transform of every document;
- Spark, a standalone cluster on this machine with 1 worker, then 2 workers (1 core each): the
  fit (``featurizers.spark.fit``) and the transform written as Parquet, reading the corpus from
  Parquet shards written once before the timings; the driver's peak resident memory (the Python
  driver process, and its JVM).

The fitted configs of all three must be byte-identical (the run stops otherwise). The machine has
2 cores shared with other work: the load average is recorded next to the times.
"""

import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = int(os.environ.get("SCALE_DOCS", 1_000_000))
BLOCK = 1000
SEED = 20261203
BATCH = 10_000
WORDS = re.compile(r"\S+")


def _messages(root=ROOT):
    """(subject, body words) of each SpamAssassin message, in the corpus's order."""
    import sqlite3

    from featurizers import EmailBody

    with sqlite3.connect(root / "build" / "pipeline" / "corpus.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM messages ORDER BY grp, id")]
    bodies = EmailBody().transform(texts)
    messages = []
    for text, body in zip(texts, bodies):
        subject = next((line[8:].strip() for line in text.split("\n") if line.lower().startswith("subject:")), "")
        words = WORDS.findall(body)
        if len(words) >= 20:
            messages.append((subject, words))
    return messages


def block_documents(messages, block):
    """The documents of one block (deterministic: the block number seeds its generator)."""
    rng = random.Random(SEED * 100_003 + block)
    documents = []
    first = block * BLOCK
    for _ in range(min(BLOCK, DOCS - first)):
        subject, words = messages[rng.randrange(len(messages))]
        length = rng.randint(10, 40)
        start = rng.randrange(max(1, len(words) - length))
        window = list(words[start : start + length])
        for k in range(len(window)):
            draw = rng.random()
            if draw < 0.125:
                other = messages[rng.randrange(len(messages))][1]
                window[k] = other[rng.randrange(len(other))]
            elif draw < 0.225:
                window[k] = window[k].upper() if rng.random() < 0.5 else window[k].capitalize()
            elif window[k].isdigit():
                window[k] = str(rng.randrange(10 ** len(window[k])))
        documents.append(f"Subject: {subject}\n\n" + " ".join(window))
    return documents


def blocks():
    return range((DOCS + BLOCK - 1) // BLOCK)


def make_featurizer():
    sys.path.insert(0, str(ROOT / "pipelines"))
    import pipeline

    return pipeline.make_featurizer()


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load():
    return os.getloadavg()[0]


# --- runs, each in its own process ------------------------------------------------------------


def run_one_process(out):
    messages = _messages()
    documents = []
    for block in blocks():
        documents.extend(block_documents(messages, block))
    featurizer = make_featurizer()
    started = time.perf_counter()
    stats = featurizer.fit_start()
    while stats is not None:
        for i in range(0, len(documents), BATCH):
            stats = featurizer.fit_add(stats, documents[i : i + BATCH])
        stats = featurizer.fit_finish(stats)
    fit_s = time.perf_counter() - started
    started = time.perf_counter()
    ids = 0
    for i in range(0, len(documents), BATCH):
        ids += sum(len(row) for row in featurizer.transform(documents[i : i + BATCH]))
    transform_s = time.perf_counter() - started
    return {"docs": len(documents), "fit_s": fit_s, "transform_s": transform_s, "peak_mb": peak_mb(),
            "config": featurizer.get_config(), "load": load()}  # fmt: skip


def _jvm_peak_mb(context):
    proc = getattr(context._gateway, "proc", None)
    try:
        status = Path(f"/proc/{proc.pid}/status").read_text()
    except (AttributeError, OSError):
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def write_corpus(path):
    """The corpus as Parquet shards, written by a local Spark (once; reused while it exists)."""
    import featurizers.spark as fs

    if (path / "_SUCCESS").is_file():
        return
    messages = _messages()
    spark = fs.session("local[2]", app_name="scale-corpus")
    try:
        context = spark.sparkContext
        shared = context.broadcast(messages)  # once per executor, not in every task's closure
        count = len(blocks())
        rdd = context.parallelize(list(blocks()), max(1, min(32, count // 16))).flatMap(
            lambda block: [(d,) for d in block_documents(shared.value, block)]
        )
        spark.createDataFrame(rdd, "text string").write.mode("overwrite").parquet(str(path))
    finally:
        spark.stop()


def run_spark(out, workers, corpus, features):
    import featurizers.spark as fs

    with fs.LocalCluster(workers=workers, cores=1, memory="3g") as cluster:
        spark = fs.session(cluster.url, app_name=f"scale-{workers}w", config={"spark.executor.memory": "3g"})
        try:
            frame = spark.read.parquet(str(corpus))
            started = time.perf_counter()
            fitted = fs.fit(make_featurizer(), frame, input_col="text")
            fit_s = time.perf_counter() - started
            started = time.perf_counter()
            fs.transform(fitted, frame, input_col="text", output_col="ids").write.mode("overwrite").parquet(str(features))
            transform_s = time.perf_counter() - started
            return {"workers": workers, "partitions": frame.rdd.getNumPartitions(), "fit_s": fit_s, "transform_s": transform_s,
                    "driver_peak_mb": peak_mb(), "driver_jvm_peak_mb": _jvm_peak_mb(spark.sparkContext),
                    "config": fitted.get_config(), "load": load()}  # fmt: skip
        finally:
            spark.stop()


def child(kind, *args, keep=None):
    """Run one measurement in a fresh Python process; its JSON result. With ``keep`` (a path),
    a result kept there by an earlier, interrupted run of the same corpus is reused (and says
    so): a run takes tens of minutes on a busy machine."""
    if keep is not None and keep.is_file():
        return dict(json.loads(keep.read_text()), resumed=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    subprocess.run([sys.executable, __file__, kind, out, *map(str, args)], check=True, cwd=ROOT)
    result = json.loads(Path(out).read_text())
    os.unlink(out)
    if keep is not None:
        keep.write_text(json.dumps(result))
    return result


def run(log=print):
    """The scale section of bench/results.json."""
    work = ROOT / "build" / "bench-scale"
    corpus = work / f"corpus-{DOCS}-{SEED}.parquet"
    log(f"scale: writing the {DOCS:,}-document corpus as Parquet (once) ...")
    child("corpus", corpus)
    log("scale: one process ...")
    one = child("one", "", keep=corpus.with_suffix(".one.json"))
    log("scale: Spark, 1 worker ...")
    w1 = child("spark", 1, corpus, work / "features-1w", keep=corpus.with_suffix(".1w.json"))
    log("scale: Spark, 2 workers ...")
    w2 = child("spark", 2, corpus, work / "features-2w", keep=corpus.with_suffix(".2w.json"))
    for kept in ("one", "1w", "2w"):  # a complete run: the next one measures afresh
        corpus.with_suffix(f".{kept}.json").unlink(missing_ok=True)
    texts = {json.dumps(r.pop("config"), sort_keys=True) for r in (one, w1, w2)}
    if len(texts) != 1:
        sys.exit("scale: the fitted configs differ between one process and Spark")
    return {
        "docs": DOCS,
        "corpus": "SpamAssassin messages resampled and perturbed (bench/scale.py), Parquet",
        "featurizer": "flagship (pipelines/pipeline.py)",
        "configs_identical": True,
        "one_process": one,
        "spark_1w": w1,
        "spark_2w": w2,
        "fit_speedup_2w_vs_1w": w1["fit_s"] / w2["fit_s"],
        "transform_speedup_2w_vs_1w": w1["transform_s"] / w2["transform_s"],
        "driver_peak_mb": w2["driver_peak_mb"],
        "driver_jvm_peak_mb": w2["driver_jvm_peak_mb"],
        "docs_per_s_2w": DOCS / w2["fit_s"],
        "transform_docs_per_s_2w": DOCS / w2["transform_s"],
        "docs_per_s_one_process": DOCS / one["fit_s"],
        "cores": os.cpu_count(),
    }


def table(scale):
    one, w1, w2 = scale["one_process"], scale["spark_1w"], scale["spark_2w"]
    rows = [
        "| run | fit (s) | fit docs/s | transform (s) | peak memory (MB) | load average |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| one process | {one['fit_s']:.1f} | {scale['docs'] / one['fit_s']:,.0f} | {one['transform_s']:.1f} | {one['peak_mb']:.0f} | {one['load']:.1f} |",
    ]
    for name, r in (("Spark, 1 worker", w1), ("Spark, 2 workers", w2)):
        rows.append(f"| {name} | {r['fit_s']:.1f} | {scale['docs'] / r['fit_s']:,.0f} | {r['transform_s']:.1f} (to Parquet) | "
                    f"driver {r['driver_peak_mb']:.0f} (JVM {r['driver_jvm_peak_mb'] or 0:.0f}) | {r['load']:.1f} |")  # fmt: skip
    rows.append("")
    rows.append(f"{scale['docs']:,} documents; configs byte-identical; fit speedup 2 workers vs 1: "
                f"{scale['fit_speedup_2w_vs_1w']:.2f}x, transform {scale['transform_speedup_2w_vs_1w']:.2f}x ({scale['cores']} cores)")  # fmt: skip
    return "\n".join(rows)


def main():
    if len(sys.argv) > 2 and sys.argv[1] in ("corpus", "one", "spark"):
        kind, out = sys.argv[1], sys.argv[2]
        if kind == "corpus":
            write_corpus(Path(sys.argv[3] if len(sys.argv) > 3 else out))
            result = {}
        elif kind == "one":
            result = run_one_process(out)
        else:
            result = run_spark(out, int(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
        Path(out).write_text(json.dumps(result))
        return
    # `python bench/scale.py`: this section alone, merged into bench/results.json.
    scale = run()
    print(table(scale))
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text()) if path.is_file() else {}
    results["scale"] = scale
    path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
