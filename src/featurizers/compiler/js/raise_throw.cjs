// A Babel plugin for the compiled featurizer modules: Transcrypt compiles `raise X` (and
// `raise X from Y`) to three statements,
//   var __except0__ = X; __except0__.__cause__ = null; throw __except0__;
// When nothing reads `__cause__` (no property access, string or template word names it, in the
// modules the bundle imports, the runtime or the templates bundled with them: the same names as
// unread_attributes.cjs), the assignment can have no effect a program sees, and the raise is
//   throw X;
// The variable must be read nowhere else in its function (only by such raises), and the cause
// must be a literal or a name, so that dropping it drops no side effect.
'use strict';

const EXCEPTION_VARIABLE = /^__except\d+__$/;

/** The three statements of a raise at `body[i]`, as {name, value}, or null. */
function raiseAt(t, body, i) {
  const [declaration, cause, thrown] = body.slice(i, i + 3);
  if (!t.isVariableDeclaration(declaration, { kind: 'var' }) || declaration.declarations.length !== 1) return null;
  const { id, init } = declaration.declarations[0];
  if (!t.isIdentifier(id) || !EXCEPTION_VARIABLE.test(id.name) || !init) return null;
  const name = id.name;
  const isCause =
    t.isExpressionStatement(cause) &&
    t.isAssignmentExpression(cause.expression, { operator: '=' }) &&
    t.isMemberExpression(cause.expression.left, { computed: false }) &&
    t.isIdentifier(cause.expression.left.object, { name }) &&
    t.isIdentifier(cause.expression.left.property, { name: '__cause__' }) &&
    (t.isLiteral(cause.expression.right) || t.isIdentifier(cause.expression.right));
  if (!isCause || !t.isThrowStatement(thrown) || !t.isIdentifier(thrown.argument, { name })) return null;
  return { name, value: init, nodes: [id, cause.expression.left.object, thrown.argument] };
}

/** The plugin, given the names read (propertiesRead in unread_attributes.cjs). */
function raiseThrow(read) {
  return ({ types: t }) => ({
    name: 'raise-is-throw',
    visitor: {
      Function(fn) {
        if (read.has('__cause__')) return;
        const raises = [];
        fn.traverse({
          Function(inner) {
            inner.skip(); // its own visit
          },
          'BlockStatement|SwitchCase'(block) {
            const key = block.isSwitchCase() ? 'consequent' : 'body';
            const body = block.node[key];
            for (let i = 0; i + 3 <= body.length; i++) {
              const found = raiseAt(t, body, i);
              if (found) raises.push({ ...found, block, key, statement: body[i] });
            }
          },
        });
        // Each variable must appear only in raises, as the function's own `var`: then no code
        // reads the value after its throw.
        const inRaises = new Set(raises.flatMap((r) => r.nodes));
        const onlyInRaises = (r) => {
          const binding = fn.scope.getBinding(r.name);
          if (!binding || binding.scope !== fn.scope || r.block.scope.getBinding(r.name) !== binding) return false;
          if (!binding.path.isVariableDeclarator() || !inRaises.has(binding.path.node.id)) return false;
          const uses = [...binding.referencePaths, ...binding.constantViolations.map((p) => p.get('id'))];
          return uses.every((p) => inRaises.has(p.node));
        };
        const kept = raises.filter(onlyInRaises);
        for (const r of kept) {
          const statements = r.block.get(r.key);
          const at = statements.findIndex((p) => p.node === r.statement);
          statements[at + 2].remove();
          statements[at + 1].remove();
          statements[at].replaceWith(t.throwStatement(r.value));
        }
        if (kept.length > 0) fn.scope.crawl();
      },
    },
  });
}

module.exports = { raiseThrow };
