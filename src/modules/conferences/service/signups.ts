import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { findPersonByEmail } from '../../people';
import { findRsvpFor, type EventRow } from '../../events';
import { agendaStars, conferenceSessions, sessionFeedback, sessionSignups, type Session, type Signup } from '../schema';
import type { FeedbackInput } from './input';

const SIGNUP_LINK = 'confsignup';
const AGENDA_LINK = 'confagenda';

export interface SignupResult {
  signup: Signup;
  created: boolean;
  waitlistPosition: number | null;
}

export async function waitlistPosition(db: Db, s: Pick<Signup, 'sessionId' | 'status' | 'waitlistSeq'>): Promise<number | null> {
  if (s.status !== 'waitlist' || s.waitlistSeq == null) return null;
  const [p] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM session_signups WHERE session_id = ${s.sessionId} AND status = 'waitlist' AND waitlist_seq <= ${s.waitlistSeq}`,
  );
  return p.n;
}

/**
 * Puts a pending sign-up in a seat if one is free, else at the end of the line. The seat and the
 * status change are one statement: the conditional update on the session is what decides, so sixty
 * people at once for twenty seats get exactly twenty seats (docs/decisions/0005-rsvp-capacity.md).
 */
async function place(tx: Db, signupId: string, sessionId: string): Promise<Signup> {
  const [seated] = await rows<{ id: string }>(
    tx,
    sql`WITH seat AS (UPDATE conference_sessions SET seats_taken = seats_taken + 1
                      WHERE id = ${sessionId} AND seats_taken < capacity RETURNING id)
        UPDATE session_signups SET status = 'confirmed', waitlist_seq = NULL, updated_at = now()
        WHERE id = ${signupId} AND EXISTS (SELECT 1 FROM seat) RETURNING id`,
  );
  if (!seated)
    await tx.execute(
      sql`WITH w AS (UPDATE conference_sessions SET waitlist_seq = waitlist_seq + 1 WHERE id = ${sessionId} RETURNING waitlist_seq)
          UPDATE session_signups SET status = 'waitlist', waitlist_seq = (SELECT waitlist_seq FROM w), updated_at = now()
          WHERE id = ${signupId}`,
    );
  const [row] = await tx.select().from(sessionSignups).where(eq(sessionSignups.id, signupId));
  return row;
}

const mail = (tx: Db, s: Signup, template: string, tag: string | number = s.status) =>
  enqueue(tx, 'conferences.mail', { signupId: s.id, template }, { dedupeKey: `conferences.mail:${s.id}:${template}:${tag}` });

/**
 * A registered attendee (an RSVP that holds a seat at the conference) signs up for a workshop. The
 * same person again gets their sign-up back unchanged, as an RSVP does.
 */
export async function signUp(
  db: Db,
  e: EventRow,
  s: Session,
  input: { name: string; email: string },
  now = new Date(),
): Promise<SignupResult> {
  if (s.capacity == null) throw new AppError('no_signups', 409, 'conferences.error.noSignups');
  if (now >= s.startsAt) throw new AppError('signups_closed', 409, 'conferences.error.signupsClosed');
  const person = await findPersonByEmail(db, input.email);
  const rsvp = person ? await findRsvpFor(db, e.id, person.id) : undefined;
  if (!person || !rsvp || !['going', 'walkin'].includes(rsvp.status))
    throw new AppError('not_registered', 409, 'conferences.error.notRegistered', { email: 'conferences.error.notRegistered' });
  const language = rsvp.language === 'es' ? 'es' : 'en';
  const result = await db.transaction(async (tx) => {
    // Seat changes take the session row first, as cancelling and deleting do: a session deleted
    // meanwhile is simply gone (404), and one deleted just after sees this sign-up and emails it.
    const [live] = await rows<{ id: string }>(tx, sql`SELECT id FROM conference_sessions WHERE id = ${s.id} FOR UPDATE`);
    if (!live) throw notFound();
    const [inserted] = await tx
      .insert(sessionSignups)
      .values({ sessionId: s.id, personId: person.id, name: input.name, email: rsvp.email ?? input.email, language, status: 'pending' })
      .onConflictDoNothing({ target: [sessionSignups.sessionId, sessionSignups.personId] })
      .returning();
    if (inserted) {
      const row = await place(tx, inserted.id, s.id);
      await mail(tx, row, row.status);
      return { signup: row, created: true };
    }
    const [existing] = await tx
      .select()
      .from(sessionSignups)
      .where(and(eq(sessionSignups.sessionId, s.id), eq(sessionSignups.personId, person.id)));
    if (existing.status !== 'cancelled') return { signup: existing, created: false };
    // Back after cancelling: a new place, at the end of the line if the seats went meanwhile.
    const row = await place(tx, existing.id, s.id);
    await mail(tx, row, row.status, Date.now());
    return { signup: row, created: true };
  });
  return { ...result, waitlistPosition: await waitlistPosition(db, result.signup) };
}

/**
 * Cancels a sign-up; a freed seat goes to the first in line in the same transaction (who is emailed).
 * Cancelling twice changes nothing.
 */
export async function cancelSignup(db: Db, signupId: string): Promise<Signup> {
  const [target] = await db.select().from(sessionSignups).where(eq(sessionSignups.id, signupId));
  if (!target) throw notFound();
  return db.transaction(async (tx) => {
    // Every seat change locks the session first, so a cancel and a sign-up never cross.
    await tx.execute(sql`SELECT id FROM conference_sessions WHERE id = ${target.sessionId} FOR UPDATE`);
    const [before] = await tx.select().from(sessionSignups).where(eq(sessionSignups.id, signupId));
    if (before.status === 'cancelled') return before;
    const [row] = await tx
      .update(sessionSignups)
      .set({ status: 'cancelled', waitlistSeq: null, updatedAt: new Date() })
      .where(eq(sessionSignups.id, signupId))
      .returning();
    if (before.status === 'confirmed') {
      await tx.execute(sql`UPDATE conference_sessions SET seats_taken = seats_taken - 1 WHERE id = ${target.sessionId}`);
      await promote(tx, target.sessionId);
    }
    await mail(tx, row, 'cancelled');
    return row;
  });
}

/** Fills free seats from the front of the line (the session row is locked by the caller). */
export async function promote(tx: Db, sessionId: string): Promise<void> {
  for (;;) {
    const [first] = await tx
      .select({ id: sessionSignups.id })
      .from(sessionSignups)
      .where(and(eq(sessionSignups.sessionId, sessionId), eq(sessionSignups.status, 'waitlist')))
      .orderBy(asc(sessionSignups.waitlistSeq))
      .limit(1);
    if (!first) return;
    const [seated] = await rows<{ id: string }>(
      tx,
      sql`WITH seat AS (UPDATE conference_sessions SET seats_taken = seats_taken + 1
                        WHERE id = ${sessionId} AND seats_taken < capacity RETURNING id)
          UPDATE session_signups SET status = 'confirmed', waitlist_seq = NULL, updated_at = now()
          WHERE id = ${first.id} AND EXISTS (SELECT 1 FROM seat) RETURNING id`,
    );
    if (!seated) return;
    await mail(tx, (await tx.select().from(sessionSignups).where(eq(sessionSignups.id, seated.id)))[0], 'promoted');
  }
}

export async function listSignups(db: Db, sessionId: string, page: { limit: number; offset: number }) {
  const list = await db
    .select()
    .from(sessionSignups)
    .where(and(eq(sessionSignups.sessionId, sessionId), sql`${sessionSignups.status} <> 'pending'`))
    .orderBy(asc(sessionSignups.createdAt), asc(sessionSignups.id))
    .limit(page.limit)
    .offset(page.offset);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionSignups)
    .where(and(eq(sessionSignups.sessionId, sessionId), sql`${sessionSignups.status} <> 'pending'`));
  const out = [];
  for (const s of list) out.push({ ...s, waitlistPosition: await waitlistPosition(db, s) });
  return { signups: out, total: n };
}

export async function getSignup(db: Db, id: string): Promise<Signup> {
  const [s] = await db.select().from(sessionSignups).where(eq(sessionSignups.id, id));
  if (!s) throw notFound();
  return s;
}

export const signupToken = (secret: Uint8Array, signupId: string) => signLink(secret, SIGNUP_LINK, { s: signupId });
export async function signupFromToken(secret: Uint8Array, token: string): Promise<string | null> {
  const c = await verifyLink<{ s: string }>(secret, SIGNUP_LINK, token);
  return c && typeof c.s === 'string' ? c.s : null;
}

/** The private agenda feed: a signed link bound to one person and one conference (decision 0003's links). */
export const agendaToken = (secret: Uint8Array, personId: string, eventId: string) =>
  signLink(secret, AGENDA_LINK, { who: personId, e: eventId });
export async function agendaFromToken(secret: Uint8Array, token: string): Promise<{ personId: string; eventId: string } | null> {
  const c = await verifyLink<{ who: string; e: string }>(secret, AGENDA_LINK, token);
  return c && typeof c.who === 'string' && typeof c.e === 'string' ? { personId: c.who, eventId: c.e } : null;
}

export async function star(db: Db, personId: string, sessionId: string): Promise<void> {
  await db.insert(agendaStars).values({ personId, sessionId }).onConflictDoNothing();
}

export async function unstar(db: Db, personId: string, sessionId: string): Promise<void> {
  await db.delete(agendaStars).where(and(eq(agendaStars.personId, personId), eq(agendaStars.sessionId, sessionId)));
}

/** The sessions a person starred at a conference, by time. */
export async function agendaOf(db: Db, eventId: string, personId: string): Promise<Session[]> {
  const list = await db
    .select({ s: conferenceSessions })
    .from(agendaStars)
    .innerJoin(conferenceSessions, eq(conferenceSessions.id, agendaStars.sessionId))
    .where(and(eq(agendaStars.personId, personId), eq(conferenceSessions.eventId, eventId)))
    .orderBy(asc(conferenceSessions.startsAt));
  return list.map((r) => r.s);
}

/** Codes of starred sessions that overlap another starred one. */
export function conflicts(list: Pick<Session, 'code' | 'startsAt' | 'endsAt'>[]): Set<string> {
  const out = new Set<string>();
  for (const a of list) for (const b of list) if (a !== b && a.startsAt < b.endsAt && b.startsAt < a.endsAt) out.add(a.code);
  return out;
}

/** A keyed hash of who and what: the same person cannot rate a session twice, and nobody can tell who did. */
const voterKey = (secret: Uint8Array, sessionId: string, personId: string) =>
  crypto.createHmac('sha256', secret).update(`feedback:${sessionId}:${personId}`).digest('base64url');

export async function giveFeedback(
  db: Db,
  secret: Uint8Array,
  s: Session,
  personId: string,
  input: FeedbackInput,
  now = new Date(),
): Promise<void> {
  if (now < s.startsAt) throw new AppError('feedback_not_open', 409, 'conferences.error.feedbackNotOpen');
  const [row] = await db
    .insert(sessionFeedback)
    .values({ sessionId: s.id, voter: voterKey(secret, s.id, personId), rating: input.rating, comment: input.comment })
    .onConflictDoNothing()
    .returning({ id: sessionFeedback.id });
  if (!row) throw new AppError('feedback_given', 409, 'conferences.error.feedbackGiven');
}

/** What a speaker sees: the count, the mean and the comments, never who wrote them. */
export async function feedbackFor(
  db: Db,
  sessionId: string,
): Promise<{ count: number; mean: number | null; comments: string[]; ratings: number[] }> {
  const list = await db
    .select({ rating: sessionFeedback.rating, comment: sessionFeedback.comment })
    .from(sessionFeedback)
    .where(eq(sessionFeedback.sessionId, sessionId))
    // Shuffled by a hash, not by arrival, so the order gives away nothing about who wrote what.
    .orderBy(asc(sessionFeedback.voter));
  const ratings = list.map((r) => r.rating);
  return {
    count: list.length,
    mean: list.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / list.length) * 10) / 10 : null,
    comments: list.map((r) => r.comment).filter((c): c is string => !!c),
    ratings: [1, 2, 3, 4, 5].map((n) => ratings.filter((r) => r === n).length),
  };
}

/** People holding a seat or a place in line (what deleting the session would release). */
export async function heldSignups(db: Db, sessionId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionSignups)
    .where(and(eq(sessionSignups.sessionId, sessionId), sql`${sessionSignups.status} IN ('confirmed', 'waitlist')`));
  return n;
}
