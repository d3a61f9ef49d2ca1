// Methods of the compiled classes that nothing in a pipeline bundle can call. A pipeline bundle
// hands its users functions of its own (transform, predict), never a featurizer object: the
// objects are built by from_config and reached only from the bundle's templates. A method can
// then be called only by a name that some code mentions (`x.fit(...)`, a string, a template's
// `.NAME`): the templates, Transcrypt's runtime (all of it: it calls __str__, py_keys ...), the
// modules' code outside methods, and, to a fixed point, the methods found so far. The others
// (fit, get_config ... in a bundle that only transforms) are dropped, with what only they
// mention: esbuild then leaves out the module functions they alone called, and the runtime
// trimmer (trim_runtime.cjs) what they alone reached. Names with two leading and trailing
// underscores are kept: the runtime and the engine call them implicitly. Counting is by name,
// over all classes, and generous (as trim_runtime's `mentions`), so a doubt keeps the method.
'use strict';

const { mentions } = require('./trim_runtime.cjs');

const SPECIAL = /^__.*__$/;

/** The methods of a Transcrypt class, `NAME = __class__('NAME', [bases], {attributes})`, at `path` (a call): [{name, path}]. */
function methodsOf(t, path) {
  const { callee, arguments: args } = path.node;
  if (!t.isIdentifier(callee, { name: '__class__' }) || args.length < 3 || !t.isObjectExpression(args[2])) return [];
  const methods = [];
  for (const property of path.get('arguments.2.properties')) {
    const { key, computed, value } = property.node;
    if (!property.isObjectProperty() || computed || !t.isFunctionExpression(value)) continue;
    const name = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : null;
    if (name !== null && !SPECIAL.test(name)) methods.push({ name, path: property });
  }
  return methods;
}

/** The methods of every class in `ast`. */
function classMethods(babel, ast) {
  const methods = [];
  babel.traverse(ast, {
    CallExpression(path) {
      methods.push(...methodsOf(babel.types, path));
    },
  });
  return methods;
}

/**
 * The names of the methods some reachable code may call, given the modules' ASTs and the names
 * mentioned outside them (`roots`: a set of property names, from the templates and the runtime).
 */
function liveMethodNames(babel, asts, roots) {
  const methods = asts.flatMap((ast) => classMethods(babel, ast));
  const definitions = new Set(methods.map((m) => m.path.node));
  const reached = { vars: new Set(), props: new Set(roots) };
  for (const ast of asts) {
    babel.traverse(ast, {
      Program(path) {
        mentions(path, reached, definitions); // everything but the methods
        path.stop();
      },
    });
  }
  const live = new Set();
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of methods) {
      if (live.has(m) || !reached.props.has(m.name)) continue;
      live.add(m);
      mentions(m.path.get('value'), reached);
      changed = true;
    }
  }
  return new Set([...live].map((m) => m.name));
}

/** The plugin: drops the class methods whose names are not in `live`. */
function unreachableMethods(live) {
  return ({ types: t }) => ({
    name: 'unreachable-methods',
    visitor: {
      CallExpression(path) {
        for (const m of methodsOf(t, path)) if (!live.has(m.name)) m.path.remove();
      },
    },
  });
}

module.exports = { liveMethodNames, unreachableMethods };
