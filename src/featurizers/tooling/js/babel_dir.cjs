// Babel over a directory of Transcrypt output: node babel_dir.cjs IN_DIR OUT_DIR TARGETS_JSON
// One process for all files; no config files are read, so the result depends only on the arguments.
'use strict';
const fs = require('fs');
const path = require('path');
const babel = require('@babel/core');

const [inDir, outDir, targetsJson] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
for (const file of fs.readdirSync(inDir).filter((f) => f.endsWith('.js')).sort()) {
  const source = fs.readFileSync(path.join(inDir, file), 'utf8');
  const { code } = babel.transformSync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    comments: false,
    compact: false,
    presets: [[require.resolve('@babel/preset-env'), { targets: JSON.parse(targetsJson), modules: false, bugfixes: true }]],
  });
  fs.writeFileSync(path.join(outDir, file), code + '\n');
}
