import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { boundFilters, prepared, type Bound } from '../../../db/prepared';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { eventInput, seriesInput, type EventInput, type SeriesInput } from './input';
import { events, eventSeries, type Cover, type EventRow, type SeriesRow, type EventFormat, type Speaker } from '../schema';
import { slugify, utcToZoned } from '../lib/text';
import { promoteWaitlist } from './rsvp-changes';
import { findChapter } from '../../people';
import { attachImages, resolveImages } from './images';

/** PostgreSQL's unique_violation, wherever the driver puts the code. */
function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++)
    if (e.code === '23505') return true;
  return false;
}

const invalidField = (field: string, key: string) => new AppError('validation_failed', 422, 'errors.validation', { [field]: key });

async function uniqueSlug(db: Db, table: typeof events | typeof eventSeries, base: string): Promise<string> {
  const taken = await rows<{ slug: string }>(db, sql`SELECT slug FROM ${table} WHERE slug = ${base} OR slug LIKE ${base + '-%'}`);
  const set = new Set(taken.map((r) => r.slug));
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

async function seriesIdFor(db: Db, slug: string | null | undefined): Promise<string | null> {
  if (!slug) return null;
  const [s] = await db.select({ id: eventSeries.id }).from(eventSeries).where(eq(eventSeries.slug, slug));
  if (!s) throw invalidField('series', 'events.error.unknownSeries');
  return s.id;
}

function columns(input: EventInput, seriesId: string | null, images: { cover: Cover | null; speakers: Speaker[] }) {
  return {
    seriesId,
    cover: images.cover,
    chapter: input.chapter ?? null,
    title: input.title,
    summary: input.summary,
    description: input.description,
    speakers: images.speakers,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timeZone: input.timeZone,
    format: input.format,
    venue: input.venue,
    accessibility: input.accessibility,
    capacity: input.capacity,
    requiresApproval: input.requiresApproval,
    requireEmailConfirmation: input.requireEmailConfirmation,
    rsvpOpensAt: input.rsvpOpensAt,
    rsvpClosesAt: input.rsvpClosesAt,
    questions: input.questions,
    livestreamUrl: input.livestreamUrl,
    livestreamViews: input.livestreamViews,
    recordingUrl: input.recordingUrl,
    links: input.links,
    status: input.status,
    reminderHours: input.reminderHours,
  };
}

/**
 * Creates an event. One that starts in the past is a record of history (decision 18): it is published
 * at once as a past event, takes no RSVPs and never emails anyone; its attendance comes from an import.
 */
/** An event or series names a chapter that exists (people's `chapters`), or none. */
async function assertKnownChapter(db: Db, chapter: string | null | undefined): Promise<void> {
  if (chapter && !(await findChapter(db, chapter))) throw invalidField('chapter', 'events.error.unknownChapter');
}

export async function createEvent(db: Db, input: EventInput, actorId: string | null): Promise<EventRow> {
  await assertKnownChapter(db, input.chapter);
  const pastRecord = input.startsAt.getTime() < Date.now();
  const seriesId = await seriesIdFor(db, input.series);
  const slug =
    input.slug ??
    (await uniqueSlug(
      db,
      events,
      `${slugify(input.title.en ?? input.title.es ?? '')}-${utcToZoned(input.startsAt, input.timeZone).slice(0, 10)}`,
    ));
  const images = await resolveImages(db, null, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({
        ...columns(input, seriesId, images),
        ...(pastRecord ? { status: 'published' as const, pastRecord } : {}),
        slug,
        createdBy: actorId,
      })
      .onConflictDoNothing({ target: events.slug })
      .returning();
    if (!row) throw invalidField('slug', 'events.error.slugTaken');
    await attachImages(tx, row.id, images);
    return row;
  });
}

