import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cascadeTo, citext } from '../../db/columns';
import { people } from '../people';
import type { FormQuestion } from '../events';

/** Text an organizer writes, in English and Spanish: the events module's shape. */
export type LocalText = FormQuestion['label'];

export const SLOT_KINDS = ['pre_call', 'ta', 'office_hour'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
export type BookingQuotas = Record<SlotKind, number>;

export interface EligibilityRule {
  /** A question id, or `members` (how many team members the application lists). */
  field: string;
  op: 'eq' | 'in' | 'gte' | 'lte';
  value: string | number | boolean | (string | number)[];
  message: LocalText;
}

export interface CriterionTag {
  key: string;
  description: LocalText;
}

export interface Member {
  name: string;
  email: string;
  role: string | null;
}

/** A rule an application failed; its message in both languages so the reader's is picked when shown. */
export interface Reason {
  field: string;
  message: LocalText;
}

export const APPLICATION_STATUSES = ['submitted', 'ineligible', 'accepted', 'declined', 'waitlisted'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A cohort program of a chapter: teams apply by a deadline, are accepted, then book slots. */
export const programs = pgTable('programs', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  chapter: text(),
  timeZone: text().notNull(),
  title: jsonb().$type<LocalText>().notNull(),
  description: jsonb().$type<LocalText>().notNull().default({}),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  applicationDeadline: timestamp({ withTimezone: true }).notNull(),
  languages: text()
    .array()
    .notNull()
    .default(sql`'{en,es}'::text[]`),
  bookingQuotas: jsonb().$type<BookingQuotas>().notNull(),
  questions: jsonb().$type<FormQuestion[]>().notNull().default([]),
  eligibility: jsonb().$type<EligibilityRule[]>().notNull().default([]),
  tags: jsonb().$type<CriterionTag[]>().notNull().default([]),
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const programApplications = pgTable(
  'program_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    organization: text().notNull(),
    contactName: text().notNull(),
    contactEmail: citext().notNull(),
    language: text().$type<'en' | 'es'>().notNull(),
    languageNeeds: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    members: jsonb().$type<Member[]>().notNull(),
    answers: jsonb().$type<Record<string, string>>().notNull(),
    status: text().$type<ApplicationStatus>().notNull(),
    reasons: jsonb().$type<Reason[]>().notNull().default([]),
    /**
     * What the program's current questions and rules find wrong with it, written when an organizer
     * changes them after it came in (rules it no longer meets, required answers it lacks). The
     * application and its status stay as they were: organizers decide (never dropped silently).
     */
    flags: jsonb().$type<Reason[]>().notNull().default([]),
    /** When the flags were last worked out; null while the program's questions never changed since. */
    recheckedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('program_applications_program').on(t.programId, t.status)],
);

/**
 * An application not sent yet: the form as typed (field name to text), kept until the applicant sends
 * it. `applicationId` is set once, when it is sent, so a draft becomes at most one application.
 */
export const programApplicationDrafts = pgTable(
  'program_application_drafts',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    contactEmail: citext().notNull(),
    language: text().$type<'en' | 'es'>().notNull(),
    values: jsonb().$type<Record<string, string>>().notNull(),
    applicationId: uuid().references(() => programApplications.id, { onDelete: 'set null' }),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('program_application_drafts_email').on(t.contactEmail)],
);
export type ApplicationDraft = typeof programApplicationDrafts.$inferSelect;

/** One reviewer's score of one application; a reviewer scoring again replaces their score. */
export const programReviews = pgTable(
  'program_reviews',
  {
    applicationId: cascadeTo(() => programApplications.id),
    reviewerId: cascadeTo(() => people.id),
    score: integer().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerId] }), check('program_reviews_score', sql`${t.score} BETWEEN 1 AND 5`)],
);

/** An accepted application's team; made once per application. */
export const programTeams = pgTable('program_teams', {
  id: uuid().primaryKey().defaultRandom(),
  programId: cascadeTo(() => programs.id),
  applicationId: cascadeTo(() => programApplications.id).unique(),
  name: text().notNull(),
  organization: text().notNull(),
  language: text().$type<'en' | 'es'>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const programTeamMembers = pgTable(
  'program_team_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: cascadeTo(() => programTeams.id),
    personId: cascadeTo(() => people.id),
    name: text().notNull(),
    email: citext().notNull(),
    role: text(),
    language: text().$type<'en' | 'es'>().notNull(),
  },
  (t) => [uniqueIndex('program_team_members_person').on(t.teamId, t.personId), index('program_team_members_by_person').on(t.personId)],
);

/** A team's allowance per slot kind; `used` moves only by a conditional UPDATE (decision 5). */
export const programTeamQuotas = pgTable(
  'program_team_quotas',
  {
    teamId: cascadeTo(() => programTeams.id),
    kind: text().$type<SlotKind>().notNull(),
    quota: integer().notNull(),
    used: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.kind] }), check('program_team_quotas_used', sql`${t.used} >= 0 AND ${t.used} <= ${t.quota}`)],
);

