import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createSeries, listEvents, type ListFilter } from './service';
import { events } from './schema';

// The list is one prepared query per combination of filters (decision 58): each combination must
// still select exactly its events, and a transaction's handle must see its own uncommitted rows.
let env: TestEnv;
let token: string;
let seriesA: string;
let seriesB: string;
const slugs: Record<string, string> = {};

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

let made = 0;
async function newEvent(key: string, extra: Record<string, unknown>) {
  // A different hour each, so the list's order by start (and so its pages) is fixed.
  const hour = made++;
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: `List ${key} ${uid()}`, es: null },
    startsAt: future(3, hour),
    endsAt: future(3, hour + 1),
    timeZone: 'America/Los_Angeles',
    status: 'published',
    ...extra,
  });
  expect(res.status).toBe(201);
  slugs[key] = ((await res.json()) as { slug: string }).slug;
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `list-${uid()}@example.org`, 'organizer', 'los-angeles');
  const a = await createSeries(env.deps.db, { title: { en: `Series A ${uid()}`, es: null }, description: { en: null, es: null } });
  const b = await createSeries(env.deps.db, { title: { en: `Series B ${uid()}`, es: null }, description: { en: null, es: null } });
  seriesA = a.id;
  seriesB = b.id;
  await newEvent('aOnline', { series: a.slug, format: 'online' });
  await newEvent('aInPerson', { series: a.slug, format: 'in_person', venue: { name: 'Hall', address: '1 Main St' } });
  await newEvent('aDraft', { series: a.slug, format: 'online', status: 'draft' });
  await newEvent('bHybrid', { series: b.slug, format: 'hybrid', venue: { name: 'Hall', address: '1 Main St' } });
  await newEvent('aPast', { series: a.slug, format: 'online', startsAt: future(-3), endsAt: future(-3, 2) });
});
afterAll(() => env.close());

async function slugsFor(f: Partial<ListFilter>, db = env.deps.db): Promise<string[]> {
  const { events: list, total } = await listEvents(db, { when: 'upcoming', limit: 100, offset: 0, ...f });
  expect(total).toBe(list.length);
  return list.map((e) => e.slug).sort();
}

const keys = (...k: string[]) => k.map((key) => slugs[key]).sort();

describe('the events list, by series and format', () => {
  it('selects each combination of filters exactly, whichever ran before it', async () => {
    // Run each twice, in a different order the second time, so a prepared query kept under the
    // wrong name would show up as the other combination's answer.
    for (const round of [0, 1]) {
      const cases: [Partial<ListFilter>, string[]][] = [
        [{ seriesId: seriesA }, keys('aOnline', 'aInPerson')],
        [{ seriesId: seriesA, format: 'online' }, keys('aOnline')],
        [{ seriesId: seriesA, format: 'hybrid' }, []],
        [{ seriesId: seriesB }, keys('bHybrid')],
        [{ seriesId: seriesA, includeDrafts: true }, keys('aOnline', 'aInPerson', 'aDraft')],
        [{ seriesId: seriesA, when: 'past' }, keys('aPast')],
        [{ seriesId: seriesA, when: 'all', format: 'online' }, keys('aOnline', 'aPast')],
      ];
      for (const [f, expected] of round ? cases.reverse() : cases) expect(await slugsFor(f), JSON.stringify(f)).toEqual(expected);
    }
  });

  it('a format alone lists only that format, the new event included', async () => {
    const hybrid = await listEvents(env.deps.db, { when: 'upcoming', format: 'hybrid', limit: 500, offset: 0 });
    expect(hybrid.events.map((e) => e.slug)).toContain(slugs.bHybrid);
    expect(new Set(hybrid.events.map((e) => e.format))).toEqual(new Set(['hybrid']));
  });

  it('pages by limit and offset, with the total of the whole list', async () => {
    const first = await listEvents(env.deps.db, { when: 'all', seriesId: seriesA, includeDrafts: true, limit: 2, offset: 0 });
    const rest = await listEvents(env.deps.db, { when: 'all', seriesId: seriesA, includeDrafts: true, limit: 2, offset: 2 });
    expect(first.total).toBe(4);
    expect(rest.total).toBe(4);
    expect([...first.events, ...rest.events].map((e) => e.slug).sort()).toEqual(keys('aOnline', 'aInPerson', 'aDraft', 'aPast'));
  });

  it("inside a transaction, sees that transaction's own new event and leaves none behind", async () => {
    const marker = new Error('roll back');
    await expect(
      env.deps.db.transaction(async (tx) => {
        const [{ slug }] = await tx
          .insert(events)
          .values({
            slug: `tx-${uid()}`,
            seriesId: seriesB,
            title: { en: 'In a transaction', es: null },
            startsAt: new Date(future(4)),
            endsAt: new Date(future(4, 1)),
            timeZone: 'America/Los_Angeles',
            format: 'hybrid',
            status: 'published',
          })
          .returning({ slug: events.slug });
        expect(await slugsFor({ seriesId: seriesB }, tx)).toEqual([slug, slugs.bHybrid].sort());
        throw marker;
      }),
    ).rejects.toBe(marker);
    expect(await slugsFor({ seriesId: seriesB })).toEqual(keys('bHybrid'));
  });
});
