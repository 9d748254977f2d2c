import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { AppError, FieldProblems, notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import { checkAnswers, getEventById, slugify } from '../../events';
import { requestSubscription } from '../../newsletter';
import { ensurePerson } from '../../people';
import { buildQuestions, formQuestion } from '../../programs';
import { initiatives, interestForms, interestResponses, type InterestForm, type InterestQuestion, type InterestResponse } from '../schema';
import { getConvening } from './convenings';
import { initiativesBySlugs } from './initiatives';
import { key, nullableText, patchText, requiredText, slug } from './input';
import { checkKeys } from './taxonomy';
import { slugTaken } from './slugs';

/** A question sent without an id is numbered when saved; `#` is not a character a given id may have. */
const NEW_ID = '#';

const questionList = z.array(formQuestion.extend({ maxLength: z.number().int().min(1).max(10_000).optional() })).max(30);
const topicList = z.array(key).max(20);

/** The programs builder's questions plus a length limit; those sent without an id are marked new. */
function questionsOf(sent: z.output<typeof questionList>, ctx: z.RefinementCtx): InterestQuestion[] {
  const built = buildQuestions(
    sent.map((q, i) => ({ ...q, id: q.id ?? `${NEW_ID}${i}` })),
    ctx,
  );
  return built.map((q, i) => (sent[i].maxLength ? { ...q, maxLength: sent[i].maxLength } : q));
}

/** A form's questions: the programs builder's, plus an optional length limit for a typed answer. */
export const interestFormInput = z
  .object({
    slug: slug.optional(),
    title: requiredText(300),
    titleEs: nullableText(300),
    questions: questionList.default([]),
    topics: topicList.default([]),
    convening: slug.optional().nullable(),
    initiative: slug.optional().nullable(),
  })
  .transform((v, ctx) => ({ ...v, questions: questionsOf(v.questions, ctx) }));
export type InterestFormInput = z.output<typeof interestFormInput>;

/**
 * A change to a form: what is left out stays. Questions sent with the id they have keep it (answers are
 * stored under it); those sent without one are new; those not sent are taken off the form, their
 * answers kept. `version` is the one the change was made from: a form changed since is a 409.
 */
export const interestFormPatch = z
  .object({
    title: requiredText(300).optional(),
    titleEs: patchText(300),
    questions: questionList.optional(),
    topics: topicList.optional(),
    convening: slug.optional().nullable(),
    initiative: slug.optional().nullable(),
    version: z.number({ message: 'validation.number' }).int().min(1).optional(),
  })
  .transform((v, ctx) => ({ ...v, questions: v.questions && questionsOf(v.questions, ctx) }));
export type InterestFormPatch = z.output<typeof interestFormPatch>;

/**
 * New questions get ids no answer was ever stored under: the next `q<n>` after every id the form has
 * had, taken-off ones included (a new form's are q1, q2…).
 */
function numberNew(questions: InterestQuestion[], had: string[]): InterestQuestion[] {
  const used = new Set([...had, ...questions.map((q) => q.id).filter((id) => !id.startsWith(NEW_ID))]);
  let next = Math.max(0, ...[...used].map((id) => Number(/^q(\d{1,6})$/.exec(id)?.[1] ?? 0))) + 1;
  return questions.map((q) => {
    if (!q.id.startsWith(NEW_ID)) return q;
    while (used.has(`q${next}`)) next++;
    return { ...q, id: `q${next++}` };
  });
}

/** The convening and initiative a form is attached to, by slug; left out is unchanged, null is none. */
async function attachments(
  tx: Db,
  v: { convening?: string | null; initiative?: string | null },
  problems: FieldProblems,
): Promise<{ eventId?: string | null; initiativeId?: string | null }> {
  const out: { eventId?: string | null; initiativeId?: string | null } = {};
  if (v.initiative !== undefined) {
    const [initiative] = await initiativesBySlugs(tx, v.initiative ? [v.initiative] : [], 'initiative', problems);
    out.initiativeId = initiative?.id ?? null;
  }
  if (v.convening !== undefined) {
    out.eventId = null;
    if (v.convening)
      try {
        out.eventId = (await getConvening(tx, v.convening)).event.id;
      } catch {
        problems.add('convening', 'directory.error.unknownConvening', { slug: v.convening });
      }
  }
  return out;
}

export async function createInterestForm(db: Db, input: InterestFormInput, actorId: string | null): Promise<InterestForm> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    await checkKeys(tx, 'topic', 'topics', input.topics, problems);
    const links = await attachments(tx, input, problems);
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
        questions: numberNew(input.questions, []),
        topics: [...new Set(input.topics)],
        eventId: links.eventId ?? null,
        initiativeId: links.initiativeId ?? null,
        createdBy: actorId,
      })
      .onConflictDoNothing({ target: interestForms.slug })
      .returning();
    if (!row) throw slugTaken();
    return row;
  });
}

