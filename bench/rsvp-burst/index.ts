// RSVP burst: N concurrent RSVPs for a C-seat event through the real service, against a bare SQL
// transaction doing the same writes (person upsert, RSVP insert, its email queued, conditional seat
// update, status) in the same run: two bursts of each, taking turns.
//   npx tsx bench/rsvp-burst/index.ts [--quick]
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, rows, type Database } from '../../src/db/client';
import { openServices } from '../../src/services';
import type { Deps } from '../../src/platform/http/context';
import { createEvent, createRsvp, eventInput } from '../../src/modules/events';

export interface BenchResult {
  name: string;
  figures: { name: string; value: number; unit: string; baseline?: { name: string; value: number; unit: string }; ratio?: number }[];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function makeEvent(deps: Deps, capacity: number) {
  const tag = Math.random().toString(36).slice(2, 8);
  return createEvent(
    deps.db,
    eventInput.parse({
      title: `Bench ${tag}`,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      timeZone: 'America/Los_Angeles',
      capacity,
      status: 'published',
    }),
    null,
  );
}

export async function run(opts: { quick: boolean; databaseUrl?: string }): Promise<BenchResult> {
  const n = opts.quick ? 200 : 1000;
  const capacity = opts.quick ? 30 : 150;
  const rounds = opts.quick ? 1 : 2;
  let database: Database;
  let dir: string | null = null;
  if (opts.databaseUrl) database = await openPostgres(opts.databaseUrl, 10);
  else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsvp-burst-'));
    database = await openPglite(dir);
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SECRET_KEY: 'bench-secret-bench-secret-bench-secret-00' });
  const deps = await openServices(config, { database });

  // Baseline: the same writes as bare SQL, one transaction per RSVP.
  const bareBurst = async (): Promise<number> => {
    const base = await makeEvent(deps, capacity);
    const tagB = Math.random().toString(36).slice(2, 8);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        deps.db.transaction(async (tx) => {
          const [p] = await rows<{ id: string }>(
            tx,
            sql`INSERT INTO people (email, full_name) VALUES (${`b-${tagB}-${i}@example.org`}, ${'Bench ' + i}) ON CONFLICT (email) DO UPDATE SET updated_at = people.updated_at RETURNING id`,
          );
          const [r] = await rows<{ id: string }>(
            tx,
            sql`INSERT INTO rsvps (event_id, person_id, name, email, status, ticket_code) VALUES (${base.id}, ${p.id}, ${'Bench ' + i}, ${`b-${tagB}-${i}@example.org`}, 'pending', ${'B' + i}) ON CONFLICT DO NOTHING RETURNING id`,
          );
          // The RSVP's email, queued in the same transaction as the service does (durable, sent once).
          await tx.execute(
            sql`INSERT INTO tasks (kind, payload, dedupe_key, run_at, max_attempts) VALUES ('events.mail', ${JSON.stringify({ rsvpId: r.id, template: 'placed' })}::jsonb, ${`events.mail:${r.id}:new`}, now(), 8) ON CONFLICT DO NOTHING`,
          );
          const seat = await rows(
            tx,
            sql`UPDATE events SET going_count = going_count + 1 WHERE id = ${base.id} AND going_count < capacity RETURNING id`,
          );
          if (seat.length) await tx.execute(sql`UPDATE rsvps SET status = 'going' WHERE id = ${r.id}`);
          else
            await tx.execute(
              sql`WITH s AS (UPDATE events SET waitlist_seq = waitlist_seq + 1 WHERE id = ${base.id} RETURNING waitlist_seq) UPDATE rsvps SET status = 'waitlist', waitlist_seq = (SELECT waitlist_seq FROM s) WHERE id = ${r.id}`,
            );
        }),
      ),
    );
    return (performance.now() - t0) / 1000;
  };

  // The real service, with its email queued.
  const lat: number[] = [];
  let going = 0;
  let waitlist = 0;
  const serviceBurst = async (): Promise<number> => {
    const e = await makeEvent(deps, capacity);
    const tag = Math.random().toString(36).slice(2, 8);
    const t1 = performance.now();
    const results = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const s = performance.now();
        const r = await createRsvp(deps.db, e, {
          name: `Persona ${i}`,
          email: `r-${tag}-${i}@example.org`,
          answers: {},
          accessibilityNeeds: null,
        });
        lat.push(performance.now() - s);
        return r.rsvp.status;
      }),
    );
    const seconds = (performance.now() - t1) / 1000;
    going = results.filter((s) => s === 'going').length;
    waitlist = results.filter((s) => s === 'waitlist').length;
    if (going !== capacity || waitlist !== n - capacity) throw new Error(`oversold or lost: ${going} going, ${waitlist} waitlisted`);
    return seconds;
  };

  // Whichever burst runs second finds a warmer process and fuller tables, which moved the ratio by a
  // quarter between runs; so the two take turns (bare first, then the service first) and each side's
  // time is the sum of its bursts.
  let baseSeconds = 0;
  let seconds = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      baseSeconds += await bareBurst();
      seconds += await serviceBurst();
    } else {
      seconds += await serviceBurst();
      baseSeconds += await bareBurst();
    }
  }
  await database.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const rps = (n * rounds) / seconds;
  const baseRps = (n * rounds) / baseSeconds;
  return {
    name: 'rsvp-burst',
    figures: [
      {
        name: `RSVP throughput (${n} concurrent, ${capacity} seats, ${rounds === 1 ? 'one burst' : `${rounds} bursts`} each, ${database.kind})`,
        value: Math.round(rps),
        unit: 'RSVPs/s',
        baseline: { name: 'bare SQL transaction, same writes', value: Math.round(baseRps), unit: 'RSVPs/s' },
        ratio: Number((rps / baseRps).toFixed(2)),
      },
      { name: 'RSVP latency p50 (under the burst)', value: Number(pct(lat, 50).toFixed(1)), unit: 'ms' },
      { name: 'RSVP latency p99 (under the burst)', value: Number(pct(lat, 99).toFixed(1)), unit: 'ms' },
      { name: `going (capacity ${capacity})`, value: going, unit: 'RSVPs' },
      { name: 'waitlisted', value: waitlist, unit: 'RSVPs' },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('rsvp-burst/index.ts')) {
  const quick = process.argv.includes('--quick');
  const result = await run({ quick, databaseUrl: process.env.DATABASE_URL });
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/rsvp-burst.json', JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}
