import { z } from 'zod';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { safeHref } from '../../../platform/http/urls';
import { isTimeZone, localText, zonedToUtc, type FormQuestion } from '../../events';
import { SESSION_KINDS, SLOT_KINDS, type BookingQuotas, type EligibilityRule, type LocalText } from '../schema';

const bothOrOne = (t: { en: string | null; es: string | null }) => !!(t.en || t.es);

/** ISO 8601 with an offset, a date-time without one (read in the program's zone), or a date alone. */
const when = z.union([z.string().max(40), z.null()]).optional();

/**
 * An instant from what organizers type, in the program's zone. A date alone is the start of that day,
 * or its last moment for deadlines and ends ("closes Aug 21" means until 11:59 PM that day there).
 */
export function readInstant(value: string | null | undefined, timeZone: string, dateMeans: 'start' | 'end'): Date | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = zonedToUtc(`${v}T${dateMeans === 'end' ? '23:59:59' : '00:00'}`, timeZone);
    return d && dateMeans === 'end' ? new Date(d.getTime() + 999) : d;
  }
  const d = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? new Date(v) : zonedToUtc(v, timeZone);
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** Paths under /programs/ that are pages, not programs. */
const RESERVED_SLUGS = ['my-drafts'];

const count = (max: number) => z.coerce.number({ message: 'validation.number' }).int({ message: 'validation.number' }).min(0).max(max);

/** One question of a form organizers build (programs, interest forms): the shared builder's shape. */
export const formQuestion = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, { message: 'programs.error.questionId' })
    .optional(),
  kind: z.enum(['text', 'long_text', 'choice', 'yesno', 'number']),
  label: localText(300).refine(bothOrOne, { message: 'validation.required' }),
  required: z.boolean().default(false),
  options: z.array(localText(200)).max(30).optional(),
});

const rule = z.object({
  field: z.string().max(40),
  op: z.enum(['eq', 'in', 'gte', 'lte']),
  value: z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(50)]),
  message: localText(500).refine(bothOrOne, { message: 'programs.error.ruleMessage' }),
});

/**
 * The questions as stored: ids given or numbered (`q1`, `q2`…), choice options without blanks. A repeated
 * or reserved id, or a choice with fewer than two options, is a field error on that question.
 */
export function buildQuestions(raw: z.output<typeof formQuestion>[], ctx: z.RefinementCtx, reserved: string[] = []): FormQuestion[] {
  const questions: FormQuestion[] = raw.map((q, i) => ({
    id: q.id ?? `q${i + 1}`,
    kind: q.kind,
    label: q.label as LocalText,
    required: q.required,
    options: q.kind === 'choice' ? (q.options ?? []).filter(bothOrOne) : undefined,
  }));
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id) || reserved.includes(q.id))
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'programs.error.questionIdTaken' });
    seen.add(q.id);
    if (q.kind === 'choice' && (q.options ?? []).length < 2)
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: 'programs.error.options' });
  });
  return questions;
}

/**
 * What organizers send for a program: the API body and the service's one check. Editing a program whose
 * deadline has passed keeps that deadline (`keepDeadline`); any other deadline must still be ahead.
 */
const programFields = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'programs.error.slug' })
    .max(80)
    // The address of a page of its own (a person's drafts), which a program must not shadow.
    .refine((s) => !RESERVED_SLUGS.includes(s), { message: 'programs.error.slugTaken' })
    .optional(),
  chapter: z.string().max(80).optional().nullable(),
  title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }),
  description: localText(20000).optional().default({ en: null, es: null }),
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'programs.error.timeZone' }),
  startsAt: when,
  endsAt: when,
  applicationDeadline: when,
  languages: z
    .array(z.enum(['en', 'es']))
    .min(1)
    .max(2)
    .default(['en', 'es']),
  bookingQuotas: z
    .object({ office_hour: count(100).default(0), ta: count(100).default(0), pre_call: count(100).default(0) })
    .default({ office_hour: 0, ta: 0, pre_call: 0 }),
  questions: z.array(formQuestion).max(30).default([]),
  eligibility: z.array(rule).max(20).default([]),
  tags: z
    .array(
      z.object({
        key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'programs.error.tag' }),
        description: localText(300).optional().default({ en: null, es: null }),
      }),
    )
    .max(50)
    .default([]),
});

