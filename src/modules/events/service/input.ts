import { safeHref } from '../../../platform/http/urls';
import { z } from 'zod';
import { EVENT_FORMATS, EVENT_STATUSES, type LocalText } from '../schema';
import { isTimeZone, zonedToUtc } from '../lib/text';

const blankToNull = (max: number) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((s) => (s == null ? null : s.normalize('NFC').trim() || null))
    .pipe(z.string().max(max).nullable())
    // The API document describes a transform by what it accepts: the limit checked after trimming is stated here.
    .meta({ maxLength: max });

/** `"text"` (English) or `{en, es}`; blank sides become null. */
export const localText = (max: number) =>
  z
    .preprocess((v) => (typeof v === 'string' ? { en: v } : (v ?? {})), z.object({ en: blankToNull(max), es: blankToNull(max) }))
    .meta({ description: `A string (English) or {en, es}; at most ${max} characters each` });

const httpsUrl = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s == null ? null : s.trim() || null))
  .pipe(
    z
      .string()
      .max(2000)
      .url({ message: 'validation.url' })
      .refine((u) => safeHref(u) !== null, { message: 'validation.url' })
      .nullable(),
  );

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/** A stored picture's key; a picture as the API returns it (`{key, …}`) names its key. */
const imageKey = z.preprocess(
  (v) => (v && typeof v === 'object' && 'key' in v ? (v as { key: unknown }).key : v === '' ? null : v),
  z
    .string()
    .regex(/^[a-f0-9]{48}$/, { message: 'events.error.image.gone' })
    .nullable()
    .optional()
    .default(null),
);

const speaker = z.object({
  name: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(200)),
  title: blankToNull(200),
  organization: blankToNull(200),
  photoUrl: httpsUrl,
  photo: imageKey,
  photoAlt: blankToNull(300),
  bio: localText(3000).optional().default({ en: null, es: null }),
});

/** The cover picture (an uploaded one's key) and its text alternative, which it cannot go without. */
const cover = z
  .object({ image: imageKey, alt: localText(300).optional().default({ en: null, es: null }) })
  .nullable()
  .optional()
  .default(null);

const question = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i)
    .optional(),
  kind: z.enum(['text', 'choice', 'yesno']),
  label: localText(300).refine((t) => !!(t.en || t.es), { message: 'validation.required' }),
  required: checkbox.default(false),
  options: z.array(localText(200)).max(20).optional(),
});

/** A date-time: ISO 8601 with an offset, or wall-clock time (no offset) read in the event's zone. */
const when = z.union([z.string().max(40), z.date(), z.null()]).optional();

/**
 * An event's fields one by one, each with its own rules; the API's event body is these fields, so the
 * document states the limits the service enforces.
 */
export const eventFields = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'events.error.slug' })
    .max(80)
    .optional(),
  series: z.string().max(80).optional().nullable(),
  chapter: z.string().max(80).optional().nullable(),
  title: localText(200).refine((t) => !!(t.en || t.es), { message: 'events.error.titleRequired' }),
  summary: localText(500).optional().default({ en: null, es: null }),
  description: localText(20000).optional().default({ en: null, es: null }),
  speakers: z.array(speaker).max(20).optional().default([]),
  cover,
  startsAt: when,
  endsAt: when,
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'events.error.timeZone' }),
  format: z.enum(EVENT_FORMATS).default('in_person'),
  venue: z
    .object({ name: blankToNull(200), address: blankToNull(500), mapUrl: httpsUrl })
    .optional()
    .default({ name: null, address: null, mapUrl: null }),
  accessibility: z
    .object({
      stepFree: checkbox.optional().default(false),
      restrooms: checkbox.optional().default(false),
      interpretation: checkbox.optional().default(false),
      transit: blankToNull(1000),
      notes: localText(2000).optional().default({ en: null, es: null }),
    })
    .optional()
    .default({ stepFree: false, restrooms: false, interpretation: false, transit: null, notes: { en: null, es: null } }),
  capacity: z.preprocess(
    (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
    z
      .number({ message: 'validation.number' })
      .int({ message: 'validation.number' })
      .min(1, { message: 'events.error.capacity' })
      .max(1_000_000)
      .nullable(),
  ),
  requiresApproval: checkbox.optional().default(false),
  requireEmailConfirmation: checkbox.optional().default(false),
  rsvpOpensAt: when,
  rsvpClosesAt: when,
  questions: z.array(question).max(10).optional().default([]),
  livestreamUrl: httpsUrl,
  /** Views of the livestream as the organizer read them (YouTube's `viewCount`); null: not known. */
  livestreamViews: z
    .number({ message: 'validation.number' })
    .int({ message: 'validation.number' })
    .min(0, { message: 'events.error.views' })
    .max(1_000_000_000)
    .nullable()
    .optional()
    .default(null),
  recordingUrl: httpsUrl,
  links: z
    .array(z.object({ label: z.string().trim().min(1).max(200), url: httpsUrl.pipe(z.string()) }))
    .max(10)
    .optional()
    .default([]),
  status: z.enum(EVENT_STATUSES).default('draft'),
  reminderHours: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 14),
    )
    .max(4)
    .optional()
    .default([48, 2]),
});

