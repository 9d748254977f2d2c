import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cascadeTo, timestamps } from '../../db/columns';
import { people } from '../people';
import { events } from '../events';

export const CONFERENCE_KINDS = ['conference', 'symposium'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export const SESSION_TYPES = ['keynote', 'talk', 'workshop', 'lightning_talk', 'panel', 'small_group', 'networking', 'break'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const SESSION_LANGUAGES = ['en', 'es'] as const;

export interface Text2 {
  en: string | null;
  es: string | null;
}
export interface RoomAccess {
  stepFree: boolean;
  hearingLoop: boolean;
  cart: boolean;
  interpretation: boolean;
  quietRoom: boolean;
}
export interface Speaker {
  name: string;
  title: string | null;
  organization: string | null;
  bio: Text2;
}

/** An event that is a conference or symposium: days, tracks, rooms and sessions hang off this row. */
export const conferences = pgTable(
  'conferences',
  {
    eventId: uuid()
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text().$type<ConferenceKind>().notNull().default('conference'),
    /** The frab/pretalx acronym: importing a schedule with the same one updates this conference. */
    acronym: text().notNull().unique(),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A symposium filled from applications: seats go to accepted applicants who confirm. */
    requiresApplication: boolean().notNull().default(false),
    /** The call for proposals is open from `cfpOpensAt` (or now) until `cfpClosesAt`; neither set: no call. */
    cfpOpensAt: timestamp({ withTimezone: true }),
    cfpClosesAt: timestamp({ withTimezone: true }),
    votesPerMember: integer().notNull().default(3),
    /** Arrival tickets for the applications waitlist. */
    applicationSeq: integer().notNull().default(0),
    /** What organizers aim for among those selected: `{sector: {k: n}, government: {yes, no}, careerStage, language}`. */
    applicationTargets: jsonb().$type<ApplicationTargets>().notNull().default({}),
    /** The call's own questions, asked on the proposal form after the usual fields. */
    cfpQuestions: jsonb().$type<CfpQuestion[]>().notNull().default([]),
  },
  (t) => [check('conferences_votes_per_member', sql`${t.votesPerMember} BETWEEN 1 AND 100`)],
);

export const conferenceTracks = pgTable('conference_tracks', {
  id: uuid().primaryKey().defaultRandom(),
  eventId: cascadeTo(() => conferences.eventId),
  name: jsonb().$type<Text2>().notNull(),
  color: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const conferenceRooms = pgTable('conference_rooms', {
  id: uuid().primaryKey().defaultRandom(),
  eventId: cascadeTo(() => conferences.eventId),
  name: text().notNull(),
  capacity: integer().notNull(),
  accessibility: jsonb().$type<RoomAccess>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One slot of the programme. `capacity` set: people sign up for a seat (workshops). */
export const conferenceSessions = pgTable(
  'conference_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The positive integer id the frab format asks for; never reused. */
    num: serial().notNull(),
    eventId: cascadeTo(() => conferences.eventId),
    /** Short code in URLs (`/conferences/{slug}/sessions/{code}`). */
    code: text().notNull(),
    /** Stable across edits and exports, so calendars and players follow the session. */
    guid: uuid().notNull().defaultRandom(),
    title: jsonb().$type<Text2>().notNull(),
    abstract: jsonb().$type<Text2>().notNull(),
    type: text().$type<SessionType>().notNull(),
    language: text().$type<'en' | 'es'>().notNull(),
    trackId: uuid().references(() => conferenceTracks.id, { onDelete: 'set null' }),
    roomId: uuid().references(() => conferenceRooms.id, { onDelete: 'set null' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    speakers: jsonb().$type<Speaker[]>().notNull().default([]),
    capacity: integer(),
    seatsTaken: integer().notNull().default(0),
    waitlistSeq: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conference_sessions_code').on(t.eventId, t.code),
    // Unique within a conference: the same talk imported into two conferences keeps its guid in both.
    uniqueIndex('conference_sessions_guid').on(t.eventId, t.guid),
    index('conference_sessions_room').on(t.roomId, t.startsAt),
    // The seat count can never pass the seats: a conditional update that would is refused here too.
    check('conference_sessions_seats', sql`${t.capacity} IS NULL OR ${t.seatsTaken} <= ${t.capacity}`),
  ],
);

export const SIGNUP_STATUSES = ['confirmed', 'waitlist', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** A registered attendee's seat (or place in line) at a workshop. One per person and session. */
export const sessionSignups = pgTable(
  'session_signups',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: cascadeTo(() => conferenceSessions.id),
    personId: cascadeTo(() => people.id),
    status: text().$type<SignupStatus | 'pending'>().notNull(),
    /** Arrival ticket in the line; the position is counted from it. */
    waitlistSeq: integer(),
    /** As the RSVP has them: the name as typed, the address and the language emails go in. */
    name: text().notNull(),
    email: text().notNull(),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('session_signups_once').on(t.sessionId, t.personId),
    index('session_signups_line').on(t.sessionId, t.status, t.waitlistSeq),
  ],
);

/** A person's starred sessions ("my agenda"). */
export const agendaStars = pgTable(
  'agenda_stars',
  {
    personId: cascadeTo(() => people.id),
    sessionId: cascadeTo(() => conferenceSessions.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.sessionId] })],
);

/**
 * Feedback on a session: anonymous, once per person. `voter` is a keyed hash of the person and the
 * session, so nobody reading the table can tell who wrote what, yet a second rating is refused.
 */
export const sessionFeedback = pgTable(
  'session_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: cascadeTo(() => conferenceSessions.id),
    voter: text().notNull(),
    rating: integer().notNull(),
    comment: text(),
  },
  (t) => [
    uniqueIndex('session_feedback_once').on(t.sessionId, t.voter),
    check('session_feedback_rating', sql`${t.rating} BETWEEN 1 AND 5`),
  ],
);

/** A question of the call for proposals, answered in words; `id` keys the answers. */
export interface CfpQuestion {
  id: string;
  label: Text2;
  required: boolean;
}

export type ApplicationTargets = Partial<Record<'sector' | 'government' | 'careerStage' | 'language', Record<string, number>>>;

export const PROPOSAL_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'rejected', 'waitlisted', 'confirmed', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Who may score a conference's proposals (besides its organizers). */
export const conferenceReviewers = pgTable(
  'conference_reviewers',
  {
    eventId: cascadeTo(() => conferences.eventId),
    personId: cascadeTo(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** A talk submitted to the call for proposals. The speaker edits and confirms through a signed link. */
export const proposals = pgTable(
  'conference_proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => conferences.eventId),
    title: text().notNull(),
    abstract: text().notNull(),
    type: text().$type<SessionType>().notNull(),
    trackId: uuid().references(() => conferenceTracks.id, { onDelete: 'set null' }),
    language: text().$type<'en' | 'es'>().notNull(),
    level: text().$type<(typeof PROPOSAL_LEVELS)[number]>().notNull(),
    speakerName: text().notNull(),
    speakerEmail: text().notNull(),
    /** The language emails to the speaker go in. */
    speakerLanguage: text().$type<'en' | 'es'>().notNull(),
    accessNeeds: text(),
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: text().$type<ProposalStatus>().notNull().default('submitted'),
    /** The session made from it once accepted; set once, so a double press cannot make two. */
    sessionId: uuid().references(() => conferenceSessions.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [index('conference_proposals_event').on(t.eventId, t.createdAt)],
);

export const proposalReviews = pgTable(
  'conference_proposal_reviews',
  {
    proposalId: cascadeTo(() => proposals.id),
    reviewerId: cascadeTo(() => people.id),
    score: integer().notNull(),
    comment: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.reviewerId] }),
    check('conference_proposal_reviews_score', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/** A topic people would like on the programme; `sessionId` once one is scheduled ("you asked, we scheduled"). */
export const topics = pgTable(
  'conference_topics',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => conferences.eventId),
    title: jsonb().$type<Text2>().notNull(),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    sessionId: uuid().references(() => conferenceSessions.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conference_topics_event').on(t.eventId)],
);

/** One vote per person and topic (the unique index), the voter's sector as it was when they voted. */
export const topicVotes = pgTable(
  'conference_topic_votes',
  {
    topicId: cascadeTo(() => topics.id),
    personId: cascadeTo(() => people.id),
    sector: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conference_topic_votes_once').on(t.topicId, t.personId)],
);

/** Votes a person has used at a conference: raised only by `used < limit` conditional updates. */
export const topicVoters = pgTable(
  'conference_topic_voters',
  {
    eventId: cascadeTo(() => conferences.eventId),
    personId: cascadeTo(() => people.id),
    used: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] }), check('conference_topic_voters_used', sql`${t.used} >= 0`)],
);

export const CAREER_STAGES = ['student', 'early', 'mid', 'senior', 'changing'] as const;
export const APPLICATION_STATUSES = ['submitted', 'accepted', 'waitlisted', 'declined', 'confirmed', 'released'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application for a seat at a symposium. One per person and conference. */
export const applications = pgTable(
  'conference_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => conferences.eventId),
    personId: cascadeTo(() => people.id),
    name: text().notNull(),
    email: text().notNull(),
    language: text().$type<'en' | 'es'>().notNull(),
    sector: text().notNull(),
    careerStage: text().$type<(typeof CAREER_STAGES)[number]>().notNull(),
    why: text().notNull(),
    accessNeeds: text(),
    demographics: jsonb().$type<Record<string, string>>(),
    status: text().$type<ApplicationStatus>().notNull().default('submitted'),
    waitlistSeq: integer(),
    confirmBy: timestamp({ withTimezone: true }),
    score: integer(),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('conference_applications_once').on(t.eventId, t.personId),
    index('conference_applications_status').on(t.eventId, t.status, t.waitlistSeq),
  ],
);

export type Proposal = typeof proposals.$inferSelect;
export type Topic = typeof topics.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type Conference = typeof conferences.$inferSelect;
export type Track = typeof conferenceTracks.$inferSelect;
export type Room = typeof conferenceRooms.$inferSelect;
export type Session = typeof conferenceSessions.$inferSelect;
export type Signup = typeof sessionSignups.$inferSelect;
