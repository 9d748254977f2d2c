import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { ensurePerson, getPerson } from '../../people';
import { conferenceReviewers, conferenceTracks, proposalReviews, proposals, type Conference, type Proposal } from '../schema';
import type { ProposalEdit, ProposalInput, ReviewInput } from './cfp-input';
import { checkCfpAnswers } from './cfp-questions';

const SPEAKER_LINK = 'cfpspeaker';

/** Whether the call for proposals takes submissions and edits at `now`. */
export function cfpOpen(c: Pick<Conference, 'cfpOpensAt' | 'cfpClosesAt'>, now = new Date()): boolean {
  if (!c.cfpOpensAt && !c.cfpClosesAt) return false;
  return (!c.cfpOpensAt || now >= c.cfpOpensAt) && (!c.cfpClosesAt || now < c.cfpClosesAt);
}

const closed = () => new AppError('cfp_closed', 409, 'conferences.error.cfpClosed');

/** Emails to speakers and applicants go through the queue with the change, once per change. */
export const cfpMail = (tx: Db, kind: 'proposal' | 'application', id: string, template: string, tag: string | number = '') =>
  enqueue(tx, 'conferences.cfpmail', { kind, id, template }, { dedupeKey: `conferences.cfpmail:${id}:${template}:${tag}` });

export async function submitProposal(db: Db, c: Conference, input: ProposalInput, now = new Date()): Promise<Proposal> {
  if (!cfpOpen(c, now)) throw closed();
  if (input.trackId) {
    const [t] = await db
      .select({ id: conferenceTracks.id })
      .from(conferenceTracks)
      .where(and(eq(conferenceTracks.id, input.trackId), eq(conferenceTracks.eventId, c.eventId)));
    if (!t) throw new AppError('validation_failed', 422, 'errors.validation', { trackId: 'conferences.error.track' });
  }
  const answers = checkCfpAnswers(c.cfpQuestions, input.answers ?? {});
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(proposals)
      .values({
        eventId: c.eventId,
        title: input.title,
        abstract: input.abstract,
        type: input.type,
        trackId: input.trackId ?? null,
        language: input.language,
        level: input.level,
        speakerName: input.speaker.name,
        speakerEmail: input.speaker.email,
        speakerLanguage: input.speaker.language ?? input.language,
        accessNeeds: input.speaker.accessNeeds,
        answers,
      })
      .returning();
    await cfpMail(tx, 'proposal', p.id, 'received');
    return p;
  });
}

export async function getProposal(db: Db, eventId: string, id: string): Promise<Proposal> {
  const [p] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.eventId, eventId), sql`${proposals.id}::text = ${id}`));
  if (!p) throw notFound();
  return p;
}

export async function proposalById(db: Db, id: string): Promise<Proposal> {
  const [p] = await db.select().from(proposals).where(eq(proposals.id, id));
  if (!p) throw notFound();
  return p;
}

/** The speaker's own changes, through their link, while the call is open. */
export async function editProposal(db: Db, c: Conference, p: Proposal, input: ProposalEdit, now = new Date()): Promise<Proposal> {
  if (!cfpOpen(c, now)) throw closed();
  const [row] = await db
    .update(proposals)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(proposals.id, p.id))
    .returning();
  return row;
}

/** An accepted speaker says they will come (or withdraws). Repeating the same answer changes nothing. */
export async function speakerAnswer(db: Db, p: Proposal, answer: 'confirm' | 'withdraw'): Promise<Proposal> {
  const from = answer === 'confirm' ? ['accepted'] : ['submitted', 'accepted', 'waitlisted', 'confirmed'];
  const to = answer === 'confirm' ? 'confirmed' : 'withdrawn';
  if (p.status === to) return p;
  if (!from.includes(p.status)) throw new AppError('not_accepted', 409, 'conferences.error.notAccepted');
  const [row] = await db
    .update(proposals)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(proposals.id, p.id), eq(proposals.status, p.status)))
    .returning();
  return row ?? proposalById(db, p.id);
}

export async function decideProposal(db: Db, p: Proposal, decision: 'accepted' | 'rejected' | 'waitlisted'): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(proposals).set({ status: decision, updatedAt: new Date() }).where(eq(proposals.id, p.id)).returning();
    if (p.status !== decision) await cfpMail(tx, 'proposal', p.id, decision, Date.now());
    return row;
  });
}

