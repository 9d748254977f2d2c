import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rows } from '../../../db/client';
import { jobImports, jobs, type Agency, type JobSource } from '../schema';
import { parseCsv } from '../importers/csv';
import { parseNeogov } from '../importers/neogov';
import { parseUsajobs } from '../importers/usajobs';
import { ImportRejected, type ImportItem, type Skip } from '../importers/types';
import { getAgencyBySlug, resolveAgency } from './agencies';
import { activeRules, classify } from './classify';
import { columnsFrom } from './jobs';
import { hashOf, slugify } from './normalize';
import { safeHref } from '../../../platform/http/urls';

export const IMPORT_FORMATS = ['usajobs', 'neogov', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** Larger files are refused before reading: a feed this size is a mistake or an attack. */
export const MAX_IMPORT_BYTES = 50 * 1_048_576;
const BATCH = 250;

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  /** Imported but not shown on the board: the classifier found them not tech. */
  notTech: number;
  skipped: Skip[];
  closedIds: string[];
  /** Imported, but their apply link (`javascript:` or anything not http/https) was left out. */
  linksDropped: Skip[];
  /** Imported as open until filled because their closing date could not be read. */
  datesUnread: Skip[];
  /** No feed name was given, so nothing was closed. */
  noFeed: boolean;
}

/** The counts the one-line summary message (`jobs.import.summary`) shows. */
export function summaryCounts(s: ImportSummary) {
  return { total: s.total, created: s.created, updated: s.updated, unchanged: s.unchanged, closed: s.closed, skipped: s.skipped.length };
}

export interface ImportOptions {
  format: ImportFormat;
  text: string;
  agencySlug?: string | null;
  mapping?: string | null;
  /**
   * The feed this file is one reading of: "feed:<id>" for a scheduled feed, "name:<NAME>" for
   * `--feed NAME`. Only then are the feed's postings this file no longer lists closed; a file imported
   * without one closes nothing, so two searches or files never close each other's postings.
   */
  feed?: string | null;
  onProgress?: (done: number, total: number, s: ImportSummary) => Promise<void>;
}

function parseFile(format: ImportFormat, text: string, mapping?: string | null) {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new ImportRejected('jobs.import.tooLarge', { max: MAX_IMPORT_BYTES / 1_048_576 });
  if (format === 'usajobs') return parseUsajobs(text);
  if (format === 'neogov') return parseNeogov(text);
  return parseCsv(text, { mapping });
}

interface Existing {
  id: string;
  source: string;
  source_id: string | null;
  dedupe_key: string;
  content_hash: string | null;
  status: string;
  feed: string | null;
  closed_reason: string | null;
}

/**
 * Imports a whole file. It is parsed completely first, so a file that cannot be read changes nothing
 * (ImportRejected). Then, in batches: a posting already known by its source id is updated when it
 * changed; one already on the board from another source (same agency, title and closing day) is
 * skipped; the rest are created and published. Finally postings of the same feed that are no longer
 * in the file are closed — unless the file had no usable posting, which closes nothing.
 */
