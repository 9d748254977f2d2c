import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { notFound } from '../../../platform/http/errors';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { localePath, type Locale } from '../../../platform/i18n';
import { alertSends, savedSearches, type SavedSearch, type SearchFilters } from '../schema';
import { digestEmail } from '../emails/digest';
import { laDay } from './normalize';
import { searchJobs } from './search';
import { filtersQuery } from '../lib/search-params';
import { isUuid } from '../../../platform/ids';

export const MAX_SAVED = 20;

/**
 * Saves a search as an alert. The same search saved again makes no second alert (a unique index on
 * person and filters, so two saves at once make one too): `existed` says the alert was already there.
 */
export async function saveSearch(
  db: Db,
  personId: string,
  filters: SearchFilters,
  frequency: 'daily' | 'weekly',
): Promise<{ search: SavedSearch; existed: boolean }> {
  const [row] = await db
    .insert(savedSearches)
    .values({ personId, filters, frequency, lastSentAt: new Date() })
    .onConflictDoNothing()
    .returning();
  if (row) return { search: row, existed: false };
  const [old] = await db
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.personId, personId), sql`${savedSearches.filters} = ${JSON.stringify(filters)}::jsonb`));
  return { search: old, existed: true };
}

export async function listSavedSearches(db: Db, personId: string): Promise<SavedSearch[]> {
  return db.select().from(savedSearches).where(eq(savedSearches.personId, personId)).orderBy(asc(savedSearches.createdAt));
}

export async function countSavedSearches(db: Db, personId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM job_saved_searches WHERE person_id = ${personId}`);
  return Number(r.n);
}

export async function updateSavedSearch(db: Db, personId: string, id: string, patch: { frequency?: 'daily' | 'weekly'; active?: boolean }) {
  if (!isUuid(id)) throw notFound();
  const [row] = await db
    .update(savedSearches)
    .set(patch)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.personId, personId)))
    .returning();
  if (!row) throw notFound();
  return row;
}

export async function deleteSavedSearch(db: Db, personId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound();
  await db.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.personId, personId)));
}

/** The signed link in every digest: it stops that one alert, no sign-in needed. */
function unsubscribeToken(secret: Uint8Array, id: string): Promise<string> {
  return signLink(secret, 'jobs-alert-unsub', { s: id });
}

export async function unsubscribeByToken(db: Db, secret: Uint8Array, token: string): Promise<boolean> {
  const claims = await verifyLink<{ s: string }>(secret, 'jobs-alert-unsub', token);
  if (!claims || !isUuid(claims.s)) return false;
  await db.update(savedSearches).set({ active: false }).where(eq(savedSearches.id, claims.s));
  return true;
}

/** "2026-11-25" for daily digests, "2026-W48" (ISO week, Los Angeles) for weekly ones. */
export function periodOf(frequency: 'daily' | 'weekly', now: Date): string {
  const day = laDay(now);
  if (frequency === 'daily') return day;
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

interface Due {
  id: string;
  person_id: string;
  filters: SearchFilters;
  frequency: 'daily' | 'weekly';
  last_sent_at: Date | string | null;
  created_at: Date | string;
  email: string;
  language: Locale;
}

/**
 * Sends the digests due now. Each saved search gets at most one per period: the period's row is
 * claimed first (unique key), so two workers, or a rerun, never send it twice. Nothing new: no email.
 */
export async function sendDigests(deps: Deps, now = new Date()): Promise<{ sent: number; empty: number }> {
  const due = await rows<Due>(
    deps.db,
    sql`SELECT s.id, s.person_id, s.filters, s.frequency, s.last_sent_at, s.created_at, p.email, p.language
        FROM job_saved_searches s JOIN person_contacts p ON p.id = s.person_id
        WHERE s.active AND p.deleted_at IS NULL AND p.email IS NOT NULL`,
  );
  let sent = 0;
  let empty = 0;
  for (const s of due) {
    const period = periodOf(s.frequency, now);
    const claimed = await deps.db
      .insert(alertSends)
      .values({ savedSearchId: s.id, period })
      .onConflictDoNothing()
      .returning({ id: alertSends.id });
    if (claimed.length === 0) continue;
    const since = new Date(s.last_sent_at ?? s.created_at);
    // The window ends when the query runs (the real clock, not the period being sent).
    const upTo = new Date();
    const { jobs, total } = await searchJobs(deps.db, s.filters, { sort: 'newest', limit: 20, offset: 0, publishedAfter: since });
    await deps.db.update(savedSearches).set({ lastSentAt: upTo }).where(eq(savedSearches.id, s.id));
    if (jobs.length === 0) {
      empty++;
      continue;
    }
    const token = await unsubscribeToken(deps.secret, s.id);
    const base = deps.config.baseUrl;
    const unsubscribeUrl = `${base}/jobs/alerts/unsubscribe?token=${encodeURIComponent(token)}`;
    const locale = s.language === 'es' ? 'es' : 'en';
    const mail = digestEmail({
      locale,
      base,
      filters: s.filters,
      moreUrl: base + localePath(locale, '/jobs') + filtersQuery(s.filters, { sort: 'newest' }),
      jobs,
      total,
      unsubscribeUrl,
      frequency: s.frequency,
    });
    await deps.mailer.send({
      to: s.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      listUnsubscribe: { url: unsubscribeUrl },
    });
    await deps.db.update(alertSends).set({ matches: total }).where(eq(alertSends.id, claimed[0].id));
    sent++;
  }
  return { sent, empty };
}
