import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, api, apiToken, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { getEvent } from './service';

let env: TestEnv;
let orgToken = '';
let adminToken = '';
const orgEmail = `chap-org-${uid()}@example.org`;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  await ensureChapter(env.deps.db, { slug: 'fresno', name: 'Fresno' });
  orgToken = await apiToken(env, orgEmail, 'organizer', 'los-angeles');
  adminToken = await apiToken(env, `chap-admin-${uid()}@example.org`, 'admin');
});
afterAll(() => env.close());

const day = 86_400_000;
async function newEvent(): Promise<string> {
  const res = await api(env, 'POST', '/api/v1/events', orgToken, {
    title: { en: `Chapter ${uid()}` },
    chapter: 'los-angeles',
    startsAt: new Date(Date.now() + 10 * day).toISOString(),
    endsAt: new Date(Date.now() + 10 * day + 7_200_000).toISOString(),
    timeZone: 'America/Los_Angeles',
    status: 'published',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

describe("an event's chapter", () => {
  it('an organizer cannot move it out of the chapter or to another one through the API (403 with a message)', async () => {
    const slug = await newEvent();
    for (const chapter of [null, 'fresno']) {
      const res = await api(env, 'PATCH', `/api/v1/events/${slug}`, orgToken, { chapter });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Only an admin can move an event');
      expect((await getEvent(env.deps.db, slug)).chapter).toBe('los-angeles');
    }
    // Sending the chapter it already has is no move, and other fields still change.
    expect((await api(env, 'PATCH', `/api/v1/events/${slug}`, orgToken, { chapter: 'los-angeles', title: { en: 'Kept' } })).status).toBe(
      200,
    );
    const admin = await api(env, 'PATCH', `/api/v1/events/${slug}`, adminToken, { chapter: 'fresno' });
    expect(admin.status).toBe(200);
    expect((await getEvent(env.deps.db, slug)).chapter).toBe('fresno');
  });

  it('the organizer form keeps the chapter whatever chapter= is posted, and shows no chapter field', async () => {
    const slug = await newEvent();
    const b = new Browser(env);
    await b.signInAs(orgEmail);
    const form = await b.get(`/events/${slug}/edit`);
    expect(form.status).toBe(200);
    expect(await form.text()).not.toMatch(/name="chapter"/);
    for (const chapter of ['', 'fresno']) {
      const res = await b.post(`/events/${slug}/edit`, {
        'title.en': `Renamed ${chapter || 'none'}`,
        timeZone: 'America/Los_Angeles',
        startsAt: '2099-01-01T10:00',
        endsAt: '2099-01-01T12:00',
        chapter,
      });
      expect(res.status).toBe(303);
      const e = await getEvent(env.deps.db, slug);
      expect(e.title.en).toBe(`Renamed ${chapter || 'none'}`);
      expect(e.chapter).toBe('los-angeles');
    }
  });
});

describe("an event's address (slug)", () => {
  it('changed to one already taken: 422 on the API and next to the field on the form, in both languages', async () => {
    const [a, b] = [await newEvent(), await newEvent()];
    const res = await api(env, 'PATCH', `/api/v1/events/${a}`, orgToken, { slug: b });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.slug).toBe('Another event already uses this address.');
    const browser = new Browser(env);
    await browser.signInAs(orgEmail);
    for (const [prefix, text] of [
      ['', 'Another event already uses this address.'],
      ['/es', 'Otro evento ya usa esta dirección.'],
    ]) {
      browser.cookies.set('lang', prefix ? 'es' : 'en');
      const page = await browser.post(`${prefix}/events/${a}/edit`, {
        'title.en': 'Taken',
        timeZone: 'America/Los_Angeles',
        startsAt: '2099-01-01T10:00',
        endsAt: '2099-01-01T12:00',
        slug: b,
      });
      expect(page.status).toBe(422);
      expect(visibleText(await page.text())).toContain(text);
    }
    expect((await getEvent(env.deps.db, a)).slug).toBe(a);
  });
});
