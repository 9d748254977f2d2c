import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
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

/**
 * The types Drizzle's PGlite driver asks to receive as text (it turns them into values itself):
 * timestamps, intervals, dates and their arrays, and numeric[].
 */
const DRIZZLE_TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const asText = (v: string) => v;

type Queryable = Pick<Transaction, 'query'>;

/**
 * Drizzle hands PGlite those parsers with every query, and PGlite copies its whole table of parsers
 * (over 300 types) to merge them in, every time: about 60 µs a query, as long as a simple statement
 * takes. The instance is given the same parsers once, so the client Drizzle holds leaves the
 * per-query copy out: the same values, without the copying.
 */
function withInstanceParsers(client: Queryable): Queryable {
  return {
    query: (text, params, options) => {
      if (!options?.parsers) return client.query(text, params, options);
      const { parsers: _sameAsInstance, ...rest } = options;
      return client.query(text, params, rest);
    },
  };
}

function drizzleClient(pglite: PGlite): PGlite {
  const client = {
    ...withInstanceParsers(pglite),
    transaction: <T>(work: (tx: Transaction) => Promise<T>) =>
      pglite.transaction((tx) => work(Object.assign(Object.create(tx) as Transaction, withInstanceParsers(tx)))),
  };
  return client as unknown as PGlite;
}

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir) : undefined,
    extensions,
    loadDataDir,
    parsers: { 20: (v: string) => Number(v), ...Object.fromEntries(DRIZZLE_TEXT_TYPES.map((t) => [t, asText])) },
  });
  if (dataDir) privateTree(dataDir);
  const db = drizzlePglite({ client: drizzleClient(pglite), casing: 'snake_case', logger }) as unknown as Db;
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
