// The scikit-learn path side by side with skl2onnx + onnxruntime-node, on the same fitted pipeline:
//   node bench/node/sklearn_vs_onnx.cjs REQUEST.json
// REQUEST: {"bundle": our package, "model": the full ONNX model, "vectorizer": the vectorizer's ONNX
// model, "texts": [...], "repeat": N}. Times predict(texts) for both, interleaved (after a warm-up),
// and prints {"ours_ms": [...], "onnx_ms": [...], "ours": {labels, rows}, "onnx": {labels, rows}}:
// each runtime's top labels and TF-IDF rows as {column: value} for the nonzero columns.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ort = require(path.join(__dirname, '..', 'onnxruntime', 'node_modules', 'onnxruntime-node'));
const ours = require(request.bundle);
const texts = request.texts;

function sparse(row) {
  const out = {};
  for (let i = 0; i < row.length; i++) if (row[i] !== 0) out[i] = row[i];
  return out;
}

async function onnxPredict(session) {
  const input = new ort.Tensor('string', texts, [texts.length, 1]);
  return session.run({ [session.inputNames[0]]: input });
}

async function main() {
  await ours.load();
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' };
  const model = await ort.InferenceSession.create(request.model, options);
  const vectorizer = await ort.InferenceSession.create(request.vectorizer, options);
  await ours.predict(texts);
  await onnxPredict(model); // warm-up
  const oursMs = [];
  const onnxMs = [];
  for (let i = 0; i < request.repeat; i++) {
    let start = performance.now();
    await ours.predict(texts);
    oursMs.push(performance.now() - start);
    start = performance.now();
    await onnxPredict(model);
    onnxMs.push(performance.now() - start);
  }
  const predicted = await ours.predict(texts, { topK: 1 });
  const onnxOut = await onnxPredict(model);
  const labelName = model.outputNames.find((name) => name.includes('label'));
  const vectors = await vectorizer.run({ [vectorizer.inputNames[0]]: new ort.Tensor('string', texts, [texts.length, 1]) });
  const matrix = vectors[vectorizer.outputNames[0]];
  const width = matrix.dims[1];
  const onnxRows = texts.map((_, i) => sparse(matrix.data.subarray(i * width, (i + 1) * width)));
  process.stdout.write(JSON.stringify({
    ours_ms: oursMs,
    onnx_ms: onnxMs,
    ours: { labels: predicted.map((ranked) => ranked[0].label), rows: ours.transform(texts).map(sparse) },
    onnx: { labels: Array.from(onnxOut[labelName].data), rows: onnxRows },
  }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
