import pg from 'pg';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';

/** One set of migrations: a folder with its own drizzle-kit journal and history table. */
export interface MigrationSet {
  name: string;
  /** Absolute path of the folder. */
  folder: string;
}

/**
 * Applies each set in the order given. Each set keeps its own folder and history table
 * (drizzle.migrations_<name>), so modules never edit one shared journal; a later set may reference an
 * earlier one's tables. The composition root supplies the sets, so the database layer knows no module.
 */
export async function migrate(database: Database, sets: MigrationSet[]): Promise<void> {
  if (database.kind === 'postgres') return withMigrationLock(database, () => applyAll(database, sets));
  return applyAll(database, sets);
}

/**
 * Several servers started together on one PostgreSQL would each try the same migration; a session
 * advisory lock, on a connection of its own outside the pool the migrator uses, makes them take turns
 * (the later ones find nothing left to do).
 */
async function withMigrationLock(database: Database, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: database.pool!.options.connectionString });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('pathways.migrate'))`);
    await work();
  } finally {
    await client.end();
  }
}

async function applyAll(database: Database, sets: MigrationSet[]): Promise<void> {
  for (const set of sets) {
    const config = { migrationsFolder: set.folder, migrationsTable: `migrations_${set.name}`, migrationsSchema: 'drizzle' };
    if (database.kind === 'pglite') {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migratePglite(database.db as any, config);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migratePg(database.db as any, config);
    }
  }
}
