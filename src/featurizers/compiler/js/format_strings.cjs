// A Babel plugin that turns Transcrypt's compiled f-strings into concatenation.
//
// Transcrypt compiles f'{where}: item {i}' to '{}: item {}'.format (where, i), a call of
// String.prototype.format: a getter that binds a method, builds a tuple of the arguments and runs a
// regular expression over the literal, each placeholder becoming str (arg). When the receiver is a
// string literal whose only braces are `{}` placeholders, as many as there are arguments, the
// call is rewritten to '' + str (where) + ': item ' + str (i): the same text (the runtime's own
// str(): None -> 'None', True -> 'True', lists as Python reprs), with the arguments still
// evaluated left to right (each str() now runs before the next argument is evaluated; it only
// reads). Any other .format call is left alone, and then keeps String.prototype.format alive in
// the trimmed runtime (trim_runtime.cjs).
'use strict';

const RUNTIME_IMPORT = './org.transcrypt.__runtime__.js';

/** Whether `str` here is the runtime's str(): imported from it, or, in the runtime, its own declaration. */
function isRuntimeStr(t, scope, inRuntime) {
  const binding = scope.getBinding('str');
  if (!binding || binding.constantViolations.length > 0) return false;
  if (binding.kind === 'module') {
    const { node, parent } = binding.path;
    return t.isImportSpecifier(node) && t.isIdentifier(node.imported, { name: 'str' }) && parent.source.value === RUNTIME_IMPORT;
  }
  return inRuntime && binding.path.isFunctionDeclaration() && binding.scope.path.isProgram();
}

/** The literal's pieces between `{}` placeholders, or null when it has other braces or a count other than `count`. */
function pieces(text, count) {
  const parts = text.split('{}');
  if (parts.length !== count + 1 || parts.some((p) => p.includes('{') || p.includes('}'))) return null;
  return parts;
}

/** The plugin for one file; `inRuntime`: the file is the runtime itself, which declares str(). */
function concatFormat(inRuntime) {
  return ({ types: t }) => ({
    visitor: {
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property, { name: 'format' })) return;
        if (!t.isStringLiteral(callee.object) || args.some((a) => !t.isExpression(a))) return;
        const parts = pieces(callee.object.value, args.length);
        if (parts === null || !isRuntimeStr(t, path.scope, inRuntime)) return;
        // str() always returns a string, so the + below concatenates whatever the pieces are.
        let result = parts[0] === '' ? null : t.stringLiteral(parts[0]);
        args.forEach((arg, i) => {
          const text = t.callExpression(t.identifier('str'), [arg]);
          result = result === null ? text : t.binaryExpression('+', result, text);
          if (parts[i + 1] !== '') result = t.binaryExpression('+', result, t.stringLiteral(parts[i + 1]));
        });
        path.replaceWith(result === null ? t.stringLiteral('') : result);
      },
    },
  });
}

module.exports = { concatFormat };
