import { customType, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Case-insensitive text: emails compare equal whatever their case (the extension is in db/migrations). */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });

/** When a row was created and last changed; spread into a table's columns. */
export const timestamps = () => ({
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A required reference to another table's row that goes when that row does. */
export const cascadeTo = (target: () => AnyPgColumn) => uuid().notNull().references(target, { onDelete: 'cascade' });
