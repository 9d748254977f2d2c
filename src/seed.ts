import { eq } from 'drizzle-orm';
import type { Deps } from './platform/http/context';
import { modules } from './modules';
import { settings } from './platform/settings/schema';

/**
 * Loads the Los Angeles demo chapter once, on the first start of an empty database. Deleting demo
 * data later does not bring it back (the `seeded` setting remembers).
 */
export async function seedIfEmpty(deps: Deps): Promise<boolean> {
  const [done] = await deps.db.select().from(settings).where(eq(settings.key, 'seeded'));
  if (done) return false;
  await runSeed(deps);
  return true;
}

export async function runSeed(deps: Deps): Promise<void> {
  for (const m of modules) await m.seed?.(deps);
  await deps.db
    .insert(settings)
    .values({ key: 'seeded', value: new Date().toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value: new Date().toISOString() } });
}
