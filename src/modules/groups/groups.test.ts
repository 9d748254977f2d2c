import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { groupsModule } from '.';
import { parse } from 'csv-parse/sync';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { ensureChapter } from '../people';
import { createEvent, createRsvp, eventInput, manageUrl, type EventRow } from '../events';
import { matchInput, matchMentorship } from './service/mentorship';
import { createGrouping, groupingInput } from './service/groupings';
import { groupsMessages } from './messages';
import { shared } from '../../platform/i18n/messages';
import { errorMessages } from '../../platform/http/validation';
import { AppError } from '../../platform/http/errors';

let env: TestEnv;
let u: string;
let e: EventRow;
let orgToken: string;
let otherToken: string;

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const NAMES = [
  'Zoë O’Brien-Ñúñez',
  '김민준',
  'Ana María',
  'Nguyễn Văn An',
  "D'Angelo",
  'Łukasz',
  'Oluwaseun',
  'Mía',
  'José',
  'Ngozi',
  'Søren',
  'Aroha',
];

interface Plan {
  id: string;
  url: string;
  rounds: { round: number; held: boolean; groups: { table: number; members: string[] }[] }[];
  repeatPairs: number;
  maxMeetings: number;
  lowerBound: number;
  warnings: { code: string }[];
}

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: NAMES[i % NAMES.length] + (i >= NAMES.length ? ` ${i}` : '') }));

/** The same input through the service, its errors translated for a Spanish reader as forms show them. */
async function spanishErrors(body: unknown): Promise<Record<string, string>> {
  const c = { var: { t: shared.any('es'), locale: 'es' as const } };
  const parsed = groupingInput.safeParse(body);
  if (!parsed.success) return errorMessages(c, parsed.error, groupsMessages);
  try {
    await createGrouping(env.deps.db, parsed.data, { chapter: 'los-angeles', by: null, authorize: () => undefined });
    return {};
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([f, key]) => [f, { key, values: err.fieldValues[f] }]));
    return errorMessages(c, fields, groupsMessages);
  }
}

