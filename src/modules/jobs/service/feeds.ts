import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { rows } from '../../../db/client';
import { jobFeeds, type JobFeed } from '../schema';
import { fetchUsajobs } from '../importers/usajobs';
import { ImportRejected } from '../importers/types';
import { jobsMessages } from '../messages';
import { IMPORT_FORMATS, importFile, MAX_IMPORT_BYTES, type ImportFormat } from './import';

export const feedInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  format: z.enum(IMPORT_FORMATS),
  agencySlug: z.string().regex(/^[a-z0-9-]+$/).max(80).nullish(),
  mapping: z.string().max(2000).nullish(),
  apiKey: z.string().max(200).nullish(),
  email: z.string().max(254).nullish(),
  everyHours: z.coerce.number().int().min(1).max(24 * 30).default(24),
});

export async function addFeed(db: Db, input: z.input<typeof feedInput>): Promise<JobFeed> {
  const [row] = await db.insert(jobFeeds).values(feedInput.parse(input)).returning();
  return row;
}

export const listFeeds = (db: Db) => db.select().from(jobFeeds).orderBy(asc(jobFeeds.createdAt));

export async function removeFeed(db: Db, id: string): Promise<void> {
  if (z.uuid().safeParse(id).success) await db.delete(jobFeeds).where(eq(jobFeeds.id, id));
}

/** Downloads a feed, refusing more than the import limit. */
async function download(feed: JobFeed): Promise<string> {
  if (feed.format === 'usajobs') return fetchUsajobs(feed.url, { key: feed.apiKey ?? '', email: feed.email ?? '', maxBytes: MAX_IMPORT_BYTES });
  const res = await fetch(feed.url);
  if (!res.ok) throw new ImportRejected('jobs.import.fetchFailed', { status: res.status });
  const text = await res.text();
  if (text.length > MAX_IMPORT_BYTES) throw new ImportRejected('jobs.import.tooLarge', { max: MAX_IMPORT_BYTES / 1_048_576 });
  return text;
}

/**
 * Re-imports every feed that is due. A feed is claimed with a conditional update (its last run moved
 * to now), so two workers never import the same feed at once. Network and file errors are recorded on
 * the feed and retried at the next due time.
 */
export async function runDueFeeds(db: Db): Promise<number> {
  const due = await rows<{ id: string }>(
    db,
    sql`UPDATE job_feeds SET last_run_at = now()
        WHERE last_run_at IS NULL OR last_run_at <= now() - make_interval(hours => every_hours)
        RETURNING id`,
  );
  const t = jobsMessages.any('en');
  for (const { id } of due) {
    const [feed] = await db.select().from(jobFeeds).where(eq(jobFeeds.id, id));
    let status = 'done';
    let summary: string;
    try {
      const s = await importFile(db, { format: feed.format as ImportFormat, text: await download(feed), agencySlug: feed.agencySlug, mapping: feed.mapping });
      summary = t('jobs.import.summary', { total: s.total, created: s.created, updated: s.updated, unchanged: s.unchanged, closed: s.closed, skipped: s.skipped.length });
    } catch (err) {
      status = 'rejected';
      summary = err instanceof ImportRejected ? t(err.key, err.values) : err instanceof Error ? err.message.slice(0, 500) : String(err);
    }
    await db.update(jobFeeds).set({ lastStatus: status, lastSummary: summary }).where(eq(jobFeeds.id, id));
  }
  return due.length;
}
