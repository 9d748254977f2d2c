import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { allow } from '../auth/middleware';
import { page } from '../ui/layout';
import { enqueue, drainTasks } from '../queue/queue';
import { ensurePerson, people } from '../../modules/people';
import { invalidatePublicCache, publicCacheStats } from './page-cache';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ PAGE_CACHE_SECONDS: '600' });
  // A public page that shows something people edit (a person's name), as an event or job page would.
  env.app.get('/test-cache/people/:id', allow('public'), async (c) => {
    const [p] = await c.var.db
      .select()
      .from(people)
      .where(eq(people.id, c.req.param('id')));
    c.header('X-Frame-Options', 'DENY');
    return page(c, { title: 'Person' }, <h1>{p?.fullName ?? 'nobody'}</h1>);
  });
  // A page made, then answered with something else: what goes out is what was answered.
  env.app.get('/test-cache/replaced', allow('public'), (c) => {
    page(c, { title: 'Made' }, <h1>made</h1>);
    return c.html(`<!DOCTYPE html><p>${'answered '.repeat(300)}</p>`);
  });
  // A public page whose render races with a write.
  env.app.get('/test-cache/racing', allow('public'), (c) => {
    invalidatePublicCache();
    return page(c, { title: 'Racing' }, <h1>racing</h1>);
  });
});
afterAll(() => env.close());

const html = { accept: 'text/html', 'accept-language': 'en' };
const anon = (p: string, headers: Record<string, string> = {}) => env.app.request(p, { headers: { ...html, ...headers } });

