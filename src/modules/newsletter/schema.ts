import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from '../../db/columns';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const TOPICS = ['events', 'jobs', 'programs'] as const;
export type Topic = (typeof TOPICS)[number];
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];
export const ISSUE_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained';

/** One row per address that asked for (or was imported into) the newsletter. */
export const subscribers = pgTable(
  'newsletter_subscribers',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The one person record with this email; null only after the person erased their account. */
    personId: uuid(),
    email: citext().notNull(),
    name: text(),
    language: text().$type<'en' | 'es'>().notNull().default('en'),
    topics: jsonb().$type<Topic[]>().notNull().default(['events', 'jobs', 'programs']),
    chapterSlug: text(),
    status: text().$type<SubscriberStatus>().notNull().default('pending'),
    /** form, account, api, import, mailchimp */
    source: text().notNull().default('form'),
    /** When the person gave consent (double opt-in confirmation, or the date an import carries). */
    consentedAt: timestamp({ withTimezone: true }),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Mailchimp merge fields, tags and rating, kept as imported. */
    extra: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('newsletter_subscribers_email').on(t.email),
    index('newsletter_subscribers_status').on(t.status),
    index('newsletter_subscribers_person').on(t.personId),
  ],
);

/**
 * Addresses that must never get bulk mail. Keyed by a hash of the lower-cased address so an erased
 * person's opt-out survives without keeping the address itself.
 */
export const suppressions = pgTable('newsletter_suppressions', {
  emailHash: text().primaryKey(),
  email: citext(),
  reason: text().$type<SuppressionReason>().notNull(),
  detail: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Temporary failures (mailbox full, policy, blocked, rate…), one row per address and send, so the
 * same report read twice counts once. Several within 30 days suppress the address (bounces.ts).
 * Keyed by the address hash like the suppression list, so erasing the person leaves no address here.
 */
export const softBounces = pgTable(
  'newsletter_soft_bounces',
  {
    emailHash: text().notNull(),
    /** The issue that bounced, or the day the report came for mail we cannot tie to an issue. */
    sendKey: text().notNull(),
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('newsletter_soft_bounces_once').on(t.emailHash, t.sendKey),
    index('newsletter_soft_bounces_recent').on(t.emailHash, t.createdAt),
  ],
);

export interface Bilingual {
  en: string;
  es: string;
}
export interface IssueBlocks {
  events?: boolean;
  jobs?: boolean;
  recordings?: boolean;
  posts?: boolean;
}
export interface Segment {
  languages?: ('en' | 'es')[];
  topics?: Topic[];
  chapter?: string;
  attendedMonths?: number;
}
/** Blocks as filled when sending started, so every recipient and the archive see the same issue. */
export interface FrozenBlocks {
  events: { title: string; url: string; when: string }[];
  jobs: { id: string; title: string; agency: string; url: string }[];
  recordings: { title: string; url: string }[];
  /** Absent in issues frozen before the posts block existed. */
  posts?: { title: string; url: string }[];
}

export const issues = pgTable(
  'newsletter_issues',
  {
    id: uuid().primaryKey().defaultRandom(),
    subject: jsonb().$type<Bilingual>().notNull(),
    body: jsonb().$type<Bilingual>().notNull(),
    blocks: jsonb().$type<IssueBlocks>().notNull().default({}),
    segment: jsonb().$type<Segment>().notNull().default({}),
    status: text().$type<IssueStatus>().notNull().default('draft'),
    tracking: boolean().notNull().default(true),
    scheduledAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    frozen: jsonb().$type<Record<'en' | 'es', FrozenBlocks>>(),
    /** Tracked links of the sent issue, by index: the click redirect only goes to these. */
    links: jsonb().$type<{ url: string; jobId?: string }[]>().notNull().default([]),
    createdBy: uuid(),
    ...timestamps(),
  },
  (t) => [index('newsletter_issues_status').on(t.status, t.scheduledAt)],
);

type DeliveryStatus = 'queued' | 'sending' | 'committing' | 'sent' | 'failed' | 'uncertain' | 'cancelled';

/**
 * The durable send queue: one row per recipient per issue (unique), claimed in batches with a
 * conditional update. See docs/decisions/0006-exactly-once-sending.md for the states.
 */
export const deliveries = pgTable(
  'newsletter_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    issueId: uuid()
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    subscriberId: uuid().notNull(),
    email: citext(),
    language: text().$type<'en' | 'es'>().notNull(),
    status: text().$type<DeliveryStatus>().notNull().default('queued'),
    /** Random per claim: only the claimer may move the row on. */
    claim: text(),
    leaseUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('newsletter_deliveries_once').on(t.issueId, t.subscriberId),
    index('newsletter_deliveries_queue').on(t.issueId, t.status, t.nextAttemptAt),
    index('newsletter_deliveries_subscriber').on(t.subscriberId),
  ],
);

/** Opens and clicks. Unique opens and clicks are counted per delivery. */
export const trackingEvents = pgTable(
  'newsletter_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    issueId: uuid()
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    deliveryId: uuid().notNull(),
    kind: text().$type<'open' | 'click'>().notNull(),
    linkIndex: integer(),
    /** Opens that a mail server or privacy proxy made, not a person (see reports). */
    machine: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('newsletter_events_issue').on(t.issueId, t.kind), index('newsletter_events_delivery').on(t.deliveryId)],
);

export type Subscriber = typeof subscribers.$inferSelect;
export type Issue = typeof issues.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
