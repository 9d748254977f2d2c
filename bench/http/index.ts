/**
 * HTTP throughput of public pages: requests per second and p99 latency for the home page, the public
 * event page and the jobs search page, each as a ratio of a bare node:http server sending the very same
 * bytes (and the same Content-Encoding), measured in the same run by the same load generator with the
 * same number of keep-alive connections. Two visitors: a first-time browser (no cookies, `gzip, br`
 * accepted) and a returning one (a language cookie, no compression asked). Pages are found by crawling
 * links from the home page of the seeded demo app, so new modules are covered without editing this file.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { figure, isMain, loadTest, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';
import { candidatePages, startApp } from '../server';

const HEADERS = { accept: 'text/html', 'accept-language': 'en' };
const VISITORS: [string, Record<string, string>][] = [
  ['first visit', { ...HEADERS, 'accept-encoding': 'gzip, deflate, br' }],
  ['returning visitor', { ...HEADERS, cookie: 'lang=en' }],
];

/** The answer as it travels: status, encoding and the raw (still compressed) bytes. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

async function bareServer(bytes: Buffer, encoding?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const headers: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length };
  if (encoding) headers['content-encoding'] = encoding;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(bytes);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const connections = 10;
  const seconds = opts.quick ? 2 : 5;
  const warmupSeconds = opts.quick ? 0.5 : 1;
  // Baseline and app take turns, several rounds, and each figure is the median round: on a machine
  // shared with other work, both sides then see the same conditions.
  const rounds = opts.quick ? 1 : 3;
  const app = await startApp({ databaseUrl: opts.databaseUrl });
  // The same app with the page cache off, to show what the cache buys (full runs only).
  const uncached = opts.quick ? null : await startApp({ databaseUrl: opts.databaseUrl, env: { PAGE_CACHE_SECONDS: '0' } });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const found = await candidatePages(app.url);
    const targets: [string, string | null][] = [
      ['home page', found.home],
      ['event page', found.eventPage],
      ['jobs search', found.jobsSearch],
    ];
    for (const [label, path] of targets) {
      if (!path) {
        notes.push(`${label}: skipped, no such page is linked from the home page yet`);
        continue;
      }
      for (const [visitor, headers] of VISITORS) {
        const first = await rawGet(app.url + path, headers);
        if (first.status !== 200) throw new Error(`${label} ${path} answered ${first.status}`);
        const bare = await bareServer(first.body, first.encoding);
        try {
          const bases = [];
          const reals = [];
          const colds = [];
          for (let r = 0; r < rounds; r++) {
            bases.push(await loadTest(bare.url, { connections, seconds, warmupSeconds, headers }));
            reals.push(await loadTest(app.url + path, { connections, seconds, warmupSeconds, headers }));
            if (uncached) colds.push(await loadTest(uncached.url + path, { connections, seconds, warmupSeconds, headers }));
          }
          const median = <T>(list: T[], by: (x: T) => number) => [...list].sort((a, b) => by(a) - by(b))[Math.floor(list.length / 2)];
          const base = { rps: median(bases, (x) => x.rps).rps, p99Ms: median(bases, (x) => x.p99Ms).p99Ms };
          const real = { ...median(reals, (x) => x.rps), p99Ms: median(reals, (x) => x.p99Ms).p99Ms };
          if (real.errors || real.non2xx)
            notes.push(`${label}, ${visitor}: ${real.errors} connection errors, ${real.non2xx} non-2xx answers`);
          const baseName = `bare node:http, same ${first.body.length} bytes${first.encoding ? ` (${first.encoding})` : ''}`;
          const name = `${label} (${path}), ${visitor}`;
          figures.push(figure(`${name}: throughput`, real.rps, 'req/s', { name: baseName, value: base.rps }));
          figures.push(figure(`${name}: p99 latency`, real.p99Ms, 'ms', { name: baseName, value: base.p99Ms }));
          if (colds.length) {
            const cold = { rps: median(colds, (x) => x.rps).rps, p99Ms: median(colds, (x) => x.p99Ms).p99Ms };
            figures.push(figure(`${name}: throughput, page cache off`, cold.rps, 'req/s', { name: baseName, value: base.rps }));
            figures.push(figure(`${name}: p99 latency, page cache off`, cold.p99Ms, 'ms', { name: baseName, value: base.p99Ms }));
          }
        } finally {
          await bare.close();
        }
      }
    }
    notes.push(
      `${connections} keep-alive connections, median of ${rounds} alternating round(s) of ${seconds} s after ${warmupSeconds} s warm-up, a first-time visitor (no cookies, gzip and br accepted) and a returning one (language cookie, no compression), page cache on`,
    );
  } finally {
    await app.close();
    await uncached?.close();
  }
  return { name: 'http', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
