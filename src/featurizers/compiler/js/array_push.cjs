// A Babel plugin for the compiled featurizer modules: Transcrypt compiles xs.append(x) to a call of
// the runtime's Array.prototype.append, one function shared by every list of the bundle, whose
// `this.push(x)` therefore collects the type feedback of all of them (lists of strings, of ints, of
// floats, of rows) and stays a generic call that V8 does not inline. Where the list is provably a
// JS array, the call becomes JS's own push at the call site, which keeps the feedback of that list
// only: the tfidf bundle ran 5% fewer instructions per pass over the mail corpus.
//   var ids = []; ... ids.append(id);   ->   ... ids.push(id);
// Provably an array: a local variable (not a parameter) that every declaration and assignment in
// its function sets to an array literal, as Transcrypt's list comprehensions (`var __accu0__ = []`)
// and Python's `xs = []` do, to a call of the runtime's list(), which returns a new array, or to a
// list comprehension. Only statements are rewritten (push returns the new length, append
// None), with exactly one argument (Python rejects any other count; Transcrypt's append ignores the
// rest). Every other receiver keeps append, which is still right for it.
'use strict';

/** Whether the expression (a path) makes a new JS array: `[...]`, `list(...)` with the runtime's
 * list, or a comprehension (`(function () { var __accu0__ = []; ...; return __accu0__; })()`). */
function newArray(t, path, seen) {
  const node = path.node;
  if (t.isArrayExpression(node)) return true;
  if (!t.isCallExpression(node)) return false;
  if (t.isIdentifier(node.callee, { name: 'list' })) {
    const binding = path.scope.getBinding('list');
    return Boolean(binding) && binding.kind === 'module' && /__runtime__/.test(binding.path.parent.source.value);
  }
  if (!t.isFunctionExpression(node.callee) || node.arguments.length > 0) return false;
  const body = node.callee.body.body;
  if (body.length === 0 || !t.isReturnStatement(body[body.length - 1])) return false; // it may end without a value
  const returns = [];
  path.get('callee').traverse({
    Function(inner) {
      inner.skip(); // a nested function's returns are its own
    },
    ReturnStatement(statement) {
      returns.push(statement);
    },
  });
  return (
    returns.length > 0 &&
    returns.every((statement) => {
      const value = statement.node.argument;
      return t.isIdentifier(value) && alwaysArray(t, statement.scope.getBinding(value.name), seen);
    })
  );
}

/** Whether every value the binding ever holds is a new array (`seen`: the bindings being asked). */
function alwaysArray(t, binding, seen = new Set()) {
  if (!binding || (binding.kind !== 'var' && binding.kind !== 'let' && binding.kind !== 'const')) return false;
  if (seen.has(binding)) return false; // defined by itself: not provable
  seen.add(binding);
  return [binding.path, ...binding.constantViolations].every((path) =>
    path.isVariableDeclarator()
      ? t.isIdentifier(path.node.id) && path.node.init !== null && newArray(t, path.get('init'), seen)
      : path.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(path.node.left) && newArray(t, path.get('right'), seen),
  );
}

module.exports = function arrayPush({ types: t }) {
  return {
    name: 'array-push',
    visitor: {
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property, { name: 'append' })) return;
        if (!t.isIdentifier(callee.object) || args.length !== 1 || t.isSpreadElement(args[0])) return;
        if (!path.parentPath.isExpressionStatement()) return;
        if (!alwaysArray(t, path.scope.getBinding(callee.object.name))) return;
        callee.property = t.identifier('push');
      },
    },
  };
};
