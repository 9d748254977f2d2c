/**
 * `npm run bench [-- --quick] [-- --only name[,name]]`
 *
 * Finds every benchmark (`bench/<name>/index.ts` exporting `run`), runs each in its own process on
 * PGlite and, when BENCH_DATABASE_URL is set, again on PostgreSQL, and writes
 * `bench/results/latest.json` (machine, date, each figure with its unit, same-run baseline and ratio)
 * and `bench/results/latest.md`. A benchmark that throws is reported as failed; the others still run,
 * and the exit code is non-zero at the end. A benchmark that does not touch the database can say so
 * with `export const usesDatabase = false`; it then runs once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult, Figure } from './lib';

const benchDir = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname);
const resultsDir = path.join(benchDir, 'results');

type Backend = 'pglite' | 'postgres' | 'none';

interface Run {
  bench: string;
  backend: Backend;
  status: 'ok' | 'failed';
  seconds: number;
  figures: Figure[];
  notes?: string[];
  error?: string;
}

export interface LatestResults {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; os: string; loadAverageAtStart: number[] };
  date: string;
  quick: boolean;
  runs: Run[];
}

export function discover(): string[] {
  return fs
    .readdirSync(benchDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'results' && fs.existsSync(path.join(benchDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** Other work on the machine skews figures; the load when the run began says how much there was. */
const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);

function machine(): LatestResults['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart,
  };
}

// ---- child: run one benchmark and hand its result back through a file ----

async function child(name: string, backend: Backend, quick: boolean, out: string) {
  const mod = (await import(pathToFileURL(path.join(benchDir, name, 'index.ts')).href)) as {
    run: (o: BenchOptions) => Promise<BenchResult>;
  };
  if (typeof mod.run !== 'function') throw new Error(`bench/${name}/index.ts exports no run() function`);
  const result = await mod.run({ quick, databaseUrl: backend === 'postgres' ? process.env.BENCH_DATABASE_URL : undefined });
  fs.writeFileSync(out, JSON.stringify(result));
}

async function usesDatabase(name: string): Promise<boolean> {
  const src = fs.readFileSync(path.join(benchDir, name, 'index.ts'), 'utf8');
  return !/export const usesDatabase\s*=\s*false/.test(src);
}

function runChild(name: string, backend: Backend, quick: boolean): Promise<Run> {
  const out = path.join(os.tmpdir(), `pathways-bench-${process.pid}-${name}-${backend}.json`);
  fs.rmSync(out, { force: true });
  const started = performance.now();
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', path.join(benchDir, 'run.ts'), '--child', name, backend, quick ? 'quick' : 'full', out];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'], env: process.env });
    let stderr = '';
    // A benchmark that hangs is stopped and reported as failed, so the others still run.
    const limitMs = (quick ? 3 : 30) * 60_000;
    const timer = setTimeout(() => {
      stderr += `\nstopped after ${limitMs / 60_000} minutes`;
      p.kill('SIGKILL');
    }, limitMs);
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      let result: BenchResult | null;
      try {
        result = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResult;
      } catch {
        result = null;
      }
      fs.rmSync(out, { force: true });
      if (code === 0 && result) {
        resolve({ bench: name, backend, status: 'ok', seconds, figures: result.figures, notes: result.notes });
      } else {
        // Paths relative to the project, so results can be shared as they are.
        const last = stderr
          .trim()
          .split('\n')
          .slice(-8)
          .join('\n')
          .split(path.dirname(benchDir) + path.sep)
          .join('');
        resolve({ bench: name, backend, status: 'failed', seconds, figures: [], error: last || `exited with ${signal ?? code}` });
      }
    });
  });
}

// ---- parent: discover, run, write ----

function markdown(r: LatestResults): string {
  const m = r.machine;
  const lines = [
    `# Benchmark results`,
    '',
    `${r.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · ${m.os} · load average ${m.loadAverageAtStart.join(' / ')} at start${r.quick ? ' · quick run' : ''}`,
    '',
    '| benchmark | database | figure | value | baseline (same run) | ratio |',
    '| --- | --- | --- | ---: | --- | ---: |',
  ];
  for (const run of r.runs) {
    if (run.status === 'failed') {
      lines.push(`| ${run.bench} | ${run.backend} | **failed** | | ${oneLine(run.error ?? '')} | |`);
      continue;
    }
    for (const f of run.figures) {
      const base = f.baseline ? `${f.baseline.name}: ${f.baseline.value} ${f.baseline.unit}` : '';
      lines.push(`| ${run.bench} | ${run.backend} | ${f.name} | ${f.value} ${f.unit} | ${base} | ${f.ratio ?? ''} |`);
    }
  }
  const notes = r.runs.flatMap((run) => (run.notes ?? []).map((n) => `- ${run.bench} (${run.backend}): ${n}`));
  if (notes.length) lines.push('', '## Notes', '', ...notes);
  return lines.join('\n') + '\n';
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 300);
}

async function main(argv: string[]) {
  if (argv[0] === '--child') {
    const [, name, backend, mode, out] = argv;
    await child(name, backend as Backend, mode === 'quick', out);
    process.exit(0);
  }
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
  const all = discover();
  const unknown = (only ?? []).filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`No benchmark named ${unknown.join(', ')}. Known: ${all.join(', ')}`);
    process.exit(2);
  }
  const names = only ?? all;
  const pgUrl = process.env.BENCH_DATABASE_URL || undefined;
  const runs: Run[] = [];
  for (const name of names) {
    const backends: Backend[] = (await usesDatabase(name)) ? (pgUrl ? ['pglite', 'postgres'] : ['pglite']) : ['none'];
    for (const backend of backends) {
      console.log(`\n== ${name} on ${backend}${quick ? ' (quick)' : ''}`);
      const run = await runChild(name, backend, quick);
      runs.push(run);
      if (run.status === 'ok') {
        for (const f of run.figures) {
          const base = f.baseline ? `  vs ${f.baseline.name} ${f.baseline.value} ${f.baseline.unit} → ×${f.ratio}` : '';
          console.log(`   ${f.name}: ${f.value} ${f.unit}${base}`);
        }
        for (const n of run.notes ?? []) console.log(`   note: ${n}`);
        console.log(`   (${run.seconds} s)`);
      } else {
        console.log(`   FAILED after ${run.seconds} s: ${run.error}`);
      }
    }
  }

  fs.mkdirSync(resultsDir, { recursive: true });
  const latestFile = path.join(resultsDir, 'latest.json');
  let merged = runs;
  if (only && fs.existsSync(latestFile)) {
    // A partial run updates its own benchmarks and keeps the rest of the last full picture.
    const previous = JSON.parse(fs.readFileSync(latestFile, 'utf8')) as LatestResults;
    merged = [...previous.runs.filter((r) => !names.includes(r.bench)), ...runs];
    merged.sort((a, b) => a.bench.localeCompare(b.bench) || a.backend.localeCompare(b.backend));
  }
  const latest: LatestResults = { machine: machine(), date: new Date().toISOString(), quick, runs: merged };
  fs.writeFileSync(latestFile, JSON.stringify(latest, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), markdown(latest));
  const failed = runs.filter((r) => r.status === 'failed');
  console.log(`\nwrote bench/results/latest.json and latest.md; ${runs.length - failed.length} ok, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '') === path.join(benchDir, 'run')) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
