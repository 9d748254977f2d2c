import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from '../../db/columns';
import { people } from '../people';
import { events } from '../events';

/** One person in a grouping, as the organizer sent them (names exactly as written). */
export interface StoredParticipant {
  /** The identifier the API answers with: the sent `id`, else the email. */
  key: string;
  id?: string | null;
  email?: string | null;
  name: string;
  government?: boolean | null;
  sector?: string | null;
  languages?: string[];
  facilitator?: boolean;
  /** Marked absent by a rebalance: kept for the rounds already held, left out of later ones. */
  absent?: boolean;
}

export interface StoredConstraints {
  balance?: ('government' | 'sector')[];
  keepApart?: [string, string][];
  keepTogether?: [string, string][];
}

export interface StoredProblem {
  code: string;
  people?: string[];
  round?: number;
  table?: number;
  detail?: string;
}

/** What a grouping and a mentorship round both start with: for an event, or on its own in a chapter. */
const ownedByEvent = () => ({
  id: uuid().primaryKey().defaultRandom(),
  eventId: uuid().references(() => events.id, { onDelete: 'cascade' }),
  chapter: text(),
  title: text().notNull(),
});

/** And end with: a version for conditional updates, who made it, when. */
const versioned = () => ({
  version: integer().notNull().default(1),
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  ...timestamps(),
});

/**
 * A plan of tables over several rounds, for an event (managed as the event is) or on its own (managed
 * by the organizers of its chapter). The plan is one JSON value so a rebalance replaces it whole:
 * nothing is ever half-saved, and `version` makes two rebalances at once fail rather than mix.
 */
export const groupings = pgTable(
  'groupings',
  {
    ...ownedByEvent(),
    groupSize: integer(),
    groups: integer(),
    rounds: integer().notNull(),
    participants: jsonb().$type<StoredParticipant[]>().notNull(),
    constraints: jsonb().$type<StoredConstraints>().notNull().default({}),
    /** rounds → tables → indexes into `participants`. */
    plan: jsonb().$type<number[][][]>().notNull(),
    /** Rounds 1..heldRounds are settled (a rebalance from round k holds the rounds before it). */
    heldRounds: integer().notNull().default(0),
    repeatPairs: integer().notNull(),
    maxMeetings: integer().notNull(),
    lowerBound: integer().notNull(),
    warnings: jsonb().$type<StoredProblem[]>().notNull().default([]),
    ...versioned(),
  },
  // A ticket page asks for the groupings of its event.
  (t) => [index('groupings_event').on(t.eventId)],
);

export type GroupingRow = typeof groupings.$inferSelect;

/** A mentor as the organizer entered them. `key` is the email (lower case) when given, else the name. */
export interface StoredMentor {
  key: string;
  name: string;
  email?: string | null;
  /** The language their introduction is written in. */
  language: 'en' | 'es';
  capacity: number;
  languages: string[];
  agency?: string | null;
  topics: string[];
  /** Mentee keys, most wanted first. Empty: any mentee who asks, those sharing topics and languages first. */
  choices: string[];
}

export interface StoredMentee {
  key: string;
  name: string;
  email?: string | null;
  language: 'en' | 'es';
  languages: string[];
  goals: string[];
  /** Mentor keys, most wanted first. */
  choices: string[];
}

/** [mentor key, mentee key]. */
export type StoredPair = [string, string];

/**
 * A mentorship round for an event (managed as the event is) or on its own (its chapter's organizers):
 * both sides' lists, the pairs of the last run, the pairs organizers locked, and the pairs already
 * introduced by email (each introduced once). `version` makes two changes at once fail rather than mix.
 */
export const mentorships = pgTable(
  'mentorships',
  {
    ...ownedByEvent(),
    mode: text().$type<'stable' | 'optimal'>().notNull().default('stable'),
    mentors: jsonb().$type<StoredMentor[]>().notNull(),
    mentees: jsonb().$type<StoredMentee[]>().notNull(),
    pairs: jsonb().$type<StoredPair[]>().notNull().default([]),
    locked: jsonb().$type<StoredPair[]>().notNull().default([]),
    introduced: jsonb().$type<StoredPair[]>().notNull().default([]),
    ...versioned(),
  },
  (t) => [index('mentorships_event').on(t.eventId)],
);

export type MentorshipRow = typeof mentorships.$inferSelect;
