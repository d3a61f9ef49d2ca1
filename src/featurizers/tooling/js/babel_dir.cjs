// Babel over a directory of Transcrypt output: node babel_dir.cjs IN_DIR OUT_DIR TARGETS_JSON
// One process for all files; no config files are read, so the result depends only on the arguments.
// Each file's source map (Transcrypt's X.map, JS -> Python lines) is composed with Babel's own and
// written as X.js.map, which esbuild picks up when it bundles.
'use strict';
const fs = require('fs');
const path = require('path');
const babel = require('@babel/core');

const [inDir, outDir, targetsJson] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
for (const file of fs.readdirSync(inDir).filter((f) => f.endsWith('.js')).sort()) {
  const source = fs.readFileSync(path.join(inDir, file), 'utf8');
  const mapPath = path.join(inDir, file.replace(/\.js$/, '.map'));
  const inputSourceMap = fs.existsSync(mapPath) ? JSON.parse(fs.readFileSync(mapPath, 'utf8')) : undefined;
  const { code, map } = babel.transformSync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    comments: false,
    compact: false,
    sourceMaps: true,
    inputSourceMap,
    presets: [[require.resolve('@babel/preset-env'), { targets: JSON.parse(targetsJson), modules: false, bugfixes: true }]],
  });
  fs.writeFileSync(path.join(outDir, file), `${code}\n//# sourceMappingURL=${file}.map\n`);
  fs.writeFileSync(path.join(outDir, `${file}.map`), JSON.stringify(map));
}
