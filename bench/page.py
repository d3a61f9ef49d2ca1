"""The page's cold start: the flagship's demo page (js_dist/pipeline/demo/) in Chromium.

js_dist/ is served on 127.0.0.1 by Python's static file server; Debian's Chromium, driven by
Playwright as the browser tests drive it, opens the page in a fresh context (an empty cache) for
every visit, clicks Predict and waits for the first prediction. bench/page_marks.js, added to the
page before its own scripts, notes when the click lands and when the prediction shows. Two kinds
of visits, ``RUNS`` of each, interleaved, after one untimed visit (medians):

- a click as the load event fires (page_marks.js clicks): ms from the navigation's start to
  the first prediction (the whole cold start, whatever the page loads before or after the click);
- a click once the page has loaded: the load event, then no request for 500 ms (Playwright's
  ``networkidle``): ms from the click to the first prediction.

Bytes: every file the visits fetched (the demo page fetches what it needs by its first
prediction), raw as served and gzip -9 (what a server that compresses would send), by kind: ``code`` (the page, browser.js), ``tfjs`` (the chunks,
by their source maps), ``wasm`` and ``model``.

``python bench/page.py`` runs this section alone and merges it into bench/results.json.
"""

import gzip
import json
import re
import statistics
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "js_dist"
MARKS = Path(__file__).resolve().parent / "page_marks.js"
PAGE = "pipeline/demo/"
RUNS = 5
KINDS = ("code", "tfjs", "wasm", "model")


@contextmanager
def serve(directory):
    """Python's static file server on 127.0.0.1, in a process of its own (in this one, it would
    share the interpreter with Playwright's driver); yields its base URL."""
    command = [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(directory)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        yield re.search(r"\(([^)]+)\)", server.stdout.readline()).group(1)
    finally:
        server.terminate()
        server.wait()


def kind(path):
    """What a fetched file (``pipeline/...``) is: wasm, model, tfjs, or code. The chunks exist for
    tfjs, which browser.js imports on first use: a chunk is tfjs unless its source map names a
    source of the package's own (any but an npm package's, ``node_modules/``, and tfjs' own
    TypeScript, ``tfjs-*/src/``, where tfjs' published maps put it)."""
    folder = path.parent.name
    if path.suffix == ".wasm":
        return "wasm"
    if folder == "model":
        return "model"
    if folder == "chunks":
        sources = json.loads(path.with_name(path.name + ".map").read_text(encoding="utf-8"))["sources"]
        own = [s for s in sources if "node_modules/" not in s and not re.search(r"(^|/)tfjs-[a-z-]+/src/", s)]
        return "code" if own else "tfjs"
    return "code"


def visit(browser, url, patient):
    """One visit in a fresh context: open the page, click Predict, wait for the prediction. The
    click comes as the load event fires (page_marks.js clicks), or, ``patient``, once the page has
    loaded (Playwright clicks). Returns the marks (ms since the navigation started) and the URLs
    fetched."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if not patient:
            page.add_init_script("window.__benchClickAtLoad = true")
        page.add_init_script(path=str(MARKS))
        fetched = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(url, wait_until="load")
        if patient:
            page.wait_for_load_state("networkidle")
            page.click("#predict")
        page.wait_for_function("window.__benchMarks.done", timeout=60_000)
        marks = page.evaluate("window.__benchMarks")
        if "error" in marks:
            raise SystemExit(f"the demo page failed to predict: {marks['error']}")
        marks["load"] = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
        return marks, fetched
    finally:
        context.close()


def files_of(urls, base, dist):
    """The files in ``dist`` behind the fetched URLs (each once, in order)."""
    paths = []
    for url in urls:
        if url.startswith(base):
            path = dist / unquote(urlparse(url).path).lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            if path not in paths:
                paths.append(path)
    return paths


def bytes_by_kind(paths, dist):
    files = []
    for path in paths:
        data = path.read_bytes()
        raw, gz = len(data), len(gzip.compress(data, compresslevel=9, mtime=0))
        files.append({"path": path.relative_to(dist).as_posix(), "kind": kind(path), "raw": raw, "gzip": gz})
    by_kind = {}
    for k in KINDS:
        of_kind = [f for f in files if f["kind"] == k]
        by_kind[k] = {"files": len(of_kind), "raw": sum(f["raw"] for f in of_kind), "gzip": sum(f["gzip"] for f in of_kind)}
    return files, by_kind


def run(runs=RUNS, dist=DIST, log=print):
    """The browser section of bench/results.json, for the demo page in ``dist``."""
    from playwright.sync_api import sync_playwright

    from featurizers.testing.runtimes import CHROMIUM_ARGS, find_chromium

    chromium = find_chromium()
    if chromium is None:
        return {"skipped": "no Chromium or no Playwright (`make test` installs Debian's chromium)"}
    log(f"browser: {PAGE} in {chromium}, {2 * runs} fresh contexts ...")
    with serve(dist) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            visit(browser, base + PAGE, patient=False)  # untimed: the browser's first page, the files in the OS cache
            eager, patient = [], []
            for _ in range(runs):
                eager.append(visit(browser, base + PAGE, patient=False))
                patient.append(visit(browser, base + PAGE, patient=True))
        finally:
            browser.close()
    # What the page fetches, whenever the click comes.
    fetched = [url for _, urls in eager + patient for url in urls]
    files, by_kind = bytes_by_kind(files_of(fetched, base, dist), dist)
    return {
        "runs": runs,
        "page": f"js_dist/{PAGE}",
        "first_prediction_ms": statistics.median(m["predicted"] for m, _ in eager),
        "click_to_prediction_ms": statistics.median(m["predicted"] - m["click"] for m, _ in patient),
        # The other visits' click to prediction: what a click at the load event waits for.
        "click_at_load_to_prediction_ms": statistics.median(m["predicted"] - m["click"] for m, _ in eager),
        "load_ms": statistics.median(m["load"] for m, _ in eager + patient),
        "bytes_raw": sum(f["raw"] for f in files),
        "bytes_gzip": sum(f["gzip"] for f in files),
        # What the target counts: everything but the model's files.
        "code_and_wasm_gzip": sum(by_kind[k]["gzip"] for k in ("code", "tfjs", "wasm")),
        "by_kind": by_kind,
        "files": files,
    }


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import report

    browser = run()
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    results["browser"] = browser
    results["targets"] = report.verdicts(results)
    print(report.browser_section(results))
    path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
