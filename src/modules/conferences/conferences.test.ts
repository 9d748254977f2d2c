import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { api, apiToken, Browser, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { createRsvp, getEvent } from '../events';
import { ensureChapter } from '../people';
import { utcToZoned } from '../../platform/time';
import { cancelSignup, conferencesModule, getConference } from '.';
import { conferences, conferenceSessions, sessionSignups } from './schema';
import { conferenceFixture, future, iso, json } from './testing/api';

const fx = conferenceFixture((acronym) => ({
  title: `School of Data ${acronym}`,
  titleEs: `Escuela de Datos ${acronym}`,
  kind: 'conference',
  startsAt: iso(future(20)),
  endsAt: iso(future(22)),
}));
const newConference = (over: Record<string, unknown> = {}) => fx.newConference<{ url: string }>(over);
let env: TestEnv;
let org: string;
beforeAll(() => void ({ env, org } = fx));

async function room(slug: string, capacity = 30, name = `Room ${uid()}`) {
  const r = await api(env, 'POST', `/api/v1/conferences/${slug}/rooms`, org, {
    name,
    capacity,
    accessibility: { stepFree: true, cart: true },
  });
  expect(r.status).toBe(201);
  return (await json(r)).id as string;
}

async function session(slug: string, body: Record<string, unknown>) {
  return api(env, 'POST', `/api/v1/conferences/${slug}/sessions`, org, {
    title: 'Open data 101',
    type: 'talk',
    language: 'en',
    speakers: [],
    ...body,
  });
}

describe('organizers', () => {
  it('creates a conference as an event (the slug works under /api/v1/events) and lists it', async () => {
    const c = await newConference();
    expect(c.acronym).toMatch(/^c_/);
    expect(c.url).toContain(`/conferences/${c.slug}`);
    expect((await api(env, 'GET', `/api/v1/events/${c.slug}`)).status).toBe(200);
    const list = await json(await api(env, 'GET', '/api/v1/conferences?limit=100', org));
    expect(list.conferences.some((x: { slug: string }) => x.slug === c.slug)).toBe(true);
    expect((await api(env, 'GET', '/api/v1/conferences?limit=101', org)).status).toBe(422);
    // A draft of one chapter is not listed to an organizer of another.
    await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
    await ensureChapter(env.deps.db, { slug: 'fresno', name: 'Fresno' });
    const la = await apiToken(env, `la-${uid()}@example.org`, 'organizer', 'los-angeles');
    const draftRes = await api(env, 'POST', '/api/v1/conferences', la, {
      title: 'LA draft',
      acronym: `la_${uid()}`,
      startsAt: iso(future(30)),
      endsAt: iso(future(31)),
      timeZone: 'America/Los_Angeles',
      chapter: 'los-angeles',
    });
    expect(draftRes.status).toBe(201);
    const draft = await json(draftRes);
    const fresno = await apiToken(env, `fresno-${uid()}@example.org`, 'organizer', 'fresno');
    const seen = await json(await api(env, 'GET', '/api/v1/conferences?limit=100', fresno));
    expect(seen.conferences.some((x: { slug: string }) => x.slug === draft.slug)).toBe(false);
    expect(seen.conferences.some((x: { slug: string }) => x.slug === c.slug)).toBe(true);
    expect((await api(env, 'POST', `/api/v1/conferences/${draft.slug}/rooms`, fresno, { name: 'X', capacity: 5 })).status).toBe(403);
    const patched = await api(env, 'PATCH', `/api/v1/conferences/${c.slug}`, org, { titleEs: 'Escuela de Datos LA', kind: 'symposium' });
    expect(patched.status).toBe(200);
    expect((await json(patched)).title.es).toBe('Escuela de Datos LA');
    expect((await getEvent(env.deps.db, c.slug)).sequence).toBeGreaterThan(0);
  });

  it('refuses bad input with a translated message next to the field, and saves nothing', async () => {
    const before = (await json(await api(env, 'GET', '/api/v1/conferences?limit=100', org))).total;
    const base = { title: 'X', acronym: `ok_${uid()}`, startsAt: iso(future(5)), endsAt: iso(future(6)), timeZone: 'UTC' };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ acronym: 'AB' }, 'acronym', /4 to 30 lowercase/],
      [{ acronym: 'Has-Hyphen' }, 'acronym', /4 to 30 lowercase/],
      [{ endsAt: iso(future(4)) }, 'endsAt', /./],
      [{ capacity: 0 }, 'capacity', /at least 1/],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /time zone/],
      [{ kind: 'festival' }, 'kind', /conference or symposium/],
    ];
    for (const [over, field, message] of cases) {
      const r = await api(env, 'POST', '/api/v1/conferences', org, { ...base, ...over });
      expect(r.status, JSON.stringify(over)).toBe(422);
      const body = await json(r);
      expect(body.error.fields[field], JSON.stringify(body)).toMatch(message);
    }
    expect((await json(await api(env, 'GET', '/api/v1/conferences?limit=100', org))).total).toBe(before);
    // A taken acronym leaves no event behind either.
    const c = await newConference();
    const again = await api(env, 'POST', '/api/v1/conferences', org, { ...base, title: 'Dup title unique', acronym: c.acronym });
    expect(again.status).toBe(422);
    expect((await json(again)).error.fields.acronym).toMatch(/already uses/);
  });

  it('refuses a room or a speaker booked twice, a session outside the days, seats over the room', async () => {
    const c = await newConference();
    const small = await room(c.slug, 10);
    const big = await room(c.slug, 100);
    const trackR = await api(env, 'POST', `/api/v1/conferences/${c.slug}/tracks`, org, {
      name: 'Civic data',
      nameEs: 'Datos cívicos',
      color: '#1a4480',
    });
    expect(trackR.status).toBe(201);
    const trackId = (await json(trackR)).id;
    const t0 = future(20, 2);
    const ok = await session(c.slug, {
      roomId: small,
      trackId,
      startsAt: iso(t0),
      endsAt: iso(new Date(t0.getTime() + 3_600_000)),
      speakers: [{ name: 'María José Núñez', organization: 'LA County' }],
    });
    expect(ok.status).toBe(201);
    const created = await json(ok);
    expect(created.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.code).toMatch(/^[A-Z2-9]{6}$/);
    const half = new Date(t0.getTime() + 1_800_000);
    const roomClash = await session(c.slug, { roomId: small, startsAt: iso(half), endsAt: iso(new Date(half.getTime() + 3_600_000)) });
    expect(roomClash.status).toBe(409);
    expect((await json(roomClash)).error.message).toContain(created.code);
    // The same speaker, typed without accents and in capitals, in another room at an overlapping time.
    const speakerClash = await session(c.slug, {
      roomId: big,
      startsAt: iso(half),
      endsAt: iso(new Date(half.getTime() + 3_600_000)),
      speakers: [{ name: 'MARIA JOSE NUNEZ' }],
    });
    expect(speakerClash.status).toBe(409);
    expect((await json(speakerClash)).error.message).toMatch(/MARIA JOSE NUNEZ|María José Núñez/);
    const outside = await session(c.slug, { roomId: big, startsAt: iso(future(30)), endsAt: iso(future(30, 1)) });
    expect(outside.status).toBe(422);
    expect((await json(outside)).error.fields.startsAt).toMatch(/during the conference/);
    const overRoom = await session(c.slug, {
      type: 'workshop',
      roomId: small,
      capacity: 11,
      startsAt: iso(future(21)),
      endsAt: iso(future(21, 1)),
    });
    expect(overRoom.status).toBe(422);
    expect((await json(overRoom)).error.fields.capacity).toMatch(/more seats than its room/);
    const badType = await session(c.slug, { type: 'party', roomId: big, startsAt: iso(future(21)), endsAt: iso(future(21, 1)) });
    expect(badType.status).toBe(422);
    const back = await session(c.slug, { roomId: big, startsAt: iso(future(21, 1)), endsAt: iso(future(21)) });
    expect((await json(back)).error.fields.endsAt).toMatch(/after the start/);
    const rows = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.code, created.code));
    expect(rows).toHaveLength(1);
    const v = await getConference(env.deps.db, c.slug);
    expect((await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.eventId, v.event.id))).length).toBe(1);
  });
});