const programSchema = (keepDeadline?: Date) =>
  programFields.transform((v, ctx) => {
    const tz = isTimeZone(v.timeZone) ? v.timeZone : 'UTC';
    const instant = (field: 'startsAt' | 'endsAt' | 'applicationDeadline', means: 'start' | 'end') => {
      const d = readInstant(v[field], tz, means);
      if (!d) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.date' });
      return d;
    };
    const startsAt = instant('startsAt', 'start');
    const endsAt = instant('endsAt', 'end');
    const applicationDeadline = instant('applicationDeadline', 'end');
    if (startsAt && endsAt && endsAt <= startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'programs.error.endBeforeStart' });
    if (applicationDeadline && applicationDeadline <= new Date() && applicationDeadline.getTime() !== keepDeadline?.getTime())
      ctx.addIssue({ code: 'custom', path: ['applicationDeadline'], message: 'programs.error.deadlinePast' });

    const questions = buildQuestions(v.questions, ctx, ['members']);
    v.eligibility.forEach((r, i) => {
      const q = questions.find((x) => x.id === r.field);
      if (!q && r.field !== 'members')
        ctx.addIssue({ code: 'custom', path: ['eligibility', i, 'field'], message: 'programs.error.ruleField' });
      const numeric = r.field === 'members' || q?.kind === 'number';
      if (r.op === 'in' && !Array.isArray(r.value))
        ctx.addIssue({ code: 'custom', path: ['eligibility', i, 'value'], message: 'programs.error.ruleList' });
      if ((r.op === 'gte' || r.op === 'lte') && (!numeric || !Number.isFinite(Number(r.value))))
        ctx.addIssue({ code: 'custom', path: ['eligibility', i, 'value'], message: 'programs.error.ruleNumber' });
    });
    const tags = new Set<string>();
    v.tags.forEach((t, i) => {
      if (tags.has(t.key)) ctx.addIssue({ code: 'custom', path: ['tags', i, 'key'], message: 'programs.error.tagTaken' });
      tags.add(t.key);
    });
    return {
      ...v,
      startsAt: startsAt as Date,
      endsAt: endsAt as Date,
      applicationDeadline: applicationDeadline as Date,
      bookingQuotas: v.bookingQuotas as BookingQuotas,
      questions,
      eligibility: v.eligibility as EligibilityRule[],
      tags: v.tags.map((t) => ({ key: t.key, description: t.description as LocalText })),
    };
  });
export const programInput = programSchema();
/** The same check for an edit of a program with this deadline. */
export const programEditInput = (deadline: Date) => programSchema(deadline);
export type ProgramInput = z.output<typeof programInput>;

/**
 * A change to a program over the API: any of its fields (what is left out stays). The fields are read
 * here; the whole program after the change is then checked with `programEditInput`, as the edit page does.
 */
export const programChangeInput = programFields.partial();

/** Answers arrive as text (forms) or JSON values; the shared answer check reads text. */
const answerValue = z
  .union([z.string().max(10_000, { message: 'programs.error.answerTooLong' }), z.number(), z.boolean(), z.null()])
  .transform((a) => (a === null ? '' : typeof a === 'boolean' ? (a ? 'yes' : 'no') : String(a)));

const member = z.object({ name: personName, email: emailAddress, role: optionalText(200) });

/** An application, from the public form or the API. */
export const applicationInput = z
  .object({
    organization: z
      .string()
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().min(1).max(300)),
    contact: z.object({ name: personName, email: emailAddress }),
    language: z.enum(['en', 'es']),
    languageNeeds: z
      .array(z.enum(['en', 'es']))
      .max(2)
      .optional()
      .default([]),
    members: z.array(member).max(50).default([]),
    answers: z.record(z.string().max(40), answerValue).optional().default({}),
  })
  .superRefine((v, ctx) => {
    if (v.members.length === 0) ctx.addIssue({ code: 'custom', path: ['members'], message: 'programs.error.noMembers' });
    const seen = new Set<string>();
    v.members.forEach((m, i) => {
      const key = m.email.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: 'programs.error.duplicateMember' });
      seen.add(key);
    });
  });
export type ApplicationInput = z.output<typeof applicationInput>;

export const reviewInput = z.object({
  score: z.coerce.number({ message: 'validation.number' }).int({ message: 'validation.number' }).min(1).max(5),
  comment: optionalText(5000),
});

export const decisionInput = z.object({ decision: z.enum(['accepted', 'declined', 'waitlisted']) });

/** A meeting link: http(s) only (the one URL rule); blank or absent is none. */
const meetingLink = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
  z
    .url({ message: 'validation.url' })
    .max(2000)
    .refine((u) => safeHref(u) !== null, { message: 'validation.url' })
    .nullable(),
);

const slotTimes = { startsAt: z.string().max(40), endsAt: z.string().max(40) };

export const slotInput = z.object({
  kind: z.enum(SLOT_KINDS),
  ...slotTimes,
  capacity: z.coerce
    .number({ message: 'validation.number' })
    .int({ message: 'validation.number' })
    .min(1, { message: 'programs.error.capacity' })
    .max(10_000),
  host: z.object({ name: personName, email: emailAddress, language: z.enum(['en', 'es']).default('en') }).optional(),
  link: meetingLink,
});
export type SlotInput = z.output<typeof slotInput>;

/** Changing a slot: move it (both times), give it another number of seats, or cancel it. */
export const slotMoveInput = z.object({
  startsAt: z.string().max(40).optional(),
  endsAt: z.string().max(40).optional(),
  capacity: z.coerce
    .number({ message: 'validation.number' })
    .int({ message: 'validation.number' })
    .min(1, { message: 'programs.error.capacity' })
    .max(10_000)
    .optional(),
  cancelled: z.literal(true).optional(),
});

export const bookingInput = z.object({ teamId: z.uuid().optional() });

