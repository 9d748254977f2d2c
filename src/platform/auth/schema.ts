import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { citext } from '../../db/columns';

// Sessions and tokens belong to a person whose record the platform does not own (see
// docs/decisions/0012-identity-accounts-in-platform.md). The database keeps the foreign keys created
// with these tables (a session dies with its person); this stand-in names only the key they point at,
// so the platform imports no module and drizzle-kit's snapshot still matches the database. Not
// exported: the table belongs to another migration set.
const personKey = pgTable('people', { id: uuid().primaryKey() });

/** A pending sign-in: a one-time link token and a six-digit code, both stored hashed. */
export const signinRequests = pgTable(
  'signin_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: citext().notNull(),
    tokenHash: text().notNull().unique(),
    codeHash: text().notNull(),
    /** Where to go after signing in (a local path). */
    next: text(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('signin_requests_email').on(t.email, t.createdAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    personId: uuid()
      .notNull()
      .references(() => personKey.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sessions_person').on(t.personId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  personId: uuid()
    .notNull()
    .references(() => personKey.id, { onDelete: 'cascade' }),
  label: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  /** Null: until revoked. */
  expiresAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
});

/** Fixed-window counters; shared by every app server because they live in the database. */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});
