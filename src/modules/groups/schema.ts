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

/**
 * A plan of tables over several rounds, for an event (managed as the event is) or on its own (managed
 * by the organizers of its chapter). The plan is one JSON value so a rebalance replaces it whole:
 * nothing is ever half-saved, and `version` makes two rebalances at once fail rather than mix.
 */
export const groupings = pgTable(
  'groupings',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid().references(() => events.id, { onDelete: 'cascade' }),
    chapter: text(),
    title: text().notNull(),
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
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  // A ticket page asks for the groupings of its event.
  (t) => [index('groupings_event').on(t.eventId)],
);

export type GroupingRow = typeof groupings.$inferSelect;
