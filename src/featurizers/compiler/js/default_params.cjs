// A Babel plugin for the compiled featurizer modules: Transcrypt gives a parameter with a default
// a test at the top of the function body,
//   function (texts, check_input) { if (typeof check_input == 'undefined') { ; var check_input = true; } ; ...
// which is what a JS default parameter means (undefined, passed or missing, takes the default,
// evaluated at each call, as here), and minifiers cannot shorten the test:
//   function (texts, check_input = true) { ...
// Only the tests that open the body are moved, and only when the default names nothing the
// function itself declares (a default is evaluated in the parameters' scope, which does not see
// the body's `var`s) and has no `this`, `arguments` or function of its own. It runs after the
// other passes (no_keywords.cjs first drops the keyword-marker half of each test).
'use strict';

/** The parameter name and default of `if (typeof P == 'undefined') { var P = D; }`, or null. */
function defaultOf(t, node) {
  if (!t.isIfStatement(node) || node.alternate || !t.isBlockStatement(node.consequent)) return null;
  const { test } = node;
  if (!t.isBinaryExpression(test) || (test.operator !== '==' && test.operator !== '===')) return null;
  if (!t.isUnaryExpression(test.left, { operator: 'typeof' }) || !t.isIdentifier(test.left.argument)) return null;
  if (!t.isStringLiteral(test.right, { value: 'undefined' })) return null;
  const body = node.consequent.body.filter((s) => !t.isEmptyStatement(s));
  if (body.length !== 1 || !t.isVariableDeclaration(body[0], { kind: 'var' }) || body[0].declarations.length !== 1) return null;
  const { id, init } = body[0].declarations[0];
  const name = test.left.argument.name;
  return t.isIdentifier(id, { name }) && init ? { name, value: init } : null;
}

/** Whether the expression at `path` means the same in the parameters' scope of `fn` as in its body. */
function portable(fn, path) {
  const own = (p) => {
    if (p.isThisExpression() || p.isFunction() || p.isSuper() || p.isMetaProperty() || p.isYieldExpression() || p.isAwaitExpression()) return true;
    if (!p.isIdentifier() || !p.isReferencedIdentifier()) return false;
    const binding = p.scope.getBinding(p.node.name);
    return p.node.name === 'arguments' || Boolean(binding && (binding.scope === fn.scope || binding.scope.path.isDescendant(fn)));
  };
  let ok = !own(path);
  path.traverse({
    enter(p) {
      if (own(p)) {
        ok = false;
        p.stop();
      }
    },
  });
  return ok;
}

module.exports = function defaultParams({ types: t }) {
  const visitor = {
    Function(fn) {
      if (!t.isBlockStatement(fn.node.body)) return;
      const params = fn.get('params');
      const statements = fn.get('body.body');
      const moved = [];
      let last = -1;
      for (let i = 0; i < statements.length; i++) {
        const statement = statements[i];
        if (statement.isEmptyStatement()) continue;
        const found = defaultOf(t, statement.node);
        if (found === null) break;
        const param = params.find((p) => p.isIdentifier({ name: found.name }));
        const value = statement.get('consequent.body').find((s) => s.isVariableDeclaration()).get('declarations.0.init');
        if (!param || moved.some((m) => m.param === param) || !portable(fn, value)) break;
        moved.push({ param, value: found.value });
        last = i;
      }
      if (moved.length === 0) return;
      for (const m of moved) m.param.replaceWith(t.assignmentPattern(t.identifier(m.param.node.name), m.value));
      // The tests moved, and the empty statements around them.
      for (const s of statements.slice(0, last + 1)) s.remove();
      if (statements[last + 1] && statements[last + 1].isEmptyStatement()) statements[last + 1].remove();
      fn.scope.crawl();
    },
  };
  return {
    name: 'default-parameters',
    visitor: {
      Program: {
        exit(path) {
          path.traverse(visitor);
        },
      },
    },
  };
};
