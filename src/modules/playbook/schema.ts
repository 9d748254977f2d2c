import { check, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { cascadeTo } from '../../db/columns';
import { people } from '../people';
import type { TemplateContent, TemplateKind } from './lib/kinds';
import type { StartedThing } from './hooks';

/** The network's templates: what a new chapter copies. `version` grows by one with each change. */
export const playbookTemplates = pgTable(
  'playbook_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    kind: text().$type<TemplateKind>().notNull(),
    version: integer().notNull().default(1),
    content: jsonb().$type<TemplateContent>().notNull(),
    updatedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('playbook_templates_version', sql`${t.version} >= 1`)],
);

/** Every version of a template's text, kept so a chapter can see what changed since it copied. */
export const playbookTemplateVersions = pgTable(
  'playbook_template_versions',
  {
    templateId: cascadeTo(() => playbookTemplates.id),
    version: integer().notNull(),
    content: jsonb().$type<TemplateContent>().notNull(),
    savedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    savedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

/**
 * A chapter's own copy of a template: independent of the network's (editing one never changes the
 * other). `baseVersion` is the network version the copy was made from, or last brought up to date
 * with: the network's changes after it are what the chapter has not seen.
 */
export const playbookCopies = pgTable(
  'playbook_copies',
  {
    id: uuid().primaryKey().defaultRandom(),
    chapter: text().notNull(),
    templateId: cascadeTo(() => playbookTemplates.id),
    baseVersion: integer().notNull(),
    content: jsonb().$type<TemplateContent>().notNull(),
    /** What the copy started in other modules (an event series and its first draft, a program). */
    started: jsonb().$type<StartedThing[]>().notNull().default([]),
    copiedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    copiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('playbook_copies_chapter_template').on(t.chapter, t.templateId)],
);

export type PlaybookTemplate = typeof playbookTemplates.$inferSelect;
export type PlaybookCopy = typeof playbookCopies.$inferSelect;
