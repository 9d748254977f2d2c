import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { EMAIL_MAX, PERSON_NAME_MAX } from '../../platform/http/validation';
import { ensureChapter } from '../people';
import { rsvpInput } from './service';
import { events, rsvps } from './schema';
import { eventsMessages } from './messages';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const base = () => ({
  title: { en: `Talk ${uid()}`, es: null },
  startsAt: future(5),
  endsAt: future(5, 2),
  timeZone: 'America/Los_Angeles',
  capacity: 10,
  status: 'published',
});

async function newEvent() {
  const res = await api(env, 'POST', '/api/v1/events', token, base());
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string; id: string };
}

describe('the RSVP body is the service’s schema', () => {
  it('is published with the name limit the service enforces', async () => {
    const doc = await (await env.app.request('/api/openapi.json')).json();
    const body = doc.paths['/api/v1/events/{slug}/rsvps'].post.requestBody.content['application/json'].schema;
    expect(body.properties.name.maxLength).toBe(PERSON_NAME_MAX);
    expect(body.properties.email.maxLength).toBe(EMAIL_MAX);
  });

  it('refuses one character more than the service allows, and takes exactly the limit', async () => {
    const e = await newEvent();
    const tooLong = { name: 'a'.repeat(PERSON_NAME_MAX + 1), email: `long-${uid()}@example.org` };
    expect(rsvpInput.safeParse(tooLong).success).toBe(false);
    const res = await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, tooLong);
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['name']);
    expect(await env.deps.db.select().from(rsvps).where(eq(rsvps.eventId, e.id))).toHaveLength(0);

    const longest = { name: ` ${'a'.repeat(PERSON_NAME_MAX)} `, email: `longest-${uid()}@example.org` };
    expect((await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, longest)).status).toBe(202);
    const [saved] = await env.deps.db.select().from(rsvps).where(eq(rsvps.eventId, e.id));
    expect(saved.name).toBe('a'.repeat(PERSON_NAME_MAX));
  });

  it('refuses a field it does not know, by name', async () => {
    const e = await newEvent();
    const res = await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, {
      name: 'Ana',
      email: `u-${uid()}@example.org`,
      colour: 'red',
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ colour: 'Unknown field' });
  });
});

describe('the event body', () => {
  it('is published with the title and slug limits the service enforces', async () => {
    const doc = await (await env.app.request('/api/openapi.json')).json();
    const body = doc.components.schemas.EventInput;
    expect(body.properties.title.properties.en.maxLength).toBe(200);
    expect(body.properties.slug.maxLength).toBe(80);
    expect(body.additionalProperties).toBeUndefined();
  });

  it('refuses an unknown field on create, by name, and saves nothing', async () => {
    const title = { en: `Colour ${uid()}`, es: null };
    const res = await api(env, 'POST', '/api/v1/events', token, { ...base(), title, colour: 'red' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ colour: 'Unknown field' });
    expect(await env.deps.db.select().from(events).where(eq(events.title, title))).toHaveLength(0);
  });

  it('refuses an unknown field on change, by name, and changes nothing', async () => {
    const e = await newEvent();
    const res = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { capacity: 20, colour: 'red' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ colour: 'Unknown field' });
    const [row] = await env.deps.db.select().from(events).where(eq(events.id, e.id));
    expect(row.capacity).toBe(10);
  });

  it('changes only the fields sent', async () => {
    const e = await newEvent();
    const before = await (await api(env, 'GET', `/api/v1/events/${e.slug}`, token)).json();
    const res = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { capacity: 20 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...before, capacity: 20, spotsLeft: 20 });
  });

  it('translates the module’s own error keys', async () => {
    const res = await api(env, 'POST', '/api/v1/events', token, { ...base(), slug: 'Not A Slug' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ slug: eventsMessages.any('en')('events.error.slug') });
  });
});
