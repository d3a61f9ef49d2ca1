"""What the browser module fetches: minified code, with source maps that lead to the Python
sources, and only the parts of tfjs that the model needs (its core, the loader of the model's
format, the backend in use), whichever the format and the backend."""

import json
import re
import subprocess

import numpy as np

from featurizers import load_pipeline
from featurizers.training import models
from harness import ROOT

SOURCES = ROOT / "src" / "featurizers"


def fetched_while(page, script, *args):
    """Run ``script`` in the page; returns its result and the js_dist/ files it made the page fetch."""
    urls = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    result = page.evaluate(script, *args)
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    return result, [ROOT / "js_dist" / url[len(origin) + 1 :] for url in urls if url.startswith(origin)]


def tfjs_sources(chunks):
    """{tfjs package: [its source files]} that the chunks' source maps name (tfjs' published maps
    name its TypeScript as ``.../tfjs-core/src/...``)."""
    found = {}
    for chunk in chunks:
        for source in json.loads(chunk.with_name(chunk.name + ".map").read_text(encoding="utf-8"))["sources"]:
            package = re.search(r"(tfjs-[a-z-]+)/(?:src|dist|wasm-out)/", source)
            if package:
                found.setdefault(package.group(1), []).append(source)
    return found


def keras_scores(artifacts, features, dtype):
    return models.load_model(artifacts.keras_model).predict(np.asarray(features, dtype=dtype), verbose=0)


def worst_difference(browser, scores, labels):
    return max(abs(e["score"] - float(scores[i][labels.index(e["label"])])) for i, ranked in enumerate(browser) for e in ranked)


def test_a_graph_model_fetches_tfjs_core_the_converter_and_the_wasm_backend_only(page, flagship):
    """The flagship is a graph model: no tfjs-layers, no webgl, no cpu backend (the wasm backend
    uses some of the cpu package's kernel functions, not its backend), no umbrella package."""
    backend, files = fetched_while(page, "async () => (await (await import('/pipeline/browser.js')).load()).backend")
    assert backend == "wasm"
    chunks = [path for path in files if path.parent.name == "chunks"]
    packages = tfjs_sources(chunks)
    assert {"tfjs-core", "tfjs-converter", "tfjs-backend-wasm"} <= set(packages)
    assert set(packages) <= {"tfjs-core", "tfjs-converter", "tfjs-backend-wasm", "tfjs-backend-cpu"}
    assert not [s for s in packages.get("tfjs-backend-cpu", []) if s.endswith(("/backend_cpu.ts", "/register_all_kernels.ts"))]
    assert [path.name for path in files if path.suffix == ".wasm"] == ["tfjs-backend-wasm-simd.wasm"]


def test_the_code_a_page_fetches_is_minified(page, flagship):
    """esbuild's --minify gains less than 10% more on any script the page fetches (without the
    license comments kept at each file's end): unminified, tfjs' core was 2.4x its minified size."""
    _, files = fetched_while(page, "async () => { await (await import('/pipeline/browser.js')).load(); }")
    scripts = [path for path in files if path.suffix == ".js"]
    assert len(scripts) >= 4
    for path in scripts:
        code = path.read_text(encoding="utf-8").split("/*! Bundled license information:")[0]
        again = subprocess.run(
            [ROOT / "node_modules" / ".bin" / "esbuild", "--minify", "--format=esm", "--legal-comments=none"],
            input=code, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert len(again) > 0.9 * len(code.split("//# sourceMappingURL=")[0]), path


def test_the_cpu_backend_is_fetched_when_asked_for_and_predicts_as_keras_does(page, flagship):
    texts = ["Win a FREE cruise now!!! Reply YES", "Are we still on for lunch tomorrow?", ""]
    script = """async (texts) => {
      const p = await import('/pipeline/browser.js');
      const { backend } = await p.load(undefined, { backend: 'cpu' });
      return [backend, await p.predict(texts)];
    }"""
    (backend, browser), files = fetched_while(page, script, texts)
    assert backend == "cpu"
    chunks = [path for path in files if path.parent.name == "chunks"]
    assert "tfjs-backend-wasm" not in tfjs_sources(chunks)
    assert [s for s in tfjs_sources(chunks)["tfjs-backend-cpu"] if s.endswith("/backend_cpu.ts")]
    assert not [path for path in files if path.suffix == ".wasm"]
    scores = keras_scores(flagship, load_pipeline("pipeline", flagship.root).transform(texts), np.int32)
    assert [r[0]["label"] for r in browser] == [["ham", "spam"][int(row.argmax())] for row in scores]
    assert worst_difference(browser, scores, ["ham", "spam"]) < 1e-5


def test_a_layers_model_loads_with_tfjs_layers_and_predicts_as_keras_does(page, tfidf):
    """The TF-IDF pipeline's model is a layers model: tfjs-layers is fetched, not the converter."""
    texts = ["Win a FREE cruise now!!! Reply YES to claim", "Are we still on for lunch tomorrow?", "!!!"]
    script = "async (texts) => (await import('/tfidf/browser.js')).predict(texts)"
    browser, files = fetched_while(page, script, texts)
    packages = tfjs_sources([path for path in files if path.parent.name == "chunks"])
    assert "tfjs-layers" in packages and "tfjs-converter" not in packages
    scores = keras_scores(tfidf, load_pipeline("tfidf", tfidf.root).transform(texts), np.float32)
    assert [r[0]["label"] for r in browser] == [["ham", "spam"][int(row.argmax())] for row in scores]
    assert worst_difference(browser, scores, ["ham", "spam"]) < 1e-5


def line_of(path, text):
    """The 1-based number of the only line of ``path`` that contains ``text``."""
    numbers = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line]
    assert len(numbers) == 1, (path, text, numbers)
    return numbers[0]


def test_the_minified_module_maps_a_python_raise_to_its_python_line(page, flagship):
    """A TypeError's first frame in Chromium, through browser.js.map (read by Node's SourceMap), is
    the raise in src/featurizers/base.py."""
    stack = page.evaluate(
        """async () => { try { (await import('/pipeline/browser.js')).transform(['ok', null]); }
                          catch (e) { return e.stack; } }"""
    )
    assert stack.startswith("TypeError: EmailBody.transform: item 1 is NoneType, expected str\n")
    line, column = map(int, re.search(r"/pipeline/browser\.js:(\d+):(\d+)\)?$", stack.splitlines()[1]).groups())
    script = (
        "const { SourceMap } = require('node:module');"
        f"const map = new SourceMap(JSON.parse(require('fs').readFileSync({json.dumps(str(flagship.dist_dir / 'browser.js.map'))}, 'utf8')));"
        f"process.stdout.write(JSON.stringify(map.findEntry({line - 1}, {column - 1})));"
    )
    entry = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert entry["originalSource"] == "../../src/featurizers/base.py"
    assert entry["originalLine"] + 1 == line_of(SOURCES / "base.py", 'raise TypeError(f"{where}: item {i} is {bad}')
