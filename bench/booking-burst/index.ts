// Booking burst: N simultaneous booking requests from many teams for few seats, through the real
// service (allowance and seat held in SQL, invite built and queued), against a bare SQL transaction
// doing the same writes (booking insert, allowance update, seat update, invite stored, task queued)
// in the same run. Both must end with no slot over capacity and no team over its quota.
//   npx tsx bench/booking-burst/index.ts [--quick]      (BENCH_DATABASE_URL for PostgreSQL)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, rows, type Database, type Db } from '../../src/db/client';
import { openServices } from '../../src/services';
import type { Deps } from '../../src/platform/http/context';
import { applicationInput, apply, book, createProgram, createSlot, decide, programInput, slotInput } from '../../src/modules/programs';
import { figure, isMain, runAlone, type BenchOptions, type BenchResult } from '../lib';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A program with `teams` accepted one-member teams (quota `quota` office hours) and `slots` slots of `seats`. */
async function setUp(deps: Deps, shape: { teams: number; slots: number; seats: number; quota: number }) {
  const p = await createProgram(
    deps.db,
    programInput.parse({
      title: `Bench ${Math.random().toString(36).slice(2, 8)}`,
      timeZone: 'America/New_York',
      startsAt: day(10),
      endsAt: day(60),
      applicationDeadline: day(5),
      bookingQuotas: { office_hour: shape.quota },
    }),
    null,
  );
  const teams: string[] = [];
  for (let i = 0; i < shape.teams; i++) {
    const email = `bench-${p.slug}-${i}@example.org`;
    const a = await apply(
      deps.db,
      p,
      applicationInput.parse({
        organization: `Town ${i}`,
        contact: { name: `Bench ${i}`, email },
        language: i % 2 ? 'es' : 'en',
        members: [{ name: `Bench ${i}`, email }],
      }),
    );
    teams.push((await decide(deps.db, p, a, 'accepted', null)).teamId!);
  }
  const slots: string[] = [];
  for (let i = 0; i < shape.slots; i++) {
    const hh = String(8 + (i % 10)).padStart(2, '0');
    const s = await createSlot(
      deps.db,
      p,
      slotInput.parse({
        kind: 'office_hour',
        startsAt: `${day(20 + Math.floor(i / 10))}T${hh}:00`,
        endsAt: `${day(20 + Math.floor(i / 10))}T${hh}:30`,
        capacity: shape.seats,
      }),
    );
    slots.push(s.id);
  }
  return { p, teams, slots };
}

