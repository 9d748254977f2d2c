import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter, ensurePerson, grantRole } from '../people';
import { createEvent, createRsvp, eventInput } from '../events';
import { dayInZone } from '../../platform/i18n/format';

let env: TestEnv;
const hour = 3_600_000;
// "Today's" event starts in an hour: late in a Los Angeles evening that is tomorrow there, so the events
// are then put in a zone two hours behind, where it is still today.
const sameDayIn = (zone: string) => dayInZone(new Date(), zone) === dayInZone(new Date(Date.now() + 2 * hour), zone);
const zone = sameDayIn('America/Los_Angeles') ? 'America/Los_Angeles' : 'Pacific/Honolulu';

async function event(title: string, opts: { chapter: string; inHours: number; status?: 'draft' | 'published' | 'cancelled' }) {
  const startsAt = new Date(Date.now() + opts.inHours * hour);
  return createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: title },
      chapter: opts.chapter,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
      timeZone: zone,
      capacity: 1,
      status: opts.status ?? 'published',
    }),
    null,
  );
}

const tag = uid();
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  await ensureChapter(env.deps.db, { slug: 'san-diego', name: 'San Diego' });
  const soon = await event(`Breakfast talk ${tag}`, { chapter: 'los-angeles', inHours: 1 });
  const r1 = await createRsvp(
    env.deps.db,
    soon,
    { name: 'Zoë Ng', email: `z-${tag}@example.org`, answers: {}, accessibilityNeeds: null },
    { sendEmail: false },
  );
  await createRsvp(
    env.deps.db,
    soon,
    { name: "Seán O'Brien", email: `s-${tag}@example.org`, answers: {}, accessibilityNeeds: null },
    { sendEmail: false },
  );
  const door = new Browser(env);
  await door.signInAs(`door-${tag}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  expect((await door.post(`/events/${soon.slug}/checkin`, { rsvpId: r1.rsvp.id })).status).toBe(303);
  await event(`Data meetup ${tag}`, { chapter: 'los-angeles', inHours: 24 * 30 });
  await event(`Unfinished idea ${tag}`, { chapter: 'los-angeles', inHours: 24 * 40, status: 'draft' });
  await event(`Called off ${tag}`, { chapter: 'los-angeles', inHours: 24 * 20, status: 'cancelled' });
  await event(`San Diego night ${tag}`, { chapter: 'san-diego', inHours: 24 * 5 });
});
afterAll(() => env.close());

/** Signs in the way people do (the emailed link) and answers where the app sends them. */
async function landing(email: string, role?: 'organizer'): Promise<string | null> {
  const { person } = await ensurePerson(env.deps.db, { email, fullName: email.split('@')[0], verified: true });
  if (role) await grantRole(env.deps.db, person.id, role, 'los-angeles');
  const b = new Browser(env);
  await b.post('/signin', { email });
  const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
  const token = decodeURIComponent(/signin\/verify\?token=([A-Za-z0-9_%-]+)/.exec(m.text ?? '')![1]);
  return (await b.post('/signin/verify', { token })).headers.get('location');
}

describe('organizer home', () => {
  it('sends organizers to /organize after sign-in and members to their account page', async () => {
    expect(await landing(`org-${tag}@example.org`, 'organizer')).toBe('/organize');
    expect(await landing(`member-${tag}@example.org`)).toBe('/account');
  });

  it("shows the chapter's upcoming events with counts, door check-in for today's, drafts, and the actions", async () => {
    const b = new Browser(env);
    await b.signInAs(`home-${tag}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const res = await b.get('/organize');
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain(`Breakfast talk ${tag}`);
    expect(text).toContain('1 going · 1 on the waitlist · 1 checked in');
    expect(text).toContain(`Unfinished idea ${tag}`);
    expect(text).not.toContain(`San Diego night ${tag}`);
    expect(text).not.toContain(`Called off ${tag}`);
    // Only today's event offers the door check-in.
    expect(html.match(/\/checkin"/g)?.length).toBe(1);
    for (const action of ['New event', 'New issue', 'Import jobs', 'Import subscribers']) expect(text).toContain(action);
    expect(html).toContain('href="/events/new"');
    expect(html).toContain('href="/organize/newsletter/issues/new"');
    expect(html).toContain('href="/admin/jobs/import"');
    expect(text).toContain('Nothing is waiting for review.');
    expect(html).toMatch(/<a href="\/organize" aria-current="page">Organize<\/a>/);
  });

  it('is in Spanish under /es and closed to members and visitors', async () => {
    const b = new Browser(env);
    await b.signInAs(`es-${tag}@example.org`, { role: 'organizer', scope: 'los-angeles', language: 'es' });
    const text = visibleText(await (await b.get('/es/organize')).text());
    expect(text).toContain('1 asisten · 1 en lista de espera · 1 registrados en la entrada');
    expect(text).toContain('Nuevo evento');
    const member = new Browser(env);
    await member.signInAs(`m-${tag}@example.org`);
    expect((await member.get('/organize')).status).toBe(403);
    expect((await new Browser(env).get('/organize')).status).not.toBe(200);
  });
});

describe('organizer events list', () => {
  it('lists every event of the chapter by view, with counts, and searches titles', async () => {
    const b = new Browser(env);
    await b.signInAs(`list-${tag}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const upcoming = visibleText(await (await b.get(`/organize/events?q=${tag}`)).text());
    expect(upcoming).toContain(`Breakfast talk ${tag}`);
    expect(upcoming).toContain(`Data meetup ${tag}`);
    expect(upcoming).not.toContain(`Unfinished idea ${tag}`);
    expect(upcoming).not.toContain(`San Diego night ${tag}`);
    const drafts = visibleText(await (await b.get(`/organize/events?view=drafts&q=${tag}`)).text());
    expect(drafts).toContain(`Unfinished idea ${tag}`);
    expect(drafts).not.toContain(`Breakfast talk ${tag}`);
    const cancelled = visibleText(await (await b.get(`/organize/events?view=cancelled&q=${tag}`)).text());
    expect(cancelled).toContain(`Called off ${tag}`);
    const all = visibleText(await (await b.get(`/es/organize/events?view=all&q=${encodeURIComponent('breakfast ' + tag)}`)).text());
    expect(all).toContain(`Breakfast talk ${tag}`);
    expect(all).not.toContain(`Data meetup ${tag}`);
    expect(all).toContain('Nuevo evento');
    // An unknown view falls back to upcoming rather than failing.
    expect((await b.get('/organize/events?view=nonsense')).status).toBe(200);
  });
});

describe('the newsletter footer form', () => {
  it('stays off organizer tools and the newsletter page (one form there), and stays on public pages', async () => {
    const b = new Browser(env);
    await b.signInAs(`footer-${tag}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    expect(await (await b.get('/')).text()).toContain('id="nl-footer-email"');
    expect(await (await b.get('/es/events')).text()).toContain('id="nl-footer-email"');
    for (const path of ['/organize', '/es/organize/events', '/organize/newsletter', '/jobs/manage', '/admin/people'])
      expect(await (await b.get(path)).text(), path).not.toContain('id="nl-footer-email"');
    const newsletter = await (await new Browser(env).get('/newsletter')).text();
    expect(newsletter.match(/action="\/newsletter\/subscribe"/g)?.length).toBe(1);
  });
});
