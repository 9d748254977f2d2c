import { and, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { formatDateTime } from '../../../platform/i18n/format';
import { pickText, type EventRow } from '../../events';
import { conferenceRooms, conferenceSessions, conferenceTracks, sessionSignups, type Session, type Speaker } from '../schema';
import type { RemovedNews } from './mail';
import { readTime, type SessionInput } from './input';
import { sessionCode, violates } from './conference';
import { promote } from './signups';

const invalid = (field: string, key: string) => new AppError('validation_failed', 422, 'errors.validation', { [field]: key });

/** A speaker is the same person when the names match ignoring case, accents and spacing. */
export const speakerKey = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

interface SessionPlan {
  input: SessionInput;
  startsAt: Date;
  endsAt: Date;
}

/** The room and track must be this conference's, and a workshop's seats fit in its room. */
async function placeProblems(db: Db, e: EventRow, input: SessionInput): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const [room] = await db
    .select()
    .from(conferenceRooms)
    .where(and(eq(conferenceRooms.id, input.roomId), eq(conferenceRooms.eventId, e.id)));
  if (!room) fields.roomId = 'conferences.error.room';
  if (input.trackId) {
    const [track] = await db
      .select({ id: conferenceTracks.id })
      .from(conferenceTracks)
      .where(and(eq(conferenceTracks.id, input.trackId), eq(conferenceTracks.eventId, e.id)));
    if (!track) fields.trackId = 'conferences.error.track';
  }
  if (room && input.capacity != null && input.capacity > room.capacity) fields.capacity = 'conferences.error.seatsOverRoom';
  return fields;
}

/** The times and references a session must have before anything else is checked (422s). */
async function plan(db: Db, e: EventRow, input: SessionInput): Promise<SessionPlan> {
  const fields: Record<string, string> = {};
  const startsAt = readTime(input.startsAt, e.timeZone);
  const endsAt = readTime(input.endsAt, e.timeZone);
  if (!startsAt) fields.startsAt = 'validation.date';
  if (!endsAt) fields.endsAt = 'validation.date';
  if (startsAt && endsAt && endsAt <= startsAt) fields.endsAt = 'conferences.error.endBeforeStart';
  else if (startsAt && endsAt && (startsAt < e.startsAt || endsAt > e.endsAt)) fields.startsAt = 'conferences.error.outsideDays';
  Object.assign(fields, await placeProblems(db, e, input));
  const keys = input.speakers.map((s) => speakerKey(s.name));
  if (new Set(keys).size !== keys.length) fields.speakers = 'conferences.error.speakerTwice';
  if (Object.keys(fields).length) throw new AppError('validation_failed', 422, 'errors.validation', fields);
  return { input, startsAt: startsAt!, endsAt: endsAt! };
}

/**
 * Refuses a room or a speaker booked twice at once. Runs after the conference row is locked, so two
 * sessions saved at the same moment (or a session and a change to its room) are checked one after the
 * other and cannot both pass.
 */
async function assertFree(tx: Db, e: EventRow, p: SessionPlan, except: string | null): Promise<void> {
  // Checked again under the lock: the room or track may have been changed or deleted since `plan`.
  const moved = await placeProblems(tx, e, p.input);
  if (Object.keys(moved).length) throw new AppError('validation_failed', 422, 'errors.validation', moved);
  const overlap = sql`event_id = ${e.id} AND starts_at < ${p.endsAt.toISOString()} AND ends_at > ${p.startsAt.toISOString()}
    AND id <> ${except ?? '00000000-0000-0000-0000-000000000000'}`;
  const [roomClash] = await rows<{ code: string }>(
    tx,
    sql`SELECT code FROM conference_sessions WHERE ${overlap} AND room_id = ${p.input.roomId} LIMIT 1`,
  );
  if (roomClash)
    throw new AppError(
      'room_taken',
      409,
      'conferences.error.roomTaken',
      { roomId: 'conferences.error.roomTaken' },
      { code: roomClash.code },
      { roomId: { code: roomClash.code } },
    );
  if (!p.input.speakers.length) return;
  const wanted = new Set(p.input.speakers.map((s) => speakerKey(s.name)));
  const others = await rows<{ code: string; speakers: Speaker[] }>(
    tx,
    sql`SELECT code, speakers FROM conference_sessions WHERE ${overlap} AND jsonb_array_length(speakers) > 0`,
  );
  for (const o of others) {
    const who = o.speakers.find((s) => wanted.has(speakerKey(s.name)));
    if (who)
      throw new AppError(
        'speaker_taken',
        409,
        'conferences.error.speakerTaken',
        { speakers: 'conferences.error.speakerTaken' },
        { name: who.name, code: o.code },
        { speakers: { name: who.name, code: o.code } },
      );
  }
}

