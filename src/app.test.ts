import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, Browser, testEnv, type TestEnv } from '../test/helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ MAX_BODY_BYTES: '100000' });
});
afterAll(() => env.close());

describe('the running app', () => {
  it('answers the health check with the database kind', async () => {
    const res = await env.app.request('/healthz');
    expect(await res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves every page in English and Spanish with lang, hreflang, skip link and landmarks', async () => {
    for (const [path, lang] of [
      ['/', 'en'],
      ['/es/', 'es'],
      ['/about', 'en'],
      ['/es/about', 'es'],
    ]) {
      const res = await env.app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toMatch(/<link rel="alternate" hreflang="es" href="http:\/\/pathways\.test\/es\/(about)?"/);
      expect(html).toContain('hreflang="x-default"');
      expect(html).toContain('href="#main-content"');
      expect(html).toContain('<main id="main-content"');
      expect(html).toContain('<header');
      expect(html).toContain('<footer');
    }
  });

  it('follows Accept-Language on a first visit and remembers an explicit choice', async () => {
    const first = await env.app.request('/about', { headers: { accept: 'text/html', 'accept-language': 'es-MX,es;q=0.9,en;q=0.8' } });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/es/about');
    const english = await env.app.request('/about', { headers: { accept: 'text/html', 'accept-language': 'en-US,en;q=0.9,es;q=0.5' } });
    expect(english.status).toBe(200);

    const b = new Browser(env);
    const sw = await b.get('/language?to=en&next=%2Fabout', { 'accept-language': 'es' });
    expect(sw.status).toBe(303);
    expect(b.cookies.get('lang')).toBe('en');
    expect((await b.get('/about', { 'accept-language': 'es' })).status).toBe(200);
    await b.get('/language?to=es&next=%2Fes%2Fabout');
    const back = await b.get('/about');
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/es/about');
    // The switcher never sends anyone to another site.
    const evil = await b.get('/language?to=es&next=%2F%2Fevil.example');
    expect(evil.headers.get('location')).toBe('/es/');
  });

  it('answers unknown pages with a friendly 404 page or JSON', async () => {
    const page = await env.app.request('/es/nada', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('No encontramos esa página.');
    const json = await api(env, 'GET', '/api/v1/nothing');
    expect(json.status).toBe(404);
    expect((await json.json()).error.code).toBe('not_found');
  });

  it('refuses oversized bodies with 413 and malformed JSON with 400, never 500', async () => {
    const big = await env.app.request('/signup', {
      method: 'POST',
      body: 'x'.repeat(200_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(big.status).toBe(413);
    const bigApi = await api(env, 'GET', '/api/v1/me', undefined, undefined);
    expect(bigApi.status).toBe(401);
    const token = await import('../test/helpers').then((h) => h.apiToken(env, `json-${Date.now()}@example.org`, 'admin'));
    const malformed = await env.app.request('/api/v1/people', {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(malformed.status).toBe(200);
    const garbage = await env.app.request('/signup', {
      method: 'POST',
      body: '%E0%A4%A',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(garbage.status).toBeLessThan(500);
    const multipart = await env.app.request('/signup', {
      method: 'POST',
      body: '--x\r\nbroken',
      headers: { 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html' },
    });
    expect(multipart.status).toBeLessThan(500);
  });

  it('publishes an OpenAPI 3.1 document of the JSON API with bearer auth', async () => {
    const doc = await (await env.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/people']));
    for (const path of Object.keys(doc.paths)) expect(path.startsWith('/api/v1/')).toBe(true);
  });

  it('serves every enhancement script at /assets/<name>.js, whichever module it comes from', async () => {
    const fs = await import('node:fs');
    const dirs = ['src/platform/ui/client', ...fs.readdirSync('src/modules').map((m) => `src/modules/${m}/client`)].filter((d) =>
      fs.existsSync(d),
    );
    const names = dirs.flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => f.replace(/\.ts$/, '.js')),
    );
    expect(names).toContain('menu.js');
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const res = await env.app.request(`/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toContain('javascript');
    }
  });

  it('serves the stylesheet, compressed by the build, the same bytes whichever encoding is asked for', async () => {
    const fs = await import('node:fs');
    const zlib = await import('node:zlib');
    const css = fs.readFileSync('public/build/pathways.css');
    expect(fs.statSync('public/build/pathways.css.br').mtimeMs).toBeGreaterThanOrEqual(fs.statSync('public/build/pathways.css').mtimeMs);
    const plain = await env.app.request('/assets/pathways.css');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('text/css');
    expect(Buffer.from(await plain.arrayBuffer()).equals(css)).toBe(true);
    const br = await env.app.request('/assets/pathways.css', { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(css)).toBe(true);
    const gz = await env.app.request('/assets/pathways.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(css)).toBe(true);
  });

  it('compresses a page made for one answer (the page cache off) to exactly the page, in brotli and gzip', async () => {
    const zlib = await import('node:zlib');
    const ask = (encoding: string) => env.app.request('/about', { headers: { accept: 'text/html', 'accept-encoding': encoding } });
    const plain = await ask('identity');
    const html = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(html.length).toBeGreaterThan(1024);
    const br = await ask('gzip, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(zlib.brotliDecompressSync(brBytes).equals(html)).toBe(true);
    const gz = await ask('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(html)).toBe(true);
  });
});
