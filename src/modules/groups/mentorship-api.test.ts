import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';

let env: TestEnv;
let u: string;
let orgToken: string;
let otherToken: string;
const at = (name: string) => `${name}-${u}@example.org`;

interface Round {
  id: string;
  version: number;
  mode: string;
  mentors: { key: string; name: string }[];
  mentees: { key: string; name: string }[];
  matches: { mentor: string; mentee: string; locked: boolean; introduced: boolean; reasons: string[] }[];
  unmatched: string[];
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const elsewhere = await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
  orgToken = await apiToken(env, at('org'), 'organizer', 'los-angeles');
  otherToken = await apiToken(env, at('other'), 'organizer', elsewhere.slug);
});
afterAll(async () => {
  await env.close();
});

const lists = () => ({
  title: 'API round',
  mentors: [
    {
      name: 'Rosa Martínez',
      email: at('rosa'),
      language: 'es',
      capacity: 1,
      languages: ['es', 'en'],
      agency: 'LA County ISD',
      topics: ['data'],
    },
    { name: 'Sam Lee', email: at('sam'), capacity: 2, languages: ['en'], choices: [at('ben'), 'Chen Wei'] },
  ],
  mentees: [
    { name: 'Ana Núñez', email: at('ana'), languages: ['es'], goals: ['data'], choices: ['Rosa Martínez', at('sam')] },
    { name: 'Ben Okafor', email: at('ben'), choices: [at('sam')] },
    { name: 'Chen Wei', choices: ['Sam Lee'] },
  ],
});

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

describe('the mentorship rounds API', () => {
  it('stores a round, lists it, reads it with its reasons, and refuses other chapters', async () => {
    const made = await json<Round>(await api(env, 'POST', '/api/v1/mentorships', orgToken, lists()), 201);
    expect(made.matches.map((m) => [m.mentor, m.mentee])).toEqual([
      [at('rosa'), at('ana')],
      [at('sam'), at('ben')],
      [at('sam'), 'Chen Wei'],
    ]);
    expect(made.matches[0].reasons).toContain('speaks Spanish');
    const listed = await json<{ items: { id: string; matched: number }[] }>(await api(env, 'GET', '/api/v1/mentorships', orgToken), 200);
    expect(listed.items.find((x) => x.id === made.id)?.matched).toBe(3);
    const theirs = await json<{ items: { id: string }[] }>(await api(env, 'GET', '/api/v1/mentorships', otherToken), 200);
    expect(theirs.items.map((x) => x.id)).not.toContain(made.id);
    expect((await api(env, 'GET', `/api/v1/mentorships/${made.id}`, otherToken)).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/mentorships/${made.id}/match`, otherToken, { mode: 'optimal' })).status).toBe(403);
    expect((await api(env, 'PUT', `/api/v1/mentorships/${made.id}`, otherToken, { ...lists(), version: made.version })).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/mentorships/${made.id}/introductions`, otherToken, {})).status).toBe(403);
    expect((await api(env, 'GET', `/api/v1/mentorships/${made.id}`)).status).toBe(401);
  });

  it('names every bad line and saves nothing', async () => {
    const before = await json<{ items: unknown[] }>(await api(env, 'GET', '/api/v1/mentorships', orgToken), 200);
    const bad = lists();
    bad.mentees[1].choices = ['Nobody Known'];
    bad.mentors[0].capacity = 0;
    const res = await json<{ error: { fields: Record<string, string> } }>(
      await api(env, 'POST', '/api/v1/mentorships', orgToken, bad),
      422,
    );
    expect(Object.keys(res.error.fields)).toContain('mentors.0.capacity');
    const after = await json<{ items: unknown[] }>(await api(env, 'GET', '/api/v1/mentorships', orgToken), 200);
    expect(after.items).toHaveLength(before.items.length);
  });

  it('edits the lists with a version check, keeps locks still possible, and introduces each pair once', async () => {
    const made = await json<Round>(await api(env, 'POST', '/api/v1/mentorships', orgToken, lists()), 201);
    const locked = await json<Round>(
      await api(env, 'POST', `/api/v1/mentorships/${made.id}/locks`, orgToken, { mentor: at('sam'), mentee: 'Chen Wei', locked: true }),
      200,
    );
    expect(locked.matches.find((m) => m.mentee === 'Chen Wei')?.locked).toBe(true);
    // A stale version (the one before the lock) is refused, and nothing changes.
    const stale = await api(env, 'PUT', `/api/v1/mentorships/${made.id}`, orgToken, { ...lists(), version: made.version });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toMatch(/changed this mentorship round/);

    // Ben leaves, Dana joins choosing Sam; Chen's locked pair stays, Dana takes Sam's free place.
    const edited = lists();
    edited.title = 'API round, edited';
    edited.mentees = [edited.mentees[0], edited.mentees[2], { name: 'Dana Cruz', email: at('dana'), choices: [at('sam')] }];
    edited.mentors[1].choices = ['Chen Wei', at('dana')];
    const saved = await json<Round>(
      await api(env, 'PUT', `/api/v1/mentorships/${made.id}`, orgToken, { ...edited, version: locked.version }),
      200,
    );
    expect(saved.version).toBe(locked.version + 1);
    expect(saved.mentees.map((m) => m.name)).toEqual(['Ana Núñez', 'Chen Wei', 'Dana Cruz']);
    expect(saved.matches.map((m) => [m.mentor, m.mentee, m.locked])).toEqual([
      [at('rosa'), at('ana'), false],
      [at('sam'), 'Chen Wei', true],
      [at('sam'), at('dana'), false],
    ]);

    const again = await json<Round>(
      await api(env, 'POST', `/api/v1/mentorships/${made.id}/match`, orgToken, { mode: 'optimal', version: saved.version }),
      200,
    );
    expect(again.mode).toBe('optimal');
    expect(again.matches).toHaveLength(3);

    const first = await json<{ introduced: number; round: Round }>(
      await api(env, 'POST', `/api/v1/mentorships/${made.id}/introductions`, orgToken, {}),
      200,
    );
    // Chen Wei has no address: two pairs are introduced.
    expect(first.introduced).toBe(2);
    const second = await json<{ introduced: number }>(
      await api(env, 'POST', `/api/v1/mentorships/${made.id}/introductions`, orgToken, {}),
      200,
    );
    expect(second.introduced).toBe(0);
  });
});
