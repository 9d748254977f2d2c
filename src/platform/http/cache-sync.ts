import crypto from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { forgetLocally, sharePublicCacheClears } from './page-cache';

const CHANNEL = 'pathways_page_cache';

/**
 * Makes every process on one PostgreSQL forget cached pages together: each clear here is announced with
 * NOTIFY, and a clear announced by another process (LISTEN, on a connection of its own) clears ours.
 * Announcements are coalesced, at most one in flight and one waiting, so a burst of writes costs a
 * couple of round trips, not one each. PGlite has one process, so there is nothing to share.
 * Returns the function that stops it.
 */
export async function shareCacheClears(database: Database, logger: Logger): Promise<() => Promise<void>> {
  if (database.kind !== 'postgres' || !database.pool) return async () => {};
  const pool = database.pool;
  const me = crypto.randomUUID();
  let stopped = false;
  let listener: pg.Client | null = null;

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: pool.options.connectionString });
    client.on('notification', (msg) => {
      if (msg.payload !== me) forgetLocally();
    });
    client.on('error', (err) => {
      logger.warn({ err }, 'page cache: lost the connection that hears other servers; reconnecting');
      void client.end().catch(() => {});
      if (!stopped) setTimeout(() => void reconnect(), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  }

  async function reconnect(): Promise<void> {
    if (stopped) return;
    try {
      await listen();
      // Whatever was announced while we were deaf is lost: start afresh.
      forgetLocally();
    } catch (err) {
      logger.warn({ err }, 'page cache: reconnecting failed; trying again');
      setTimeout(() => void reconnect(), 2000);
    }
  }

  let inFlight: Promise<void> | null = null;
  let again = false;
  function announce(): void {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = pool
      .query('SELECT pg_notify($1, $2)', [CHANNEL, me])
      .then(() => undefined)
      .catch((err: unknown) => logger.warn({ err }, 'page cache: could not tell other servers of a change'))
      .finally(() => {
        inFlight = null;
        if (again) {
          again = false;
          announce();
        }
      });
  }

  await listen();
  sharePublicCacheClears(announce);
  return async () => {
    sharePublicCacheClears(null);
    while (inFlight) await inFlight;
    stopped = true;
    await listener?.end().catch(() => {});
  };
}
