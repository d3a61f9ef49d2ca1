// Times a bundle's transform inside one Node process: reads {"bundle", "batches": [[texts]...],
// "repeat": N} on stdin, prints for each batch the median seconds of N timed transforms.
'use strict';
const fs = require('fs');

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const { transform } = require(request.bundle);
const medians = request.batches.map((texts) => {
  transform(texts); // warm-up: the JIT compiles the hot paths
  const times = [];
  for (let i = 0; i < request.repeat; i++) {
    const start = process.hrtime.bigint();
    transform(texts);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
});
process.stdout.write(JSON.stringify(medians));
