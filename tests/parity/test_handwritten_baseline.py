"""The hand-written JS baseline (bench/handwritten.cjs) computes what the generated bundles compute.

It is the benchmark's yardstick (issue 6), so it must do the same work: on the whole SpamAssassin
corpus, its features equal the generated bundle's, ids exactly and TF-IDF values within 1e-12
relative (counted exactly too). Both run in one Node process, which compares them there: a TF-IDF
batch is 6,046 rows of 10,000 doubles, too much to carry back as JSON.
"""

import json
import sqlite3
import subprocess

import pytest
from harness import ROOT

HANDWRITTEN = ROOT / "bench" / "handwritten.cjs"

# Reads {"texts": [...], "cases": [{"name", "bundle", "config", "float"}]} on stdin; for each case
# runs both transforms batch by batch and prints a summary of the differences as JSON.
COMPARE = r"""
'use strict';
const fs = require('fs');
const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const { fromConfig } = require(request.handwritten);
const BATCH = 500;
const report = {};
for (const c of request.cases) {
  const generated = require(c.bundle).transform;
  const handwritten = fromConfig(JSON.parse(fs.readFileSync(c.config, 'utf8')));
  const result = { rows: 0, values: 0, exact: 0, mismatched: [], max_relative: 0, lengths: [] };
  for (let start = 0; start < request.texts.length; start += BATCH) {
    const texts = request.texts.slice(start, start + BATCH);
    const g = generated(texts), h = handwritten(texts);
    if (g.length !== texts.length || h.length !== texts.length) throw new Error(`${c.name}: row counts differ`);
    for (let i = 0; i < texts.length; i++) {
      const a = g[i], b = h[i];
      result.rows++;
      if (a.length !== b.length) { result.lengths.push([start + i, a.length, b.length]); continue; }
      let bad = false;
      for (let t = 0; t < a.length; t++) {
        const x = a[t], y = b[t];
        result.values++;
        if (Object.is(x, y) || x === y) { result.exact++; continue; }
        const relative = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        if (c.float && relative <= 1e-12) { result.max_relative = Math.max(result.max_relative, relative); continue; }
        bad = true;
      }
      if (bad) result.mismatched.push(start + i);
    }
  }
  report[c.name] = result;
}
process.stdout.write(JSON.stringify(report));
"""


def corpus_texts(artifacts):
    with sqlite3.connect(artifacts.build_dir / "corpus.sqlite") as db:
        return [row[0] for row in db.execute("SELECT text FROM messages WHERE source = 'spamassassin' ORDER BY grp, id")]


@pytest.fixture(scope="module")
def report(flagship, tfidf):
    texts = corpus_texts(flagship)
    assert len(texts) == 6046
    cases = [
        {"name": "pipeline", "bundle": str(flagship.bundle), "config": str(flagship.featurizer_json), "float": False},
        {"name": "tfidf", "bundle": str(tfidf.bundle), "config": str(tfidf.featurizer_json), "float": True},
    ]
    request = json.dumps({"handwritten": str(HANDWRITTEN), "texts": texts, "cases": cases}, ensure_ascii=True)
    result = subprocess.run(
        ["node", "-e", COMPARE], check=False, input=request, capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_padded_ids_equal_the_generated_bundle_on_the_whole_corpus(report, flagship):
    result = report["pipeline"]
    assert result["rows"] == 6046
    assert result["lengths"] == []
    assert result["mismatched"] == []
    length = json.loads(flagship.featurizer_json.read_text(encoding="utf-8"))["steps"][-1]["length"]
    assert result["exact"] == result["values"] == 6046 * length


def test_the_tfidf_vectors_equal_the_generated_bundle_on_the_whole_corpus(report):
    result = report["tfidf"]
    assert result["rows"] == 6046
    assert result["lengths"] == []
    assert result["mismatched"] == []  # every value within 1e-12 relative
    assert result["values"] == 6046 * 10_000
    # Same operations in the same order: the doubles are identical, not merely close.
    assert result["exact"] == result["values"], f"max relative difference {result['max_relative']}"


def test_the_baseline_refuses_a_config_it_does_not_implement():
    script = (
        "const { fromConfig } = require(process.argv[1]);"
        "try { fromConfig({type: 'Pipeline', steps: [{type: 'Tokenizer', analyzer: 'char'}]}); }"
        "catch (e) { process.stdout.write(e.message); }"
    )
    result = subprocess.run(["node", "-e", script, str(HANDWRITTEN)], capture_output=True, text=True, check=True)
    assert result.stdout == "handwritten Tokenizer: only analyzer 'word' is supported, got \"char\""
