import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cascadeTo } from '../../db/columns';
import { people } from '../people';
import { events, type FormQuestion } from '../events';
import { agencies } from '../jobs';

export const ORGANIZATION_KINDS = ['government', 'nonprofit', 'company', 'academic', 'community', 'funder'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const INITIATIVE_KINDS = [
  'digital_service_team',
  'open_source_program',
  'procurement_reform',
  'data_standard',
  'fellowship',
  'training',
  'product',
] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];
export const INITIATIVE_STATUSES = ['proposed', 'active', 'completed', 'ended'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export const PARTICIPANT_ROLES = ['facilitator', 'speaker', 'participant', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const RECOMMENDATION_STATUSES = ['proposed', 'adopted', 'in_progress', 'implemented', 'declined', 'stalled'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface EntryLink {
  label: string | null;
  url: string;
}

/**
 * What directory search reads: names and descriptions in both languages, folded by f_search_key. It is
 * stored (a generated column, computed once on write) so a search never folds thousands of
 * descriptions again; the trigram index is on that column.
 */
const SEARCH_TEXT = `f_search_key(name || ' ' || coalesce(name_es, '') || ' ' || coalesce(description, '') || ' ' || coalesce(description_es, ''))`;
/** The names alone, folded the same way: search ranks an entry whose name has the words first. */
const NAME_TEXT = `f_search_key(name || ' ' || coalesce(name_es, ''))`;

const term = () => ({
  key: text().primaryKey(),
  name: text().notNull(),
  nameEs: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Goals and topics are short lists organizers keep; entries name them by key. */
export const directoryGoals = pgTable('directory_goals', term());
export const directoryTopics = pgTable('directory_topics', term());

/** Who made a row and when it was made and last changed. */
const authored = () => ({
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** What organizations and initiatives both have: an address, names and descriptions in both languages. */
const entry = () => ({
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  nameEs: text(),
  description: text(),
  descriptionEs: text(),
  searchKey: text().generatedAlwaysAs(sql.raw(SEARCH_TEXT)),
  nameKey: text().generatedAlwaysAs(sql.raw(NAME_TEXT)),
  ...authored(),
});

/**
 * Every word of four letters or more in the entries' `search_key`, kept by a trigger on both tables (a
 * word is never taken out: a stale one only widens a search that then finds nothing). A near miss
 * ("innovaton") is looked up here, a few thousand short words under a trigram index, and searched as
 * the words it is near: the entries' own index serves that, where comparing the typed word with every
 * entry's whole text did not.
 */
export const directorySearchWords = pgTable('directory_search_words', { word: text().primaryKey() }, (t) => [
  index('directory_search_words_trgm').using('gist', sql`${t.word} gist_trgm_ops`),
]);

const textList = () =>
  text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const organizations = pgTable(
  'organizations',
  {
    ...entry(),
    kind: text().$type<OrganizationKind>().notNull(),
    /** A government organization is the jobs directory's agency; never a second list of agencies. */
    agencyId: uuid().references(() => agencies.id, { onDelete: 'set null' }),
    city: text(),
    region: text(),
    website: text(),
    logoUrl: text(),
    logoAlt: text(),
    contactEmail: text(),
    /** Addresses of duplicates merged into this one: they keep leading here. */
    formerSlugs: textList(),
  },
  (t) => [
    index('organizations_kind_idx').on(t.kind),
    index('organizations_search_key_trgm').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

export const initiatives = pgTable(
  'initiatives',
  {
    ...entry(),
    kind: text().$type<InitiativeKind>().notNull(),
    status: text().$type<InitiativeStatus>().notNull(),
    startYear: integer(),
    endYear: integer(),
    links: textList(),
    topics: textList(),
    goals: textList(),
  },
  (t) => [
    index('initiatives_topics_idx').using('gin', t.topics),
    index('initiatives_goals_idx').using('gin', t.goals),
    index('initiatives_search_key_trgm').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

export const initiativeOrganizations = pgTable(
  'initiative_organizations',
  {
    initiativeId: cascadeTo(() => initiatives.id),
    organizationId: cascadeTo(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.organizationId] }), index('initiative_organizations_org').on(t.organizationId)],
);

/** An event that is a convening: agenda, notes and outputs; its roster and recommendations hang off it. */
export const convenings = pgTable('convenings', {
  eventId: uuid()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  agenda: text(),
  notes: text(),
  outputs: text(),
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const conveningParticipants = pgTable(
  'convening_participants',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => convenings.eventId),
    personId: cascadeTo(() => people.id),
    /** As given for this roster, never re-cased. */
    name: text().notNull(),
    organizationId: uuid().references(() => organizations.id, { onDelete: 'set null' }),
    /** The organization as typed, when it is not (yet) in the directory. */
    organizationText: text(),
    role: text().$type<ParticipantRole>().notNull(),
    /** Shown on public pages only while true; the person or an organizer can take it back. */
    publicConsent: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('convening_participants_person').on(t.eventId, t.personId)],
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => convenings.eventId),
    title: text().notNull(),
    titleEs: text(),
    text: text().notNull(),
    textEs: text(),
    goal: text()
      .notNull()
      .references(() => directoryGoals.key),
    addressedTo: text(),
    owner: text(),
    status: text().$type<RecommendationStatus>().notNull().default('proposed'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recommendations_event_idx').on(t.eventId), index('recommendations_status_idx').on(t.status)],
);

export const recommendationInitiatives = pgTable(
  'recommendation_initiatives',
  {
    recommendationId: cascadeTo(() => recommendations.id),
    initiativeId: cascadeTo(() => initiatives.id),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.initiativeId] })],
);

/** Every status a recommendation has had, appended and never rewritten; the first is the creation's `proposed`. */
export const recommendationHistory = pgTable(
  'recommendation_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The order lines were written in (two can share an instant). */
    seq: integer().generatedAlwaysAsIdentity(),
    recommendationId: cascadeTo(() => recommendations.id),
    status: text().$type<RecommendationStatus>().notNull(),
    note: text(),
    evidenceUrl: text(),
    byPersonId: uuid().references(() => people.id, { onDelete: 'set null' }),
    /** The name at the time of the change, so the record still reads after an account is erased. */
    byName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recommendation_history_rec').on(t.recommendationId, t.seq)],
);

export type Goal = typeof directoryGoals.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Initiative = typeof initiatives.$inferSelect;
export type Participant = typeof conveningParticipants.$inferSelect;
export type Recommendation = typeof recommendations.$inferSelect;

/** "Suggest an edit" from a public entry page: kept for organizers, who change the entry themselves. */
export const directorySuggestions = pgTable(
  'directory_suggestions',
  {
    id: uuid().primaryKey().defaultRandom(),
    entryKind: text().$type<'organizations' | 'initiatives'>().notNull(),
    entrySlug: text().notNull(),
    text: text().notNull(),
    /** As typed, optional: a reply is possible only when given. */
    name: text(),
    email: text(),
    personId: uuid().references(() => people.id, { onDelete: 'set null' }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('directory_suggestions_open').on(t.resolvedAt, t.createdAt)],
);
export type Suggestion = typeof directorySuggestions.$inferSelect;

export const POST_STATUSES = ['draft', 'published'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * Short articles and news. A published post with a `publishAt` ahead is scheduled: every list, page and
 * feed shows it from that instant on (checked when read, so no job has to run on time).
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    titleEs: text(),
    /** Markdown; rendered through the one allow-list when shown. */
    body: text().notNull(),
    bodyEs: text(),
    chapter: text(),
    tags: textList(),
    /** A series such as "Roundup of recent initiatives". */
    series: text(),
    coverUrl: text(),
    coverAlt: text(),
    status: text().$type<PostStatus>().notNull(),
    publishAt: timestamp({ withTimezone: true }),
    conveningIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    initiativeIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    organizationIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Interest forms the post invites readers to complete. */
    formIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    authorId: uuid().references(() => people.id, { onDelete: 'set null' }),
    /** The byline as it was when written. */
    authorName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('posts_visible_idx').on(t.status, t.publishAt), index('posts_tags_idx').using('gin', t.tags)],
);
export type Post = typeof posts.$inferSelect;

/** A question of an interest form: the programs builder's, with an optional length limit. */
export type InterestQuestion = FormQuestion & { maxLength?: number };

/** "If you are interested in future roundtable events, complete this form." */
export const interestForms = pgTable('interest_forms', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  titleEs: text(),
  questions: jsonb().$type<InterestQuestion[]>().notNull().default([]),
  /** Directory topics people may say they care about (not newsletter topics). */
  topics: textList(),
  eventId: uuid().references(() => convenings.eventId, { onDelete: 'set null' }),
  initiativeId: uuid().references(() => initiatives.id, { onDelete: 'set null' }),
  /** Questions taken off the form: answers are kept under their ids, and read under these labels. */
  retiredQuestions: jsonb().$type<InterestQuestion[]>().notNull().default([]),
  /** Raised by every edit: an edit made from an older copy is refused rather than undoing another's. */
  version: integer().notNull().default(1),
  ...authored(),
});
export type InterestForm = typeof interestForms.$inferSelect;

export const interestResponses = pgTable(
  'interest_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    formId: cascadeTo(() => interestForms.id),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    personId: cascadeTo(() => people.id),
    /** As typed in this response, whatever the person's account says. */
    name: text().notNull(),
    email: text().notNull(),
    /** Exactly as sent. */
    answers: jsonb().$type<Record<string, string | number | boolean>>().notNull().default({}),
    topics: textList(),
    /** Asked for the newsletter; the subscription itself waits for the emailed confirmation. */
    consent: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('interest_responses_form').on(t.formId, t.submittedAt)],
);
export type InterestResponse = typeof interestResponses.$inferSelect;

/**
 * An invitation to a convening sent to someone who answered an interest form. One per person and
 * convening (the unique index): choosing the same people twice, or two organizers at once, sends once.
 */
export const conveningInvitations = pgTable(
  'convening_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => convenings.eventId),
    personId: cascadeTo(() => people.id),
    /** The answer it came from; kept while that answer is. */
    responseId: uuid().references(() => interestResponses.id, { onDelete: 'set null' }),
    /** As typed in the answer, and the language the invitation was written in. */
    name: text().notNull(),
    email: text().notNull(),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    invitedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    invitedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('convening_invitations_person').on(t.eventId, t.personId)],
);
export type ConveningInvitation = typeof conveningInvitations.$inferSelect;

/**
 * People who belong to an organization. Shown on its public page only while `publicConsent` holds;
 * the person or an organizer can take it back, and it applies to the next request.
 */
export const organizationMembers = pgTable(
  'organization_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: cascadeTo(() => organizations.id),
    personId: cascadeTo(() => people.id),
    /** As given for this organization, never re-cased. */
    name: text().notNull(),
    /** Their role or job title there. */
    title: text(),
    publicConsent: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organization_members_person').on(t.organizationId, t.personId),
    index('organization_members_person_idx').on(t.personId),
  ],
);
