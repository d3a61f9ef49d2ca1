// The JS half of the parity kit (featurizers.testing) and of the build's parity gate: run a
// featurizer (a pipeline bundle, or a config rebuilt by the featurizer library) on batches of
// inputs, and record each outcome exactly, for Python to compare bit for bit.
//
// An outcome is {ok: VALUE} or {error: [name, message]} (the Python class name, as the bundle's
// errors carry it). VALUE is the output in JSON, with what JSON cannot carry exactly spelled out:
//   a list of numbers (an Array of numbers or a typed array) -> {"$f64": base64 of its float64 bytes},
//       or {"$f64s": [length, base64 of uint32 positions, base64 of float64 values]} of the
//       numbers that are not +0, when most are
//   -0, NaN, Infinity, -Infinity                               -> {"$num": "-0"} ...
//   undefined                                                  -> {"$undefined": true}
//   a plain object                                             -> {"$dict": {key: VALUE}}
// so that signed zeros, NaN and every double arrive as the bits JS computed.
'use strict';

function base64OfBytes(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  if (typeof Buffer !== 'undefined') {
    return Buffer.from(bytes).toString('base64');
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A list of numbers as its float64 bytes, or, when most are +0 (a TF-IDF row), as its length and
 * the positions (uint32) and values (float64) of the others: a tenth of the text to carry. */
function encodeDoubles(values) {
  const doubles = values instanceof Float64Array ? values : Float64Array.from(values);
  let others = 0;
  for (let i = 0; i < doubles.length; i++) {
    if (doubles[i] !== 0 || Object.is(doubles[i], -0)) others++;
  }
  if (others * 12 >= doubles.length * 8 / 2) return { $f64: base64OfBytes(doubles) };
  const positions = new Uint32Array(others);
  const kept = new Float64Array(others);
  for (let i = 0, k = 0; i < doubles.length; i++) {
    if (doubles[i] !== 0 || Object.is(doubles[i], -0)) {
      positions[k] = i;
      kept[k++] = doubles[i];
    }
  }
  return { $f64s: [doubles.length, base64OfBytes(positions), base64OfBytes(kept)] };
}

function encode(value) {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $num: 'NaN' };
    if (value === Infinity) return { $num: 'Infinity' };
    if (value === -Infinity) return { $num: '-Infinity' };
    if (Object.is(value, -0)) return { $num: '-0' };
    return value;
  }
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value)) return encodeDoubles(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => typeof item === 'number')) return encodeDoubles(value);
    return value.map(encode);
  }
  if (typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = encode(value[key]);
    return { $dict: out };
  }
  return { $unknown: typeof value };
}

function outcome(run) {
  try {
    return { ok: encode(run()) };
  } catch (error) {
    return { error: [String(error && error.name), String(error && error.message)] };
  }
}

/** A transform(batch) for a featurizer library ({featurizers, pythonError}) and a config: the
 * featurizer is rebuilt once; a config it refuses makes every call throw that error. */
function libraryTransform(library, config) {
  let featurizer = null;
  let failure = null;
  try {
    featurizer = library.pythonError.wrap(() => library.featurizers.from_config(config));
  } catch (error) {
    failure = error;
  }
  return (batch) => {
    if (failure !== null) throw failure;
    return library.pythonError.wrap(() => featurizer.transform(batch));
  };
}

/** One outcome per batch. */
function runBatches(transform, batches) {
  return batches.map((batch) => outcome(() => transform(batch)));
}

/** One outcome per item of the batch, each transformed alone. */
function runItems(transform, batch) {
  return batch.map((item) => outcome(() => transform([item])));
}

function isRecord(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The outcomes of a config's parts on `data`, each part on the input the parts before it gave,
 * in the order data flows: a Pipeline's steps (then the Pipeline), a Columns' columns (then the
 * Columns), any other featurizer alone. Entries: {location, type, outcome}. featurizers.testing
 * computes the same trace in CPython (runtimes.python_trace), so the first entry whose outcomes
 * differ is where the two runtimes part. */
function trace(library, config, data, location, entries) {
  const type = isRecord(config) ? config.type : null;
  const here = location || String(type);
  if (type === 'Pipeline' && Array.isArray(config.steps)) {
    let value = data;
    for (let k = 0; k < config.steps.length; k++) {
      const step = trace(library, config.steps[k], value, `${here}.steps[${k}]`, entries);
      if (step.error !== undefined) break;
      value = step.value;
    }
  } else if (type === 'Columns' && Array.isArray(config.columns) && Array.isArray(data)) {
    config.columns.forEach((column, k) => {
      const field = Array.isArray(column) ? column[0] : undefined;
      if (typeof field === 'string' && data.every((record) => isRecord(record) && Object.prototype.hasOwnProperty.call(record, field))) {
        trace(library, column[1], data.map((record) => record[field]), `${here}.columns[${k}]`, entries);
      }
    });
  }
  let result;
  try {
    result = { value: libraryTransform(library, config)(data) };
  } catch (error) {
    result = { error };
  }
  entries.push({
    location: here,
    type,
    outcome: result.error === undefined ? { ok: encode(result.value) } : { error: [String(result.error && result.error.name), String(result.error && result.error.message)] },
  });
  return result;
}

/** Answer one request (see node_runner.cjs); `load(path)` gives a bundle or a library. */
function handle(request, load) {
  const target = request.target || {};
  let transform;
  if (target.bundle !== undefined) {
    const bundle = load(target.bundle);
    transform = (batch) => bundle.transform(batch);
  } else {
    transform = libraryTransform(load(target.library), target.config);
  }
  if (request.op === 'batches') return runBatches(transform, request.batches);
  if (request.op === 'items') return runItems(transform, request.batch);
  if (request.op === 'trace') {
    const entries = [];
    trace(load(target.library), target.config, request.batch, null, entries);
    return entries;
  }
  throw new Error(`unknown op ${request.op}`);
}

module.exports = { encode, outcome, libraryTransform, runBatches, runItems, trace, handle };
