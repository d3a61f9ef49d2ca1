// Babel over a directory of Transcrypt output:
//   node babel_dir.cjs IN_DIR OUT_DIR TARGETS_JSON [KEEP_JSON [ENTRIES_JSON [SEALED_JSON [PARAMS_JSON]]]]
// One process for all files; no config files are read, so the result depends only on the arguments.
// The compiled modules' own passes: f-strings become concatenation (format_strings.cjs), range()
// loops evaluate their stop once, as Python does (range_stop.cjs), slices are JS's slice()
// (slice_calls.cjs), a list that is provably an array appends with push (array_push.cjs), the
// Unicode classes a module builds at load are free of effects for esbuild (pure_tables.cjs),
// and, when no module calls with keywords, the keyword machinery goes (no_keywords.cjs), a raise whose __cause__ nothing reads is one throw (raise_throw.cjs), and
// Transcrypt's tests for omitted arguments are default parameters (default_params.cjs).
// Transcrypt's runtime is trimmed to what the modules the bundle imports, and
// the files listed in KEEP_JSON (the templates that will be bundled with them), can reach
// (trim_runtime.cjs); the methods it gives built-in prototypes are non-enumerable (host_methods.cjs).
// Each file's source map (Transcrypt's X.map, JS -> Python lines) is composed with Babel's own and
// written as X.js.map, which esbuild picks up when it bundles.
'use strict';
const fs = require('fs');
const path = require('path');
const babel = require('@babel/core');

const { concatFormat } = require('./format_strings.cjs');
const { trimRuntime, namesUsedBy } = require('./trim_runtime.cjs');
const rangeStop = require('./range_stop.cjs');
const sliceCalls = require('./slice_calls.cjs');
const arrayPush = require('./array_push.cjs');
const pureTables = require('./pure_tables.cjs');
const noKeywords = require('./no_keywords.cjs');
const defaultParams = require('./default_params.cjs');
const { propertiesRead, unreadAttributes } = require('./unread_attributes.cjs');
const { raiseThrow } = require('./raise_throw.cjs');
const { liveMethodNames, unreachableMethods } = require('./unreachable_methods.cjs');
const { foldableParams, sealedParams } = require('./sealed_params.cjs');
const hostMethods = require('./host_methods.cjs');

// The compiled modules' own passes, run before the runtime's uses are counted and again for the output.
const MODULE_PLUGINS = [concatFormat(false), rangeStop, sliceCalls, arrayPush, pureTables];

const RUNTIME = 'org.transcrypt.__runtime__.js';
const [inDir, outDir, targetsJson, keepJson = '[]', entriesJson = 'null', sealedJson = 'false', paramsJson = '{}'] = process.argv.slice(2);
const files = fs.readdirSync(inDir).filter((f) => f.endsWith('.js')).sort();
const used = { vars: new Set(), props: new Set() };
const options = { babelrc: false, configFile: false, sourceType: 'module' };
const read = new Set(); // property names some code reads (unread_attributes.cjs)
const templateProps = new Set();
for (const keep of JSON.parse(keepJson)) {
  const template = fs.readFileSync(keep, 'utf8');
  // The templates reach the runtime only through properties (error.__args__, x.__class__); any
  // word of theirs may read a class attribute.
  for (const match of template.matchAll(/\.([A-Za-z_$][\w$]*)/g)) templateProps.add(match[1]);
  for (const match of template.matchAll(/[A-Za-z_$][\w$]*/g)) read.add(match[0]);
}
// The modules the bundle imports (ENTRIES_JSON, all by default) and the modules they import, as
// the output below will rewrite them. A module compiled but never imported (the pipeline's own,
// which only builds the pipeline in Python) keeps nothing alive.
const pending = JSON.parse(entriesJson) || files.filter((f) => f !== RUNTIME);
const reached = new Map(); // file -> AST
while (pending.length > 0) {
  const file = pending.pop();
  if (reached.has(file) || file === RUNTIME || !files.includes(file)) continue;
  const source = fs.readFileSync(path.join(inDir, file), 'utf8');
  const { ast } = babel.transformSync(source, { ...options, filename: file, ast: true, code: false, plugins: MODULE_PLUGINS });
  reached.set(file, ast);
  for (const node of ast.program.body) {
    if (node.type === 'ImportDeclaration' || (node.type === 'ExportNamedDeclaration' && node.source) || node.type === 'ExportAllDeclaration') {
      pending.push(path.basename(node.source.value));
    }
  }
}
const runtimeSource = fs.readFileSync(path.join(inDir, RUNTIME), 'utf8');
const runtimeAst = babel.parseSync(runtimeSource, { ...options, filename: RUNTIME });
propertiesRead(babel, runtimeAst, read);
// SEALED_JSON true: the bundle's users reach the modules only through the templates (a pipeline
// bundle), so its parameters (PARAMS_JSON) are written into the methods, with the branches they
// decide (sealed_params.cjs), and the class methods no code can call go (unreachable_methods.cjs).
const sealedPlugins = [];
if (JSON.parse(sealedJson)) {
  const rewrite = (plugin) => {
    for (const [file, moduleAst] of reached) {
      reached.set(file, babel.transformFromAstSync(moduleAst, null, { ...options, filename: file, ast: true, code: false, plugins: [plugin] }).ast);
    }
    sealedPlugins.push(plugin);
  };
  rewrite(sealedParams(foldableParams(babel, [...reached.values()], JSON.parse(paramsJson))));
  const roots = new Set([...templateProps, ...namesUsedBy(babel, runtimeAst, { vars: new Set(), props: new Set() }).props]);
  rewrite(unreachableMethods(liveMethodNames(babel, [...reached.values()], roots)));
}
// What those modules mention, which the runtime must keep.
for (const ast of reached.values()) {
  namesUsedBy(babel, ast, used);
  propertiesRead(babel, ast, read);
}
for (const name of templateProps) used.props.add(name);
// No module calls with keywords (the runtime's own markers go to its Exception.__init__ only).
const modulePlugins = [...MODULE_PLUGINS, ...sealedPlugins, ...(used.vars.has('__kwargtrans__') ? [] : [noKeywords]), unreadAttributes(read), raiseThrow(read), defaultParams];
fs.mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const source = fs.readFileSync(path.join(inDir, file), 'utf8');
  const mapPath = path.join(inDir, file.replace(/\.js$/, '.map'));
  const inputSourceMap = fs.existsSync(mapPath) ? JSON.parse(fs.readFileSync(mapPath, 'utf8')) : undefined;
  const { code, map } = babel.transformSync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    shouldPrintComment: (comment) => /[@#]__PURE__/.test(comment), // esbuild's tree-shaking hints only
    compact: false,
    sourceMaps: true,
    inputSourceMap,
    plugins: file === RUNTIME ? [concatFormat(true), unreadAttributes(read), trimRuntime(used), hostMethods] : modulePlugins,
    presets: [[require.resolve('@babel/preset-env'), { targets: JSON.parse(targetsJson), modules: false, bugfixes: true }]],
  });
  fs.writeFileSync(path.join(outDir, file), `${code}\n//# sourceMappingURL=${file}.map\n`);
  fs.writeFileSync(path.join(outDir, `${file}.map`), JSON.stringify(map));
}
