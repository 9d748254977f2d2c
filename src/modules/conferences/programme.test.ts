import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { invalidatePublicCache, publicCacheStats } from '../../platform/http/page-cache';
import { createHttpServer } from '../../server';
import { createRsvp } from '../events';
import { conferencesModule, getConference } from '.';
import { agendaStars, conferenceRooms, conferenceSessions, conferenceTracks, sessionSignups } from './schema';

// Changing and deleting rooms, tracks and sessions (API and pages), and the exports kept by the page cache.

let env: TestEnv;
let org: string;
const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  org = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(async () => env.close());

/** A published conference with a room, a track and the given sessions (each an hour, one after another). */
async function programme(e: TestEnv, token: string, sessions: Record<string, unknown>[] = []) {
  const acronym = `p_${uid()}`;
  const post = async (path: string, body: unknown) => {
    const r = await api(e, 'POST', path, token, body);
    expect(r.status, await r.clone().text()).toBe(201);
    return json(r);
  };
  const c = await post('/api/v1/conferences', {
    title: `Tech for the Public ${acronym}`,
    titleEs: `Tecnología para el público ${acronym}`,
    acronym,
    startsAt: future(20),
    endsAt: future(22),
    timeZone: 'America/Los_Angeles',
    status: 'published',
  });
  const base = `/api/v1/conferences/${c.slug}`;
  const room = (await post(`${base}/rooms`, { name: 'Main hall', capacity: 40, accessibility: { stepFree: true } })).id as string;
  const track = (await post(`${base}/tracks`, { name: 'Data', nameEs: 'Datos', color: '#005ea2' })).id as string;
  const made = [];
  for (const [i, s] of sessions.entries())
    made.push(
      await post(`${base}/sessions`, {
        title: `Session ${i}`,
        titleEs: `Sesión ${i}`,
        type: 'talk',
        language: 'en',
        roomId: room,
        trackId: track,
        startsAt: future(20, 2 * i + 1),
        endsAt: future(20, 2 * i + 2),
        speakers: [{ name: `Speaker ${i}` }],
        ...s,
      }),
    );
  return { slug: c.slug as string, acronym, base, room, track, sessions: made as { id: string; code: string; guid: string }[] };
}

