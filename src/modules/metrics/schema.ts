import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What the organizers chose to publish: one row per scope (a chapter's slug, or '' for the network).
 * Without a published row, the scope's "Our impact" page and public figures answer 404.
 */
export const metricPublications = pgTable('metric_publications', {
  scope: text().primaryKey(),
  published: boolean().notNull().default(false),
  /** The period the public may read; null: any. */
  fromDate: date({ mode: 'string' }),
  toDate: date({ mode: 'string' }),
  /** The figures shown publicly; null: all. */
  metrics: text().array(),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Figures no module records yet (placements, confidence change), entered by organizers for a period
 * with the source they came from, until the follow-up surveys report them.
 */
export const metricEntries = pgTable('metric_entries', {
  id: uuid().primaryKey().defaultRandom(),
  chapter: text().notNull(),
  metric: text().$type<'placements' | 'confidence_change'>().notNull(),
  fromDate: date({ mode: 'string' }).notNull(),
  toDate: date({ mode: 'string' }).notNull(),
  value: numeric({ mode: 'number' }).notNull(),
  /** How many people the figure comes from (for a rate or an average; placements are people). */
  people: integer().notNull(),
  note: text().notNull(),
  createdBy: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
