import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { outbox } from '../mail/schema';
import { signinRequests } from './schema';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

async function lastMail(to: string) {
  const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt)).limit(1);
  return m;
}

function linkToken(text: string): string {
  const m = /signin\/verify\?token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!m) throw new Error('no link in email');
  return decodeURIComponent(m[1]);
}

function code(text: string): string {
  const m = /(\d{6})/.exec(text);
  if (!m) throw new Error('no code in email');
  return m[1];
}

describe('sign-up and sign-in without a password', () => {
  it('creates an account, emails a link and a code in the chosen language, and the link signs in once', async () => {
    const b = new Browser(env);
    const email = `ana-${uid()}@example.org`;
    const res = await b.post('/signup', { fullName: 'Ana Núñez', email, language: 'es' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/signin/check');
    const mail = await lastMail(email);
    expect(mail.subject).toBe('Tu enlace para entrar a Pathways');
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    const token = linkToken(mail.text);

    // Opening the link (a mail scanner might) does not spend it.
    const confirm = await b.get(`/es/signin/verify?token=${encodeURIComponent(token)}`);
    expect(confirm.status).toBe(200);
    const ok = await b.post('/es/signin/verify', { token });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/es/account');
    expect(ok.headers.get('set-cookie')).toMatch(/pw_session=.*HttpOnly.*SameSite=Lax/i);
    const account = await b.get('/es/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('value="Ana Núñez"');

    const again = await new Browser(env).post('/signin/verify', { token });
    expect(again.status).toBe(410);
  });

  it('signs in with the six-digit code, which works once and only for its address', async () => {
    const email = `code-${uid()}@example.org`;
    await new Browser(env).post('/signup', { fullName: 'Code Person', email, language: 'en' });
    const c = code((await lastMail(email)).text);
    const wrongAddress = await new Browser(env).post('/signin/code', { email: `other-${uid()}@example.org`, code: c });
    expect(wrongAddress.status).toBe(422);
    const b = new Browser(env);
    const ok = await b.post('/signin/code', { email: email.toUpperCase(), code: c });
    expect(ok.status).toBe(303);
    expect((await b.get('/account')).status).toBe(200);
    const twice = await new Browser(env).post('/signin/code', { email, code: c });
    expect(twice.status).toBe(422);
    expect(visibleText(await twice.text())).toContain('That code is wrong or has expired');
  });

  it('stops accepting a code after five wrong guesses', async () => {
    const email = `guess-${uid()}@example.org`;
    await new Browser(env).post('/signup', { fullName: 'Guess Person', email, language: 'en' });
    const c = code((await lastMail(email)).text);
    const wrong = c === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await new Browser(env).post('/signin/code', { email, code: wrong })).status).toBe(422);
    expect((await new Browser(env).post('/signin/code', { email, code: c })).status).toBe(422);
  });

  it('expires links after 15 minutes and stores only hashes', async () => {
    const email = `exp-${uid()}@example.org`;
    await new Browser(env).post('/signup', { fullName: 'Late Person', email, language: 'en' });
    const mail = await lastMail(email);
    const token = linkToken(mail.text);
    const [req] = await env.deps.db.select().from(signinRequests).where(eq(signinRequests.email, email));
    expect(req.tokenHash).not.toContain(token);
    expect(req.codeHash).not.toBe(code(mail.text));
    expect(req.expiresAt.getTime() - req.createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    await env.deps.db.execute(sql`UPDATE signin_requests SET expires_at = now() - interval '1 second' WHERE email = ${email}`);
    expect((await new Browser(env).post('/signin/verify', { token })).status).toBe(410);
  });

  it('does not reveal whether an address has an account', async () => {
    const email = `nobody-${uid()}@example.org`;
    const res = await new Browser(env).post('/signin', { email });
    expect(res.status).toBe(303);
    const mail = await lastMail(email);
    expect(mail.text).toContain('/signup');
    expect(mail.text).not.toMatch(/\d{6}/);
  });

  it('rate-limits sign-in emails per address', async () => {
    const email = `rl-${uid()}@example.org`;
    await new Browser(env).post('/signup', { fullName: 'Rate Limited', email, language: 'en' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await new Browser(env).post('/signin', { email })).status);
    expect(statuses.slice(0, 4)).toEqual([303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
  });

  it('rejects a form posted without the CSRF token or from another site', async () => {
    const b = new Browser(env);
    await b.signInAs(`csrf-${uid()}@example.org`);
    const noToken = await b.post('/account', { fullName: 'X', language: 'en', _csrf: 'wrong' });
    expect(noToken.status).toBe(403);
    expect(visibleText(await noToken.text())).toContain('This form expired');
    const crossSite = await b.post('/signout', {}, { origin: 'https://evil.example', host: 'pathways.test' });
    expect(crossSite.status).toBe(403);
  });

  it('lists sessions on the account page and revokes them', async () => {
    const email = `sess-${uid()}@example.org`;
    const phone = new Browser(env);
    await phone.signInAs(email);
    const laptop = new Browser(env);
    await laptop.signInAs(email);
    const html = await (await laptop.get('/account')).text();
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).filter((r) => r.includes('/revoke'));
    expect(rows.length).toBe(2);
    const other = rows.find((r) => !r.includes('This device'))!;
    const id = /\/account\/sessions\/([0-9a-f-]{36})\/revoke/.exec(other)![1];
    expect((await laptop.post(`/account/sessions/${id}/revoke`, {})).status).toBe(303);
    expect((await phone.get('/account')).status).toBe(303);
    expect((await laptop.get('/account')).status).toBe(200);
  });

  it('signs out', async () => {
    const b = new Browser(env);
    await b.signInAs(`out-${uid()}@example.org`);
    expect((await b.post('/signout', {})).status).toBe(303);
    const res = await b.get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Faccount');
  });
});