/** People registered for the conference who then sign up for the workshop, in the given languages. */
async function signUps(slug: string, code: string, languages: ('en' | 'es')[]) {
  const v = await getConference(env.deps.db, slug);
  const people = languages.map((language, i) => ({ name: `Asistente ${i}`, email: `a${i}-${uid()}@example.org`, language }));
  for (const p of people) {
    await createRsvp(env.deps.db, v.event, { ...p, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
    const r = await api(env, 'POST', `/api/v1/conferences/${slug}/sessions/${code}/signups`, undefined, { name: p.name, email: p.email });
    expect(r.status).toBe(201);
  }
  return people;
}

describe('rooms and tracks through the API', () => {
  it('changes a track and a room; a partial change keeps the rest', async () => {
    const p = await programme(env, org);
    expect((await api(env, 'PATCH', `${p.base}/tracks/${p.track}`, org, { nameEs: 'Datos abiertos', color: '#1a4480' })).status).toBe(200);
    const [t] = await env.deps.db.select().from(conferenceTracks).where(eq(conferenceTracks.id, p.track));
    expect(t.name).toEqual({ en: 'Data', es: 'Datos abiertos' });
    expect(t.color).toBe('#1a4480');
    const room = await api(env, 'PATCH', `${p.base}/rooms/${p.room}`, org, { name: 'Sala Norte', accessibility: { cart: true } });
    expect(room.status).toBe(200);
    const [r] = await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room));
    expect(r.name).toBe('Sala Norte');
    expect(r.capacity).toBe(40);
    expect(r.accessibility).toMatchObject({ stepFree: true, cart: true, hearingLoop: false });
    // Bad input: a translated message per field, nothing saved.
    const bad = await api(env, 'PATCH', `${p.base}/rooms/${p.room}`, org, { capacity: 0, name: '' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify((await json(bad)).error)).toContain('Enter a whole number of at least 1.');
    expect((await api(env, 'PATCH', `${p.base}/tracks/${p.track}`, org, { color: 'blue' })).status).toBe(422);
    const [same] = await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room));
    expect(same.capacity).toBe(40);
    // Not found, another conference's room, not an organizer.
    expect((await api(env, 'PATCH', `${p.base}/rooms/nope`, org, { name: 'X' })).status).toBe(404);
    const other = await programme(env, org);
    expect((await api(env, 'PATCH', `${other.base}/rooms/${p.room}`, org, { name: 'X' })).status).toBe(404);
    const member = await apiToken(env, `m-${uid()}@example.org`);
    expect((await api(env, 'PATCH', `${p.base}/rooms/${p.room}`, member, { name: 'X' })).status).toBe(403);
    expect((await api(env, 'DELETE', `${p.base}/rooms/${p.room}`, member)).status).toBe(403);
  });

  it('lowers workshop seats to fit a smaller room, never below the seats people hold', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 30 }]);
    const ws = p.sessions[0];
    await signUps(p.slug, ws.code, ['en', 'es', 'en']);
    const below = await api(env, 'PATCH', `${p.base}/rooms/${p.room}`, org, { capacity: 2 });
    expect(below.status).toBe(422);
    const err = (await json(below)).error;
    expect(err.fields.capacity).toBe(`The workshop ${ws.code} already has 3 people with a seat: the room must hold at least that many.`);
    const [kept] = await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room));
    expect(kept.capacity).toBe(40);
    expect((await api(env, 'PATCH', `${p.base}/rooms/${p.room}`, org, { capacity: 3 })).status).toBe(200);
    const [s] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, ws.id));
    expect(s.capacity).toBe(3);
    expect(s.seatsTaken).toBe(3);
  });

  it('refuses to delete a room or track still in use (409, saying how many), then deletes it once free', async () => {
    const p = await programme(env, org, [{}, {}]);
    const room = await api(env, 'DELETE', `${p.base}/rooms/${p.room}`, org);
    expect(room.status).toBe(409);
    expect((await json(room)).error).toMatchObject({
      code: 'room_in_use',
      message: 'This room still has 2 sessions. Move them to another room or delete them first.',
    });
    const track = await api(env, 'DELETE', `${p.base}/tracks/${p.track}`, org);
    expect(track.status).toBe(409);
    expect((await json(track)).error.message).toBe(
      'This track is still in use: 2 sessions, 0 proposals. Move them to another track first.',
    );
    expect(await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room))).toHaveLength(1);

    for (const s of p.sessions) expect((await api(env, 'DELETE', `${p.base}/sessions/${s.code}`, org)).status).toBe(200);
    expect((await api(env, 'DELETE', `${p.base}/tracks/${p.track}`, org)).status).toBe(204);
    expect((await api(env, 'DELETE', `${p.base}/rooms/${p.room}`, org)).status).toBe(204);
    expect((await api(env, 'DELETE', `${p.base}/rooms/${p.room}`, org)).status).toBe(404);
    expect(await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room))).toHaveLength(0);
  });

  it('a PATCH of the conference changes only what it names (a published symposium stays one)', async () => {
    const p = await programme(env, org);
    expect((await api(env, 'PATCH', p.base, org, { kind: 'symposium' })).status).toBe(200);
    const r = await json(await api(env, 'PATCH', p.base, org, { title: 'Renamed' }));
    expect(r).toMatchObject({ status: 'published', kind: 'symposium', title: { en: 'Renamed' } });
  });

  it('a clash names the session it clashes with, in the field’s message too', async () => {
    const p = await programme(env, org, [{}]);
    const [s] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, p.sessions[0].id));
    const clash = await api(env, 'POST', `${p.base}/sessions`, org, {
      title: 'Clash',
      type: 'talk',
      language: 'en',
      roomId: p.room,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    });
    expect(clash.status).toBe(409);
    expect((await json(clash)).error.fields.roomId).toBe(`This room already has a session at that time (${s.code}).`);
  });

  it('the routes are in the API document', async () => {
    const doc = await json(await env.app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths['/api/v1/conferences/{slug}/rooms/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(Object.keys(doc.paths['/api/v1/conferences/{slug}/tracks/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(Object.keys(doc.paths['/api/v1/conferences/{slug}/sessions/{code}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
  });
});

describe('deleting a session', () => {
  it('releases its sign-ups and emails each person in their language; stars go too', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 2, title: 'Hands-on maps', titleEs: 'Mapas en la práctica' }]);
    const ws = p.sessions[0];
    const people = await signUps(p.slug, ws.code, ['en', 'es', 'es']);
    const [someone] = await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.sessionId, ws.id));
    await env.deps.db.insert(agendaStars).values({ personId: someone.personId, sessionId: ws.id });
    // Their confirmation emails first, so what follows is only the news of the deletion.
    await drainTasks(env.deps, conferencesModule.tasks!);
    const gone = await api(env, 'DELETE', `${p.base}/sessions/${ws.code}`, org);
    expect(gone.status).toBe(200);
    expect(await json(gone)).toEqual({ released: 3 });
    expect(await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.sessionId, ws.id))).toHaveLength(0);
    expect(await env.deps.db.select().from(agendaStars).where(eq(agendaStars.sessionId, ws.id))).toHaveLength(0);
    expect((await env.app.request(`/conferences/${p.slug}/sessions/${ws.code}`)).status).toBe(404);
    expect((await api(env, 'DELETE', `${p.base}/sessions/${ws.code}`, org)).status).toBe(404);

    await drainTasks(env.deps, conferencesModule.tasks!);
    for (const person of people) {
      const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, person.email));
      const news = mails.filter((m) => /Cancelled|Cancelada/.test(m.subject));
      expect(news).toHaveLength(1);
      expect(news[0].subject).toBe(person.language === 'es' ? 'Cancelada: Mapas en la práctica' : 'Cancelled: Hands-on maps');
      expect(news[0].text).toContain(person.language === 'es' ? 'no se celebrará' : 'will not take place');
    }
  });
});

