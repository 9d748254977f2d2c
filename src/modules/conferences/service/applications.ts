import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { ensurePerson, isGovernmentSector } from '../../people';
import { admitToEvent, getEventById, withdrawAdmission, type EventRow } from '../../events';
import { applications, conferences, type Application, type ApplicationStatus, type Conference } from '../schema';
import type { ApplicationDecisionInput, ApplicationInput, ApplicationNotesInput } from './cfp-input';
import { readTime } from './input';
import { cfpMail } from './proposals';

const ANSWER_LINK = 'confanswer';
const DAY = 86_400_000;
/** How long an accepted applicant has to confirm, unless the organizer says otherwise. */
const CONFIRM_DAYS = 7;

/** Seats are counted against the event's capacity; none set means no cap. */
export interface Seats {
  conference: Conference;
  capacity: number | null;
  timeZone: string;
}

export const seatsOf = (event: EventRow, conference: Conference): Seats => ({
  conference,
  capacity: event.capacity,
  timeZone: event.timeZone,
});

async function seatsById(db: Db, eventId: string): Promise<Seats> {
  const [conference] = await db.select().from(conferences).where(eq(conferences.eventId, eventId));
  if (!conference) throw notFound();
  return seatsOf(await getEventById(db, eventId), conference);
}

/** A confirmed applicant whose RSVP was cancelled on the events side: released, and the waitlist moves up. */
export async function releaseAfterCancelledRsvp(db: Db, applicationId: string): Promise<void> {
  const a = await applicationById(db, applicationId).catch(() => null);
  if (a?.status !== 'confirmed') return;
  await answer(db, await seatsById(db, a.eventId), a, 'decline');
}

/** The sweep: every conference with an offer past its deadline. */
export async function releaseAllExpired(db: Db, now = new Date()): Promise<boolean> {
  let changed = false;
  for (const id of await conferencesWithExpiredOffers(db, now)) {
    const r = await releaseExpired(db, await seatsById(db, id), now);
    changed ||= r.released + r.promoted > 0;
  }
  return changed;
}

const invalid = (field: string, key: string) => new AppError('validation_failed', 422, 'errors.validation', { [field]: key });

/** A public application; the same person again gets theirs back unchanged (`created` false). */
export async function apply(db: Db, c: Conference, input: ApplicationInput): Promise<{ application: Application; created: boolean }> {
  if (!c.requiresApplication) throw new AppError('no_applications', 409, 'conferences.error.noApplications');
  const { person } = await ensurePerson(db, { email: input.email, fullName: input.name, language: input.language });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({
        eventId: c.eventId,
        personId: person.id,
        name: input.name,
        email: input.email,
        language: input.language,
        sector: input.sector,
        careerStage: input.careerStage,
        why: input.why,
        accessNeeds: input.accessNeeds,
        demographics: input.demographics ?? null,
      })
      .onConflictDoNothing({ target: [applications.eventId, applications.personId] })
      .returning();
    if (row) {
      await cfpMail(tx, 'application', row.id, 'received');
      return { application: row, created: true };
    }
    const [existing] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.eventId, c.eventId), eq(applications.personId, person.id)));
    return { application: existing, created: false };
  });
}

export async function getApplication(db: Db, eventId: string, id: string): Promise<Application> {
  const [a] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.eventId, eventId), sql`${applications.id}::text = ${id}`));
  if (!a) throw notFound();
  return a;
}

export async function applicationById(db: Db, id: string): Promise<Application> {
  const [a] = await db.select().from(applications).where(eq(applications.id, id));
  if (!a) throw notFound();
  return a;
}

export interface ApplicationFilters {
  status?: ApplicationStatus;
  sector?: string;
  careerStage?: string;
  government?: 'yes' | 'no';
}

/** Applications in order of arrival, with the waitlist position of those waiting. */
export async function listApplications(db: Db, eventId: string, f: ApplicationFilters = {}) {
  const list = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.eventId, eventId),
        f.status ? eq(applications.status, f.status) : undefined,
        f.sector ? eq(applications.sector, f.sector) : undefined,
        f.careerStage ? eq(applications.careerStage, f.careerStage as Application['careerStage']) : undefined,
      ),
    )
    .orderBy(asc(applications.createdAt), asc(applications.id));
  const [firstWaiting] = await rows<{ seqs: number[] | null }>(
    db,
    sql`SELECT array_agg(waitlist_seq ORDER BY waitlist_seq) AS seqs FROM conference_applications WHERE event_id = ${eventId} AND status = 'waitlisted'`,
  );
  const line = (firstWaiting?.seqs ?? []).map(Number);
  return list
    .filter((a) => !f.government || isGovernmentSector(a.sector) === (f.government === 'yes'))
    .map((a) => ({
      ...a,
      government: isGovernmentSector(a.sector),
      waitlistPosition: a.status === 'waitlisted' && a.waitlistSeq != null ? line.indexOf(a.waitlistSeq) + 1 || null : null,
    }));
}

