import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings } from './schema';

/**
 * The key behind signed links, codes and cookies. SECRET_KEY wins; otherwise one is generated once and
 * kept in the database, so every app server (and a restored backup) signs alike.
 */
export async function loadSecret(db: Db, configured?: string): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const fresh = crypto.randomBytes(32).toString('base64url');
  await db.insert(settings).values({ key: 'secret_key', value: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'secret_key'));
  return new TextEncoder().encode(row.value);
}