describe('deleting while people sign up', () => {
  it('each sign-up either lands before the deletion (and hears of it) or finds the session gone: never an error', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 5, title: 'Race', titleEs: 'Carrera' }]);
    const ws = p.sessions[0];
    const v = await getConference(env.deps.db, p.slug);
    const people = Array.from({ length: 8 }, (_, i) => ({
      name: `Persona ${i}`,
      email: `race${i}-${uid()}@example.org`,
      language: 'es' as const,
    }));
    for (const person of people)
      await createRsvp(env.deps.db, v.event, { ...person, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
    await drainTasks(env.deps, conferencesModule.tasks!);
    const answers = await Promise.all([
      ...people.map((person) =>
        api(env, 'POST', `/api/v1/conferences/${p.slug}/sessions/${ws.code}/signups`, undefined, {
          name: person.name,
          email: person.email,
        }),
      ),
      api(env, 'DELETE', `${p.base}/sessions/${ws.code}`, org),
    ]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((st) => st === 200 || st === 201 || st === 404)).toBe(true);
    const deleted = answers.at(-1)!;
    expect(deleted.status).toBe(200);
    const { released } = (await json(deleted)) as { released: number };
    // Everyone who got in before the deletion is released and told; nobody is left behind.
    expect(released).toBe(answers.slice(0, -1).filter((r) => r.status === 201).length);
    expect(await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.sessionId, ws.id))).toHaveLength(0);
  });
});

describe('more seats', () => {
  it('raising a workshop’s seats seats the first in line at once', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 1 }]);
    const ws = p.sessions[0];
    const people = await signUps(p.slug, ws.code, ['en', 'es', 'en']);
    expect((await api(env, 'PATCH', `${p.base}/sessions/${ws.code}`, org, { capacity: 2 })).status).toBe(200);
    const rows = await env.deps.db.select().from(sessionSignups).where(eq(sessionSignups.sessionId, ws.id));
    const status = (email: string) => rows.find((r) => r.email === email)?.status;
    expect(people.map((x) => status(x.email))).toEqual(['confirmed', 'confirmed', 'waitlist']);
    const [s] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, ws.id));
    expect(s.seatsTaken).toBe(2);
  });
});