async function count(): Promise<number> {
  const [r] = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM groupings`);
  return r.n;
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const other = await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
  e = await createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: `Symposium ${u}`, es: `Simposio ${u}` },
      chapter: 'los-angeles',
      startsAt: future(5),
      endsAt: future(5, 6),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
    null,
  );
  orgToken = await apiToken(env, `org-${u}@example.org`, 'organizer', 'los-angeles');
  otherToken = await apiToken(env, `other-${u}@example.org`, 'organizer', other.slug);
});
afterAll(() => env.close());

describe('POST /api/v1/groupings', () => {
  it('plans 16 people in 4s for 5 rounds with no repeat, and answers the same shape on GET', async () => {
    const res = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Round tables',
      event: e.slug,
      participants: people(16),
      groupSize: 4,
      rounds: 5,
    });
    expect(res.status).toBe(201);
    const plan = (await res.json()) as Plan;
    expect(plan.rounds).toHaveLength(5);
    for (const round of plan.rounds) {
      expect(round.groups).toHaveLength(4);
      expect(round.groups.flatMap((g) => g.members).sort()).toEqual(
        people(16)
          .map((p) => p.id)
          .sort(),
      );
    }
    expect(plan).toMatchObject({ repeatPairs: 0, maxMeetings: 1, lowerBound: 0, warnings: [] });
    const got = await api(env, 'GET', `/api/v1/groupings/${plan.id}`, orgToken);
    expect(got.status).toBe(200);
    expect(((await got.json()) as Plan).rounds).toEqual(plan.rounds);

    // The url is the printable sheet, a signed link anyone holding it can open: names exactly as written.
    const sheet = await env.app.request(new URL(plan.url).pathname, { headers: { accept: 'text/html' } });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('cache-control') ?? '').not.toMatch(/public/);
    const text = visibleText(await sheet.text());
    expect(text).toContain('Zoë O’Brien-Ñúñez');
    expect(text).toContain('김민준');
    expect(text).toContain('Table 4');
    const forged = await env.app.request(new URL(plan.url).pathname + 'x', { headers: { accept: 'text/html' } });
    expect(forged.status).toBe(404);
  });

  it('identifies people by email when no id is sent, and reports the counting bound', async () => {
    const list = Array.from({ length: 30 }, (_, i) => ({ email: `Person${i}-${u}@Example.org`, name: `Person ${i}` }));
    const res = await api(env, 'POST', '/api/v1/groupings', orgToken, { title: 'Thirty', participants: list, groupSize: 5, rounds: 8 });
    expect(res.status).toBe(201);
    const plan = (await res.json()) as Plan;
    expect(plan.lowerBound).toBe(45);
    expect(plan.repeatPairs).toBeGreaterThanOrEqual(45);
    expect(plan.repeatPairs).toBeLessThanOrEqual(75);
    expect(plan.rounds[0].groups[0].members[0]).toMatch(/^person\d+-.*@example\.org$/);
  });

  it('keeps an event’s groupings to its chapter: another chapter’s organizer gets 403, and nothing is saved', async () => {
    const before = await count();
    const res = await api(env, 'POST', '/api/v1/groupings', otherToken, {
      title: 'Nope',
      event: e.slug,
      participants: people(8),
      groupSize: 4,
      rounds: 2,
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
    const made = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Mine',
      event: e.id,
      participants: people(8),
      groupSize: 4,
      rounds: 2,
    });
    const plan = (await made.json()) as Plan;
    expect((await api(env, 'GET', `/api/v1/groupings/${plan.id}`, otherToken)).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/groupings/${plan.id}/rebalance`, otherToken, { fromRound: 2, absent: ['p1'] })).status).toBe(
      403,
    );
    expect((await api(env, 'GET', `/api/v1/groupings/${plan.id}`)).status).toBe(401);
  });

  const bad: [string, Record<string, unknown>, string, RegExp, RegExp][] = [
    ['group size under 2', { groupSize: 1 }, 'groupSize', /at least 2/, /al menos 2/],
    ['group size over the number of people', { groupSize: 9 }, 'groupSize', /no more than the number of people/, /no mayor que el número/],
    ['0 rounds', { rounds: 0 }, 'rounds', /between 1 and 20 rounds/, /entre 1 y 20 rondas/],
    ['21 rounds', { rounds: 21 }, 'rounds', /between 1 and 20 rounds/, /entre 1 y 20 rondas/],
    [
      'a duplicate person',
      { participants: [...people(8), { id: 'p3', name: 'Again' }] },
      'participants.8',
      /more than once/,
      /más de una vez/,
    ],
    [
      'an unknown id in a constraint',
      { constraints: { keepApart: [['p1', 'nobody']] } },
      'constraints.keepApart.0',
      /“nobody”/,
      /«nobody»/,
    ],
    [
      'a pair both kept together and apart',
      { constraints: { keepApart: [['p1', 'p2']], keepTogether: [['p2', 'p1']] } },
      'constraints.keepApart.0',
      /kept together and kept apart/,
      /juntos y separados/,
    ],
    [
      'more facilitators than groups',
      { participants: people(8).map((p, i) => ({ ...p, facilitator: i < 3 })) },
      'participants',
      /3 facilitators for 2 groups/,
      /3 facilitadores para 2 grupos/,
    ],
  ];
  for (const [what, change, field, en, es] of bad)
    it(`refuses ${what} with a translated 422, saving nothing`, async () => {
      const body = { title: 'Bad', participants: people(8), groupSize: 4, rounds: 3, ...change };
      const before = await count();
      const res = await api(env, 'POST', '/api/v1/groupings', orgToken, body);
      expect(res.status).toBe(422);
      const err = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(err.error.fields[field]).toMatch(en);
      expect((await spanishErrors(body))[field]).toMatch(es);
      expect(await count()).toBe(before);
    });
});

