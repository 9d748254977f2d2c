import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Browser, api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter, ensurePerson } from '../../modules/people';
import { createSession } from '../auth/service';
import { AppError } from './errors';
import { isHostileName, parseNestedForm } from './form';

const HOSTILE = [
  '__proto__.scripts',
  '__proto__.pw_session',
  '__proto__[pw_session]',
  'constructor.prototype.scripts',
  'a.__proto__.b',
  'speakers.0.__proto__.name',
  '__proto__',
  'prototype',
  'constructor',
];

function refusal(fn: () => unknown): AppError | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e as AppError;
  }
}

function clean() {
  for (const k of ['scripts', 'pw_session', 'b', 'name', 'x']) delete (Object.prototype as Record<string, unknown>)[k];
}
afterEach(clean);

describe('parseNestedForm', () => {
  it('nests dotted names into objects and arrays, leaving _csrf out', () => {
    expect(parseNestedForm({ _csrf: 't', 'title.en': 'Hi', 'speakers.0.name': 'Ana', 'speakers.1.name': 'Luz', capacity: '3' })).toEqual({
      title: { en: 'Hi' },
      speakers: [{ name: 'Ana' }, { name: 'Luz' }],
      capacity: '3',
    });
  });

  it.each(HOSTILE)('refuses %s with a translated 400 and writes nothing', (name) => {
    expect(isHostileName(name)).toBe(true);
    const e = refusal(() => parseNestedForm({ title: 'x', [name]: 'polluted' }));
    expect(e).toBeInstanceOf(AppError);
    expect(e?.status).toBe(400);
    expect(e?.messageKey).toBe('errors.formNames');
    const probe = {} as Record<string, unknown>;
    expect(probe.scripts).toBeUndefined();
    expect(probe.pw_session).toBeUndefined();
    expect(probe.b).toBeUndefined();
    expect(probe.name).toBeUndefined();
  });

  it('refuses contradictory names, huge indexes and absurd depth instead of throwing a TypeError', () => {
    expect(refusal(() => parseNestedForm({ a: '1', 'a.b': '2' }))?.status).toBe(400);
    expect(refusal(() => parseNestedForm({ 'a.b': '2', a: '1' }))?.status).toBe(400);
    expect(refusal(() => parseNestedForm({ 'speakers.99999999.name': 'x' }))?.status).toBe(400);
    expect(refusal(() => parseNestedForm({ [Array.from({ length: 40 }, () => 'a').join('.')]: 'x' }))?.status).toBe(400);
  });

  it('keeps names that only look like Object methods as plain own fields', () => {
    const out = parseNestedForm({ 'toString.x': '1', hasOwnProperty: '2' });
    expect(out).toEqual({ toString: { x: '1' }, hasOwnProperty: '2' });
    expect(typeof ({} as { toString: unknown }).toString).toBe('function');
    expect((Object.prototype.toString as unknown as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('prototype keys posted to real forms', () => {
  let env: TestEnv;
  let slug = '';
  let victimSession = '';
  let organizer: Browser;
  beforeAll(async () => {
    env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
    await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
    const day = 86_400_000;
    const res = await api(env, 'POST', '/api/v1/events', token, {
      title: { en: `Proto ${uid()}` },
      chapter: 'los-angeles',
      startsAt: new Date(Date.now() + 10 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day + 7_200_000).toISOString(),
      timeZone: 'America/Los_Angeles',
      capacity: 30,
      status: 'published',
    });
    expect(res.status).toBe(201);
    slug = ((await res.json()) as { slug: string }).slug;
    const victim = (await ensurePerson(env.deps.db, { email: `victim-${uid()}@example.org`, fullName: 'Victim Admin', verified: true }))
      .person;
    victimSession = await createSession(env.deps.db, victim.id, 'test');
    organizer = new Browser(env);
    await organizer.signInAs(`org2-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  });
  afterAll(() => env.close());

  const names = (value: string) => [
    ['__proto__.scripts', '<script>alert(1)</script>'],
    ['__proto__.pw_session', value],
    ['__proto__[pw_session]', value],
    ['constructor.prototype.pw_session', value],
    ['answers.__proto__.pw_session', value],
  ];

  async function stillAnonymousAndWorking() {
    const probe = {} as Record<string, unknown>;
    expect(probe.scripts).toBeUndefined();
    expect(probe.pw_session).toBeUndefined();
    const next = await new Browser(env).get('/events');
    expect(next.status).toBe(200);
    const html = await next.text();
    expect(html).not.toContain('Victim Admin');
    expect(html).toMatch(/href="\/signin/);
  }

  it('the public RSVP form refuses them (400, translated) and the next anonymous visitor is still anonymous', async () => {
    for (const [name, value] of names(victimSession)) {
      for (const lang of ['', '/es'] as const) {
        const b = new Browser(env);
        const res = await b.post(`${lang}/events/${slug}/rsvp`, { name: 'Ana', email: `ana-${uid()}@example.org`, [name]: value });
        expect(res.status, name).toBe(400);
        expect(await res.text()).toContain(lang ? 'nombres de campo que no usa' : 'field names it does not use');
        await stillAnonymousAndWorking();
      }
    }
  });

  it('organizer forms refuse them too, with nothing written', async () => {
    for (const [name, value] of names(victimSession)) {
      for (const path of ['/events/new', `/events/${slug}/edit`, '/events/series/new', `/events/${slug}/message`]) {
        const res = await organizer.post(path, { 'title.en': 'Changed', [name]: value });
        expect(res.status, `${path} ${name}`).toBe(400);
        await stillAnonymousAndWorking();
      }
    }
  });
});