function columns(p: SessionPlan) {
  const i = p.input;
  return {
    title: { en: i.title, es: i.titleEs },
    abstract: { en: i.abstract, es: i.abstractEs },
    type: i.type,
    language: i.language,
    trackId: i.trackId ?? null,
    roomId: i.roomId,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    speakers: i.speakers.map((s) => ({ name: s.name, title: s.title, organization: s.organization, bio: { en: s.bio, es: s.bioEs } })),
    capacity: i.capacity ?? null,
  };
}

/** Every change to the programme's rooms, tracks and sessions takes this lock first, one at a time per conference. */
export const lockConference = (tx: Db, eventId: string) =>
  tx.execute(sql`SELECT event_id FROM conferences WHERE event_id = ${eventId} FOR UPDATE`);

export async function createSession(db: Db, e: EventRow, input: SessionInput, opts: { guid?: string } = {}): Promise<Session> {
  const p = await plan(db, e, input);
  return db.transaction(async (tx) => {
    await lockConference(tx, e.id);
    await assertFree(tx, e, p, null);
    for (let attempt = 0; ; attempt++) {
      try {
        const [s] = await tx
          .insert(conferenceSessions)
          .values({ ...columns(p), eventId: e.id, code: sessionCode(), ...(opts.guid ? { guid: opts.guid } : {}) })
          .returning();
        return s;
      } catch (err) {
        // A code already used at this conference (one in a billion): draw another.
        if (attempt < 3 && violates(err, 'conference_sessions_code')) continue;
        throw err;
      }
    }
  });
}

/** Saves an edited session; seats can never drop below those already taken. */
export async function updateSession(db: Db, e: EventRow, s: Session, input: SessionInput): Promise<Session> {
  const p = await plan(db, e, input);
  return db.transaction(async (tx) => {
    await lockConference(tx, e.id);
    await assertFree(tx, e, p, s.id);
    const [row] = await tx
      .update(conferenceSessions)
      .set({ ...columns(p), updatedAt: new Date() })
      .where(
        and(
          eq(conferenceSessions.id, s.id),
          p.input.capacity == null ? sql`true` : sql`${conferenceSessions.seatsTaken} <= ${p.input.capacity}`,
        ),
      )
      .returning();
    if (!row) throw invalid('capacity', 'conferences.error.seatsBelowTaken');
    // More seats than before: the first in line take them now (and are emailed), as a cancel would do.
    if (row.capacity != null && row.capacity > (s.capacity ?? 0)) await promote(tx, row.id);
    return row;
  });
}

/** A session as its input again (the edit form, PATCH merges). */
export function sessionToInput(s: Session, timeZone: string, wall: (d: Date, tz: string) => string): Record<string, unknown> {
  return {
    title: s.title.en ?? s.title.es ?? '',
    titleEs: s.title.es ?? '',
    abstract: s.abstract.en ?? '',
    abstractEs: s.abstract.es ?? '',
    type: s.type,
    trackId: s.trackId,
    roomId: s.roomId,
    startsAt: wall(s.startsAt, timeZone),
    endsAt: wall(s.endsAt, timeZone),
    language: s.language,
    speakers: s.speakers.map((sp) => ({
      name: sp.name,
      title: sp.title ?? '',
      organization: sp.organization ?? '',
      bio: sp.bio.en ?? '',
      bioEs: sp.bio.es ?? '',
    })),
    capacity: s.capacity,
  };
}

/**
 * Deletes a session. Its workshop sign-ups go with it: everyone who held a seat or a place in line is
 * emailed, in the language of their sign-up, that it will not take place. The emails are queued with
 * what they say (the sign-up rows are gone when they are sent). Stars and feedback go too; a topic it
 * answered no longer links to it.
 */
export async function deleteSession(db: Db, e: EventRow, s: Session): Promise<{ released: number }> {
  return db.transaction(async (tx) => {
    await lockConference(tx, e.id);
    // Sign-ups and cancels take the session row: after this none is half done.
    await tx.execute(sql`SELECT id FROM conference_sessions WHERE id = ${s.id} FOR UPDATE`);
    const held = await tx
      .select()
      .from(sessionSignups)
      .where(and(eq(sessionSignups.sessionId, s.id), inArray(sessionSignups.status, ['confirmed', 'waitlist'])));
    const [room] = s.roomId ? await tx.select().from(conferenceRooms).where(eq(conferenceRooms.id, s.roomId)) : [];
    for (const h of held) {
      const locale = h.language === 'es' ? 'es' : 'en';
      const news: RemovedNews = {
        to: h.email,
        locale,
        title: pickText(s.title, locale),
        when: formatDateTime(locale, s.startsAt, e.timeZone),
        room: room?.name ?? '',
      };
      await enqueue(tx, 'conferences.removed', { ...news }, { dedupeKey: `conferences.removed:${h.id}` });
    }
    const gone = await tx.delete(conferenceSessions).where(eq(conferenceSessions.id, s.id)).returning({ id: conferenceSessions.id });
    if (!gone.length) throw notFound();
    return { released: held.length };
  });
}
