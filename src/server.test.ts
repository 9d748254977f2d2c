import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, type TestEnv } from '../test/helpers';
import { createHttpServer } from './server';
import { publicCacheStats } from './platform/http/page-cache';

let env: TestEnv;
let server: http.Server;
let base: string;
beforeAll(async () => {
  env = await testEnv({ PAGE_CACHE_SECONDS: '600' });
  server = createHttpServer(env.app, env.deps);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await env.close();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(base + path, { headers: { accept: 'text/html', 'accept-language': 'en', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
const same = (h: http.IncomingHttpHeaders) => {
  const { date: _date, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...rest } = h;
  return rest;
};

describe('cached pages sent by the server before the app runs', () => {
  it('sends a first visitor the very answer the app gave: same bytes, same headers', async () => {
    const br = { 'accept-encoding': 'gzip, deflate, br' };
    await get('/about', br); // rendered and stored
    const fromApp = await get('/about', br); // the cache answers inside the app, and the whole answer is kept
    const early = publicCacheStats().early;
    const fromServer = await get('/about', br);
    expect(publicCacheStats().early).toBe(early + 1);
    expect(fromServer.status).toBe(200);
    expect(fromServer.body.equals(fromApp.body)).toBe(true);
    expect(same(fromServer.headers)).toEqual(same(fromApp.headers));
    expect(fromServer.headers['content-encoding']).toBe('br');
    expect(fromServer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(fromServer.headers['x-request-id']).toMatch(/[\w-]{20,}/);
    expect(fromServer.headers['set-cookie']).toBeUndefined();
    // Each encoding is its own answer: gzip is first answered by the app, then early.
    await get('/about', { 'accept-encoding': 'gzip' });
    const gz = await get('/about', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(publicCacheStats().early).toBe(early + 2);
  });

  it("answers a returning browser's revalidation with the 304 the app would send", async () => {
    await get('/es/about');
    const kept = await get('/es/about');
    const etag = kept.headers.etag as string;
    const fromApp = await env.app.request('/es/about', {
      headers: { accept: 'text/html', 'accept-language': 'en', 'if-none-match': etag },
    });
    expect(fromApp.status).toBe(304);
    const early = publicCacheStats().early;
    const revalidated = await get('/es/about', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(publicCacheStats().early).toBe(early + 1);
    const appHeaders: Record<string, string> = {};
    fromApp.headers.forEach((value, name) => {
      if (name !== 'date' && name !== 'x-request-id') appHeaders[name] = value;
    });
    expect(same(revalidated.headers)).toEqual(appHeaders);
  });

  it('leaves to the app what is not a plain anonymous GET: language redirect, sessions, other cookies', async () => {
    await get('/privacy');
    await get('/privacy');
    const early = publicCacheStats().early;
    const spanish = await get('/privacy', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(spanish.status).toBe(302);
    expect(spanish.headers.location).toBe('/es/privacy');
    await get('/privacy', { cookie: 'other=1' });
    await get('/privacy', { cookie: 'pw_session=not-a-session' });
    expect(publicCacheStats().early).toBe(early);
    // A chosen language (cookie) that matches the address is still a plain visit.
    await get('/privacy', { cookie: 'lang=en' });
    expect(publicCacheStats().early).toBe(early + 1);
  });

  it('shows an edit at once: a write through the app forgets the kept answer', async () => {
    const b = new Browser(env);
    const email = `early-${uid()}@example.org`;
    await get('/signup');
    await get('/signup');
    const before = await get('/signup');
    const early = publicCacheStats().early;
    expect((await b.post('/signup', { fullName: 'Early Visitor', email, language: 'en' })).status).toBe(303);
    const after = await get('/signup');
    expect(publicCacheStats().early).toBe(early);
    expect(after.status).toBe(200);
    expect(before.status).toBe(200);
  });
});
