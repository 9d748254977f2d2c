import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Development mailbox: every message that would have gone out over SMTP. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    /** The whole RFC 5322 message, as it would have been sent. */
    raw: text().notNull(),
    messageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_to').on(t.to, t.createdAt)],
);
