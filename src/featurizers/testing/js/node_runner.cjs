// A long-lived Node process for featurizers.testing and the build's parity gate: one JSON request
// per stdin line, one JSON response per stdout line (parity_core.cjs holds the logic).
//
// Requests ({"target": {"bundle": PATH}} or {"target": {"library": PATH, "config": {...}}}):
//   {"op": "batches", "target": ..., "batches": [[...], ...]} -> one outcome per batch
//   {"op": "items", "target": ..., "batch": [...]}            -> one outcome per item, each alone
//   {"op": "trace", "target": {"library", "config"}, "batch": [...]} -> the outcome of each part
// Responses: {"ok": RESULT}, or {"fail": {"name", "message", "stack"}} when the request itself
// failed (a bundle that cannot be loaded, say).
'use strict';
const readline = require('readline');
const { handle } = require('./parity_core.cjs');

const loaded = new Map();
function load(path) {
  if (!loaded.has(path)) loaded.set(path, require(path));
  return loaded.get(path);
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let response;
  try {
    response = { ok: handle(JSON.parse(line), load) };
  } catch (error) {
    response = { fail: { name: String(error && error.name), message: String(error && error.message), stack: String(error && error.stack) } };
  }
  process.stdout.write(JSON.stringify(response) + '\n');
});
