import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { outbox } from '../../platform/mail/schema';
import { people } from '../people';
import { findSubscriber, manageToken, suppressionFor, syncAccountConsents } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

async function lastMail(to: string) {
  const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt)).limit(1);
  return m;
}
const tokenIn = (text: string, path: string) => decodeURIComponent(new RegExp(`${path}\\?token=([A-Za-z0-9_.%-]+)`).exec(text)![1]);

describe('sign-up with double opt-in', () => {
  it('shows the footer form on public pages and only the full form on /newsletter', async () => {
    const b = new Browser(env);
    const home = await (await b.get('/')).text();
    expect(home).toContain('id="nl-footer-email"');
    expect(home).toContain('action="/newsletter/subscribe"');
    const es = await (await b.get('/es/newsletter')).text();
    expect(visibleText(es)).not.toContain('Recibe el boletín mensual');
    expect(es).not.toContain('id="nl-footer-email"');
    expect(es).toContain('name="topics"');
  });

  it('emails a confirmation in the chosen language; confirming subscribes and links the person', async () => {
    const b = new Browser(env);
    const email = `lupe-${uid()}@example.org`;
    const res = await b.post('/es/newsletter/subscribe', { email, name: 'Guadalupe Núñez', language: 'es', topics: ['events', 'jobs'] });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/es/newsletter/check');
    expect((await findSubscriber(env.deps.db, email))!.status).toBe('pending');
    const mail = await lastMail(email);
    expect(mail.subject).toBe('Confirma tu suscripción al boletín');
    const token = tokenIn(mail.text, '/newsletter/confirm');
    // Opening the link alone (a scanner) does not confirm.
    expect((await b.get(`/es/newsletter/confirm?token=${token}`)).status).toBe(200);
    expect((await findSubscriber(env.deps.db, email))!.status).toBe('pending');
    const ok = await b.post('/es/newsletter/confirm', { token });
    expect(ok.status).toBe(303);
    const s = (await findSubscriber(env.deps.db, email))!;
    expect(s.status).toBe('confirmed');
    expect(s.topics).toEqual(['events', 'jobs']);
    expect(s.consentedAt).toBeInstanceOf(Date);
    const [p] = await env.deps.db.select().from(people).where(eq(people.email, email));
    expect(p.id).toBe(s.personId);
    expect(p.consents.newsletter).toBe(true);
  });

  it('rejects an invalid address with a message and keeps what was typed', async () => {
    const res = await new Browser(env).post('/newsletter/subscribe', { email: 'not-an-email', name: 'Zoë', language: 'en' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Zoë"');
    expect(html).toContain('usa-error-message');
  });

  it('does not let a stranger change an existing subscriber; they get a preferences link instead', async () => {
    const email = `known-${uid()}@example.org`;
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    await api(env, 'POST', '/api/v1/subscribers', token, { email, language: 'en', confirmed: true, consentedAt: '2025-01-02T00:00:00Z' });
    await new Browser(env).post('/newsletter/subscribe', { email, language: 'es' });
    const s = (await findSubscriber(env.deps.db, email))!;
    expect(s.language).toBe('en');
    expect((await lastMail(email)).subject).toBe('Your newsletter preferences');
  });
});

describe('preferences and unsubscribing without signing in', () => {
  async function confirmed(language: 'en' | 'es' = 'en') {
    const email = `sub-${uid()}@example.org`;
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    const res = await api(env, 'POST', '/api/v1/subscribers', token, {
      email,
      language,
      confirmed: true,
      consentedAt: '2025-03-01T10:00:00Z',
    });
    const body = (await res.json()) as { id: string };
    return { email, id: body.id, manage: await manageToken(env.deps, body.id) };
  }

  it('changes language and topics from the signed link', async () => {
    const s = await confirmed();
    const b = new Browser(env);
    expect((await b.get(`/newsletter/preferences?token=${s.manage}`)).status).toBe(200);
    const res = await b.post('/newsletter/preferences', { token: s.manage, language: 'es', topics: ['programs'] });
    expect(res.status).toBe(303);
    const after = (await findSubscriber(env.deps.db, s.email))!;
    expect(after.language).toBe('es');
    expect(after.topics).toEqual(['programs']);
    expect((await b.post('/newsletter/preferences', { token: s.manage + 'x', language: 'en' })).status).toBe(410);
  });

  it('unsubscribes with RFC 8058 one-click POST at once, without CSRF or a page, and suppresses', async () => {
    const s = await confirmed();
    const res = await env.app.request(`/newsletter/unsubscribe/one-click?token=${s.manage}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await findSubscriber(env.deps.db, s.email))!.status).toBe('unsubscribed');
    expect(await suppressionFor(env.deps.db, s.email)).toBe('unsubscribed');
    const bad = await env.app.request(`/newsletter/unsubscribe/one-click?token=nonsense`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(404);
  });

  it("opening the one-click address in a browser shows the page with the button, in the subscriber's language, and unsubscribes nobody", async () => {
    const s = await confirmed('es');
    const b = new Browser(env);
    const res = await b.get(`/newsletter/unsubscribe/one-click?token=${s.manage}`);
    expect(res.status).toBe(303);
    const to = res.headers.get('location')!;
    expect(to.startsWith('/es/newsletter/unsubscribe?token=')).toBe(true);
    expect(visibleText(await (await b.get(to)).text())).toContain('¿Dejamos de enviar el boletín');
    expect((await findSubscriber(env.deps.db, s.email))!.status).toBe('confirmed');
    expect((await b.get('/newsletter/unsubscribe/one-click?token=nonsense')).status).not.toBe(404);
  });

  it('the unsubscribe page needs a button press (and refuses one from another site)', async () => {
    const s = await confirmed('es');
    const b = new Browser(env);
    expect(visibleText(await (await b.get(`/es/newsletter/unsubscribe?token=${s.manage}`)).text())).toContain(
      '¿Dejamos de enviar el boletín',
    );
    const forged = await b.post('/es/newsletter/unsubscribe', { token: s.manage }, { 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    const done = await b.post('/es/newsletter/unsubscribe', { token: s.manage });
    expect(done.status).toBe(200);
    expect(visibleText(await done.text())).toContain('Te diste de baja');
  });

  it('keeps suppressed addresses out of the API, and honours them on sign-up', async () => {
    const s = await confirmed();
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    await env.app.request(`/newsletter/unsubscribe/one-click?token=${s.manage}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const again = await api(env, 'POST', '/api/v1/subscribers', token, {
      email: s.email,
      language: 'en',
      confirmed: true,
      consentedAt: '2025-01-01T00:00:00Z',
    });
    expect(again.status).toBe(409);
    expect((await findSubscriber(env.deps.db, s.email))!.status).toBe('unsubscribed');
  });
});

describe('API', () => {
  it('requires consentedAt with confirmed, lists with total, and needs an organizer', async () => {
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    const member = await apiToken(env, `m-${uid()}@example.org`);
    const email = `api-${uid()}@example.org`;
    const bad = await api(env, 'POST', '/api/v1/subscribers', token, { email, language: 'en', confirmed: true });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.consentedAt).toBeTruthy();
    expect((await api(env, 'POST', '/api/v1/subscribers', token, '{"email":')).status).toBe(400);
    expect((await api(env, 'POST', '/api/v1/subscribers', member, { email, language: 'en' })).status).toBe(403);
    const ok = await api(env, 'POST', '/api/v1/subscribers', token, { email, language: 'es', name: 'Iñaki' });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { status: string }).status).toBe('pending');
    expect((await lastMail(email)).subject).toBe('Confirma tu suscripción al boletín');
    const list = await api(env, 'GET', '/api/v1/subscribers?limit=2&offset=0', token);
    const body = (await list.json()) as { subscribers: { id: string; email: string; status: string }[]; total: number };
    expect(body.subscribers.length).toBeLessThanOrEqual(2);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect((await api(env, 'GET', '/api/v1/subscribers?limit=0', token)).status).toBe(422);
  });
});

describe('account consent stays in step', () => {
  it('a verified account with the newsletter box ticked becomes a subscriber; unticking unsubscribes', async () => {
    const email = `acct-${uid()}@example.org`;
    const [p] = await env.deps.db
      .insert(people)
      .values({ email, fullName: 'Renée Robles', consents: { newsletter: true }, emailVerifiedAt: new Date() })
      .returning();
    await syncAccountConsents(env.deps.db);
    const s = (await findSubscriber(env.deps.db, email))!;
    expect(s.status).toBe('confirmed');
    expect(s.personId).toBe(p.id);
    await new Promise((r) => setTimeout(r, 5));
    await env.deps.db
      .update(people)
      .set({ consents: { newsletter: false }, updatedAt: sql`now() + interval '1 second'` })
      .where(eq(people.id, p.id));
    await syncAccountConsents(env.deps.db);
    expect((await findSubscriber(env.deps.db, email))!.status).toBe('unsubscribed');
  });
});
