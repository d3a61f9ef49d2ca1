"""What ``make bench`` shows: the targets, one Markdown table per measurement, and the scaling plot."""

# (key in the results, what, target as text, passes?) — KB and MB are 1,000 and 1,000,000 bytes.
TARGETS = [
    ("transform.js_vs_python", "flagship: generated JS vs CPython (speed)", ">= 1.5x", lambda v: v >= 1.5),
    ("transform.js_vs_handwritten", "flagship: generated JS vs hand-written JS (speed)", ">= 0.8x", lambda v: v >= 0.8),
    ("tfidf.js_vs_python", "tfidf: generated JS vs CPython (speed)", ">= 1.5x", lambda v: v >= 1.5),
    ("tfidf.js_vs_handwritten", "tfidf: generated JS vs hand-written JS (speed)", ">= 0.8x", lambda v: v >= 0.8),
    ("scaling.max_over_min_time_per_char", "Node: time per character, max/min over 1 KB..10 MB", "<= 2", lambda v: v <= 2),
    ("memory.marginal_over_input", "Node: extra memory per input byte, 1 MB to 10 MB (marginal)", "<= 4x", lambda v: v <= 4),
    ("predict.p50_ms", "Node wasm: predict one text, p50 ms", "<= 1 ms", lambda v: v <= 1),
    ("predict.p99_ms", "Node wasm: predict one text, p99 ms", "<= 2 ms", lambda v: v <= 2),
    ("cold_start_ms", "Node: process start to first prediction, ms", "<= 150 ms", lambda v: v <= 150),
    ("browser.code_and_wasm_gzip", "browser: code, tfjs and wasm fetched up to the first prediction, gzip -9, bytes", "<= 600,000", lambda v: v <= 600_000),
    ("browser.click_to_prediction_ms", "browser: click to first prediction, the page loaded, ms", "<= 150 ms", lambda v: v <= 150),
    ("bundle_code_gzip_bytes", "flagship bundle code, gzip -9, bytes", "<= 12,000", lambda v: v <= 12_000),
    ("build.parity_gate_s", "build: the parity gate, slowest pipeline, s", "<= 3 s", lambda v: v <= 3),
    ("sklearn.mismatches_ours", "scikit-learn pipeline: texts whose vector or label differ, ours", "0", lambda v: v == 0),
    ("no_change_make_s", "`make py=pipeline` with nothing changed, s", "<= 5 s", lambda v: v <= 5),
]


def lookup(results, key):
    value = results
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def verdicts(results):
    """{key: {"value", "target", "pass"}}; pass is None where the value could not be measured."""
    out = {}
    for key, _, target, ok in TARGETS:
        value = lookup(results, key)
        out[key] = {"value": value, "target": target, "pass": None if value is None else bool(ok(value))}
    return out


def mark(verdict):
    return {True: "PASS", False: "MISS", None: "not measured"}[verdict["pass"]]


def section(title, note, header, rows):
    lines = [f"## {title}", "", note, "", "| " + " | ".join(header) + " |", "|" + " --- |" + " ---: |" * (len(header) - 1)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]) + "\n"


