// Cold start: node bench/node/cold_start.cjs NAME TEXT.json requires js_dist/NAME.js, predicts the one
// text, and prints {"script_ms", "require_ms", "load_ms", "first_prediction_ms"}: milliseconds from
// the process's start (performance.timeOrigin) to this script's first line (Node's own startup), to
// the bundle being required, to tfjs and the model being loaded (predict would load them itself:
// loading first only splits the time), and to the first prediction.
'use strict';
const { performance } = require('perf_hooks');
const scriptMs = performance.now();
const fs = require('fs');
const path = require('path');

const [name, textPath] = process.argv.slice(2);
const text = JSON.parse(fs.readFileSync(textPath, 'utf8'));
const bundle = require(path.resolve(__dirname, '..', '..', 'js_dist', `${name}.js`));
const requireMs = performance.now();

async function main() {
  await bundle.load();
  const loadMs = performance.now();
  const scores = await bundle.predict([text]);
  const firstPredictionMs = performance.now();
  if (scores.length !== 1) throw new Error(`expected one prediction, got ${scores.length}`);
  const times = { script_ms: scriptMs, require_ms: requireMs, load_ms: loadMs, first_prediction_ms: firstPredictionMs };
  process.stdout.write(JSON.stringify(times));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
