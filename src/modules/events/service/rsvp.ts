import type { EventsKey } from '../messages';
import crypto from 'node:crypto';
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { builtOnce } from '../../../db/prepared';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { ensurePersonId } from '../../people';
import { events, rsvps, type EventRow, type Question, type RsvpRow } from '../schema';
import type { MailTemplate } from '../emails/rsvp';

export const rsvpInput = z.object({
  name: personName,
  email: emailAddress,
  language: z.enum(['en', 'es']).optional(),
  answers: z.record(z.string().max(40), z.string().max(2000)).optional().default({}),
  accessibilityNeeds: optionalText(2000),
});
export type RsvpInput = z.output<typeof rsvpInput>;

const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Eight characters a volunteer can read aloud and type (no 0/O or 1/I). */
export function ticketCode(): string {
  const bytes = crypto.randomBytes(8);
  return [...bytes].map((b) => TICKET_ALPHABET[b % TICKET_ALPHABET.length]).join('');
}

/** Why an RSVP cannot be taken now, or null when it can. */
export function rsvpClosedReason(e: EventRow, now = new Date()): EventsKey | null {
  if (e.pastRecord) return 'events.error.pastRecord';
  if (e.status === 'cancelled') return 'events.error.cancelled';
  if (e.status !== 'published') return 'events.error.notOpen';
  if (e.rsvpOpensAt && now < e.rsvpOpensAt) return 'events.error.notYetOpen';
  if ((e.rsvpClosesAt && now >= e.rsvpClosesAt) || now >= e.endsAt) return 'events.error.closed';
  return null;
}

/** A question of the one form builder: an event's, or another module's that adds `long_text` and `number`. */
export type FormQuestion = Omit<Question, 'kind'> & { kind: Question['kind'] | 'long_text' | 'number' };

/**
 * Checks answers against the questions (an event's, or any form of the same shape); returns them as
 * stored (choice: the option's text; long text up to 10,000 characters, number a whole number).
 */
export function checkAnswers(e: { questions: readonly FormQuestion[] }, answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const q of e.questions) {
    const raw = (answers[q.id] ?? '').normalize('NFC').trim();
    if (!raw) {
      if (q.required) fields[`answers.${q.id}`] = 'events.error.answerRequired';
      continue;
    }
    if (q.kind === 'yesno') {
      if (!['yes', 'no'].includes(raw)) fields[`answers.${q.id}`] = 'validation.choose';
      else out[q.id] = raw;
    } else if (q.kind === 'choice') {
      const opts = q.options ?? [];
      const byIndex = /^\d+$/.test(raw) ? opts[Number(raw)] : undefined;
      const match = byIndex ?? opts.find((o) => o.en === raw || o.es === raw);
      if (!match) fields[`answers.${q.id}`] = 'validation.choose';
      else out[q.id] = (match.en || match.es) ?? '';
    } else if (q.kind === 'number') {
      if (!/^-?\d{1,12}$/.test(raw)) fields[`answers.${q.id}`] = 'validation.number';
      else out[q.id] = raw;
    } else out[q.id] = raw.slice(0, q.kind === 'long_text' ? 10_000 : 2000);
  }
  if (Object.keys(fields).length) throw new AppError('validation_failed', 422, 'errors.validation', fields);
  return out;
}

export interface RsvpResult {
  rsvp: RsvpRow;
  created: boolean;
}

/** Takes a seat if one is free: one conditional statement, correct under any concurrency. */
export async function takeSeat(tx: Db, eventId: string, force = false): Promise<boolean> {
  const got = await rows<{ id: string }>(
    tx,
    force
      ? sql`UPDATE events SET going_count = going_count + 1,
               capacity = CASE WHEN capacity IS NOT NULL AND going_count + 1 > capacity THEN going_count + 1 ELSE capacity END
             WHERE id = ${eventId} RETURNING id`
      : sql`UPDATE events SET going_count = going_count + 1
             WHERE id = ${eventId} AND (capacity IS NULL OR going_count < capacity) RETURNING id`,
  );
  return got.length > 0;
}

