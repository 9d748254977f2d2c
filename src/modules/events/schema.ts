import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cascadeTo, timestamps } from '../../db/columns';
import { people } from '../people';

/** Text an organizer writes, in English and Spanish; either may be missing (the other is shown, marked). */
export interface LocalText {
  en?: string | null;
  es?: string | null;
}

/**
 * An uploaded picture as pages need it, kept with the event so no page reads the image tables:
 * served at `/event-images/<key>/<width>.webp` (and `.jpg`/`.png`), `key` carrying the content hash.
 */
export interface ImageRef {
  key: string;
  /** The largest variant's size (every variant has the same shape). */
  width: number;
  height: number;
  widths: number[];
  fallback: 'jpeg' | 'png';
}

/** An event's cover picture and its text alternative, in English and Spanish (one is required). */
export interface Cover extends ImageRef {
  alt: LocalText;
}

export interface Speaker {
  name: string;
  title?: string | null;
  organization?: string | null;
  /** A photo on another site (API only; pages show an uploaded `photo`, never a third party's). */
  photoUrl?: string | null;
  photo?: ImageRef | null;
  photoAlt?: string | null;
  bio?: LocalText;
}

export interface Venue {
  name?: string | null;
  address?: string | null;
  mapUrl?: string | null;
}

export interface Accessibility {
  stepFree?: boolean;
  restrooms?: boolean;
  transit?: string | null;
  interpretation?: boolean;
  notes?: LocalText;
}

export interface Question {
  id: string;
  kind: 'text' | 'choice' | 'yesno';
  label: LocalText;
  required: boolean;
  /** For `choice`: the options, each in both languages. */
  options?: LocalText[];
}

export interface OpportunityLink {
  label: string;
  url: string;
}

export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'postponed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type RsvpStatus = 'going' | 'waitlist' | 'pending' | 'declined' | 'cancelled' | 'walkin';

export const eventSeries = pgTable('event_series', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  /** Chapter slug (organizer scope) that runs the series. */
  chapter: text(),
  title: jsonb().$type<LocalText>().notNull(),
  description: jsonb().$type<LocalText>().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    seriesId: uuid().references(() => eventSeries.id, { onDelete: 'set null' }),
    chapter: text(),
    title: jsonb().$type<LocalText>().notNull(),
    summary: jsonb().$type<LocalText>().notNull().default({}),
    /** Markdown, rendered and sanitised on display. */
    description: jsonb().$type<LocalText>().notNull().default({}),
    speakers: jsonb().$type<Speaker[]>().notNull().default([]),
    /** The cover picture (an `event_images` row of this event), or none. */
    cover: jsonb().$type<Cover | null>(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    timeZone: text().notNull(),
    format: text().$type<EventFormat>().notNull().default('in_person'),
    venue: jsonb().$type<Venue>().notNull().default({}),
    accessibility: jsonb().$type<Accessibility>().notNull().default({}),
    /** Null: no limit. */
    capacity: integer(),
    /** Seats taken (status going). Changed only by conditional updates, never above capacity. */
    goingCount: integer().notNull().default(0),
    /** Last waitlist ticket handed out: arrival order on the waitlist. */
    waitlistSeq: integer().notNull().default(0),
    requiresApproval: boolean().notNull().default(false),
    /** A new RSVP holds no seat until the link emailed to its address is followed. */
    requireEmailConfirmation: boolean().notNull().default(false),
    rsvpOpensAt: timestamp({ withTimezone: true }),
    rsvpClosesAt: timestamp({ withTimezone: true }),
    questions: jsonb().$type<Question[]>().notNull().default([]),
    livestreamUrl: text(),
    /** Views of the livestream, entered by an organizer (impact figures); null: not known. */
    livestreamViews: integer(),
    /** When `livestreamViews` was last fetched from YouTube (null: entered by an organizer, or never). */
    livestreamViewsFetchedAt: timestamp({ withTimezone: true }),
    recordingUrl: text(),
    links: jsonb().$type<OpportunityLink[]>().notNull().default([]),
    status: text().$type<EventStatus>().notNull().default('draft'),
    /** Hours before the start when reminders go out. */
    reminderHours: jsonb().$type<number[]>().notNull().default([48, 2]),
    /** iCalendar SEQUENCE: raised on every change attendees should hear about. */
    sequence: integer().notNull().default(0),
    /**
     * Created with a start already past: a record of history (imported attendance), not a booking.
     * RSVPs stay closed and no email is ever sent for it.
     */
    pastRecord: boolean().notNull().default(false),
    createdBy: uuid(),
    ...timestamps(),
  },
  (t) => [
    index('events_starts').on(t.status, t.startsAt),
    index('events_series').on(t.seriesId, t.startsAt),
    check('events_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
    check('events_going_within_capacity', sql`${t.capacity} IS NULL OR ${t.goingCount} <= ${t.capacity}`),
    check('events_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const rsvps = pgTable(
  'rsvps',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: cascadeTo(() => events.id),
    personId: cascadeTo(() => people.id),
    /** The name as given with this RSVP (the person record is never renamed by a form). */
    name: text().notNull(),
    email: text(),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    status: text().$type<RsvpStatus>().notNull(),
    /** Pending until the emailed link is followed (events that require email confirmation). */
    unconfirmed: boolean().notNull().default(false),
    /** Arrival ticket while on the waitlist; the position is the rank among those still waiting. */
    waitlistSeq: integer(),
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    accessibilityNeeds: text(),
    /** Short code on the ticket, typed or scanned at the door. */
    ticketCode: text().notNull(),
    source: text().notNull().default('web'),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rsvps_event_person').on(t.eventId, t.personId),
    uniqueIndex('rsvps_ticket').on(t.eventId, t.ticketCode),
    index('rsvps_event_status').on(t.eventId, t.status, t.waitlistSeq),
    index('rsvps_person').on(t.personId),
  ],
);

/** One row per reminder sent: the primary key makes "never twice" a database fact. */
export const eventReminders = pgTable(
  'event_reminders',
  {
    rsvpId: cascadeTo(() => rsvps.id),
    hours: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rsvpId, t.hours] })],
);

