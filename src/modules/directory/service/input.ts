import { z } from 'zod';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { safeHref } from '../../../platform/http/urls';
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, ORGANIZATION_KINDS, PARTICIPANT_ROLES, RECOMMENDATION_STATUSES } from '../schema';

/** A key organizers choose for a goal or topic: lower-case letters, digits and dashes or underscores. */
export const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { message: 'directory.error.key' })
  .max(60);

export const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'directory.error.slug' })
  .max(80);

/** A link from outside: http or https only (the one URL rule), blank is none. */
export const webLink = z
  .string()
  .max(2000)
  .optional()
  .nullable()
  .transform((s) => (s == null ? null : s.trim() || null))
  .refine((s) => s === null || safeHref(s) !== null, { message: 'directory.error.url' })
  .transform((s) => (s === null ? null : safeHref(s)))
  .meta({ description: 'An http(s) address', maxLength: 2000 });

export const requiredText = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'validation.required' }).max(max))
    .meta({ minLength: 1, maxLength: max });

export const nullableText = (max: number) => optionalText(max).or(z.null().transform(() => null));

/** A text a change may leave out (it stays), clear (blank or null) or set. */
export const patchText = (max: number) =>
  z
    .string()
    .nullable()
    .optional()
    .transform((s) => (s == null ? s : s.normalize('NFC').trim() || null))
    .pipe(z.string().max(max).nullable().optional())
    .meta({ maxLength: max });

export const taxonomyInput = z.object({ key, name: requiredText(200), nameEs: nullableText(200) });
export type TaxonomyInput = z.output<typeof taxonomyInput>;

export const organizationInput = z.object({
  slug: slug.optional(),
  name: requiredText(300),
  nameEs: nullableText(300),
  kind: z.enum(ORGANIZATION_KINDS),
  agency: z.string().max(100).optional().nullable(),
  city: nullableText(200),
  region: nullableText(200),
  website: webLink,
  description: nullableText(5000),
  descriptionEs: nullableText(5000),
  logoUrl: webLink,
  logoAlt: nullableText(300),
  contactEmail: emailAddress.optional().nullable(),
});
export type OrganizationInput = z.output<typeof organizationInput>;
export const organizationPatch = organizationInput.partial();

const years = z.number().int().min(1900).max(2200).optional().nullable();

export const initiativeInput = z
  .object({
    slug: slug.optional(),
    name: requiredText(300),
    nameEs: nullableText(300),
    organizations: z.array(slug).max(20).default([]),
    kind: z.enum(INITIATIVE_KINDS),
    status: z.enum(INITIATIVE_STATUSES),
    startYear: years,
    endYear: years,
    description: nullableText(5000),
    descriptionEs: nullableText(5000),
    links: z
      .array(webLink.pipe(z.string({ message: 'directory.error.url' })))
      .max(20)
      .default([]),
    topics: z.array(key).max(20).default([]),
    goals: z.array(key).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.startYear && v.endYear && v.endYear < v.startYear)
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'directory.error.endBeforeStart' });
  });
export type InitiativeInput = z.output<typeof initiativeInput>;

export const participantInput = z.object({
  name: personName,
  email: emailAddress,
  organization: nullableText(300),
  role: z.enum(PARTICIPANT_ROLES),
  publicConsent: z.boolean().default(false),
});
export type ParticipantInput = z.output<typeof participantInput>;

export const recommendationInput = z.object({
  title: requiredText(300),
  titleEs: nullableText(300),
  text: requiredText(10000),
  textEs: nullableText(10000),
  goal: key,
  addressedTo: nullableText(300),
  initiatives: z.array(slug).max(20).default([]),
  owner: nullableText(300),
});
export type RecommendationInput = z.output<typeof recommendationInput>;

export const statusChangeInput = z.object({
  status: z.enum(RECOMMENDATION_STATUSES),
  note: requiredText(2000),
  evidenceUrl: webLink,
});
export type StatusChangeInput = z.output<typeof statusChangeInput>;
