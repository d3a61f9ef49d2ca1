// A Babel plugin for Transcrypt's runtime, after trimming: the runtime gives built-in prototypes
// its Python methods by assignment (`Array.prototype.append = function ...`), which makes them
// enumerable, so a host's `for (k in [1])` would see them. Each such top-level assignment becomes
// a definition of a non-enumerable property:
//   Object.defineProperty(Array.prototype, "append", {value: ..., writable: true, configurable: true, enumerable: false})
// Defined so from the start, not made non-enumerable afterwards: redefining an existing property
// of Array.prototype turns it into a dictionary-mode object, and V8 then takes its slow paths for
// every array in the process (a host's for-of over an array ran 7x slower after require()).
'use strict';

const HOSTS = ['Array', 'String', 'Function', 'Number', 'Boolean', 'Object', 'Uint8Array'];

/** `NAME` when `node` is the statement `HOST.prototype.NAME = value;`, else null. */
function hostMethod(t, node) {
  if (!t.isExpressionStatement(node) || !t.isAssignmentExpression(node.expression, { operator: '=' })) return null;
  const target = node.expression.left;
  if (!t.isMemberExpression(target) || target.computed || !t.isIdentifier(target.property)) return null;
  const prototype = target.object;
  if (!t.isMemberExpression(prototype) || prototype.computed || !t.isIdentifier(prototype.property, { name: 'prototype' })) return null;
  return t.isIdentifier(prototype.object) && HOSTS.includes(prototype.object.name) ? target.property.name : null;
}

module.exports = function hostMethods({ types: t }) {
  return {
    name: 'host-methods-non-enumerable',
    visitor: {
      Program: {
        exit(program) {
          for (const statement of program.get('body')) {
            const name = hostMethod(t, statement.node);
            if (name === null) continue;
            const { left, right } = statement.node.expression;
            const descriptor = t.objectExpression([
              t.objectProperty(t.identifier('value'), right),
              t.objectProperty(t.identifier('writable'), t.booleanLiteral(true)),
              t.objectProperty(t.identifier('configurable'), t.booleanLiteral(true)),
              t.objectProperty(t.identifier('enumerable'), t.booleanLiteral(false)),
            ]);
            const define = t.memberExpression(t.identifier('Object'), t.identifier('defineProperty'));
            statement.replaceWith(t.expressionStatement(t.callExpression(define, [left.object, t.stringLiteral(name), descriptor])));
          }
        },
      },
    },
  };
};

module.exports.HOSTS = HOSTS;