/** The event as input again (for PATCH merges and the edit form). */
function eventToInput(e: EventRow, seriesSlug: string | null): Record<string, unknown> {
  return {
    slug: e.slug,
    series: seriesSlug,
    chapter: e.chapter,
    title: e.title,
    summary: e.summary,
    description: e.description,
    speakers: e.speakers,
    cover: e.cover ? { image: e.cover.key, alt: e.cover.alt } : null,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    format: e.format,
    venue: e.venue,
    accessibility: e.accessibility,
    capacity: e.capacity,
    requiresApproval: e.requiresApproval,
    requireEmailConfirmation: e.requireEmailConfirmation,
    rsvpOpensAt: e.rsvpOpensAt?.toISOString() ?? null,
    rsvpClosesAt: e.rsvpClosesAt?.toISOString() ?? null,
    questions: e.questions,
    livestreamUrl: e.livestreamUrl,
    livestreamViews: e.livestreamViews,
    recordingUrl: e.recordingUrl,
    links: e.links,
    status: e.status,
    reminderHours: e.reminderHours,
  };
}

const NOTIFY_FIELDS = ['startsAt', 'endsAt', 'timeZone', 'format', 'venue', 'status', 'title', 'livestreamUrl'] as const;

/**
 * Saves an edited event in one transaction: capacity can grow (the waitlist moves up at once) but
 * never drop below the seats already taken; attendees get an updated invite when what they put in
 * their calendar changed (SEQUENCE goes up on every change).
 */
