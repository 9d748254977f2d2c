import { safeHref } from '../../../platform/http/urls';
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { prepared } from '../../../db/prepared';
import { AppError, notFound } from '../../../platform/http/errors';
import { renderMarkdown } from '../../../platform/markdown';
import { agencies, EMPLOYMENT_TYPES, jobs, SALARY_INTERVALS, WORKPLACES, type Agency, type Job, type JobStatus } from '../schema';
import { readLocation, type ImportItem } from '../importers/types';
import { activeRules, classify } from './classify';
import { cleanHtml, dedupeKey, parseFeedDate, parseSalaryRange, plainText } from './normalize';
import { findChapter } from '../../people';
import { isUuid } from '../../../platform/ids';

/** Visible on the public board: published, not past its closing time, and tech (or overridden so). */
export const PUBLIC = sql`j.status = 'published' AND (j.closes_at IS NULL OR j.closes_at > now()) AND coalesce(j.tech_override, j.tech)`;
/** `jobs j JOIN agencies a`, the names `PUBLIC` reads, for queries Drizzle builds. */
export const jobsAsJ = alias(jobs, 'j');
export const agenciesAsA = alias(agencies, 'a');

const day = z
  .string()
  .trim()
  .max(40)
  .refine((s) => s === '' || parseFeedDate(s).kind === 'date', { message: 'jobs.form.badDate' });

/** What a partner or organizer types (form or API). Pay is given in its own interval, stored yearly. */
export const jobInput = z.object({
  agency: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1).max(200),
  classification: z.string().trim().max(200).nullish(),
  series: z.string().trim().max(20).nullish(),
  grade: z.string().trim().max(60).nullish(),
  salaryMin: z.coerce.number().positive().max(10_000_000).nullish(),
  salaryMax: z.coerce.number().positive().max(10_000_000).nullish(),
  salaryInterval: z.enum(SALARY_INTERVALS).default('year'),
  locations: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  workplace: z.enum(WORKPLACES).default('onsite'),
  opensOn: day.nullish(),
  closesOn: day.nullish(),
  continuous: z.boolean().default(false),
  employmentType: z.enum(EMPLOYMENT_TYPES).default('full_time'),
  minimumQualifications: z.string().trim().max(8000).nullish(),
  summary: z.string().trim().max(1000).nullish(),
  /** Markdown. */
  description: z.string().trim().max(40_000).nullish(),
  /** Spanish title and description (markdown), shown on Spanish pages; blank: the English shows there. */
  titleEs: z.string().trim().max(200).nullish(),
  descriptionEs: z.string().trim().max(40_000).nullish(),
  noDegree: z.boolean().default(false),
  entryLevel: z.boolean().default(false),
  applyUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .refine((u) => safeHref(u) !== null, { message: 'validation.url' })
    .nullish(),
  tags: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  /** The chapter the job is counted under (impact figures); a slug of an existing chapter. */
  chapter: z.string().trim().max(80).nullish(),
});
export type JobInput = z.infer<typeof jobInput>;

/** Lowest pay above the highest: checked on what was typed too, so the form reports it with the other problems. */
export function salaryOutOfOrder(min: unknown, max: unknown): boolean {
  const [a, b] = [Number(min), Number(max)];
  return min != null && max != null && min !== '' && max !== '' && Number.isFinite(a) && Number.isFinite(b) && a > b;
}

/** A manual posting becomes the same shape an importer produces. */
function itemFromInput(input: JobInput): ImportItem {
  const closes = input.closesOn ? parseFeedDate(input.closesOn, { endOfDay: true }) : { kind: 'none' as const };
  const opens = input.opensOn ? parseFeedDate(input.opensOn) : { kind: 'none' as const };
  if (salaryOutOfOrder(input.salaryMin, input.salaryMax)) {
    throw new AppError('validation_failed', 422, 'errors.validation', { salaryMax: 'jobs.form.salaryOrder' });
  }
  return {
    sourceId: null,
    title: input.title,
    agencyName: null,
    classification: input.classification || null,
    series: input.series || null,
    grade: input.grade || null,
    salary: parseSalaryRange(input.salaryMin ?? null, input.salaryMax ?? null, input.salaryInterval),
    locations: input.locations,
    workplace: input.workplace,
    openedAt: opens.kind === 'date' ? opens.date : null,
    closesAt: closes.kind === 'date' && !input.continuous ? closes.date : null,
    continuous: input.continuous || closes.kind !== 'date',
    employmentType: input.employmentType,
    minimumQualifications: input.minimumQualifications || null,
    summary: input.summary || plainText(input.description, 500),
    description: input.description ? descriptionHtml(input.description) : null,
    noDegree: input.noDegree,
    entryLevel: input.entryLevel,
    applyUrl: input.applyUrl || null,
    tags: input.tags,
  };
}