def render(results):
    v = results["targets"]

    def check(key, text):
        return f"{text} {mark(v[key])}"

    out = []
    rows = []
    for key, label in [("transform", "flagship"), ("tfidf", "tfidf")]:
        r = results[key]
        texts = f"{r['texts']:,}" + (f", {r['subset']}" if "subset" in r else "")
        rows.append(
            [f"{label} ({texts})"]
            + [f"{r[f'{runtime}_docs_per_s']:,.0f}" for runtime in ("python", "js", "handwritten")]
            + [check(f"{key}.{vs}", f"{r[vs]:.3f}x") for vs in ("js_vs_python", "js_vs_handwritten")]
        )
    out.append(section(
        "Transform throughput, SpamAssassin corpus",
        f"Medians of {results['transform']['repeat']} trials after a warm-up; CPython, generated and hand-written trials "
        "interleaved, the two JS in one Node process (their outputs checked equal). Ratios are speeds: > 1, the "
        "generated JS is the faster.",
        ["pipeline (texts)", "CPython docs/s", "generated JS docs/s", "hand-written JS docs/s",
         "generated vs CPython (target >= 1.5x)", "generated vs hand-written (target >= 0.8x)"],
        rows,
    ))  # fmt: skip

    s = results["scaling"]
    runtimes = ("python", "js", "handwritten")
    rows = [[f"{r['chars']:,}"] + [f"{r[f'{rt}_ns_per_char']:.0f}" for rt in runtimes] for r in s["rows"]]
    ratios = {rt: f"{s['by_runtime'][rt]:.3f}" for rt in runtimes}
    rows.append(["max/min (target <= 2, Node)", ratios["python"],
                 check("scaling.max_over_min_time_per_char", ratios["js"]), ratios["handwritten"]])  # fmt: skip
    out.append(section(
        "Scaling: time per character of one document, flagship featurizer",
        "The same 1 KB mix (mail prose, URL, address, numbers, every short adversarial case) repeated to each "
        "length. Median of 3 trials after a warm-up; a trial covers >= 1 M characters (1,000 calls at 1 KB).",
        ["characters", "CPython ns/char", "generated JS ns/char", "hand-written JS ns/char"],
        rows,
    ))  # fmt: skip
    runs = s["runs"]
    rows = [[f"{r['chars']:,}"] + [f"{r[f'{rt}_ns_per_char']:.0f}" for rt in runtimes] for r in runs["rows"]]
    rows.append(["max/min"] + [f"{runs['by_runtime'][rt]:.3f}" for rt in runtimes])
    out.append(section(
        "Scaling on pathological input: long runs that tempt regex backtracking",
        "Each document is four runs of a quarter of its length: letters with no '@', '<' with no '>', digits, "
        "and a URL that never ends. A per-character time that stays flat means linear cost.",
        ["characters", "CPython ns/char", "generated JS ns/char", "hand-written JS ns/char"],
        rows,
    ))  # fmt: skip

    memory = ("js_peak_extra_bytes", "handwritten_peak_extra_bytes", "python_peak_bytes")
    rows = [
        [f"{r['chars']:,}", f"{r['utf8_bytes']:,}"]
        + [f"{r[key] / 1e6:.2f} MB = {r[key] / r['utf8_bytes']:.1f}x" for key in memory]
        for r in s["rows"]
    ]
    m = results["memory"]["marginal_over_input_by_runtime"]
    rows.append(["marginal, 1 MB to 10 MB (target <= 4x, Node)", "", check("memory.marginal_over_input", f"{m['js']:.1f}x"),
                 f"{m['handwritten']:.1f}x", f"{m['python']:.1f}x"])  # fmt: skip
    out.append(section(
        "Scaling: peak memory of one transform of the same documents",
        "The peak extra during one transform, and that / the UTF-8 input bytes. Node: peak RSS over the RSS "
        "before (after a gc), median of 3 fresh processes; CPython: tracemalloc peak. The target is the marginal "
        "growth: (peak at 10 MB - peak at 1 MB) / (bytes at 10 MB - bytes at 1 MB), where fixed costs cancel.",
        ["characters", "UTF-8 bytes", "generated JS, Node", "hand-written JS, Node", "CPython"],
        rows,
    ))  # fmt: skip

    p, k = results["predict"], results["predict"]["keras"]
    out.append(section(
        "Predict, flagship model",
        f"{p['texts']:,} texts ({p['sample']}); a call is transform + model; {p['single_calls']:,} calls of one text "
        f"after a warm-up, then one call of all {p['texts']:,} (median of {p['batch_repeat']}).",
        ["", f"Node, tfjs {p['backend']}", "CPython, tf_keras model(x)", "target"],
        [["one text per call, p50 ms", f"{p['p50_ms']:.2f}", f"{k['p50_ms']:.2f}", check("predict.p50_ms", "<= 1 ms")],
         ["one text per call, p99 ms", f"{p['p99_ms']:.2f}", f"{k['p99_ms']:.2f}", check("predict.p99_ms", "<= 2 ms")],
         [f"{p['texts']:,} texts in one call, ms", f"{p['batch_1000_ms']:.0f}", f"{k['batch_1000_ms']:.0f}", ""]],
    ))  # fmt: skip

    sk = results.get("sklearn")
    if sk is not None:
        out.append(section(
            "scikit-learn pipeline: ours against skl2onnx + onnxruntime-node",
            f"pipelines/sklearn_sms.py (TfidfVectorizer words and pairs, LogisticRegression) on {sk['texts']:,} held-out "
            f"SMS: our package's predict (tfjs wasm) and onnxruntime-node on skl2onnx's conversion, in one Node "
            f"process, interleaved, median of {sk['repeat']}. A text mismatches when a TF-IDF component differs from "
            "scikit-learn's by more than 1e-6 or its top label does.",
            ["", "ours", "skl2onnx + onnxruntime", "ours vs onnxruntime (speed)"],
            [[f"predict {sk['texts']:,} texts, ms", f"{sk['ours_predict_ms']:.0f}", f"{sk['onnxruntime_predict_ms']:.0f}", f"{sk['js_vs_onnxruntime']:.3f}x"],
             ["texts whose vector or label differ", check("sklearn.mismatches_ours", f"{sk['mismatches_ours']:,}"), f"{sk['mismatches_onnx']:,}", ""],
             ["of them, top labels that differ", "0" if sk["mismatches_ours"] == 0 else "", f"{sk['label_mismatches_onnx']:,}", ""]],
        ))  # fmt: skip

    c = results["cold_start"]
    out.append(section(
        "Cold start",
        f"A new `node` requires js_dist/pipeline.js and predicts one text (wasm); medians of {c['runs']} runs, "
        "after one untimed run.",
        ["milliseconds from the process's start to", "median", "target"],
        [["the script's first line (Node's own startup)", f"{c['script_ms']:.0f}", ""],
         ["the bundle required", f"{c['require_ms']:.0f}", ""],
         ["tfjs, its wasm backend and the model loaded", f"{c['load_ms']:.0f}", ""],
         ["the first prediction (in-process)", f"{c['first_prediction_ms']:.0f}", check("cold_start_ms", "<= 150")],
         ["the process's exit (wall clock around the spawn)", f"{c['wall_ms']:.0f}", ""]],
    ))  # fmt: skip

    if "browser" in results:
        out.append(browser_section(results))

    rows = []
    for name, z in results["size"]["by_pipeline"].items():
        if "error" in z:
            rows.append([name, z["error"], "", "", "", ""])
            continue
        gz = f"{z['code_gzip_bytes']:,}"
        gz = check("bundle_code_gzip_bytes", gz) if name == "pipeline" else gz
        cli = f"{z['cli_gzip_bytes']:,}" if "cli_gzip_bytes" in z else ""  # older results.json lack it
        rows.append([name, f"{z['code_min_bytes']:,}", gz, cli, f"{z['state_gzip_bytes']:,}", f"{z['model_bytes']:,}"])
    out.append(section(
        "Size, bytes",
        "Code: `esbuild build/NAME/entry.cjs --bundle --minify` without tfjs, the fitted state and the command "
        "line, then gzip -9; command line: js_dist/NAME/cli.js the same way, alone; state: build/NAME/state.cjs, "
        "gzip -9; model: js_dist/NAME/model/. Target: flagship code gzip <= 12,000.",
        ["pipeline", "code, minified", "code, gzip", "command line, gzip", "fitted state, gzip", "model files"],
        rows,
    ))  # fmt: skip

    gate = results["build"]["parity_gate_by_pipeline"]
    slowest = max(gate, key=lambda name: gate[name]["median_s"])
    rows = [[name, f"{g['inputs']:,}", check("build.parity_gate_s", f"{g['median_s']:.2f}") if name == slowest else f"{g['median_s']:.2f}"]
            for name, g in gate.items()]  # fmt: skip
    note = ("Every build requires its bundle in Node and compares it with the fitted config in CPython on the probe set "
            "(SAMPLES, the training slice, the adversarial set), exactly: median of 3 runs on the built package. "
            "Target: the slowest <= 3 s.")
    out.append(section("The build's parity gate", note, ["pipeline", "inputs", "seconds"], rows))

    n = results["no_change_make"]
    if "skipped" in n:
        rows = [["second run", f"not measured: {n['skipped']}", "<= 5"]]
    else:
        rows = [["first run", f"{n['first_s']:.2f}", ""],
                ["second run", f"{n['second_s']:.2f}", check("no_change_make_s", "<= 5")],
                ["outputs rewritten", ", ".join(n["rebuilt"]) or "none", "none"]]  # fmt: skip
    note = "Run twice; the second run's wall seconds count."
    out.append(section("`make py=pipeline` with nothing changed", note, ["wall seconds", "value", "target"], rows))

    t = results.get("tool", {})
    if "skipped" in t or not t:
        rows = [["first build", f"not measured: {t.get('skipped', 'no result')}", "", ""]]
    else:
        rows = [["`featurizers new spam`", f"{t['new_s']:.1f}", f"{t['new_cpu_s']:.1f}", ""],
                ["`featurizers train pipeline.py` (not a target)", f"{t['train_s']:.1f}", f"{t['train_cpu_s']:.1f}", ""],
                ["first `featurizers build pipeline.py`, toolchain cache empty", f"{t['first_build_s']:.1f}", f"{t['first_build_cpu_s']:.1f}", "tool.first_build_s"],
                ["second build, npm registry unreachable", f"{t['second_build_s']:.1f}", f"{t['second_build_cpu_s']:.1f}", "tool.second_build_s"]]  # fmt: skip
    out.append(section(
        "Your own project: the `featurizers` command outside the checkout",
        "A scaffolded project in a temporary folder; the toolchain from the per-user cache, which starts empty "
        "(its `npm ci` reads npm's own download cache where that holds the tarballs).",
        ["step", "wall seconds", "CPU seconds", "results.json"],
        rows,
    ))  # fmt: skip

    rows = [[what, fmt(v[key]["value"]), target, mark(v[key])] for key, what, target, _ in TARGETS]
    out.append(section("Targets", "All of the above against the targets.", ["what", "value", "target", "verdict"], rows))
    return "\n".join(out)


