// The generated bundle and the hand-written baseline, side by side in one Node process, driven by
// bench/run.py one trial at a time (so that CPython's trials interleave with these):
//   node bench/node/transform.cjs NAME TEXTS.json
// loads js_dist/NAME.js and bench/handwritten.cjs (fromConfig(build/NAME/featurizer.json)), warms
// both up, checks that their outputs are equal (exit 1 and say where, if not), prints "ready", then
// for each line "trial" on stdin times one transform of each, in alternating order, and prints
// {"generated": s, "handwritten": s}.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { fromConfig } = require('../handwritten.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const [name, textsPath] = process.argv.slice(2);
const texts = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
const generated = require(path.join(ROOT, 'js_dist', `${name}.js`)).transform;
const handwritten = fromConfig(JSON.parse(fs.readFileSync(path.join(ROOT, 'build', name, 'featurizer.json'), 'utf8')));

// Ids compare exactly; TF-IDF weights within 1e-12 relative (the sums run in the same order, so
// they are in fact equal to the last bit today).
function firstDifference(a, b) {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = Array.from(a[i]);
    const y = Array.from(b[i]);
    if (x.length !== y.length) return `row ${i}: ${x.length} values vs ${y.length}`;
    for (let j = 0; j < x.length; j++) {
      const close = x[j] === y[j] || Math.abs(x[j] - y[j]) <= 1e-12 * Math.max(Math.abs(x[j]), Math.abs(y[j]));
      if (!close) return `row ${i}, column ${j}: generated ${x[j]}, hand-written ${y[j]}`;
    }
  }
  return null;
}

function seconds(fn) {
  const start = process.hrtime.bigint();
  fn(texts);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const difference = firstDifference(generated(texts), handwritten(texts)); // also the warm-up
if (difference !== null) {
  const what = `${name}: the generated bundle and bench/handwritten.cjs differ on ${texts.length} texts`;
  process.stderr.write(`${what}: ${difference}\n`);
  process.exit(1);
}
process.stdout.write('ready\n');

let trial = 0;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'trial') throw new Error(`unknown command ${JSON.stringify(line)}`);
  const result = {};
  if (trial++ % 2 === 0) {
    result.generated = seconds(generated);
    result.handwritten = seconds(handwritten);
  } else {
    result.handwritten = seconds(handwritten);
    result.generated = seconds(generated);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
});
