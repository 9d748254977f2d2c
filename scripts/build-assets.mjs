#!/usr/bin/env node
// Builds public/build: one CSS file (USWDS + ours, compressed) and the small enhancement scripts.
// Sass takes seconds, so this runs before start, never at server start, and not at all when none of
// the files the last build read has changed (a stamp of their contents is kept beside the output).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const out = 'public/build';
const stampFile = path.join(out, '.inputs.json');
const clientDir = 'src/platform/ui/client';
const entries = [];
for (const dir of [clientDir, ...fs.readdirSync('src/modules').map((m) => `src/modules/${m}/client`)]) {
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir)) if (/\.ts$/.test(f) && !f.endsWith('.test.ts')) entries.push(path.join(dir, f));
}

const digest = (file) => (fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64') : 'missing');
/** What a build depends on besides its input files: this script, the locked package versions, the entry list. */
const setup = [digest('scripts/build-assets.mjs'), digest('package-lock.json'), entries.join(',')].join('|');

function upToDate() {
  if (process.argv.includes('--force')) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.setup !== setup || !stamp.written.every((f) => fs.existsSync(f))) return false;
    return Object.entries(stamp.files).every(([file, hash]) => digest(file) === hash);
  } catch {
    return false;
  }
}

if (upToDate()) {
  console.log(`${out} is up to date`);
  process.exit(0);
}

const sass = await import('sass');
const esbuild = await import('esbuild');
fs.mkdirSync(out, { recursive: true });
const read = new Set();
const written = [path.join(out, 'pathways.css')];
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
  written.push(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(uswdsImg, rel), target);
}

for (const url of css.loadedUrls) if (url.protocol === 'file:') read.add(path.relative('.', url.pathname));
if (entries.length) {
  const built = await esbuild.build({
    metafile: true,
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
  for (const file of Object.keys(built.metafile.inputs)) read.add(file);
  for (const file of Object.keys(built.metafile.outputs)) written.push(file);
}
// Written last: an interrupted build leaves no stamp and runs again next time.
const files = Object.fromEntries([...read].sort().map((f) => [f, digest(f)]));
fs.writeFileSync(stampFile, JSON.stringify({ setup, files, written }));
console.log(`built ${out}: pathways.css ${(css.css.length / 1024).toFixed(1)} KB, ${entries.length} script(s)`);
