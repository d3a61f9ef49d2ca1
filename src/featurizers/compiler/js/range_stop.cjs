// A Babel plugin for the compiled featurizer modules: Python's `for i in range(start, stop)`
// evaluates `stop` once, but Transcrypt writes `for (var i = start; i < stop; i++)`, which
// evaluates it before every iteration. A body that appends to the list measured by
// `range(len(xs))` then loops on (forever, when it appends every time), and `len()` runs as
// often as the body. The plugin evaluates `stop` once, after `start`, as Python does:
//   for (var i = start, _stop = stop; i < _stop; i++)
// Only loops of the shape Transcrypt writes are touched: a `var` counter compared with `<` or
// `>` and stepped by ++, -- or += a number literal. Raw JS in __pragma__('js') uses let/const.
'use strict';

function isCounterStep(update, name) {
  if (update.type === 'UpdateExpression') {
    return update.argument.type === 'Identifier' && update.argument.name === name;
  }
  return (
    update.type === 'AssignmentExpression' &&
    update.operator === '+=' &&
    update.left.type === 'Identifier' &&
    update.left.name === name &&
    (update.right.type === 'NumericLiteral' ||
      (update.right.type === 'UnaryExpression' && update.right.operator === '-' && update.right.argument.type === 'NumericLiteral'))
  );
}

module.exports = function rangeStop({ types: t }) {
  return {
    name: 'range-stop-once',
    visitor: {
      ForStatement(path) {
        const { init, test, update } = path.node;
        if (!init || init.type !== 'VariableDeclaration' || init.kind !== 'var' || init.declarations.length !== 1) return;
        const counter = init.declarations[0].id;
        if (counter.type !== 'Identifier' || !test || !update) return;
        if (test.type !== 'BinaryExpression' || (test.operator !== '<' && test.operator !== '>')) return;
        if (test.left.type !== 'Identifier' || test.left.name !== counter.name) return;
        if (!isCounterStep(update, counter.name)) return;
        if (t.isLiteral(test.right)) return; // a constant needs no hoisting
        const stop = path.scope.generateUidIdentifier('stop');
        init.declarations.push(t.variableDeclarator(stop, test.right));
        test.right = t.cloneNode(stop);
      },
    },
  };
};
