import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, rows, type Database } from './client';
import { migrateDatabase } from '../services';
import { backup, restore } from './backup';
import { migratedPglite, testEnv, uid, type TestEnv } from '../../test/helpers';
import { runSeed } from '../seed';
import { hardNames } from '../../test/names';
import { need, postgresUrl, skipWithout } from '../../test/prerequisites';
import { ensurePerson, grantRole, ensureChapter } from '../modules/people';

let env: TestEnv;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-backup-'));
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The rows a backup file holds, one JSON line each, sorted: two files hold the same data iff equal. */
function rowsIn(file: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').slice(1).sort();
}

/** Row count and an order-independent checksum of every table: "identical dataset". */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(
    db.db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [r] = await rows<{ n: number; sum: string | null }>(
      db.db,
      sql`SELECT count(*)::int AS n, md5(string_agg(md5(row_to_json(t)::text), '' ORDER BY md5(row_to_json(t)::text))) AS sum FROM ${sql.identifier(name)} t`,
    );
    out[name] = `${r.n}:${r.sum ?? ''}`;
  }
  return out;
}

async function freshPostgres(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pathways_restore_${uid()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

describe('backup and restore', () => {
  it('restores a backup into a fresh embedded database with identical data, names intact', async () => {
    // Every module's demo data, so tables with generated columns (search vectors) are in the backup too.
    await runSeed(env.deps);
    const chapter = await ensureChapter(env.deps.db, { slug: `ch-${uid()}`, name: 'Backup Chapter' });
    for (const fullName of hardNames) {
      const { person } = await ensurePerson(env.deps.db, { email: `b-${uid()}@example.org`, fullName });
      await grantRole(env.deps.db, person.id, 'organizer', chapter.slug);
    }
    const file = path.join(dir, 'one.backup');
    // On a shared PostgreSQL other test files write at the same time, so "before" is only exact on PGlite.
    const shared = env.database.kind === 'postgres';
    const before = shared ? null : await fingerprint(env.database);
    const made = await backup(env.database, file);
    expect(made.rows).toBeGreaterThan(hardNames.length);

    const target = await migratedPglite();
    await ensurePerson(target.db, { email: 'will-be-replaced@example.org', fullName: 'Gone' });
    const restored = await restore(target, file);
    expect(restored.rows).toBe(made.rows);
    if (before) expect(await fingerprint(target)).toEqual(before);
    // Backing up the restored copy gives back exactly the rows of the first backup.
    const again = path.join(dir, 'again.backup');
    await backup(target, again);
    expect(rowsIn(again)).toEqual(rowsIn(file));
    const names = await rows<{ full_name: string }>(target.db, sql`SELECT full_name FROM people`);
    for (const n of hardNames) expect(names.map((r) => r.full_name)).toContain(n);
    await target.close();
  });

  // Outside CI without a server the cross-backend half cannot run here; CI always has one.
  it.skipIf(skipWithout(postgresUrl))('moves data between PGlite and PostgreSQL in both directions', async () => {
    const base = need(postgresUrl, 'a PostgreSQL server (TEST_DATABASE_URL)');
    const source = await migratedPglite();
    for (const fullName of hardNames) await ensurePerson(source.db, { email: `x-${uid()}@example.org`, fullName });
    const file = path.join(dir, 'cross.backup');
    await backup(source, file);
    const server = await freshPostgres(base);
    try {
      const target = await openPostgres(server.url, 2);
      await migrateDatabase(target);
      await restore(target, file);
      expect(await fingerprint(target)).toEqual(await fingerprint(source));
      const back = path.join(dir, 'back.backup');
      await backup(target, back);
      const again = await migratedPglite();
      await restore(again, back);
      expect(await fingerprint(again)).toEqual(await fingerprint(source));
      await Promise.all([target.close(), again.close()]);
    } finally {
      await source.close();
      await server.drop();
    }
  });

  it('refuses a file that is not a Pathways backup and leaves the data alone', async () => {
    const file = path.join(dir, 'not-a-backup');
    fs.writeFileSync(file, 'hello');
    const target = await migratedPglite();
    await ensurePerson(target.db, { email: 'stays@example.org', fullName: 'Stays' });
    await expect(restore(target, file)).rejects.toThrow();
    const [r] = await rows<{ n: number }>(target.db, sql`SELECT count(*)::int AS n FROM people`);
    expect(r.n).toBe(1);
    await target.close();
  });
});
