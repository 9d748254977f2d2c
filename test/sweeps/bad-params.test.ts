/**
 * Malformed addresses: every route with a parameter (pages and API) gets ids that are not ids, and
 * every listing gets paging it cannot use and a NUL in its search box. Pass: never a 5xx; a refusal
 * says why (an error page, or JSON with a code and a message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { createApiToken } from '../../src/platform/auth/service';
import { listRoutes } from './routes';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client';

const NOT_IDS = ['not-a-uuid', '1', '-1', '0.5', "x'--", '00000000-0000-0000-0000-00000000000g', 'a'.repeat(300), '%E2%82', '%20', 'x%00y'];
const BAD_OFFSETS = ['0.5', '-1', '1e3', 'abc', '99999999999999999999', '0x10', '%00'];

let env: TestEnv;
let token = '';
let admin: Browser;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
  await runSeed(env.deps);
  const email = `params-${uid()}@example.org`;
  admin = new Browser(env);
  const person = await admin.signInAs(email, { role: 'admin' });
  token = await createApiToken(env.deps.db, person.id, 'sweep');
});
afterAll(() => env.close());

async function check(method: string, url: string, problems: string[]) {
  admin.cookies.set('lang', url.startsWith('/es/') || url === '/es' ? 'es' : 'en');
  const isApi = url.startsWith('/api/');
  const res = isApi
    ? await env.app.request(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        body: method === 'GET' ? undefined : '{}',
      })
    : method === 'GET'
      ? await admin.get(url)
      : await admin.post(url, { to: 'going', confirm: 'yes' });
  const text = await res.text();
  const where = `${method} ${url.slice(0, 120)}: ${res.status}`;
  if (res.status >= 500) problems.push(`${where} — server error`);
  else if (res.status >= 400 && isApi) {
    try {
      const json = JSON.parse(text) as { error?: { code?: string; message?: string } };
      if (!json.error?.code || !json.error?.message) problems.push(`${where} — error without code and message`);
    } catch {
      problems.push(`${where} — error is not JSON`);
    }
  }
}

describe('malformed ids, paging and search text', () => {
  it('answers every route given an id that is not one without a server error', async () => {
    const routes = listRoutes(env).filter((r) => /:/.test(r.path) && r.method !== 'ALL' && !r.path.startsWith('/es/'));
    expect(routes.length).toBeGreaterThan(10);
    // Real slugs, so a route gets as far as reading the id: an ordinary event and a career fair.
    const slugs = (
      await rows<{ slug: string }>(
        env.deps.db,
        sql`(SELECT e.slug FROM events e JOIN career_fairs f ON f.event_id = e.id LIMIT 1) UNION (SELECT slug FROM events WHERE id NOT IN (SELECT event_id FROM career_fairs) LIMIT 1)`,
      )
    ).map((r) => r.slug);
    expect(slugs).toHaveLength(2);
    const problems: string[] = [];
    for (const r of routes) {
      const params = [...r.path.matchAll(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g)].map((m) => m[1]);
      for (const target of params) {
        for (const slug of slugs) {
          for (const bad of NOT_IDS) {
            const url = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, (_, name: string) =>
              name === target ? bad : name === 'slug' ? slug : crypto.randomUUID(),
            );
            await check(r.method, url, problems);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('refuses paging it cannot use on every listing with a 4xx, in both languages', async () => {
    const listings = listRoutes(env).filter((r) => r.method === 'GET' && !/[:*]/.test(r.path) && !r.path.startsWith('/es/'));
    const problems: string[] = [];
    for (const r of listings) {
      for (const bad of BAD_OFFSETS) {
        for (const prefix of r.path.startsWith('/api/') ? [''] : ['', '/es']) {
          await check('GET', `${prefix}${r.path}?offset=${bad}&limit=${bad}&page=${bad}`, problems);
        }
      }
    }
    expect(problems).toEqual([]);
    admin.cookies.set('lang', 'en');
    const half = await admin.get('/events?offset=0.5');
    expect(half.status).toBe(400);
    expect(await half.text()).toContain('must be a whole number');
    admin.cookies.set('lang', 'es');
    const es = await admin.get('/es/events?offset=-1');
    expect(es.status).toBe(400);
    expect(await es.text()).toContain('debe ser un número entero');
    admin.cookies.set('lang', 'en');
    expect((await admin.get('/events?offset=20')).status).toBe(200);
  }, 300_000);

  it('refuses a NUL in any search box, form field or JSON text with a clear 400', async () => {
    const problems: string[] = [];
    const listings = listRoutes(env).filter((r) => r.method === 'GET' && !/[:*]/.test(r.path) && !r.path.startsWith('/es/'));
    for (const r of listings) await check('GET', `${r.path}?q=a%00b&email=x%00@example.org`, problems);
    expect(problems).toEqual([]);
    for (const url of ['/events?q=a%00b', '/jobs?q=a%00b', '/api/v1/jobs?q=a%00b']) {
      const res = url.startsWith('/api/')
        ? await env.app.request(url, { headers: { accept: 'application/json' } })
        : await new Browser(env).get(url);
      expect(res.status, url).toBe(400);
      expect(await res.text(), url).toMatch(/NUL/);
    }
    const signup = await new Browser(env).post('/signup', { fullName: 'Ana\u0000', email: `nul-${uid()}@example.org`, language: 'en' });
    expect(signup.status).toBe(400);
    expect(await signup.text()).toContain('cannot contain the NUL character');
    const json = await env.app.request('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: { en: 'Nul \u0000 title' },
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
        timeZone: 'UTC',
      }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('nul_character');
    // A lone surrogate (PostgreSQL refuses it in jsonb) is refused the same way; a real pair is kept.
    const event = (title: string) =>
      env.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({
          title: { en: title },
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 90_000_000).toISOString(),
          timeZone: 'UTC',
        }),
      });
    const lone = await event('Broken \uD800 title');
    expect(lone.status).toBe(400);
    expect(((await lone.json()) as { error: { code: string } }).error.code).toBe('broken_character');
    expect((await event(`Paired 👩🏽‍💻 ${uid()}`)).status).toBe(201);
  }, 300_000);
});