describe('organizer pages', () => {
  it('edit a room and a track from their pages; refusals beside the field, values kept', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 20 }]);
    await signUps(p.slug, p.sessions[0].code, ['es', 'es']);
    const b = new Browser(env);
    await b.signInAs(`org-p-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const manage = await (await b.get(`/es/conferences/${p.slug}/manage`)).text();
    expect(manage).toContain(`href="/es/conferences/${p.slug}/manage/rooms/${p.room}"`);
    expect(manage).toContain(`href="/es/conferences/${p.slug}/manage/tracks/${p.track}/delete"`);
    expect(manage).toContain(`href="/es/conferences/${p.slug}/manage/sessions/${p.sessions[0].code}/delete"`);

    const form = await (await b.get(`/es/conferences/${p.slug}/manage/rooms/${p.room}`)).text();
    expect(form).toContain('value="Main hall"');
    expect(form).toMatch(/id="r-access-stepFree"[^>]*checked/);
    const low = await b.post(`/es/conferences/${p.slug}/manage/rooms/${p.room}`, { name: 'Sala grande', capacity: '1' });
    expect(low.status).toBe(422);
    const lowHtml = await low.text();
    expect(lowHtml).toContain('usa-error-message');
    expect(visibleText(lowHtml)).toContain('ya tiene 2 personas con plaza: la sala debe tener al menos ese aforo.');
    expect(lowHtml).toContain('value="Sala grande"');
    const saved = await b.post(`/es/conferences/${p.slug}/manage/rooms/${p.room}`, {
      name: 'Sala grande',
      capacity: '25',
      'accessibility.hearingLoop': 'on',
    });
    expect(saved.status).toBe(303);
    const [r] = await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room));
    expect(r).toMatchObject({ name: 'Sala grande', capacity: 25 });
    // An unticked box is "no" on a form that shows them all.
    expect(r.accessibility).toMatchObject({ stepFree: false, hearingLoop: true });

    expect(await (await b.get(`/es/conferences/${p.slug}/manage/tracks/${p.track}`)).text()).toContain('value="Datos"');
    const badColour = await b.post(`/es/conferences/${p.slug}/manage/tracks/${p.track}`, { name: 'Data', nameEs: 'Datos', color: 'azul' });
    expect(badColour.status).toBe(422);
    expect(visibleText(await badColour.text())).toContain('Usa un color como #1a4480.');
    const track = await b.post(`/es/conferences/${p.slug}/manage/tracks/${p.track}`, { name: 'Open data', nameEs: '', color: '' });
    expect(track.status).toBe(303);
    const [t] = await env.deps.db.select().from(conferenceTracks).where(eq(conferenceTracks.id, p.track));
    expect(t).toMatchObject({ name: { en: 'Open data', es: null }, color: null });
    expect((await b.get(`/es/conferences/${p.slug}/manage/rooms/${uid()}`)).status).toBe(404);
  });

  it('deletions ask first on a page of their own; a room in use is refused in an error alert', async () => {
    const p = await programme(env, org, [{ type: 'workshop', capacity: 20 }]);
    const ws = p.sessions[0];
    await signUps(p.slug, ws.code, ['en', 'es']);
    const b = new Browser(env);
    await b.signInAs(`org-d-${uid()}@example.org`, { role: 'organizer' });
    const ask = await (await b.get(`/es/conferences/${p.slug}/manage/sessions/${ws.code}/delete`)).text();
    expect(visibleText(ask)).toContain('¿Eliminar la sesión «Sesión 0»?');
    expect(visibleText(ask)).toContain('Las 2 personas inscritas (con plaza o en la lista de espera) recibirán un correo');
    expect(ask).toContain(`action="/es/conferences/${p.slug}/manage/sessions/${ws.code}/delete"`);
    const askRoom = await (await b.get(`/conferences/${p.slug}/manage/rooms/${p.room}/delete`)).text();
    expect(visibleText(askRoom)).toContain('Delete the room "Main hall"?');

    const refused = await b.post(`/es/conferences/${p.slug}/manage/rooms/${p.room}/delete`, {});
    expect(refused.status).toBe(409);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('usa-alert--error');
    expect(visibleText(refusedHtml)).toContain('Esta sala todavía tiene 1 sesión. Muévela a otra sala o elimínala primero.');

    const done = await b.post(`/es/conferences/${p.slug}/manage/sessions/${ws.code}/delete`, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/es/conferences/${p.slug}/manage?released=2`);
    const after = visibleText(await (await b.get(done.headers.get('location')!)).text());
    expect(after).toContain('Sesión eliminada. Estamos avisando por correo a las 2 personas inscritas.');
    expect((await b.post(`/es/conferences/${p.slug}/manage/tracks/${p.track}/delete`, {})).headers.get('location')).toBe(
      `/es/conferences/${p.slug}/manage?deleted=1`,
    );
    expect((await b.post(`/es/conferences/${p.slug}/manage/rooms/${p.room}/delete`, {})).status).toBe(303);
    expect(await env.deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, p.room))).toHaveLength(0);
  });
});

