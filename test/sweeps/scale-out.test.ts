/**
 * Two app servers and two workers, each its own process, on one PostgreSQL: what one server changes the
 * other shows at once (page cache cleared over LISTEN/NOTIFY), queued work runs exactly once, each
 * schedule fires once per turn, rate limits count across servers, and sessions and signed links made by
 * one process work on the others. Runs wherever a PostgreSQL server is available (always in CI, in both
 * passes), on a database of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, rows } from '../../src/db/client';
import { loadConfig } from '../../src/config';
import { closeServices, openServices } from '../../src/services';
import { createApiToken } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';
import { uid, visibleText } from '../helpers';
import { need, postgresUrl, skipWithout } from '../prerequisites';
import { startServer, type Server } from './server';
import { entryCommand } from '../entry';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
const SECRET = 'scale-out-secret-key-scale-out-secret-0123456789';
const BASE_URL = 'https://pathways.example.org';
const run = uid();
const dbName = `pathways_scale_${run}`;
let databaseUrl = '';
let token = '';
const servers: Server[] = [];
const workers: { proc: ChildProcess; out: () => string }[] = [];
const temp: string[] = [];

async function admin(q: string) {
  const c = new pg.Client({ connectionString: need(postgresUrl, 'a PostgreSQL server (TEST_DATABASE_URL)') });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

function shared(): Record<string, string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-scale-'));
  temp.push(dataDir);
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SECRET_KEY: SECRET,
    BASE_URL,
    RATE_LIMITS: 'on',
    RATE_LIMIT_RSVP_PER_IP_EVENT: '1000',
    PAGE_CACHE_SECONDS: '600',
  };
}

function startWorker(): Promise<void> {
  const proc = spawn(...entryCommand('cli', ['worker']), {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', SEED: 'none', ...shared() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  workers.push({ proc, out: () => out });
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes('Worker running')) {
        clearInterval(check);
        resolve();
      } else if (proc.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`worker exited:\n${out}`));
      }
    }, 50);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const database = await openPostgres(databaseUrl, 1);
  try {
    return await rows<T>(database.db, q);
  } finally {
    await database.close();
  }
}

/** A visitor's browser against one server: cookies kept, forms posted with the CSRF token. */
function visitor(server: Server) {
  const cookies = new Map<string, string>();
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return res;
  };
  return {
    cookies,
    on(other: Server) {
      server = other;
      return this;
    },
    get: async (p: string) => keep(await server.request(p, { headers: { accept: 'text/html', cookie: cookie() } })),
    async post(p: string, fields: Record<string, string>) {
      if (!cookies.has('pw_csrf')) keep(await server.request('/', { headers: { accept: 'text/html' } }));
      const body = new URLSearchParams({ ...fields, _csrf: cookies.get('pw_csrf')! });
      return keep(
        await server.request(p, {
          method: 'POST',
          body,
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
        }),
      );
    },
  };
}

