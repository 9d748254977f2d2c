import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, rows, type Database } from '../../src/db/client';
import { usajobsFile } from '../../bench/jobs-search/index';
import { runCli, startServer } from './server';
import { entryCommand } from '../entry';
import { uid, withMigratedDatabase } from '../helpers';
import { need, postgresUrl, skipWithout } from '../prerequisites';

/**
 * SIGKILL a `pathways jobs import` in the middle of a 3,000-posting USAJOBS file, then run the same
 * import again: every posting is there exactly once, and the app starts cleanly on the data.
 */
const N = 3000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-import-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function importUntilProgress(file: string, env: Record<string, string>): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(...entryCommand('cli', ['jobs', 'import', file, '--format', 'usajobs']), {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', BASE_URL: 'http://localhost:3000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const onData = (d: Buffer) => {
      output += d.toString();
      // The first progress line means postings are being written: kill it right there.
      if (!killed && /… \d+\/\d+/.test(output)) {
        killed = true;
        proc.kill('SIGKILL');
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', () => resolve({ killed, output }));
  });
}

async function count(database: Database, tag: string) {
  const [r] = await rows<{ n: number; ids: number; open: number }>(
    database.db,
    sql`SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS ids, count(*) FILTER (WHERE closed_at IS NULL)::int AS open
        FROM jobs WHERE source = 'usajobs' AND source_id LIKE ${tag + '-%'}`,
  );
  return r;
}

async function scenario(env: Record<string, string>, open: () => Promise<Database>) {
  const tag = `crash${uid()}`;
  const file = path.join(dir, `${tag}.json`);
  fs.writeFileSync(file, usajobsFile(N, tag));
  expect((await runCli(['migrate'], env)).code).toBe(0);
  const first = await importUntilProgress(file, env);
  expect(first.killed, first.output).toBe(true);

  const again = await runCli(['jobs', 'import', file, '--format', 'usajobs'], env);
  expect(again.code, again.out).toBe(0);
  const third = await runCli(['jobs', 'import', file, '--format', 'usajobs'], env);
  expect(third.code, third.out).toBe(0);

  const server = await startServer({ ...env, SEED: 'none' });
  try {
    expect((await server.request('/healthz')).status).toBe(200);
    expect((await server.request('/jobs', { headers: { accept: 'text/html' } })).status).toBe(200);
  } finally {
    await server.stop();
  }
  const database = await open();
  try {
    expect(await count(database, tag)).toEqual({ n: N, ids: N, open: N });
  } finally {
    await database.close();
  }
}

describe('a jobs import killed half way', () => {
  it('loses nothing and duplicates nothing when run again (embedded database)', async () => {
    const dataDir = withMigratedDatabase(path.join(dir, 'pglite'));
    await scenario({ DATA_DIR: dataDir }, () => openPglite(path.join(dataDir, 'pgdata')));
  }, 600_000);

  // The embedded run above always runs; this one needs a PostgreSQL server, which CI always has.
  it.skipIf(skipWithout(postgresUrl))(
    'loses nothing and duplicates nothing when run again (PostgreSQL)',
    async () => {
      const base = need(postgresUrl, 'a PostgreSQL server (TEST_DATABASE_URL)');
      const name = `pathways_import_crash_${uid()}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      try {
        await scenario({ DATABASE_URL: url.toString(), DATA_DIR: path.join(dir, 'unused') }, () => openPostgres(url.toString(), 2));
      } finally {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      }
    },
    600_000,
  );
});
