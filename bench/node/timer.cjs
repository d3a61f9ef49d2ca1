// node bench/node/timer.cjs: times a transform in one Node process. Reads {"name", "implementation":
// "generated" (js_dist/NAME.js) or "handwritten" (bench/handwritten.cjs), "batches": [[texts]...],
// "repeat": N, "calls": [C...]} on stdin; prints for each batch the median over N trials (after a
// warm-up) of the seconds per transform, a trial timing C transforms in a row (so that a small batch
// is timed over many calls, not over one).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const config = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'build', request.name, 'featurizer.json'), 'utf8'));
const transform =
  request.implementation === 'generated'
    ? require(path.join(ROOT, 'js_dist', `${request.name}.js`)).transform
    : require('../handwritten.cjs').fromConfig(config());

const medians = request.batches.map((texts, b) => {
  const calls = request.calls[b];
  for (let c = 0; c < calls; c++) transform(texts); // warm-up: the JIT compiles the hot paths
  const times = [];
  for (let i = 0; i < request.repeat; i++) {
    const start = process.hrtime.bigint();
    for (let c = 0; c < calls; c++) transform(texts);
    times.push(Number(process.hrtime.bigint() - start) / 1e9 / calls);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
});
process.stdout.write(JSON.stringify(medians));
