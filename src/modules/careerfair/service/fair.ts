import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { prepared } from '../../../db/prepared';
import { AppError, notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import { localePath, type Locale } from '../../../platform/i18n';
import { tr } from '../messages';
import { type EventRow, getEvent } from '../../events';
import { type Agency, searchJobs, type JobListRow } from '../../jobs';
import { careerFairs, fairBooths, type Booth, type BoothStaff } from '../schema';
import { isUuid } from '../../../platform/ids';

/** The event behind a slug, when it is a career fair. */
export async function getFair(db: Db, slug: string): Promise<EventRow> {
  const e = await getEvent(db, slug);
  if (!(await isFair(db, e.id))) throw notFound();
  return e;
}

export async function isFair(db: Db, eventId: string): Promise<boolean> {
  const [f] = await prepared(db, 'careerfair.isFair', (db) =>
    db
      .select({ id: careerFairs.eventId })
      .from(careerFairs)
      .where(eq(careerFairs.eventId, sql.placeholder('eventId'))),
  ).execute({ eventId });
  return !!f;
}

/** For the event's own page: a fair's registration and its booth list, in the reader's language. */
export async function eventFairLinks(
  db: Db,
  q: { eventId: string; slug: string; locale: Locale },
): Promise<{ label: string; url: string }[]> {
  if (!(await isFair(db, q.eventId))) return [];
  const t = tr(q.locale);
  const base = localePath(q.locale, `/events/${q.slug}/fair`);
  return [
    { label: t('careerfair.fair.register'), url: `${base}/register` },
    { label: t('careerfair.fair.seeBooths'), url: base },
  ];
}

/** Makes an event a career fair; doing it twice changes nothing. */
export async function makeFair(db: Db, e: EventRow, actorId: string | null): Promise<void> {
  await db.insert(careerFairs).values({ eventId: e.id, createdBy: actorId }).onConflictDoNothing();
}

/** Upcoming (and recent) career fairs, soonest first. */
export async function listFairs(db: Db): Promise<{ slug: string; title: EventRow['title']; startsAt: Date; timeZone: string }[]> {
  const list = await rows<{ slug: string; title: EventRow['title']; starts_at: string; time_zone: string }>(
    db,
    sql`SELECT e.slug, e.title, e.starts_at, e.time_zone FROM career_fairs f JOIN event_listing e ON e.id = f.event_id
        WHERE e.status = 'published' AND e.ends_at > now() - interval '30 days' ORDER BY e.starts_at LIMIT 50`,
  );
  return list.map((r) => ({ slug: r.slug, title: r.title, startsAt: new Date(r.starts_at), timeZone: r.time_zone }));
}

/** An agency's open jobs on the board (public ones only), newest first. */
export async function openJobsOf(db: Db, agency: Pick<Agency, 'slug'>): Promise<JobListRow[]> {
  const { jobs } = await searchJobs(db, { agency: agency.slug }, { sort: 'newest', limit: 100, offset: 0, count: false });
  return jobs.filter((j) => j.agencySlug === agency.slug);
}

export interface BoothView extends Booth {
  agencyName: string;
  agencyNameEs: string | null;
  agencySlug: string;
  jobs: JobListRow[];
}

/** Booths of a fair with their agency and the jobs they hire for that are still open. */
export async function listBooths(db: Db, eventId: string): Promise<BoothView[]> {
  const list = await rows<Booth & { agencyName: string; agencyNameEs: string | null; agencySlug: string }>(
    db,
    sql`SELECT b.id, b.event_id AS "eventId", b.agency_id AS "agencyId", b.table_number AS "tableNumber", b.staff,
               b.job_ids AS "jobIds", b.languages, b.present_at AS "presentAt", b.created_at AS "createdAt", b.updated_at AS "updatedAt",
               a.name AS "agencyName", a.name_es AS "agencyNameEs", a.slug AS "agencySlug"
        FROM fair_booths b JOIN agency_names a ON a.id = b.agency_id
        WHERE b.event_id = ${eventId}
        ORDER BY b.table_number IS NULL, length(b.table_number), b.table_number, a.name`,
  );
  const out: BoothView[] = [];
  for (const b of list) {
    const open = b.jobIds.length ? await openJobsOf(db, { slug: b.agencySlug }) : [];
    out.push({
      ...b,
      jobIds: b.jobIds ?? [],
      presentAt: b.presentAt ? new Date(b.presentAt) : null,
      jobs: open.filter((j) => b.jobIds.includes(j.id)),
    });
  }
  return out;
}

export async function getBooth(db: Db, eventId: string, id: string): Promise<Booth> {
  if (!isUuid(id)) throw notFound();
  const [b] = await db
    .select()
    .from(fairBooths)
    .where(and(eq(fairBooths.id, id), eq(fairBooths.eventId, eventId)));
  if (!b) throw notFound();
  return b;
}

export async function boothFor(db: Db, eventId: string, agencyId: string): Promise<Booth | undefined> {
  const [b] = await db
    .select()
    .from(fairBooths)
    .where(and(eq(fairBooths.eventId, eventId), eq(fairBooths.agencyId, agencyId)));
  return b;
}

// The API document describes a transform by what it accepts, so limits checked after trimming are also stated as metadata.
const LANGUAGE_MAX = 40;
const TABLE_NUMBER_MAX = 12;

const staffMember = z.object({
  name: personName,
  email: z
    .union([emailAddress, z.literal('').transform(() => null), z.null()])
    .optional()
    .default(null),
});
export const boothInput = z.object({
  staff: z.array(staffMember).max(20).default([]),
  jobIds: z.array(z.uuid()).max(50).default([]),
  languages: z
    .array(
      z
        .string()
        .transform((s) => s.normalize('NFC').trim())
        .pipe(z.string().max(LANGUAGE_MAX))
        .meta({ maxLength: LANGUAGE_MAX }),
    )
    .max(20)
    .default([])
    .transform((l) => [...new Set(l.filter(Boolean))]),
  tableNumber: z
    .string()
    .optional()
    .nullable()
    .transform((s) => (s == null ? undefined : s.trim() || null))
    .pipe(
      z
        .string()
        .max(TABLE_NUMBER_MAX)
        .regex(/^[A-Za-z0-9 -]+$/, { message: 'careerfair.error.tableFormat' })
        .nullable()
        .optional(),
    )
    .meta({ maxLength: TABLE_NUMBER_MAX }),
});
export type BoothInput = z.output<typeof boothInput>;

function tableTaken(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e?.code ?? e?.cause?.code;
  return (
    code === '23505' &&
    /fair_booths_table/.test(
      `${e.message ?? ''} ${JSON.stringify(e.cause ?? {})} ${String((e as { constraint?: string }).constraint ?? '')} ${String((e.cause as { constraint?: string })?.constraint ?? '')}`,
    )
  );
}

/**
 * Creates or updates an agency's booth. Jobs must be that agency's open jobs; the table number is
 * only changed when `canSetTable` (organizers). A table already used at this fair is refused.
 */
export async function saveBooth(
  db: Db,
  eventId: string,
  agency: Pick<Agency, 'id' | 'slug'>,
  input: BoothInput,
  opts: { canSetTable: boolean },
): Promise<Booth> {
  const open = new Set((await openJobsOf(db, agency)).map((j) => j.id));
  const bad = input.jobIds.findIndex((id) => !open.has(id));
  if (bad >= 0) throw new AppError('validation_failed', 422, 'errors.validation', { jobIds: 'careerfair.error.notOpenJob' });
  const staff: BoothStaff[] = input.staff.map((s) => ({ name: s.name, email: s.email ?? null }));
  const values = {
    staff,
    jobIds: input.jobIds,
    languages: input.languages,
    updatedAt: new Date(),
    ...(opts.canSetTable && input.tableNumber !== undefined ? { tableNumber: input.tableNumber } : {}),
  };
  try {
    const [b] = await db
      .insert(fairBooths)
      .values({ eventId, agencyId: agency.id, ...values })
      .onConflictDoUpdate({ target: [fairBooths.eventId, fairBooths.agencyId], set: values })
      .returning();
    return b;
  } catch (err) {
    if (tableTaken(err))
      throw new AppError('table_taken', 409, 'careerfair.error.tableTaken', { tableNumber: 'careerfair.error.tableTaken' });
    throw err;
  }
}

/** Organizers assign a table number; unique per fair (the partial unique index decides). */
export async function setTableNumber(db: Db, booth: Booth, tableNumber: string | null): Promise<Booth> {
  const parsed = boothInput.shape.tableNumber.safeParse(tableNumber ?? '');
  if (!parsed.success) throw new AppError('validation_failed', 422, 'errors.validation', { tableNumber: 'careerfair.error.tableFormat' });
  try {
    const [b] = await db
      .update(fairBooths)
      .set({ tableNumber: parsed.data ?? null, updatedAt: new Date() })
      .where(eq(fairBooths.id, booth.id))
      .returning();
    return b;
  } catch (err) {
    if (tableTaken(err))
      throw new AppError('table_taken', 409, 'careerfair.error.tableTaken', { tableNumber: 'careerfair.error.tableTaken' });
    throw err;
  }
}

/** Staff arrived: the agency counts as present (first time only). */
export async function markPresent(db: Db, boothId: string): Promise<void> {
  await db
    .update(fairBooths)
    .set({ presentAt: new Date() })
    .where(and(eq(fairBooths.id, boothId), sql`${fairBooths.presentAt} IS NULL`));
}
