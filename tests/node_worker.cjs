// A long-lived Node process for the parity tests: one JSON request per stdin line, one JSON
// response per stdout line, so thousands of texts cross the process boundary in a few batches.
//
// Requests:
//   {"op": "transform", "bundle": PATH, "data": [...]}                  -> require(PATH).transform(data)
//   {"op": "predict", "bundle": PATH, "data": [...], "topK": N}         -> await require(PATH).predict(...)
//   {"op": "featurizer", "library": PATH, "config": {...}, "fit": DATA|null, "data": [...]}
//        -> from_config(config), then fit(fit) when given, then {"output": transform(data), "config": get_config()}
//   {"op": "fit_batches", "library": PATH, "config": {...}, "batches": [[...], ...]}
//        -> in passes: fit_add() of each batch to statistics of its own, fit_merge() of them from the
//           last to the first, fit_finish(); {"config": get_config()} (see the handler)
//   {"op": "host", "library": PATH, "function": NAME, "args": [...], "each": BOOL}
//        -> the host primitive NAME(...args); with "each", [NAME(x, ...rest) for x of args[0]]
//   {"op": "portable", "library": PATH, "function": NAME, "args": [...], "each": BOOL}
//        -> featurizers.portable's NAME(...args) (NAME's value when it is a constant), where an argument
//        {"$pattern": P} is portable.compile(P); with "each", [NAME(x, ...rest) for x of args[0]]
//   {"op": "model", "model": DIR, "rows": [[...]]}                      -> a tfjs layers model's outputs on
//        float32 rows, on the wasm backend the packages use (DIR holds model.json and its shards)
// Responses: {"ok": RESULT} or {"error": {"name": ..., "message": ...}}.
'use strict';
const readline = require('readline');

function errorOf(error) {
  return { error: { name: error && error.name, message: String(error && error.message), native: error instanceof Error } };
}

async function handle(request) {
  if (request.op === 'transform') {
    return require(request.bundle).transform(request.data);
  }
  if (request.op === 'predict') {
    return require(request.bundle).predict(request.data, request.topK ? { topK: request.topK } : {});
  }
  if (request.op === 'featurizer') {
    const { featurizers, pythonError } = require(request.library);
    return pythonError.wrap(() => {
      const featurizer = featurizers.from_config(request.config);
      if (request.fit !== null && request.fit !== undefined) {
        featurizer.fit(request.fit);
      }
      return { output: featurizer.transform(request.data), config: featurizer.get_config() };
    });
  }
  if (request.op === 'fit_batches') {
    // One featurizer per batch, in lockstep: each adds its batch to its own statistics, the
    // statistics are merged into one, and each featurizer finishes from that one (fit_finish
    // only reads it), so each starts the next pass with statistics of its own.
    const { featurizers, pythonError } = require(request.library);
    return pythonError.wrap(() => {
      const instances = request.batches.map(() => featurizers.from_config(request.config));
      let stats = instances.map((featurizer) => featurizer.fit_start());
      while (stats[0] !== null && stats[0] !== undefined) {
        const parts = instances.map((featurizer, i) => featurizer.fit_add(stats[i], request.batches[i]));
        let merged = parts[parts.length - 1];
        for (let i = parts.length - 2; i >= 0; i--) {
          merged = instances[0].fit_merge(merged, parts[i]);
        }
        stats = instances.map((featurizer) => featurizer.fit_finish(merged));
      }
      // JSON.stringify writes -0 as 0: the sign of a zero crosses as the string "-0.0".
      return { config: JSON.parse(JSON.stringify(instances[0].get_config(), (key, value) => (Object.is(value, -0) ? '-0.0' : value))) };
    });
  }
  if (request.op === 'host') {
    const { host, pythonError } = require(request.library);
    const target = host[request.function];
    return pythonError.wrap(() =>
      request.each ? request.args[0].map((x) => target(x, ...request.args.slice(1))) : target(...request.args),
    );
  }
  if (request.op === 'portable') {
    const { portable, pythonError } = require(request.library);
    return pythonError.wrap(() => {
      const compiled = (arg) => (arg !== null && typeof arg === 'object' && '$pattern' in arg ? portable.compile(arg.$pattern) : arg);
      const target = portable[request.function];
      if (typeof target !== 'function') return target;
      const args = request.args.map(compiled);
      return request.each ? args[0].map((x) => target(x, ...args.slice(1))) : target(...args);
    });
  }
  if (request.op === 'model') {
    return predictRows(request.model, request.rows);
  }
  throw new Error(`unknown op ${request.op}`);
}

let tfjs = null;

async function predictRows(modelDir, rows) {
  const fs = require('fs');
  const path = require('path');
  if (tfjs === null) {
    tfjs = require('@tensorflow/tfjs-core');
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
    await tfjs.setBackend('wasm');
  }
  const modelJson = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(modelDir, p))));
  const weights = Buffer.concat(shards);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const model = await require('@tensorflow/tfjs-layers').loadLayersModel(
    tfjs.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }),
  );
  const output = model.predict(tfjs.tensor2d(rows, [rows.length, rows[0].length], 'float32'));
  const scores = output.arraySync();
  output.dispose();
  model.dispose();
  return scores;
}

// TF-IDF rows are Float64Arrays, which JSON writes as objects: here they cross as arrays (the
// tests that need the type ask Node for it themselves).
function plainArrays(key, value) {
  return ArrayBuffer.isView(value) ? Array.from(value) : value;
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let response;
    try {
      response = { ok: await handle(JSON.parse(line)) };
    } catch (error) {
      response = errorOf(error);
    }
    process.stdout.write(JSON.stringify(response, plainArrays) + '\n');
  });
});
