import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client';
import { AppError } from './errors';

/**
 * Counts one hit against `key` in a fixed window and throws 429 past `limit`. The counter is a single
 * upsert, so it is exact across concurrent requests and across app servers sharing one database.
 */
export async function hit(db: Db, opts: { key: string; limit: number; windowSeconds: number; enabled: boolean }): Promise<void> {
  if (!opts.enabled) return;
  const [row] = await rows<{ count: number }>(
    db,
    sql`INSERT INTO rate_limits (key, window_start, count)
        VALUES (${opts.key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${opts.windowSeconds})
                       THEN 1 ELSE rate_limits.count + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${opts.windowSeconds})
                       THEN now() ELSE rate_limits.window_start END
        RETURNING count`,
  );
  if (row.count > opts.limit) {
    throw new AppError('rate_limited', 429, 'errors.rateLimited');
  }
}