/** Every seat change at a conference takes its row first: one lock order, so PostgreSQL never deadlocks. */
const lockConference = (tx: Db, eventId: string) =>
  tx.execute(sql`SELECT event_id FROM conferences WHERE event_id = ${eventId} FOR UPDATE`);

/** A confirmed applicant leaving gives their event seat (their RSVP) back, in the same transaction. */
const freeSeat = (tx: Db, a: Application, to: 'cancelled' | 'declined') => withdrawAdmission(tx, a.eventId, a.personId, to);

/**
 * While accepted + confirmed is below the capacity, the first waitlisted applicant is accepted with a
 * new deadline and emailed. The count and the change are one statement (the conference row is locked
 * by the caller). Returns how many moved up.
 */
async function promote(tx: Db, s: Seats, now: Date): Promise<number> {
  if (s.capacity == null) return 0;
  let moved = 0;
  for (;;) {
    const [up] = await rows<{ id: string }>(
      tx,
      sql`UPDATE conference_applications SET status = 'accepted', waitlist_seq = NULL,
                 confirm_by = ${new Date(now.getTime() + CONFIRM_DAYS * DAY).toISOString()}, updated_at = now()
          WHERE id = (SELECT id FROM conference_applications WHERE event_id = ${s.conference.eventId} AND status = 'waitlisted'
                      ORDER BY waitlist_seq LIMIT 1)
            AND (SELECT count(*) FROM conference_applications WHERE event_id = ${s.conference.eventId}
                 AND status IN ('accepted', 'confirmed')) < ${s.capacity}
          RETURNING id`,
    );
    if (!up) return moved;
    await cfpMail(tx, 'application', up.id, 'promoted', now.getTime());
    moved++;
  }
}

/** An organizer's decision; the applicant is emailed. A seat given up by the change goes down the line. */
export async function decideApplication(db: Db, s: Seats, a: Application, input: ApplicationDecisionInput, now = new Date()) {
  let confirmBy: Date | null = null;
  if (input.decision === 'accepted') {
    confirmBy = input.confirmBy ? readTime(input.confirmBy, s.timeZone) : new Date(now.getTime() + CONFIRM_DAYS * DAY);
    if (!confirmBy || confirmBy <= now) throw invalid('confirmBy', 'conferences.error.confirmBy');
  }
  return db.transaction(async (tx) => {
    await lockConference(tx, s.conference.eventId);
    const [before] = await tx.select().from(applications).where(eq(applications.id, a.id)).for('update');
    if (before.status === 'confirmed' && input.decision === 'accepted') return before;
    let seq: number | null = null;
    if (input.decision === 'waitlisted') {
      if (before.status === 'waitlisted') return before;
      const [t] = await rows<{ application_seq: number }>(
        tx,
        sql`UPDATE conferences SET application_seq = application_seq + 1 WHERE event_id = ${s.conference.eventId} RETURNING application_seq`,
      );
      seq = Number(t.application_seq);
    }
    const [row] = await tx
      .update(applications)
      .set({ status: input.decision, confirmBy, waitlistSeq: seq, updatedAt: new Date() })
      .where(eq(applications.id, a.id))
      .returning();
    if (before.status === 'confirmed') await freeSeat(tx, before, 'declined');
    if (before.status !== input.decision) await cfpMail(tx, 'application', a.id, input.decision, now.getTime());
    if (['accepted', 'confirmed'].includes(before.status) && input.decision !== 'accepted') await promote(tx, s, now);
    return row;
  });
}

export async function saveNotes(db: Db, a: Application, input: ApplicationNotesInput): Promise<Application> {
  const [row] = await db
    .update(applications)
    .set({ ...(input.score !== undefined ? { score: input.score } : {}), notes: input.notes, updatedAt: new Date() })
    .where(eq(applications.id, a.id))
    .returning();
  return row;
}

class Already extends Error {}

/**
 * The applicant's answer. Confirming makes them a registered attendee: a going RSVP on the event,
 * whose seat the events module takes by its conditional update against the event's capacity
 * (decision 0005, decision 0040), so forty confirmations at once for the last ten seats give exactly
 * ten; declining gives the RSVP and its seat back and fills the offer from the waitlist. Both may be
 * repeated.
 */
