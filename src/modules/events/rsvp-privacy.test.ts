import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter } from '../people';
import { events, rsvps } from './schema';
import { cancelRsvp, confirmRsvp, eventTasks, getEvent, setRsvpStatus, walkIn } from './service';

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
    title: { en: `Privacy ${uid()}`, es: 'Privacidad' },
    startsAt: future(9),
    endsAt: future(9, 2),
    timeZone: 'America/Los_Angeles',
    capacity: 10,
    status: 'published',
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string };
}

const rowOf = async (email: string) => (await env.deps.db.select().from(rsvps).where(eq(rsvps.email, email)))[0];
const mailsTo = async (email: string) => {
  await drainTasks(env.deps, eventTasks);
  return env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
};
const manageLink = (text: string) => /\/events\/manage\/[A-Za-z0-9._-]+/.exec(text)![0];
/** The page with what differs between any two answers (the address typed, the CSRF token) blanked. */
const shape = (html: string, email: string) => visibleText(html).replaceAll(email, 'EMAIL');

describe('a repeated RSVP for an existing address', () => {
  for (const how of ['cancelled', 'declined'] as const) {
    it(`after the person ${how}: on the web it changes nothing, reveals nothing, and emails only the owner`, async () => {
      const e = await newEvent();
      const ev = await getEvent(env.deps.db, e.slug);
      const victim = `victim-${uid()}@example.org`;
      await new Browser(env).post(`/es/events/${e.slug}/rsvp`, { name: 'Dueña Real', email: victim });
      const before = await rowOf(victim);
      if (how === 'cancelled') await cancelRsvp(env.deps.db, before.id);
      else await setRsvpStatus(env.deps.db, ev, before.id, 'declined');
      const mailsBefore = (await mailsTo(victim)).length;

      const attacker = new Browser(env);
      const res = await attacker.post(`/events/${e.slug}/rsvp`, { name: 'Attacker', email: victim, accessibilityNeeds: 'mine now' });
      const fresh = `fresh-${uid()}@example.org`;
      const other = await new Browser(env).post(`/events/${e.slug}/rsvp`, { name: 'Someone New', email: fresh });
      expect(res.status).toBe(200);
      expect(other.status).toBe(res.status);
      const html = await res.text();
      expect(shape(html, victim)).toBe(shape(await other.text(), fresh));
      expect(html).not.toContain('/events/manage/');
      expect(res.headers.get('location')).toBeNull();

      const after = await rowOf(victim);
      expect(after.status).toBe(how);
      expect(after.name).toBe('Dueña Real');
      expect(after.accessibilityNeeds).toBeNull();
      const [{ goingCount }] = await env.deps.db.select({ goingCount: events.goingCount }).from(events).where(eq(events.id, ev.id));
      expect(goingCount).toBe(1); // only the new person

      const mails = await mailsTo(victim);
      expect(mails.length).toBe(mailsBefore + 1);
      expect(mails[0].text).toContain('/es/events/manage/'); // in the owner's language
      expect((await mailsTo(fresh)).length).toBe(1);
    });
  }

  it('after the person walked in at the door: the owner gets the walk-in email again, with the manage link', async () => {
    const e = await newEvent();
    const ev = await getEvent(env.deps.db, e.slug);
    const guest = `door-${uid()}@example.org`;
    await walkIn(env.deps.db, ev, { name: 'Ngozi Okonkwo-Adébáyọ̀', email: guest, sector: null }, null, 'en');
    const res = await new Browser(env).post(`/events/${e.slug}/rsvp`, { name: 'Someone Else', email: guest });
    expect(res.status).toBe(200);
    const mails = await mailsTo(guest);
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe(`Thanks for coming: ${ev.title.en}`);
    expect(mails[0].text).toContain('/events/manage/');
    expect(mails[0].text).toContain('Ngozi Okonkwo-Adébáyọ̀');
    const after = await rowOf(guest);
    expect([after.status, after.name]).toEqual(['walkin', 'Ngozi Okonkwo-Adébáyọ̀']);
  });

  it('through the API: new and existing addresses get the same status and body shape, and nothing changes', async () => {
    const e = await newEvent();
    const owner = `owner-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Owner', email: owner });
    const id = (await rowOf(owner)).id;
    await cancelRsvp(env.deps.db, id);
    const again = await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Intruder', email: owner });
    const brandNew = await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, {
      name: 'New',
      email: `new-${uid()}@example.org`,
    });
    expect(again.status).toBe(202);
    expect(brandNew.status).toBe(202);
    const a = (await again.json()) as Record<string, unknown>;
    const b = (await brandNew.json()) as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).not.toHaveProperty('status');
    expect(a).not.toHaveProperty('id');
    expect(JSON.stringify(a)).not.toContain(id);
    const after = await rowOf(owner);
    expect([after.status, after.name]).toEqual(['cancelled', 'Owner']);
  });

  it('the owner comes back through the link in their email', async () => {
    const e = await newEvent();
    const owner = `back-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Back Again', email: owner });
    await cancelRsvp(env.deps.db, (await rowOf(owner)).id);
    const b = new Browser(env);
    const link = manageLink((await mailsTo(owner))[0].text);
    expect(visibleText(await (await b.get(link)).text())).toContain('RSVP again');
    const res = await b.post(`${link}/rejoin`, {});
    expect(res.status).toBe(303);
    expect((await rowOf(owner)).status).toBe('going');
  });
});

