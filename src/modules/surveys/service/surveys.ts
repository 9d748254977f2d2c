import { findProgram } from './programs';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { FieldProblems, notFound } from '../../../platform/http/errors';
import { emailAddress } from '../../../platform/http/validation';
import { isSmallCount, suppressedCells } from '../../../platform/counts';
import { getEvent, getEventById, type EventRow } from '../../events';
import { findPersonByEmail } from '../../people';
import { SURVEY_KINDS, surveyFollowups, surveyResponses, surveys, type ResponseRow, type SurveyQuestion, type SurveyRow } from '../schema';

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const localText = z.object({ en: text(500), es: text(500) }).strict();

export const surveyInput = z
  .object({
    title: localText,
    event: z.string().trim().min(1).max(100).optional(),
    /** A cohort program's address: the survey counts in that program's totals. */
    program: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(SURVEY_KINDS).default('postEvent'),
    pairedWith: z.uuid().optional(),
    months: z.number().int().optional(),
    questions: z
      .array(
        z
          .object({
            id: z
              .string()
              .trim()
              .regex(/^[a-zA-Z0-9_-]{1,40}$/),
            kind: z.enum(['likert', 'choice', 'yesno', 'text']),
            label: localText,
            options: z.array(localText).max(20).optional(),
            required: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type SurveyInput = z.infer<typeof surveyInput>;

export const responseInput = z
  .object({
    email: emailAddress.optional(),
    language: z.enum(['en', 'es']).optional(),
    answers: z.record(z.string().max(40), z.union([z.number(), z.boolean(), z.string().max(5000)])),
    followupConsent: z.boolean().optional(),
  })
  .strict();
export type ResponseInput = z.infer<typeof responseInput>;

const FOLLOWUP_MONTHS = [3, 6, 12];

const hasText = (t: { en?: string | null; es?: string | null }) => !!(t.en?.trim() || t.es?.trim());

async function eventRef(db: Db, ref: string): Promise<EventRow> {
  return /^[0-9a-f-]{36}$/i.test(ref) ? getEventById(db, ref) : getEvent(db, ref);
}

/** Creates a survey; `authorize` sees the event's (or the organizer's) chapter before anything is saved. */
export async function createSurvey(
  db: Db,
  input: SurveyInput,
  opts: { chapter: string | null; by: string | null; authorize: (t: { chapter: string | null }) => void },
): Promise<SurveyRow> {
  const e = input.event ? await eventRef(db, input.event) : null;
  const program = input.program ? await findProgram(db, input.program) : null;
  const chapter = e ? e.chapter : (program?.chapter ?? opts.chapter);
  opts.authorize({ chapter });
  // Counting in a program's totals is for those who run that program too.
  if (program) opts.authorize({ chapter: program.chapter });
  const f = new FieldProblems();
  if (input.program && !program) f.add('program', 'surveys.error.program', { program: input.program });
  if (!hasText(input.title)) f.add('title', 'surveys.error.label');
  const seen = new Set<string>();
  input.questions.forEach((q, i) => {
    if (seen.has(q.id)) f.add(`questions.${i}.id`, 'surveys.error.questionId', { id: q.id });
    seen.add(q.id);
    if (!hasText(q.label)) f.add(`questions.${i}.label`, 'surveys.error.label');
    if (q.kind === 'choice' && (q.options ?? []).filter(hasText).length < 2) f.add(`questions.${i}.options`, 'surveys.error.options');
  });
  if (input.kind === 'post') {
    if (!input.pairedWith) f.add('pairedWith', 'surveys.error.pairedWith');
    else {
      const [pre] = await db.select().from(surveys).where(eq(surveys.id, input.pairedWith));
      if (!pre || pre.kind !== 'pre') f.add('pairedWith', 'surveys.error.pairedKind');
    }
  }
  if (input.kind === 'followup') {
    if (!FOLLOWUP_MONTHS.includes(input.months ?? 0)) f.add('months', 'surveys.error.months');
    if (!e) f.add('event', 'surveys.error.followupEvent');
  }
  f.throwIfAny();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(surveys)
      .values({
        eventId: e?.id ?? null,
        chapter,
        programId: program?.id ?? null,
        kind: input.kind,
        title: input.title,
        questions: input.questions.map((q) => ({ ...q, options: q.kind === 'choice' ? q.options : undefined })),
        pairedWith: input.kind === 'post' ? input.pairedWith : null,
        months: input.kind === 'followup' ? input.months : null,
        createdBy: opts.by,
      })
      .returning();
    // People who already agreed, on this event's surveys, to hear from us later get this one too.
    if (row.kind === 'followup' && e) await queueFollowups(tx as unknown as Db, row, e);
    return row;
  });
}

/** Surveys an organizer may see: those of their chapters (all, for admins), newest first. */
export async function listSurveys(db: Db, chapters: string[] | null): Promise<SurveyRow[]> {
  const all = await db.select().from(surveys).orderBy(desc(surveys.createdAt)).limit(200);
  return all.filter((s) => chapters === null || s.chapter === null || chapters.includes(s.chapter));
}

export async function getSurvey(db: Db, id: string): Promise<SurveyRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [s] = await db.select().from(surveys).where(eq(surveys.id, id));
  if (!s) throw notFound();
  return s;
}

/** Checks each answer against its question; unknown questions and missing required answers are named. */
function checkAnswers(s: SurveyRow, answers: ResponseInput['answers'], f: FieldProblems): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  const byId = new Map(s.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      f.add(`answers.${id}`, 'surveys.error.unknownQuestion', { id });
      continue;
    }
    if (value === '' || value === null) continue;
    const ok = validAnswer(q, value);
    if (ok === null) f.add(`answers.${id}`, `surveys.error.${q.kind}`);
    else out[id] = ok;
  }
  for (const q of s.questions) if (q.required && out[q.id] === undefined) f.add(`answers.${q.id}`, 'surveys.error.required');
  return out;
}

