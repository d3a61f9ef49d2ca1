// A Babel plugin that trims Transcrypt's runtime to what the compiled modules can reach.
//
// The runtime (org.transcrypt.__runtime__.js) is one ES module: exported functions and classes,
// which esbuild drops when no module imports them, and statements that give an object a named
// property (Array.prototype.append = ..., float.__name__ = ..., __setproperty__(instance,
// 'py_keys', ...) inside dict()), which esbuild must keep, since assigning has an effect.
// Properties are read by name (xs.append(x)), so a name no reachable code mentions cannot be read:
// its assignment goes. Reachable means: every top-level statement that is neither a declaration
// nor such an assignment, the declarations of names the other modules mention, and, to a fixed
// point, everything those mention (only reachable code counts; a property given to one of the
// runtime's own declarations, tuple.__name__, also needs that declaration reachable). Mentions are
// counted generously (identifiers read, property names and string literals, anywhere; a string
// 'NAME' also counts as Transcrypt's py_NAME), so a doubt keeps the code.
//
// An unreachable top-level `var X = ...` loses its initializer (the modules' import lists still
// name it). Reachable `var X = f(...)` / `new F(...)` initializers (Transcrypt's classes and
// exceptions) are marked /* @__PURE__ */: creating a class has no effect beyond it, so esbuild
// may still drop the ones no bundled module imports.
'use strict';

/**
 * The names code mentions, in two sets: `vars`, identifiers used as variables (what keeps a
 * declaration: `set(xs)`), and `props`, property names, object keys and string values (what keeps
 * a property: `m.set(k, v)`, `obj["append"]`). Template strings count as both. Nodes in `skip`
 * (property assignments and class tests of their own, methods) are left out.
 */
function mentions(path, into = { vars: new Set(), props: new Set() }, skip = new Set()) {
  const named = (name) => {
    into.props.add(name);
    into.props.add(`py_${name}`); // getattr(obj, 'keys') falls back to obj['py_keys']
  };
  path.traverse({
    enter(p) {
      if (skip.has(p.node)) p.skip();
    },
    Identifier(p) {
      // A name being declared (copy.js's `function py_copy`) is neither read nor a property.
      if (p.isReferencedIdentifier()) into.vars.add(p.node.name);
      else if (!p.isBindingIdentifier()) into.props.add(p.node.name);
    },
    StringLiteral(p) {
      named(p.node.value);
    },
    TemplateElement(p) {
      for (const word of p.node.value.raw.match(/[A-Za-z_$][\w$]*/g) || []) {
        into.vars.add(word);
        named(word);
      }
    },
  });
  return into;
}

/** Whether evaluating `node` can have no effect: literals, names, functions, and arrays of them. */
function pure(t, node) {
  if (t.isLiteral(node) || t.isIdentifier(node) || t.isFunction(node)) return true;
  if (t.isMemberExpression(node)) return !node.computed && t.isIdentifier(node.object);
  if (t.isArrayExpression(node)) return node.elements.every((e) => e !== null && pure(t, e));
  return false;
}

/**
 * The property name a statement assigns, or null for another statement:
 * `X.prototype.NAME = ...;`, `X.NAME = <pure>;` at the top level (X a name), and
 * `__setproperty__(X, 'NAME', {non-enumerable descriptor of pure values});` anywhere.
 */
function assignedProperty(t, node, topLevel) {
  if (!t.isExpressionStatement(node)) return null;
  const e = node.expression;
  if (t.isAssignmentExpression(e, { operator: '=' }) && t.isMemberExpression(e.left) && !e.left.computed) {
    const { object, property } = e.left;
    if (!t.isIdentifier(property)) return null;
    if (t.isMemberExpression(object) && !object.computed && t.isIdentifier(object.property, { name: 'prototype' })) {
      return property.name;
    }
    return topLevel && t.isIdentifier(object) && pure(t, e.right) ? property.name : null;
  }
  if (t.isCallExpression(e) && t.isIdentifier(e.callee, { name: '__setproperty__' }) && e.arguments.length === 3) {
    const [, name, descriptor] = e.arguments;
    if (!t.isStringLiteral(name) || !t.isObjectExpression(descriptor)) return null;
    const fields = descriptor.properties;
    const plain = fields.every((f) => t.isObjectProperty(f) && !f.computed && pure(t, f.value));
    const enumerable = fields.some((f) => t.isIdentifier(f.key, { name: 'enumerable' }) && !t.isBooleanLiteral(f.value, { value: false }));
    return plain && !enumerable ? name.value : null;
  }
  return null;
}

