import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { createEvent, eventInput, getEvent, getEventById, updateEvent, type EventRow } from '../../events';
import {
  conferenceRooms,
  conferences,
  conferenceSessions,
  conferenceTracks,
  type Conference,
  type Room,
  type Session,
  type Track,
} from '../schema';
import { readTime, type ConferenceInput, type ConferencePatch, type RoomInput, type TrackInput } from './input';

export interface ConferenceView {
  event: EventRow;
  conference: Conference;
}

const invalid = (field: string, key: string) => new AppError('validation_failed', 422, 'errors.validation', { [field]: key });

/** PostgreSQL's unique_violation naming `constraint`, wherever the driver puts it. */
export function violates(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; constraint?: unknown; message?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === '23505' && `${String(e.constraint ?? '')} ${String(e.message ?? '')}`.includes(constraint)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The conference behind an event slug (404 when the event is not a conference). */
export async function getConference(db: Db, slug: string): Promise<ConferenceView> {
  const event = await getEvent(db, slug);
  const [conference] = await db.select().from(conferences).where(eq(conferences.eventId, event.id));
  if (!conference) throw notFound();
  return { event, conference };
}

export async function findByAcronym(db: Db, acronym: string): Promise<ConferenceView | null> {
  const [conference] = await db.select().from(conferences).where(eq(conferences.acronym, acronym));
  if (!conference) return null;
  return { event: await getEventById(db, conference.eventId), conference };
}

function eventFieldsOf(input: Partial<ConferenceInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.title !== undefined || input.titleEs !== undefined) out.title = { en: input.title ?? null, es: input.titleEs ?? null };
  for (const k of ['startsAt', 'endsAt', 'timeZone', 'capacity', 'status', 'chapter'] as const)
    if (input[k] !== undefined) out[k] = input[k];
  return out;
}

/**
 * A new conference: the event through the events service (its rules on dates, zone and capacity),
 * then the conference row, in one transaction so a taken acronym leaves no event behind.
 */
export async function createConference(db: Db, input: ConferenceInput, actorId: string | null): Promise<ConferenceView> {
  const extra = callFieldsOf(input, input.timeZone, { cfpOpensAt: null, cfpClosesAt: null });
  return createWithEvent(
    db,
    { ...eventFieldsOf(input), capacity: input.capacity ?? null },
    { kind: input.kind, acronym: input.acronym, ...extra },
    actorId,
  );
}

type CallFields = Partial<Pick<Conference, 'requiresApplication' | 'cfpOpensAt' | 'cfpClosesAt' | 'votesPerMember' | 'applicationTargets'>>;

/** The call for proposals, voting and application settings, times read in the conference's zone. */
function callFieldsOf(
  input: Partial<ConferenceInput>,
  timeZone: string,
  before: Pick<Conference, 'cfpOpensAt' | 'cfpClosesAt'>,
): CallFields {
  const out: CallFields = {};
  if (input.requiresApplication !== undefined) out.requiresApplication = input.requiresApplication;
  if (input.votesPerMember !== undefined) out.votesPerMember = input.votesPerMember;
  if (input.applicationTargets !== undefined) out.applicationTargets = input.applicationTargets;
  for (const k of ['cfpOpensAt', 'cfpClosesAt'] as const) {
    const v = input[k];
    if (v === undefined) continue;
    if (v === null || v.trim() === '') out[k] = null;
    else {
      const d = readTime(v, timeZone);
      if (!d) throw invalid(k, 'conferences.error.when');
      out[k] = d;
    }
  }
  const opens = out.cfpOpensAt === undefined ? before.cfpOpensAt : out.cfpOpensAt;
  const closes = out.cfpClosesAt === undefined ? before.cfpClosesAt : out.cfpClosesAt;
  if (opens && closes && closes <= opens) throw invalid('cfpClosesAt', 'conferences.error.cfpOrder');
  return out;
}

/** The event (as the events service's input) and the conference row, then `fill` (a copied programme), all or nothing. */
export async function createWithEvent(
  db: Db,
  eventFields: Record<string, unknown>,
  row: Pick<Conference, 'kind' | 'acronym'> & CallFields,
  actorId: string | null,
  fill: (tx: Db, v: ConferenceView) => Promise<void> = async () => {},
): Promise<ConferenceView> {
  const parsed = eventInput.safeParse(eventFields);
  if (!parsed.success) throw parsed.error;
  try {
    return await db.transaction(async (tx) => {
      const event = await createEvent(tx, parsed.data, actorId);
      const [conference] = await tx
        .insert(conferences)
        .values({
          eventId: event.id,
          kind: row.kind,
          acronym: row.acronym,
          createdBy: actorId,
          requiresApplication: row.requiresApplication,
          cfpOpensAt: row.cfpOpensAt,
          cfpClosesAt: row.cfpClosesAt,
          votesPerMember: row.votesPerMember,
          applicationTargets: row.applicationTargets,
        })
        .returning();
      await fill(tx, { event, conference });
      return { event, conference };
    });
  } catch (err) {
    if (violates(err, 'conferences_acronym')) throw invalid('acronym', 'conferences.error.acronymTaken');
    throw err;
  }
}

