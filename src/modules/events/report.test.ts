import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createEvent, createRsvp, eventInput } from './service';
import type { EventRow } from './schema';
import { dayInZone } from '../../platform/i18n/format';

let env: TestEnv;
const u = uid();
const hour = 3_600_000;
let door: Browser;
// The report runs through today in the chapter's zone by default; the talks start in the next hours,
// which late in a Los Angeles evening is already tomorrow there. So the tests name a period holding them.
const period = () =>
  `from=${dayInZone(new Date(Date.now() - 24 * hour), 'America/Los_Angeles')}&to=${dayInZone(new Date(Date.now() + 6 * hour), 'America/Los_Angeles')}`;

async function event(title: string, inHours: number, chapter = 'los-angeles') {
  const startsAt = new Date(Date.now() + inHours * hour);
  return createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: title, es: `${title} (es)` },
      chapter,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + hour).toISOString(),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
    null,
  );
}

async function rsvp(e: EventRow, name: string, email: string, came: boolean) {
  const { rsvp: r } = await createRsvp(env.deps.db, e, { name, email, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
  if (came) expect((await door.post(`/events/${e.slug}/checkin`, { rsvpId: r.id })).status).toBe(303);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  await ensureChapter(env.deps.db, { slug: 'san-diego', name: 'San Diego' });
  door = new Browser(env);
  await door.signInAs(`door-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  const first = await event(`First talk ${u}`, 1);
  await rsvp(first, 'Zoë Ng', `z-${u}@example.org`, true);
  await rsvp(first, "Seán O'Brien", `s-${u}@example.org`, true);
  await rsvp(first, '李小龍', `l-${u}@example.org`, false);
  expect(
    (await door.post(`/events/${first.slug}/checkin/walkin`, { name: 'Ana', email: `a-${u}@example.org`, sector: 'city' })).status,
  ).toBe(303);
  const second = await event(`Second talk ${u}`, 3);
  await rsvp(second, 'Zoë Ng', `z-${u}@example.org`, true);
  await rsvp(second, 'Brand New', `b-${u}@example.org`, true);
  await event(`Elsewhere ${u}`, 2, 'san-diego');
});
afterAll(() => env.close());

describe('events report', () => {
  it('counts RSVPs, attendance, first-timers and returning, government and not, per event and over the period', async () => {
    const html = await (await door.get(`/organize/reports/events?${period()}`)).text();
    const text = visibleText(html);
    expect(text).not.toContain(`Elsewhere ${u}`);
    expect(text).toContain('2 events in this period');
    // Columns: RSVPs, checked in, attendance rate, no-shows, first-timers, returning, government, not, agencies.
    // First talk: 3 RSVPs, 2 came plus a walk-in from a city; second: Zoë returns, one newcomer.
    const row = (title: string) => visibleText(new RegExp(`<tr><th scope="row"[^>]*><a[^>]*>${title}</a>[\\s\\S]*?</tr>`).exec(html)![0]);
    expect(row(`First talk ${u}`)).toMatch(/ 3 3 67% 0 3 0 1 2 —$/);
    expect(row(`Second talk ${u}`)).toMatch(/ 2 2 100% 0 1 1 0 2 —$/);
    expect(html).toContain('<svg class="pw-chart"');
    expect(text).toContain('Attendance rate (of those going, how many came): 80%');
  });

  it('gives the same figures as CSV, and the page in Spanish; members may not see it', async () => {
    const csv = await (await door.get(`/es/organize/reports/events.csv?${period()}`)).text();
    expect(csv.split('\r\n')[0]).toContain('Inscripciones');
    expect(csv).toContain(`First talk ${u} (es),`);
    expect(csv).toMatch(new RegExp(`Second talk ${u} \\(es\\),[^,]+,2,2,2,1,0,1,1,0,2,`));
    expect(visibleText(await (await door.get(`/es/organize/reports/events?${period()}`)).text())).toContain('Tasa de asistencia');
    const member = new Browser(env);
    await member.signInAs(`m-${u}@example.org`);
    expect((await member.get('/organize/reports/events')).status).toBe(403);
    // A period with no events says so.
    expect(visibleText(await (await door.get('/organize/reports/events?from=2001-01-01&to=2001-12-31')).text())).toContain(
      'No events in this period.',
    );
  });
});
