// A Babel plugin for the compiled featurizer modules: Transcrypt compiles x[a:b] to
// x.__getslice__(a, b, 1), a runtime method on String and Array prototypes that normalizes None
// and negative bounds itself. With a step of 1 that is exactly JS's own slice(a, b), which counts
// negative bounds from the end and clamps both to the length, as Python does; a None start is
// 0 either way. Only a None stop differs (slice(a, null) is empty), so a stop that may be None
// (a name, a call) is passed as `stop ?? undefined`. The rewrite lets the trimmed runtime drop
// both __getslice__ methods (about 2 KB minified). Slices with another step are left alone.
'use strict';

/** Whether the expression can never be null or undefined: a number literal, or an operator's result. */
function neverNullish(t, node) {
  return t.isNumericLiteral(node) || t.isBinaryExpression(node) || t.isUnaryExpression(node);
}

module.exports = function sliceCalls({ types: t }) {
  return {
    name: 'slice-calls',
    visitor: {
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property, { name: '__getslice__' })) return;
        if (args.length !== 3 || !t.isNumericLiteral(args[2], { value: 1 })) return;
        const [start, stop] = args;
        const bounds = [];
        if (!t.isNullLiteral(stop)) {
          const end = neverNullish(t, stop) ? stop : t.logicalExpression('??', stop, t.identifier('undefined'));
          bounds.push(t.isNullLiteral(start) ? t.numericLiteral(0) : start, end);
        } else if (!t.isNullLiteral(start)) {
          bounds.push(start);
        }
        path.replaceWith(t.callExpression(t.memberExpression(callee.object, t.identifier('slice')), bounds));
      },
    },
  };
};
