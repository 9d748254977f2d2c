import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensurePerson } from '../people';

let env: TestEnv;
let admin = '';
const Q = 'preset=custom&from=2026-01-01&to=2026-03-31';

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${uid()}@example.org`, 'admin');
  for (const ch of [
    { slug: 'portland', name: { en: 'Portland' }, city: 'Portland', timeZone: 'America/Los_Angeles' },
    { slug: 'st-paul', name: { en: 'St. Paul', es: 'San Pablo' }, city: 'Saint Paul', timeZone: 'America/Chicago' },
  ]) {
    expect((await api(env, 'POST', '/api/v1/chapters', admin, ch)).status).toBe(201);
  }
  const res = await api(env, 'POST', '/api/v1/events', admin, {
    title: { en: 'Café y Datos' },
    chapter: 'portland',
    startsAt: '2026-02-10T18:00',
    endsAt: '2026-02-10T20:00',
    timeZone: 'America/Los_Angeles',
  });
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 7; i++) {
    const { person } = await ensurePerson(env.deps.db, { email: `p${i}-${uid()}@example.org`, fullName: `Persona ${i}` });
    await env.deps.db.execute(
      sql`INSERT INTO rsvps (event_id, person_id, name, email, status, ticket_code, checked_in_at)
          VALUES (${id}, ${person.id}, ${person.fullName}, ${person.email}, 'going', ${uid()}, ${i < 2 ? new Date() : null})`,
    );
  }
});
afterAll(() => env.close());

describe('impact pages', () => {
  it('the dashboard draws each chart as SVG with a title, a description and a table, in both languages', async () => {
    const b = new Browser(env);
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    for (const prefix of ['', '/es']) {
      const res = await b.get(`${prefix}/organize/impact?${Q}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/<svg role="img" aria-labelledby="chart-per-event-title chart-per-event-desc"/);
      expect(html).toContain('<title id="chart-per-event-title">');
      expect(html).toContain('<desc id="chart-per-event-desc">');
      const text = visibleText(html);
      expect(text).toContain(prefix ? 'Inscripciones' : 'RSVPs');
      // Two attendees: exact for the organizer, marked as hidden publicly.
      expect(text).toContain(prefix ? '2 (oculto al público)' : '2 (hidden publicly)');
    }
    expect((await b.get(`/organize/impact?${Q}&chapter=st-paul`)).status).toBe(403);
    expect((await b.get('/organize/impact/network')).status).toBe(403);
  });

  it('"Our impact" is 404 until published, then shows the chosen figures with small counts hidden', async () => {
    const visitor = new Browser(env);
    expect((await visitor.get('/chapters/portland/impact')).status).toBe(404);
    const b = new Browser(env);
    await b.signInAs(`org2-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    const post = await b.post('/organize/impact/publication', {
      chapter: 'portland',
      from: '2026-01-01',
      to: '2026-03-31',
      metrics: ['events', 'rsvps', 'attendees_non_government'],
      published: 'true',
    });
    expect(post.status).toBe(303);
    const page = await visitor.get('/es/chapters/portland/impact');
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain('Nuestro impacto en Portland');
    expect(text).toContain('Inscripciones');
    expect(text).toContain('menos de 5');
    expect(text).not.toContain('Asistentes del gobierno');
    expect((await visitor.get('/impact')).status).toBe(404);
    expect((await visitor.get('/chapters/nowhere/impact')).status).toBe(404);
  });

  it('the grant report comes as a printable page, a CSV and a PDF whose text keeps its accents', async () => {
    const b = new Browser(env);
    await b.signInAs(`org3-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    const fields = {
      from: '2026-01-01',
      to: '2026-03-31',
      chapters: 'portland',
      narrativeEn: 'A good year.',
      narrativeEs: 'Un año de crecimiento en Núñez.',
      language: 'es',
    };
    const html = await b.post('/organize/impact/report', { ...fields, format: 'html' });
    expect(html.status).toBe(200);
    const text = visibleText(await html.text());
    expect(text).toContain('Un año de crecimiento en Núñez.');
    expect(text).toContain('Cifras ocultas:');
    const csv = await b.post('/organize/impact/report', { ...fields, format: 'csv' });
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('metric,chapter,from,to,value,suppressed');
    const pdf = await b.post('/organize/impact/report', { ...fields, format: 'pdf' });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Text is drawn as text (TJ operators) in WinAnsi: "Núñez" is 4E FA F1 65 7A in the content stream.
    const content = bytes.toString('latin1');
    const hexStrings = [...content.matchAll(/<([0-9a-f]+)>/gi)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('');
    expect(hexStrings).toContain('Núñez');
    expect(hexStrings).toContain('Informe para la subvención');
    const other = await b.post('/organize/impact/report', { ...fields, chapters: 'st-paul', format: 'html' });
    expect(other.status).toBe(403);
    const bad = await b.post('/organize/impact/report', { ...fields, from: '2026-05-01', format: 'html' });
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('The end date must be on or after the start date.');
  });

  it('admins see the network side by side', async () => {
    const b = new Browser(env);
    await b.signInAs(`adm-${uid()}@example.org`, { role: 'admin' });
    const res = await b.get(`/organize/impact/network?${Q}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain('Portland');
    expect(text).toContain('St. Paul');
    expect(text).toContain('Events and RSVPs by month');
    // A line per chapter over the twelve months, each value named in the description and the table.
    expect(html).toContain('<title id="trend-chapters-title">RSVPs per chapter, by month</title>');
    expect(html).toMatch(/<desc id="trend-chapters-desc">[^<]*Portland: 2025-04 0,[^;<]*2026-02 7, 2026-03 0;/);
    expect(html).toMatch(/St\. Paul: 2025-04 0,[^;<]*2026-03 0/);
    expect((html.match(/<polyline /g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});

describe('chapter pages', () => {
  it('lists the chapters publicly, in Spanish with their Spanish names', async () => {
    const text = visibleText(await (await new Browser(env).get('/es/chapters')).text());
    expect(text).toContain('San Pablo');
    expect(text).toContain('Portland');
  });

  it('an admin starts a chapter from the page; a taken code is refused next to the field', async () => {
    const b = new Browser(env);
    await b.signInAs(`adm2-${uid()}@example.org`, { role: 'admin' });
    const fields = { slug: 'fresno', 'name.en': 'Fresno', 'name.es': '', city: 'Fresno', timeZone: 'America/Los_Angeles' };
    expect((await b.post('/organize/chapters', fields)).status).toBe(303);
    const again = await b.post('/organize/chapters', fields);
    expect(again.status).toBe(422);
    expect(visibleText(await again.text())).toContain('Another chapter already uses this code.');
  });

  it('an organizer adds a co-organizer to their own chapter only', async () => {
    const b = new Browser(env);
    await b.signInAs(`org4-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    const ok = await b.post('/organize/chapters/organizers', {
      chapter: 'portland',
      email: `new-${uid()}@example.org`,
      name: 'Ngozi Adébáyọ̀',
    });
    expect(ok.status).toBe(303);
    const list = visibleText(await (await b.get('/organize/chapters')).text());
    expect(list).toContain('Ngozi Adébáyọ̀');
    expect((await b.post('/organize/chapters/organizers', { chapter: 'st-paul', email: `x-${uid()}@example.org` })).status).toBe(403);
  });
});

describe('figures from follow-ups', () => {
  it('an organizer enters placements for their chapter with the source; another chapter is refused', async () => {
    const b = new Browser(env);
    await b.signInAs(`org5-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    const entry = {
      chapter: 'portland',
      from: '2026-01-01',
      to: '2026-03-31',
      metric: 'placements',
      value: '6',
      people: '6',
      note: 'Follow-up calls',
    };
    expect((await b.post('/organize/impact/entries', entry)).status).toBe(303);
    const text = visibleText(await (await b.get(`/organize/impact?${Q}&chapter=portland`)).text());
    expect(text).toMatch(/Placements\s*6\b/);
    expect((await b.post('/organize/impact/entries', { ...entry, value: 'many' })).status).toBe(422);
    expect((await b.post('/organize/impact/entries', { ...entry, chapter: 'st-paul' })).status).toBe(403);
  });
});

describe('a refused publication', () => {
  it('names the problem, translated, and changes nothing', async () => {
    const b = new Browser(env);
    await b.signInAs(`adm3-${uid()}@example.org`, { role: 'admin' });
    const res = await b.post('/es/organize/impact/publication', {
      chapter: 'María José Núñez',
      from: '2026-01-01',
      to: '2026-03-31',
      published: 'true',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    // Shown as an error alert, as every refused form is (the hostile-input sweep looks for it).
    expect(html).toMatch(/usa-alert--error/);
    expect(visibleText(html)).toContain('No hay ningún capítulo con este identificador.');
    const bad = await b.post('/organize/impact/publication', { chapter: '', from: 'soon', to: '2026-03-31', published: 'true' });
    expect(visibleText(await bad.text())).toContain('Use a date like 2026-03-31.');
  });
});
