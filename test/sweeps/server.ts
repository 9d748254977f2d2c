/**
 * Helpers for crash tests: the real server as its own process (so it can be killed), a burst of
 * sign-ups that records which ones were answered, the CLI, and per-table checksums.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../src/db/client';
import { entryCommand } from '../entry';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');

export interface Target {
  request(path: string, init?: RequestInit): Promise<Response>;
}

export interface Server extends Target {
  url: string;
  proc: ChildProcess;
  kill(signal: NodeJS.Signals): void;
  exited(): boolean;
  stop(): Promise<void>;
  stderr(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The compiled server as its own node process (the pid we SIGKILL is the server itself, not a wrapper
 * that would leave it running).
 */
export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const proc = spawn(...entryCommand('main'), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED: 'none',
      WORKER: 'on',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'crash-test-secret-key-crash-test-secret-0123',
      DATABASE_URL: '',
      // (The test runner puts its own BASE_URL, "/", into the environment.)
      BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let exited = false;
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<void>((resolve) => proc.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server exited while starting:\n${err}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    request: (p, init) => fetch(url + p, { redirect: 'manual', ...init }),
    kill: (signal) => {
      if (!exited) proc.kill(signal);
    },
    exited: () => exited,
    async stop() {
      if (!exited) proc.kill('SIGTERM');
      await done;
    },
    stderr: () => err,
  };
}

/** `npm run pathways -- …` (as node dist/cli.mjs …) with the given environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(...entryCommand('cli', args), {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', BASE_URL: 'http://localhost:3000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

/**
 * Sign-ups through the real form, `concurrency` at a time. Returns which were answered with the
 * success redirect (acknowledged) and which failed (connection refused or reset, 5xx).
 */
export async function burst(
  target: Target & { kill?: (s: NodeJS.Signals) => void },
  emails: string[],
  opts: { concurrency: number; killAfterAcknowledged?: number; onSent?: (email: string) => void; onAnswered?: (email: string) => void },
): Promise<{ acknowledged: string[]; failed: string[] }> {
  // An anonymous visitor's form carries no token (decision 37): the page is asked for once, as a browser would.
  const page = await target.request('/signup', { headers: { accept: 'text/html' } });
  await page.arrayBuffer();
  if (page.status !== 200) throw new Error(`/signup answered ${page.status}`);
  const acknowledged: string[] = [];
  const failed: string[] = [];
  let next = 0;
  let killed = false;
  const lane = async () => {
    while (next < emails.length) {
      const email = emails[next++];
      opts.onSent?.(email);
      try {
        const res = await target.request('/signup', {
          method: 'POST',
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ fullName: `Crash ${email.split('@')[0]}`, email, language: 'en' }),
        });
        await res.arrayBuffer();
        if (res.status === 303) {
          acknowledged.push(email);
          opts.onAnswered?.(email);
        } else failed.push(email);
      } catch {
        failed.push(email);
      }
      if (!killed && opts.killAfterAcknowledged && acknowledged.length >= opts.killAfterAcknowledged && target.kill) {
        killed = true;
        target.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  return { acknowledged, failed };
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?([+-]\d\d(?::?\d\d)?|Z)$/;

/** One form for a row whatever the server's time zone or key order, so two databases compare. */
function canonical(v: unknown): unknown {
  if (typeof v === 'string') {
    const m = TIMESTAMP.exec(v);
    if (!m) return v;
    const offset = m[3] === 'Z' ? 'Z' : m[3].length === 3 ? `${m[3]}:00` : m[3].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
    const fraction = (m[2] ?? '').replace(/0+$/, '').replace(/^\.$/, '');
    return new Date(m[1] + offset).toISOString().slice(0, 19) + fraction + 'Z';
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Row count and a checksum of a table's rows (order does not matter: rows are sorted first). */
export function checksumOf(list: unknown[]): { count: number; sum: string } {
  const lines = list.map((r) => JSON.stringify(canonical(r))).sort();
  return { count: lines.length, sum: crypto.createHash('sha256').update(lines.join('\n')).digest('hex') };
}

export async function tableChecksums(database: Database): Promise<Record<string, { count: number; sum: string }>> {
  const tables = await rows<{ name: string }>(
    database.db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1`,
  );
  const out: Record<string, { count: number; sum: string }> = {};
  for (const { name } of tables) {
    const list = await rows<{ r: unknown }>(database.db, sql`SELECT row_to_json(t) AS r FROM ${sql.identifier(name)} t`);
    out[name] = checksumOf(list.map((x) => (typeof x.r === 'string' ? JSON.parse(x.r) : x.r)));
  }
  return out;
}
