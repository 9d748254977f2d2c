import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { FieldProblems, notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import { checkAnswers, slugify } from '../../events';
import { requestSubscription } from '../../newsletter';
import { ensurePerson } from '../../people';
import { buildQuestions, formQuestion } from '../../programs';
import { interestForms, interestResponses, type InterestForm, type InterestQuestion, type InterestResponse } from '../schema';
import { getConvening } from './convenings';
import { initiativesBySlugs } from './initiatives';
import { key, nullableText, requiredText, slug } from './input';
import { checkKeys } from './taxonomy';
import { slugTaken } from './slugs';

/** A form's questions: the programs builder's, plus an optional length limit for a typed answer. */
export const interestFormInput = z
  .object({
    slug: slug.optional(),
    title: requiredText(300),
    titleEs: nullableText(300),
    questions: z
      .array(formQuestion.extend({ maxLength: z.number().int().min(1).max(10_000).optional() }))
      .max(30)
      .default([]),
    topics: z.array(key).max(20).default([]),
    convening: slug.optional().nullable(),
    initiative: slug.optional().nullable(),
  })
  .transform((v, ctx) => {
    const built = buildQuestions(v.questions, ctx);
    const questions: InterestQuestion[] = built.map((q, i) =>
      v.questions[i].maxLength ? { ...q, maxLength: v.questions[i].maxLength } : q,
    );
    return { ...v, questions };
  });
export type InterestFormInput = z.output<typeof interestFormInput>;

export async function createInterestForm(db: Db, input: InterestFormInput, actorId: string | null): Promise<InterestForm> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    await checkKeys(tx, 'topic', 'topics', input.topics, problems);
    const [initiative] = await initiativesBySlugs(tx, input.initiative ? [input.initiative] : [], 'initiative', problems);
    let eventId: string | null = null;
    if (input.convening) {
      try {
        eventId = (await getConvening(tx, input.convening)).event.id;
      } catch {
        problems.add('convening', 'directory.error.unknownConvening', { slug: input.convening });
      }
    }
    problems.throwIfAny();
    const base = input.slug ?? (slugify(input.title).slice(0, 70) || 'form');
    let formSlug = base;
    for (
      let n = 2;
      !input.slug && (await tx.select({ id: interestForms.id }).from(interestForms).where(eq(interestForms.slug, formSlug))).length;
      n++
    )
      formSlug = `${base}-${n}`;
    const [row] = await tx
      .insert(interestForms)
      .values({
        slug: formSlug,
        title: input.title,
        titleEs: input.titleEs,
        questions: input.questions,
        topics: [...new Set(input.topics)],
        eventId,
        initiativeId: initiative?.id ?? null,
        createdBy: actorId,
      })
      .onConflictDoNothing({ target: interestForms.slug })
      .returning();
    if (!row) throw slugTaken();
    return row;
  });
}

export async function getInterestForm(db: Db, formSlug: string): Promise<InterestForm> {
  const [f] = await db.select().from(interestForms).where(eq(interestForms.slug, formSlug));
  if (!f) throw notFound();
  return f;
}

export const responseInput = z.object({
  name: personName,
  email: emailAddress,
  language: z.enum(['en', 'es']).default('en'),
  answers: z.record(z.string().max(40), z.union([z.string().max(20_000), z.number(), z.boolean()])).default({}),
  topics: z.array(key).max(20).default([]),
  consent: z.boolean().default(false),
});
export type ResponseInput = z.output<typeof responseInput>;

/**
 * Every answer checked before anything is stored: a question the form does not have, a required one
 * missing, one over its length limit or not among a choice's options is a 422 on that answer.
 */
function checkResponse(form: InterestForm, input: ResponseInput): void {
  const problems = new FieldProblems();
  for (const k of Object.keys(input.answers))
    if (!form.questions.some((q) => q.id === k)) problems.add(`answers.${k}`, 'directory.error.unknownQuestion');
  for (const q of form.questions) {
    const v = input.answers[q.id];
    if (q.maxLength && v !== undefined && String(v).normalize('NFC').trim().length > q.maxLength)
      problems.add(`answers.${q.id}`, 'directory.error.answerTooLong', { max: q.maxLength });
  }
  for (const t of input.topics) if (!form.topics.includes(t)) problems.add('topics', 'directory.error.unknownTopic', { keys: t });
  problems.throwIfAny();
  checkAnswers(form, Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, String(v)])));
}

/**
 * A response: the person is found or made by email (never renamed; the response keeps the name as
 * typed). With consent, the newsletter's own double opt-in starts: a confirmation email, nothing more.
 */
export async function submitResponse(deps: Deps, form: InterestForm, input: ResponseInput): Promise<InterestResponse> {
  checkResponse(form, input);
  const row = await deps.db.transaction(async (tx) => {
    const { person } = await ensurePerson(tx, { email: input.email, fullName: input.name, language: input.language });
    const [r] = await tx
      .insert(interestResponses)
      .values({
        formId: form.id,
        personId: person.id,
        name: input.name,
        email: input.email,
        language: input.language,
        answers: input.answers,
        topics: [...new Set(input.topics)],
        consent: input.consent,
      })
      .returning();
    return r;
  });
  if (input.consent)
    await requestSubscription(deps, { email: input.email, name: input.name, language: input.language }, `directory-form:${form.slug}`);
  return row;
}

export async function listResponses(
  db: Db,
  formId: string,
  page: { limit: number; offset: number },
): Promise<{ responses: InterestResponse[]; total: number }> {
  const list = await db
    .select({ r: interestResponses, total: sql<number>`count(*) OVER ()` })
    .from(interestResponses)
    .where(eq(interestResponses.formId, formId))
    .orderBy(desc(interestResponses.submittedAt), desc(interestResponses.id))
    .limit(page.limit)
    .offset(page.offset);
  return { responses: list.map((x) => x.r), total: Number(list[0]?.total ?? 0) };
}
