"""Requiring the bundle leaves its host alone: no new enumerable prototype properties, no new globals."""

import json
import subprocess

from harness import ROOT

PROBE = r"""
const builtins = {
  Object, Array, String, Number, Boolean, Function, RegExp, Map, Set, Error, Date, Promise, Symbol,
  Uint8Array, ArrayBuffer,
};
const snapshot = () => Object.fromEntries(Object.entries(builtins).map(([name, ctor]) => [
  name,
  Object.fromEntries(Reflect.ownKeys(ctor.prototype).filter((k) => typeof k === 'string')
    .map((k) => [k, Object.getOwnPropertyDescriptor(ctor.prototype, k).enumerable])),
]));
const forIn = (value) => { const keys = []; for (const k in value) keys.push(k); return keys; };
Array.prototype.hostOwnMethod = function () {}; // a host's own (bad-practice) enumerable addition
const globalsBefore = new Set(Reflect.ownKeys(globalThis).map(String));
const before = snapshot();
const p = require(process.argv[1]);
const features = p.transform(['Hello World']);
const after = snapshot();
const newEnumerable = [];
for (const [name, keys] of Object.entries(after)) {
  for (const [key, enumerable] of Object.entries(keys)) {
    if (enumerable && !(key in before[name])) newEnumerable.push(`${name}.prototype.${key}`);
  }
}
console.log(JSON.stringify({
  newEnumerable,
  newGlobals: Reflect.ownKeys(globalThis).map(String).filter((k) => !globalsBefore.has(k)),
  forInArray: forIn([1]),
  forInString: forIn('a'),
  forInObject: forIn({ a: 1 }),
  hostMethodStillEnumerable: Object.getOwnPropertyDescriptor(Array.prototype, 'hostOwnMethod').enumerable,
  featureCount: features[0].length,
}));
"""


def probe(bundle):
    result = subprocess.run(
        ["node", "-e", PROBE, str(bundle)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(result.stdout)


def test_requiring_the_bundle_adds_no_enumerable_property_to_any_builtin_prototype(flagship):
    assert probe(flagship.bundle)["newEnumerable"] == []


def test_requiring_the_bundle_adds_no_global(flagship):
    assert probe(flagship.bundle)["newGlobals"] == []


def test_for_in_loops_of_the_host_see_only_their_own_keys(flagship):
    seen = probe(flagship.bundle)
    # The host's own enumerable Array.prototype addition is its business, and stays visible.
    assert seen["forInArray"] == ["0", "hostOwnMethod"]
    assert seen["forInString"] == ["0"]
    assert seen["forInObject"] == ["a"]
    assert seen["hostMethodStillEnumerable"] is True


def test_the_bundle_still_works_with_its_runtime_methods_hidden(flagship):
    assert probe(flagship.bundle)["featureCount"] == flagship.module().SEQUENCE_LENGTH


FAST_PROPERTIES = r"""
const prototypes = { Object, Array, String, Number, Boolean, Function, Uint8Array };
const fast = () => Object.entries(prototypes).filter(([, ctor]) => %HasFastProperties(ctor.prototype)).map(([name]) => name);
const before = fast();
require(process.argv[1]).transform(['Hello World']);
console.log(JSON.stringify({ before, after: fast() }));
"""


def test_requiring_the_bundle_keeps_every_builtin_prototype_in_v8s_fast_mode(flagship, tfidf):
    # A prototype in dictionary mode sends V8 down its slow paths for every object of that kind in
    # the process: redefining Array.prototype's added methods once made a host's for-of 7x slower.
    for bundle in (flagship.bundle, tfidf.bundle):
        result = subprocess.run(
            ["node", "--allow-natives-syntax", "-e", FAST_PROPERTIES, str(bundle)],
            capture_output=True, text=True, cwd=ROOT, check=True,
        )  # fmt: skip
        seen = json.loads(result.stdout)
        assert seen["after"] == seen["before"] == ["Object", "Array", "String", "Number", "Boolean", "Function", "Uint8Array"]
