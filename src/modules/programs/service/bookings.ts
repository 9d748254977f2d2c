import { and, asc, count, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { isUuid } from '../../../platform/ids';
import { enqueue } from '../../../platform/queue/queue';
import {
  SLOT_KINDS,
  programBookings,
  programSlots,
  programTeamMembers,
  programTeamQuotas,
  programTeams,
  type Booking,
  type Program,
  type Slot,
  type SlotKind,
  type Team,
  type TeamMember,
} from '../schema';
import type { SlotInput } from './input';
import { readInstant } from './input';
import { inviteFor } from './invites';

/** Start and end as the organizer typed them, read in the program's zone; the end after the start. */
export function meetingTimes(p: Program, startsAt: string, endsAt: string) {
  const start = readInstant(startsAt, p.timeZone, 'start');
  const end = readInstant(endsAt, p.timeZone, 'start');
  const fields: Record<string, string> = {};
  if (!start) fields.startsAt = 'validation.date';
  if (!end) fields.endsAt = 'validation.date';
  else if (start && end <= start) fields.endsAt = 'programs.error.endBeforeStart';
  if (Object.keys(fields).length) throw new AppError('validation_failed', 422, 'errors.validation', fields);
  return { startsAt: start!, endsAt: end! };
}

/** A bookable slot; times without an offset are read in the program's zone. One after the program ends is fine. */
export async function createSlot(db: Db, p: Program, input: SlotInput): Promise<Slot> {
  const [s] = await db
    .insert(programSlots)
    .values({
      programId: p.id,
      kind: input.kind,
      ...meetingTimes(p, input.startsAt, input.endsAt),
      capacity: input.capacity,
      hostName: input.host?.name ?? null,
      hostEmail: input.host?.email ?? null,
      hostLanguage: input.host?.language ?? 'en',
      link: input.link ?? null,
    })
    .returning();
  return s;
}

export async function listSlots(db: Db, programId: string, kind?: SlotKind): Promise<Slot[]> {
  return db
    .select()
    .from(programSlots)
    .where(and(eq(programSlots.programId, programId), kind ? eq(programSlots.kind, kind) : undefined))
    .orderBy(asc(programSlots.startsAt), asc(programSlots.id));
}

export async function getSlot(db: Db, programId: string, id: string): Promise<Slot> {
  if (!isUuid(id)) throw notFound();
  const [s] = await db
    .select()
    .from(programSlots)
    .where(and(eq(programSlots.id, id), eq(programSlots.programId, programId)));
  if (!s) throw notFound();
  return s;
}

export async function getTeam(db: Db, programId: string, id: string): Promise<Team> {
  if (!isUuid(id)) throw notFound();
  const [t] = await db
    .select()
    .from(programTeams)
    .where(and(eq(programTeams.id, id), eq(programTeams.programId, programId)));
  if (!t) throw notFound();
  return t;
}

/** The team a signed-in person belongs to in a program, if any. */
export async function teamOfPerson(db: Db, programId: string, personId: string): Promise<Team | null> {
  const [r] = await db
    .select({ t: programTeams })
    .from(programTeamMembers)
    .innerJoin(programTeams, eq(programTeams.id, programTeamMembers.teamId))
    .where(and(eq(programTeams.programId, programId), eq(programTeamMembers.personId, personId)));
  return r?.t ?? null;
}

export async function teamMembers(db: Db, teamIds: string[]): Promise<TeamMember[]> {
  if (!teamIds.length) return [];
  return db.select().from(programTeamMembers).where(inArray(programTeamMembers.teamId, teamIds)).orderBy(programTeamMembers.name);
}

export async function listTeams(db: Db, programId: string, opts: { limit: number; offset: number }) {
  const list = await db
    .select()
    .from(programTeams)
    .where(eq(programTeams.programId, programId))
    .orderBy(asc(programTeams.createdAt), asc(programTeams.id))
    .limit(opts.limit)
    .offset(opts.offset);
  const [{ n }] = await db.select({ n: count() }).from(programTeams).where(eq(programTeams.programId, programId));
  const members = await teamMembers(
    db,
    list.map((t) => t.id),
  );
  return { list: list.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id) })), total: n };
}