/** No slot over capacity, no team over quota, counters equal to the live rows. */
async function check(db: Db, programId: string): Promise<number> {
  const [r] = await rows<{ live: number; over_slot: number; over_team: number; drift: number }>(
    db,
    sql`SELECT
          (SELECT count(*)::int FROM program_bookings b JOIN program_slots s ON s.id = b.slot_id WHERE s.program_id = ${programId} AND b.status = 'booked') AS live,
          (SELECT count(*)::int FROM program_slots WHERE program_id = ${programId} AND booked > capacity) AS over_slot,
          (SELECT count(*)::int FROM program_team_quotas q JOIN program_teams t ON t.id = q.team_id WHERE t.program_id = ${programId} AND q.used > q.quota) AS over_team,
          (SELECT count(*)::int FROM program_slots s WHERE s.program_id = ${programId}
             AND s.booked <> (SELECT count(*) FROM program_bookings b WHERE b.slot_id = s.id AND b.status = 'booked')) AS drift`,
  );
  if (r.over_slot || r.over_team || r.drift) throw new Error(`overbooked: ${JSON.stringify(r)}`);
  return r.live;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const n = opts.quick ? 200 : 1000;
  // 300 seats, 400 allowed bookings, 1,000 requests: both the seats and the quotas run out.
  const shape = opts.quick ? { teams: 40, slots: 20, seats: 3, quota: 2 } : { teams: 200, slots: 100, seats: 3, quota: 2 };
  let database: Database;
  let dir: string | null = null;
  if (opts.databaseUrl) database = await openPostgres(opts.databaseUrl, 10);
  else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'booking-burst-'));
    database = await openPglite(dir);
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SECRET_KEY: 'bench-secret-bench-secret-bench-secret-00' });
  const deps = await openServices(config, { database });
  // Request i: team i mod T; each of a team's requests asks for a different slot, and several teams want
  // each seat, so requests are refused both for full slots and for used-up quotas.
  const pick = (i: number, s: { teams: string[]; slots: string[] }) => ({
    team: s.teams[i % s.teams.length],
    slot: s.slots[(i * 7 + Math.floor(i / s.teams.length) * 3) % s.slots.length],
  });

  // Baseline: the same writes as bare SQL, one transaction each, refused ones rolled back.
  const base = await setUp(deps, shape);
  const t0 = performance.now();
  await Promise.allSettled(
    Array.from({ length: n }, (_, i) => {
      const { team, slot } = pick(i, base);
      return deps.db.transaction(async (tx) => {
        const [b] = await rows<{ id: string }>(
          tx,
          sql`INSERT INTO program_bookings (slot_id, team_id) VALUES (${slot}, ${team}) ON CONFLICT (slot_id, team_id) WHERE status = 'booked' DO NOTHING RETURNING id`,
        );
        if (!b) return;
        const q = await rows(
          tx,
          sql`UPDATE program_team_quotas SET used = used + 1 WHERE team_id = ${team} AND kind = 'office_hour' AND used < quota RETURNING used`,
        );
        if (!q.length) throw new Error('quota');
        const s = await rows(
          tx,
          sql`UPDATE program_slots SET booked = booked + 1 WHERE id = ${slot} AND booked < capacity RETURNING booked`,
        );
        if (!s.length) throw new Error('full');
        await tx.execute(sql`UPDATE program_bookings SET ics = ${'BEGIN:VCALENDAR'} WHERE id = ${b.id}`);
        await tx.execute(sql`INSERT INTO tasks (kind, payload) VALUES ('bench.noop', ${JSON.stringify({ bookingId: b.id })}::jsonb)`);
      });
    }),
  );
  const baseSeconds = (performance.now() - t0) / 1000;
  const baseBooked = await check(deps.db, base.p.id);

  // The real service.
  const real = await setUp(deps, shape);
  const lat: number[] = [];
  const t1 = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, async (_, i) => {
      const { team, slot } = pick(i, real);
      const s = performance.now();
      try {
        return await book(deps.db, config.baseUrl, real.p, slot, team, null);
      } finally {
        lat.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t1) / 1000;
  const booked = await check(deps.db, real.p.id);
  const refusedAs = (code: string) =>
    outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === code).length;
  if (
    outcomes.some((o) => o.status === 'rejected' && !['slot_full', 'quota_exceeded'].includes((o.reason as { code?: string }).code ?? ''))
  )
    throw new Error('a booking failed for another reason');
  await database.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (booked !== baseBooked) throw new Error(`service booked ${booked}, bare SQL ${baseBooked}`);
  return {
    name: 'booking-burst',
    figures: [
      figure(`booking requests answered per second (${n} at once, ${database.kind})`, n / seconds, 'requests/s', {
        name: 'bare SQL transaction, same writes',
        value: n / baseSeconds,
      }),
      figure('booking latency p50 (under the burst)', pct(lat, 50), 'ms'),
      figure('booking latency p99 (under the burst)', pct(lat, 99), 'ms'),
      figure(`booked (${shape.slots} slots × ${shape.seats} seats, ${shape.teams} teams × quota ${shape.quota})`, booked, 'bookings'),
      figure('refused: slot full', refusedAs('slot_full'), 'requests'),
      figure('refused: quota used', refusedAs('quota_exceeded'), 'requests'),
    ],
    notes: ['The service also builds each invite (ical-generator, VTIMEZONE) and reads the team; the baseline stores a fixed invite.'],
  };
}

if (isMain(import.meta.url)) await runAlone(run);
