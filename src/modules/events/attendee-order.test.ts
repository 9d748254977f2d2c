import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { attendeesCsv, createRsvp, getEvent, searchAttendees } from './service';

let env: TestEnv;
let slug = '';
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const token = await apiToken(env, `order-${uid()}@example.org`, 'organizer', 'los-angeles');
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: `Order ${uid()}`, es: null },
    startsAt: inDays(5),
    endsAt: inDays(6),
    timeZone: 'America/Los_Angeles',
    capacity: 20,
    status: 'published',
  });
  expect(res.status).toBe(201);
  slug = ((await res.json()) as { slug: string }).slug;
  const e = await getEvent(env.deps.db, slug);
  for (const name of NAMES)
    await createRsvp(
      env.deps.db,
      e,
      { name, email: `order-${uid()}@example.org`, answers: {}, accessibilityNeeds: null },
      { sendEmail: false },
    );
});
afterAll(() => env.close());

// Byte order (a "C" collation) would put "ana" after "Zach" and the accented names last; Spanish puts Ñ after N.
const NAMES = ['Zoë', 'Ángela', 'Álvaro', 'Zach', 'ana', 'Ñoño', 'Nora'];
const EXPECTED = {
  en: ['Álvaro', 'ana', 'Ángela', 'Ñoño', 'Nora', 'Zach', 'Zoë'],
  es: ['Álvaro', 'ana', 'Ángela', 'Nora', 'Ñoño', 'Zach', 'Zoë'],
};

/** The attendee names heading the rows of the page's table. */
const rowNames = (html: string) => [...html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => visibleText(m[1]));
/** The names in the CSV's first column. */
const csvNames = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[0]);

describe('attendee lists are in the reader’s language’s name order (Intl.Collator)', () => {
  it.each(['en', 'es'] as const)('the list itself (%s)', async (locale) => {
    const e = await getEvent(env.deps.db, slug);
    const { attendees } = await searchAttendees(env.deps.db, e.id, { limit: 50, offset: 0, locale });
    expect(attendees.map((a) => a.name)).toEqual(EXPECTED[locale]);
  });

  it.each(['en', 'es'] as const)('the organizer’s attendees page and the CSV export (%s)', async (locale) => {
    const b = new Browser(env);
    await b.signInAs(`order-org-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const res = await b.get(`${locale === 'es' ? '/es' : ''}/events/${slug}/attendees`);
    expect(res.status).toBe(200);
    expect(rowNames(await res.text())).toEqual(EXPECTED[locale]);
    const csv = await attendeesCsv(env.deps.db, await getEvent(env.deps.db, slug), locale);
    expect(csvNames(csv)).toEqual(EXPECTED[locale]);
  });
});
