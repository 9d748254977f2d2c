/**
 * What every benchmark under bench/<name>/index.ts shares: the result shape the runner (bench/run.ts)
 * collects, and small measuring helpers. A benchmark exports
 * `run(opts: { quick: boolean; databaseUrl?: string }): Promise<BenchResult>`; each figure carries its
 * unit and, where there is one, the baseline measured in the same run and the ratio to it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value */
  ratio?: number;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Lines a reader needs next to the numbers (what was skipped and why, budgets that failed). */
  notes?: string[];
}

export interface BenchOptions {
  quick: boolean;
  databaseUrl?: string;
}

export type Bench = (opts: BenchOptions) => Promise<BenchResult>;

/** A figure compared with a baseline from the same run. */
export function figure(name: string, value: number, unit: string, baseline?: { name: string; value: number; unit?: string }): Figure {
  const f: Figure = { name, value: round(value), unit };
  if (baseline) {
    f.baseline = { name: baseline.name, value: round(baseline.value), unit: baseline.unit ?? unit };
    if (baseline.value) f.ratio = round(value / baseline.value, 3);
  }
  return f;
}

export function round(n: number, digits = 2): number {
  const p = 10 ** digits;
  return Math.round(n * p) / p;
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Where a benchmark run on its own writes `bench/results/<name>.json`. */
function writeResult(result: BenchResult, suffix = ''): string {
  const dir = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.name}${suffix}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

/** For `npx tsx bench/<name>/index.ts [--quick]`: runs one benchmark alone and prints its figures. */
export async function runAlone(bench: Bench): Promise<void> {
  const quick = process.argv.includes('--quick');
  const result = await bench({ quick, databaseUrl: process.env.BENCH_DATABASE_URL || undefined });
  const file = writeResult(result);
  for (const f of result.figures) {
    const base = f.baseline ? `  (baseline ${f.baseline.name}: ${f.baseline.value} ${f.baseline.unit}, ratio ${f.ratio})` : '';
    console.log(`${f.name}: ${f.value} ${f.unit}${base}`);
  }
  for (const n of result.notes ?? []) console.log(`note: ${n}`);
  console.log(`wrote ${file}`);
}

/** True when this module is the script node was asked to run (not imported by the runner). */
export function isMain(metaUrl: string): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  const a = path.resolve(arg).replace(/\.[cm]?[jt]s$/, '');
  const b = path.resolve(new URL(metaUrl).pathname).replace(/\.[cm]?[jt]s$/, '');
  return a === b;
}

export interface LoadResult {
  /** Answered requests (2xx/3xx) per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Average body size of an answer, bytes. */
  bodyBytes: number;
}

/**
 * Closed-loop HTTP load on one URL from a worker thread (bench/load-worker.mjs): `connections`
 * keep-alive connections, each asking again as soon as it is answered, for `seconds` after a warm-up.
 * The same generator measures the app and its bare node:http baseline, so their ratio is fair.
 */
export async function loadTest(
  url: string,
  opts: { connections: number; seconds: number; warmupSeconds?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: {
      url,
      connections: opts.connections,
      warmupMs: (opts.warmupSeconds ?? 1) * 1000,
      durationMs: opts.seconds * 1000,
      headers: opts.headers ?? {},
    },
  });
  const data = await new Promise<{ latencies: number[]; ok: number; errors: number; non2xx: number; bytes: number; seconds: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  const answered = data.latencies.length;
  return {
    rps: round(data.ok / data.seconds, 0),
    p50Ms: round(percentile(data.latencies, 50), 2),
    p99Ms: round(percentile(data.latencies, 99), 2),
    requests: answered,
    errors: data.errors,
    non2xx: data.non2xx,
    bodyBytes: answered ? Math.round(data.bytes / answered) : 0,
  };
}