/** The answer in its stored form, or null when it does not fit the question. Form values arrive as text. */
function validAnswer(q: SurveyQuestion, value: number | boolean | string): number | boolean | string | null {
  switch (q.kind) {
    case 'likert': {
      const n = typeof value === 'string' ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
    }
    case 'choice': {
      const n = typeof value === 'string' ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < (q.options?.length ?? 0) ? n : null;
    }
    case 'yesno':
      if (typeof value === 'boolean') return value;
      return value === 'yes' ? true : value === 'no' ? false : null;
    case 'text': {
      if (typeof value !== 'string') return null;
      const t = value.normalize('NFC').trim();
      return t.length <= 2000 ? t : null;
    }
  }
}

/**
 * Saves one person's answers; answering again replaces them (one row per survey and address, by the
 * unique index). With the follow-up box ticked on an event's survey, that event's follow-ups are queued.
 */
export async function saveResponse(db: Db, s: SurveyRow, input: ResponseInput & { email: string }): Promise<void> {
  const f = new FieldProblems();
  const answers = checkAnswers(s, input.answers, f);
  f.throwIfAny();
  const person = await findPersonByEmail(db, input.email);
  const consent = input.followupConsent === true || person?.consents.research === true;
  await db.transaction(async (tx) => {
    await tx
      .insert(surveyResponses)
      .values({
        surveyId: s.id,
        personId: person?.id ?? null,
        email: input.email,
        language: input.language ?? 'en',
        answers,
        followupConsent: input.followupConsent === true,
      })
      .onConflictDoUpdate({
        target: [surveyResponses.surveyId, surveyResponses.email],
        set: { answers, language: input.language ?? 'en', followupConsent: input.followupConsent === true, updatedAt: new Date() },
      });
    if (consent && s.eventId && s.kind !== 'followup') {
      const e = await getEventById(tx as unknown as Db, s.eventId);
      const followups = await tx
        .select()
        .from(surveys)
        .where(and(eq(surveys.eventId, s.eventId), eq(surveys.kind, 'followup')));
      for (const fu of followups) await queueOne(tx as unknown as Db, fu, e, input.email, input.language ?? 'en');
    }
  });
}

