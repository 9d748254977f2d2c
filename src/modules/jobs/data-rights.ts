import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { savedSearches } from './schema';

/** Saved searches are the only personal data here (postings belong to agencies). */
export async function exportJobsPersonData(db: Db, personId: string) {
  const list = await db.select().from(savedSearches).where(eq(savedSearches.personId, personId));
  return list.map((s) => ({
    filters: s.filters,
    frequency: s.frequency,
    active: s.active,
    lastSentAt: s.lastSentAt,
    createdAt: s.createdAt,
  }));
}

export async function eraseJobsPersonData(db: Db, personId: string) {
  await db.delete(savedSearches).where(eq(savedSearches.personId, personId));
}
