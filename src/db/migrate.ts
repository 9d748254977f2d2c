import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';
import { modules } from '../modules';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Applies each module's migrations in module order. Each module keeps its own folder and history
 * table (drizzle.migrations_<module>), so modules never edit one shared journal; a later module may
 * reference an earlier one's tables.
 */
export async function migrate(database: Database): Promise<void> {
  for (const m of modules) {
    if (!m.migrations) continue;
    const config = {
      migrationsFolder: path.join(src, m.migrations),
      migrationsTable: `migrations_${m.name}`,
      migrationsSchema: 'drizzle',
    };
    if (database.kind === 'pglite') {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migratePglite(database.db as any, config);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migratePg(database.db as any, config);
    }
  }
}