describe('organizer pages', () => {
  it('add rooms and sessions from forms; a refusal shows in Spanish next to the field, values kept, nothing saved', async () => {
    const c = await newConference();
    const v = await getConference(env.deps.db, c.slug);
    const b = new Browser(env);
    await b.signInAs(`org-page-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const saved = await b.post(`/es/conferences/${c.slug}/manage/rooms`, {
      name: 'Auditorio',
      capacity: '80',
      'accessibility.hearingLoop': 'on',
    });
    expect(saved.status).toBe(303);
    const roomId = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Taller', capacity: 10 }))).id;
    const bad = await b.post(`/es/conferences/${c.slug}/manage/sessions`, {
      title: 'Taller de mapas',
      type: 'workshop',
      language: 'es',
      roomId,
      capacity: '11',
      startsAt: '2099-01-01T10:00',
      endsAt: '2099-01-01T09:00',
      'speakers.0.name': 'Ana Núñez',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(visibleText(html)).toContain('El final debe ser posterior al inicio.');
    expect(html).toContain('value="Taller de mapas"');
    expect(html).toContain('value="Ana Núñez"');
    const over = await b.post(`/es/conferences/${c.slug}/manage/sessions`, {
      title: 'Taller de mapas',
      type: 'workshop',
      language: 'es',
      roomId,
      capacity: '11',
      startsAt: iso(future(20, 2)).slice(0, 16) + 'Z',
      endsAt: iso(future(20, 3)).slice(0, 16) + 'Z',
    });
    expect(over.status).toBe(422);
    expect(visibleText(await over.text())).toContain('Un taller no puede tener más plazas que el aforo de su sala.');
    expect(await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.eventId, v.event.id))).toHaveLength(0);
    // A new conference from its page: refusals in Spanish with values kept, then a draft.
    const acr = `nuevo_${uid()}`;
    const badNew = await b.post('/es/conferences/new', {
      title: 'Simposio',
      acronym: 'X',
      kind: 'symposium',
      timeZone: 'America/Los_Angeles',
      startsAt: '2099-05-01T09:00',
      endsAt: '2099-05-01T08:00',
    });
    expect(badNew.status).toBe(422);
    const badText = visibleText(await badNew.text());
    expect(badText).toContain('Usa de 4 a 30 letras minúsculas');
    expect(await env.deps.db.select().from(conferences).where(eq(conferences.acronym, 'X'))).toHaveLength(0);
    const made = await b.post('/es/conferences/new', {
      title: 'Simposio',
      acronym: acr,
      kind: 'symposium',
      timeZone: 'America/Los_Angeles',
      startsAt: '2099-05-01T09:00',
      endsAt: '2099-05-02T17:00',
    });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toMatch(/^\/es\/conferences\/.+\/manage$/);
    const [row] = await env.deps.db.select().from(conferences).where(eq(conferences.acronym, acr));
    expect(row.kind).toBe('symposium');

    // Change a session from its edit form: prefilled, a clash refused next to the field, then saved.
    const one = await json(await session(c.slug, { roomId, title: 'Uno', startsAt: iso(future(20, 1)), endsAt: iso(future(20, 2)) }));
    const two = await json(await session(c.slug, { roomId, title: 'Dos', startsAt: iso(future(20, 3)), endsAt: iso(future(20, 4)) }));
    const edit = await (await b.get(`/es/conferences/${c.slug}/manage/sessions/${two.code}`)).text();
    expect(edit).toContain('value="Dos"');
    const [oneRow] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, one.id));
    const wall = (d: Date) => utcToZoned(d, 'America/Los_Angeles');
    const clash = await b.post(`/es/conferences/${c.slug}/manage/sessions/${two.code}`, {
      title: 'Dos',
      type: 'talk',
      language: 'es',
      roomId,
      startsAt: wall(oneRow.startsAt),
      endsAt: wall(oneRow.endsAt),
    });
    expect(clash.status).toBe(409);
    expect(visibleText(await clash.text())).toContain(`Esta sala ya tiene una sesión a esa hora (${one.code}).`);
    const saved2 = await b.post(`/es/conferences/${c.slug}/manage/sessions/${two.code}`, {
      title: 'Dos, renombrada',
      type: 'talk',
      language: 'es',
      roomId,
      startsAt: wall(new Date(oneRow.endsAt.getTime() + 3_600_000)),
      endsAt: wall(new Date(oneRow.endsAt.getTime() + 7_200_000)),
    });
    expect(saved2.status).toBe(303);
    const [twoRow] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, two.id));
    expect(twoRow.title.en).toBe('Dos, renombrada');
    expect(twoRow.guid).toBe(two.guid);
    const page = await b.get(`/es/conferences/${c.slug}/manage`);
    expect(await page.text()).toContain('<td data-label="Accesibilidad de esta sala">Bucle magnético</td>');
  });
});

describe('workshop sign-ups', () => {
  it('60 at once for 20 seats: exactly 20 confirmed, then waitlist 1–40; a cancel promotes the first in line', async () => {
    const c = await newConference();
    const v = await getConference(env.deps.db, c.slug);
    const r = await room(c.slug, 25);
    const ws = await json(
      await session(c.slug, {
        type: 'workshop',
        title: 'Hands-on maps',
        roomId: r,
        capacity: 20,
        startsAt: iso(future(20, 3)),
        endsAt: iso(future(20, 5)),
      }),
    );
    const people = Array.from({ length: 60 }, (_, i) => ({
      name: `Person ${i} Ñandú`,
      email: `w${i}-${uid()}@example.org`,
      language: (i % 2 ? 'es' : 'en') as 'en' | 'es',
    }));
    for (const p of people) await createRsvp(env.deps.db, v.event, { ...p, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
    const answers = await Promise.all(
      people.map((p) =>
        api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${ws.code}/signups`, undefined, { name: p.name, email: p.email }),
      ),
    );
    expect(answers.map((a) => a.status).every((s) => s === 201)).toBe(true);
    const bodies = await Promise.all(answers.map(json));
    expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(20);
    const positions = bodies.filter((b) => b.status === 'waitlist').map((b) => b.waitlistPosition as number);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [s] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, ws.id));
    expect(s.seatsTaken).toBe(20);

    const again = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${ws.code}/signups`, undefined, {
      name: people[0].name,
      email: people[0].email,
    });
    expect(again.status).toBe(200);
    const stranger = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${ws.code}/signups`, undefined, {
      name: 'Nobody',
      email: `no-${uid()}@example.org`,
    });
    expect(stranger.status).toBe(409);
    expect((await json(stranger)).error.message).toMatch(/Register for the conference first/);

    const list = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/sessions/${ws.code}/signups?limit=100`, org));
    expect(list.total).toBe(60);
    const firstWaiting = list.signups.find((x: { waitlistPosition: number | null }) => x.waitlistPosition === 1);
    const seated = await env.deps.db
      .select()
      .from(sessionSignups)
      .where(sql`${sessionSignups.sessionId} = ${ws.id} AND ${sessionSignups.status} = 'confirmed'`);
    await cancelSignup(env.deps.db, seated[0].id);
    await cancelSignup(env.deps.db, seated[0].id);
    const [promoted] = await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.email, firstWaiting.email));
    expect(promoted.status).toBe('confirmed');
    const [after] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, ws.id));
    expect(after.seatsTaken).toBe(20);

    // Emails go in each recipient's language.
    await drainTasks(env.deps, conferencesModule.tasks!);
    const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, promoted.email));
    const lang = people.find((p) => p.email === promoted.email)!.language;
    expect(mails.map((m) => m.subject)).toContainEqual(expect.stringMatching(lang === 'es' ? /Se liberó una plaza/ : /A seat opened up/));
    const esConfirmed = people.find((p) => p.language === 'es' && bodies[people.indexOf(p)].status === 'confirmed');
    if (esConfirmed) {
      const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, esConfirmed.email));
      expect(m.subject).toMatch(/Tu plaza en/);
    }
  });

  it('refuses a late sign-up and a session without seats', async () => {
    const c = await newConference();
    const v = await getConference(env.deps.db, c.slug);
    const r = await room(c.slug);
    const talk = await json(await session(c.slug, { roomId: r, startsAt: iso(future(20, 1)), endsAt: iso(future(20, 2)) }));
    const ws = await json(
      await session(c.slug, { type: 'workshop', roomId: r, capacity: 5, startsAt: iso(future(20, 3)), endsAt: iso(future(20, 4)) }),
    );
    const p = { name: 'Zoë O’Brien-Ñúñez', email: `late-${uid()}@example.org` };
    await createRsvp(env.deps.db, v.event, { ...p, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${talk.code}/signups`, undefined, p)).status).toBe(409);
    await env.deps.db
      .update(conferenceSessions)
      .set({ startsAt: future(-1), endsAt: future(1) })
      .where(eq(conferenceSessions.id, ws.id));
    const late = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${ws.code}/signups`, undefined, p);
    expect(late.status).toBe(409);
    expect((await json(late)).error.message).toMatch(/has started/);
    expect(await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.sessionId, ws.id))).toHaveLength(0);
  });
});

describe('agenda and feedback', () => {
  it('stars sessions, serves a private calendar feed without sign-in, and takes anonymous feedback once', async () => {
    const c = await newConference();
    const r = await room(c.slug);
    const a = await json(await session(c.slug, { roomId: r, title: 'Budgets', startsAt: iso(future(20, 1)), endsAt: iso(future(20, 2)) }));
    const me = await apiToken(env, `me-${uid()}@example.org`);
    const star = await api(env, 'POST', `/api/v1/conferences/${c.slug}/agenda`, me, { code: a.code });
    expect(star.status).toBe(201);
    const agenda = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/agenda`, me));
    expect(agenda.sessions).toEqual([{ code: a.code }]);
    const feed = await env.app.request(new URL(agenda.icsUrl).pathname);
    expect(feed.status).toBe(200);
    const ics = await feed.text();
    expect(ics).toContain('SUMMARY:Budgets');
    expect(ics).toContain(`UID:${a.guid}@`);
    expect((await env.app.request(`/conferences/${c.slug}/agenda/forged.ics`)).status).toBe(404);

    const six = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${a.code}/feedback`, me, { rating: 6 });
    expect(six.status).toBe(422);
    expect((await json(six)).error.fields.rating).toMatch(/1 to 5/);
    const early = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${a.code}/feedback`, me, { rating: 4 });
    expect(early.status).toBe(409);
    await env.deps.db
      .update(conferenceSessions)
      .set({ startsAt: future(-1), endsAt: future(1) })
      .where(eq(conferenceSessions.id, a.id));
    const ok = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${a.code}/feedback`, me, {
      rating: 4,
      comment: 'Clear and useful',
    });
    expect(ok.status).toBe(201);
    const twice = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${a.code}/feedback`, me, { rating: 5 });
    expect(twice.status).toBe(409);
    const rows = await env.deps.db.execute(sql`SELECT * FROM session_feedback WHERE session_id = ${a.id}`);
    const stored = JSON.stringify(rows);
    expect(stored).toContain('Clear and useful');
    expect(stored).not.toMatch(/me-/);
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${a.code}/feedback`, undefined, { rating: 3 })).status).toBe(
      401,
    );
  });
});

describe('pages', () => {
  it('schedule grid and session page in English and Spanish, filters by GET', async () => {
    const c = await newConference();
    const r = await room(c.slug, 40, 'Sala Roja');
    await session(c.slug, {
      roomId: r,
      title: 'Open budgets',
      titleEs: 'Presupuestos abiertos',
      language: 'es',
      startsAt: iso(future(20, 1)),
      endsAt: iso(future(20, 2)),
    });
    const ws = await json(
      await session(c.slug, {
        type: 'workshop',
        capacity: 12,
        roomId: r,
        title: 'Maps',
        startsAt: iso(future(20, 3)),
        endsAt: iso(future(20, 4)),
      }),
    );
    const en = visibleText(await (await env.app.request(`/conferences/${c.slug}/schedule`)).text());
    expect(en).toContain('Open budgets');
    expect(en).toContain('Sala Roja');
    const es = visibleText(await (await env.app.request(`/es/conferences/${c.slug}/schedule`)).text());
    expect(es).toContain('Presupuestos abiertos');
    expect(es).toContain('programa');
    const onlyWorkshops = visibleText(await (await env.app.request(`/conferences/${c.slug}/schedule?type=workshop`)).text());
    expect(onlyWorkshops).toContain('Maps');
    expect(onlyWorkshops).not.toContain('Open budgets');
    const page = await env.app.request(`/conferences/${c.slug}/sessions/${ws.code}?tz=America/New_York`);
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain('12 seats left of 12');
    expect(text).toContain('Step-free access');
    expect(text).toContain('America/New_York');
    expect((await env.app.request(`/conferences/${c.slug}/sessions/NOPE99`)).status).toBe(404);
    const ics = await env.app.request(`/conferences/${c.slug}/sessions/${ws.code}.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VTIMEZONE');
  });
});

