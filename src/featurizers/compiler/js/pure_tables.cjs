// A Babel plugin for the compiled featurizer modules: a module-level `X = _host.class_chars(TABLE)`
// (featurizers.portable's character classes) builds a string from a Unicode table and does
// nothing else, so its call is marked /* @__PURE__ */: esbuild then drops the classes, and their
// tables, that no code of the bundle reads. Without it every bundle that imports portable would
// carry all of its tables (about 9 KB gzipped), whichever classes it uses.
'use strict';

// The _host functions whose result is all they do (called with constants, at module level).
const PURE_FUNCTIONS = new Set(['class_chars']);

function isPureCall(t, node) {
  if (!t.isCallExpression(node) || !node.arguments.every((a) => t.isIdentifier(a) || t.isStringLiteral(a))) return false;
  const callee = node.callee;
  if (t.isIdentifier(callee)) return PURE_FUNCTIONS.has(callee.name);
  return t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.object) && PURE_FUNCTIONS.has(callee.property.name);
}

module.exports = function pureTables({ types: t }) {
  return {
    name: 'pure-tables',
    visitor: {
      VariableDeclarator(path) {
        const declaration = path.parentPath;
        const owner = declaration.parentPath;
        const topLevel = owner.isProgram() || (owner.isExportNamedDeclaration() && owner.parentPath.isProgram());
        const { init } = path.node;
        if (!topLevel || !isPureCall(t, init)) return;
        if ((init.leadingComments || []).some((c) => /[@#]__PURE__/.test(c.value))) return;
        t.addComment(init, 'leading', '#__PURE__');
      },
    },
  };
};
