// A Babel plugin that trims Transcrypt's runtime to what the compiled modules can reach.
//
// The runtime (org.transcrypt.__runtime__.js) is one ES module: exported functions and classes,
// which esbuild drops when no module imports them, and assignments of Python methods to built-in
// prototypes (Array.prototype.append = ...), which esbuild must keep, since assigning has an
// effect. Methods are called by name (xs.append(x)), so a name no reachable code mentions cannot
// be called: its assignment goes. Reachable means: every top-level statement that is neither a
// declaration nor such an assignment, the declarations of names the other modules mention, and,
// to a fixed point, everything those mention. Mentions are counted generously (identifiers,
// property names and string literals, anywhere), so a doubt keeps the code.
//
// An unreachable top-level `var X = ...` loses its initializer (the modules' import lists still
// name it). Reachable `var X = f(...)` / `new F(...)` initializers (Transcrypt's classes and
// exceptions) are marked /* @__PURE__ */: creating a class has no effect beyond it, so esbuild
// may still drop the ones no bundled module imports.
'use strict';

/**
 * The names code mentions, in two sets: `vars`, identifiers used as variables (what keeps a
 * declaration: `set(xs)`), and `props`, property names, object keys and string values (what keeps
 * a method: `m.set(k, v)`, `obj["append"]`). Template strings count as both.
 */
function mentions(path, into = { vars: new Set(), props: new Set() }) {
  path.traverse({
    Identifier(p) {
      (p.isReferencedIdentifier() ? into.vars : into.props).add(p.node.name);
    },
    StringLiteral(p) {
      into.props.add(p.node.value);
    },
    TemplateElement(p) {
      for (const word of p.node.value.raw.match(/[A-Za-z_$][\w$]*/g) || []) {
        into.vars.add(word);
        into.props.add(word);
      }
    },
  });
  return into;
}

/** `X.prototype.NAME = ...;` -> NAME, else null. */
function prototypeMethod(t, node) {
  if (!t.isExpressionStatement(node) || !t.isAssignmentExpression(node.expression, { operator: '=' })) return null;
  const left = node.expression.left;
  if (!t.isMemberExpression(left) || left.computed || !t.isIdentifier(left.property)) return null;
  const owner = left.object;
  if (!t.isMemberExpression(owner) || owner.computed || !t.isIdentifier(owner.property, { name: 'prototype' })) return null;
  return left.property.name;
}

/** The names a top-level declaration (exported or not) binds, or null for another statement. */
function declared(t, node) {
  const declaration = t.isExportNamedDeclaration(node) ? node.declaration : node;
  if (t.isFunctionDeclaration(declaration) || t.isClassDeclaration(declaration)) return [declaration.id.name];
  if (t.isVariableDeclaration(declaration)) return declaration.declarations.map((d) => d.id.name);
  return null;
}

function trimRuntime(usedElsewhere) {
  return ({ types: t }) => ({
    visitor: {
      Program: {
        exit(program) {
          const statements = program.get('body').map((path) => ({
            path,
            method: prototypeMethod(t, path.node),
            names: declared(t, path.node),
            live: false,
          }));
          for (const s of statements) s.live = s.method === null && s.names === null;
          for (let changed = true; changed; ) {
            const reached = { vars: new Set(usedElsewhere.vars), props: new Set(usedElsewhere.props) };
            for (const s of statements) if (s.live) mentions(s.path, reached);
            changed = false;
            for (const s of statements) {
              if (!s.live && (s.method !== null ? reached.props.has(s.method) : s.names.some((n) => reached.vars.has(n)))) {
                s.live = changed = true;
              }
            }
          }
          for (const s of statements) {
            if (s.method !== null && !s.live) {
              s.path.remove();
            } else if (s.names !== null) {
              const declaration = t.isExportNamedDeclaration(s.path.node) ? s.path.node.declaration : s.path.node;
              for (const d of t.isVariableDeclaration(declaration) ? declaration.declarations : []) {
                if (!s.live) {
                  d.init = null; // unreachable (`print = __terminal__.print`): the binding stays for the imports
                } else if (t.isCallExpression(d.init) || t.isNewExpression(d.init)) {
                  t.addComment(d.init, 'leading', '#__PURE__');
                }
              }
            }
          }
        },
      },
    },
  });
}

/** `mentions` of a module's code, its import declarations left out. */
function namesUsedBy(babel, source, filename, into) {
  const ast = babel.parseSync(source, { filename, babelrc: false, configFile: false, sourceType: 'module' });
  babel.traverse(ast, {
    Program(path) {
      for (const statement of path.get('body')) {
        if (!statement.isImportDeclaration()) mentions(statement, into);
      }
      path.stop();
    },
  });
  return into;
}

module.exports = { trimRuntime, namesUsedBy };
