import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, queriesFor, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createSeries } from './service';

let env: TestEnv;
let token: string;
let series: string;
beforeAll(async () => {
  // The page cache off: every request below runs its route and its queries.
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
  series = (await createSeries(env.deps.db, { title: { en: 'Breakfast talks', es: null }, chapter: 'los-angeles' } as never)).slug;
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
async function addEvents(n: number): Promise<string[]> {
  const slugs: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await api(env, 'POST', '/api/v1/events', token, {
      title: { en: `Talk ${uid()}`, es: null },
      startsAt: future(3 + i),
      endsAt: future(3 + i, 2),
      timeZone: 'America/Los_Angeles',
      capacity: 50,
      status: 'published',
      series,
      speakers: [{ name: 'Ngozi Okonjo-Iweala' }, { name: "Seán O'Brien" }],
    });
    expect(res.status).toBe(201);
    slugs.push(((await res.json()) as { slug: string }).slug);
  }
  return slugs;
}

describe('public pages and lists cost a handful of queries, whatever their length', () => {
  it('the events list (API and page) and the home page do not query once per event', async () => {
    await addEvents(2);
    const small = {
      api: await queriesFor(env, '/api/v1/events?limit=2'),
      page: await queriesFor(env, '/events'),
      home: await queriesFor(env, '/'),
    };
    await addEvents(6);
    const large = {
      api: await queriesFor(env, '/api/v1/events?limit=8'),
      page: await queriesFor(env, '/events'),
      home: await queriesFor(env, '/'),
    };
    expect(large).toEqual(small);
    expect(small.api).toBeLessThanOrEqual(4);
  });

  it('an event page takes a handful', async () => {
    const [slug] = await addEvents(1);
    const n = await queriesFor(env, `/events/${slug}`);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(8);
  });
});
