import path from 'node:path';
import pino from 'pino';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import type { Deps } from './platform/http/context';
import { outboxMailer, smtpMailer } from './platform/mail/mailer';
import { loadSecret } from './platform/settings/secret';

/** Opens everything the app, the worker and the CLI share: database (migrated), mailer, secret, logger. */
export async function openServices(config: Config, opts: { database?: Database; migrate?: boolean } = {}): Promise<Deps> {
  const logger = pino({ level: config.LOG_LEVEL });
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  if (opts.migrate !== false) await migrate(database);
  const mailer = config.SMTP_URL
    ? smtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : outboxMailer(database.db, config.MAIL_FROM, config.NODE_ENV === 'test' ? null : path.join(config.DATA_DIR, 'outbox'));
  const secret = await loadSecret(database.db, config.SECRET_KEY);
  return { database, db: database.db, config, mailer, secret, logger };
}

export async function closeServices(deps: Deps): Promise<void> {
  deps.mailer.close();
  await deps.database.close();
}
