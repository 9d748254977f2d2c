import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Site-wide values every app server must agree on, such as the generated signing secret. */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