/** Changes a conference: event fields through `updateEvent` (SEQUENCE, updated invites), the rest here. */
export async function updateConference(db: Db, slug: string, patch: ConferencePatch): Promise<ConferenceView> {
  const { event, conference: before } = await getConference(db, slug);
  const changes = eventFieldsOf(patch);
  const call = callFieldsOf(patch, patch.timeZone ?? event.timeZone, before);
  if (changes.title) {
    const t = changes.title as { en: string | null; es: string | null };
    changes.title = { en: patch.title ?? event.title.en, es: patch.titleEs === undefined ? event.title.es : t.es };
  }
  try {
    return await db.transaction(async (tx) => {
      const updated = Object.keys(changes).length ? await updateEvent(tx, slug, changes) : event;
      const set: Partial<Conference> = { ...call };
      if (patch.acronym) set.acronym = patch.acronym;
      if (patch.kind) set.kind = patch.kind;
      const [conference] = Object.keys(set).length
        ? await tx.update(conferences).set(set).where(eq(conferences.eventId, event.id)).returning()
        : await tx.select().from(conferences).where(eq(conferences.eventId, event.id));
      if (changes.startsAt || changes.endsAt) await assertSessionsInside(tx, updated);
      return { event: updated, conference };
    });
  } catch (err) {
    if (violates(err, 'conferences_acronym')) throw invalid('acronym', 'conferences.error.acronymTaken');
    throw err;
  }
}

/** Shortening a conference may not leave sessions outside its days. */
async function assertSessionsInside(db: Db, e: EventRow): Promise<void> {
  const [out] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM conference_sessions WHERE event_id = ${e.id} AND (starts_at < ${e.startsAt.toISOString()} OR ends_at > ${e.endsAt.toISOString()})`,
  );
  if (out.n > 0) throw invalid('endsAt', 'conferences.error.sessionsOutside');
}

export async function listConferences(db: Db, opts: { limit: number; offset: number }): Promise<{ list: ConferenceView[]; total: number }> {
  const list = await db.select().from(conferences).orderBy(asc(conferences.createdAt)).limit(opts.limit).offset(opts.offset);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(conferences);
  const out: ConferenceView[] = [];
  for (const c of list) out.push({ conference: c, event: await getEventById(db, c.eventId) });
  return { list: out, total: n };
}

export async function addTrack(db: Db, eventId: string, input: TrackInput): Promise<Track> {
  const [t] = await db
    .insert(conferenceTracks)
    .values({ eventId, name: { en: input.name, es: input.nameEs }, color: input.color ?? null })
    .returning();
  return t;
}

export async function addRoom(db: Db, eventId: string, input: RoomInput): Promise<Room> {
  const [r] = await db
    .insert(conferenceRooms)
    .values({ eventId, name: input.name, capacity: input.capacity, accessibility: input.accessibility })
    .returning();
  return r;
}

export async function listTracks(db: Db, eventId: string): Promise<Track[]> {
  return db.select().from(conferenceTracks).where(eq(conferenceTracks.eventId, eventId)).orderBy(asc(conferenceTracks.createdAt));
}

export async function listRooms(db: Db, eventId: string): Promise<Room[]> {
  return db.select().from(conferenceRooms).where(eq(conferenceRooms.eventId, eventId)).orderBy(asc(conferenceRooms.createdAt));
}

export async function listSessions(db: Db, eventId: string): Promise<Session[]> {
  return db
    .select()
    .from(conferenceSessions)
    .where(eq(conferenceSessions.eventId, eventId))
    .orderBy(asc(conferenceSessions.startsAt), asc(conferenceSessions.num));
}

export async function getSession(db: Db, eventId: string, code: string): Promise<Session> {
  const [s] = await db
    .select()
    .from(conferenceSessions)
    .where(and(eq(conferenceSessions.eventId, eventId), eq(conferenceSessions.code, code.toUpperCase())));
  if (!s) throw notFound();
  return s;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Six characters, readable aloud (no 0/O or 1/I). */
export function sessionCode(): string {
  return [...crypto.randomBytes(6)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
