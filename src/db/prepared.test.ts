import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { testEnv, type TestEnv } from '../../test/helpers';
import { queryCount } from './client';
import { builtOnce } from './prepared';

const probes = pgTable('built_once_probes', {
  id: uuid().primaryKey().defaultRandom(),
  label: text().notNull(),
  note: text(),
  data: jsonb().$type<Record<string, string>>().notNull(),
  seenAt: timestamp({ withTimezone: true }),
  done: boolean().notNull(),
  size: integer().notNull().default(7),
});
const whole = getTableColumns(probes);

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await env.deps.db.execute(
    sql`CREATE TABLE built_once_probes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL UNIQUE, note text,
        data jsonb NOT NULL, seen_at timestamptz, done boolean NOT NULL, size integer NOT NULL DEFAULT 7)`,
  );
});
afterAll(() => env.close());

let builds = 0;
const insertProbe = builtOnce<typeof probes.$inferSelect>(
  'test.insertProbe',
  (db) => {
    builds++;
    return db
      .insert(probes)
      .values({
        label: sql.placeholder('label'),
        note: sql.placeholder('note'),
        data: sql.placeholder('data'),
        seenAt: sql.placeholder('seenAt'),
        done: false,
      })
      .onConflictDoNothing()
      .returning(whole);
  },
  whole,
);
const insertQuietly = builtOnce('test.insertQuietly', (db) =>
  db
    .insert(probes)
    .values({ label: sql.placeholder('label'), data: {}, done: true })
    .onConflictDoNothing(),
);

describe('builtOnce', () => {
  it('builds once and returns rows exactly as a Drizzle select reads them', async () => {
    const db = env.deps.db;
    const seenAt = new Date('2027-03-01T12:34:56.789Z');
    const [a] = await insertProbe(db, { label: 'a', note: "O'Brien <b>", data: { name: 'Núñez' }, seenAt });
    const [b] = await insertProbe(db, { label: 'b', note: null, data: {}, seenAt: undefined });
    expect(builds).toBe(1);
    const [readA] = await db.select().from(probes).where(eq(probes.id, a.id));
    const [readB] = await db.select().from(probes).where(eq(probes.id, b.id));
    expect(a).toEqual(readA);
    expect(b).toEqual(readB);
    expect(a).toMatchObject({ label: 'a', note: "O'Brien <b>", data: { name: 'Núñez' }, done: false, size: 7 });
    expect(a.seenAt).toEqual(seenAt);
    // null and undefined are written as NULL, as Drizzle writes a null (a timestamp's encoder would throw on it).
    expect(b).toMatchObject({ note: null, seenAt: null });
    // A conflict returns nothing, like the builder's onConflictDoNothing().returning().
    expect(await insertProbe(db, { label: 'a', note: null, data: {}, seenAt: null })).toEqual([]);
  });

  it('runs on the transaction it is given: its rows commit and roll back with it', async () => {
    const db = env.deps.db;
    await expect(
      db.transaction(async (tx) => {
        await insertProbe(tx, { label: 'rolled back', note: null, data: {}, seenAt: null });
        const [inside] = await tx.select().from(probes).where(eq(probes.label, 'rolled back'));
        expect(inside?.label).toBe('rolled back');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db.select().from(probes).where(eq(probes.label, 'rolled back'))).toEqual([]);
    await db.transaction(async (tx) => {
      await insertQuietly(tx, { label: 'kept' });
    });
    const [kept] = await db.select().from(probes).where(eq(probes.label, 'kept'));
    expect(kept).toMatchObject({ done: true, data: {}, note: null });
  });

  it('refuses a run without a value for each placeholder, and counts its queries', async () => {
    await expect(insertProbe(env.deps.db, { label: 'c', data: {} })).rejects.toThrow(/no value for placeholder "note"/);
    const before = queryCount.value;
    expect(await insertQuietly(env.deps.db, { label: 'counted' })).toEqual([]);
    expect(queryCount.value - before).toBe(1);
  });
});