/** Stores the booking's invite as sent now (in the team's language) and queues the mail to everyone. */
async function reissue(tx: Db, baseUrl: string, p: Program, b: Booking, s: Slot, t: Team, what: 'booked' | 'moved' | 'cancelled') {
  const ics = inviteFor(baseUrl, p, s, b, { locale: t.language, attendees: await teamMembers(tx, [t.id]) });
  const [saved] = await tx.update(programBookings).set({ ics }).where(eq(programBookings.id, b.id)).returning();
  await enqueue(tx, 'programs.booking', { bookingId: b.id, what, sequence: b.sequence });
  return saved;
}

/** The same, reading the booking, its slot and its team first. */
async function reissueById(tx: Db, baseUrl: string, p: Program, bookingId: string, what: 'booked' | 'moved' | 'cancelled') {
  const [b] = await tx.select().from(programBookings).where(eq(programBookings.id, bookingId));
  const [s] = await tx.select().from(programSlots).where(eq(programSlots.id, b.slotId));
  const [t] = await tx.select().from(programTeams).where(eq(programTeams.id, b.teamId));
  return reissue(tx, baseUrl, p, b, s, t, what);
}

/**
 * Books a seat for a team. Each rule is one statement that either holds or changes nothing (decision
 * 5): the partial unique index keeps one live booking per team and slot (a double click gets the first
 * back), the team's allowance for the kind moves only while below its quota, and the slot's count only
 * while below capacity. Any refusal rolls the whole booking back.
 */
export async function book(
  db: Db,
  baseUrl: string,
  p: Program,
  slotId: string,
  teamId: string,
  by: string | null,
  now = new Date(),
): Promise<{ booking: Booking; created: boolean }> {
  const slot = await getSlot(db, p.id, slotId);
  const team = await getTeam(db, p.id, teamId);
  if (slot.cancelledAt) throw new AppError('slot_cancelled', 409, 'programs.error.slotCancelled');
  if (slot.startsAt <= now) throw new AppError('slot_past', 409, 'programs.error.slotPast');
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(programBookings)
      .values({ slotId: slot.id, teamId, bookedBy: by })
      .onConflictDoNothing({ target: [programBookings.slotId, programBookings.teamId], where: sql`status = 'booked'` })
      .returning();
    if (!inserted) {
      const [existing] = await tx
        .select()
        .from(programBookings)
        .where(and(eq(programBookings.slotId, slot.id), eq(programBookings.teamId, teamId), eq(programBookings.status, 'booked')));
      if (existing) return { booking: existing, created: false };
      throw new AppError('conflict', 409, 'errors.conflict');
    }
    const quota = await rows<{ used: number }>(
      tx,
      sql`UPDATE program_team_quotas SET used = used + 1
          WHERE team_id = ${teamId} AND kind = ${slot.kind} AND used < quota RETURNING used`,
    );
    if (!quota.length) throw new AppError('quota_exceeded', 409, 'programs.error.quotaExceeded');
    const seat = await rows<{ booked: number }>(
      tx,
      sql`UPDATE program_slots SET booked = booked + 1
          WHERE id = ${slot.id} AND booked < capacity AND cancelled_at IS NULL RETURNING booked`,
    );
    if (!seat.length) throw new AppError('slot_full', 409, 'programs.error.slotFull');
    return { booking: await reissue(tx, baseUrl, p, inserted, slot, team, 'booked'), created: true };
  });
}

export async function getBooking(db: Db, programId: string, id: string): Promise<Booking & { slot: Slot }> {
  if (!isUuid(id)) throw notFound();
  const [r] = await db
    .select({ b: programBookings, s: programSlots })
    .from(programBookings)
    .innerJoin(programSlots, eq(programSlots.id, programBookings.slotId))
    .where(and(eq(programBookings.id, id), eq(programSlots.programId, programId)));
  if (!r) throw notFound();
  return { ...r.b, slot: r.s };
}

/**
 * Cancels a booking and frees its seat and the team's allowance; cancelling again changes nothing.
 * Locks in the order booking makes them (allowance, then slot), so the two never wait on each other.
 */
export async function cancelBooking(db: Db, baseUrl: string, p: Program, id: string): Promise<Booking> {
  const b = await getBooking(db, p.id, id);
  return db.transaction(async (tx) => {
    const [gone] = await rows<{ id: string }>(
      tx,
      sql`UPDATE program_bookings SET status = 'cancelled', cancelled_at = now(), sequence = sequence + 1
          WHERE id = ${b.id} AND status = 'booked' RETURNING id`,
    );
    if (!gone) {
      const [now] = await tx.select().from(programBookings).where(eq(programBookings.id, b.id));
      return now;
    }
    await tx.execute(sql`UPDATE program_team_quotas SET used = used - 1 WHERE team_id = ${b.teamId} AND kind = ${b.slot.kind}`);
    await tx.execute(sql`UPDATE program_slots SET booked = booked - 1 WHERE id = ${b.slotId}`);
    return reissueById(tx, baseUrl, p, b.id, 'cancelled');
  });
}

