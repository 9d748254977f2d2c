/**
 * The real Pathways app, started inside the benchmark's process on 127.0.0.1 and a free port, on a
 * fresh PGlite in a temporary folder or on BENCH_DATABASE_URL (migrated; demo data loaded if empty).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { createHttpServer } from '../src/server';
import { loadConfig } from '../src/config';
import { closeServices, openServices } from '../src/services';
import { seedIfEmpty } from '../src/seed';
import type { Deps } from '../src/platform/http/context';

export interface RunningApp {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

export async function startApp(
  opts: { databaseUrl?: string; seed?: 'demo' | 'none'; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: opts.databaseUrl,
    SEED: opts.seed ?? 'demo',
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    ...opts.env,
  });
  const deps = await openServices(config);
  if (config.SEED === 'demo') await seedIfEmpty(deps);
  const app = createApp(deps);
  const server = createHttpServer(app, deps);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // NODE_ENV=production marks cookies Secure; the bench talks plain HTTP on loopback, which is fine for
  // anonymous pages (the CSRF cookie is simply not sent back).
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeServices(deps);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Follows links from the home page (anonymous, English) and returns every same-site path it found. */
async function crawl(base: string, start = '/', limit = 40): Promise<string[]> {
  const seen = new Set<string>([start]);
  const queue = [start];
  const found: string[] = [];
  while (queue.length && found.length < limit) {
    const p = queue.shift()!;
    const res = await fetch(base + p, { headers: { accept: 'text/html', 'accept-language': 'en' }, redirect: 'manual' });
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html')) {
      await res.arrayBuffer();
      continue;
    }
    found.push(p);
    const html = await res.text();
    for (const [, href] of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
      const h = href.replace(/&amp;/g, '&');
      if (!h.startsWith('/') || h.startsWith('//') || h.startsWith('/language') || h.startsWith('/assets/')) continue;
      const clean = h.split('#')[0];
      if (!seen.has(clean)) {
        seen.add(clean);
        queue.push(clean);
      }
    }
  }
  return found;
}

/** The pages the HTTP and page-weight benchmarks measure, found by crawling, null where none exists yet. */
export async function candidatePages(
  base: string,
): Promise<{ home: string; eventPage: string | null; eventsList: string | null; jobsSearch: string | null; jobPage: string | null }> {
  const paths = await crawl(base, '/', 60);
  const pick = (re: RegExp) => paths.find((p) => re.test(p)) ?? null;
  return {
    home: '/',
    eventsList: pick(/^\/events\/?(\?.*)?$/),
    eventPage: pick(/^\/events\/(?!new\b|feed\b|calendar\b|series\b|fair-pass\b)[^/?#]+\/?$/),
    jobsSearch: pick(/^\/jobs\/?(\?.*)?$/),
    // A job page is /jobs/<uuid>; /jobs/agencies, /jobs/guides and the like are other pages.
    jobPage: pick(/^\/jobs\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/),
  };
}