const dueAt = (e: EventRow, months: number) => {
  const d = new Date(e.endsAt);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/**
 * Queues one follow-up, unless this address has stopped follow-ups: a stop covers the follow-ups
 * written later too (the 6- and 12-month surveys are often made after the first was sent).
 */
async function queueOne(db: Db, fu: SurveyRow, e: EventRow, email: string, language: string) {
  await db.execute(
    sql`INSERT INTO survey_followups (survey_id, email, language, due_at)
        SELECT ${fu.id}, ${email}, ${language}, ${dueAt(e, fu.months ?? 3).toISOString()}::timestamptz
        WHERE NOT EXISTS (SELECT 1 FROM survey_followups WHERE email = ${email} AND stopped_at IS NOT NULL)
        ON CONFLICT DO NOTHING`,
  );
}

/** Everyone who agreed on this event's other surveys (or by their profile's research consent) gets this follow-up, once. */
async function queueFollowups(db: Db, fu: SurveyRow, e: EventRow) {
  const answered = await rows<{ email: string; language: string; consent: boolean }>(
    db,
    sql`SELECT DISTINCT ON (r.email) r.email, r.language, r.followup_consent AS consent
        FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
        WHERE s.event_id = ${e.id} AND s.kind <> 'followup' ORDER BY r.email, r.followup_consent DESC`,
  );
  for (const r of answered) {
    const agreed = r.consent || (await findPersonByEmail(db, r.email))?.consents.research === true;
    if (agreed) await queueOne(db, fu, e, r.email, r.language);
  }
}

/** Follow-ups due now that have not been sent, marked sent first (a conditional update) and returned for mailing. */
export async function claimDueFollowups(db: Db, now = new Date()) {
  return rows<{ id: string; surveyId: string; email: string; language: string; kind: 'first' | 'reminder' }>(
    db,
    sql`WITH first AS (
          UPDATE survey_followups SET sent_at = ${now.toISOString()}::timestamptz
          WHERE sent_at IS NULL AND stopped_at IS NULL AND due_at <= ${now.toISOString()}::timestamptz
          RETURNING id, survey_id AS "surveyId", email, language, 'first' AS kind
        ), reminder AS (
          UPDATE survey_followups f SET reminded_at = ${now.toISOString()}::timestamptz
          WHERE f.sent_at IS NOT NULL AND f.reminded_at IS NULL AND f.stopped_at IS NULL
            AND f.sent_at <= ${now.toISOString()}::timestamptz - interval '14 days'
            AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = f.survey_id AND r.email = f.email)
          RETURNING id, survey_id AS "surveyId", email, language, 'reminder' AS kind
        )
        SELECT * FROM first UNION ALL SELECT * FROM reminder`,
  );
}

/** Unsubscribe: no follow-up is sent to this address again. */
export async function stopFollowups(db: Db, email: string): Promise<void> {
  await db
    .update(surveyFollowups)
    .set({ stoppedAt: new Date() })
    .where(and(sql`${surveyFollowups.email} = ${email}`, isNull(surveyFollowups.stoppedAt)));
}

// ---- results ----

/** A count as the API shows it: the number, or `{value: null, suppressed: true}` when small. */
export type Cell = number | { value: null; suppressed: true };
const HIDDEN = { value: null, suppressed: true } as const;
export const cell = (n: number, hidden: boolean): Cell => (hidden ? HIDDEN : n);

export interface QuestionResult {
  id: string;
  kind: SurveyQuestion['kind'];
  label: SurveyQuestion['label'];
  answered: Cell;
  counts?: { option: string; count: Cell }[];
  mean?: number | { value: null; suppressed: true };
  /** Text answers: organizers only. */
  texts?: string[];
}

export interface SurveyResults {
  responses: Cell;
  questions: QuestionResult[];
  /** Post surveys: the same people before and after. */
  paired?: { people: Cell; questions: { id: string; meanChange: number | typeof HIDDEN; shareImproved: number | typeof HIDDEN }[] };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

type Answer = number | boolean | string;

/** One question's figures from the answers given to it: counts per option hidden when small (also by subtraction), the mean from 5 people. */
export function questionResult(q: SurveyQuestion, given: (Answer | undefined)[], withTexts: boolean): QuestionResult {
  const values = given.filter((v): v is Answer => v !== undefined && v !== '');
  const answered = values.length;
  const base: QuestionResult = { id: q.id, kind: q.kind, label: q.label, answered: cell(answered, isSmallCount(answered)) };
  const buckets =
    q.kind === 'likert'
      ? [1, 2, 3, 4, 5].map((k) => ({ option: String(k), n: values.filter((v) => v === k).length }))
      : q.kind === 'choice'
        ? (q.options ?? []).map((o, k) => ({ option: o.en || o.es || String(k), n: values.filter((v) => v === k).length }))
        : q.kind === 'yesno'
          ? [
              { option: 'yes', n: values.filter((v) => v === true).length },
              { option: 'no', n: values.filter((v) => v === false).length },
            ]
          : null;
  if (buckets) {
    const hidden = isSmallCount(answered) ? buckets.map(() => true) : suppressedCells(buckets.map((b) => b.n));
    base.counts = buckets.map((b, i) => ({ option: b.option, count: cell(b.n, hidden[i]) }));
  }
  if (q.kind === 'likert')
    base.mean = answered >= 5 ? round2(values.reduce((a: number, v) => a + Number(v), 0) / answered) : answered === 0 ? 0 : HIDDEN;
  if (q.kind === 'text' && withTexts) base.texts = values.map(String);
  return base;
}

/** Mean change and share improved from a list of changes, or hidden below 5 people. */
export function changeFigures(changes: number[]) {
  const enough = changes.length >= 5;
  return {
    meanChange: enough ? round2(changes.reduce((a, b) => a + b, 0) / changes.length) : HIDDEN,
    shareImproved: enough ? round2(changes.filter((d) => d > 0).length / changes.length) : HIDDEN,
  };
}

/** For a `post` survey's answers: each person who also answered its `pre` survey, with their answers before and after. */
export async function pairedAnswers(db: Db, s: SurveyRow, after: ResponseRow[]) {
  if (s.kind !== 'post' || !s.pairedWith) return null;
  const before = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.pairedWith));
  const beforeBy = new Map(before.map((r) => [r.email.toLowerCase(), r.answers]));
  return after
    .filter((r) => beforeBy.has(r.email.toLowerCase()))
    .map((r) => ({ before: beforeBy.get(r.email.toLowerCase())!, after: r.answers }));
}