describe('public page cache', () => {
  it('renders a public page once for anonymous visitors, with an ETag that answers 304', async () => {
    const first = await anon('/about');
    const body = await first.text();
    const before = publicCacheStats().hits;
    const second = await anon('/about');
    expect(await second.text()).toBe(body);
    expect(publicCacheStats().hits).toBe(before + 1);
    const etag = second.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    // Nothing on the page belongs to one visitor (decision 37): no cookie, and any cache may keep it.
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(second.headers.get('cache-control')).toBe('no-cache');
    const revalidated = await anon('/about', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    // The Spanish page is its own entry.
    expect(visibleText(await (await anon('/es/about')).text())).not.toBe(visibleText(body));
  });

  it('shows an edit at once: a person who renames themselves is shown by the new name', async () => {
    const email = `cache-${uid()}@example.org`;
    const b = new Browser(env);
    const person = await b.signInAs(email, { name: 'Old Name' });
    const url = `/test-cache/people/${person.id}`;
    expect(visibleText(await (await anon(url)).text())).toContain('Old Name');
    const cached = await anon(url);
    const etag = cached.headers.get('etag')!;
    expect(visibleText(await cached.text())).toContain('Old Name');

    // The page's own headers come with the cached copy too.
    expect(cached.headers.get('x-frame-options')).toBe('DENY');
    const saved = await b.post('/account', { fullName: 'Zoë Ñandú-Renamed', language: 'en' });
    expect(saved.status).toBe(303);
    const after = await anon(url);
    expect(visibleText(await after.text())).toContain('Zoë Ñandú-Renamed');
    // The browser's copy is no longer current either.
    expect((await anon(url, { 'if-none-match': etag })).status).toBe(200);
  });

  it('is cleared by background work too', async () => {
    const { person } = await ensurePerson(env.deps.db, { email: `bg-${uid()}@example.org`, fullName: 'Before Task' });
    const url = `/test-cache/people/${person.id}`;
    await anon(url);
    expect(visibleText(await (await anon(url)).text())).toContain('Before Task');
    await enqueue(env.deps.db, 'test.rename', { id: person.id });
    await drainTasks(env.deps, {
      'test.rename': async (deps, payload) => {
        await deps.db
          .update(people)
          .set({ fullName: 'After Task' })
          .where(eq(people.id, String(payload.id)));
      },
    });
    expect(visibleText(await (await anon(url)).text())).toContain('After Task');
  });

  it('never keeps a page whose rendering overlapped a write', async () => {
    const stores = publicCacheStats().stores;
    await anon('/test-cache/racing');
    await anon('/test-cache/racing');
    expect(publicCacheStats().stores).toBe(stores);
  });

  it('never serves a cached page to a signed-in person, nor theirs to anyone', async () => {
    await anon('/');
    const anonymousHome = await (await anon('/')).text();
    expect(anonymousHome).toContain('href="/signup"');

    const b = new Browser(env);
    await b.signInAs(`member-${uid()}@example.org`, { name: 'Signed In' });
    const hits = publicCacheStats().hits;
    const mine = await (await b.get('/')).text();
    expect(publicCacheStats().hits).toBe(hits);
    expect(mine).toContain('href="/account"');
    expect(mine).not.toContain('href="/signup"');

    // And what the signed-in person saw was not stored for the next anonymous visitor.
    const next = await (await anon('/')).text();
    expect(next).not.toContain('href="/account"');
    expect(next).toContain('href="/signin"');
  });

  it('does not cache for visitors with other cookies, nor pages kept out of search engines', async () => {
    await anon('/about');
    const hits = publicCacheStats().hits;
    await anon('/about', { cookie: 'something=else' });
    expect(publicCacheStats().hits).toBe(hits);
    // Sign-in is `index: false`: never shared.
    await anon('/signin');
    await anon('/signin');
    expect(publicCacheStats().hits).toBe(hits);
  });

  it('serves every visitor the same cached form, and their form posts work without a token', async () => {
    const a = new Browser(env);
    const b = new Browser(env);
    const pageA = await (await a.get('/signup')).text();
    const hits = publicCacheStats().hits;
    const resB = await b.get('/signup');
    expect(await resB.text()).toBe(pageA);
    expect(publicCacheStats().hits).toBe(hits + 1);
    expect(pageA).not.toContain('name="_csrf"');
    const posted = await b.post('/signup', { fullName: 'Form Visitor', email: `form-${uid()}@example.org`, language: 'en' });
    expect(posted.status).toBe(303);
  });

  it('refuses an anonymous form posted from another site, by its Origin or Sec-Fetch-Site', async () => {
    const c = new Browser(env);
    const fields = { fullName: 'Forged Visitor', email: `forged-${uid()}@example.org`, language: 'en' };
    expect((await c.post('/signup', fields, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await c.post('/signup', fields, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await c.post('/signup', fields, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const [person] = await env.deps.db.select().from(people).where(eq(people.email, fields.email));
    expect(person).toBeUndefined();
    // The browser's own same-origin post goes through.
    const own = await c.post('/signup', fields, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(303);
  });
});

describe('cache hits answered before the rest of the chain', () => {
  it('still sends a Spanish-speaking first visitor to the Spanish page', async () => {
    await anon('/about');
    await anon('/about');
    const res = await env.app.request('/about', { headers: { accept: 'text/html', 'accept-language': 'es-MX,es;q=0.9' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/es/about');
    // A chosen language (cookie) wins over the browser's.
    const chosen = await env.app.request('/about', { headers: { accept: 'text/html', 'accept-language': 'es', cookie: 'lang=en' } });
    expect(chosen.status).toBe(200);
  });

  it('gives a first visitor no cookie, and a smuggled CSRF cookie changes nothing on the page', async () => {
    await anon('/signup');
    const hits = publicCacheStats().hits;
    const fresh = await anon('/signup');
    expect(publicCacheStats().hits).toBe(hits + 1);
    expect(fresh.headers.get('set-cookie')).toBeNull();
    const body = await fresh.text();
    const hostile = await anon('/signup', { cookie: 'pw_csrf=<img/src=x/onerror=alert(1)>&' });
    expect(await hostile.text()).toBe(body);
  });
});

describe('compression and assets', () => {
  it('sends pages brotli- or gzip-compressed, byte for byte the same page', async () => {
    const plain = await (await anon('/privacy')).text();
    const br = await anon('/privacy', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await anon('/privacy', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
    // Signed-in pages (not cached) are compressed too.
    const b = new Browser(env);
    await b.signInAs(`zip-${uid()}@example.org`);
    const account = await b.get('/account', { 'accept-encoding': 'gzip' });
    expect(account.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await account.arrayBuffer())).toString()).toContain('<h1>');
  });

  it('compresses the answer given, not a page made before it and set aside', async () => {
    const plain = await (await anon('/test-cache/replaced')).text();
    expect(plain).toContain('answered answered');
    const br = await anon('/test-cache/replaced', { 'accept-encoding': 'br' });
    expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
  });

  it('serves built assets compressed, with an ETag, and for a year when the URL carries their hash', async () => {
    const dir = path.resolve('public/build');
    fs.mkdirSync(dir, { recursive: true });
    const name = `test-${uid()}.css`;
    const css = `.pw-test{color:#1b1b1b}\n`.repeat(100);
    fs.writeFileSync(path.join(dir, name), css);
    try {
      const { assetUrl } = await import('./assets');
      const url = assetUrl(name);
      expect(url).toMatch(new RegExp(`^/assets/${name}\\?v=[\\w-]{12}$`));
      const res = await env.app.request(url, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(zlib.brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(css);
      const bare = await env.app.request(`/assets/${name}`);
      expect(bare.headers.get('cache-control')).toBe('public, no-cache');
      expect(await bare.text()).toBe(css);
      const again = await env.app.request(`/assets/${name}`, { headers: { 'if-none-match': bare.headers.get('etag')! } });
      expect(again.status).toBe(304);
      expect((await env.app.request('/assets/../package.json')).status).toBe(404);
    } finally {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  });
});
