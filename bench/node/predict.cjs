// Predict latency of a bundle in Node: node bench/node/predict.cjs NAME TEXTS.json SINGLE_CALLS BATCH_REPEAT
// (the backend is $FEATURIZERS_BACKEND; run.py sets wasm). Loads the model, warms up, then times
// SINGLE_CALLS predict([text]) calls, one text each (cycling through TEXTS), and BATCH_REPEAT calls
// of predict(TEXTS); prints {"backend", "single_ms": [...], "batch_ms": [...]}.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const [name, textsPath, singleCalls, batchRepeat] = process.argv.slice(2);
const texts = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
const bundle = require(path.join(ROOT, 'js_dist', `${name}.js`));

async function main() {
  const { backend } = await bundle.load();
  for (let i = 0; i < 100; i++) await bundle.predict([texts[i % texts.length]]); // warm-up
  await bundle.predict(texts);
  const single = [];
  for (let i = 0; i < Number(singleCalls); i++) {
    const text = texts[i % texts.length];
    const start = performance.now();
    await bundle.predict([text]);
    single.push(performance.now() - start);
  }
  const batch = [];
  for (let i = 0; i < Number(batchRepeat); i++) {
    const start = performance.now();
    await bundle.predict(texts);
    batch.push(performance.now() - start);
  }
  process.stdout.write(JSON.stringify({ backend, single_ms: single, batch_ms: batch }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
