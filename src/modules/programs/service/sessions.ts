import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import {
  programAttendance,
  programSessions,
  programTeamMembers,
  programTeams,
  type LocalText,
  type Program,
  type Session,
} from '../schema';
import { meetingTimes } from './bookings';
import type { SessionChange, SessionInput } from './input';

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 422, 'errors.validation', fields);

/** Every tag named must be one of the program's. */
export function checkTags(p: Program, tags: string[]) {
  const known = new Set(p.tags.map((t) => t.key));
  const i = tags.findIndex((t) => !known.has(t));
  if (i >= 0) throw invalid({ [`tags.${i}`]: 'programs.error.unknownTag' });
}

/** A session; every team member gets the invite (queued in the same transaction). */
export async function createSession(db: Db, p: Program, input: SessionInput): Promise<Session> {
  checkTags(p, input.tags);
  const when = meetingTimes(p, input.startsAt, input.endsAt);
  return db.transaction(async (tx) => {
    const [s] = await tx
      .insert(programSessions)
      .values({ programId: p.id, kind: input.kind, title: input.title, ...when, link: input.link, tags: input.tags })
      .returning();
    await enqueue(tx, 'programs.session', { sessionId: s.id, sequence: s.sequence });
    return s;
  });
}

export async function listSessions(db: Db, programId: string): Promise<Session[]> {
  return db
    .select()
    .from(programSessions)
    .where(eq(programSessions.programId, programId))
    .orderBy(asc(programSessions.startsAt), asc(programSessions.id));
}

export async function getSession(db: Db, programId: string, id: string): Promise<Session> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [s] = await db
    .select()
    .from(programSessions)
    .where(and(eq(programSessions.id, id), eq(programSessions.programId, programId)));
  if (!s) throw notFound();
  return s;
}

/**
 * Changes (title, kind, times, link, tags) or cancels a session. Either raises SEQUENCE, and the invite goes out again (METHOD:CANCEL when
 * cancelled, with the same UID) so calendars replace the one they hold. A cancelled session stays cancelled.
 */
export async function changeSession(db: Db, p: Program, s: Session, change: SessionChange): Promise<Session> {
  if (s.cancelledAt) throw new AppError('session_cancelled', 409, 'programs.error.sessionCancelled');
  if (change.tags) checkTags(p, change.tags);
  const when =
    change.startsAt || change.endsAt
      ? meetingTimes(p, change.startsAt ?? s.startsAt.toISOString(), change.endsAt ?? s.endsAt.toISOString())
      : {};
  const fields = {
    ...(change.kind ? { kind: change.kind } : {}),
    ...(change.title ? { title: change.title as LocalText } : {}),
    ...(change.link !== undefined ? { link: change.link } : {}),
    ...(change.tags ? { tags: change.tags } : {}),
  };
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(programSessions)
      .set({
        ...fields,
        ...when,
        ...(change.cancelled ? { cancelledAt: new Date() } : {}),
        sequence: sql`${programSessions.sequence} + 1`,
      })
      .where(and(eq(programSessions.id, s.id), isNull(programSessions.cancelledAt)))
      .returning();
    if (!changed) throw new AppError('session_cancelled', 409, 'programs.error.sessionCancelled');
    await enqueue(tx, 'programs.session', { sessionId: changed.id, sequence: changed.sequence });
    return changed;
  });
}

/** Marks members present or absent; members of other programs' teams are refused by name. */
export async function markAttendance(db: Db, p: Program, s: Session, marks: { id: string; attended: boolean }[]): Promise<number> {
  const ids = marks.map((m) => m.id);
  const known = await db
    .select({ id: programTeamMembers.id })
    .from(programTeamMembers)
    .innerJoin(programTeams, eq(programTeams.id, programTeamMembers.teamId))
    .where(and(eq(programTeams.programId, p.id), inArray(programTeamMembers.id, ids)));
  const ok = new Set(known.map((k) => k.id));
  const bad = marks.findIndex((m) => !ok.has(m.id));
  if (bad >= 0) throw invalid({ [`members.${bad}.id`]: 'programs.error.unknownMember' });
  await db.transaction(async (tx) => {
    const present = marks.filter((m) => m.attended).map((m) => ({ sessionId: s.id, memberId: m.id }));
    const absent = marks.filter((m) => !m.attended).map((m) => m.id);
    if (present.length) await tx.insert(programAttendance).values(present).onConflictDoNothing();
    if (absent.length)
      await tx.delete(programAttendance).where(and(eq(programAttendance.sessionId, s.id), inArray(programAttendance.memberId, absent)));
  });
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(programAttendance)
    .where(eq(programAttendance.sessionId, s.id));
  return n;
}

/**
 * A team's attendance: of the sessions held so far (not cancelled), how many at least one member came
 * to; and per tag, how many of those attended sessions carry it.
 */
export async function teamAttendance(db: Db, p: Program, teamId: string, now = new Date()) {
  const held = (await listSessions(db, p.id)).filter((s) => !s.cancelledAt && s.startsAt <= now);
  const attended = held.length
    ? await db
        .selectDistinct({ sessionId: programAttendance.sessionId })
        .from(programAttendance)
        .innerJoin(programTeamMembers, eq(programTeamMembers.id, programAttendance.memberId))
        .where(
          and(
            eq(programTeamMembers.teamId, teamId),
            inArray(
              programAttendance.sessionId,
              held.map((s) => s.id),
            ),
          ),
        )
    : [];
  const went = new Set(attended.map((a) => a.sessionId));
  const byTag = Object.fromEntries(p.tags.map((t) => [t.key, held.filter((s) => went.has(s.id) && s.tags.includes(t.key)).length]));
  return { attended: went.size, total: held.length, byTag };
}

/** The team members marked present at a session. */
export async function sessionAttendees(db: Db, sessionId: string): Promise<Set<string>> {
  const list = await db
    .select({ id: programAttendance.memberId })
    .from(programAttendance)
    .where(eq(programAttendance.sessionId, sessionId));
  return new Set(list.map((r) => r.id));
}