export type EventRow = typeof events.$inferSelect;
export type SeriesRow = typeof eventSeries.$inferSelect;
export type RsvpRow = typeof rsvps.$inferSelect;

/**
 * What other modules may read of an event inside their own SQL (decision 41): a fair's list or a
 * convening's recommendations join this view, never the events table, whose other columns stay events' own.
 */
export const eventListing = pgView('event_listing', {
  id: uuid().notNull(),
  slug: text().notNull(),
  chapter: text(),
  title: jsonb().$type<LocalText>().notNull(),
  status: text().notNull(),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  timeZone: text().notNull(),
}).as(sql`SELECT id, slug, chapter, title, status, starts_at, ends_at, time_zone FROM events`);
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Uploaded pictures (covers, speaker photos), stored in the database so every app server sharing it
 * serves them (decision 52). A picture uploaded on a form that came back (an "Add a speaker" or an
 * error) waits here with no event until the form is saved; one never saved is swept after a day.
 */
export const eventImages = pgTable(
  'event_images',
  {
    /** The content hash of its variants, and a random part: each upload is a row of its own. */
    key: text().primaryKey(),
    eventId: uuid().references(() => events.id, { onDelete: 'cascade' }),
    kind: text().$type<'cover' | 'photo'>().notNull(),
    /** What pages need to show it (copied into the event's `cover` or the speaker's `photo`). */
    ref: jsonb().$type<ImageRef>().notNull(),
    uploadedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_images_event').on(t.eventId),
    index('event_images_pending')
      .on(t.createdAt)
      .where(sql`${t.eventId} IS NULL`),
  ],
);

/** The re-encoded files of one picture: each width as WebP and as JPEG (or PNG). */
export const eventImageFiles = pgTable(
  'event_image_files',
  {
    key: text()
      .notNull()
      .references(() => eventImages.key, { onDelete: 'cascade' }),
    /** `640.webp`, `640.jpg`, … */
    name: text().notNull(),
    contentType: text().notNull(),
    body: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.name] })],
);
