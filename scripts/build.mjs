#!/usr/bin/env node
// Builds what the server needs before it starts:
// - public/build: one CSS file (USWDS + ours, compressed) and the small enhancement scripts;
// - dist/main.mjs and dist/cli.mjs: the server and the command line compiled to JavaScript (their shared
//   code in dist/chunks/, dependencies stay in node_modules), so `npm start`, `npm run pathways` and the
//   tests' child processes run plain JavaScript instead of compiling TypeScript on every start.
// Each output keeps a stamp of the contents of every file its last build read, and is not built again
// while none of them has changed: a restart with unchanged sources builds nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import zlib from 'node:zlib';

const brotli = util.promisify(zlib.brotliCompress);
const gzip = util.promisify(zlib.gzip);

const force = process.argv.includes('--force');
// `npm run pathways` builds first: its output is the command's own, without the build's progress lines.
const log = process.argv.includes('--quiet') ? () => {} : console.log;
const digest = (file) => (fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64') : 'missing');
/** What every build depends on besides its input files: this script and the locked package versions. */
const common = [digest('scripts/build.mjs'), digest('package-lock.json')];

function upToDate(stampFile, setup) {
  if (force) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.setup !== setup || !stamp.written.every((f) => fs.existsSync(f))) return false;
    return Object.entries(stamp.files).every(([file, hash]) => digest(file) === hash);
  } catch {
    return false;
  }
}

/** Runs `build` unless its stamp says nothing it read has changed; it returns the files it read and wrote. */
async function once(name, stampFile, setupParts, build) {
  const setup = [...common, ...setupParts].join('|');
  if (upToDate(stampFile, setup)) return log(`${name} is up to date`);
  const { read, written, summary } = await build();
  // Written last: an interrupted build leaves no stamp and runs again next time.
  const files = Object.fromEntries([...read].sort().map((f) => [f, digest(f)]));
  fs.writeFileSync(stampFile, JSON.stringify({ setup, files, written }));
  log(`built ${name}: ${summary}`);
}

const esbuildFiles = (metafile) => ({ read: Object.keys(metafile.inputs), written: Object.keys(metafile.outputs) });

const assetsOut = 'public/build';
const clientDir = 'src/platform/ui/client';
const clientEntries = [];
for (const dir of [clientDir, ...fs.readdirSync('src/modules').map((m) => `src/modules/${m}/client`)]) {
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir)) if (/\.ts$/.test(f) && !f.endsWith('.test.ts')) clientEntries.push(path.join(dir, f));
}

// The stylesheet (Dart Sass, its own process) and the server (esbuild, its own process) build side by side.
const assets = once(assetsOut, path.join(assetsOut, '.inputs.json'), [clientEntries.join(',')], async () => {
  const sass = await import('sass-embedded');
  const esbuild = await import('esbuild');
  fs.mkdirSync(assetsOut, { recursive: true });
  const read = new Set();
  const written = [path.join(assetsOut, 'pathways.css')];
  const css = await sass.compileAsync('src/platform/ui/styles/main.scss', {
    loadPaths: ['node_modules/@uswds/uswds/packages'],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'if-function'],
  });
  fs.writeFileSync(path.join(assetsOut, 'pathways.css'), css.css);
  // Copy only the USWDS icons the stylesheet refers to.
  const uswdsImg = 'node_modules/@uswds/uswds/dist/img';
  for (const [, rel] of css.css.matchAll(/url\("\/assets\/img\/([^"]+)"\)/g)) {
    const target = path.join(assetsOut, 'img', rel);
    written.push(target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(uswdsImg, rel), target);
  }
  for (const url of css.loadedUrls) if (url.protocol === 'file:') read.add(path.relative('.', url.pathname));
  if (clientEntries.length) {
    const built = await esbuild.build({
      metafile: true,
      entryPoints: clientEntries,
      outdir: assetsOut,
      // Flat names: /assets/<file>.js, whichever module the script comes from (names are unique).
      entryNames: '[name]',
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      logLevel: 'warning',
    });
    const files = esbuildFiles(built.metafile);
    for (const file of files.read) read.add(file);
    written.push(...files.written);
  }
  // Compressed once here at the best settings, so a server never spends its first request on it; on
  // the thread pool, all files at once.
  const compressible = written.filter((file) => /\.(css|js|svg)$/.test(file) && fs.statSync(file).size >= 512);
  await Promise.all(
    compressible.map(async (file) => {
      const body = fs.readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
        }),
        gzip(body, { level: 9 }),
      ]);
      fs.writeFileSync(`${file}.br`, br);
      fs.writeFileSync(`${file}.gz`, gz);
    }),
  );
  written.push(...compressible.flatMap((file) => [`${file}.br`, `${file}.gz`]));
  return { read, written, summary: `pathways.css ${(css.css.length / 1024).toFixed(1)} KB, ${clientEntries.length} script(s)` };
});

const entries = ['src/main.ts', 'src/cli.ts'];
const chunkDir = 'dist/chunks';

const server = once('dist', 'dist/.inputs.json', [digest('tsconfig.json'), entries.join(',')], async () => {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    metafile: true,
    entryPoints: entries,
    outdir: 'dist',
    entryNames: '[name]',
    // The server and the CLI share most of their code: split out, it is written once, in one chunk, so
    // the second entry point adds little to the build.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as they would under tsx; only our own code is compiled.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  // Chunks are written before the entry points that import them, and the previous build's chunks are
  // removed only after: a process starting during a build loads either the old files or the new ones.
  const chunks = built.outputFiles.filter((f) => path.dirname(f.path) === path.resolve(chunkDir));
  const others = built.outputFiles.filter((f) => !chunks.includes(f));
  fs.mkdirSync(chunkDir, { recursive: true });
  for (const f of [...chunks, ...others]) fs.writeFileSync(f.path, f.contents);
  const keep = new Set(chunks.map((f) => path.basename(f.path)));
  for (const f of fs.readdirSync(chunkDir)) if (!keep.has(f)) fs.rmSync(path.join(chunkDir, f));
  const files = esbuildFiles(built.metafile);
  const kb = (f) => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  const js = files.written.filter((f) => f.endsWith('.mjs'));
  return {
    read: files.read,
    written: files.written,
    summary: `${js.map((f) => `${path.basename(f)} ${kb(f)}`).join(', ')} from ${files.read.length} files`,
  };
});

await Promise.all([assets, server]);
