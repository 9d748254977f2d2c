import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, pgView, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { citext } from '../../db/columns';

export const SECTORS = [
  'federal',
  'state',
  'county',
  'city',
  'special_district',
  'school_district',
  'tribal',
  'nonprofit',
  'private',
  'academic',
  'student',
  'between_jobs',
] as const;
export type Sector = (typeof SECTORS)[number];

/** The sectors that are a level of government: the one list, used by door counts and impact figures. */
export const GOVERNMENT_SECTORS: readonly Sector[] = SECTORS.slice(0, SECTORS.indexOf('tribal') + 1);
export function isGovernmentSector(sector: string): boolean {
  return (GOVERNMENT_SECTORS as readonly string[]).includes(sector);
}

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['admin', 'organizer', 'partner', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const chapters = pgTable('chapters', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  /** The Spanish name; null: the English one serves both. */
  nameEs: text(),
  city: text(),
  timeZone: text().notNull().default('America/Los_Angeles'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export interface Consents {
  /** Event announcements and reminders beyond the ones for events the person joined. */
  eventNews?: boolean;
  jobAlerts?: boolean;
  newsletter?: boolean;
  /** May organizers contact this person about programs and research? */
  research?: boolean;
}

export const people = pgTable(
  'people',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null after the person deleted their account (`deleted_at` set), or for a guest who gave only a name at the door. */
    email: citext(),
    fullName: text().notNull(),
    /** "What should we call you", optional. */
    preferredName: text(),
    language: text().$type<Language>().notNull().default('en'),
    pronouns: text(),
    organization: text(),
    sector: text().$type<Sector>(),
    accessibilityNeeds: text(),
    consents: jsonb().$type<Consents>().notNull().default({}),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(t.email),
    index('people_name_trgm').using('gin', sql`f_search_key(${t.fullName}) gin_trgm_ops`),
    index('people_email_trgm').using('gin', sql`f_search_key(${t.email}::text) gin_trgm_ops`),
  ],
);

/**
 * What other modules may read of a person inside their own SQL (decision 41): a
 * report or a send list joins this view instead of the people table, so the table's other columns
 * (pronouns, accessibility needs, all consents) stay people's own and can change without breaking them.
 * Writes still go through people's service.
 */
export const personContacts = pgView('person_contacts', {
  id: uuid().notNull(),
  email: citext(),
  fullName: text().notNull(),
  language: text().$type<Language>().notNull(),
  organization: text(),
  sector: text().$type<Sector>(),
  /** The newsletter answer of the person's own account settings: 'true', 'false' or null. */
  newsletterConsent: text(),
  emailVerifiedAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  deletedAt: timestamp({ withTimezone: true }),
}).as(
  sql`SELECT id, email, full_name, language, organization, sector, consents->>'newsletter' AS newsletter_consent, email_verified_at, updated_at, deleted_at FROM people`,
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text().$type<Role>().notNull(),
    /** organizer: a chapter id; partner: an organization (agency) id; admin and member: null. */
    scope: text(),
    grantedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_unique').on(t.personId, t.role, sql`coalesce(${t.scope}, '')`)],
);

export const erasures = pgTable('erasures', {
  id: uuid().primaryKey().defaultRandom(),
  /** What the person was (their sector), so anonymous counts survive; never who. */
  sector: text(),
  erasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  active: boolean().notNull().default(true),
});

export type Person = typeof people.$inferSelect;
export type Chapter = typeof chapters.$inferSelect;
