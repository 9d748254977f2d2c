import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Durable background work. A task is claimed by a conditional update, so two workers never run it twice. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Same key, same task: enqueueing twice is a no-op. */
    dedupeKey: text(),
    status: text().$type<'pending' | 'running' | 'done' | 'failed'>().notNull().default('pending'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('tasks_due').on(t.status, t.runAt), uniqueIndex('tasks_dedupe').on(t.dedupeKey)],
);

/**
 * When each schedule last ran, shared by every worker on the database: a schedule runs when a worker
 * moves this time forward with a conditional update, so two workers never both fire it.
 */
export const scheduleRuns = pgTable('schedule_runs', {
  name: text().primaryKey(),
  lastRunAt: timestamp({ withTimezone: true }).notNull(),
});