/**
 * The names NAME of an `if ('NAME' in this || ...) {...}` inside a `__new__: function` (a class's
 * constructor, where `this` is the class), or null for another statement. A class has a property
 * only if compiled code names it (the class's attributes, its bases', setattr(cls, 'NAME', ...)).
 */
function classTest(t, path) {
  const names = [];
  const leaves = (node) =>
    t.isLogicalExpression(node, { operator: '||' })
      ? leaves(node.left) && leaves(node.right)
      : t.isBinaryExpression(node, { operator: 'in' }) && t.isStringLiteral(node.left) && t.isThisExpression(node.right) && names.push(node.left.value);
  if (!leaves(path.node.test)) return null;
  const fn = path.getFunctionParent();
  const inNew = fn && fn.isFunctionExpression() && fn.parentPath.isObjectProperty() && t.isIdentifier(fn.parent.key, { name: '__new__' });
  return inNew ? names : null;
}

/** The object a property assignment (see assignedProperty) gives the property to: X's name, or null. */
function assignedObject(t, node) {
  const e = node.expression;
  let object = t.isCallExpression(e) ? e.arguments[0] : e.left.object;
  if (t.isMemberExpression(object) && !object.computed && t.isIdentifier(object.property, { name: 'prototype' })) object = object.object;
  return t.isIdentifier(object) ? object.name : null;
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
            property: assignedProperty(t, path.node, true),
            names: declared(t, path.node),
            live: false,
          }));
          // A property given to one of the runtime's own declarations (tuple.__name__ = 'tuple',
          // set.prototype.x = ...) lives only if that declaration does: its mention of the object
          // must not keep the object alive.
          const declarations = new Map();
          for (const s of statements) for (const name of s.names || []) declarations.set(name, s);
          for (const s of statements) {
            s.object = s.property !== null ? declarations.get(assignedObject(t, s.path.node)) || null : null;
          }
          // Property assignments inside functions (dict()'s methods): each lives on its own.
          // So do class tests (object.__new__'s Proxy for __getattr__ / __setattr__): the branch
          // counts once a name it tests is reached; if none is, the test is false.
          const nested = [];
          const tests = [];
          for (const s of statements) {
            s.path.traverse({
              ExpressionStatement(p) {
                const property = assignedProperty(t, p.node, false);
                if (property !== null) nested.push({ path: p, property, owner: s, live: false });
              },
              IfStatement(p) {
                const names = classTest(t, p);
                if (names !== null) tests.push({ path: p, names, owner: s, live: false });
              },
            });
          }
          for (const s of statements) s.live = s.property === null && s.names === null;
          // The runtime's own imports (copy.js) mention only what they bind.
          const mentioning = statements.filter((s) => !s.path.isImportDeclaration());
          for (let changed = true; changed; ) {
            const reached = { vars: new Set(usedElsewhere.vars), props: new Set(usedElsewhere.props) };
            const skip = new Set([...nested, ...tests.filter((c) => !c.live)].map((n) => n.path.node));
            for (const s of [...mentioning, ...nested]) if (s.live) mentions(s.path, reached, skip);
            changed = false;
            for (const s of statements) {
              if (s.live) continue;
              const reachable =
                s.property !== null
                  ? reached.props.has(s.property) && (s.object === null || s.object.live)
                  : s.names.some((n) => reached.vars.has(n));
              if (reachable) s.live = changed = true;
            }
            for (const n of nested) {
              if (!n.live && n.owner.live && reached.props.has(n.property)) n.live = changed = true;
            }
            for (const c of tests) {
              if (!c.live && c.owner.live && c.names.some((name) => reached.props.has(name))) c.live = changed = true;
            }
          }
          for (const n of nested) if (!n.live && n.owner.live) n.path.remove();
          for (const c of tests) {
            if (c.live || !c.owner.live) continue;
            if (c.path.node.alternate) c.path.replaceWith(c.path.node.alternate);
            else c.path.remove();
          }
          for (const s of statements) {
            if (s.property !== null && !s.live) {
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

/** `mentions` of a module's code (its AST), its import declarations left out. */
function namesUsedBy(babel, ast, into) {
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

module.exports = { trimRuntime, namesUsedBy, mentions };
