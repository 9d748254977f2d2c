import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { migrate, type MigrationSet } from './db/migrate';
import type { Deps } from './platform/http/context';
import { outboxMailer, smtpMailer } from './platform/mail/mailer';
import { loadSecret } from './platform/settings/secret';
import { createLogger } from './platform/log';
import { modules } from './modules';
import { peopleIdentity } from './modules/people';

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * Migrations stay SQL files under src/. Compiled (scripts/build.mjs), this file is part of the chunk the
 * server and the CLI share, in dist/chunks/, and reads them from the src/ beside dist/.
 */
const compiled = path.basename(here) === 'chunks' && path.basename(path.dirname(here)) === 'dist';
const src = compiled ? path.join(here, '..', '..', 'src') : here;

/** Every module's migration folder, in the order of the module list. */
function migrationSets(): MigrationSet[] {
  return modules.filter((m) => m.migrations).map((m) => ({ name: m.name, folder: path.join(src, m.migrations!) }));
}

/** Brings a database up to date with every module's migrations. */
export function migrateDatabase(database: Database): Promise<void> {
  return migrate(database, migrationSets());
}

/**
 * The one place the dependency bundle is put together (the app, the worker, the CLI, tests and
 * benchmarks all come here), so a new shared piece is added once.
 */
async function buildDeps(config: Config, database: Database): Promise<Deps> {
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const mailer = config.SMTP_URL
    ? smtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : outboxMailer(database.db, config.MAIL_FROM, config.NODE_ENV === 'test' ? null : path.join(config.DATA_DIR, 'outbox'));
  const secret = await loadSecret(database.db, config.SECRET_KEY);
  return { database, db: database.db, config, mailer, secret, logger, identity: peopleIdentity };
}

/** Opens everything the app, the worker and the CLI share: database (migrated), mailer, secret, logger. */
export async function openServices(config: Config, opts: { database?: Database; migrate?: boolean } = {}): Promise<Deps> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  if (opts.migrate !== false) await migrateDatabase(database);
  return buildDeps(config, database);
}

export async function closeServices(deps: Deps): Promise<void> {
  deps.mailer.close();
  await deps.database.close();
}
