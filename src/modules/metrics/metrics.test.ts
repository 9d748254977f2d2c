import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensurePerson } from '../people';
import { upsertAgency } from '../jobs';

// Known activity in two chapters (Portland on Pacific time, St. Paul on Central time) and two
// quarters of 2026; every figure below is counted by hand from it.
let env: TestEnv;
let admin = '';
let pdxOrganizer = '';
const Q1 = 'from=2026-01-01&to=2026-03-31';
const Q2 = 'from=2026-04-01&to=2026-06-30';

type Cell = { value: number | null; suppressed: boolean; publicSuppressed?: boolean };
type Report = {
  from: string;
  to: string;
  chapter: string | null;
  threshold: number;
  metrics: Record<string, Cell & { byChapter?: Record<string, Cell>; perEvent?: { slug: string; rsvps: Cell }[] }>;
};

async function event(chapter: string, title: string, startsAt: string, timeZone: string, extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', '/api/v1/events', admin, {
    title: { en: title },
    chapter,
    startsAt,
    endsAt: `${startsAt.slice(0, 14)}59`,
    timeZone,
    status: 'published',
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { id: string; slug: string; chapter: string };
  expect(body.chapter).toBe(chapter);
  return body;
}

async function rsvp(eventId: string, who: { email: string; sector?: string }, status: string, checkedIn = false) {
  const { person } = await ensurePerson(env.deps.db, { email: who.email, fullName: who.email.split('@')[0] });
  if (who.sector) await env.deps.db.execute(sql`UPDATE people SET sector = ${who.sector} WHERE id = ${person.id}`);
  await env.deps.db.execute(
    sql`INSERT INTO rsvps (event_id, person_id, name, email, status, ticket_code, checked_in_at)
        VALUES (${eventId}, ${person.id}, ${person.fullName}, ${who.email}, ${status}, ${uid()}, ${checkedIn ? new Date('2026-06-01T00:00:00Z') : null})`,
  );
}

