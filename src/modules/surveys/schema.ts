import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cascadeTo, citext, timestamps } from '../../db/columns';
import { people } from '../people';
import { events } from '../events';

export interface LocalText {
  en?: string | null;
  es?: string | null;
}

export type QuestionKind = 'likert' | 'choice' | 'yesno' | 'text';

export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  label: LocalText;
  /** For `choice`: the options, each in both languages. Answers hold the option's index. */
  options?: LocalText[];
  required?: boolean;
}

export const SURVEY_KINDS = ['postEvent', 'pre', 'post', 'followup'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/**
 * A survey: after an event, before/after (a `post` survey names its `pre` one, and answers are paired
 * per person), or a placement follow-up some months after the event.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid().references(() => events.id, { onDelete: 'cascade' }),
    chapter: text(),
    /** The cohort program it belongs to (the programs module's id, read through its hooks), for totals per program. */
    programId: uuid(),
    kind: text().$type<SurveyKind>().notNull(),
    title: jsonb().$type<LocalText>().notNull(),
    questions: jsonb().$type<SurveyQuestion[]>().notNull(),
    pairedWith: uuid(),
    /** Follow-ups only: months after the event (3, 6 or 12). */
    months: integer(),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  // A program's totals read its surveys.
  (t) => [index('surveys_program').on(t.programId)],
);

/**
 * One person's answers to one survey; answering again replaces them (one row per person, by the
 * unique index). Text answers are shown to organizers only.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: cascadeTo(() => surveys.id),
    personId: uuid().references(() => people.id, { onDelete: 'cascade' }),
    email: citext().notNull(),
    language: text().notNull().default('en'),
    answers: jsonb().$type<Record<string, number | boolean | string>>().notNull(),
    /** Agreed to placement follow-ups (3, 6 and 12 months) by this survey's checkbox. */
    followupConsent: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('survey_responses_once').on(t.surveyId, t.email), index('survey_responses_person').on(t.personId)],
);

/**
 * A follow-up owed to one person: queued once (unique per survey and address), sent once and reminded
 * once, each recorded by a conditional update before the mail is queued (as event reminders are).
 */
export const surveyFollowups = pgTable(
  'survey_followups',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: cascadeTo(() => surveys.id),
    email: citext().notNull(),
    language: text().notNull().default('en'),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    /** Unsubscribed: nothing more is sent to this address about follow-ups. */
    stoppedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_followups_once').on(t.surveyId, t.email),
    index('survey_followups_due')
      .on(t.dueAt)
      .where(sql`${t.sentAt} IS NULL`),
  ],
);

export type SurveyRow = typeof surveys.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
