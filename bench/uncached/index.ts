/**
 * Uncached paths: public pages with the page cache off and the public API lists, each against a bare
 * node:http handler that sends the very same SQL (recorded from the app's own answer to that path, text
 * and parameters as the driver got them) to the same database and serialises the rows as JSON, in the
 * same run, with the same load generator and 50 keep-alive connections. Target: the app at ≥ 50% of
 * that handler's throughput, p99 under 100 ms. For each path the time of one answer is also split into
 * its SQL (the recorded queries replayed alone) and the rest (routing, rendering, serialising).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryLog } from '../../src/db/client';
import type { Database } from '../../src/db/client';
import { figure, isMain, loadTest, round, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';
import { candidatePages, startApp } from '../server';

const TARGET = { ratio: 0.5, p99Ms: 100 };
const API_LISTS = [
  '/api/v1/events',
  '/api/v1/jobs',
  '/api/v1/conferences',
  '/api/v1/organizations',
  '/api/v1/initiatives',
  '/api/v1/posts',
];
const HEADERS = { accept: 'text/html', 'accept-language': 'en', 'accept-encoding': 'gzip, deflate, br' };

type Recorded = { sql: string; params: unknown[] }[];

function rawQuery(database: Database): (sql: string, params: unknown[]) => Promise<unknown[]> {
  if (database.pglite) {
    const pglite = database.pglite;
    return async (sql, params) => (await pglite.query(sql, params)).rows;
  }
  const pool = database.pool!;
  return async (sql, params) => (await pool.query(sql, params)).rows;
}

/** The same queries, one after another, and their rows as JSON: what any handler of this path must do. */
function replay(query: ReturnType<typeof rawQuery>, recorded: Recorded): () => Promise<string> {
  return async () => {
    const results: unknown[] = [];
    for (const q of recorded) results.push(await query(q.sql, q.params));
    return JSON.stringify(results);
  };
}

async function bareHandler(answer: () => Promise<string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    answer().then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (err: Error) => {
        res.writeHead(500);
        res.end(err.message);
      },
    );
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function record(url: string): Promise<{ status: number; recorded: Recorded }> {
  const recorded: Recorded = [];
  queryLog.into = recorded;
  try {
    const res = await fetch(url, { headers: HEADERS, redirect: 'manual' });
    await res.arrayBuffer();
    return { status: res.status, recorded };
  } finally {
    queryLog.into = null;
  }
}

async function medianMs(times: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const connections = 50;
  const seconds = opts.quick ? 2 : 5;
  const warmupSeconds = opts.quick ? 0.5 : 1;
  const app = await startApp({ databaseUrl: opts.databaseUrl, env: { PAGE_CACHE_SECONDS: '0' } });
  const query = rawQuery(app.deps.database);
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const found = await candidatePages(app.url);
    const pages = [found.home, found.eventsList, found.eventPage, found.jobsSearch, found.jobPage].filter((p): p is string => !!p);
    for (const path of [...pages, ...API_LISTS]) {
      const { status, recorded } = await record(app.url + path);
      if (status !== 200) {
        notes.push(`${path}: skipped, answered ${status}`);
        continue;
      }
      const answer = replay(query, recorded);
      const bare = await bareHandler(answer);
      try {
        const base = await loadTest(bare.url, { connections, seconds, warmupSeconds });
        const real = await loadTest(app.url + path, { connections, seconds, warmupSeconds, headers: HEADERS });
        if (real.errors || real.non2xx || base.errors || base.non2xx)
          notes.push(`${path}: app ${real.errors} errors / ${real.non2xx} non-2xx, bare ${base.errors} / ${base.non2xx}`);
        const baseName = `bare node:http handler running the same ${recorded.length} queries, rows as JSON`;
        figures.push(figure(`${path}: throughput`, real.rps, 'req/s', { name: baseName, value: base.rps }));
        figures.push(figure(`${path}: p99 latency, ${connections} connections`, real.p99Ms, 'ms', { name: baseName, value: base.p99Ms }));
        // One request at a time: where the time of one answer goes.
        const sqlMs = await medianMs(opts.quick ? 20 : 60, answer);
        const appMs = await medianMs(opts.quick ? 20 : 60, async () => (await fetch(app.url + path, { headers: HEADERS })).arrayBuffer());
        figures.push(figure(`${path}: one answer, SQL (${recorded.length} queries replayed)`, sqlMs, 'ms'));
        figures.push(figure(`${path}: one answer, the rest (routing, rendering, serialising)`, Math.max(0, appMs - sqlMs), 'ms'));
        const ratio = base.rps ? real.rps / base.rps : 0;
        if (ratio < TARGET.ratio) notes.push(`${path}: ${round(ratio, 2)}× the bare handler, under the ${TARGET.ratio}× target`);
        if (real.p99Ms > TARGET.p99Ms) notes.push(`${path}: p99 ${real.p99Ms} ms at ${connections} connections, over ${TARGET.p99Ms} ms`);
      } finally {
        await bare.close();
      }
    }
    notes.push(
      `${connections} keep-alive connections, ${seconds} s after ${warmupSeconds} s warm-up; pages with the page cache off, br accepted`,
    );
  } finally {
    await app.close();
  }
  return { name: 'uncached', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
