// Parameters of a sealed pipeline bundle written into its classes' methods, and the branches they
// decide left out. A pipeline bundle builds its featurizers from its own fitted config and never
// hands them out (unreachable_methods.cjs), so nothing can change a parameter after the build:
// `self.analyzer` in a Tokenizer method is the config's "word" for every Tokenizer there is. The
// build passes, for each class, the parameters whose value is the same str, bool, int or null in
// all its instances (compiler/build.py, sealed_params). In the methods of a class, `self.NAME` is
// replaced by that value when every instance the method can run on (of the class or a subclass)
// has it, and no method (but an __init__) of any class assigns `self.NAME`. Then an `if`, a
// `?:`, `&&` or `||` whose test Babel can now evaluate keeps only the branch taken; esbuild drops
// the module functions and tables only the other branch used (a TfIdf without sublinear_tf has no
// use for the log; a TextCleaner without normalization none for the Unicode tables).
'use strict';

const SELF = 'self'; // Transcrypt's methods start `var self = this;`

/** The Transcrypt classes of `asts`, `NAME = __class__('NAME', [bases], {...})`: name -> {bases, body} */
function classesOf(babel, asts) {
  const t = babel.types;
  const classes = new Map();
  for (const ast of asts) {
    babel.traverse(ast, {
      CallExpression(path) {
        const [name, bases, body] = path.node.arguments;
        if (!t.isIdentifier(path.node.callee, { name: '__class__' }) || !t.isStringLiteral(name)) return;
        if (!t.isArrayExpression(bases) || !t.isObjectExpression(body)) return;
        classes.set(name.value, { bases: bases.elements.filter((b) => t.isIdentifier(b)).map((b) => b.name), body });
      },
    });
  }
  return classes;
}

/** Whether class `name` is `ancestor` or inherits from it. */
function inherits(classes, name, ancestor, seen = new Set()) {
  if (name === ancestor) return true;
  if (seen.has(name) || !classes.has(name)) return false;
  seen.add(name);
  return classes.get(name).bases.some((base) => inherits(classes, base, ancestor, seen));
}

/** The names a class's methods other than __init__ assign as `self.NAME = ...` (or `self.NAME++`). */
function assignedInMethods(t, body) {
  const assigned = new Set();
  for (const property of body.properties) {
    if (!t.isObjectProperty(property) || !t.isFunctionExpression(property.value)) continue;
    if (t.isIdentifier(property.key, { name: '__init__' })) continue;
    walk(t, property.value, (node) => {
      const target = t.isAssignmentExpression(node) ? node.left : t.isUpdateExpression(node) ? node.argument : null;
      if (t.isMemberExpression(target) && !target.computed && t.isIdentifier(target.object, { name: SELF })) {
        assigned.add(target.property.name);
      }
    });
  }
  return assigned;
}

/** Call `visit` on `node` and every node below it (not below the functions in it, with `shallow`). */
function walk(t, node, visit, shallow = false) {
  if (!node || typeof node.type !== 'string' || (shallow && t.isFunction(node))) return;
  visit(node);
  for (const key of t.VISITOR_KEYS[node.type] || []) {
    const child = node[key];
    if (Array.isArray(child)) child.forEach((c) => walk(t, c, visit, shallow));
    else walk(t, child, visit, shallow);
  }
}

/**
 * For each class of `asts` (by name): the parameter values its methods may take as written,
 * given the values per instance class (`params`: {class name: {param: value}}).
 */
function foldableParams(babel, asts, params) {
  const classes = classesOf(babel, asts);
  const instances = Object.keys(params);
  const foldable = new Map();
  // A method may change its instance's parameter (self.scale = ...) from any class: none is written in.
  const assigned = new Set([...classes.values()].flatMap(({ body }) => [...assignedInMethods(babel.types, body)]));
  for (const [name] of classes) {
    const runsOn = instances.filter((instance) => inherits(classes, instance, name));
    if (runsOn.length === 0) continue;
    const values = new Map();
    for (const param of Object.keys(params[runsOn[0]])) {
      const value = params[runsOn[0]][param];
      const same = runsOn.every((instance) => Object.hasOwn(params[instance], param) && params[instance][param] === value);
      if (same && !assigned.has(param)) values.set(param, value);
    }
    if (values.size > 0) foldable.set(name, values);
  }
  return foldable;
}

/** The branch a test decides, when Babel can evaluate it: true, false, or undefined. */
function decided(path) {
  const { confident, value } = path.evaluate();
  return confident ? Boolean(value) : undefined;
}

/** The names `node` declares with `var` outside the functions in it. */
function varNames(t, node) {
  const names = [];
  walk(t, node, (n) => {
    if (t.isVariableDeclaration(n, { kind: 'var' })) names.push(...Object.keys(t.getBindingIdentifiers(n)));
  }, true);
  return names;
}

/** Replace the statement at `path` with `kept` (or nothing), declaring the vars of `dropped`. */
function keepBranch(t, path, kept, dropped) {
  const names = [...new Set(varNames(t, dropped))].filter((name) => !varNames(t, kept).includes(name));
  const statements = names.length > 0 ? [t.variableDeclaration('var', names.map((name) => t.variableDeclarator(t.identifier(name))))] : [];
  if (kept) statements.push(kept);
  if (statements.length === 0) path.remove();
  else path.replaceWithMultiple(statements);
}

/** The plugin, given `foldableParams`. */
function sealedParams(foldable) {
  return ({ types: t }) => ({
    name: 'sealed-params',
    visitor: {
      CallExpression(path) {
        const [name, , body] = path.node.arguments;
        if (!t.isIdentifier(path.node.callee, { name: '__class__' }) || !t.isStringLiteral(name) || !t.isObjectExpression(body)) return;
        const values = foldable.get(name.value);
        if (values === undefined) return;
        for (const method of path.get('arguments.2.properties')) {
          if (!method.isObjectProperty() || !method.get('value').isFunctionExpression()) continue;
          method.get('value').traverse({
            MemberExpression(member) {
              const { object, property, computed } = member.node;
              if (computed || !t.isIdentifier(object, { name: SELF }) || !values.has(property.name)) return;
              const parent = member.parentPath;
              if (parent.isAssignmentExpression({ left: member.node }) || parent.isUpdateExpression()) return;
              if (parent.isCallExpression({ callee: member.node }) || parent.isUnaryExpression({ operator: 'delete' })) return;
              const binding = member.scope.getBinding(SELF);
              if (!binding || !binding.path.isVariableDeclarator() || !t.isThisExpression(binding.path.node.init)) return;
              member.replaceWith(t.valueToNode(values.get(property.name)));
            },
          });
        }
      },
      IfStatement: {
        exit(path) {
          const taken = decided(path.get('test'));
          const { consequent, alternate } = path.node;
          if (taken === true) keepBranch(t, path, consequent, alternate);
          else if (taken === false) keepBranch(t, path, alternate, consequent);
        },
      },
      ConditionalExpression: {
        exit(path) {
          const taken = decided(path.get('test'));
          if (taken !== undefined) path.replaceWith(taken ? path.node.consequent : path.node.alternate);
        },
      },
      LogicalExpression: {
        exit(path) {
          if (path.node.operator === '??') return;
          const left = decided(path.get('left'));
          if (left === undefined) return;
          const keepLeft = path.node.operator === '&&' ? !left : left;
          path.replaceWith(keepLeft ? path.node.left : path.node.right);
        },
      },
    },
  });
}

module.exports = { foldableParams, sealedParams };
