"""The measurements of ``make bench`` (bench/run.py): each function runs one, in CPython here and in
Node through the helpers in bench/node/, and returns plain numbers (seconds, bytes)."""

import gc
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bench" / "node"
WASM = {**os.environ, "FEATURIZERS_BACKEND": "wasm"}


def percentile(values, p):
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def write_json(directory, name, value):
    path = Path(directory) / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def node_json(args, env=None):
    result = subprocess.run(["node", *map(str, args)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"node {' '.join(map(str, args))} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def transform_side_by_side(featurizer, name, texts, repeat):
    """Seconds per transform of ``texts``, ``repeat`` trials after a warm-up, interleaved: a CPython
    trial, then one of the generated bundle and one of the hand-written baseline, in one Node process
    (which first checks that those two give equal outputs, and exits if not)."""
    times = {"python": [], "generated": [], "handwritten": []}
    with tempfile.TemporaryDirectory() as tmp:
        texts_path = write_json(tmp, "texts.json", texts)
        command = ["node", str(NODE_DIR / "transform.cjs"), name, texts_path]
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as node:
            featurizer.transform(texts)  # warm-up, while Node warms up and compares
            if node.stdout.readline() != "ready\n":
                node.wait()
                raise SystemExit(f"{name}: the Node side failed (its error is above)")
            for _ in range(repeat):
                start = time.perf_counter()
                featurizer.transform(texts)
                times["python"].append(time.perf_counter() - start)
                node.stdin.write("trial\n")
                node.stdin.flush()
                trial = json.loads(node.stdout.readline())
                times["generated"].append(trial["generated"])
                times["handwritten"].append(trial["handwritten"])
            node.stdin.close()
    return {runtime: statistics.median(seconds) for runtime, seconds in times.items()}


def calls_per_trial(texts, min_chars=1_000_000):
    """Transforms of ``texts`` in a row per timed trial, so that a trial covers at least ``min_chars``."""
    return max(1, -(-min_chars // max(1, sum(map(len, texts)))))


def python_seconds(featurizer, texts, repeat):
    """Median over ``repeat`` trials, after a warm-up, of the seconds per transform of ``texts``."""
    calls = calls_per_trial(texts)
    featurizer.transform(texts)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            featurizer.transform(texts)
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def node_seconds(implementation, name, batches, repeat):
    """The same in Node, for each batch in turn: "generated" (js_dist/NAME.js) or "handwritten"."""
    calls = [calls_per_trial(texts) for texts in batches]
    request = {"name": name, "implementation": implementation, "batches": batches, "repeat": repeat, "calls": calls}
    result = subprocess.run(["node", str(NODE_DIR / "timer.cjs")], input=json.dumps(request), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench/node/timer.cjs failed:\n{result.stderr}")
    return json.loads(result.stdout)


def node_peak_extra(which, name, document, repeat):
    """Median over ``repeat`` fresh Node processes of the peak RSS a transform of ``document`` adds."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.txt"
        path.write_text(document, encoding="utf-8")
        runs = [node_json(["--expose-gc", NODE_DIR / "memory.cjs", which, name, path]) for _ in range(repeat)]
    return statistics.median(run["peak_extra"] for run in runs)


def python_peak(featurizer, document):
    """Peak bytes that CPython allocates during one transform of ``document`` (tracemalloc)."""
    featurizer.transform([document])
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        featurizer.transform([document])
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def node_predict(texts, single_calls, batch_repeat):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_json(tmp, "texts.json", texts)
        return node_json([NODE_DIR / "predict.cjs", "pipeline", path, single_calls, batch_repeat], env=WASM)


def keras_predict(texts, single_calls, batch_repeat):
    """The same calls in CPython with tf_keras, in a process of its own (bench/keras_latency.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_json(tmp, "texts.json", texts)
        command = [sys.executable, str(ROOT / "bench" / "keras_latency.py"), path, str(single_calls), str(batch_repeat)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"bench/keras_latency.py failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def cold_start(text, runs):
    """Fresh `node` processes that require js_dist/pipeline.js and predict one text (wasm): per run,
    the in-process milliseconds from the process's start, and the wall time around the process."""
    with tempfile.TemporaryDirectory() as tmp:
        command = ["node", str(NODE_DIR / "cold_start.cjs"), "pipeline", write_json(tmp, "text.json", text)]
        subprocess.run(command, capture_output=True, check=True, env=WASM)  # file cache warm, not timed
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, env=WASM)
            wall_ms = (time.perf_counter() - start) * 1e3
            if result.returncode != 0:
                raise SystemExit(f"bench/node/cold_start.cjs failed:\n{result.stderr}")
            samples.append({**json.loads(result.stdout), "wall_ms": wall_ms})
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def sizes(name):
    """Bytes: the bundle's own code (entry, featurizers, predict stub; tfjs, the fitted state and
    the command line left out) minified and gzipped, the command line (js_dist/NAME/cli.js, which
    index.js requires only when run as a command) minified and gzipped alone, the fitted state
    gzipped, and the model files."""
    esbuild = [str(ROOT / "node_modules" / ".bin" / "esbuild"), "--bundle", "--minify", "--platform=node", "--format=cjs"]
    code = subprocess.run(
        [*esbuild, f"build/{name}/entry.cjs", "--external:@tensorflow/*", "--external:./state.cjs", "--external:./cli.js"],
        capture_output=True, cwd=ROOT,
    )  # fmt: skip
    cli = subprocess.run([*esbuild, f"js_dist/{name}/cli.js", "--external:./index.js"], capture_output=True, cwd=ROOT)
    for result in (code, cli):
        if result.returncode != 0:
            return {"error": f"esbuild {name}: " + result.stderr.decode(errors="replace").strip().splitlines()[0]}
    model_dir = ROOT / "js_dist" / name / "model"
    return {
        "code_min_bytes": len(code.stdout),
        "code_gzip_bytes": gzip_size(code.stdout),
        "cli_gzip_bytes": gzip_size(cli.stdout),
        "state_gzip_bytes": gzip_size((ROOT / "build" / name / "state.cjs").read_bytes()),
        "model_bytes": sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file()),
    }


def is_built(name):
    """Whether js_dist/NAME.js is up to date with its sources (`make -q`: nothing would run)."""
    query = subprocess.run(["make", "-q", f"js_dist/{name}.js"], cwd=ROOT, env=_make_env(), capture_output=True)
    return query.returncode == 0


def _make_env():
    # As a user's shell would run it, not as a sub-make of `make bench`.
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


REBUILD_STEPS = ("-m featurizers check", "-m featurizers train", "-m featurizers build", "npm ci")
OUTPUTS = ["build/pipeline/.trained", "js_dist/pipeline.js", "js_dist/pipeline/index.js", "js_dist/pipeline/state.json"]


def no_change_make():
    """Wall seconds of `make py=pipeline`, twice, when `make -n` shows that it would rebuild nothing
    (only then: it must not train or build); ``rebuilt`` says whether an output changed anyway."""
    dry = subprocess.run(["make", "-n", "py=pipeline"], cwd=ROOT, env=_make_env(), capture_output=True, text=True)
    pending = [line for line in dry.stdout.splitlines() if any(step in line for step in REBUILD_STEPS)]
    if dry.returncode != 0 or pending:
        return {"skipped": f"the tree is not built; make would run: {(pending or [dry.stderr.strip()])[0]}"}
    before = {p: (ROOT / p).stat().st_mtime_ns for p in OUTPUTS if (ROOT / p).exists()}
    seconds = []
    for _ in range(2):
        start = time.perf_counter()
        result = subprocess.run(["make", "py=pipeline"], cwd=ROOT, env=_make_env(), capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        if result.returncode != 0:
            return {"skipped": f"make py=pipeline failed:\n{result.stdout}{result.stderr}"}
    after = {p: (ROOT / p).stat().st_mtime_ns for p in OUTPUTS if (ROOT / p).exists()}
    return {"first_s": seconds[0], "second_s": seconds[1], "rebuilt": sorted(p for p in after if before.get(p) != after[p])}


def tool_builds():
    """A user's project outside the checkout (`featurizers new`, then `train`): the wall seconds of
    a first `featurizers build` with an empty toolchain cache (the toolchain's `npm ci` included,
    from npm's own download cache where it holds the tarballs), then of a second build with the
    npm registry unreachable."""
    with tempfile.TemporaryDirectory(prefix="featurizers-tool-") as folder:
        folder = Path(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("FEATURIZERS_")}
        env.update(FEATURIZERS_NODE_MODULES="cache", FEATURIZERS_CACHE=str(folder / "cache"))
        offline = dict(env, npm_config_registry="http://127.0.0.1:9/", npm_config_offline="true",
                       https_proxy="http://127.0.0.1:9", http_proxy="http://127.0.0.1:9")  # fmt: skip
        command = [str(ROOT / ".venv" / "bin" / "python"), "-m", "featurizers"]
        project = folder / "spam"
        seconds = {}
        for step, argv, cwd, step_env in [
            ("new_s", ["new", "spam"], folder, env),
            ("train_s", ["train", "pipeline.py"], project, env),
            ("first_build_s", ["build", "pipeline.py"], project, env),
            ("second_build_s", ["build", "pipeline.py"], project, offline),
        ]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = subprocess.run([*command, *argv], cwd=cwd, env=step_env, capture_output=True, text=True)
            seconds[step] = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU seconds (user + system, the command and its children): on a shared machine the
            # wall time of one run moves with the load, this much less.
            seconds[step.replace("_s", "_cpu_s")] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if result.returncode != 0:
                return {"skipped": f"featurizers {' '.join(argv)} failed:\n{result.stdout}{result.stderr}"}
        return seconds


def parity_gate(name, repeat=3):
    """What the build's parity gate costs for pipeline NAME: the gate run ``repeat`` times on the
    built package (the probe set of its build), median wall seconds."""
    from featurizers.compiler.gate import check_bundle, pipeline_probe, probe_cases
    from featurizers.training.artifacts import Artifacts, load_meta

    artifacts = Artifacts(name, ROOT)
    config = artifacts.read_json(artifacts.featurizer_json)
    cases = probe_cases(load_meta(name, ROOT), pipeline_probe(artifacts, artifacts.module()), config)
    seconds = [check_bundle(name, artifacts.package_bundle, config, cases, lambda: None, log=lambda *_: None) for _ in range(repeat)]
    return {"inputs": sum(len(batch) for _case, batch in cases), "repeat": repeat, "median_s": statistics.median(seconds)}