export async function answer(
  db: Db,
  s: Seats,
  a: Application,
  choice: 'confirm' | 'decline',
  now = new Date(),
): Promise<ApplicationStatus> {
  if (choice === 'confirm') {
    if (a.status === 'confirmed') return 'confirmed';
    if (a.status === 'released' || (a.status === 'accepted' && a.confirmBy && a.confirmBy <= now))
      throw new AppError('expired', 410, 'conferences.error.expired');
    if (a.status !== 'accepted') throw new AppError('not_accepted', 409, 'conferences.error.notAccepted');
    try {
      await db.transaction(async (tx) => {
        await lockConference(tx, s.conference.eventId);
        const [done] = await rows<{ id: string }>(
          tx,
          sql`UPDATE conference_applications SET status = 'confirmed', updated_at = now()
              WHERE id = ${a.id} AND status = 'accepted' AND confirm_by > ${now.toISOString()} RETURNING id`,
        );
        // A double press confirmed it meanwhile (or the sweep released it).
        if (!done) throw new Already();
        const seat = await admitToEvent(tx, a.eventId, {
          personId: a.personId,
          name: a.name,
          email: a.email,
          language: a.language,
          accessibilityNeeds: a.accessNeeds,
          source: 'application',
        });
        if (!seat) throw new AppError('full', 409, 'conferences.error.full');
        await cfpMail(tx, 'application', a.id, 'confirmed');
      });
    } catch (err) {
      if (!(err instanceof Already)) throw err;
      const again = await applicationById(db, a.id);
      if (again.status === 'confirmed') return 'confirmed';
      throw new AppError('expired', 410, 'conferences.error.expired');
    }
    return 'confirmed';
  }
  if (a.status === 'released') return 'released';
  if (a.status === 'declined') throw new AppError('not_accepted', 409, 'conferences.error.notAccepted');
  await db.transaction(async (tx) => {
    await lockConference(tx, s.conference.eventId);
    const [before] = await tx.select().from(applications).where(eq(applications.id, a.id)).for('update');
    if (before.status === 'released') return;
    await tx.update(applications).set({ status: 'released', waitlistSeq: null, updatedAt: new Date() }).where(eq(applications.id, a.id));
    if (before.status === 'confirmed') await freeSeat(tx, before, 'cancelled');
    await cfpMail(tx, 'application', a.id, 'released');
    await promote(tx, s, now);
  });
  return 'released';
}

/** Accepted applicants past their deadline lose the offer; the waitlist moves up. */
export async function releaseExpired(db: Db, s: Seats, now = new Date()): Promise<{ released: number; promoted: number }> {
  return db.transaction(async (tx) => {
    await lockConference(tx, s.conference.eventId);
    const gone = await rows<{ id: string }>(
      tx,
      sql`UPDATE conference_applications SET status = 'released', updated_at = now()
          WHERE event_id = ${s.conference.eventId} AND status = 'accepted' AND confirm_by <= ${now.toISOString()} RETURNING id`,
    );
    for (const g of gone) await cfpMail(tx, 'application', g.id, 'expired');
    const promoted = await promote(tx, s, now);
    return { released: gone.length, promoted };
  });
}

/** Conferences with an offer past its deadline, for the sweep. */
async function conferencesWithExpiredOffers(db: Db, now = new Date()): Promise<string[]> {
  const list = await rows<{ event_id: string }>(
    db,
    sql`SELECT DISTINCT event_id FROM conference_applications WHERE status = 'accepted' AND confirm_by <= ${now.toISOString()}`,
  );
  return list.map((r) => r.event_id);
}

type Tally = Record<string, number>;

/** Live counts: every status, and the mix of those selected (accepted and confirmed) against the targets. */
export async function applicationCounts(db: Db, s: Seats) {
  const list = await rows<{ status: string; sector: string; career_stage: string; language: string; n: number }>(
    db,
    sql`SELECT status, sector, career_stage, language, count(*)::int AS n FROM conference_applications
        WHERE event_id = ${s.conference.eventId} GROUP BY 1, 2, 3, 4`,
  );
  const byStatus: Tally = {};
  const sector: Tally = {};
  const careerStage: Tally = {};
  const language: Tally = {};
  const government = { yes: 0, no: 0 };
  const add = (t: Tally, k: string, n: number) => (t[k] = (t[k] ?? 0) + n);
  for (const r of list) {
    const n = Number(r.n);
    add(byStatus, r.status, n);
    if (r.status !== 'accepted' && r.status !== 'confirmed') continue;
    add(sector, r.sector, n);
    add(careerStage, r.career_stage, n);
    add(language, r.language, n);
    government[isGovernmentSector(r.sector) ? 'yes' : 'no'] += n;
  }
  return {
    capacity: s.capacity,
    byStatus,
    selected: { sector, government, careerStage, language },
    targets: s.conference.applicationTargets,
  };
}

export const answerToken = (secret: Uint8Array, applicationId: string) => signLink(secret, ANSWER_LINK, { a: applicationId });
export async function applicationFromToken(secret: Uint8Array, token: string): Promise<string | null> {
  const c = await verifyLink<{ a: string }>(secret, ANSWER_LINK, token);
  return c && typeof c.a === 'string' ? c.a : null;
}

/** "Download my data": the person's applications. */
export async function exportApplications(db: Db, personId: string) {
  return db
    .select({
      name: applications.name,
      email: applications.email,
      sector: applications.sector,
      careerStage: applications.careerStage,
      why: applications.why,
      accessNeeds: applications.accessNeeds,
      demographics: applications.demographics,
      status: applications.status,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .where(eq(applications.personId, personId));
}

/** "Delete my account": a held seat or offer is given up first (the line moves), then the rows go. */
export async function eraseApplications(db: Db, personId: string): Promise<void> {
  const held = await db.select().from(applications).where(eq(applications.personId, personId));
  for (const a of held)
    if (a.status === 'accepted' || a.status === 'confirmed') await answer(db, await seatsById(db, a.eventId), a, 'decline');
  await db.delete(applications).where(eq(applications.personId, personId));
}