describe('copy, agenda conflicts and the speaker view', () => {
  it('copies a conference to another date with its programme and no people; marks overlapping stars; speakers read feedback without names', async () => {
    const c = await newConference();
    const v = await getConference(env.deps.db, c.slug);
    const r1 = await room(c.slug, 30, 'Hall A');
    const r2 = await room(c.slug, 30, 'Hall B');
    const a = await json(await session(c.slug, { roomId: r1, title: 'Alpha', startsAt: iso(future(20, 1)), endsAt: iso(future(20, 2)) }));
    const b = await json(
      await session(c.slug, {
        roomId: r2,
        title: 'Beta',
        type: 'workshop',
        capacity: 5,
        startsAt: iso(future(20, 1.5)),
        endsAt: iso(future(20, 2.5)),
      }),
    );
    const p = { name: 'Ana', email: `copy-${uid()}@example.org`, answers: {}, accessibilityNeeds: null };
    await createRsvp(env.deps.db, v.event, p, { sendEmail: false });
    expect(
      (await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${b.code}/signups`, undefined, { name: p.name, email: p.email }))
        .status,
    ).toBe(201);

    const viewer = new Browser(env);
    await viewer.signInAs(`agenda-${uid()}@example.org`, { language: 'en' });
    expect((await viewer.post(`/conferences/${c.slug}/sessions/${a.code}/star`, { star: 'on' })).status).toBe(303);
    expect((await viewer.post(`/conferences/${c.slug}/sessions/${b.code}/star`, { star: 'on' })).status).toBe(303);
    const agenda = visibleText(await (await viewer.get(`/conferences/${c.slug}/agenda`)).text());
    expect(agenda.match(/Overlaps with another session in your agenda/g)).toHaveLength(2);

    // Feedback once the session has started, then the speaker view (a signed link organizers hand on).
    await env.deps.db
      .update(conferenceSessions)
      .set({ startsAt: future(-1), endsAt: future(1) })
      .where(eq(conferenceSessions.id, a.id));
    expect((await viewer.post(`/conferences/${c.slug}/sessions/${a.code}/feedback`, { rating: '5', comment: 'Great pacing' })).status).toBe(
      200,
    );
    const again = await viewer.post(`/conferences/${c.slug}/sessions/${a.code}/feedback`, { rating: '2' });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain('You have already given feedback on this session.');
    const organizer = new Browser(env);
    await organizer.signInAs(`org-sp-${uid()}@example.org`, { role: 'organizer' });
    const sessionPage = await (await organizer.get(`/conferences/${c.slug}/sessions/${a.code}`)).text();
    const link = /href="(\/conferences\/[^"]+\/speakers\/[^"]+)"/.exec(sessionPage)![1];
    const speaker = visibleText(await (await env.app.request(link)).text());
    expect(speaker).toContain('1 rating, average 5');
    expect(speaker).toContain('Great pacing');
    expect(speaker).not.toContain('agenda-');
    expect((await env.app.request(`/conferences/${c.slug}/speakers/forged`)).status).toBe(404);

    const copy = await organizer.post(`/conferences/${c.slug}/manage/copy`, {
      title: 'School of Data Fresno',
      acronym: `copy_${uid()}`,
      firstDay: iso(future(40)).slice(0, 10),
    });
    expect(copy.status, await copy.clone().text()).toBe(303);
    const copySlug = /\/conferences\/([^/]+)\/manage/.exec(copy.headers.get('location')!)![1];
    const copied = await getConference(env.deps.db, copySlug);
    expect(copied.event.status).toBe('draft');
    const sessions = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.eventId, copied.event.id));
    expect(sessions.map((s) => s.title.en).sort()).toEqual(['Alpha', 'Beta']);
    expect(sessions.every((s) => s.seatsTaken === 0)).toBe(true);
    const copiedIds = sessions.map((s) => s.id);
    const signups = await env.deps.db.select().from(sessionSignups);
    expect(signups.some((x) => copiedIds.includes(x.sessionId))).toBe(false);
    const taken = await organizer.post(`/conferences/${c.slug}/manage/copy`, {
      title: 'Again',
      acronym: copied.conference.acronym,
      firstDay: iso(future(41)).slice(0, 10),
    });
    expect(taken.status).toBe(422);
    expect(visibleText(await taken.text())).toContain('Another conference already uses this acronym.');
  });
});
