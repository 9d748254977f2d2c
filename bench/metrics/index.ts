// Impact figures benchmark.
//   npx tsx bench/metrics/index.ts [--quick]      (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
// 10 chapters, 200,000 RSVPs over a year (--quick: 20,000), a third checked in. Measures the network
// view (GET /api/v1/metrics for the year, every chapter beside the total, as an admin) against the same
// aggregates sent straight to the driver in this run: events, RSVPs, unique people and attendees by
// chapter and for the network.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, rows } from '../../src/db/client';
import { openServices } from '../../src/services';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';
import { figure, isMain, runAlone, type BenchOptions, type BenchResult } from '../lib';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rsvpCount = opts.quick ? 20_000 : 200_000;
  const chapters = 10;
  const events = rsvpCount / 100;
  const peopleCount = rsvpCount / 4;
  const database = opts.databaseUrl ? await openPostgres(opts.databaseUrl, 4) : await openPglite(undefined);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'bench-secret-bench-secret-bench-secret-00',
    SEED: 'none',
  });
  const deps = await openServices(config, { database });
  const db = deps.db;
  const tag = `m${Date.now().toString(36)}`;
  const zones = ['America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Denver'];
  await db.execute(sql`INSERT INTO chapters (slug, name, time_zone)
    SELECT ${tag} || '-' || i, 'Chapter ' || i, (${sql.raw(`ARRAY[${zones.map((z) => `'${z}'`).join(',')}]`)})[1 + i % 4] FROM generate_series(1, ${chapters}) i`);
  await db.execute(sql`INSERT INTO people (email, full_name, sector)
    SELECT ${tag} || '-' || i || '@' || (ARRAY['example.org','dmv.ca.gov','lacity.org','army.mil','gmail.com'])[1 + i % 5], 'Person ' || i,
           (ARRAY['city','private','county',NULL,'nonprofit'])[1 + i % 5]
    FROM generate_series(1, ${peopleCount}) i`);
  await db.execute(sql`INSERT INTO events (slug, chapter, title, starts_at, ends_at, time_zone, status, livestream_url, livestream_views)
    SELECT ${tag} || '-e' || i, ${tag} || '-' || (1 + i % ${chapters}), jsonb_build_object('en', 'Event ' || i),
           timestamptz '2025-01-01 02:00Z' + make_interval(hours => (i * 4391) % (365 * 24)),
           timestamptz '2025-01-01 04:00Z' + make_interval(hours => (i * 4391) % (365 * 24)),
           'America/Los_Angeles', 'published', CASE WHEN i % 3 = 0 THEN 'https://www.youtube.com/watch?v=' || i END, CASE WHEN i % 3 = 0 THEN i % 500 END
    FROM generate_series(1, ${events}) i`);
  await db.execute(sql`INSERT INTO rsvps (event_id, person_id, name, email, status, ticket_code, checked_in_at)
    SELECT e.id, p.id, p.full_name, p.email, (ARRAY['going','going','waitlist','pending','cancelled'])[1 + (n % 5)], 'T' || n,
           CASE WHEN n % 3 = 0 THEN e.starts_at END
    FROM generate_series(1, ${rsvpCount}) n
    JOIN LATERAL (SELECT id, starts_at FROM events WHERE slug = ${tag} || '-e' || (1 + (n - 1) / 100)) e ON true
    JOIN LATERAL (SELECT id, full_name, email FROM people WHERE email = ${tag} || '-' || (1 + (n * 7919) % ${peopleCount}) || '@' ||
                  (ARRAY['example.org','dmv.ca.gov','lacity.org','army.mil','gmail.com'])[1 + ((n * 7919) % ${peopleCount} + 1) % 5]) p ON true
    ON CONFLICT DO NOTHING`);
  for (const t of ['people', 'events', 'rsvps', 'chapters']) await db.execute(sql.raw(`ANALYZE ${t}`));
  const [{ n: made }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM rsvps`);

  const app = createApp(deps);
  const { person } = await ensurePerson(db, { email: `${tag}-admin@example.org`, fullName: 'Bench Admin' });
  await grantRole(db, person.id, 'admin', null);
  const token = await createApiToken(db, person.id, 'bench');
  const url = '/api/v1/metrics?from=2025-01-01&to=2025-12-31';
  const direct = sql`WITH z AS (SELECT slug AS chapter, time_zone AS tz FROM chapters),
      ev AS (SELECT e.id, e.chapter FROM events e JOIN z ON z.chapter = e.chapter
             WHERE e.status = 'published' AND (e.starts_at AT TIME ZONE z.tz)::date BETWEEN '2025-01-01' AND '2025-12-31')
    SELECT ev.chapter, count(DISTINCT ev.id) AS events,
           count(r.id) FILTER (WHERE r.status IN ('going','waitlist','pending')) AS rsvps,
           count(DISTINCT r.person_id) FILTER (WHERE r.status IN ('going','waitlist','pending')) AS people,
           count(DISTINCT r.person_id) FILTER (WHERE r.checked_in_at IS NOT NULL) AS attendees
    FROM ev LEFT JOIN rsvps r ON r.event_id = ev.id GROUP BY ROLLUP (ev.chapter)`;
  const rounds = opts.quick ? 5 : 10;
  const viewMs: number[] = [];
  const sqlMs: number[] = [];
  // One warm-up each, then alternate so both see the same cache and load.
  await app.request(url, { headers: { authorization: `Bearer ${token}` } });
  await db.execute(direct);
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`metrics answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    viewMs.push(performance.now() - t);
    t = performance.now();
    await db.execute(direct);
    sqlMs.push(performance.now() - t);
  }
  await database.close();
  const backend = opts.databaseUrl ? 'PostgreSQL' : 'PGlite';
  return {
    name: 'metrics',
    figures: [
      figure(`network view over a year, p95 (${backend}, ${made} RSVPs, ${chapters} chapters)`, pct(viewMs, 95), 'ms', {
        name: 'the same aggregates in one SQL statement, p95',
        value: pct(sqlMs, 95),
      }),
    ],
    notes: [
      `${rounds} rounds; the view runs each chapter's figures and the network's (${chapters + 1} scopes, every figure), the baseline only events, RSVPs, people and attendees.`,
    ],
  };
}

if (isMain(import.meta.url)) await runAlone(run);