/** Moves a slot; every live booking's invite is sent again with a higher SEQUENCE. */
export async function moveSlot(
  db: Db,
  baseUrl: string,
  p: Program,
  slot: Slot,
  times: { startsAt: string; endsAt: string },
): Promise<Slot> {
  const when = meetingTimes(p, times.startsAt, times.endsAt);
  return db.transaction(async (tx) => {
    const [moved] = await tx.update(programSlots).set(when).where(eq(programSlots.id, slot.id)).returning();
    const live = await tx
      .update(programBookings)
      .set({ sequence: sql`${programBookings.sequence} + 1` })
      .where(and(eq(programBookings.slotId, slot.id), eq(programBookings.status, 'booked')))
      .returning({ id: programBookings.id });
    for (const b of live) await reissueById(tx, baseUrl, p, b.id, 'moved');
    return moved;
  });
}

/** A team's live bookings with their slots, soonest first. */
export async function teamBookings(db: Db, teamId: string) {
  const list = await db
    .select({ b: programBookings, s: programSlots })
    .from(programBookings)
    .innerJoin(programSlots, eq(programSlots.id, programBookings.slotId))
    .where(and(eq(programBookings.teamId, teamId), eq(programBookings.status, 'booked')))
    .orderBy(asc(programSlots.startsAt));
  return list.map((r) => ({ ...r.b, slot: r.s }));
}

/** Used and allowed bookings per kind, as the allowance rows hold them. */
export async function quotaUse(db: Db, teamId: string): Promise<Record<SlotKind, { booked: number; quota: number }>> {
  const list = await db.select().from(programTeamQuotas).where(eq(programTeamQuotas.teamId, teamId));
  return Object.fromEntries(
    SLOT_KINDS.map((k) => {
      const q = list.find((x) => x.kind === k);
      return [k, { booked: q?.used ?? 0, quota: q?.quota ?? 0 }];
    }),
  ) as Record<SlotKind, { booked: number; quota: number }>;
}

/**
 * Cancels a slot and every live booking of it: each team's allowance comes back and each booking's
 * invite goes out as METHOD:CANCEL with its UID. Cancelling again changes nothing.
 */
export async function cancelSlot(db: Db, baseUrl: string, p: Program, slot: Slot): Promise<Slot> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .update(programSlots)
      .set({ cancelledAt: new Date() })
      .where(and(eq(programSlots.id, slot.id), isNull(programSlots.cancelledAt)))
      .returning();
    if (!gone) return (await tx.select().from(programSlots).where(eq(programSlots.id, slot.id)))[0];
    const live = await tx
      .update(programBookings)
      .set({ status: 'cancelled', cancelledAt: new Date(), sequence: sql`${programBookings.sequence} + 1` })
      .where(and(eq(programBookings.slotId, slot.id), eq(programBookings.status, 'booked')))
      .returning({ id: programBookings.id, teamId: programBookings.teamId });
    for (const b of live) {
      await tx.execute(sql`UPDATE program_team_quotas SET used = used - 1 WHERE team_id = ${b.teamId} AND kind = ${slot.kind}`);
      await reissueById(tx, baseUrl, p, b.id, 'cancelled');
    }
    const [after] = await tx.update(programSlots).set({ booked: 0 }).where(eq(programSlots.id, slot.id)).returning();
    return after;
  });
}

/** A new number of seats, never below those already taken (one conditional UPDATE, decision 5). */
export async function setCapacity(db: Db, slot: Slot, capacity: number): Promise<Slot> {
  if (slot.cancelledAt) throw new AppError('slot_cancelled', 409, 'programs.error.slotCancelled');
  const [s] = await db
    .update(programSlots)
    .set({ capacity })
    .where(and(eq(programSlots.id, slot.id), lte(programSlots.booked, capacity)))
    .returning();
  if (!s) throw new AppError('validation_failed', 422, 'errors.validation', { capacity: 'programs.error.capacityBelowBooked' });
  return s;
}
