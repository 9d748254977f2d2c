/**
 * Open-redirect sweep: every page route that can be reached without an id gets `?next=` set to each
 * hostile target (in both languages, with and without a session), the sign-in flow carries them
 * from the form to the redirect after the code, and `/es//host`-style paths go through the language
 * redirect. Pass: never a 5xx, and every Location header, read the way a browser reads it, stays on
 * our own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { Browser, testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { outbox } from '../../src/platform/mail/schema';
import { signinRequests } from '../../src/platform/auth/schema';
import { listRoutes } from './routes';

const HOSTILE = [
  '//evil.example',
  '/\\evil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '\\/\\/evil.example',
  '\\\\evil.example',
  'https://evil.example',
  'https:evil.example',
  '//evil.example@pathways.localhost',
  'http://localhost@evil.example/',
  '/.//evil.example',
  '/..//evil.example',
  ' //evil.example',
  'javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/ok\nSet-Cookie: pw_session=x',
];

let env: TestEnv;
let origin = '';
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
  await runSeed(env.deps);
  origin = new URL(env.deps.config.baseUrl).origin;
});
afterAll(() => env.close());

/** Problems with a response's Location, read as a browser would read it. */
function offSite(res: Response): string | null {
  const loc = res.headers.get('location');
  if (loc === null) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(loc)) return `control character in Location ${JSON.stringify(loc)}`;
  let url: URL;
  try {
    url = new URL(loc, origin + '/somewhere/deep');
  } catch {
    return `unreadable Location ${JSON.stringify(loc)}`;
  }
  if (url.origin !== origin) return `Location ${JSON.stringify(loc)} leaves for ${url.origin}`;
  return null;
}

async function code(email: string): Promise<string> {
  const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
  return /(?:^|\s)(\d{6})(?=\s|\.|$)/m.exec(m.text)![1];
}

describe('open-redirect sweep', () => {
  it('keeps every redirect from a page route given a hostile ?next= on our own origin', async () => {
    const routes = listRoutes(env).filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !/[:*]/.test(r.path));
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/language', '/signin']));
    const problems: string[] = [];
    const anonymous = new Browser(env);
    const signedIn = new Browser(env);
    await signedIn.signInAs(`redirect-${uid()}@example.org`, { role: 'admin' });
    for (const r of routes) {
      for (const b of [anonymous, signedIn]) {
        for (const target of HOSTILE) {
          for (const prefix of ['', '/es']) {
            const extra = r.path === '/language' ? `to=${prefix ? 'es' : 'en'}&` : '';
            const res = await b.get(`${prefix}${r.path}?${extra}next=${encodeURIComponent(target)}`);
            const where = `GET ${prefix}${r.path}?next=${JSON.stringify(target)} as ${b === anonymous ? 'anonymous' : 'admin'}: ${res.status}`;
            if (res.status >= 500) problems.push(`${where} — server error`);
            const off = offSite(res);
            if (off) problems.push(`${where} — ${off}`);
            if (r.path === '/signin' && res.status === 200) {
              const hidden = /<input[^>]*name="next"[^>]*value="([^"]*)"/.exec(await res.text());
              if (hidden && (hidden[1].startsWith('//') || !hidden[1].startsWith('/')))
                problems.push(`${where} — sign-in form keeps next=${hidden[1]}`);
            } else await res.body?.cancel();
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('carries a hostile next through sign-in (form, emailed code) to a same-origin redirect, in both languages', async () => {
    const problems: string[] = [];
    for (const target of HOSTILE) {
      for (const lang of ['', '/es']) {
        const email = `next-${uid()}@example.org`;
        await new Browser(env).signInAs(email);
        const b = new Browser(env);
        const sent = await b.post(`${lang}/signin`, { email, next: target });
        if (sent.status >= 500) problems.push(`POST ${lang}/signin next=${JSON.stringify(target)}: ${sent.status}`);
        const done = await b.post(`${lang}/signin/code`, { email, code: await code(email) });
        expect(done.status).toBe(303);
        const off = offSite(done);
        if (off) problems.push(`${lang}/signin/code after next=${JSON.stringify(target)} — ${off}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('does not follow a hostile next stored with a sign-in request before the rule existed', async () => {
    for (const target of HOSTILE) {
      const email = `stored-${uid()}@example.org`;
      await new Browser(env).signInAs(email);
      const b = new Browser(env);
      await b.post('/signin', { email });
      await env.deps.db.update(signinRequests).set({ next: target }).where(eq(signinRequests.email, email));
      const done = await b.post('/signin/code', { email, code: await code(email) });
      expect(done.status).toBe(303);
      expect(offSite(done), JSON.stringify(target)).toBeNull();
    }
  }, 120_000);

  it('keeps /es//host and /es/\\host style paths on our origin when the language redirect sends them back', async () => {
    const problems: string[] = [];
    const paths = [
      '/es//evil.example',
      '/es//evil.example/x?y=1',
      '/es/%5Cevil.example',
      '/es/%2F%2Fevil.example',
      '/es/\\evil.example',
      '/es/%09/evil.example',
      '/es//%09/evil.example',
      '/es///evil.example',
    ];
    for (const path of paths) {
      for (const lang of ['en', 'es']) {
        const b = new Browser(env);
        b.cookies.set('lang', lang);
        const res = await b.get(path, { 'accept-language': 'en' });
        const where = `GET ${path} with lang=${lang}: ${res.status}`;
        if (res.status >= 500) problems.push(`${where} — server error`);
        const off = offSite(res);
        if (off) problems.push(`${where} — ${off}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sends /language with a safe next to that page, and with a newline or a NUL to a 4xx or the home page, never a 500', async () => {
    const b = new Browser(env);
    const ok = await b.get(`/language?to=es&next=${encodeURIComponent('/es/events?x=1#top')}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/es/events?x=1#top');
    const nl = await b.get('/language?to=es&next=%0A');
    expect(nl.status).toBe(303);
    expect(nl.headers.get('location')).toBe('/es/');
    const nlInside = await b.get('/language?to=en&next=/events%0D%0ASet-Cookie:%20x=1');
    expect(nlInside.status).toBe(303);
    expect(nlInside.headers.get('set-cookie')).not.toMatch(/x=1/);
    expect(nlInside.headers.get('location')).toMatch(/^\/events/);
    const nul = await b.get('/language?to=es&next=/%00/x');
    expect(nul.status).toBe(400);
  });
});