export const proposalToken = (secret: Uint8Array, proposalId: string) => signLink(secret, SPEAKER_LINK, { pr: proposalId });
export async function proposalFromToken(secret: Uint8Array, token: string): Promise<string | null> {
  const c = await verifyLink<{ pr: string }>(secret, SPEAKER_LINK, token);
  return c && typeof c.pr === 'string' ? c.pr : null;
}

export async function addReviewer(db: Db, eventId: string, email: string): Promise<string> {
  const { person } = await ensurePerson(db, { email, fullName: email.split('@')[0] });
  await db.insert(conferenceReviewers).values({ eventId, personId: person.id }).onConflictDoNothing();
  return person.id;
}

/** The conference's reviewers, as people (name and email), in the order they were added. */
export async function listReviewers(db: Db, eventId: string) {
  const list = await db
    .select({ personId: conferenceReviewers.personId })
    .from(conferenceReviewers)
    .where(eq(conferenceReviewers.eventId, eventId))
    .orderBy(conferenceReviewers.createdAt);
  const people = await Promise.all(list.map((r) => getPerson(db, r.personId).catch(() => null)));
  return people.filter((x) => x !== null).map((x) => ({ id: x.id, name: x.fullName, email: x.email ?? '' }));
}

export async function isReviewer(db: Db, eventId: string, personId: string): Promise<boolean> {
  const [r] = await db
    .select({ p: conferenceReviewers.personId })
    .from(conferenceReviewers)
    .where(and(eq(conferenceReviewers.eventId, eventId), eq(conferenceReviewers.personId, personId)));
  return !!r;
}

/** Saves a reviewer's score; `created` false when it replaced their earlier one. */
export async function review(db: Db, p: Proposal, reviewerId: string, input: ReviewInput): Promise<{ created: boolean }> {
  const [row] = await rows<{ created: boolean }>(
    db,
    sql`INSERT INTO conference_proposal_reviews (proposal_id, reviewer_id, score, comment)
        VALUES (${p.id}, ${reviewerId}, ${input.score}, ${input.comment})
        ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, updated_at = now()
        RETURNING (xmax = 0) AS created`,
  );
  return { created: !!row.created };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Each proposal with the caller's score and, only once they scored it, everyone's: a reviewer forms
 * their own view before seeing others' (blind review). Speakers' names are never in this list.
 */
export async function proposalsForReviewer(db: Db, eventId: string, personId: string) {
  const list = await rows<{
    id: string;
    title: string;
    status: string;
    my_score: number | null;
    mean: number | null;
    lo: number | null;
    hi: number | null;
    n: number;
  }>(
    db,
    sql`SELECT p.id, p.title, p.status,
               (SELECT score FROM conference_proposal_reviews m WHERE m.proposal_id = p.id AND m.reviewer_id = ${personId}) AS my_score,
               avg(r.score)::float AS mean, min(r.score) AS lo, max(r.score) AS hi, count(r.score)::int AS n
        FROM conference_proposals p LEFT JOIN conference_proposal_reviews r ON r.proposal_id = p.id
        WHERE p.event_id = ${eventId}
        GROUP BY p.id ORDER BY p.created_at, p.id`,
  );
  return list.map((r) => {
    const seen = r.my_score != null;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      myScore: r.my_score,
      mean: seen && r.mean != null ? round1(Number(r.mean)) : null,
      spread: seen && r.hi != null && r.lo != null ? Number(r.hi) - Number(r.lo) : null,
      count: seen ? Number(r.n) : null,
    };
  });
}

/** Everyone's reviews of one proposal, for a caller who has scored it. */
export async function reviewsOf(db: Db, p: Proposal, personId: string, nameOf: (id: string) => Promise<string>) {
  const list = await db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, p.id)).orderBy(asc(proposalReviews.createdAt));
  if (!list.some((r) => r.reviewerId === personId)) throw new AppError('score_first', 403, 'conferences.error.scoreFirst');
  const scores = list.map((r) => r.score);
  const reviews = [];
  for (const r of list) reviews.push({ reviewer: await nameOf(r.reviewerId), score: r.score, comment: r.comment });
  return {
    reviews,
    mean: round1(scores.reduce((a, b) => a + b, 0) / scores.length),
    spread: Math.max(...scores) - Math.min(...scores),
    count: scores.length,
  };
}

export async function myReview(db: Db, proposalId: string, personId: string) {
  const [r] = await db
    .select()
    .from(proposalReviews)
    .where(and(eq(proposalReviews.proposalId, proposalId), eq(proposalReviews.reviewerId, personId)));
  return r ?? null;
}