const descriptionHtml = (markdown: string) => cleanHtml(renderMarkdown(markdown, { topHeading: 3, tidy: true }));

/**
 * The Spanish text a posting form gives (imports carry none), its title searchable like the English
 * one, and both descriptions as typed, so the next edit starts from them. A description left out of the
 * input (`undefined`: an API PATCH that does not mention it, or an imported one the form cannot show)
 * keeps what is stored; an empty one removes it.
 */
function formColumns(input: JobInput, keywords: string, current?: Job) {
  const titleEs = input.titleEs === undefined ? (current?.titleEs ?? null) : input.titleEs || null;
  return {
    titleEs,
    keywords: titleEs ? `${keywords} ${titleEs}`.slice(0, 2000) : keywords,
    ...(input.description === undefined && current
      ? { description: current.description, descriptionSource: current.descriptionSource }
      : { descriptionSource: input.description || null }),
    ...(input.descriptionEs === undefined && current
      ? {}
      : {
          descriptionEs: input.descriptionEs ? descriptionHtml(input.descriptionEs) : null,
          descriptionEsSource: input.descriptionEs || null,
        }),
  };
}

/** The columns an item sets; shared by imports and manual postings so both stay the same. */
export function columnsFrom(item: ImportItem, agency: Agency, tech: { tech: boolean; reason: string | null }) {
  return {
    agencyId: agency.id,
    title: item.title.slice(0, 300),
    classification: item.classification?.slice(0, 300) ?? null,
    series: item.series?.slice(0, 20) ?? null,
    grade: item.grade?.slice(0, 60) ?? null,
    salaryMin: item.salary.min,
    salaryMax: item.salary.max,
    salarySource: item.salary.source?.slice(0, 200) ?? null,
    salaryInterval: item.salary.interval,
    payMin: item.salary.postedMin ?? null,
    payMax: item.salary.postedMax ?? null,
    locations: item.locations.slice(0, 20).map((l) => l.slice(0, 200)),
    places: (item.places ?? item.locations.flatMap((l) => readLocation(l).place ?? [])).slice(0, 20),
    remoteAreas: (item.remoteAreas ?? []).slice(0, 10),
    workplace: item.workplace,
    ...(item.openedAt ? { openedAt: item.openedAt } : {}),
    closesAt: item.closesAt,
    continuous: item.continuous,
    employmentType: item.employmentType,
    minimumQualifications: item.minimumQualifications,
    summary: item.summary,
    description: item.description,
    preferredSkills: item.preferredSkills ?? null,
    howToApply: item.howToApply ?? null,
    categories: (item.categories ?? []).slice(0, 10),
    noDegree: item.noDegree,
    entryLevel: item.entryLevel,
    applyUrl: item.applyUrl,
    tags: item.tags,
    keywords: [agency.name, agency.nameEs ?? '', ...item.locations, ...item.tags, ...(item.categories ?? [])].join(' ').slice(0, 2000),
    dedupeKey: dedupeKey(agency.id, item.title, item.closesAt),
    tech: tech.tech,
    techReason: tech.reason,
  };
}

export async function getJob(db: Db, id: string): Promise<{ job: Job; agency: Agency }> {
  if (!isUuid(id)) throw notFound();
  const [row] = await prepared(db, 'jobs.byId', (db) =>
    db
      .select({ job: jobs, agency: agencies })
      .from(jobs)
      .innerJoin(agencies, eq(agencies.id, jobs.agencyId))
      .where(eq(jobs.id, sql.placeholder('id'))),
  ).execute({ id });
  if (!row) throw notFound();
  return row;
}

export function isPublic(job: Job, now = new Date()): boolean {
  return job.status === 'published' && (!job.closesAt || job.closesAt > now) && (job.techOverride ?? job.tech);
}