/** A session: the pre-program call, a weekly session or the closing call. */
export const sessionInput = z.object({
  kind: z.enum(SESSION_KINDS),
  title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }),
  ...slotTimes,
  link: meetingLink,
  tags: z.array(z.string().max(40)).max(20).default([]),
});
export type SessionInput = z.output<typeof sessionInput>;

/** Changing a session (any of its fields; what is left out stays) or cancelling it. */
export const sessionChangeInput = z.object({
  kind: z.enum(SESSION_KINDS).optional(),
  title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }).optional(),
  startsAt: z.string().max(40).optional(),
  endsAt: z.string().max(40).optional(),
  link: meetingLink.optional(),
  tags: z.array(z.string().max(40)).max(20).optional(),
  cancelled: z.literal(true).optional(),
});
export type SessionChange = z.output<typeof sessionChangeInput>;

/** Who was there: team members by id, each present or not. */
export const attendanceInput = z.object({
  members: z
    .array(z.object({ id: z.uuid(), attended: z.boolean() }))
    .min(1)
    .max(500),
});

/** A deliverable every team hands in. */
export const deliverableInput = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/i, { message: 'programs.error.questionId' }),
  title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }),
  dueAt: z.string().max(40),
  tags: z.array(z.string().max(40)).max(20).default([]),
});
export type DeliverableInput = z.output<typeof deliverableInput>;

/** Changing a deliverable: its title, due date or tags (its key stays, as teams' work hangs on it). */
export const deliverableChangeInput = deliverableInput.omit({ key: true });
export type DeliverableChange = z.output<typeof deliverableChangeInput>;

/** A team's hand-in: its text, limited here (the platform takes bodies far larger). */
export const handInInput = z.object({
  content: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(20_000, { message: 'programs.error.handInTooLong' })),
});

export const deliverableReviewInput = z.object({ status: z.enum(['changes_requested', 'approved']) });

const itemId = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/i, { message: 'programs.error.questionId' })
  .optional();

/**
 * A worksheet template: sections of questions, EN/ES. Ids left out are given in order (`s1`, `s1-q1`),
 * so a template written by hand needs none; question ids are unique in the whole worksheet.
 */
const templateSchema = (idsRequired: boolean) =>
  z
    .object({
      key: z.string().regex(/^[a-z0-9_-]{1,40}$/i, { message: 'programs.error.questionId' }),
      title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }),
      sections: z
        .array(
          z.object({
            id: itemId,
            title: localText(200).refine(bothOrOne, { message: 'programs.error.titleRequired' }),
            questions: z
              .array(z.object({ id: itemId, label: localText(500).refine(bothOrOne, { message: 'validation.required' }) }))
              .min(1, { message: 'programs.error.sectionQuestions' })
              .max(30),
          }),
        )
        .min(1, { message: 'programs.error.worksheetSections' })
        .max(20),
    })
    .transform((v, ctx) => {
      const seen = new Set<string>();
      const taken = (id: string, path: (string | number)[]) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: 'programs.error.questionIdTaken' });
        seen.add(id);
      };
      // A change must name every item: answers hang on the ids, and a position can hold another question now.
      const need = (given: string | undefined, path: (string | number)[]) => {
        if (idsRequired && given === undefined) ctx.addIssue({ code: 'custom', path, message: 'programs.error.idNeeded' });
      };
      const sections = v.sections.map((s, i) => {
        const id = s.id ?? `s${i + 1}`;
        need(s.id, ['sections', i, 'id']);
        taken(id, ['sections', i, 'id']);
        const questions = s.questions.map((q, j) => {
          const qid = q.id ?? `${id}-q${j + 1}`;
          need(q.id, ['sections', i, 'questions', j, 'id']);
          taken(qid, ['sections', i, 'questions', j, 'id']);
          return { id: qid, label: q.label as LocalText };
        });
        return { id, title: s.title as LocalText, questions };
      });
      return { key: v.key, title: v.title as LocalText, sections };
    });
export const worksheetTemplateInput = templateSchema(false);
/** A changed template: the same shape, every section and question with its id. */
export const worksheetTemplateChangeInput = templateSchema(true);
export type WorksheetTemplateInput = z.output<typeof worksheetTemplateInput>;

/**
 * A save: the answers of the questions sent (others stay as they are), and the version the writer
 * started from, so a save over someone else's newer text of the same question is refused, not lost.
 */
export const worksheetSaveInput = z.object({
  answers: z.record(
    z.string().max(40),
    z
      .string()
      .max(20_000, { message: 'programs.error.worksheetAnswerTooLong' })
      .transform((s) => s.normalize('NFC').trim()),
  ),
  baseVersion: z.coerce.number({ message: 'validation.number' }).int().min(0).max(1_000_000).optional(),
});
export type WorksheetSaveInput = z.output<typeof worksheetSaveInput>;

/** A facilitator's comment on a section, or the team's answer to one. */
export const worksheetCommentInput = z.object({
  sectionId: z.string().max(40),
  parentId: z.uuid().optional(),
  body: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'validation.required' }).max(5000, { message: 'programs.error.commentTooLong' })),
});
