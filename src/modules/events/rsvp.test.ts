import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { rsvps, events } from './schema';
import { cancelRsvp, createRsvp, eventTasks, getEvent, setRsvpStatus, waitlistPosition } from './service';
import { ensureChapter } from '../people';
import { rows } from '../../db/client';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

async function newEvent(extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: `Data + Donuts ${uid()}`, es: 'Datos y Donas' },
    startsAt: future(10),
    endsAt: future(10, 2),
    timeZone: 'America/Los_Angeles',
    format: 'hybrid',
    capacity: 30,
    status: 'published',
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string; url: string; id: string };
}

/** What an RSVP became: the API tells only the address, so tests read the table. */
async function rsvpOf(email: string): Promise<{ id: string; status: string; waitlistPosition?: number }> {
  const [r] = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, email));
  const [p] = await rows<{ n: number }>(
    env.deps.db,
    sql`SELECT count(*)::int AS n FROM rsvps WHERE event_id = ${r.eventId} AND status = 'waitlist' AND waitlist_seq <= ${r.waitlistSeq}`,
  );
  return { id: r.id, status: r.status, ...(r.status === 'waitlist' ? { waitlistPosition: p.n } : {}) };
}

describe('RSVPs under load', () => {
  it('200 concurrent RSVPs for 30 seats: exactly 30 going, 170 waitlisted in order, no duplicates', async () => {
    const e = await newEvent({ capacity: 30 });
    const tag = uid();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: `Persona ${i}`, email: `burst-${tag}-${i}@example.org` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(202));
    const bodies = await Promise.all(Array.from({ length: 200 }, (_, i) => rsvpOf(`burst-${tag}-${i}@example.org`)));
    expect(bodies.filter((b) => b.status === 'going')).toHaveLength(30);
    const positions = bodies
      .filter((b) => b.status === 'waitlist')
      .map((b) => b.waitlistPosition!)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));
    const [row] = await env.deps.db.select().from(events).where(eq(events.slug, e.slug));
    expect(row.goingCount).toBe(30);
    const [{ n }] = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM rsvps WHERE event_id = ${row.id} AND status = 'going'`,
    );
    expect(n).toBe(30);
  });

  it('tells each RSVP its place: a seat, or its number in the waitlist line (also when the same person asks again)', async () => {
    const e = await getEvent(env.deps.db, (await newEvent({ capacity: 1 })).slug);
    const tag = uid();
    const take = (i: number) =>
      createRsvp(env.deps.db, e, { name: `Persona ${i}`, email: `line-${tag}-${i}@example.org`, answers: {}, accessibilityNeeds: null });
    const placed = [];
    for (let i = 0; i < 4; i++) placed.push(await take(i));
    const positions = await Promise.all(placed.map((r) => waitlistPosition(env.deps.db, r.rsvp)));
    expect(placed.map((r, i) => [r.rsvp.status, positions[i]])).toEqual([
      ['going', null],
      ['waitlist', 1],
      ['waitlist', 2],
      ['waitlist', 3],
    ]);
    const again = await take(2);
    expect([again.created, again.rsvp.status, await waitlistPosition(env.deps.db, again.rsvp)]).toEqual([false, 'waitlist', 2]);
    const [row] = await env.deps.db.select().from(events).where(eq(events.id, e.id));
    expect([row.goingCount, row.waitlistSeq]).toEqual([1, 3]);
  });

  it('a new RSVP’s email, sent after the place changed, tells the place held then; one cancelled first gets only the cancellation', async () => {
    const e = await getEvent(env.deps.db, (await newEvent({ capacity: 1 })).slug);
    const tag = uid();
    const email = (i: number) => `later-${tag}-${i}@example.org`;
    const placed = [];
    for (let i = 0; i < 3; i++)
      placed.push(await createRsvp(env.deps.db, e, { name: `Persona ${i}`, email: email(i), answers: {}, accessibilityNeeds: null }));
    // Before any email goes out: the first cancels (the second moves up), the third cancels too.
    await cancelRsvp(env.deps.db, placed[0].rsvp.id);
    await cancelRsvp(env.deps.db, placed[2].rsvp.id);
    await drainTasks(env.deps, eventTasks);
    const subjects = async (i: number) =>
      (
        await env.deps.db
          .select()
          .from(outbox)
          .where(eq(outbox.to, email(i)))
      )
        .map((m) => m.subject.split(':')[0])
        .sort();
    expect(await subjects(0)).toEqual(['Your RSVP is cancelled']);
    expect(await subjects(1)).toEqual(['A seat opened up for you', 'You are going']);
    expect(await subjects(2)).toEqual(['Your RSVP is cancelled']);
  });

  it('a double click (same email at once) books one seat and answers the same each time', async () => {
    const e = await newEvent({ capacity: 5 });
    const email = `double-${uid()}@example.org`;
    const res = await Promise.all(
      Array.from({ length: 5 }, () => api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Ana Núñez', email })),
    );
    expect(res.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(await env.deps.db.select().from(rsvps).where(eq(rsvps.email, email))).toHaveLength(1);
    const [row] = await env.deps.db.select().from(events).where(eq(events.slug, e.slug));
    expect(row.goingCount).toBe(1);
  });

  it('cancelling frees the seat for the first on the waitlist, who is emailed', async () => {
    const e = await newEvent({ capacity: 1 });
    const a = `first-${uid()}@example.org`;
    const b = `second-${uid()}@example.org`;
    const c = `third-${uid()}@example.org`;
    for (const email of [a, b, c])
      await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: email, email, language: email === b ? 'es' : 'en' });
    await drainTasks(env.deps, eventTasks);
    const mail = (await env.deps.db.select().from(outbox).where(eq(outbox.to, a)))[0];
    const link = /\/events\/manage\/([A-Za-z0-9._-]+)/.exec(mail.text)![1];
    expect(mail.raw).toContain('METHOD:REQUEST');
    const del = await api(env, 'DELETE', `/api/v1/rsvps/${link}`);
    expect(del.status).toBe(200);
    expect(((await del.json()) as { status: string }).status).toBe('cancelled');
    const list = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, b));
    expect(list[0].status).toBe('going');
    const third = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, c));
    expect(third[0].status).toBe('waitlist');
    await drainTasks(env.deps, eventTasks);
    const promoted = await env.deps.db.select().from(outbox).where(eq(outbox.to, b));
    expect(promoted.map((m) => m.subject)).toContain(`Se liberó un lugar para ti: Datos y Donas`);
  });

  it('raising capacity promotes the waitlist at once; lowering it below the going count is refused', async () => {
    const e = await newEvent({ capacity: 2 });
    const tag = uid();
    for (let i = 0; i < 5; i++)
      await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: `P${i}`, email: `cap-${tag}-${i}@example.org` });
    const up = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { capacity: 4 });
    expect(up.status).toBe(200);
    expect(((await up.json()) as { going: number }).going).toBe(4);
    const down = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { capacity: 0 });
    expect(down.status).toBe(422);
    const down2 = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { capacity: 3 });
    expect(down2.status).toBe(422);
    expect(((await down2.json()) as { error: { fields: Record<string, string> } }).error.fields.capacity).toContain(
      'More people are already going',
    );
  });

  it('seat count stays exact under concurrent cancels, organizer moves and new RSVPs', async () => {
    const e = await newEvent({ capacity: 10 });
    const tag = uid();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: `M${i}`, email: `mix-${tag}-${i}@example.org` }),
      ),
    );
    const ids = await Promise.all(Array.from({ length: 25 }, async (_, i) => (await rsvpOf(`mix-${tag}-${i}@example.org`)).id));
    const ev = await getEvent(env.deps.db, e.slug);
    await Promise.all([
      ...ids.slice(0, 6).map((id) => cancelRsvp(env.deps.db, id)),
      ...ids.slice(3, 9).map((id) => setRsvpStatus(env.deps.db, ev, id, 'waitlist')),
      ...ids
        .slice(20, 25)
        .map((id) => setRsvpStatus(env.deps.db, ev, id, 'going').catch((err: { code?: string }) => expect(err.code).toBe('event_full'))),
      ...Array.from({ length: 10 }, (_, i) =>
        api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: `N${i}`, email: `mix2-${tag}-${i}@example.org` }),
      ),
    ]);
    const [row] = await env.deps.db.select().from(events).where(eq(events.slug, e.slug));
    const [{ n }] = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM rsvps WHERE event_id = ${row.id} AND status = 'going'`,
    );
    expect(row.goingCount).toBe(n);
    expect(n).toBe(10);
  });
});