export async function nextWaitlistSeq(tx: Db, eventId: string): Promise<number> {
  const [r] = await rows<{ seq: number }>(
    tx,
    sql`UPDATE events SET waitlist_seq = waitlist_seq + 1 WHERE id = ${eventId} RETURNING waitlist_seq AS seq`,
  );
  return r.seq;
}

/**
 * Puts a just-inserted (pending) RSVP where it belongs: pending (approval), going (a seat was free)
 * or the end of the waitlist. The seat, or else the next waitlist number, and the status change are
 * one statement on the hot path (a burst of RSVPs waits on the event row once each, not twice): the
 * waitlist step runs only when the seat step changed nothing, so the event row is changed once.
 * A waitlisted row's number in the line is not counted here: counting the line was a tenth of an
 * RSVP's work while the event row stayed locked, and only the API's answer shows it
 * (`waitlistPosition`, after the commit).
 */
async function place(tx: Db, e: EventRow, row: RsvpRow): Promise<RsvpRow> {
  if (e.requiresApproval) {
    if (row.status === 'pending') return row;
    const [r] = await tx
      .update(rsvps)
      .set({ status: 'pending', waitlistSeq: null, updatedAt: new Date() })
      .where(eq(rsvps.id, row.id))
      .returning();
    return r;
  }
  const [placed] = await rows<{ status: 'going' | 'waitlist'; seq: number | null }>(
    tx,
    sql`WITH seat AS (UPDATE events SET going_count = going_count + 1
                      WHERE id = ${e.id} AND (capacity IS NULL OR going_count < capacity) RETURNING id),
             wait AS (UPDATE events SET waitlist_seq = waitlist_seq + 1
                      WHERE id = ${e.id} AND NOT EXISTS (SELECT 1 FROM seat) RETURNING waitlist_seq)
        UPDATE rsvps SET status = CASE WHEN EXISTS (SELECT 1 FROM seat) THEN 'going' ELSE 'waitlist' END,
                         waitlist_seq = (SELECT waitlist_seq FROM wait), updated_at = now()
        WHERE id = ${row.id}
        RETURNING status, waitlist_seq AS seq`,
  );
  return { ...row, status: placed.status, waitlistSeq: placed.seq };
}