/** A partner's posting waits for an organizer; an organizer's is published at once. */
export async function createJob(db: Db, agency: Agency, input: JobInput, opts: { by: string; publish: boolean }): Promise<Job> {
  const item = itemFromInput(input);
  if (input.chapter && !(await findChapter(db, input.chapter))) {
    throw new AppError('validation_failed', 422, 'errors.validation', { chapter: 'jobs.form.unknownChapter' });
  }
  const tech = classify(item, await activeRules(db));
  const columns = columnsFrom(item, agency, tech);
  const [job] = await db
    .insert(jobs)
    .values({
      ...columns,
      ...formColumns(input, columns.keywords),
      chapterSlug: input.chapter || null,
      source: 'manual',
      status: opts.publish ? 'published' : 'pending',
      publishedAt: opts.publish ? new Date() : null,
      createdBy: opts.by,
    })
    .returning();
  return job;
}

/** Edits by a partner send a published job back to review; organizers' edits keep it live. */
/**
 * Rewrites a job from a whole input, or from a function of the stored row (an API PATCH merges its few
 * fields into the row as it is now). The row is locked meanwhile, so two edits at once each keep the
 * other's fields instead of writing back what they read before it.
 */
export async function updateJob(
  db: Db,
  id: string,
  agency: Agency,
  change: JobInput | ((current: Job) => JobInput),
  opts: { review: boolean },
): Promise<Job> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
    if (!current) throw notFound();
    const input = typeof change === 'function' ? change(current) : change;
    const item = itemFromInput(input);
    // A kept description still counts for the classifier.
    if (input.description === undefined) item.description = current.description;
    const tech = classify(item, await activeRules(tx));
    const columns = columnsFrom(item, agency, tech);
    const [job] = await tx
      .update(jobs)
      .set({
        ...columns,
        ...formColumns(input, columns.keywords, current),
        updatedAt: new Date(),
        ...(opts.review ? { status: sql`CASE WHEN ${jobs.status} = 'closed' THEN 'closed' ELSE 'pending' END` } : {}),
      })
      .where(eq(jobs.id, id))
      .returning();
    return job;
  });
}

/** Review: publish (first publication counts as "posted") or reject. Conditional, so it happens once. */
export async function setStatus(db: Db, id: string, status: Extract<JobStatus, 'published' | 'rejected' | 'closed'>): Promise<Job> {
  const [job] = await db
    .update(jobs)
    .set({
      status,
      updatedAt: new Date(),
      publishedAt: status === 'published' ? sql`coalesce(${jobs.publishedAt}, now())` : jobs.publishedAt,
      closedAt: status === 'closed' ? sql`now()` : jobs.closedAt,
      closedReason: status === 'closed' ? 'organizer' : status === 'published' ? null : jobs.closedReason,
    })
    .where(eq(jobs.id, id))
    .returning();
  if (!job) throw notFound();
  return job;
}

export async function setTechOverride(db: Db, id: string, value: boolean | null): Promise<void> {
  await db.update(jobs).set({ techOverride: value, updatedAt: new Date() }).where(eq(jobs.id, id));
}

export async function setPromoted(db: Db, id: string, value: boolean): Promise<void> {
  await db.update(jobs).set({ promoted: value, updatedAt: new Date() }).where(eq(jobs.id, id));
}

/** Runs the current rules over every job again (after an organizer edits them). Batches of 2,000. */
export async function reclassifyAll(db: Db): Promise<number> {
  const rules = await activeRules(db);
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db
      .select({
        id: jobs.id,
        title: jobs.title,
        classification: jobs.classification,
        series: jobs.series,
        categories: jobs.categories,
        tech: jobs.tech,
        techReason: jobs.techReason,
      })
      .from(jobs)
      .where(sql`${jobs.id} > ${after}`)
      .orderBy(jobs.id)
      .limit(2000);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const updates = batch.map((j) => ({ j, c: classify(j, rules) })).filter(({ j, c }) => c.tech !== j.tech || c.reason !== j.techReason);
    for (const { j, c } of updates) await db.update(jobs).set({ tech: c.tech, techReason: c.reason }).where(eq(jobs.id, j.id));
    changed += updates.length;
  }
  return changed;
}
