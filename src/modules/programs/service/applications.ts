import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { checkAnswers, pickText } from '../../events';
import { ensurePerson } from '../../people';
import {
  SLOT_KINDS,
  programApplications,
  programReviews,
  programs,
  programTeamMembers,
  programTeamQuotas,
  programTeams,
  type Application,
  type ApplicationStatus,
  type EligibilityRule,
  type Program,
  type Reason,
} from '../schema';
import { tr } from '../messages';
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
 * check, then kept as `submitted` or, when a rule fails, `ineligible` with its reasons. The program is
 * read again under a share lock in the same transaction: an organizer's change to its questions or rules
 * waits for this application and then re-checks it with the others (`recheckApplications`), so none is
 * stored under rules that were already replaced without being looked at again.
 */
export async function apply(db: Db, p: Program, input: ApplicationInput, now = new Date()): Promise<Application> {
  if (deadlinePassed(p, now)) throw new AppError('deadline_passed', 409, 'programs.error.deadlinePassed');
  return db.transaction(async (tx) => {
    const [fresh] = await tx.select().from(programs).where(eq(programs.id, p.id)).for('share');
    if (!fresh) throw notFound();
    if (deadlinePassed(fresh, now)) throw new AppError('deadline_passed', 409, 'programs.error.deadlinePassed');
    const answers = checkAnswers(fresh, input.answers);
    const reasons = failedRules(fresh, input.members.length, answers);
    const [a] = await tx
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
  });
}

/**
 * What the program's questions and rules, as they are now, find wrong with a stored application: a
 * required answer missing, an answer the question no longer takes (the one form check, on what was
 * stored), and each rule it fails, all with EN/ES messages.
 */
function problemsOf(p: Pick<Program, 'questions' | 'eligibility'>, a: Pick<Application, 'answers' | 'members'>): Reason[] {
  const out: Reason[] = [];
  try {
    checkAnswers(p, a.answers);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    for (const [field, key] of Object.entries(err.fields)) {
      const id = field.replace(/^answers\./, '');
      const q = p.questions.find((x) => x.id === id);
      const problem = key === 'events.error.answerRequired' ? 'programs.recheck.missing' : 'programs.recheck.unfit';
      // Both languages kept, so each reader (organizers in either) gets theirs.
      const say = (l: 'en' | 'es') => tr(l)(problem, { question: q ? pickText(q.label, l) : id });
      out.push({ field: id, message: { en: say('en'), es: say('es') } });
    }
  }
  return [...out, ...failedRules(p as Program, a.members.length, a.answers)];
}

/** Applications no decision has closed yet: the ones a change of questions or rules is checked against. */
const OPEN_STATUSES: ApplicationStatus[] = ['submitted', 'ineligible', 'waitlisted'];

/**
 * Checks every open application of a program again after its questions or rules changed (called in the
 * change's transaction, with the program row locked by its UPDATE). Nothing is dropped and no status
 * moves: each application gets its `flags` (empty when it meets everything now) for organizers to
 * decide on, as review tools flag rather than silently re-screen submissions.
 */
export async function recheckApplications(db: Db, p: Program): Promise<{ checked: number; flagged: number }> {
  const open = await db
    .select({ id: programApplications.id, answers: programApplications.answers, members: programApplications.members })
    .from(programApplications)
    .where(and(eq(programApplications.programId, p.id), inArray(programApplications.status, OPEN_STATUSES)));
  let flagged = 0;
  for (const a of open) {
    const flags = problemsOf(p, a);
    if (flags.length) flagged++;
    await db
      .update(programApplications)
      .set({ flags, recheckedAt: sql`now()` })
      .where(eq(programApplications.id, a.id));
  }
  return { checked: open.length, flagged };
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
  opts: { status?: ApplicationStatus; flagged?: boolean; limit: number; offset: number },
): Promise<{ list: ApplicationWithScore[]; total: number }> {
  const where = and(
    eq(programApplications.programId, programId),
    opts.status ? eq(programApplications.status, opts.status) : undefined,
    opts.flagged ? sql`jsonb_array_length(${programApplications.flags}) > 0` : undefined,
  );
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
