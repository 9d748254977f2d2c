/**
 * Security headers sweep: every page a visitor or an admin can reach by following links, in English
 * and Spanish, plus a 404, error pages, a page answered from the page cache, an asset and the API,
 * carries the Content-Security-Policy and the other security headers; no page has inline scripts,
 * inline event handlers or inline styles the policy would block; HSTS only in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, api, apiToken, testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { publicCacheStats } from '../../src/platform/http/page-cache';
import { assetUrl } from '../../src/platform/http/assets';
import { crawl, listRoutes } from './routes';

let env: TestEnv;
let prod: TestEnv;

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '60' });
  await runSeed(env.deps);
  prod = await testEnv({ NODE_ENV: 'production' });
  for (const e of [env, prod]) {
    e.app.get('/__test_boom', () => {
      throw new Error('boom');
    });
  }
}, 120_000);
afterAll(async () => {
  await env.close();
  await prod.close();
});

function problemsWithHeaders(where: string, res: Response, opts: { production?: boolean } = {}): string[] {
  const out: string[] = [];
  const h = res.headers;
  const csp = h.get('content-security-policy') ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values] as const),
  );
  const expect = (name: string, values: string[]) => {
    const got = directives.get(name);
    if (!got || got.join(' ') !== values.join(' ')) out.push(`${where}: CSP ${name} is ${got?.join(' ') ?? '(missing)'}`);
  };
  expect('default-src', ["'self'"]);
  expect('script-src', ["'self'"]);
  expect('object-src', ["'none'"]);
  expect('base-uri', ["'self'"]);
  expect('form-action', ["'self'"]);
  expect('frame-ancestors', ["'none'"]);
  expect('frame-src', ['https://www.youtube-nocookie.com', 'https://www.youtube.com']);
  expect('img-src', ["'self'", 'data:', 'https:']);
  if (/unsafe-inline|unsafe-eval/.test(csp)) out.push(`${where}: CSP allows unsafe-inline or unsafe-eval`);
  if (h.get('x-content-type-options') !== 'nosniff') out.push(`${where}: X-Content-Type-Options ${h.get('x-content-type-options')}`);
  if (h.get('x-frame-options') !== 'DENY') out.push(`${where}: X-Frame-Options ${h.get('x-frame-options')}`);
  const referrer = h.get('referrer-policy');
  if (referrer !== 'strict-origin-when-cross-origin' && referrer !== 'no-referrer') out.push(`${where}: Referrer-Policy ${referrer}`);
  const hsts = h.get('strict-transport-security');
  if (opts.production ? hsts !== 'max-age=31536000; includeSubDomains' : hsts !== null)
    out.push(`${where}: Strict-Transport-Security ${hsts}`);
  return out;
}

/** Markup the policy blocks (or that would run script if it did not): it must not be on any page. */
function inlineProblems(where: string, html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1];
    // JSON-LD is data, never run: CSP leaves it alone and search engines need it inline.
    if (/type="application\/ld\+json"/i.test(attrs)) continue;
    if (!/\ssrc="\/assets\//.test(attrs) || m[2].trim() !== '') out.push(`${where}: inline or foreign script <script${attrs}>`);
  }
  for (const m of html.matchAll(/<[a-z][\w-]*\b[^>]*?\s(on[a-z]+)\s*=/gi)) out.push(`${where}: inline event handler ${m[1]}=`);
  for (const m of html.matchAll(/<([a-z][\w-]*)\b[^>]*?\sstyle\s*=/gi)) out.push(`${where}: inline style on <${m[1]}>`);
  if (/<style\b/i.test(html)) out.push(`${where}: <style> element`);
  if (/javascript:/i.test(html)) out.push(`${where}: javascript: URL`);
  return out;
}

describe('security headers', () => {
  it('every crawled page, as a visitor and as an admin, in English and Spanish, has them and no inline script', async () => {
    const statics = listRoutes(env)
      // (/language sets the language cookie, which would send every later page to English.)
      .filter((r) => r.method === 'GET' && !/[:*]/.test(r.path) && !r.path.startsWith('/api/') && r.path !== '/language')
      .map((r) => r.path);
    const starts = [...new Set(['/', '/es', ...statics])];
    const visitor = new Browser(env);
    const admin = new Browser(env);
    await admin.signInAs(`admin-${uid()}@example.org`, { role: 'admin' });
    const problems: string[] = [];
    let checked = 0;
    for (const [who, b] of [
      ['visitor', visitor],
      ['admin', admin],
    ] as const) {
      const { pages } = await crawl(
        async (p) => {
          const res = await b.get(p);
          problems.push(...problemsWithHeaders(`${who} GET ${p} (${res.status})`, res));
          checked++;
          return res;
        },
        starts,
        300,
      );
      expect(pages.size).toBeGreaterThan(20);
      for (const [p, html] of pages) problems.push(...inlineProblems(`${who} ${p}`, html));
      expect(
        [...pages.keys()].some((p) => p.startsWith('/es/')),
        [...pages.keys()].join(' '),
      ).toBe(true);
    }
    expect(checked).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  }, 600_000);

  it('a 404, error pages, a cached page, an asset and the API have them too', async () => {
    const b = new Browser(env);
    const problems: string[] = [];
    const check = async (where: string, res: Response, status?: number) => {
      if (status !== undefined) expect(res.status, where).toBe(status);
      problems.push(...problemsWithHeaders(where, res));
      await res.arrayBuffer();
    };
    await check('404 page', await b.get(`/no-such-page-${uid()}`), 404);
    await check('404 JSON', await api(env, 'GET', `/api/v1/no-such-${uid()}`), 404);
    await check('bad manage link', await b.get('/events/manage/not-a-token'), 404);
    await check('CSRF refusal', await b.post('/signin', { email: 'x@example.org' }, { origin: 'https://evil.example' }), 403);
    await check('server error page', await b.get('/__test_boom'), 500);
    await check('asset', await b.get(assetUrl('pathways.css')), 200);

    const before = publicCacheStats().hits;
    await check('page (first)', await b.get('/events'), 200);
    await check('page (cached)', await b.get('/events'), 200);
    expect(publicCacheStats().hits).toBeGreaterThan(before);

    const token = await apiToken(env, `api-${uid()}@example.org`, 'admin');
    await check('API answer', await api(env, 'GET', '/api/v1/events', token), 200);
    await check('API refusal', await api(env, 'POST', '/api/v1/events', undefined, {}), 401);
    expect(problems).toEqual([]);
  });

  it('pages whose address carries a token send no referrer', async () => {
    const b = new Browser(env);
    for (const p of ['/events/manage/abc.def.ghi', '/es/events/fair-pass/abc.def.ghi', '/signin/verify?token=abc']) {
      const res = await b.get(p);
      await res.arrayBuffer();
      expect(res.headers.get('referrer-policy'), p).toBe('no-referrer');
    }
    const res = await b.get('/events');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sends HSTS only in production', async () => {
    const b = new Browser(prod);
    const problems: string[] = [];
    for (const [where, res] of [
      ['page', await b.get('/')],
      ['404', await b.get(`/nothing-${uid()}`)],
      ['error', await b.get('/__test_boom')],
      ['API', await api(prod, 'GET', '/api/openapi.json')],
    ] as const) {
      problems.push(...problemsWithHeaders(`production ${where}`, res, { production: true }));
    }
    expect(problems).toEqual([]);
    const dev = await new Browser(env).get('/');
    expect(dev.headers.get('strict-transport-security')).toBeNull();
  });
});