describe('exports kept by the page cache', () => {
  let cached: TestEnv;
  let token: string;
  beforeAll(async () => {
    cached = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '60' });
    token = await apiToken(cached, `org-c-${uid()}@example.org`, 'organizer');
  });
  afterAll(async () => cached.close());

  const get = (path: string, headers: Record<string, string> = {}) => cached.app.request(path, { headers });

  it('answers from memory with an ETag, 304 and compression, and is right again just after each edit', async () => {
    const p = await programme(cached, token, [{ title: 'Budgets in plain words', titleEs: 'Presupuestos en palabras sencillas' }, {}]);
    const xmlPath = `/conferences/${p.slug}/schedule.xml`;
    const first = await get(xmlPath);
    const xml = await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const before = publicCacheStats().hits;
    const again = await get(xmlPath);
    expect(await again.text()).toBe(xml);
    expect(publicCacheStats().hits).toBe(before + 1);
    expect((await get(xmlPath, { 'if-none-match': etag! })).status).toBe(304);
    const br = await get(xmlPath, { 'accept-encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(xml);
    expect(await (await get(`${xmlPath}?lang=es`)).text()).toContain('<title>Presupuestos en palabras sencillas</title>');

    // Every kind of change shows in the very next answer: room, track, session, speakers, the conference row.
    await api(cached, 'PATCH', `${p.base}/rooms/${p.room}`, token, { name: 'Sala Norte' });
    expect(await (await get(xmlPath)).text()).toContain('name="Sala Norte"');
    await api(cached, 'PATCH', `${p.base}/tracks/${p.track}`, token, { nameEs: 'Datos públicos' });
    expect(await (await get(`/conferences/${p.slug}/schedule.json?lang=es`)).text()).toContain('"track":"Datos públicos"');
    await api(cached, 'PATCH', `${p.base}/sessions/${p.sessions[0].code}`, token, { speakers: [{ name: 'Zoë Núñez' }] });
    expect(await (await get(xmlPath)).text()).toContain('Zoë Núñez');
    await api(cached, 'DELETE', `${p.base}/sessions/${p.sessions[1].code}`, token);
    expect(await (await get(xmlPath)).text()).not.toContain(p.sessions[1].guid);
    const acronym = `r_${uid()}`;
    expect((await api(cached, 'PATCH', p.base, token, { acronym })).status).toBe(200);
    const renamed = await get(xmlPath);
    expect(await renamed.text()).toContain(`<acronym>${acronym}</acronym>`);
    expect(renamed.headers.get('etag')).not.toBe(etag);
    const ics = await get(`/conferences/${p.slug}/schedule.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('Sala Norte');

    // A change by another server reaches this one as a cleared cache: the programme is read again.
    await cached.deps.db.update(conferenceRooms).set({ name: 'Sala Sur' }).where(eq(conferenceRooms.id, p.room));
    invalidatePublicCache();
    expect(await (await get(xmlPath)).text()).toContain('name="Sala Sur"');
  });

  it('a kept export leaves from the server’s listener, as pages do', async () => {
    const p = await programme(cached, token, [{}]);
    const server = createHttpServer(cached.app, cached.deps);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/conferences/${p.slug}/schedule.xml`;
      const fetchOnce = () =>
        new Promise<{ status: number; body: string }>((resolve, reject) =>
          http
            .get(url, (res) => {
              let body = '';
              res.on('data', (d: Buffer) => (body += d.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            })
            .on('error', reject),
        );
      const a = await fetchOnce();
      await fetchOnce();
      const early = publicCacheStats().early;
      const c = await fetchOnce();
      expect(publicCacheStats().early).toBe(early + 1);
      expect(c).toEqual(a);
      expect(a.body).toContain(p.sessions[0].guid);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a draft’s export is for its organizers only and never kept', async () => {
    const p = await programme(cached, token, [{}]);
    await api(cached, 'PATCH', p.base, token, { status: 'draft' });
    expect((await get(`/conferences/${p.slug}/schedule.xml`)).status).toBe(404);
    const b = new Browser(cached);
    await b.signInAs(`org-x-${uid()}@example.org`, { role: 'organizer' });
    expect((await b.get(`/conferences/${p.slug}/schedule.xml`)).status).toBe(200);
    expect((await get(`/conferences/${p.slug}/schedule.xml`)).status).toBe(404);
  });
});
