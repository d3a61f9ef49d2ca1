// A Babel plugin for the compiled featurizer modules of a bundle in which no module calls
// keyword arguments (`f(x=1)` compiles to `f(__kwargtrans__({x: 1}))`; the runtime makes such
// markers only for its own Exception.__init__). Transcrypt gives every function with defaults a
// test of each parameter for a marker, and each kwargs-compiled function (the constructors) a
// block that unpacks one:
//   if (typeof x == 'undefined' || (x != null && x.hasOwnProperty("__kwargtrans__"))) { x = default }
//   if (arguments.length) { var __ilastarg0__ = ...; if (arguments[__ilastarg0__] && ...) {...} } else {}
// With no marker in the bundle, a marker test is false and an unpacking block does nothing: the
// plugin drops them (about 250 bytes gzipped in the flagship). A block that also collects *args
// is kept.
'use strict';

const MARKER = '__kwargtrans__';

/** Whether `node` is `x.hasOwnProperty("__kwargtrans__")` for some x. */
function isMarkerTest(t, node) {
  return (
    t.isCallExpression(node) &&
    t.isMemberExpression(node.callee) &&
    t.isIdentifier(node.callee.property, { name: 'hasOwnProperty' }) &&
    node.arguments.length === 1 &&
    t.isStringLiteral(node.arguments[0], { value: MARKER })
  );
}

/** Whether `node` is `x != null && x.hasOwnProperty("__kwargtrans__")` (the right side of a default's test). */
function isMarkerCheck(t, node) {
  return t.isLogicalExpression(node, { operator: '&&' }) && isMarkerTest(t, node.right);
}

/** Whether the statement is Transcrypt's keyword-unpacking block, and nothing more. */
function isUnpackingBlock(t, node) {
  if (!t.isIfStatement(node) || !t.isMemberExpression(node.test) || !t.isIdentifier(node.test.object, { name: 'arguments' })) return false;
  if (node.alternate && !(t.isBlockStatement(node.alternate) && node.alternate.body.length === 0)) return false;
  const body = t.isBlockStatement(node.consequent) ? node.consequent.body : [];
  if (body.length !== 2 || !t.isVariableDeclaration(body[0]) || !t.isIfStatement(body[1])) return false;
  const declared = body[0].declarations.map((d) => d.id.name);
  const test = body[1].test;
  return declared.length === 1 && /^__ilastarg\d+__$/.test(declared[0]) && t.isLogicalExpression(test, { operator: '&&' }) && isMarkerTest(t, test.right);
}

module.exports = function noKeywords({ types: t }) {
  return {
    name: 'no-keyword-arguments',
    visitor: {
      LogicalExpression(path) {
        // typeof x == 'undefined' || (marker check)  ->  typeof x == 'undefined'
        if (path.node.operator === '||' && isMarkerCheck(t, path.node.right)) path.replaceWith(path.node.left);
      },
      IfStatement(path) {
        if (isUnpackingBlock(t, path.node)) path.remove();
      },
    },
  };
};
