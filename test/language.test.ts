import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from './helpers';
import { ensureChapter } from '../src/modules/people';

let env: TestEnv;
let slug: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const token = await apiToken(env, `lang-${uid()}@example.org`, 'organizer', 'los-angeles');
  const at = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: 'Open data night', es: 'Noche de datos abiertos' },
    startsAt: at(8),
    endsAt: at(8, 2),
    timeZone: 'America/Los_Angeles',
    status: 'published',
  });
  slug = ((await res.json()) as { slug: string }).slug;
});
afterAll(() => env.close());

const html = { accept: 'text/html' };

describe('language', () => {
  it('an explicit /es/ link opens in Spanish even after the visitor chose English', async () => {
    const b = new Browser(env);
    b.cookies.set('lang', 'en');
    const res = await b.get(`/es/events/${slug}`, html);
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('Noche de datos abiertos');
    // The unprefixed address still follows the choice made.
    const es = new Browser(env);
    es.cookies.set('lang', 'es');
    const moved = await es.get(`/events/${slug}`, html);
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe(`/es/events/${slug}`);
  });

  it('reloading a form\'s error page, or switching language on it, leads back to the form instead of "page not found"', async () => {
    const b = new Browser(env);
    const bad = await b.post(`/es/events/${slug}/rsvp`, { name: '', email: 'not-an-email' });
    expect(bad.status).toBe(422);
    for (const [path, to] of [
      [`/es/events/${slug}/rsvp`, `/es/events/${slug}`],
      [`/events/${slug}/rsvp`, `/events/${slug}`],
    ]) {
      const res = await b.get(path, html);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(to);
    }
  });

  it('Spanish copy: ELIMINAR on the delete page, and it is the word that works', async () => {
    const b = new Browser(env);
    await b.signInAs(`del-${uid()}@example.org`, { name: 'Ana', language: 'es' });
    expect(visibleText(await (await b.get('/es/account', html)).text())).toContain('Escribe ELIMINAR para confirmar');
    expect((await b.post('/es/account/delete', { confirm: 'ELIMINAR' })).status).toBe(200);
  });
});
