import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { createApp, type App } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { openPglite, openPostgres, queryCount, type Database } from '../src/db/client';
import type { Deps } from '../src/platform/http/context';
import { openServices } from '../src/services';
import { forgetLocally } from '../src/platform/http/page-cache';
import { createApiToken, createSession } from '../src/platform/auth/service';
import { ensurePerson, grantRole, type Role } from '../src/modules/people';

export interface TestEnv {
  app: App;
  /** With TEST_DATABASE_URL: the address of this test file's own database (for spawned processes). */
  databaseUrl?: string;
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** A database of this test file's own on the PostgreSQL server, copied from the migrated template. */
async function ownPostgresDatabase(url: string): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const template = inject('pgTemplate');
  if (!template) throw new Error('No migrated PostgreSQL template: is test/global-setup.ts configured?');
  const base = new URL(url).pathname.slice(1);
  const name = `${base}_f_${uid()}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  // Two files copying the template at the same instant make PostgreSQL refuse one ("source database
  // is being accessed"); a short retry settles it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openPostgres(own.toString(), 5);
  return { database, url: own.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A unique suffix so each test's emails and slugs never collide on a shared PostgreSQL. */
export function uid(): string {
  return crypto.randomBytes(5).toString('hex');
}

/** A new in-memory PGlite, migrated: a copy of the template the global setup migrated once. */
export async function migratedPglite(): Promise<Database> {
  const dump = inject('pgliteDump');
  if (!dump) throw new Error('No migrated PGlite template: is test/global-setup.ts configured?');
  return openPglite(undefined, new Blob([fs.readFileSync(dump)]));
}

/**
 * Gives the data folder `dir` (DATA_DIR) an embedded database that is migrated already, copied from the
 * template's files, so a server or CLI started on it opens it instead of creating and migrating its own.
 */
export function withMigratedDatabase(dir: string): string {
  const template = inject('pgliteDataDir');
  if (!template) throw new Error('No migrated PGlite data folder: is test/global-setup.ts configured?');
  fs.cpSync(template, path.join(dir, 'pgdata'), { recursive: true });
  return dir;
}

/** The real app on its own database: a PGlite copy of the migrated template, or TEST_DATABASE_URL. */
export async function testEnv(overrides: Partial<Record<string, string>> = {}): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  let databaseUrl: string | undefined;
  if (url) {
    ({ database, drop, url: databaseUrl } = await ownPostgresDatabase(url));
  } else {
    database = await migratedPglite();
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/nonexistent-test-data-dir',
    BASE_URL: 'http://pathways.test',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'on',
    // Tests often write through service functions and then look at a page; in the running app every
    // write comes through a request or a task, which clear the page cache. So tests run without it
    // unless they ask (the page-cache tests and the sweeps do).
    PAGE_CACHE_SECONDS: '0',
    ...overrides,
  });
  // The template is migrated already.
  const deps = await openServices(config, { database, migrate: false });
  // Test files share their worker's modules (vitest.config.ts): a page cached for another file's
  // database must not answer this one.
  forgetLocally();
  const app = createApp(deps);
  return {
    app,
    deps,
    database,
    databaseUrl,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * A browser stand-in: keeps cookies, sends the CSRF token with every form like our pages do, and
 * does not follow redirects (tests assert them).
 */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly env: TestEnv) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.env.app.request(path, { headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /**
   * A signed-in browser gets its CSRF cookie from any page it opens first. The sign-in page is the
   * lightest (a fifth of the home page's time), and a posting test opens thousands of them.
   */
  private async visitForToken(): Promise<void> {
    if (this.cookies.has('pw_session') && !this.cookies.has('pw_csrf')) await (await this.get('/signin')).arrayBuffer();
  }

  /**
   * Posts a form as the browser would: signed in, with the CSRF token (a page is fetched first when the
   * cookie is not there yet); anonymous forms carry none (decision 37).
   */
  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    await this.visitForToken();
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const token = this.cookies.get('pw_csrf');
    if (!('_csrf' in fields) && token) body.set('_csrf', token);
    const res = await this.env.app.request(path, {
      method: 'POST',
      body,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** Posts a multipart form with files, as a browser's file inputs do (signed in, with the CSRF token). */
  async postFiles(path: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; body: Buffer }>) {
    await this.visitForToken();
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const [k, f] of Object.entries(files)) body.append(k, new Blob([new Uint8Array(f.body)], { type: f.type }), f.name);
    const token = this.cookies.get('pw_csrf');
    if (token) body.set('_csrf', token);
    const res = await this.env.app.request(path, { method: 'POST', body, headers: { accept: 'text/html', cookie: this.cookieHeader() } });
    this.remember(res);
    return res;
  }

  /** Signs in without email, for tests about what signed-in people can do. */
  async signInAs(email: string, opts: { name?: string; role?: Role; scope?: string; language?: 'en' | 'es' } = {}) {
    const { person } = await ensurePerson(this.env.deps.db, {
      email,
      fullName: opts.name ?? email.split('@')[0],
      language: opts.language,
      verified: true,
    });
    if (opts.role) await grantRole(this.env.deps.db, person.id, opts.role, opts.scope ?? null);
    const token = await createSession(this.env.deps.db, person.id, 'test');
    this.cookies.set('pw_session', token);
    return person;
  }
}

/** An API bearer token for a (new) person with the given role. */
export async function apiToken(env: TestEnv, email: string, role?: Role, scope?: string): Promise<string> {
  const { person } = await ensurePerson(env.deps.db, { email, fullName: email.split('@')[0], verified: true });
  if (role) await grantRole(env.deps.db, person.id, role, scope ?? null);
  return createApiToken(env.deps.db, person.id, 'test');
}

/** JSON API call with a bearer token. */
export async function api(env: TestEnv, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
  return env.app.request(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Text content of the page, tags stripped: what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The database queries one anonymous request costs (its answer must be a 200): for N+1 tests. */
export async function queriesFor(env: TestEnv, path: string): Promise<number> {
  const before = queryCount.value;
  const res = await env.app.request(path, { headers: { accept: 'text/html', 'accept-language': 'en' } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  await res.arrayBuffer();
  return queryCount.value - before;
}
