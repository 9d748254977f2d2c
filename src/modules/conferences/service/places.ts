import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { conferenceRooms, conferenceTracks, type Room, type Track } from '../schema';
import { isUuid } from '../../../platform/ids';
import type { RoomPatch, TrackPatch } from './input';
import { lockConference } from './sessions';

/**
 * Changing and deleting rooms and tracks. Every change here locks the conference row first, as adding
 * or moving a session does, so a session saved at the same moment sees the room or track either before
 * or after the change, never half of it (docs/decisions/0039-deleting-and-changing-the-programme.md).
 */

export async function getRoom(db: Db, eventId: string, id: string): Promise<Room> {
  const [r] = isUuid(id)
    ? await db
        .select()
        .from(conferenceRooms)
        .where(and(eq(conferenceRooms.eventId, eventId), eq(conferenceRooms.id, id)))
    : [];
  if (!r) throw notFound();
  return r;
}

export async function getTrack(db: Db, eventId: string, id: string): Promise<Track> {
  const [t] = isUuid(id)
    ? await db
        .select()
        .from(conferenceTracks)
        .where(and(eq(conferenceTracks.eventId, eventId), eq(conferenceTracks.id, id)))
    : [];
  if (!t) throw notFound();
  return t;
}

export async function updateTrack(db: Db, t: Track, patch: TrackPatch): Promise<Track> {
  const name = { en: patch.name ?? t.name.en, es: patch.nameEs === undefined ? t.name.es : patch.nameEs };
  return db.transaction(async (tx) => {
    await lockConference(tx, t.eventId);
    const [row] = await tx
      .update(conferenceTracks)
      .set({ name, color: patch.color === undefined ? t.color : patch.color })
      .where(eq(conferenceTracks.id, t.id))
      .returning();
    if (!row) throw notFound();
    return row;
  });
}

/**
 * A room's new name, capacity or access. Workshops in it keep at most as many seats as it holds: their
 * seats are lowered to fit, and a capacity below the seats people already hold is refused (nobody
 * loses a confirmed seat). The lowering is one conditional update, so a sign-up at the same moment
 * either counts against the new number or makes the change refused.
 */
export async function updateRoom(db: Db, r: Room, patch: RoomPatch): Promise<Room> {
  const capacity = patch.capacity ?? r.capacity;
  const accessibility = { ...r.accessibility };
  for (const [k, v] of Object.entries(patch.accessibility ?? {})) if (v !== undefined) accessibility[k as keyof typeof accessibility] = v;
  return db.transaction(async (tx) => {
    await lockConference(tx, r.eventId);
    if (capacity < r.capacity) {
      await tx.execute(
        sql`UPDATE conference_sessions SET capacity = ${capacity}, updated_at = now()
            WHERE room_id = ${r.id} AND capacity > ${capacity} AND seats_taken <= ${capacity}`,
      );
      const [over] = await rows<{ code: string; taken: number }>(
        tx,
        sql`SELECT code, seats_taken AS taken FROM conference_sessions
            WHERE room_id = ${r.id} AND capacity > ${capacity} ORDER BY seats_taken DESC LIMIT 1`,
      );
      if (over)
        throw new AppError(
          'validation_failed',
          422,
          'errors.validation',
          { capacity: 'conferences.error.roomBelowSeats' },
          { code: over.code, taken: over.taken },
          { capacity: { code: over.code, taken: over.taken } },
        );
    }
    const [row] = await tx
      .update(conferenceRooms)
      .set({ name: patch.name ?? r.name, capacity, accessibility })
      .where(eq(conferenceRooms.id, r.id))
      .returning();
    if (!row) throw notFound();
    return row;
  });
}

/** How many sessions (and, for a track, proposals) still use it: deleting it is refused until none do. */
async function uses(tx: Db, column: 'room_id' | 'track_id', id: string): Promise<{ sessions: number; proposals: number }> {
  const [u] = await rows<{ sessions: number; proposals: number }>(
    tx,
    column === 'room_id'
      ? sql`SELECT (SELECT count(*)::int FROM conference_sessions WHERE room_id = ${id}) AS sessions, 0 AS proposals`
      : sql`SELECT (SELECT count(*)::int FROM conference_sessions WHERE track_id = ${id}) AS sessions,
                   (SELECT count(*)::int FROM conference_proposals WHERE track_id = ${id}) AS proposals`,
  );
  return u;
}

/**
 * As pretalx does, a room or track still in use is not deleted (409 `room_in_use`/`track_in_use`, saying
 * how many sessions use it): sessions never silently lose their room or track. Move or delete them first.
 */
export async function deleteRoom(db: Db, r: Room): Promise<void> {
  await db.transaction(async (tx) => {
    await lockConference(tx, r.eventId);
    const u = await uses(tx, 'room_id', r.id);
    if (u.sessions) throw new AppError('room_in_use', 409, 'conferences.error.roomInUse', {}, { sessions: u.sessions });
    await tx.delete(conferenceRooms).where(eq(conferenceRooms.id, r.id));
  });
}

export async function deleteTrack(db: Db, t: Track): Promise<void> {
  await db.transaction(async (tx) => {
    await lockConference(tx, t.eventId);
    const u = await uses(tx, 'track_id', t.id);
    if (u.sessions || u.proposals)
      throw new AppError('track_in_use', 409, 'conferences.error.trackInUse', {}, { sessions: u.sessions, proposals: u.proposals });
    await tx.delete(conferenceTracks).where(eq(conferenceTracks.id, t.id));
  });
}
