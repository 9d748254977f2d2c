import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { checkAnswers, pickText } from '../../events';
import { ensurePerson } from '../../people';
import {
  SLOT_KINDS,
  programApplications,
  programReviews,
  programTeamMembers,
  programTeamQuotas,
  programTeams,
  type Application,
  type ApplicationStatus,
  type EligibilityRule,
  type Program,
  type Reason,
} from '../schema';
import type { ApplicationInput } from './input';
import { deadlinePassed } from './programs';

const same = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();

/** A rule's value as the answer is stored: yes/no for booleans, a choice's English (or only) text. */
function canonical(p: Program, field: string, value: string | number | boolean): string {
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  const q = p.questions.find((x) => x.id === field);
  if (q?.kind !== 'choice') return text;
  const o = (q.options ?? []).find((x) => same(x.en ?? '', text) || same(x.es ?? '', text));
  return o ? ((o.en || o.es) ?? text) : text;
}

function passes(p: Program, r: EligibilityRule, actual: string | undefined): boolean {
  if (actual === undefined || actual === '') return false;
  const values = Array.isArray(r.value) ? r.value : [r.value];
  switch (r.op) {
    case 'eq':
    case 'in':
      return values.some((v) => same(canonical(p, r.field, v), actual));
    case 'gte':
      return Number(actual) >= Number(r.value);
    case 'lte':
      return Number(actual) <= Number(r.value);
  }
}

/** The rules an application fails, each with its message in both languages. */
function failedRules(p: Program, members: number, answers: Record<string, string>): Reason[] {
  return p.eligibility
    .filter((r) => !passes(p, r, r.field === 'members' ? String(members) : answers[r.field]))
    .map((r) => ({ field: r.field, message: r.message }));
}

/** Reasons as the applicant reads them. */
export const reasonsIn = (reasons: Reason[], locale: 'en' | 'es') =>
  reasons.map((r) => ({ field: r.field, message: pickText(r.message, locale) }));

/**
 * Takes an application: refused after the deadline (nothing stored), answers checked by the one form
 * check, then kept as `submitted` or, when a rule fails, `ineligible` with its reasons.
 */
export async function apply(db: Db, p: Program, input: ApplicationInput, now = new Date()): Promise<Application> {
  if (deadlinePassed(p, now)) throw new AppError('deadline_passed', 409, 'programs.error.deadlinePassed');
  const answers = checkAnswers(p, input.answers);
  const reasons = failedRules(p, input.members.length, answers);
  const [a] = await db
    .insert(programApplications)
    .values({
      programId: p.id,
      organization: input.organization,
      contactName: input.contact.name,
      contactEmail: input.contact.email,
      language: input.language,
      languageNeeds: input.languageNeeds,
      members: input.members,
      answers,
      status: reasons.length ? 'ineligible' : 'submitted',
      reasons,
    })
    .returning();
  return a;
}

export async function getApplication(db: Db, programId: string, id: string): Promise<Application> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [a] = await db
    .select()
    .from(programApplications)
    .where(and(eq(programApplications.id, id), eq(programApplications.programId, programId)));
  if (!a) throw notFound();
  return a;
}

export type ApplicationWithScore = Application & { score: number | null; reviews: number };

/** Applications with their average score, best first (unscored last), optionally of one status. */
export async function listApplications(
  db: Db,
  programId: string,
  opts: { status?: ApplicationStatus; limit: number; offset: number },
): Promise<{ list: ApplicationWithScore[]; total: number }> {
  const where = and(eq(programApplications.programId, programId), opts.status ? eq(programApplications.status, opts.status) : undefined);
  const score = sql<string | null>`(SELECT avg(r.score) FROM program_reviews r WHERE r.application_id = ${programApplications.id})`;
  const reviews = sql<number>`(SELECT count(*) FROM program_reviews r WHERE r.application_id = ${programApplications.id})`;
  const list = await db
    .select({ a: programApplications, score, reviews })
    .from(programApplications)
    .where(where)
    .orderBy(sql`${score} DESC NULLS LAST`, desc(programApplications.createdAt), programApplications.id)
    .limit(opts.limit)
    .offset(opts.offset);
  const [{ n }] = await db.select({ n: count() }).from(programApplications).where(where);
  return {
    list: list.map((r) => ({
      ...r.a,
      score: r.score == null ? null : Math.round(Number(r.score) * 100) / 100,
      reviews: Number(r.reviews),
    })),
    total: n,
  };
}

/** One reviewer's score and comment; scoring again replaces theirs. */
export async function review(db: Db, a: Application, reviewerId: string, input: { score: number; comment: string | null }) {
  await db
    .insert(programReviews)
    .values({ applicationId: a.id, reviewerId, score: input.score, comment: input.comment })
    .onConflictDoUpdate({
      target: [programReviews.applicationId, programReviews.reviewerId],
      set: { score: input.score, comment: input.comment, createdAt: new Date() },
    });
}

/**
 * Records a decision and queues its email in the applicant's language. Accepting makes the team (once),
 * its members' accounts and its booking allowances, all in the same transaction. An organizer may
 * accept an `ineligible` application: the decision is the override. An accepted team stays accepted.
 */
export async function decide(
  db: Db,
  p: Program,
  a: Application,
  decision: 'accepted' | 'declined' | 'waitlisted',
  by: string | null,
): Promise<{ status: ApplicationStatus; teamId: string | null }> {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(programApplications)
      .set({ status: decision, decidedBy: by, decidedAt: new Date() })
      .where(and(eq(programApplications.id, a.id), sql`(${programApplications.status} <> 'accepted' OR ${decision} = 'accepted')`))
      .returning();
    if (!changed) throw new AppError('already_accepted', 409, 'programs.error.alreadyAccepted');
    let teamId: string | null = null;
    if (decision === 'accepted') {
      const [made] = await tx
        .insert(programTeams)
        .values({ programId: p.id, applicationId: a.id, name: a.organization, organization: a.organization, language: a.language })
        .onConflictDoNothing()
        .returning();
      if (made) {
        teamId = made.id;
        const people = [...a.members];
        if (!people.some((m) => same(m.email, a.contactEmail))) people.unshift({ name: a.contactName, email: a.contactEmail, role: null });
        for (const m of people) {
          const { person } = await ensurePerson(tx, { email: m.email, fullName: m.name, language: a.language });
          await tx
            .insert(programTeamMembers)
            .values({ teamId: made.id, personId: person.id, name: m.name, email: m.email, role: m.role, language: a.language })
            .onConflictDoNothing();
        }
        await tx.insert(programTeamQuotas).values(SLOT_KINDS.map((kind) => ({ teamId: made.id, kind, quota: p.bookingQuotas[kind] ?? 0 })));
      } else {
        const [t] = await tx.select({ id: programTeams.id }).from(programTeams).where(eq(programTeams.applicationId, a.id));
        teamId = t.id;
      }
    }
    if (a.status !== decision) await enqueue(tx, 'programs.decision', { applicationId: a.id });
    return { status: changed.status, teamId };
  });
}

/** Reviews of one application, oldest first. */
export async function reviewsOf(db: Db, applicationId: string) {
  return db.select().from(programReviews).where(eq(programReviews.applicationId, applicationId)).orderBy(programReviews.createdAt);
}