describe('participants from the event', () => {
  it('seats everyone going, or only those checked in, with sectors from their profiles and anyone pasted added', async () => {
    const ev = await createEvent(
      env.deps.db,
      eventInput.parse({
        title: { en: `Round tables ${u}`, es: null },
        chapter: 'los-angeles',
        startsAt: future(6),
        endsAt: future(6, 3),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      }),
      null,
    );
    const guests = NAMES.slice(0, 8).map((name, i) => ({ name, email: `guest-${i}-${u}@example.org` }));
    const ids: string[] = [];
    for (const [i, g] of guests.entries()) {
      const { rsvp } = await createRsvp(
        env.deps.db,
        ev,
        { ...g, language: 'en', answers: {}, accessibilityNeeds: null },
        { sendEmail: false },
      );
      ids.push(rsvp.personId);
      if (i < 4)
        expect((await api(env, 'POST', `/api/v1/events/${ev.slug}/checkins`, orgToken, { rsvpId: rsvp.id })).status).toBeLessThan(300);
    }
    // The first guest says on their profile that they work for a county.
    const b = new Browser(env);
    await b.signInAs(guests[0].email);
    expect((await b.post('/account', { fullName: guests[0].name, language: 'en', sector: 'county' })).status).toBe(303);

    const going = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Everyone going',
      event: ev.slug,
      participantsFrom: 'going',
      participants: [{ email: `interpreter-${u}@example.org`, name: 'Intérprete' }],
      groupSize: 3,
      rounds: 1,
    });
    expect(going.status).toBe(201);
    const plan = (await going.json()) as Plan;
    const seated = plan.rounds[0].groups.flatMap((g) => g.members).sort();
    expect(seated).toEqual([...ids, `interpreter-${u}@example.org`].sort());
    const [stored] = await rows<{ participants: { key: string; sector: string | null; government: boolean | null }[] }>(
      env.deps.db,
      sql`SELECT participants FROM groupings WHERE id = ${plan.id}`,
    );
    expect(stored.participants.find((p) => p.key === ids[0])).toMatchObject({ sector: 'county', government: true });

    const checkedIn = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Only those here',
      event: ev.slug,
      participantsFrom: 'checked_in',
      groupSize: 2,
      rounds: 1,
    });
    expect(checkedIn.status).toBe(201);
    const here = ((await checkedIn.json()) as Plan).rounds[0].groups.flatMap((g) => g.members).sort();
    expect(here).toEqual(ids.slice(0, 4).sort());
  });

  it('refuses an event list without an event, saying so next to the field in both languages, and saves nothing', async () => {
    const before = await count();
    const res = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'No event',
      participantsFrom: 'going',
      groupSize: 2,
      rounds: 1,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.participantsFrom).toBe('Choose the event whose people take part.');
    expect(await spanishErrors({ title: 'Sin evento', participantsFrom: 'going', groupSize: 2, rounds: 1 })).toEqual({
      participantsFrom: 'Elige el evento cuyas personas participan.',
    });
    expect(await count()).toBe(before);
  });
});

describe('a person’s own data', () => {
  it('"Download my data" lists their tables; "Delete my account" takes their name and address out of every grouping, seats unchanged', async () => {
    const email = `seated-${u}@example.org`;
    const list = [{ email, name: 'Xóchitl Hernández-Ruiz' }, ...people(5)];
    const made = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: `Tables ${u}`,
      participants: list,
      groupSize: 3,
      rounds: 2,
    });
    expect(made.status).toBe(201);
    const plan = (await made.json()) as Plan;
    const b = new Browser(env);
    await b.signInAs(email);
    const data = (await (await b.get('/account/export')).json()) as {
      groups: { grouping: string; nameAsListed: string; tables: { table: number }[] }[];
    };
    expect(data.groups).toEqual([
      expect.objectContaining({
        grouping: `Tables ${u}`,
        nameAsListed: 'Xóchitl Hernández-Ruiz',
        tables: [expect.any(Object), expect.any(Object)],
      }),
    ]);
    expect((await b.post('/account/delete', { confirm: 'DELETE' })).status).toBe(200);
    const after = (await (await api(env, 'GET', `/api/v1/groupings/${plan.id}`, orgToken)).json()) as Plan;
    const [stored] = await rows<{ participants: { name: string; email: string | null }[] }>(
      env.deps.db,
      sql`SELECT participants FROM groupings WHERE id = ${plan.id}`,
    );
    expect(JSON.stringify(stored.participants)).not.toContain('Xóchitl');
    expect(JSON.stringify(stored.participants)).not.toContain(email);
    // Everyone else keeps their table in every round.
    const tablesOf = (p: Plan, who: string) => p.rounds.map((r) => r.groups.find((g) => g.members.includes(who))?.table);
    for (const other of people(5)) expect(tablesOf(after, other.id)).toEqual(tablesOf(plan, other.id));
  });
});

