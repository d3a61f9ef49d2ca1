// A Babel plugin for the compiled featurizer modules: Transcrypt gives every class data attributes
// that nothing may ever read (`__module__: __name__`, the module's name). A class's data
// attribute (a literal or a name, not a method) whose name no code reads is dropped: read means
// a property access (`x.NAME`, unless it is the target of an `=`), a string (getattr(x, 'NAME'), x['NAME']) or a word of a template
// literal, anywhere in the modules the bundle imports, in Transcrypt's whole runtime, or in the
// templates bundled with them (KEEP_JSON in babel_dir.cjs).
'use strict';

/** Adds to `into` the property names the code of `ast` reads. */
function propertiesRead(babel, ast, into) {
  babel.traverse(ast, {
    MemberExpression(p) {
      // `x.NAME = value` writes NAME and reads nothing (`x.NAME += 1` reads it).
      const written = p.parentPath.isAssignmentExpression({ operator: '=' }) && p.parent.left === p.node;
      if (!p.node.computed && p.node.property.type === 'Identifier' && !written) into.add(p.node.property.name);
    },
    StringLiteral(p) {
      into.add(p.node.value);
    },
    TemplateElement(p) {
      for (const word of p.node.value.raw.match(/[A-Za-z_$][\w$]*/g) || []) into.add(word);
    },
  });
  return into;
}

/** The plugin, given the names read (propertiesRead over all the code that may read them). */
function unreadAttributes(read) {
  return ({ types: t }) => ({
    name: 'unread-class-attributes',
    visitor: {
      CallExpression(path) {
        // Transcrypt: NAME = __class__('NAME', [bases], {attributes})
        const { callee, arguments: args } = path.node;
        if (!t.isIdentifier(callee, { name: '__class__' }) || args.length < 3 || !t.isObjectExpression(args[2])) return;
        args[2].properties = args[2].properties.filter((p) => {
          if (!t.isObjectProperty(p) || p.computed || !t.isIdentifier(p.key)) return true;
          const data = t.isLiteral(p.value) || t.isIdentifier(p.value);
          return !data || read.has(p.key.name);
        });
      },
    },
  });
}

module.exports = { propertiesRead, unreadAttributes };