export async function updateEvent(db: Db, slug: string, changes: Record<string, unknown>): Promise<EventRow> {
  const before = await getEvent(db, slug);
  const seriesSlug = before.seriesId
    ? ((await db.select({ slug: eventSeries.slug }).from(eventSeries).where(eq(eventSeries.id, before.seriesId)))[0]?.slug ?? null)
    : null;
  const merged = { ...eventToInput(before, seriesSlug), ...changes };
  const parsed = eventInput.safeParse(merged);
  if (!parsed.success) throw parsed.error;
  const input = parsed.data;
  // A live event cannot move into the past, and a record of the past cannot move into the future.
  if (!before.pastRecord && input.startsAt.getTime() !== before.startsAt.getTime() && input.startsAt.getTime() < Date.now()) {
    throw invalidField('startsAt', 'events.error.pastStart');
  }
  if (before.pastRecord && input.startsAt.getTime() >= Date.now()) throw invalidField('startsAt', 'events.error.recordInFuture');
  if ((input.chapter ?? null) !== before.chapter) await assertKnownChapter(db, input.chapter);
  const seriesId = await seriesIdFor(db, input.series);
  const newSlug = input.slug ?? before.slug;
  if (newSlug !== before.slug && (await db.select({ id: events.id }).from(events).where(eq(events.slug, newSlug))).length) {
    throw invalidField('slug', 'events.error.slugTaken');
  }
  const images = await resolveImages(db, before.id, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(events)
      .set({
        ...columns(input, seriesId, images),
        // A count an organizer types replaces the one fetched from YouTube until the next fetch.
        ...((input.livestreamViews ?? null) !== before.livestreamViews ? { livestreamViewsFetchedAt: null } : {}),
        slug: newSlug,
        sequence: sql`${events.sequence} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(events.id, before.id), input.capacity === null ? sql`true` : sql`${events.goingCount} <= ${input.capacity}`))
      .returning()
      .catch((err: unknown) => {
        // Two renames to the same address at once: the check above passed for both.
        if (isUniqueViolation(err)) throw invalidField('slug', 'events.error.slugTaken');
        throw err;
      });
    if (!row) throw invalidField('capacity', 'events.error.capacityBelowGoing');
    await attachImages(tx, row.id, images);
    if ((await promoteWaitlist(tx, row.id)).length) Object.assign(row, (await tx.select().from(events).where(eq(events.id, row.id)))[0]);
    const b = eventToInput(before, seriesSlug);
    const a = eventToInput(row, seriesSlug);
    const changed = NOTIFY_FIELDS.some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
    if (changed && !row.pastRecord) {
      const kind = row.status === 'cancelled' ? 'cancelled' : 'updated';
      await enqueue(
        tx,
        'events.notifyChange',
        { eventId: row.id, kind, sequence: row.sequence },
        { dedupeKey: `events.change:${row.id}:${row.sequence}` },
      );
    }
    return row;
  });
}

export async function getEvent(db: Db, slug: string): Promise<EventRow> {
  const [e] = await prepared(db, 'events.bySlug', (db) =>
    db
      .select()
      .from(events)
      .where(eq(events.slug, sql.placeholder('slug'))),
  ).execute({ slug });
  if (!e) throw notFound();
  return e;
}

export async function getEventById(db: Db, id: string): Promise<EventRow> {
  const [e] = await prepared(db, 'events.byId', (db) =>
    db
      .select()
      .from(events)
      .where(eq(events.id, sql.placeholder('id'))),
  ).execute({
    id,
  });
  if (!e) throw notFound();
  return e;
}

export interface ListFilter {
  when: 'upcoming' | 'past' | 'all';
  seriesId?: string | null;
  format?: EventFormat | null;
  limit: number;
  offset: number;
  includeDrafts?: boolean;
}

/** A list's conditions, with placeholders for its values: one prepared query per combination used. */
function listCondition(f: ListFilter, bound: Bound<Pick<ListFilter, 'seriesId' | 'format'>>): SQL | undefined {
  const where: SQL[] = [];
  if (!f.includeDrafts) where.push(inArray(events.status, ['published', 'cancelled', 'postponed']));
  if (f.when === 'upcoming') where.push(gte(events.endsAt, sql.placeholder('now')));
  if (f.when === 'past') where.push(lt(events.endsAt, sql.placeholder('now')));
  if (bound.seriesId) where.push(eq(events.seriesId, bound.seriesId));
  if (bound.format) where.push(eq(events.format, bound.format));
  return where.length ? and(...where) : undefined;
}

export async function listEvents(db: Db, f: ListFilter): Promise<{ events: EventRow[]; total: number }> {
  const { name, bound } = boundFilters(`${f.includeDrafts ? 'all' : 'public'}.${f.when}`, { seriesId: f.seriesId, format: f.format });
  const values = { now: new Date().toISOString(), seriesId: f.seriesId, format: f.format, limit: f.limit, offset: f.offset };
  const list = await prepared(db, `events.list.${name}`, (db) =>
    db
      .select()
      .from(events)
      .where(listCondition(f, bound))
      .orderBy(f.when === 'past' ? desc(events.startsAt) : asc(events.startsAt))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset')),
  ).execute(values);
  const [{ n }] = await prepared(db, `events.count.${name}`, (db) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(listCondition(f, bound)),
  ).execute(values);
  return { events: list, total: n };
}

export async function listSeries(db: Db): Promise<SeriesRow[]> {
  return prepared(db, 'events.series', (db) => db.select().from(eventSeries).orderBy(asc(eventSeries.slug))).execute();
}

export async function getSeries(db: Db, slug: string): Promise<SeriesRow> {
  const [s] = await db.select().from(eventSeries).where(eq(eventSeries.slug, slug));
  if (!s) throw notFound();
  return s;
}

export async function getSeriesById(db: Db, id: string | null): Promise<SeriesRow | null> {
  if (!id) return null;
  const [s] = await prepared(db, 'events.seriesById', (db) =>
    db
      .select()
      .from(eventSeries)
      .where(eq(eventSeries.id, sql.placeholder('id'))),
  ).execute({ id });
  return s ?? null;
}

export async function createSeries(db: Db, input: SeriesInput): Promise<SeriesRow> {
  const parsed = seriesInput.parse(input);
  await assertKnownChapter(db, parsed.chapter);
  const slug = parsed.slug ?? (await uniqueSlug(db, eventSeries, slugify(parsed.title.en ?? parsed.title.es ?? 'series')));
  const [row] = await db
    .insert(eventSeries)
    .values({ slug, chapter: parsed.chapter ?? null, title: parsed.title, description: parsed.description })
    .onConflictDoNothing({ target: eventSeries.slug })
    .returning();
  if (!row) throw invalidField('slug', 'events.error.slugTaken');
  return row;
}