describe('POST /api/v1/groupings/{id}/rebalance', () => {
  it('keeps held rounds, seats arrivals, leaves the absent out, and refuses to change a held round', async () => {
    const made = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Rebalance',
      event: e.slug,
      participants: people(20),
      groupSize: 4,
      rounds: 5,
    });
    const plan = (await made.json()) as Plan;
    const res = await api(env, 'POST', `/api/v1/groupings/${plan.id}/rebalance`, orgToken, {
      fromRound: 3,
      absent: ['p0', 'p5'],
      arrived: [{ id: 'late1', name: 'Late Arrival' }],
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as Plan;
    expect(after.rounds.slice(0, 2).map((r) => r.groups)).toEqual(plan.rounds.slice(0, 2).map((r) => r.groups));
    expect(after.rounds.map((r) => r.held)).toEqual([true, true, false, false, false]);
    for (const round of after.rounds.slice(2)) {
      const seated = round.groups.flatMap((g) => g.members);
      expect(seated).toContain('late1');
      expect(seated).not.toContain('p0');
      expect(seated).toHaveLength(19);
      const sizes = round.groups.map((g) => g.members.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    const held = await api(env, 'POST', `/api/v1/groupings/${plan.id}/rebalance`, orgToken, { fromRound: 2, absent: ['p1'] });
    expect(held.status).toBe(422);
    expect(((await held.json()) as { error: { fields: Record<string, string> } }).error.fields.fromRound).toMatch(/already been held/);
    const unknown = await api(env, 'POST', `/api/v1/groupings/${plan.id}/rebalance`, orgToken, { fromRound: 4, absent: ['ghost'] });
    expect(unknown.status).toBe(422);
    const again = await api(env, 'GET', `/api/v1/groupings/${plan.id}`, orgToken);
    expect(((await again.json()) as Plan).rounds).toEqual(after.rounds);
  });
});

describe('pages', () => {
  it('an organizer pastes people, gets the plan, the CSV and the projector; errors keep what was typed', async () => {
    const b = new Browser(env);
    await b.signInAs(`page-org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const pasted = Array.from(
      { length: 10 },
      (_, i) => `${NAMES[i]}, person${i}-${u}@example.org, ${i % 2 ? 'Health' : 'Government'}`,
    ).join('\n');
    const wrong = await b.post('/es/organize/groupings', { title: 'Mesas', people: pasted, groupSize: '1', rounds: '3' });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(visibleText(wrongHtml)).toContain('Elija un tamaño de grupo de al menos 2');
    expect(wrongHtml).toContain('Ana María'); // what was typed is kept
    const ok = await b.post('/organize/groupings', {
      title: 'Tables',
      people: pasted,
      groupSize: '5',
      rounds: '3',
      balanceGovernment: '1',
    });
    expect(ok.status).toBe(303);
    const where = ok.headers.get('location')!;
    const view = visibleText(await (await b.get(where)).text());
    expect(view).toContain('Round 3');
    expect(view).toContain('Zoë O’Brien-Ñúñez');
    const csv = await b.get(`${where}/groupings.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const table = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(table).toHaveLength(30);
    expect(table[0]).toHaveProperty('Table');
    expect((await b.get(`${where}/projector?round=2`)).status).toBe(200);
    const other = new Browser(env);
    await other.signInAs(`page-other-${u}@example.org`, { role: 'organizer', scope: `elsewhere-${u}` });
    expect((await other.get(where)).status).toBe(403);
  });

  it('shows "your table" on the ticket page, in the person’s language, without JavaScript', async () => {
    const email = `ticket-${u}@example.org`;
    const list = [{ email, name: 'Ticket Holder' }, ...people(7)];
    const made = await api(env, 'POST', '/api/v1/groupings', orgToken, {
      title: 'Mesas del simposio',
      event: e.slug,
      participants: list,
      groupSize: 4,
      rounds: 2,
    });
    expect(made.status).toBe(201);
    const { rsvp } = await createRsvp(env.deps.db, e, {
      name: 'Ticket Holder',
      email,
      language: 'es',
      answers: {},
      accessibilityNeeds: null,
    });
    const manage = new URL(await manageUrl(env.deps, rsvp)).pathname;
    const ticket = await env.app.request(manage, { headers: { accept: 'text/html' } });
    const html = await ticket.text();
    const link = /href="([^"]*\/groupings\/table\/[^"]+)"/.exec(html);
    expect(link, 'a link to the table page').not.toBeNull();
    const mine = await env.app.request(new URL(link![1], 'http://x').pathname, { headers: { accept: 'text/html' } });
    expect(mine.status).toBe(200);
    const text = visibleText(await mine.text());
    expect(text).toMatch(/Su mesa en la ronda 1/);
    expect(text).toMatch(/Mesa \d/);
  });
});

describe('POST /api/v1/mentorship/matches', () => {
  it('matches stably by default and explains each match in the reader’s language', async () => {
    const body = {
      mentors: [
        { id: 'm1', name: 'Rosa', capacity: 1, preferences: ['a', 'b'], languages: ['en', 'es'], agency: 'LA County ISD' },
        { id: 'm2', name: 'Sam', capacity: 2, preferences: ['b', 'a', 'c'] },
      ],
      mentees: [
        { id: 'a', name: 'Ana', preferences: ['m2', 'm1'], languages: ['es'] },
        { id: 'b', name: 'Bo', preferences: ['m1', 'm2'] },
        { id: 'c', name: 'Cy', preferences: ['m1'] },
      ],
    };
    const res = await api(env, 'POST', '/api/v1/mentorship/matches', orgToken, body);
    expect(res.status).toBe(201);
    const out = (await res.json()) as {
      matches: { mentor: string; mentees: string[]; reasons: Record<string, string[]> }[];
      unmatched: string[];
    };
    expect(out.matches).toEqual([
      expect.objectContaining({ mentor: 'm1', mentees: ['b'] }),
      expect.objectContaining({ mentor: 'm2', mentees: ['a'] }),
    ]);
    expect(out.unmatched).toEqual(['c']);
    expect(out.matches[0].reasons.b).toContain('your 1st choice');
    const outEs = matchMentorship(matchInput.parse({ ...body, locked: [['m1', 'a']] }), 'es');
    expect(outEs.matches[0].mentees).toEqual(['a']);
    expect(outEs.matches[0].reasons.a.join('; ')).toBe(
      'fijado por los organizadores; su opción número 2; le eligió en el lugar 1; habla español; trabaja en LA County ISD',
    );
    const bad = await api(env, 'POST', '/api/v1/mentorship/matches', orgToken, {
      ...body,
      mentees: [{ id: 'a', name: 'Ana', preferences: ['zz'] }],
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields['mentees.0.preferences.0']).toMatch(/“zz”/);
    expect((await api(env, 'POST', '/api/v1/mentorship/matches', undefined, body)).status).toBe(401);
  });

  it('introduces each matched pair by email, each in their own language', async () => {
    const rosa = `rosa-${u}@example.org`;
    const ana = `ana-${u}@example.org`;
    const res = await api(env, 'POST', '/api/v1/mentorship/matches', orgToken, {
      mentors: [{ id: 'm1', name: 'Rosa Martínez', capacity: 1, preferences: ['a'], email: rosa, language: 'en' }],
      mentees: [
        { id: 'a', name: 'Ana Núñez', preferences: ['m1'], email: ana, language: 'es' },
        { id: 'b', name: 'Bo', preferences: [] },
      ],
      introduce: true,
    });
    expect(res.status).toBe(201);
    await drainTasks(env.deps, groupsModule.tasks!);
    const [toRosa] = await env.deps.db.select().from(outbox).where(eq(outbox.to, rosa));
    const [toAna] = await env.deps.db.select().from(outbox).where(eq(outbox.to, ana));
    expect(toRosa.subject).toBe('Meet Ana Núñez, your mentorship match');
    expect(toRosa.text).toContain(ana);
    expect(toAna.subject).toBe('Le presentamos a Rosa Martínez, su pareja de mentoría');
    expect(toAna.text).toContain(rosa);
  });
});