export async function importFile(db: Db, opts: ImportOptions): Promise<ImportSummary> {
  const parsed = parseFile(opts.format, opts.text, opts.mapping);
  let fixedAgency: Agency | undefined;
  if (opts.agencySlug) {
    fixedAgency = await getAgencyBySlug(db, opts.agencySlug);
    if (!fixedAgency) throw new ImportRejected('jobs.import.unknownAgency', { slug: opts.agencySlug });
  }
  const source: JobSource = opts.format;
  const feed = opts.feed?.trim() || null;
  const s: ImportSummary = {
    total: parsed.items.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    notTech: 0,
    skipped: [],
    closedIds: [],
    linksDropped: [],
    datesUnread: [],
    noFeed: !feed,
  };
  const rules = await activeRules(db);
  const agencyCache = new Map<string, Agency>();
  const seen = new Set<string>();
  const good: { label: string; item: ImportItem }[] = [];
  for (const p of parsed.items) {
    if (!p.ok) {
      s.skipped.push({ item: p.item, reason: p.reason, values: p.values });
      continue;
    }
    if (!p.item.sourceId) p.item.sourceId = `${slugify(p.item.title)}:${p.item.closesAt?.toISOString().slice(0, 10) ?? 'continuous'}`;
    if (seen.has(p.item.sourceId)) {
      s.skipped.push({ item: p.label, reason: 'jobs.skip.duplicateInFile' });
      continue;
    }
    const agencyName = fixedAgency ? null : (p.item.agencyName ?? parsed.feedAgencyName);
    if (!fixedAgency && !agencyName) {
      s.skipped.push({ item: p.label, reason: 'jobs.skip.noAgency' });
      continue;
    }
    seen.add(p.item.sourceId);
    if (p.item.unreadDate !== undefined)
      s.datesUnread.push({ item: p.label, reason: 'jobs.import.dateUnread', values: { value: p.item.unreadDate } });
    if (p.item.applyUrl != null) {
      const href = safeHref(p.item.applyUrl);
      if (!href) s.linksDropped.push({ item: p.label, reason: 'jobs.import.linkDropped' });
      p.item.applyUrl = href;
    }
    good.push(p);
  }
  let done = s.total - good.length;
  await opts.onProgress?.(done, s.total, s);

  for (let i = 0; i < good.length; i += BATCH) {
    const batch = good.slice(i, i + BATCH);
    const prepared: { label: string; item: ImportItem; cols: ReturnType<typeof columnsFrom>; hash: string }[] = [];
    for (const g of batch) {
      const name = g.item.agencyName ?? parsed.feedAgencyName ?? '';
      let agency = fixedAgency ?? agencyCache.get(name);
      if (!agency) {
        agency = await resolveAgency(
          db,
          name,
          g.item.agencyLevel ?? (opts.format === 'usajobs' ? 'federal' : null),
          g.item.parentAgencyName,
        );
        agencyCache.set(name, agency);
      }
      const tech = classify(g.item, rules);
      const cols = columnsFrom(g.item, agency, tech);
      prepared.push({ ...g, cols, hash: hashOf({ ...cols, openedAt: g.item.openedAt }) });
    }
    await db.transaction(async (tx) => {
      const ids = prepared.map((p) => p.item.sourceId!);
      const keys = prepared.map((p) => p.cols.dedupeKey);
      const existing = await rows<Existing>(
        tx,
        sql`SELECT id, source, source_id, dedupe_key, content_hash, status, feed, closed_reason FROM jobs
            WHERE (source = ${source} AND source_id = ANY(${sql`${toArray(ids)}`}::text[]))
               OR (dedupe_key = ANY(${sql`${toArray(keys)}`}::text[]) AND status <> 'rejected')`,
      );
      const bySource = new Map(existing.filter((e) => e.source === source && e.source_id).map((e) => [e.source_id!, e]));
      const byKey = new Map(existing.filter((e) => e.source !== source).map((e) => [e.dedupe_key, e]));
      const fresh = [];
      for (const p of prepared) {
        const mine = bySource.get(p.item.sourceId!);
        if (!p.cols.tech) s.notTech++;
        if (mine) {
          // Listed again by a feed that had dropped it: open again. An organizer's close stands.
          const reopen = mine.status === 'closed' && mine.closed_reason === 'feed';
          const claim = feed !== null && mine.feed !== feed;
          if (mine.content_hash === p.hash && !reopen && !claim) {
            s.unchanged++;
            continue;
          }
          await tx
            .update(jobs)
            .set({
              ...p.cols,
              contentHash: p.hash,
              // The feed that last listed a posting owns its closing; an ad-hoc file takes nothing over.
              ...(feed ? { feed } : {}),
              updatedAt: new Date(),
              ...(reopen ? { status: 'published' as const, closedAt: null, closedReason: null } : {}),
            })
            .where(eq(jobs.id, mine.id));
          if (mine.content_hash === p.hash && !reopen) s.unchanged++;
          else s.updated++;
        } else if (byKey.has(p.cols.dedupeKey)) {
          s.skipped.push({ item: p.label, reason: 'jobs.skip.sameAsOther', values: { source: byKey.get(p.cols.dedupeKey)!.source } });
        } else {
          fresh.push({
            ...p.cols,
            source,
            sourceId: p.item.sourceId,
            feed,
            contentHash: p.hash,
            status: 'published' as const,
            publishedAt: new Date(),
          });
        }
      }
      if (fresh.length) {
        const inserted = await tx.insert(jobs).values(fresh).onConflictDoNothing().returning({ id: jobs.id });
        s.created += inserted.length;
        s.unchanged += fresh.length - inserted.length;
      }
    });
    done += batch.length;
    await opts.onProgress?.(done, s.total, s);
  }

  if (feed && good.length > 0) {
    const closed = await rows<{ id: string }>(
      db,
      sql`UPDATE jobs SET status = 'closed', closed_reason = 'feed', closed_at = now(), updated_at = now()
          WHERE feed = ${feed} AND source = ${source} AND status = 'published' AND NOT (source_id = ANY(${sql`${toArray([...seen])}`}::text[]))
          RETURNING id`,
    );
    s.closed = closed.length;
    s.closedIds = closed.map((c) => c.id);
  }
  await opts.onProgress?.(s.total, s.total, s);
  return s;
}

/** A text[] literal passed as one parameter (both drivers accept it; no parameter-count limit). */
function toArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Runs a queued import (uploaded on the admin screen), keeping its progress row current. */
export async function runQueuedImport(db: Db, id: string): Promise<void> {
  const [imp] = await db.select().from(jobImports).where(eq(jobImports.id, id));
  if (!imp || imp.status === 'done' || imp.status === 'rejected') return;
  await db.update(jobImports).set({ status: 'running' }).where(eq(jobImports.id, id));
  try {
    const s = await importFile(db, {
      format: imp.format as ImportFormat,
      text: imp.content ?? '',
      agencySlug: imp.agencySlug,
      mapping: imp.mapping,
      feed: imp.feed ? `name:${imp.feed}` : null,
      onProgress: async (done, total, sum) => {
        await db
          .update(jobImports)
          .set({
            processed: done,
            total,
            created: sum.created,
            updated: sum.updated,
            unchanged: sum.unchanged,
            skipped: sum.skipped.length,
          })
          .where(eq(jobImports.id, id));
      },
    });
    await db
      .update(jobImports)
      .set({
        status: 'done',
        content: null,
        total: s.total,
        processed: s.total,
        created: s.created,
        updated: s.updated,
        unchanged: s.unchanged,
        closed: s.closed,
        skipped: s.skipped.length,
        report: {
          skipped: s.skipped.slice(0, 1000),
          closedIds: s.closedIds.slice(0, 1000),
          linksDropped: s.linksDropped.slice(0, 1000),
          datesUnread: s.datesUnread.slice(0, 1000),
          noFeed: s.noFeed,
        },
        finishedAt: new Date(),
      })
      .where(eq(jobImports.id, id));
  } catch (err) {
    if (!(err instanceof ImportRejected)) throw err;
    await db
      .update(jobImports)
      .set({
        status: 'rejected',
        content: null,
        report: { skipped: [], closedIds: [], error: err.key, errorValues: err.values },
        finishedAt: new Date(),
      })
      .where(eq(jobImports.id, id));
  }
}
