/**
 * Crashes: the server is killed with SIGKILL in the middle of a burst of sign-ups, then started again.
 * Every sign-up that was answered (303) must be there exactly once, with exactly one sign-in request
 * and one email; nothing is duplicated; the app starts cleanly. On PGlite (a temporary data folder)
 * and, with TEST_DATABASE_URL, on PostgreSQL. And a backup taken while the app is being written to
 * restores, into PGlite and into PostgreSQL, to the same rows as of the moment it was taken.
 *
 * Modules add their own crash cases (an RSVP burst, a newsletter send, a jobs import) beside this file
 * with the same helpers (`test/sweeps/server.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migratedPglite, uid, withMigratedDatabase } from '../helpers';
import { openPglite, openPostgres, rows, type Database } from '../../src/db/client';
import { migrateDatabase, openServices } from '../../src/services';
import zlib from 'node:zlib';
import pg from 'pg';
import { backup, restore } from '../../src/db/backup';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { burst, checksumOf, runCli, startServer, tableChecksums, type Server, type Target } from './server';

const pgUrl = process.env.TEST_DATABASE_URL;
const backends: ('pglite' | 'postgres')[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
const temp: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) s.kill('SIGKILL');
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-crash-'));
  temp.push(d);
  return d;
}

async function openBackend(backend: 'pglite' | 'postgres', dataDir: string): Promise<Database> {
  return backend === 'postgres' ? openPostgres(pgUrl!, 2) : openPglite(path.join(dataDir, 'pgdata'));
}

describe.each(backends)('crashes on %s', (backend) => {
  it('SIGKILL during a burst of sign-ups: nothing answered is lost, nothing is duplicated, the app starts again', async () => {
    const dataDir = backend === 'pglite' ? withMigratedDatabase(tempDir()) : tempDir();
    const env = { DATA_DIR: dataDir, ...(backend === 'postgres' ? { DATABASE_URL: pgUrl! } : {}) };
    const first = await startServer(env);
    servers.push(first);
    const run = uid();
    const emails = Array.from({ length: 400 }, (_, i) => `crash-${run}-${i}@example.org`);
    // Kill once a good part of the burst has been answered, while the rest is in flight.
    const outcome = await burst(first, emails, { concurrency: 8, killAfterAcknowledged: 60 });
    expect(outcome.acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(outcome.failed.length).toBeGreaterThan(0);
    expect(first.exited()).toBe(true);

    const second = await startServer(env);
    servers.push(second);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    // It serves pages and takes sign-ups again.
    const again = await burst(second, [`crash-${run}-after@example.org`], { concurrency: 1 });
    expect(again.acknowledged).toHaveLength(1);
    await second.stop();
    expect(second.stderr()).not.toMatch(/unhandled|FATAL|panic|corrupt/i);

    const database = await openBackend(backend, dataDir);
    try {
      const like = `crash-${run}-%`;
      const count = async (table: string) =>
        new Map(
          (
            await rows<{ email: string; n: number }>(
              database.db,
              sql`SELECT lower(${sql.identifier(table === 'outbox' ? 'to' : 'email')}::text) AS email, count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(table === 'outbox' ? 'to' : 'email')}::text ILIKE ${like} GROUP BY 1`,
            )
          ).map((r) => [r.email, Number(r.n)]),
        );
      const people = await count('people');
      const requests = await count('signin_requests');
      const mails = await count('outbox');
      const lost: string[] = [];
      const doubled: string[] = [];
      for (const e of [...outcome.acknowledged, `crash-${run}-after@example.org`]) {
        if (people.get(e) !== 1 || requests.get(e) !== 1 || mails.get(e) !== 1)
          lost.push(`${e}: person ${people.get(e) ?? 0}, sign-in ${requests.get(e) ?? 0}, mail ${mails.get(e) ?? 0}`);
      }
      for (const m of [people, requests, mails]) for (const [e, n] of m) if (n > 1) doubled.push(`${e}: ${n}`);
      expect(lost).toEqual([]);
      expect(doubled).toEqual([]);
    } finally {
      await database.close();
    }
  }, 240_000);
});

describe('backup under load', () => {
  it(`restores to the same rows as of the moment it was taken (${pgUrl ? 'PostgreSQL app, CLI backup; into PGlite and PostgreSQL' : 'PGlite app; into PGlite'})`, async () => {
    const dataDir = tempDir();
    const run = uid();
    const file = path.join(dataDir, 'under-load.backup');
    // Enough sign-ups that the load outlasts the start of the backup command (a few seconds).
    const emails = Array.from({ length: 1500 }, (_, i) => `backup-${run}-${String(i).padStart(4, '0')}@example.org`);
    const answeredAt = new Map<string, number>();
    const sentAt = new Map<string, number>();
    let startedAt = 0;
    let endedAt = 0;
    let target: Target;
    let takeBackup: () => Promise<void>;
    let finish: () => Promise<void>;
    if (pgUrl) {
      // PostgreSQL: the server is its own process; `pathways backup` runs beside it, as an operator would.
      const env = { DATA_DIR: dataDir, DATABASE_URL: pgUrl };
      const server = await startServer(env);
      servers.push(server);
      target = server;
      takeBackup = async () => {
        const cli = await runCli(['backup', file], env);
        expect(cli.code, cli.out).toBe(0);
      };
      finish = () => server.stop();
    } else {
      // PGlite: the data folder belongs to the server process, and the CLI says so instead of touching it.
      const env = { DATA_DIR: withMigratedDatabase(dataDir) };
      const server = await startServer(env);
      servers.push(server);
      const refused = await runCli(['backup', file], env);
      expect(refused.code).toBe(3);
      expect(refused.out).toMatch(/in use by another Pathways process/);
      await server.stop();
      // So the backup is taken inside the process that owns the database, while it serves the load.
      const database = await openPglite(path.join(dataDir, 'pgdata'));
      const config = loadConfig({
        NODE_ENV: 'test',
        RATE_LIMITS: 'off',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SECRET_KEY: 'crash-test-secret-key-crash-test-secret-0123',
      });
      const app = createApp(await openServices(config, { database, migrate: false }));
      target = { request: (p, init) => Promise.resolve(app.request(p, init)) };
      takeBackup = async () => {
        await backup(database, file);
      };
      finish = () => database.close();
    }
    const load = burst(target, emails, {
      concurrency: 4,
      onSent: (e) => sentAt.set(e, performance.now()),
      onAnswered: (e) => answeredAt.set(e, performance.now()),
    });
    while (answeredAt.size < 60) await new Promise((r) => setTimeout(r, 10));
    startedAt = performance.now();
    await takeBackup();
    endedAt = performance.now();
    const outcome = await load;
    await finish();
    expect(outcome.acknowledged.length).toBe(emails.length);

    // What the backup holds is one moment: everything answered before it began, nothing sent after it ended.
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').slice(1);
    const held = new Set<string>();
    for (const line of lines) {
      const { t, r } = JSON.parse(line) as { t: string; r: Record<string, unknown> };
      if (t === 'people' && typeof r.email === 'string' && r.email.startsWith(`backup-${run}-`)) held.add(r.email);
    }
    const before = emails.filter((e) => (answeredAt.get(e) ?? Infinity) < startedAt);
    const after = emails.filter((e) => (sentAt.get(e) ?? 0) > endedAt);
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(before.filter((e) => !held.has(e))).toEqual([]);
    expect(after.filter((e) => held.has(e))).toEqual([]);
    expect(held.size).toBeLessThan(emails.length);

    // Restored into a fresh PGlite and (with PostgreSQL) a fresh PostgreSQL database: the same rows.
    const fromFile = checksumsOfLines(lines);
    const targets: { name: string; open: () => Promise<Database>; drop?: () => Promise<void> }[] = [
      {
        name: 'PGlite',
        open: migratedPglite,
      },
    ];
    if (pgUrl) {
      const url = new URL(pgUrl);
      const name = `${url.pathname.slice(1)}_restore`;
      const server = new URL(pgUrl);
      server.pathname = '/postgres';
      const admin = async (q: string) => {
        const c = new pg.Client({ connectionString: server.toString() });
        await c.connect();
        await c.query(q);
        await c.end();
      };
      url.pathname = `/${name}`;
      targets.push({
        name: 'PostgreSQL',
        open: async () => {
          await admin(`DROP DATABASE IF EXISTS "${name}"`);
          await admin(`CREATE DATABASE "${name}"`);
          const db = await openPostgres(url.toString(), 2);
          await migrateDatabase(db);
          return db;
        },
        drop: () => admin(`DROP DATABASE IF EXISTS "${name}"`),
      });
    }
    for (const t of targets) {
      const database = await t.open();
      try {
        const r = await restore(database, file);
        expect(r.rows, t.name).toBe(lines.length);
        const sums = await tableChecksums(database);
        for (const [table, expected] of Object.entries(fromFile)) expect(sums[table], `${t.name} ${table}`).toEqual(expected);
        for (const [table, got] of Object.entries(sums)) if (!fromFile[table]) expect(got.count, `${t.name} ${table}`).toBe(0);
      } finally {
        await database.close();
        await t.drop?.();
      }
    }
  }, 300_000);
});

function checksumsOfLines(lines: string[]) {
  const byTable = new Map<string, unknown[]>();
  for (const line of lines) {
    const { t, r } = JSON.parse(line) as { t: string; r: unknown };
    if (!byTable.has(t)) byTable.set(t, []);
    byTable.get(t)!.push(r);
  }
  return Object.fromEntries([...byTable].map(([t, list]) => [t, checksumOf(list)]));
}
