import { z } from 'zod';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { isTimeZone, zonedToUtc } from '../../../platform/time';
import { CONFERENCE_KINDS, SESSION_LANGUAGES, SESSION_TYPES } from '../schema';

/** Required text: NFC, trimmed, 1 to `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max))
    .meta({ minLength: 1, maxLength: max });

/** A number from JSON or a form field; blank is "not given". */
const count = (key: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
    z
      .number({ message: 'validation.number' })
      .int({ message: 'validation.number' })
      .min(1, { message: key })
      .max(100_000, { message: key })
      .nullable(),
  );

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/** A date-time: ISO 8601 with an offset, or wall-clock time read in the conference's zone. */
const when = z.string().max(40);

export const ACRONYM = /^[a-z0-9_]{4,30}$/;

const kind = z.enum(CONFERENCE_KINDS, { message: 'conferences.error.kind' });
const status = z.enum(['draft', 'published'], { message: 'conferences.error.status' });

const conferenceFields = z.object({
  title: text(200),
  titleEs: optionalText(200),
  acronym: z.string().max(30).regex(ACRONYM, { message: 'conferences.error.acronym' }),
  kind: kind.default('conference'),
  startsAt: when,
  endsAt: when,
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'conferences.error.timeZone' }),
  capacity: count('conferences.error.capacity').optional(),
  status: status.default('draft'),
  chapter: z.string().max(80).optional().nullable(),
  requiresApplication: checkbox.optional(),
  cfpOpensAt: when.optional().nullable(),
  cfpClosesAt: when.optional().nullable(),
  votesPerMember: z
    .preprocess(
      (v) => (v === '' ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ message: 'conferences.error.votesPerMember' })
        .int({ message: 'conferences.error.votesPerMember' })
        .min(1, { message: 'conferences.error.votesPerMember' })
        .max(100, { message: 'conferences.error.votesPerMember' }),
    )
    .optional(),
  applicationTargets: z
    .object({
      sector: z.record(z.string().max(40), z.number().int().min(0).max(100_000)).optional(),
      government: z
        .object({ yes: z.number().int().min(0).max(100_000).optional(), no: z.number().int().min(0).max(100_000).optional() })
        .optional(),
      careerStage: z.record(z.string().max(40), z.number().int().min(0).max(100_000)).optional(),
      language: z.record(z.string().max(40), z.number().int().min(0).max(100_000)).optional(),
    })
    .optional(),
});
export const conferenceInput = conferenceFields;
export type ConferenceInput = z.output<typeof conferenceInput>;
/** PATCH: any of the fields; one not sent keeps its value (no defaults here, or a PATCH would unpublish). */
export const conferencePatch = conferenceFields.extend({ kind, status }).partial();
export type ConferencePatch = z.output<typeof conferencePatch>;

export const trackInput = z.object({
  name: text(120),
  nameEs: optionalText(120),
  // Blank (an emptied form field) is no colour.
  color: z
    .string()
    .regex(/^(#[0-9a-fA-F]{6})?$/, { message: 'conferences.error.color' })
    .transform((v) => v || null)
    .optional()
    .nullable(),
});
export type TrackInput = z.output<typeof trackInput>;
/** PATCH a track: any of its fields (a blank Spanish name clears it). */
export const trackPatch = trackInput.partial();
export type TrackPatch = z.output<typeof trackPatch>;

export const roomInput = z.object({
  name: text(120),
  capacity: count('conferences.error.capacity').pipe(z.number({ message: 'conferences.error.capacity' })),
  accessibility: z
    .object({
      stepFree: checkbox.default(false),
      hearingLoop: checkbox.default(false),
      cart: checkbox.default(false),
      interpretation: checkbox.default(false),
      quietRoom: checkbox.default(false),
    })
    .optional()
    .default({ stepFree: false, hearingLoop: false, cart: false, interpretation: false, quietRoom: false }),
});
export type RoomInput = z.output<typeof roomInput>;
/** PATCH a room: any of its fields; access features not named keep their value. */
export const roomPatch = z.object({
  name: roomInput.shape.name.optional(),
  capacity: roomInput.shape.capacity.optional(),
  accessibility: z
    .object({
      stepFree: checkbox.optional(),
      hearingLoop: checkbox.optional(),
      cart: checkbox.optional(),
      interpretation: checkbox.optional(),
      quietRoom: checkbox.optional(),
    })
    .optional(),
});
export type RoomPatch = z.output<typeof roomPatch>;

const speaker = z.object({
  name: personName,
  title: optionalText(200),
  organization: optionalText(200),
  bio: optionalText(3000),
  bioEs: optionalText(3000),
});

export const sessionInput = z.object({
  title: text(300),
  titleEs: optionalText(300),
  abstract: optionalText(5000),
  abstractEs: optionalText(5000),
  type: z.enum(SESSION_TYPES, { message: 'conferences.error.type' }),
  trackId: z.uuid({ message: 'conferences.error.track' }).optional().nullable(),
  roomId: z.uuid({ message: 'conferences.error.room' }),
  startsAt: when,
  endsAt: when,
  language: z.enum(SESSION_LANGUAGES, { message: 'conferences.error.language' }),
  speakers: z.array(speaker).max(20).default([]),
  capacity: count('conferences.error.capacity').optional(),
});
export type SessionInput = z.output<typeof sessionInput>;

/** Reads a time the way organizers write it: with an offset, or as wall-clock time in the conference's zone. */
export function readTime(value: string, timeZone: string): Date | null {
  const v = value.trim();
  if (!v) return null;
  const d = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? new Date(v) : zonedToUtc(v, timeZone);
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export const signupInput = z.object({ name: personName, email: emailAddress });

export const feedbackInput = z.object({
  rating: z.preprocess(
    (v) => (typeof v === 'string' && v !== '' ? Number(v) : v),
    z
      .number({ message: 'conferences.error.rating' })
      .int({ message: 'conferences.error.rating' })
      .min(1, { message: 'conferences.error.rating' })
      .max(5, { message: 'conferences.error.rating' }),
  ),
  comment: optionalText(2000),
});
export type FeedbackInput = z.output<typeof feedbackInput>;
