import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { metricEntries, metricPublications } from '../schema';
import type { MetricsHooks } from '../hooks';

const day = z.iso.date({ message: 'metrics.error.date' });

/** A period and, optionally, a chapter: the one query of the API, the CSV and the pages. */
export const metricsQuery = z.object({
  from: day,
  to: day,
  chapter: z.string().max(60).optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const publicationInput = z.object({
  chapter: z.string().max(60).optional(),
  published: z.boolean(),
  from: day.optional(),
  to: day.optional(),
  metrics: z.array(z.string().max(60)).max(50).optional(),
});
export type PublicationInput = z.infer<typeof publicationInput>;

export const entryInput = z.object({
  chapter: z.string().max(60),
  metric: z.enum(['placements', 'confidence_change'], { message: 'metrics.error.unknownMetric' }),
  from: day,
  to: day,
  value: z.number({ message: 'metrics.error.value' }).min(-1_000_000).max(1_000_000),
  people: z.number({ message: 'metrics.error.value' }).int().min(0).max(1_000_000),
  note: z.string().trim().min(1, { message: 'metrics.error.note' }).max(1000),
});
export type EntryInput = z.infer<typeof entryInput>;

/** The scope key of a publication: the chapter's slug, or '' for the network. */
const scopeOf = (chapter: string | null | undefined) => chapter ?? '';

/** `from` after `to` and unknown chapters are refused with a field message; nothing is read or changed. */
export async function checkPeriod(db: Db, hooks: MetricsHooks, q: { from?: string; to?: string; chapter?: string | null }): Promise<void> {
  const fields: Record<string, string> = {};
  if (q.from && q.to && q.from > q.to) fields.to = 'metrics.error.order';
  if (q.chapter && !(await hooks.chapters.listChapters(db)).some((c) => c.slug === q.chapter))
    fields.chapter = 'metrics.error.unknownChapter';
  if (Object.keys(fields).length) throw new AppError('validation_failed', 422, 'errors.validation', fields);
}

export async function getPublication(db: Db, chapter: string | null) {
  const [p] = await db
    .select()
    .from(metricPublications)
    .where(eq(metricPublications.scope, scopeOf(chapter)));
  return p;
}

export async function setPublication(db: Db, hooks: MetricsHooks, raw: PublicationInput, by: string | null, known: string[]) {
  const parsed = publicationInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      422,
      'errors.validation',
      Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
    );
  }
  const input = parsed.data;
  await checkPeriod(db, hooks, input);
  const unknown = (input.metrics ?? []).filter((k) => !known.includes(k));
  if (unknown.length) throw new AppError('validation_failed', 422, 'errors.validation', { metrics: 'metrics.error.unknownMetric' });
  const values = {
    scope: scopeOf(input.chapter),
    published: input.published,
    fromDate: input.from ?? null,
    toDate: input.to ?? null,
    metrics: input.metrics ?? null,
    updatedBy: by,
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(metricPublications)
    .values(values)
    .onConflictDoUpdate({ target: metricPublications.scope, set: { ...values, scope: sql`excluded.scope` } })
    .returning();
  return row;
}

/** Is this period of this scope published (inside the published period, when one was chosen)? */
export function publishedFor(p: Awaited<ReturnType<typeof getPublication>>, from: string, to: string): boolean {
  if (!p?.published) return false;
  if (p.fromDate && from < p.fromDate) return false;
  if (p.toDate && to > p.toDate) return false;
  return true;
}

export async function addEntry(db: Db, hooks: MetricsHooks, input: EntryInput, by: string | null) {
  await checkPeriod(db, hooks, input);
  const [row] = await db
    .insert(metricEntries)
    .values({
      chapter: input.chapter,
      metric: input.metric,
      fromDate: input.from,
      toDate: input.to,
      value: input.value,
      people: input.people,
      note: input.note,
      createdBy: by,
    })
    .returning();
  return row;
}
