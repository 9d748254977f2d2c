import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { diffLines } from './lib/diff';
import { getEvent } from '../events';
import { getProgram } from '../programs';

let env: TestEnv;
let admin = '';
let portland = '';
let stPaul = '';
const u = uid();
const series = `night-${u}`;
const checklist = `access-${u}`;

const seriesContent = (runOfShow: string) => ({
  title: { en: 'Civic tech night', es: 'Noche de tecnología cívica' },
  summary: { en: 'Monthly.', es: 'Mensual.' },
  runOfShow: { en: runOfShow, es: '6:00 Puertas\n6:30 Charla' },
  volunteerRoles: { en: 'Host\nCheck-in', es: 'Anfitrión\nRegistro' },
});

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${u}@example.org`, 'admin');
  for (const ch of [
    { slug: 'portland', name: { en: 'Portland' }, city: 'Portland', timeZone: 'America/Los_Angeles' },
    { slug: 'st-paul', name: { en: 'St. Paul', es: 'San Pablo' }, city: 'Saint Paul', timeZone: 'America/Chicago' },
  ]) {
    expect((await api(env, 'POST', '/api/v1/chapters', admin, ch)).status).toBe(201);
  }
  portland = await apiToken(env, `pdx-${u}@example.org`, 'organizer', 'portland');
  stPaul = await apiToken(env, `stp-${u}@example.org`, 'organizer', 'st-paul');
  const a = await api(env, 'POST', '/api/v1/playbook/templates', admin, {
    slug: series,
    kind: 'event_series',
    content: seriesContent('6:00 Doors open\r\n6:30 Talk  \n7:00 Tables'),
  });
  expect(a.status).toBe(201);
  expect(((await a.json()) as { version: number; content: { runOfShow: { en: string } } }).content.runOfShow.en).toBe(
    '6:00 Doors open\n6:30 Talk\n7:00 Tables',
  );
  const b = await api(env, 'POST', '/api/v1/playbook/templates', admin, {
    slug: checklist,
    kind: 'checklist',
    // A field of another kind is not kept.
    content: { title: { en: 'Venue access' }, items: { en: 'Ramp\nRestroom', es: 'Rampa\nBaño' }, subject: { en: 'x', es: 'x' } },
  });
  expect(b.status).toBe(201);
  expect(Object.keys(((await b.json()) as { content: object }).content).sort()).toEqual(['items', 'summary', 'title']);
});
afterAll(() => env.close());

type CopyJson = {
  template: string;
  baseVersion: number;
  networkVersion: number;
  content: Record<string, { en: string; es: string }>;
  networkChanges: { field: string; lang: string; lines: { op: string; text: string }[] }[];
};
const copiesOf = async (token: string, chapter: string) =>
  ((await (await api(env, 'GET', `/api/v1/chapters/${chapter}/playbook`, token)).json()) as { copies: CopyJson[] }).copies.filter((c) =>
    [series, checklist].includes(c.template),
  );

describe('playbook', () => {
  it('compares lines as diff does', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(diffLines('', 'x')).toEqual([{ op: 'added', text: 'x' }]);
  });

  it('refuses bad templates with clear messages and a taken slug with 409', async () => {
    const bad = await api(env, 'POST', '/api/v1/playbook/templates', admin, {
      slug: 'Not OK',
      kind: 'poster',
      content: { title: { en: '' } },
    });
    expect(bad.status).toBe(422);
    const body = JSON.stringify(await bad.json());
    expect(body).toContain('Use lowercase letters, numbers and hyphens only.');
    const taken = await api(env, 'POST', '/api/v1/playbook/templates', admin, {
      slug: series,
      kind: 'email',
      content: { title: { en: 'x' } },
    });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe('slug_taken');
    expect(
      (await api(env, 'POST', '/api/v1/playbook/templates', portland, { slug: `x-${u}`, kind: 'email', content: { title: { en: 'x' } } }))
        .status,
    ).toBe(403);
  });

  it('copies the playbook to a chapter once, even when two organizers copy at the same time', async () => {
    const [one, two] = await Promise.all([
      api(env, 'POST', '/api/v1/chapters/portland/playbook', portland, { templates: [series, checklist] }),
      api(env, 'POST', '/api/v1/chapters/portland/playbook', admin, { templates: [series, checklist] }),
    ]);
    expect([one.status, two.status]).toEqual([201, 201]);
    type Copied = { copied: string[]; kept: string[]; started: { template: string; kind: string; slug: string; path: string }[] };
    const results = [(await one.json()) as Copied, (await two.json()) as Copied];
    expect(results.flatMap((r) => r.copied).sort()).toEqual([checklist, series].sort());
    expect(results.flatMap((r) => r.kept).sort()).toEqual([checklist, series].sort());
    // The series copy started the chapter's live series and a first draft event, once; the checklist is text only.
    const started = results.flatMap((r) => r.started);
    expect(started.map((x) => [x.template, x.kind])).toEqual([
      [series, 'series'],
      [series, 'event'],
    ]);
    const liveSeries = await rows(env.deps.db, sql`SELECT slug, title FROM event_series WHERE chapter = 'portland'`);
    expect(liveSeries).toEqual([{ slug: started[0].slug, title: { en: 'Civic tech night', es: 'Noche de tecnología cívica' } }]);
    expect(started[0].path).toBe(`/events/series/${started[0].slug}`);
    const draft = await getEvent(env.deps.db, started[1].slug);
    expect([draft.status, draft.chapter, draft.timeZone, draft.startsAt > new Date()]).toEqual([
      'draft',
      'portland',
      'America/Los_Angeles',
      true,
    ]);
    expect(draft.description.en).toContain('## Run of show\n\n- 6:00 Doors open\n- 6:30 Talk\n- 7:00 Tables');
    expect(draft.description.es).toContain('## Puestos de voluntariado\n\n- Anfitrión\n- Registro');
    expect(started[1].path).toBe(`/events/${draft.slug}/edit`);
    const copies = await copiesOf(portland, 'portland');
    expect(copies.map((c) => [c.template, c.baseVersion, c.networkChanges.length]).sort()).toEqual(
      [
        [checklist, 1, 0],
        [series, 1, 0],
      ].sort(),
    );
    // Another chapter's organizer is refused; an unknown chapter or template changes nothing.
    expect((await api(env, 'POST', '/api/v1/chapters/portland/playbook', stPaul, {})).status).toBe(403);
    expect((await api(env, 'GET', '/api/v1/chapters/portland/playbook', stPaul)).status).toBe(403);
    expect((await api(env, 'POST', '/api/v1/chapters/nowhere/playbook', admin, {})).status).toBe(404);
    const unknown = await api(env, 'POST', '/api/v1/chapters/st-paul/playbook', stPaul, { templates: [series, 'no-such-template'] });
    expect(unknown.status).toBe(422);
    expect(await copiesOf(stPaul, 'st-paul')).toEqual([]);
  });

  it('keeps copies independent and shows a chapter what the network changed since it copied', async () => {
    expect((await api(env, 'POST', '/api/v1/chapters/st-paul/playbook', stPaul, { templates: [series] })).status).toBe(201);
    // Portland makes the copy its own: the network's template does not move.
    const mine = seriesContent('5:30 Doors open\n6:30 Talk\n7:00 Tables');
    expect((await api(env, 'PUT', `/api/v1/chapters/portland/playbook/${series}`, portland, { content: mine })).status).toBe(200);
    const list = (await (await api(env, 'GET', '/api/v1/playbook/templates', stPaul)).json()) as {
      templates: { slug: string; version: number; content: { runOfShow: { en: string } } }[];
    };
    const network = list.templates.find((t) => t.slug === series)!;
    expect([network.version, network.content.runOfShow.en]).toEqual([1, '6:00 Doors open\n6:30 Talk\n7:00 Tables']);

    // The network changes its template: version 2. A save from version 1 afterwards is refused.
    const next = seriesContent('6:00 Doors open\n6:30 Talk\n6:50 Break\n7:00 Tables');
    const saved = await api(env, 'PUT', `/api/v1/playbook/templates/${series}`, admin, { version: 1, content: next });
    expect(((await saved.json()) as { version: number }).version).toBe(2);
    const stale = await api(env, 'PUT', `/api/v1/playbook/templates/${series}`, admin, { version: 1, content: seriesContent('other') });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('template_changed');
    // Saving the same text again makes no version.
    expect(
      (
        (await (await api(env, 'PUT', `/api/v1/playbook/templates/${series}`, admin, { version: 2, content: next })).json()) as {
          version: number;
        }
      ).version,
    ).toBe(2);

    const pdx = (await copiesOf(portland, 'portland')).find((c) => c.template === series)!;
    expect([pdx.baseVersion, pdx.networkVersion]).toEqual([1, 2]);
    expect(pdx.content.runOfShow.en).toBe('5:30 Doors open\n6:30 Talk\n7:00 Tables');
    expect(pdx.networkChanges).toEqual([
      {
        field: 'runOfShow',
        lang: 'en',
        lines: [
          { op: 'same', text: '6:00 Doors open' },
          { op: 'same', text: '6:30 Talk' },
          { op: 'added', text: '6:50 Break' },
          { op: 'same', text: '7:00 Tables' },
        ],
      },
    ]);
    // The unchanged checklist copy stays up to date.
    expect((await copiesOf(portland, 'portland')).find((c) => c.template === checklist)!.networkChanges).toEqual([]);
  });

  it('pages: the organizer reads the changes, keeps their text or takes the network’s, in both languages', async () => {
    const b = new Browser(env);
    await b.signInAs(`pdx-page-${u}@example.org`, { role: 'organizer', scope: 'portland' });
    for (const prefix of ['', '/es']) {
      const home = visibleText(await (await b.get(`${prefix}/organize/playbook`)).text());
      expect(home).toContain(prefix ? 'Abrir un capítulo nuevo' : 'Start a new chapter');
      expect(home).toContain(prefix ? 'Noche de tecnología cívica' : 'Civic tech night');
      const html = await (await b.get(`${prefix}/organize/playbook/chapters/portland/${series}`)).text();
      expect(html).toContain(prefix ? 'La red la cambió: versión 1 → 2' : 'The network changed it: version 1 → 2');
      expect(html).toMatch(/<ins><span aria-hidden="true">\+ <\/span><span class="usa-sr-only">[^<]+<\/span>6:50 Break<\/ins>/);
    }
    expect((await b.get(`/organize/playbook/chapters/st-paul/${series}`)).status).toBe(403);
    expect((await b.get(`/organize/playbook/chapters/portland/no-such-${u}`)).status).toBe(404);

    // Keep: the copy's own text stays, and the changes are read.
    expect((await b.post(`/organize/playbook/chapters/portland/${series}/keep`, { version: '2' })).status).toBe(303);
    let pdx = (await copiesOf(portland, 'portland')).find((c) => c.template === series)!;
    expect([pdx.baseVersion, pdx.networkChanges.length, pdx.content.runOfShow.en]).toEqual([
      2,
      0,
      '5:30 Doors open\n6:30 Talk\n7:00 Tables',
    ]);
    // Taking again with an old version changes nothing.
    expect((await b.post(`/organize/playbook/chapters/portland/${series}/take`, { version: '1' })).status).toBe(303);
    pdx = (await copiesOf(portland, 'portland')).find((c) => c.template === series)!;
    expect(pdx.content.runOfShow.en).toBe('5:30 Doors open\n6:30 Talk\n7:00 Tables');

    // St. Paul takes the network's text after a confirmation page.
    const sp = new Browser(env);
    await sp.signInAs(`stp-page-${u}@example.org`, { role: 'organizer', scope: 'st-paul' });
    const ask = visibleText(await (await sp.get(`/es/organize/playbook/chapters/st-paul/${series}/take?version=2`)).text());
    expect(ask).toContain('¿Reemplazar la copia con el texto de la red?');
    expect((await sp.post(`/es/organize/playbook/chapters/st-paul/${series}/take`, { version: '2' })).status).toBe(303);
    const stp = (await copiesOf(stPaul, 'st-paul'))[0];
    expect([stp.baseVersion, stp.content.runOfShow.en]).toEqual([2, '6:00 Doors open\n6:30 Talk\n6:50 Break\n7:00 Tables']);

    // Editing a copy on its page: an empty title is refused beside the field, the text kept.
    const refused = await sp.post(`/organize/playbook/chapters/st-paul/${series}`, {
      'content.title.en': '',
      'content.title.es': 'Noche',
      'content.runOfShow.en': 'Kept text',
    });
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('usa-error-message');
    expect(page).toContain('Kept text');
    expect((await copiesOf(stPaul, 'st-paul'))[0].content.title.en).toBe('Civic tech night');
  });

  it('pages: copying from the form, and an admin writing a template', async () => {
    const b = new Browser(env);
    await b.signInAs(`stp-form-${u}@example.org`, { role: 'organizer', scope: 'st-paul' });
    const none = await b.post('/organize/playbook/copy', { chapter: 'st-paul' });
    expect(none.status).toBe(422);
    expect(visibleText(await none.text())).toContain('Choose templates from the list.');
    expect((await b.post('/organize/playbook/copy', { chapter: 'portland', [`template.${checklist}`]: 'on' })).status).toBe(403);
    const ok = await b.post('/organize/playbook/copy', {
      chapter: 'st-paul',
      [`template.${checklist}`]: 'on',
      [`template.${series}`]: 'on',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/organize/playbook/chapters/st-paul?copied=1');
    expect(visibleText(await (await b.get('/organize/playbook/chapters/st-paul?copied=1')).text())).toContain(
      '1 template copied to the chapter.',
    );
    expect((await b.get('/organize/playbook/new')).status).toBe(403);

    const a = new Browser(env);
    await a.signInAs(`admin-form-${u}@example.org`, { role: 'admin' });
    const bad = await a.post('/es/organize/playbook/new', { slug: 'Mala', kind: 'email', 'content.title.en': '' });
    expect(bad.status).toBe(422);
    const text = visibleText(await bad.text());
    expect(text).toContain('Use solo letras minúsculas, números y guiones.');
    const made = await a.post('/organize/playbook/new', {
      slug: `welcome-${u}`,
      kind: 'email',
      'content.title.en': 'Welcome',
      'content.body.es': 'Hola',
    });
    expect(made.status).toBe(303);
    // Two admins editing version 1: the second is told, and their text stays on the page.
    expect((await a.post(`/organize/playbook/templates/welcome-${u}`, { version: '1', 'content.title.en': 'Welcome!' })).status).toBe(303);
    const late = await a.post(`/organize/playbook/templates/welcome-${u}`, { version: '1', 'content.title.en': 'Hello there' });
    expect(late.status).toBe(409);
    const latePage = await late.text();
    expect(latePage).toContain('usa-alert--error');
    expect(latePage).toContain('value="Hello there"');
    expect(latePage).toContain('name="version" value="2"');
  });
  it('a program template copied to a chapter starts the chapter’s program to finish, shown on the chapter’s page', async () => {
    const slug = `cohort-${u}`;
    const t = await api(env, 'POST', '/api/v1/playbook/templates', admin, {
      slug,
      kind: 'program',
      content: {
        title: { en: 'Civic fellows', es: 'Becarios cívicos' },
        summary: { en: 'Twelve weeks.', es: 'Doce semanas.' },
        sessions: { en: 'Kickoff\nDemo day', es: 'Inicio\nDía de demostración' },
        deliverables: { en: 'Prototype', es: 'Prototipo' },
      },
    });
    expect(t.status).toBe(201);
    const res = await api(env, 'POST', '/api/v1/chapters/st-paul/playbook', stPaul, { templates: [slug] });
    const body = (await res.json()) as { copied: string[]; started: { kind: string; slug: string; path: string }[] };
    expect(body.copied).toEqual([slug]);
    expect(body.started.map((x) => x.kind)).toEqual(['program']);
    const p = await getProgram(env.deps.db, body.started[0].slug);
    expect([p.chapter, p.timeZone, p.title.en, p.applicationDeadline > new Date()]).toEqual([
      'st-paul',
      'America/Chicago',
      'Civic fellows',
      true,
    ]);
    expect(p.description.es).toContain('## Sesiones\n\n- Inicio\n- Día de demostración');
    // Copying again keeps the copy and starts nothing more.
    const again = (await (
      await api(env, 'POST', '/api/v1/chapters/st-paul/playbook', stPaul, { templates: [slug] })
    ).json()) as typeof body;
    expect([again.copied, again.started]).toEqual([[], []]);
    const b = new Browser(env);
    await b.signInAs(`stp2-${u}@example.org`, { role: 'organizer', scope: 'st-paul' });
    const es = await b.get('/es/organize/playbook/chapters/st-paul');
    expect(es.status).toBe(200);
    const html = await es.text();
    expect(html).toContain(`href="/es/programs/${p.slug}/edit"`);
    expect(visibleText(html)).toContain(`Programa ${p.slug}: fija sus fechas antes de compartirlo`);
  });
});