const get = async (path: string, token?: string) => {
  const res = await api(env, 'GET', path, token);
  return {
    status: res.status,
    body: (await res.json()) as Report & { error?: { code: string; message: string; fields: Record<string, string> } },
  };
};

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${uid()}@example.org`, 'admin');
  for (const ch of [
    { slug: 'portland', name: { en: 'Portland' }, city: 'Portland', timeZone: 'America/Los_Angeles' },
    { slug: 'st-paul', name: { en: 'St. Paul', es: 'San Pablo' }, city: 'Saint Paul', timeZone: 'America/Chicago' },
  ]) {
    expect((await api(env, 'POST', '/api/v1/chapters', admin, ch)).status).toBe(201);
  }
  pdxOrganizer = await apiToken(env, `pdx-${uid()}@example.org`, 'organizer', 'portland');
  await upsertAgency(env.deps.db, { name: 'City of Los Angeles', slug: 'lacity', level: 'city', emailDomains: ['lacity.org'] } as never);

  const p1 = await event('portland', 'Data and Donuts', '2026-02-10T18:00', 'America/Los_Angeles', {
    livestreamUrl: 'https://www.youtube.com/watch?v=abc',
    livestreamViews: 120,
  });
  const p2 = await event('portland', 'Civic Design', '2026-03-05T18:00', 'America/Los_Angeles');
  const cancelled = await event('portland', 'Cancelled', '2026-03-06T18:00', 'America/Los_Angeles', {
    livestreamUrl: 'https://www.youtube.com/watch?v=zzz',
    livestreamViews: 500,
  });
  await env.deps.db.execute(sql`UPDATE events SET status = 'cancelled' WHERE id = ${cancelled.id}`);
  // 23:30 on March 31 in St. Paul is already April 1 in UTC: it belongs to the first quarter.
  const s1 = await event('st-paul', 'Late Meetup', '2026-03-31T23:30', 'America/Chicago', {
    livestreamUrl: 'https://www.youtube.com/watch?v=def',
    livestreamViews: 30,
  });
  const s2 = await event('st-paul', 'Spring Meetup', '2026-05-15T18:00', 'America/Chicago');
  const p4 = await event('portland', 'April Fool', '2026-04-01T00:30', 'America/Los_Angeles');

  const a = (n: number) => `a${n}-${uid()}`;
  const people = {
    a1: { email: `${a(1)}@example.org`, sector: 'city' },
    a2: { email: `${a(2)}@dmv.ca.gov` },
    a3: { email: `${a(3)}@lacity.org` },
    a4: { email: `${a(4)}@cdt.ca.gov` },
    a5: { email: `${a(5)}@example.org` },
    a6: { email: `${a(6)}@example.org` },
    a7: { email: `${a(7)}@example.org` },
    w1: { email: `${a(8)}@gmail.com`, sector: 'private' },
    b1: { email: `${a(9)}@example.org` },
    b2: { email: `${a(10)}@example.org` },
  };
  await rsvp(p1.id, people.a1, 'going', true);
  await rsvp(p1.id, people.a2, 'going', true);
  await rsvp(p1.id, people.a3, 'going', true);
  await rsvp(p1.id, people.a4, 'going', true);
  await rsvp(p1.id, people.a5, 'waitlist');
  await rsvp(p1.id, people.a6, 'pending');
  await rsvp(p1.id, people.a7, 'cancelled');
  await rsvp(p1.id, people.w1, 'walkin', true);
  await rsvp(p2.id, people.a1, 'going', true);
  await rsvp(p2.id, people.b1, 'going');
  await rsvp(p2.id, people.b2, 'declined');
  await rsvp(cancelled.id, people.b1, 'going', true);
  await rsvp(s1.id, { email: `c1-${uid()}@army.mil` }, 'going', true);
  for (let i = 2; i <= 5; i++) await rsvp(s1.id, { email: `c${i}-${uid()}@example.com` }, 'going', true);
  await rsvp(s1.id, people.a1, 'going');
  await rsvp(p4.id, { email: `d1-${uid()}@example.org` }, 'going');
  await rsvp(p4.id, { email: `d2-${uid()}@example.org` }, 'going');
  for (let i = 0; i < 10; i++) await rsvp(s2.id, { email: `e${i}-${uid()}@example.org` }, 'going');

  // Six Portland subscribers confirmed in January, one more in April; one St. Paul subscriber who left in March.
  for (let i = 0; i < 7; i++) {
    const res = await api(env, 'POST', '/api/v1/subscribers', admin, {
      email: `sub${i}-${uid()}@example.org`,
      language: 'en',
      confirmed: true,
      consentedAt: i < 6 ? '2026-01-15T12:00:00Z' : '2026-04-10T12:00:00Z',
      chapter: 'portland',
    });
    expect(res.status).toBe(201);
  }
  const gone = await api(env, 'POST', '/api/v1/subscribers', admin, {
    email: `gone-${uid()}@example.org`,
    language: 'es',
    confirmed: true,
    consentedAt: '2026-01-15T12:00:00Z',
    chapter: 'st-paul',
  });
  const goneId = ((await gone.json()) as { id: string }).id;
  await env.deps.db.execute(
    sql`UPDATE newsletter_subscribers SET status = 'unsubscribed', status_changed_at = '2026-03-20T00:00:00Z' WHERE id = ${goneId}`,
  );
  const entry = await api(env, 'POST', '/api/v1/metrics/entries', pdxOrganizer, {
    chapter: 'portland',
    metric: 'placements',
    from: '2026-02-01',
    to: '2026-02-28',
    value: 3,
    people: 3,
    note: 'Follow-up calls, March',
  });
  expect(entry.status).toBe(201);
});
afterAll(() => env.close());

describe('impact figures, exact (admins and the chapter’s organizers)', () => {
  it('counts every figure of a chapter and a quarter by its definition', async () => {
    const { status, body } = await get(`/api/v1/metrics?${Q1}&chapter=portland`, pdxOrganizer);
    expect(status).toBe(200);
    expect(body.from).toBe('2026-01-01');
    expect(body.chapter).toBe('portland');
    expect(body.threshold).toBe(5);
    const v = Object.fromEntries(Object.entries(body.metrics).map(([k, m]) => [k, m.value]));
    expect(v).toEqual({
      events: 2,
      rsvps: 8,
      rsvps_per_event: 4,
      unique_rsvps: 7,
      attendees_government: 4,
      attendees_non_government: 1,
      agencies_participating: 3,
      livestreams: 1,
      livestream_views: 120,
      newsletter_subscribers: 6,
      newsletter_open_rate: null,
      jobs_posted_or_promoted: 0,
      placements: 3,
      confidence_change: null,
      // No convenings here (recommendations.test.ts counts them).
      recommendations_proposed: 0,
      recommendations_adopted: 0,
      recommendations_in_progress: 0,
      recommendations_implemented: 0,
      recommendations_declined: 0,
      recommendations_stalled: 0,
    });
    expect(body.metrics.events.byChapter).toBeUndefined();
    // Exact for the organizer, marked where the public would see a dash.
    expect(body.metrics.attendees_government).toMatchObject({ value: 4, suppressed: false, publicSuppressed: true });
    expect(body.metrics.rsvps_per_event.perEvent!.map((e) => e.rsvps.value)).toEqual([6, 2]);
  });

  it('reads each chapter’s period in its own time zone', async () => {
    const stPaul = (await get(`/api/v1/metrics?${Q1}&chapter=st-paul`, admin)).body.metrics;
    expect([stPaul.events.value, stPaul.rsvps.value, stPaul.unique_rsvps.value]).toEqual([1, 6, 6]);
    expect([stPaul.attendees_government.value, stPaul.attendees_non_government.value, stPaul.agencies_participating.value]).toEqual([
      1, 4, 1,
    ]);
    expect([stPaul.livestreams.value, stPaul.livestream_views.value, stPaul.newsletter_subscribers.value]).toEqual([1, 30, 0]);
    const q2 = (await get(`/api/v1/metrics?${Q2}&chapter=portland`, admin)).body.metrics;
    expect([q2.events.value, q2.rsvps.value, q2.unique_rsvps.value, q2.newsletter_subscribers.value, q2.placements.value]).toEqual([
      1, 2, 2, 7, 0,
    ]);
  });

  it('the network counts a person once across chapters, with each chapter beside it', async () => {
    const { body } = await get(`/api/v1/metrics?${Q1}`, admin);
    const m = body.metrics;
    expect(body.chapter).toBeNull();
    expect(m.events).toMatchObject({ value: 3, byChapter: { portland: { value: 2 }, 'st-paul': { value: 1 } } });
    expect(m.rsvps.value).toBe(14);
    expect(m.unique_rsvps.value).toBe(12);
    expect(m.rsvps_per_event.value).toBe(4.67);
    expect([m.attendees_government.value, m.attendees_non_government.value, m.agencies_participating.value]).toEqual([5, 5, 4]);
    expect([m.livestreams.value, m.livestream_views.value]).toEqual([2, 150]);
  });
});

describe('the public view', () => {
  it('is 404 "not_published" until the organizers publish, then suppressed', async () => {
    const before = await get(`/api/v1/metrics?${Q1}&chapter=portland`);
    expect(before.status).toBe(404);
    expect(before.body.error!.code).toBe('not_published');
    const pub = await api(env, 'PUT', '/api/v1/metrics/publication', pdxOrganizer, { chapter: 'portland', published: true });
    expect(pub.status).toBe(200);
    const { status, body } = await get(`/api/v1/metrics?${Q1}&chapter=portland`);
    expect(status).toBe(200);
    const m = body.metrics;
    expect(m.rsvps).toEqual(expect.objectContaining({ value: 8, suppressed: false }));
    expect(m.attendees_government).toMatchObject({ value: null, suppressed: true });
    expect(m.attendees_non_government).toMatchObject({ value: null, suppressed: true });
    expect(m.agencies_participating).toMatchObject({ value: 3, suppressed: false });
    expect(m.placements).toMatchObject({ value: null, suppressed: true });
    expect(m.newsletter_subscribers).toMatchObject({ value: 6, suppressed: false });
    // 6 and 2 RSVPs beside a shown total of 8: hiding only the 2 would give it away.
    expect(m.rsvps_per_event.perEvent!.map((e) => e.rsvps)).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ]);
    const q2 = (await get(`/api/v1/metrics?${Q2}&chapter=portland`)).body.metrics;
    expect(q2.rsvps).toMatchObject({ value: null, suppressed: true });
    expect(q2.rsvps_per_event).toMatchObject({ value: null, suppressed: true });
    expect(q2.events).toMatchObject({ value: 1, suppressed: false });
  });

  it('hides a network total whenever a chapter’s cell is hidden', async () => {
    expect((await get(`/api/v1/metrics?${Q1}`)).status).toBe(404);
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', admin, { published: true })).status).toBe(200);
    const m = (await get(`/api/v1/metrics?${Q1}`)).body.metrics;
    expect(m.rsvps).toMatchObject({ value: 14, suppressed: false });
    expect(m.attendees_government).toMatchObject({
      value: null,
      suppressed: true,
      byChapter: { portland: { value: null, suppressed: true }, 'st-paul': { value: null, suppressed: true } },
    });
    expect(m.unique_rsvps).toMatchObject({ value: 12, suppressed: false });
    expect(m.events.byChapter).toEqual({ portland: { value: 2, suppressed: false }, 'st-paul': { value: 1, suppressed: false } });
  });

  it('writes the same figures as CSV', async () => {
    const res = await env.app.request(`/api/v1/metrics.csv?${Q1}&chapter=portland`);
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('metric,chapter,from,to,value,suppressed');
    expect(lines).toContain('rsvps,portland,2026-01-01,2026-03-31,8,false');
    expect(lines).toContain('attendees_government,portland,2026-01-01,2026-03-31,,true');
  });

  it('a withdrawn page is 404 again', async () => {
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', admin, { chapter: 'st-paul', published: true })).status).toBe(200);
    expect((await get(`/api/v1/metrics?${Q1}&chapter=st-paul`)).status).toBe(200);
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', admin, { chapter: 'st-paul', published: false })).status).toBe(200);
    expect((await get(`/api/v1/metrics?${Q1}&chapter=st-paul`)).status).toBe(404);
  });
});

describe('who may do what', () => {
  it('an organizer of one chapter is refused another chapter and the network', async () => {
    expect((await get(`/api/v1/metrics?${Q1}&chapter=st-paul`, pdxOrganizer)).status).toBe(403);
    expect((await get(`/api/v1/metrics?${Q1}`, pdxOrganizer)).status).toBe(403);
    expect((await api(env, 'GET', `/api/v1/metrics.csv?${Q1}&chapter=st-paul`, pdxOrganizer)).status).toBe(403);
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', pdxOrganizer, { chapter: 'st-paul', published: true })).status).toBe(403);
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', pdxOrganizer, { published: true })).status).toBe(403);
    const org = await api(env, 'POST', '/api/v1/chapters/st-paul/organizers', pdxOrganizer, { email: `x-${uid()}@example.org` });
    expect(org.status).toBe(403);
    expect(
      (
        await api(env, 'POST', '/api/v1/chapters', pdxOrganizer, {
          slug: 'fresno',
          name: { en: 'Fresno' },
          city: 'Fresno',
          timeZone: 'America/Los_Angeles',
        })
      ).status,
    ).toBe(403);
    const entry = await api(env, 'POST', '/api/v1/metrics/entries', pdxOrganizer, {
      chapter: 'st-paul',
      metric: 'placements',
      from: '2026-01-01',
      to: '2026-01-31',
      value: 1,
      people: 1,
      note: 'x',
    });
    expect(entry.status).toBe(403);
  });

  it('an organizer adds a co-organizer to their chapter, created when new, the name kept as typed', async () => {
    const email = `co-${uid()}@example.org`;
    const res = await api(env, 'POST', '/api/v1/chapters/portland/organizers', pdxOrganizer, { email, name: 'José Núñez O’Brien' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ chapter: 'portland', created: true, person: { fullName: 'José Núñez O’Brien' } });
    const token = await apiToken(env, email);
    expect((await get(`/api/v1/metrics?${Q1}&chapter=portland`, token)).body.metrics.attendees_government.value).toBe(4);
  });
});

describe('bad input is refused with a translated message, and nothing changes', () => {
  it('dates, chapters, slugs and views', async () => {
    const order = await get('/api/v1/metrics?from=2026-04-01&to=2026-03-01&chapter=portland', admin);
    expect(order.status).toBe(422);
    expect(order.body.error!.fields.to).toBe('The end date must be on or after the start date.');
    const malformed = await get('/api/v1/metrics?from=2026-13-01&to=2026-03-01', admin);
    expect(malformed.status).toBe(422);
    expect(malformed.body.error!.fields.from).toBe('Use a date like 2026-03-31.');
    const unknown = await get(`/api/v1/metrics?${Q1}&chapter=fresno`, admin);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error!.fields.chapter).toBe('There is no chapter with this slug.');
    const taken = await api(env, 'POST', '/api/v1/chapters', admin, {
      slug: 'portland',
      name: { en: 'Other' },
      city: 'Other',
      timeZone: 'America/Denver',
    });
    expect(taken.status).toBe(409);
    const chapters = (await (await api(env, 'GET', '/api/v1/chapters')).json()) as {
      chapters: { slug: string; name: { en: string }; city: string }[];
    };
    expect(chapters.chapters.find((c) => c.slug === 'portland')).toMatchObject({ name: { en: 'Portland' }, city: 'Portland' });
    expect(chapters.chapters.find((c) => c.slug === 'st-paul')).toMatchObject({ name: { en: 'St. Paul', es: 'San Pablo' } });
    const unknownEvent = await api(env, 'POST', '/api/v1/events', admin, {
      title: { en: 'Nowhere' },
      chapter: 'fresno',
      startsAt: '2027-02-10T18:00',
      endsAt: '2027-02-10T19:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(unknownEvent.status).toBe(422);
    const list = (await (await api(env, 'GET', '/api/v1/events?when=past&limit=100')).json()) as {
      events: { slug: string; livestreamViews: number | null }[];
    };
    const withViews = list.events.find((e) => e.livestreamViews === 120)!;
    for (const views of [-1, 'many', 1.5]) {
      const res = await api(env, 'PATCH', `/api/v1/events/${withViews.slug}`, admin, { livestreamViews: views });
      expect(res.status).toBe(422);
    }
    const ok = await api(env, 'PATCH', `/api/v1/events/${withViews.slug}`, admin, { livestreamViews: 140 });
    expect(((await ok.json()) as { livestreamViews: number }).livestreamViews).toBe(140);
    const sub = await api(env, 'POST', '/api/v1/subscribers', admin, {
      email: `x-${uid()}@example.org`,
      language: 'en',
      chapter: 'fresno',
    });
    expect(sub.status).toBe(422);
  });
});