/** Someone saved the form after this change's copy was read; a field of its own, so pages show it. */
const formChanged = () => new AppError('conflict', 409, 'directory.error.formChanged', { version: 'directory.error.formChanged' });

/**
 * Changes a form in one conditional write: on the version read (or the one the change names), so
 * of two organizers editing at once the second gets a 409 instead of undoing the first's work.
 * Questions taken off move to `retiredQuestions`, so their stored answers keep a label.
 */
export async function updateInterestForm(db: Db, form: InterestForm, patch: InterestFormPatch): Promise<InterestForm> {
  if (patch.version !== undefined && patch.version !== form.version) throw formChanged();
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    if (patch.topics) await checkKeys(tx, 'topic', 'topics', patch.topics, problems);
    const links = await attachments(tx, patch, problems);
    problems.throwIfAny();
    const had = [...form.questions, ...form.retiredQuestions];
    const questions =
      patch.questions &&
      numberNew(
        patch.questions,
        had.map((q) => q.id),
      );
    const kept = (q: InterestQuestion) => !questions || questions.some((n) => n.id === q.id);
    const [row] = await tx
      .update(interestForms)
      .set({
        ...links,
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.titleEs !== undefined && { titleEs: patch.titleEs }),
        ...(patch.topics && { topics: [...new Set(patch.topics)] }),
        ...(questions && { questions, retiredQuestions: had.filter((q) => !kept(q)) }),
        version: sql`${interestForms.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(interestForms.id, form.id), eq(interestForms.version, form.version)))
      .returning();
    if (!row) throw formChanged();
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

/** The addresses of the convening and initiative a form is attached to, for its builder. */
export async function formLinks(db: Db, form: InterestForm): Promise<{ convening: string | null; initiative: string | null }> {
  const [event, [initiative]] = await Promise.all([
    form.eventId ? getEventById(db, form.eventId) : null,
    form.initiativeId ? db.select({ slug: initiatives.slug }).from(initiatives).where(eq(initiatives.id, form.initiativeId)) : [],
  ]);
  return { convening: event?.slug ?? null, initiative: initiative?.slug ?? null };
}

export type AttachedForm = Pick<InterestForm, 'slug' | 'title' | 'titleEs'>;

/**
 * The interest forms a convening, an initiative or a post invites people to complete, oldest first:
 * one query for the page, whatever the number of forms.
 */
export async function attachedForms(
  db: Db,
  to: { eventId: string } | { initiativeId: string } | { ids: string[] },
): Promise<AttachedForm[]> {
  const where =
    'eventId' in to
      ? eq(interestForms.eventId, to.eventId)
      : 'initiativeId' in to
        ? eq(interestForms.initiativeId, to.initiativeId)
        : to.ids.length > 0
          ? inArray(interestForms.id, to.ids)
          : null;
  if (!where) return [];
  return db
    .select({ slug: interestForms.slug, title: interestForms.title, titleEs: interestForms.titleEs })
    .from(interestForms)
    .where(where)
    .orderBy(asc(interestForms.createdAt), asc(interestForms.slug));
}

/** Forms named by slug (a post's), each unknown one a problem on `field`. */
export async function formsBySlugs(db: Db, slugs: string[], field: string, problems: FieldProblems): Promise<string[]> {
  const wanted = [...new Set(slugs)];
  if (wanted.length === 0) return [];
  const found = await db
    .select({ id: interestForms.id, slug: interestForms.slug })
    .from(interestForms)
    .where(inArray(interestForms.slug, wanted));
  for (const s of wanted) if (!found.some((f) => f.slug === s)) problems.add(field, 'directory.error.unknownForm', { slug: s });
  return wanted.flatMap((s) => found.filter((f) => f.slug === s).map((f) => f.id));
}