describe('RSVP limits and email confirmation', () => {
  it('refuses the RSVP past the per-event limit from one address with a translated 429', async () => {
    const limited = await testEnv({ RATE_LIMITS: 'on', RATE_LIMIT_RSVP_PER_IP_EVENT: '3' });
    try {
      await ensureChapter(limited.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
      const t = await apiToken(limited, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
      const mk = async () =>
        (
          (await (
            await api(limited, 'POST', '/api/v1/events', t, {
              title: { en: `Lim ${uid()}` },
              startsAt: future(5),
              endsAt: future(5, 1),
              timeZone: 'UTC',
              status: 'published',
            })
          ).json()) as { slug: string }
        ).slug;
      const slug = await mk();
      const b = new Browser(limited);
      for (let i = 0; i < 3; i++)
        expect((await b.post(`/events/${slug}/rsvp`, { name: `P${i}`, email: `lim-${uid()}@example.org` })).status).toBe(200);
      const refused = await b.post(`/es/events/${slug}/rsvp`, { name: 'P4', email: `lim-${uid()}@example.org` });
      expect(refused.status).toBe(429);
      expect(visibleText(await refused.text())).toMatch(/intent|demasiad/i);
      const apiRefused = await api(limited, 'POST', `/api/v1/events/${slug}/rsvps`, undefined, {
        name: 'P5',
        email: `lim-${uid()}@example.org`,
      });
      expect(apiRefused.status).toBe(429);
      expect(((await apiRefused.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
      // Another event from the same address is still open.
      expect((await b.post(`/events/${await mk()}/rsvp`, { name: 'Other', email: `lim-${uid()}@example.org` })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('an event requiring email confirmation holds no seat until the emailed link is followed', async () => {
    const e = await newEvent({ capacity: 1, requireEmailConfirmation: true });
    expect(
      ((await (await api(env, 'GET', `/api/v1/events/${e.slug}`)).json()) as { requireEmailConfirmation: boolean })
        .requireEmailConfirmation,
    ).toBe(true);
    const a = `conf-a-${uid()}@example.org`;
    const b = `conf-b-${uid()}@example.org`;
    await new Browser(env).post(`/events/${e.slug}/rsvp`, { name: 'A', email: a });
    await new Browser(env).post(`/events/${e.slug}/rsvp`, { name: 'B', email: b });
    expect([(await rowOf(a)).status, (await rowOf(b)).status]).toEqual(['pending', 'pending']);
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(0);
    const mail = (await mailsTo(b))[0];
    expect(mail.subject).toContain('Confirm your RSVP');
    const browser = new Browser(env);
    const link = manageLink(mail.text);
    expect((await browser.get(link)).status).toBe(200); // opening the link (a mail scanner) does not confirm
    expect((await rowOf(b)).status).toBe('pending');
    expect((await browser.post(`${link}/confirm`, {})).status).toBe(303);
    expect((await rowOf(b)).status).toBe('going');
    expect((await browser.post(`${link}/confirm`, {})).status).toBe(303);
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(1);
    await confirmRsvp(env.deps.db, (await rowOf(a)).id);
    expect((await rowOf(a)).status).toBe('waitlist');
  });

  it('never oversells under concurrent confirmations', async () => {
    const e = await newEvent({ capacity: 3, requireEmailConfirmation: true });
    const tag = uid();
    for (let i = 0; i < 12; i++)
      await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: `C${i}`, email: `cc-${tag}-${i}@example.org` });
    const ev = await getEvent(env.deps.db, e.slug);
    const list = await env.deps.db
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, ev.id), eq(rsvps.unconfirmed, true)));
    expect(list).toHaveLength(12);
    await Promise.all([...list, ...list].map((r) => confirmRsvp(env.deps.db, r.id)));
    const after = await env.deps.db.select().from(rsvps).where(eq(rsvps.eventId, ev.id));
    expect(after.filter((r) => r.status === 'going')).toHaveLength(3);
    expect(after.filter((r) => r.status === 'waitlist')).toHaveLength(9);
    expect(new Set(after.filter((r) => r.status === 'waitlist').map((r) => r.waitlistSeq)).size).toBe(9);
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(3);
  });
});