function apiCall(server: Server, method: string, p: string, body?: unknown, bearer = token) {
  return server.request(p, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

describe.skipIf(skipWithout(postgresUrl))('two app servers and two workers on one PostgreSQL', () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${dbName}"`);
    const url = new URL(need(postgresUrl, 'a PostgreSQL server'));
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    // Migrated once here; the servers then start together and find nothing to do.
    const deps = await openServices(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, SECRET_KEY: SECRET, BASE_URL, LOG_LEVEL: 'silent' }),
    );
    const { person } = await ensurePerson(deps.db, { email: `admin-${run}@example.org`, fullName: 'Scale Admin', verified: true });
    await grantRole(deps.db, person.id, 'admin', null);
    token = await createApiToken(deps.db, person.id, 'scale-out test');
    await closeServices(deps);
    const [a, b] = await Promise.all([startServer({ ...shared(), WORKER: 'off' }), startServer({ ...shared(), WORKER: 'off' })]);
    servers.push(a, b);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(workers.map((w) => new Promise((r) => (w.proc.exitCode !== null ? r(null) : w.proc.once('exit', r)))));
    if (postgresUrl) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
  });

  it('an edit on one server shows on the other within a second, though it keeps pages for ten minutes', async () => {
    // No worker runs yet, so only the two servers' own writes clear caches.
    const [a, b] = servers;
    const slug = `scale-${run}`;
    const created = await apiCall(a, 'POST', '/api/v1/events', {
      slug,
      title: { en: 'Breakfast talk: open data', es: null },
      startsAt: future(5),
      endsAt: future(5, 2),
      timeZone: 'America/Los_Angeles',
      capacity: 100,
      status: 'published',
    });
    expect(created.status).toBe(201);
    const title = async (s: Server) => {
      const res = await s.request(`/events/${slug}`, { headers: { accept: 'text/html' } });
      const html = await res.text();
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
      return h1 === undefined ? `no heading: ${res.status}` : visibleText(h1);
    };
    // The creation's own announcement reaches B a moment later and would clear what B renders now: let it land.
    await new Promise((r) => setTimeout(r, 500));
    expect(await title(b)).toBe('Breakfast talk: open data');
    // A change nobody announces (straight into the database) stays invisible: B really keeps the page.
    await query(sql`UPDATE events SET title = jsonb_set(title, '{en}', '"Changed behind its back"') WHERE slug = ${slug}`);
    expect(await title(b)).toBe('Breakfast talk: open data');
    const patched = await apiCall(a, 'PATCH', `/api/v1/events/${slug}`, { title: { en: 'Breakfast talk: civic data', es: null } });
    expect(patched.status).toBe(200);
    const since = Date.now();
    await until('server B to show the edit', async () => ((await title(b)) === 'Breakfast talk: civic data' ? true : undefined), 1000);
    expect(Date.now() - since).toBeLessThan(1000);
  });

  it('queued work runs exactly once across two workers, and each schedule fires once per turn', async () => {
    // Started only now: before, nothing in the background may clear a cache (the first test relies on it).
    await Promise.all([startWorker(), startWorker()]);
    const [a, b] = servers;
    const slug = `burst-${run}`;
    expect(
      (
        await apiCall(a, 'POST', '/api/v1/events', {
          slug,
          title: { en: 'Career fair warm-up', es: null },
          startsAt: future(6),
          endsAt: future(6, 2),
          timeZone: 'America/Los_Angeles',
          capacity: 500,
          status: 'published',
        })
      ).status,
    ).toBe(201);
    const emails = Array.from({ length: 40 }, (_, i) => `rsvp-${run}-${i}@example.org`);
    const answers = await Promise.all(
      emails.map((email, i) => apiCall(i % 2 ? a : b, 'POST', `/api/v1/events/${slug}/rsvps`, { name: `Guest ${i}`, email }, '')),
    );
    expect(answers.map((r) => r.status).every((s) => s === 201 || s === 202)).toBe(true);
    const like = `rsvp-${run}-%`;
    const sent = await until('every confirmation to be sent', async () => {
      const r = await query<{ to: string; n: number }>(sql`SELECT "to", count(*)::int AS n FROM outbox WHERE "to" LIKE ${like} GROUP BY 1`);
      return r.length === emails.length ? r : undefined;
    });
    // Give a second claim of any task the time to show, then count again.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox WHERE "to" LIKE ${like}`);
    expect(sent.every((r) => Number(r.n) === 1)).toBe(true);
    expect(Number(again[0].n)).toBe(emails.length);
    // Each schedule fires once a turn between the two workers: never two runs closer than its period.
    const runs = new Map<string, number[]>();
    for (const w of workers)
      for (const line of w.out().split('\n'))
        if (line.includes('"schedule ran"')) {
          const entry = JSON.parse(line) as { schedule: string; time: number };
          runs.set(entry.schedule, [...(runs.get(entry.schedule) ?? []), entry.time]);
        }
    const periods: Record<string, number> = { 'events.reminders': 60, 'newsletter.consents': 60, 'jobs.digests': 3600 };
    for (const [name, seconds] of Object.entries(periods)) {
      const times = (runs.get(name) ?? []).sort((x, y) => x - y);
      expect(times.length, name).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1], name).toBeGreaterThanOrEqual((seconds - 1) * 1000);
    }
  });

  it('rate limits count across servers', async () => {
    const [a, b] = servers;
    const email = `limit-${run}@example.org`;
    expect((await visitor(a).post('/signup', { fullName: 'Límite Núñez', email, language: 'es' })).status).toBe(303);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await visitor(i % 2 ? a : b).post('/signin', { email })).status);
    // Five emails an address in the window, wherever they were asked for (the sign-up sent the first).
    expect(statuses.slice(0, 4)).toEqual([303, 303, 303, 303]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('a sign-in finished on one server is a session on the other; a signed link made by a worker opens on either', async () => {
    const [a, b] = servers;
    const email = `session-${run}@example.org`;
    const browser = visitor(a);
    expect((await browser.post('/signup', { fullName: "Ana O'Brien-Núñez", email, language: 'en' })).status).toBe(303);
    const [mail] = await query<{ text: string }>(sql`SELECT text FROM outbox WHERE "to" = ${email} ORDER BY created_at DESC LIMIT 1`);
    const code = /\b(\d{6})\b/.exec(mail.text)![1];
    const signedIn = await browser.on(b).post('/signin/code', { email, code });
    expect(signedIn.status).toBe(303);
    const account = await browser.on(a).get('/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('O&#39;Brien-Núñez');

    const [confirmation] = await query<{ text: string }>(
      sql`SELECT text FROM outbox WHERE "to" = ${`rsvp-${run}-0@example.org`} ORDER BY created_at LIMIT 1`,
    );
    const link = new RegExp(`${BASE_URL.replace(/\./g, '\\.')}(/events/manage/[^\\s"<>)]+)`).exec(confirmation.text)?.[1];
    expect(link).toBeTruthy();
    for (const s of [a, b]) expect((await s.request(link!, { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});
