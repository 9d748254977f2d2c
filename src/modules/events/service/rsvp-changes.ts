import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { rsvps, type EventRow, type RsvpRow, type RsvpStatus } from '../schema';
import { lockEvent, nextWaitlistSeq, takeSeat } from './rsvp';
import type { SeatReleased } from './hooks';
import { isUuid } from '../../../platform/ids';

/** Fills free seats from the front of the waitlist, one conditional seat at a time; emails each person. */
export async function promoteWaitlist(tx: Db, eventId: string): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const [next] = await rows<{ id: string }>(
      tx,
      sql`SELECT id FROM rsvps WHERE event_id = ${eventId} AND status = 'waitlist' ORDER BY waitlist_seq LIMIT 1`,
    );
    if (!next) break;
    if (!(await takeSeat(tx, eventId))) break;
    const [moved] = await tx
      .update(rsvps)
      .set({ status: 'going', waitlistSeq: null, updatedAt: new Date() })
      .where(and(eq(rsvps.id, next.id), eq(rsvps.status, 'waitlist')))
      .returning({ id: rsvps.id });
    if (!moved) {
      await tx.execute(sql`UPDATE events SET going_count = going_count - 1 WHERE id = ${eventId}`);
      continue;
    }
    promoted.push(moved.id);
    await enqueue(
      tx,
      'events.mail',
      { rsvpId: moved.id, template: 'promoted' },
      { dedupeKey: `events.mail:${moved.id}:promoted:${Date.now()}` },
    );
  }
  return promoted;
}

/** Leaves a status: frees the seat when it held one. Returns the previous status, or null if unchanged. */
async function release(tx: Db, rsvpId: string, to: 'cancelled' | 'declined'): Promise<{ previous: RsvpStatus; eventId: string } | null> {
  const [r] = await rows<{ previous: RsvpStatus; event_id: string }>(
    tx,
    sql`UPDATE rsvps r SET status = ${to}, waitlist_seq = NULL, updated_at = now()
        FROM (SELECT id, status FROM rsvps WHERE id = ${rsvpId} FOR UPDATE) old
        WHERE r.id = old.id AND r.status IN ('going', 'waitlist', 'pending')
        RETURNING old.status AS previous, r.event_id`,
  );
  if (!r) return null;
  if (r.previous === 'going') await tx.execute(sql`UPDATE events SET going_count = going_count - 1 WHERE id = ${r.event_id}`);
  return { previous: r.previous, eventId: r.event_id };
}

/**
 * The admitting module takes its admission back (a confirmed applicant declines, or is declined),
 * inside its transaction: the RSVP leaves, its seat goes to the event's waitlist. No email: the
 * admitting module writes its own. Returns whether a seat was freed.
 */
export async function withdrawAdmission(tx: Db, eventId: string, personId: string, to: 'cancelled' | 'declined'): Promise<boolean> {
  const [r] = await tx
    .select({ id: rsvps.id })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.personId, personId)));
  if (!r) return false;
  const released = await release(tx, r.id, to);
  if (released?.previous === 'going') await promoteWaitlist(tx, eventId);
  return released?.previous === 'going';
}

/** The attendee cancels (signed link): the seat goes to the first person waiting, in the same transaction. */
export async function cancelRsvp(db: Db, rsvpId: string, onReleased?: SeatReleased): Promise<RsvpRow> {
  const [target] = await db.select({ eventId: rsvps.eventId }).from(rsvps).where(eq(rsvps.id, rsvpId));
  if (!target) throw notFound();
  return db.transaction(async (tx) => {
    await lockEvent(tx, target.eventId);
    const released = await release(tx, rsvpId, 'cancelled');
    if (released?.previous === 'going') await promoteWaitlist(tx, released.eventId);
    // The confirmation carries METHOD:CANCEL, so the event leaves the calendar the invite put it in.
    if (released)
      await enqueue(tx, 'events.mail', { rsvpId, template: 'cancelled' }, { dedupeKey: `events.mail:${rsvpId}:cancelled:${Date.now()}` });
    const [row] = await tx.select().from(rsvps).where(eq(rsvps.id, rsvpId));
    if (!row) throw notFound();
    if (released?.previous === 'going' && onReleased) await onReleased(tx, row.eventId, row.personId);
    return row;
  });
}

/**
 * Organizer decisions: approve or move someone to going (only into a free seat), to the end of the
 * waitlist, or decline. Never oversells: "going" fails with a clear message when the event is full.
 */
export async function setRsvpStatus(
  db: Db,
  e: EventRow,
  rsvpId: string,
  target: 'going' | 'waitlist' | 'declined',
  onReleased?: SeatReleased,
): Promise<RsvpRow> {
  // An id from the address that is not a uuid names no RSVP; the database would refuse it as an error.
  if (!isUuid(rsvpId)) throw notFound();
  return db.transaction(async (tx) => {
    await lockEvent(tx, e.id);
    // Locked on PostgreSQL so a simultaneous cancel cannot free the same seat twice (PGlite runs one at a time).
    const [current] = await tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.id, rsvpId), eq(rsvps.eventId, e.id)))
      .for('update');
    if (!current) throw notFound();
    if (current.status === target) return current;
    if (target === 'declined') {
      const released = await release(tx, rsvpId, 'declined');
      if (released?.previous === 'going') await promoteWaitlist(tx, e.id);
      if (released?.previous === 'going' && onReleased) await onReleased(tx, e.id, current.personId);
      await enqueue(tx, 'events.mail', { rsvpId, template: 'declined' }, { dedupeKey: `events.mail:${rsvpId}:declined:${Date.now()}` });
    } else if (target === 'going') {
      if (!(await takeSeat(tx, e.id))) throw new AppError('event_full', 409, 'events.error.full');
      if (current.status === 'walkin') throw new AppError('conflict', 409, 'errors.conflict');
      await tx.update(rsvps).set({ status: 'going', waitlistSeq: null, updatedAt: new Date() }).where(eq(rsvps.id, rsvpId));
      await enqueue(
        tx,
        'events.mail',
        { rsvpId, template: current.status === 'waitlist' ? 'promoted' : 'going' },
        { dedupeKey: `events.mail:${rsvpId}:going:${Date.now()}` },
      );
    } else {
      if (current.status === 'going') await tx.execute(sql`UPDATE events SET going_count = going_count - 1 WHERE id = ${e.id}`);
      const seq = await nextWaitlistSeq(tx, e.id);
      await tx.update(rsvps).set({ status: 'waitlist', waitlistSeq: seq, updatedAt: new Date() }).where(eq(rsvps.id, rsvpId));
      if (current.status === 'going') await promoteWaitlist(tx, e.id);
      await enqueue(tx, 'events.mail', { rsvpId, template: 'waitlist' }, { dedupeKey: `events.mail:${rsvpId}:waitlist:${Date.now()}` });
    }
    const [row] = await tx.select().from(rsvps).where(eq(rsvps.id, rsvpId));
    return row;
  });
}

export async function getRsvp(db: Db, id: string): Promise<RsvpRow> {
  if (!isUuid(id)) throw notFound();
  const [r] = await db.select().from(rsvps).where(eq(rsvps.id, id));
  if (!r) throw notFound();
  return r;
}

export async function findRsvpFor(db: Db, eventId: string, personId: string): Promise<RsvpRow | undefined> {
  const [r] = await db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.personId, personId)));
  return r;
}
