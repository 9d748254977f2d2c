import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { privateTree } from './data-dir';

/** One Drizzle handle, whichever backend is behind it. Transactions are assignable to it too. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;

type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The embedded engine, when there is one (backups and tests use it). */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

const extensions = { citext, pg_trgm, unaccent };

/**
 * Queries sent through Drizzle since the process started: tests read it before and after a request to
 * count that request's queries (no N+1 on a page or list). Counting costs one addition a query.
 */
export const queryCount = { value: 0 };
/** When `into` is a list, every query sent through Drizzle is also added to it, text and parameters as
 * the driver gets them (the uncached-path benchmark replays a page's queries against a bare handler). */
export const queryLog: { into: { sql: string; params: unknown[] }[] | null } = { into: null };
const logger = {
  logQuery(sql: string, params: unknown[]) {
    queryCount.value++;
    queryLog.into?.push({ sql, params });
  },
};

// timestamptz -> Date, int8 -> number (counts; ids are uuids), numeric stays a string.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir) : undefined,
    extensions,
    loadDataDir,
    parsers: { 20: (v: string) => Number(v) },
  });
  if (dataDir) privateTree(dataDir);
  const db = drizzlePglite({ client: pglite, casing: 'snake_case', logger }) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, failover, admin) must not crash the process: the
  // pool replaces it on the next query.
  pool.on('error', (err) => process.stderr.write(`PostgreSQL connection lost: ${err.message}\n`));
  // Fail early with a clear message instead of on the first request.
  const client = await pool.connect();
  client.release();
  const db = drizzlePg({ client: pool, casing: 'snake_case', logger }) as unknown as Db;
  return { db, kind: 'postgres', pool, close: () => pool.end() };
}

/** Embedded PostgreSQL under DATA_DIR/pgdata unless DATABASE_URL names a server. */
export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(path.join(opts.dataDir, 'pgdata'));
}

/** Run raw SQL and get its rows, the same way on both backends. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