/** The change on one Likert question for one person, when they answered it both times. */
export const changeOn = (p: { before: Record<string, Answer>; after: Record<string, Answer> }, id: string) => {
  const [a, b] = [p.before[id], p.after[id]];
  return typeof a === 'number' && typeof b === 'number' ? b - a : null;
};

/**
 * Aggregates with small counts hidden (1–4), including a cell a shown total would give away by
 * subtraction. Means are hidden when fewer than 5 people answered. Text answers only with `withTexts`.
 */
export async function surveyResults(db: Db, s: SurveyRow, opts: { withTexts: boolean }): Promise<SurveyResults> {
  const list = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
  const total = list.length;
  const questions = s.questions.map((q) =>
    questionResult(
      q,
      list.map((r) => r.answers[q.id]),
      opts.withTexts,
    ),
  );
  const out: SurveyResults = { responses: cell(total, isSmallCount(total)), questions };
  const pairs = await pairedAnswers(db, s, list);
  if (pairs) {
    out.paired = {
      people: cell(pairs.length, isSmallCount(pairs.length)),
      questions: s.questions
        .filter((q) => q.kind === 'likert')
        .map((q) => ({ id: q.id, ...changeFigures(pairs.map((p) => changeOn(p, q.id)).filter((d): d is number => d !== null)) })),
    };
  }
  return out;
}

// ---- a person's own answers (data rights, and "my answers") ----

export async function answersOf(db: Db, personId: string) {
  return rows<{ id: string; survey: unknown; answers: unknown; answeredAt: string }>(
    db,
    sql`SELECT r.id, s.title AS survey, r.answers, r.updated_at AS "answeredAt"
        FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE r.person_id = ${personId} ORDER BY r.updated_at`,
  );
}

/** Deletes a person's answers and follow-ups (their account's, and any given with their address). */
export async function eraseAnswers(db: Db, personId: string, email: string | null): Promise<void> {
  await db.delete(surveyResponses).where(eq(surveyResponses.personId, personId));
  if (email) {
    await db.delete(surveyResponses).where(sql`${surveyResponses.email} = ${email}`);
    await db.delete(surveyFollowups).where(sql`${surveyFollowups.email} = ${email}`);
  }
}

export async function deleteOwnResponse(db: Db, personId: string, responseId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(responseId)) throw notFound();
  await db.delete(surveyResponses).where(and(eq(surveyResponses.id, responseId), eq(surveyResponses.personId, personId)));
}
