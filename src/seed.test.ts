import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from './db/client';
import { testEnv, type TestEnv } from '../test/helpers';
import { runSeed } from './seed';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await runSeed(env.deps);
}, 300_000);
afterAll(() => env.close());

interface Row {
  slug: string;
  local: string;
  dow: number;
  past_record: boolean;
  rsvps: number;
  came: number;
  capacity: number;
}

describe('the demo chapter reads like a real one', () => {
  it('breakfast talks at 8:30 on weekday mornings, a fair on a working day, past talks recorded with about two in three present', async () => {
    const list = await rows<Row>(
      env.deps.db,
      sql`SELECT e.slug, to_char(e.starts_at AT TIME ZONE e.time_zone, 'HH24:MI') AS local,
                 extract(isodow FROM e.starts_at AT TIME ZONE e.time_zone)::int AS dow, e.past_record, e.capacity,
                 count(r.id)::int AS rsvps, count(r.checked_in_at)::int AS came
          FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.status IN ('going', 'walkin')
          WHERE e.slug LIKE 'data-donuts-%' OR e.slug = 'la-public-sector-tech-career-fair'
          GROUP BY e.id ORDER BY e.slug`,
    );
    const talks = list.filter((e) => e.slug.startsWith('data-donuts-'));
    expect(talks).toHaveLength(5);
    for (const t of talks) {
      expect(t.local, t.slug).toBe('08:30');
      expect([2, 3, 4], t.slug).toContain(t.dow);
    }
    const fair = list.find((e) => e.slug === 'la-public-sector-tech-career-fair')!;
    expect(fair.local).toBe('10:00');
    expect([1, 2, 3, 4, 5]).toContain(fair.dow);
    const past = talks.filter((t) => t.past_record);
    expect(past).toHaveLength(2);
    for (const t of past) {
      expect(t.rsvps).toBeGreaterThan(40);
      expect(t.came / t.rsvps).toBeGreaterThan(0.55);
      expect(t.came / t.rsvps).toBeLessThan(0.8);
    }
    // The nearest talk fills most; none is over capacity or nearly empty.
    const upcoming = talks.filter((t) => !t.past_record);
    expect(upcoming[0].rsvps).toBeGreaterThan(upcoming[2].rsvps);
    for (const t of talks) expect(t.rsvps).toBeLessThanOrEqual(t.capacity);
    expect(upcoming.reduce((n, t) => n + t.rsvps, 0)).toBeGreaterThan(60);
  });

  it('speakers, booth staff and attendees are distinct people, and the hard names are kept', async () => {
    const speakers = await rows<{ name: string }>(
      env.deps.db,
      sql`SELECT s->>'name' AS name FROM events e, jsonb_array_elements(e.speakers) s WHERE e.slug LIKE 'data-donuts-%'`,
    );
    const staff = await rows<{ name: string }>(
      env.deps.db,
      sql`SELECT s->>'name' AS name FROM fair_booths b, jsonb_array_elements(b.staff) s`,
    );
    const speakerNames = speakers.map((s) => s.name);
    expect(new Set(speakerNames).size).toBe(speakerNames.length);
    const overlap = staff.map((s) => s.name).filter((n) => speakerNames.includes(n));
    expect(overlap).toEqual([]);
    const people = await rows<{ full_name: string }>(env.deps.db, sql`SELECT full_name FROM people`);
    const names = people.map((p) => p.full_name);
    expect(names).toEqual(expect.arrayContaining(['김민준', "Siobhán O'Brien", 'Teuila', 'Nguyễn Thị Minh Khai']));
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    expect([...new Set(twice)].slice(0, 40)).toEqual([]);
  });
});
