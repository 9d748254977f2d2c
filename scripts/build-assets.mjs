#!/usr/bin/env node
// Builds public/build: one CSS file (USWDS + ours, compressed) and the small enhancement scripts.
// Sass takes seconds, so this runs before start, never at server start.
import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import * as esbuild from 'esbuild';

const out = 'public/build';
fs.mkdirSync(out, { recursive: true });
const css = sass.compile('src/platform/ui/styles/main.scss', {
  loadPaths: ['node_modules/@uswds/uswds/packages'],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'if-function'],
});
fs.writeFileSync(path.join(out, 'pathways.css'), css.css);
// Copy only the USWDS icons the stylesheet refers to.
const uswdsImg = 'node_modules/@uswds/uswds/dist/img';
for (const [, rel] of css.css.matchAll(/url\("\/assets\/img\/([^"]+)"\)/g)) {
  const target = path.join(out, 'img', rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(uswdsImg, rel), target);
}

const clientDir = 'src/platform/ui/client';
const entries = [];
for (const dir of [clientDir, ...fs.readdirSync('src/modules').map((m) => `src/modules/${m}/client`)]) {
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir)) if (/\.ts$/.test(f) && !f.endsWith('.test.ts')) entries.push(path.join(dir, f));
}
if (entries.length) {
  await esbuild.build({
    entryPoints: entries,
    outdir: out,
    // Flat names: /assets/<file>.js, whichever module the script comes from (names are unique).
    entryNames: '[name]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    logLevel: 'warning',
  });
}
console.log(`built ${out}: pathways.css ${(css.css.length / 1024).toFixed(1)} KB, ${entries.length} script(s)`);