/**
 * What organizers send for an event, from the form or the API: the same fields, the same rules.
 * Dates are checked against the zone; an unknown zone, an end before the start or a capacity below
 * one never reaches the database.
 */
type Report = (field: (string | number)[], message: string) => void;

/**
 * The dates as instants in the event's zone, each problem reported. Runs on whatever arrived, even when
 * other fields are wrong, so one submit names every problem at once (not one per attempt).
 */
function readDates(v: Record<string, unknown>, report: Report) {
  const tz = typeof v.timeZone === 'string' && isTimeZone(v.timeZone) ? v.timeZone : 'UTC';
  const toDate = (field: string, required: boolean): Date | null => {
    const value = v[field];
    if (value instanceof Date) return value;
    if (value == null || value === '') {
      if (required) report([field], 'validation.date');
      return null;
    }
    if (typeof value !== 'string') return null;
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
    const d = hasOffset ? new Date(value) : zonedToUtc(value, tz);
    if (!d || Number.isNaN(d.getTime())) {
      report([field], 'validation.date');
      return null;
    }
    return d;
  };
  const startsAt = toDate('startsAt', true);
  const endsAt = toDate('endsAt', true);
  const rsvpOpensAt = toDate('rsvpOpensAt', false);
  const rsvpClosesAt = toDate('rsvpClosesAt', false);
  if (startsAt && endsAt && endsAt <= startsAt) report(['endsAt'], 'events.error.endBeforeStart');
  if (rsvpOpensAt && rsvpClosesAt && rsvpClosesAt <= rsvpOpensAt) report(['rsvpClosesAt'], 'events.error.closeBeforeOpen');
  if (rsvpClosesAt && endsAt && rsvpClosesAt > endsAt) report(['rsvpClosesAt'], 'events.error.closeAfterEnd');
  return { startsAt, endsAt, rsvpOpensAt, rsvpClosesAt };
}

/**
 * What organizers send for an event, from the form or the API: the same fields, the same rules.
 * Dates are checked against the zone; an unknown zone, an end before the start or a capacity below
 * one never reaches the database.
 */
export const eventInput = eventFields
  .superRefine(
    (raw, ctx) => {
      const v = raw as Record<string, unknown>;
      readDates(v, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
      // A picture without its text alternative is refused (WCAG 1.1.1): the organizer knows what it shows.
      if (raw.cover?.image && !raw.cover.alt.en && !raw.cover.alt.es)
        ctx.addIssue({ code: 'custom', path: ['cover', 'alt'], message: 'events.error.coverAlt' });
      raw.speakers.forEach((s, i) => {
        if (s.photo && !s.photoAlt) ctx.addIssue({ code: 'custom', path: ['speakers', i, 'photoAlt'], message: 'events.error.photoAlt' });
      });
      if (!Array.isArray(v.questions)) return;
      (v.questions as { kind?: unknown; options?: unknown }[]).forEach((q, i) => {
        const options = Array.isArray(q?.options) ? (q.options as LocalText[]) : [];
        if (q?.kind === 'choice' && options.filter((o) => o?.en || o?.es).length < 2) {
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: 'events.error.options' });
        }
      });
    },
    { when: () => true },
  )
  .transform((v) => {
    const dates = readDates(v, () => undefined);
    return {
      ...v,
      cover: v.cover?.image ? v.cover : null,
      questions: v.questions.map((q, i) => ({
        id: q.id ?? `q${i + 1}`,
        kind: q.kind,
        label: q.label as LocalText,
        required: q.required,
        options: q.kind === 'choice' ? (q.options ?? []).filter((o) => o.en || o.es) : undefined,
      })),
      ...dates,
      startsAt: dates.startsAt as Date,
      endsAt: dates.endsAt as Date,
    };
  });
export type EventInput = z.output<typeof eventInput>;

export const seriesInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'events.error.slug' })
    .max(80)
    .optional(),
  chapter: z.string().max(80).optional().nullable(),
  title: localText(200).refine((t) => !!(t.en || t.es), { message: 'events.error.titleRequired' }),
  description: localText(5000).optional().default({ en: null, es: null }),
});
export type SeriesInput = z.output<typeof seriesInput>;

/**
 * `a.b.0.c` form names to nested objects and arrays, so forms and JSON share one schema: the
 * platform's parser, which refuses names that would reach a prototype.
 */
export { parseNestedForm as unflatten } from '../../../platform/http/form';