/** A bookable time with a host: a pre-program call, 1:1 technical assistance or an office hour. */
export const programSlots = pgTable(
  'program_slots',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    kind: text().$type<SlotKind>().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    hostName: text(),
    hostEmail: citext(),
    hostLanguage: text().$type<'en' | 'es'>().notNull().default('en'),
    link: text(),
    /** Cancelled by an organizer: its bookings were cancelled with it and it takes no more. */
    cancelledAt: timestamp({ withTimezone: true }),
    capacity: integer().notNull(),
    booked: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('program_slots_program').on(t.programId, t.kind, t.startsAt),
    check('program_slots_seats', sql`${t.capacity} >= 1 AND ${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);

export const programBookings = pgTable(
  'program_bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    slotId: cascadeTo(() => programSlots.id),
    teamId: cascadeTo(() => programTeams.id),
    status: text().$type<'booked' | 'cancelled'>().notNull().default('booked'),
    /** Raised each time the invite changes (moved, cancelled), so calendars replace the old one. */
    sequence: integer().notNull().default(0),
    /** The invite as last sent, in the team's language. */
    ics: text().notNull().default(''),
    bookedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One live booking per team and slot: a double click finds the first one.
    uniqueIndex('program_bookings_once')
      .on(t.slotId, t.teamId)
      .where(sql`${t.status} = 'booked'`),
    index('program_bookings_team').on(t.teamId),
  ],
);

export const SESSION_KINDS = ['pre_call', 'weekly', 'closing'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** A session every team attends: the pre-program call, the weekly sessions, the closing call. */
export const programSessions = pgTable(
  'program_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    kind: text().$type<SessionKind>().notNull(),
    title: jsonb().$type<LocalText>().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    link: text(),
    /** Criterion tags (the program's) this session gives evidence for. */
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Raised on every change, so calendars replace the invite they hold. */
    sequence: integer().notNull().default(0),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('program_sessions_program').on(t.programId, t.startsAt)],
);

/** A team member was at a session: one row per member and session, or none. */
export const programAttendance = pgTable(
  'program_attendance',
  {
    sessionId: cascadeTo(() => programSessions.id),
    memberId: cascadeTo(() => programTeamMembers.id),
    markedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] }), index('program_attendance_member').on(t.memberId)],
);

export const DELIVERABLE_STATUSES = ['not_started', 'submitted', 'changes_requested', 'approved'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** What every team hands in (target audiences, a roadmap, a community-feedback method…), with a due date. */
export const programDeliverables = pgTable(
  'program_deliverables',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    key: text().notNull(),
    title: jsonb().$type<LocalText>().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_deliverables_key').on(t.programId, t.key)],
);

/** One team's work on one deliverable and its review status; no row means not started. */
export const programTeamDeliverables = pgTable(
  'program_team_deliverables',
  {
    teamId: cascadeTo(() => programTeams.id),
    deliverableId: cascadeTo(() => programDeliverables.id),
    status: text().$type<DeliverableStatus>().notNull(),
    content: text().notNull().default(''),
    updatedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.deliverableId] })],
);

/** A question of a worksheet section: the team answers it in text. */
export interface WorksheetQuestion {
  id: string;
  label: LocalText;
}

/** A section of a worksheet: what facilitators comment on. */
export interface WorksheetSection {
  id: string;
  title: LocalText;
  questions: WorksheetQuestion[];
}

/** An organizer's worksheet template; each team works on its own copy of its sections. */
export const programWorksheetTemplates = pgTable(
  'program_worksheet_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: cascadeTo(() => programs.id),
    sections: jsonb().$type<WorksheetSection[]>().notNull(),
    key: text().notNull(),
    title: jsonb().$type<LocalText>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_worksheet_templates_key').on(t.programId, t.key)],
);

/**
 * A team's copy of a template: the sections as they were when the copy was made, the current answers
 * and the number of the last version. `version` only moves by `UPDATE … SET version = version + 1`,
 * whose row lock orders simultaneous saves; each save's number is then unique (decision 35).
 */
export const programWorksheets = pgTable(
  'program_worksheets',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: cascadeTo(() => programTeams.id),
    templateId: cascadeTo(() => programWorksheetTemplates.id),
    sections: jsonb().$type<WorksheetSection[]>().notNull(),
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    version: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_worksheets_team').on(t.teamId, t.templateId)],
);

/** Every save of a worksheet: all its answers after the save, who saved and when. */
export const programWorksheetVersions = pgTable(
  'program_worksheet_versions',
  {
    worksheetId: cascadeTo(() => programWorksheets.id),
    number: integer().notNull(),
    answers: jsonb().$type<Record<string, string>>().notNull(),
    savedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    savedByName: text(),
    /** The version this one restored, when it was a restore. */
    restoredFrom: integer(),
    savedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.worksheetId, t.number] })],
);

/** A facilitator's comment on a section, or the team's answer to one (`parentId`). */
export const programWorksheetComments = pgTable(
  'program_worksheet_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    worksheetId: cascadeTo(() => programWorksheets.id),
    sectionId: text().notNull(),
    parentId: uuid(),
    authorId: uuid().references(() => people.id, { onDelete: 'set null' }),
    authorName: text(),
    fromTeam: boolean().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('program_worksheet_comments_sheet').on(t.worksheetId, t.createdAt)],
);

export type Program = typeof programs.$inferSelect;
export type Deliverable = typeof programDeliverables.$inferSelect;
export type Session = typeof programSessions.$inferSelect;
export type Application = typeof programApplications.$inferSelect;
export type Team = typeof programTeams.$inferSelect;
export type TeamMember = typeof programTeamMembers.$inferSelect;
export type Slot = typeof programSlots.$inferSelect;
export type Booking = typeof programBookings.$inferSelect;
export type WorksheetTemplate = typeof programWorksheetTemplates.$inferSelect;
export type Worksheet = typeof programWorksheets.$inferSelect;
export type WorksheetComment = typeof programWorksheetComments.$inferSelect;
