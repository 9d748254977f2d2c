import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cascadeTo } from '../../db/columns';
import { people } from '../people';
import { events, rsvps } from '../events';
import { agencies } from '../jobs';

export interface BoothStaff {
  name: string;
  email: string | null;
}

/** An event that is a career fair: agencies have booths, attendees connect with them. */
export const careerFairs = pgTable('career_fairs', {
  eventId: uuid()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One agency's booth at one fair. */
export const fairBooths = pgTable(
  'fair_booths',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => careerFairs.eventId),
    agencyId: cascadeTo(() => agencies.id),
    /** Set by organizers; unique per fair when set. */
    tableNumber: text(),
    staff: jsonb().$type<BoothStaff[]>().notNull().default([]),
    /** Jobs from the board the agency is hiring for (its own open jobs). */
    jobIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Language names as typed ("English", "Español", "Tagalog"). */
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** When staff first arrived (marked, or at their first scan): the agency was present. */
    presentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fair_booths_agency').on(t.eventId, t.agencyId),
    uniqueIndex('fair_booths_table')
      .on(t.eventId, t.tableNumber)
      .where(sql`${t.tableNumber} IS NOT NULL`),
  ],
);

/** An attendee's career-fair registration: their pass code and their consent to share details. */
export const fairAttendees = pgTable(
  'fair_attendees',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => careerFairs.eventId),
    rsvpId: cascadeTo(() => rsvps.id),
    personId: cascadeTo(() => people.id),
    /** As given with the RSVP, never re-cased. */
    name: text().notNull(),
    email: text().notNull(),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    resumeUrl: text(),
    interests: text(),
    /** Short code shown under the QR code, typed when a camera cannot read it. */
    passCode: text().notNull(),
    consentedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fair_attendees_person').on(t.eventId, t.personId), uniqueIndex('fair_attendees_pass').on(t.eventId, t.passCode)],
);

/** A booth scanned an attendee's pass. Only made when the attendee consented; once per booth and attendee. */
export const fairConnections = pgTable(
  'fair_connections',
  {
    id: uuid().primaryKey().defaultRandom(),
    boothId: cascadeTo(() => fairBooths.id),
    attendeeId: cascadeTo(() => fairAttendees.id),
    scannedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fair_connections_once').on(t.boothId, t.attendeeId), index('fair_connections_attendee').on(t.attendeeId)],
);

export type CareerFair = typeof careerFairs.$inferSelect;
export type Booth = typeof fairBooths.$inferSelect;
export type FairAttendee = typeof fairAttendees.$inferSelect;
export type Connection = typeof fairConnections.$inferSelect;