/** Where a waitlisted RSVP stands in the line (1 = next), else null. */
export async function waitlistPosition(db: Db, r: Pick<RsvpRow, 'eventId' | 'status' | 'waitlistSeq'>): Promise<number | null> {
  if (r.status !== 'waitlist' || r.waitlistSeq == null) return null;
  const [p] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM rsvps WHERE event_id = ${r.eventId} AND status = 'waitlist' AND waitlist_seq <= ${r.waitlistSeq}`,
  );
  return p.n;
}

/** The email an RSVP gets now: the confirmation request while unconfirmed, else its status (a walk-in's says thanks for coming). */
export function mailTemplateFor(r: Pick<RsvpRow, 'status' | 'unconfirmed'>): MailTemplate {
  return r.status === 'pending' && r.unconfirmed ? 'confirm' : r.status;
}

const wholeRow = getTableColumns(rsvps);
/** A new RSVP, pending until `place` puts it: built once, as every RSVP of a burst runs it. */
const insertRsvp = builtOnce<RsvpRow>(
  'events.insertRsvp',
  (db) =>
    db
      .insert(rsvps)
      .values({
        eventId: sql.placeholder('eventId'),
        personId: sql.placeholder('personId'),
        name: sql.placeholder('name'),
        email: sql.placeholder('email'),
        language: sql.placeholder('language'),
        status: 'pending',
        unconfirmed: sql.placeholder('unconfirmed'),
        answers: sql.placeholder('answers'),
        accessibilityNeeds: sql.placeholder('accessibilityNeeds'),
        ticketCode: sql.placeholder('ticketCode'),
        source: sql.placeholder('source'),
      })
      .onConflictDoNothing({ target: [rsvps.eventId, rsvps.personId] })
      .returning(wholeRow),
  wholeRow,
);

/**
 * Records an RSVP. The same person twice gets their existing RSVP back (the unique (event, person)
 * index decides, so a double click cannot book two seats); capacity is taken by a conditional update.
 *
 * Anyone can type anyone's address, so unless the caller has proven it is theirs (`owner`: signed in
 * with that address), a repeated RSVP changes nothing of the existing one (name, answers, a decline,
 * a cancellation) and only emails its link to that address; callers then answer exactly as for a
 * new RSVP, so the answer tells nobody whether the address was already on the list
 * (docs/decisions/0011-csv-formulas-and-repeated-rsvps.md). On events that require email
 * confirmation, a new RSVP from a non-owner waits, seatless, for the emailed link to be followed.
 */
export async function createRsvp(
  db: Db,
  e: EventRow,
  input: RsvpInput,
  opts: { source?: string; sendEmail?: boolean; owner?: boolean } = {},
): Promise<RsvpResult> {
  const closed = rsvpClosedReason(e);
  if (closed) throw new AppError(closed === 'events.error.cancelled' ? 'event_cancelled' : 'rsvp_closed', 409, closed);
  const answers = checkAnswers(e, input.answers);
  const language = input.language ?? 'en';
  const unconfirmed = e.requireEmailConfirmation && !opts.owner;
  // The person, the RSVP, its place and its email in one transaction: as few round trips as the writes need.
  const result = await db.transaction(async (tx): Promise<RsvpResult> => {
    const personId = await ensurePersonId(tx, { email: input.email, fullName: input.name, language });
    const [inserted] = await insertRsvp(tx, {
      eventId: e.id,
      personId,
      name: input.name,
      email: input.email,
      language,
      unconfirmed,
      answers,
      accessibilityNeeds: input.accessibilityNeeds,
      ticketCode: ticketCode(),
      source: opts.source ?? 'web',
    });
    if (inserted) {
      // Queued before the place is taken, so the event row a burst queues on stays locked only for the
      // place and the commit; the email says what the RSVP holds when it is sent (decision 5).
      if (opts.sendEmail !== false)
        await enqueue(tx, 'events.mail', { rsvpId: inserted.id, template: 'placed' }, { dedupeKey: `events.mail:${inserted.id}:new` });
      return { rsvp: unconfirmed ? inserted : await place(tx, e, inserted), created: true };
    }
    const [existing] = await tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, e.id), eq(rsvps.personId, personId)));
    // Only the verified owner may come back after cancelling this way; a decline is the organizers'.
    if (opts.owner && existing?.status === 'cancelled') {
      const [again] = await tx
        .update(rsvps)
        .set({ answers, accessibilityNeeds: input.accessibilityNeeds, name: input.name, language, unconfirmed: false })
        .where(and(eq(rsvps.id, existing.id), eq(rsvps.status, 'cancelled')))
        .returning();
      if (again) {
        const row = await place(tx, e, again);
        if (opts.sendEmail !== false)
          await enqueue(
            tx,
            'events.mail',
            { rsvpId: row.id, template: row.status },
            { dedupeKey: `events.mail:${row.id}:${row.status}:${Date.now()}` },
          );
        return { rsvp: row, created: true };
      }
    }
    if (existing && !opts.owner && opts.sendEmail !== false) {
      // At most one such email per RSVP every ten minutes, so the form cannot be used to flood an inbox.
      await enqueue(
        tx,
        'events.mail',
        { rsvpId: existing.id, template: mailTemplateFor(existing) },
        { dedupeKey: `events.mail:${existing.id}:again:${Math.floor(Date.now() / 600_000)}` },
      );
    }
    return { rsvp: existing, created: false };
  });
  return result;
}

/**
 * The emailed link was followed on an event that requires email confirmation: the RSVP now takes a
 * seat, the waitlist or the approval queue by the usual capacity rules. Conditional on still being
 * unconfirmed, so confirming twice (or at once from two tabs) places it once.
 */
export async function confirmRsvp(db: Db, rsvpId: string): Promise<RsvpRow> {
  return replace(db, rsvpId, sql`${rsvps.status} = 'pending' AND ${rsvps.unconfirmed}`);
}

/** The person, through the link in their email, comes back after cancelling. A decline stays. */
export async function rejoinRsvp(db: Db, rsvpId: string): Promise<RsvpRow> {
  return replace(db, rsvpId, sql`${rsvps.status} = 'cancelled'`);
}

async function replace(db: Db, rsvpId: string, when: SQL): Promise<RsvpRow> {
  const [target] = await db.select({ eventId: rsvps.eventId }).from(rsvps).where(eq(rsvps.id, rsvpId));
  if (!target) throw notFound();
  return db.transaction(async (tx) => {
    await lockEvent(tx, target.eventId);
    const [e] = await tx.select().from(events).where(eq(events.id, target.eventId));
    const [row] = await tx
      .update(rsvps)
      .set({ unconfirmed: false, updatedAt: new Date() })
      .where(and(eq(rsvps.id, rsvpId), when))
      .returning();
    if (!row) return (await tx.select().from(rsvps).where(eq(rsvps.id, rsvpId)))[0];
    const closed = rsvpClosedReason(e);
    if (closed) throw new AppError(closed === 'events.error.cancelled' ? 'event_cancelled' : 'rsvp_closed', 409, closed);
    const placed = await place(tx, e, row);
    await enqueue(
      tx,
      'events.mail',
      { rsvpId: placed.id, template: placed.status },
      { dedupeKey: `events.mail:${placed.id}:${placed.status}:${Date.now()}` },
    );
    return placed;
  });
}

/**
 * Every transaction that changes seats locks the event row before any RSVP row, so PostgreSQL never
 * sees two of them wait on each other (PGlite runs transactions one at a time anyway).
 */
export async function lockEvent(tx: Db, eventId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM events WHERE id = ${eventId} FOR UPDATE`);
}