def browser_section(results):
    """The demo page's cold start in Chromium (bench/page.py), and what it fetched."""
    b = results["browser"]
    if "skipped" in b:
        return section("Browser: the demo page's cold start", f"Not measured: {b['skipped']}.", ["", ""], [])
    v = results["targets"]
    kinds = b["by_kind"]
    rows = [[k, f"{kinds[k]['files']}", f"{kinds[k]['raw']:,}", f"{kinds[k]['gzip']:,}", ""] for k in kinds]
    rows.append(["code, tfjs and wasm", "", f"{sum(kinds[k]['raw'] for k in kinds if k != 'model'):,}",
                 f"{b['code_and_wasm_gzip']:,} {mark(v['browser.code_and_wasm_gzip'])}", "<= 600,000 gzip"])
    rows.append(["all", f"{len(b['files'])}", f"{b['bytes_raw']:,}", f"{b['bytes_gzip']:,}", ""])
    rows += [
        ["ms: navigation to the load event", "", f"{b['load_ms']:.0f}", "", ""],
        ["ms: navigation to the first prediction, Predict clicked at the load event", "", f"{b['first_prediction_ms']:.0f}", "", ""],
        ["ms: of which the click (at the load event) to the first prediction", "", f"{b['click_at_load_to_prediction_ms']:.0f}", "", ""],
        ["ms: the click to the first prediction, Predict clicked once the page has loaded", "",
         f"{b['click_to_prediction_ms']:.0f}", "", f"<= 150 {mark(v['browser.click_to_prediction_ms'])}"],
    ]  # fmt: skip
    return section(
        "Browser: the demo page's cold start",
        f"{b['page']} served from 127.0.0.1, Debian's Chromium through Playwright, a fresh context (empty cache) per "
        "visit; Predict clicked by the page as its load event fires, or by Playwright once the page has loaded (the "
        f"load event, then no request for 500 ms); medians of {b['runs']} visits of each kind after one untimed visit. "
        "Bytes: the files fetched up to the first prediction, as served and gzip -9; tfjs: the chunks "
        "(bench/page.py).",
        ["files fetched, by kind / time", "files", "bytes or ms", "gzip -9 bytes", "target"],
        rows,
    )


def fmt(value):
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"  # enough digits to see the verdict


def plot(rows, paths):
    """Time per character against document length, both runtimes; deterministic PNG (no metadata)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4), dpi=100)
    chars = [r["chars"] for r in rows]
    ax.plot(chars, [r["python_ns_per_char"] for r in rows], marker="o", label="CPython")
    ax.plot(chars, [r["js_ns_per_char"] for r in rows], marker="s", label="generated JS, Node")
    ax.plot(chars, [r["handwritten_ns_per_char"] for r in rows], color="0.5", linestyle="--", label="hand-written JS, Node")
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("document length, characters")
    ax.set_ylabel("time per character, ns")
    ax.set_title("Flagship featurizer, one document of mail and adversarial text")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize="small", frameon=False)
    fig.tight_layout()
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
