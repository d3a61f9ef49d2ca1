// Peak memory of one transform, in a fresh Node process:
//   node --expose-gc bench/node/memory.cjs generated|handwritten NAME DOC
// loads js_dist/NAME.js or bench/handwritten.cjs (build/NAME/featurizer.json), reads the document
// (a UTF-8 file), collects garbage, resets the kernel's peak-RSS mark (/proc/self/clear_refs),
// transforms [document] once and prints {"rss_before", "peak_rss", "peak_extra", "heap_used_before",
// "heap_used_after", "hwm_reset"} in bytes: peak_extra is the peak RSS during the transform minus
// the RSS just before it.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const [which, name, docPath] = process.argv.slice(2);
const config = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'build', name, 'featurizer.json'), 'utf8'));
const transform =
  which === 'generated'
    ? require(path.join(ROOT, 'js_dist', `${name}.js`)).transform
    : require('../handwritten.cjs').fromConfig(config());
transform(['warm-up: compile the patterns once, as a long-lived process would have']);
const document = fs.readFileSync(docPath, 'utf8');

function statusKiB(field) {
  const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field + ':'));
  return Number.parseInt(line.split(':')[1], 10) * 1024;
}

global.gc();
let hwmReset = true;
try {
  fs.writeFileSync('/proc/self/clear_refs', '5'); // peak RSS := current RSS (Linux >= 4.0)
} catch {
  hwmReset = false; // then the peak may be from before the transform (loading): an overestimate
}
const rssBefore = statusKiB('VmRSS');
const heapUsedBefore = process.memoryUsage().heapUsed;
const features = transform([document]);
// VmHWM, not resourceUsage().maxRSS: the latter also holds the RSS of the process that spawned this
// one, as it was before exec (a large CPython parent made every transform look 200 MB heavy).
const peakRss = statusKiB('VmHWM');
process.stdout.write(
  JSON.stringify({
    rss_before: rssBefore,
    peak_rss: peakRss,
    peak_extra: Math.max(0, peakRss - rssBefore),
    heap_used_before: heapUsedBefore,
    heap_used_after: process.memoryUsage().heapUsed,
    hwm_reset: hwmReset,
    rows: features.length,
  }),
);
