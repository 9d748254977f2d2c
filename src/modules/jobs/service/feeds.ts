import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { rows } from '../../../db/client';
import { jobFeeds, type JobFeed } from '../schema';
import { fetchUsajobs } from '../importers/usajobs';
import { ImportRejected } from '../importers/types';
import { jobsMessages } from '../messages';
import { safeHref } from '../../../platform/http/urls';
import { OUTBOUND_MAX_BYTES, OutboundError, outboundFetch } from '../../../platform/http/outbound';
import { isSealed, openApiKey, sealApiKey } from './secrets';
import { IMPORT_FORMATS, importFile, summaryCounts, type ImportFormat, type ImportOptions, type ImportSummary } from './import';
import { isUuid } from '../../../platform/ids';

export const feedInput = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((u) => safeHref(u) !== null),
  format: z.enum(IMPORT_FORMATS),
  agencySlug: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(80)
    .nullish(),
  mapping: z.string().max(2000).nullish(),
  apiKey: z.string().max(200).nullish(),
  email: z.string().max(254).nullish(),
  everyHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});

export async function addFeed(db: Db, secret: Uint8Array, input: z.input<typeof feedInput>): Promise<JobFeed> {
  const v = feedInput.parse(input);
  const [row] = await db
    .insert(jobFeeds)
    .values({ ...v, apiKey: v.apiKey ? sealApiKey(secret, v.apiKey) : null })
    .returning();
  return row;
}

export const listFeeds = (db: Db) => db.select().from(jobFeeds).orderBy(asc(jobFeeds.createdAt));

export async function removeFeed(db: Db, id: string): Promise<void> {
  if (isUuid(id)) await db.delete(jobFeeds).where(eq(jobFeeds.id, id));
}

/** An outbound refusal as the import error people read: a reason or a status code, nothing fetched. */
function fetchRejection(err: unknown): ImportRejected {
  if (err instanceof ImportRejected) return err;
  if (err instanceof OutboundError) {
    if (err.reason === 'status') return new ImportRejected('jobs.import.fetchFailed', { status: err.status ?? 0 });
    if (err.reason === 'tooLarge') return new ImportRejected('jobs.import.tooLarge', { max: OUTBOUND_MAX_BYTES / 1_048_576 });
    if (err.reason === 'redirects') return new ImportRejected('jobs.import.fetchRedirects');
    if (err.reason === 'timeout') return new ImportRejected('jobs.import.fetchTimeout');
    if (err.reason === 'network') return new ImportRejected('jobs.import.fetchNetwork');
    return new ImportRejected('jobs.import.fetchRefused');
  }
  return new ImportRejected('jobs.import.fetchUnreadable');
}

/** Parse errors quote the text they choke on; for a fetched answer that text may be anyone's secret. */
const QUOTES_INPUT = new Set(['jobs.import.badJson', 'jobs.import.badXml', 'jobs.import.badCsv', 'jobs.import.unknownLayout']);

/** Downloads a feed through the guarded outbound fetch (see platform/http/outbound.ts). */
export async function downloadFeed(
  feed: Pick<JobFeed, 'url' | 'format' | 'apiKey' | 'email'>,
  allow: readonly string[] = [],
): Promise<string> {
  try {
    if (feed.format === 'usajobs')
      return await fetchUsajobs(feed.url, { key: feed.apiKey ?? '', email: feed.email ?? '', maxBytes: OUTBOUND_MAX_BYTES, allow });
    const res = await outboundFetch(feed.url, { allow });
    return res.body.toString('utf8');
  } catch (err) {
    throw fetchRejection(err);
  }
}

/** Imports fetched text; a file that cannot be parsed is reported without quoting it. */
export async function importFetched(db: Db, opts: ImportOptions): Promise<ImportSummary> {
  try {
    return await importFile(db, opts);
  } catch (err) {
    if (err instanceof ImportRejected && QUOTES_INPUT.has(err.key)) throw new ImportRejected('jobs.import.fetchUnreadable');
    throw err;
  }
}

/**
 * Re-imports every feed that is due. A feed is claimed with a conditional update (its last run moved
 * to now), so two workers never import the same feed at once. Network and file errors are recorded on
 * the feed and retried at the next due time.
 */
export async function runDueFeeds(db: Db, opts: { secret: Uint8Array; allow?: readonly string[] }): Promise<number> {
  const due = await rows<{ id: string }>(
    db,
    sql`UPDATE job_feeds SET last_run_at = now()
        WHERE last_run_at IS NULL OR last_run_at <= now() - make_interval(hours => every_hours)
        RETURNING id`,
  );
  const t = jobsMessages.any('en');
  for (const { id } of due) {
    const [feed] = await db.select().from(jobFeeds).where(eq(jobFeeds.id, id));
    // A key saved before keys were sealed is sealed the first time its feed runs.
    if (feed.apiKey && !isSealed(feed.apiKey))
      await db
        .update(jobFeeds)
        .set({ apiKey: sealApiKey(opts.secret, feed.apiKey) })
        .where(eq(jobFeeds.id, id));
    let status = 'done';
    let summary: string;
    try {
      const s = await importFetched(db, {
        format: feed.format as ImportFormat,
        text: await downloadFeed({ ...feed, apiKey: openApiKey(opts.secret, feed.apiKey) }, opts.allow),
        agencySlug: feed.agencySlug,
        mapping: feed.mapping,
        feed: `feed:${feed.id}`,
      });
      summary = t('jobs.import.summary', summaryCounts(s));
    } catch (err) {
      status = 'rejected';
      const rejected = fetchRejection(err);
      summary = t(rejected.key, rejected.values);
    }
    await db.update(jobFeeds).set({ lastStatus: status, lastSummary: summary }).where(eq(jobFeeds.id, id));
  }
  return due.length;
}
