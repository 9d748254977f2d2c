import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../../modules/people';
import { confirmSubscriber, getSubscriber, subscribe, manageToken } from '../../modules/newsletter';
import { createRsvp, getEvent } from '../../modules/events';
import { makeFair, passToken, register } from '../../modules/careerfair';
import { outbox } from '../mail/schema';
import { signLink } from './tokens';

let env: TestEnv;
let organizer: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  organizer = await apiToken(env, `org-${uid()}@example.org`, 'admin');
});
afterAll(() => env.close());

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const secondsAgo = (s: number) => Math.floor(Date.now() / 1000) - s;

async function newEvent() {
  const res = await api(env, 'POST', '/api/v1/events', organizer, {
    title: { en: `Talk ${uid()}`, es: null },
    startsAt: inDays(5),
    endsAt: inDays(5, 2),
    timeZone: 'America/Los_Angeles',
    capacity: 10,
    status: 'published',
    chapter: 'los-angeles',
  });
  expect(res.status).toBe(201);
  return getEvent(env.deps.db, ((await res.json()) as { slug: string }).slug);
}

/** Moves an event so it ended `days` ago. */
async function endedDaysAgo(id: string, days: number) {
  await env.deps.db.execute(
    sql`UPDATE events SET starts_at = now() - make_interval(days => ${days}, hours => 2), ends_at = now() - make_interval(days => ${days}) WHERE id = ${id}`,
  );
}

describe('newsletter preferences links', () => {
  it('are signed for a year', async () => {
    const { subscriber } = await subscribe(env.deps.db, { email: `year-${uid()}@example.org` } as never);
    const { exp } = decodeJwt(await manageToken(env.deps, subscriber!.id));
    expect(exp! * 1000 - Date.now()).toBeGreaterThan(364 * 86_400_000);
    expect(exp! * 1000 - Date.now()).toBeLessThan(366 * 86_400_000);
  });

  it('an expired one is refused with a page that emails a fresh link to the subscriber', async () => {
    const email = `expired-${uid()}@example.org`;
    const { subscriber } = await subscribe(env.deps.db, { email, language: 'es' } as never);
    const expired = await signLink(env.deps.secret, 'newsletter.manage', { s: subscriber!.id }, secondsAgo(60));
    const b = new Browser(env);
    const res = await b.get(`/es/newsletter/preferences?token=${expired}`);
    expect(res.status).toBe(410);
    const text = visibleText(await res.text());
    expect(text).toContain('Este enlace venció');
    expect(text).toContain('Envíenme un enlace nuevo');
    const sent = await b.post('/es/newsletter/preferences/renew', { token: expired });
    expect(sent.status).toBe(200);
    expect(visibleText(await sent.text())).toContain('Revisa tu correo');
    const [mail] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
    const fresh = /newsletter\/preferences\?token=([\w.-]+)/.exec(mail.text)![1];
    expect(fresh).not.toBe(expired);
    expect((await b.get(`/es/newsletter/preferences?token=${fresh}`)).status).toBe(200);

    // A forged or damaged link gets no such offer.
    const forged = `${expired.slice(0, -4)}AAAA`;
    const bad = await b.get(`/newsletter/preferences?token=${forged}`);
    expect(bad.status).toBe(410);
    expect(visibleText(await bad.text())).not.toContain('fresh link');
    expect((await b.post('/newsletter/preferences/renew', { token: forged })).status).toBe(410);
    // A link that has not expired is not "renewed" either.
    expect((await b.post('/newsletter/preferences/renew', { token: await manageToken(env.deps, subscriber!.id) })).status).toBe(410);
  });
});

describe('unsubscribe links', () => {
  it('keep working after they expire: the page, its button and the one-click post', async () => {
    const b = new Browser(env);
    for (const way of ['page', 'one-click'] as const) {
      const { subscriber } = await subscribe(env.deps.db, { email: `old-${way}-${uid()}@example.org`, language: 'en' } as never);
      await confirmSubscriber(env.deps.db, subscriber!.id);
      const expired = await signLink(env.deps.secret, 'newsletter.manage', { s: subscriber!.id }, secondsAgo(86_400));
      if (way === 'page') {
        const shown = await b.get(`/newsletter/unsubscribe?token=${expired}`);
        expect(shown.status).toBe(200);
        expect((await b.post('/newsletter/unsubscribe', { token: expired })).status).toBe(200);
      } else {
        const res = await env.app.request(`/newsletter/unsubscribe/one-click?token=${expired}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        expect(res.status).toBe(200);
      }
      expect((await getSubscriber(env.deps.db, subscriber!.id)).status).toBe('unsubscribed');
    }
    // A forged one unsubscribes nobody.
    const forged = `${(await manageToken(env.deps, '00000000-0000-4000-8000-000000000000')).slice(0, -4)}AAAA`;
    expect((await b.post('/newsletter/unsubscribe', { token: forged })).status).toBe(410);
  });
});

describe('RSVP manage links', () => {
  it('work until 30 days after the event ends, then are refused with a clear page', async () => {
    const e = await newEvent();
    const { rsvp } = (await createRsvp(env.deps.db, e, {
      name: 'Ana',
      email: `rsvp-${uid()}@example.org`,
      answers: {},
    } as never)) as unknown as { rsvp: { id: string } };
    const token = await signLink(env.deps.secret, 'rsvp', { r: rsvp.id });
    const b = new Browser(env);
    expect((await b.get(`/events/manage/${token}`)).status).toBe(200);
    await endedDaysAgo(e.id, 29);
    expect((await b.get(`/events/manage/${token}`)).status).toBe(200);
    await endedDaysAgo(e.id, 31);
    for (const [p, words] of [
      [`/events/manage/${token}`, 'This link has expired'],
      [`/es/events/manage/${token}`, 'Este enlace venció'],
    ]) {
      const res = await b.get(p);
      expect(res.status, p).toBe(410);
      expect(visibleText(await res.text())).toContain(words);
    }
    expect((await b.post(`/events/manage/${token}/cancel`, {})).status).toBe(410);
    const viaApi = await api(env, 'DELETE', `/api/v1/rsvps/${token}`);
    expect(viaApi.status).toBe(410);
    expect(((await viaApi.json()) as { error: { message: string } }).error.message).toContain('expired');
  });
});

describe('career-fair passes', () => {
  it('work until 30 days after the fair ends, then are refused with a clear page', async () => {
    const e = await newEvent();
    await makeFair(env.deps.db, e, null);
    const { attendee } = await register(
      env.deps.db,
      e,
      { name: 'Bo', email: `pass-${uid()}@example.org`, language: 'en', consent: false, resumeUrl: null } as never,
      { trusted: true, sendEmail: false },
    );
    const token = await passToken(env.deps.secret, attendee.id);
    const b = new Browser(env);
    expect((await b.get(`/events/fair-pass/${token}`)).status).toBe(200);
    await endedDaysAgo(e.id, 31);
    const res = await b.get(`/es/events/fair-pass/${token}`);
    expect(res.status).toBe(410);
    expect(visibleText(await res.text())).toContain('Este pase venció');
  });
});