/** Who another module admits to an event: the person and what their RSVP shows. */
export interface Admission {
  personId: string;
  name: string;
  email: string;
  language: 'en' | 'es';
  accessibilityNeeds: string | null;
  source: string;
}

/**
 * Another module's admission (a confirmed symposium applicant) becomes a going RSVP, inside the
 * caller's transaction: one seat by the same conditional update as every RSVP (decision 0005), so the
 * event's capacity is never passed. Returns null when no seat is left (the caller rolls back). A
 * person already holding a seat keeps it; any other RSVP of theirs (cancelled, waitlisted) is seated.
 * Sends no email: the admitting module writes its own.
 */
export async function admitToEvent(tx: Db, eventId: string, who: Admission): Promise<RsvpRow | null> {
  await tx
    .insert(rsvps)
    .values({
      eventId,
      personId: who.personId,
      name: who.name,
      email: who.email,
      language: who.language,
      status: 'pending',
      answers: {},
      accessibilityNeeds: who.accessibilityNeeds,
      ticketCode: ticketCode(),
      source: who.source,
    })
    .onConflictDoNothing({ target: [rsvps.eventId, rsvps.personId] });
  const [row] = await tx
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.personId, who.personId)));
  if (row.status === 'going' || row.status === 'walkin') return row;
  const [seated] = await rows<{ id: string }>(
    tx,
    sql`WITH seat AS (UPDATE events SET going_count = going_count + 1
                      WHERE id = ${eventId} AND (capacity IS NULL OR going_count < capacity) RETURNING id)
        UPDATE rsvps SET status = 'going', waitlist_seq = NULL, unconfirmed = false, updated_at = now()
        WHERE id = ${row.id} AND EXISTS (SELECT 1 FROM seat) RETURNING id`,
  );
  return seated ? { ...row, status: 'going', waitlistSeq: null, unconfirmed: false } : null;
}
