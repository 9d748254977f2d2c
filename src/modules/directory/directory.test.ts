import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter, ensurePerson } from '../people';
import { upsertAgency } from '../jobs';
import { directorySuggestions, initiatives, interestResponses, organizations, posts } from './schema';
import { outbox } from '../../platform/mail/schema';
import { findPersonByEmail } from '../people';
import { recommendationCountsByStatus } from '.';
import { eraseDirectoryData, exportDirectoryData, postsCameDue } from './service';

let env: TestEnv;
let organizer: string;
let member: string;
let u: string;

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const HARD = `Zoë "<b>x</b>" O'Brien-Ñúñez 김민준`;

beforeAll(async () => {
  env = await testEnv();
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  organizer = await apiToken(env, `org-${u}@example.org`, 'organizer', 'los-angeles');
  member = await apiToken(env, `member-${u}@example.org`);
  for (const [path, key, name, nameEs] of [
    ['/api/v1/goals', 'talent', 'Attract and retain technology talent', 'Atraer y retener talento tecnológico'],
    ['/api/v1/goals', 'procurement', 'Open up procurement', 'Abrir las compras públicas'],
    ['/api/v1/topics', 'data', 'Data', 'Datos'],
    ['/api/v1/topics', 'hiring', 'Hiring', 'Contratación'],
  ]) {
    const res = await api(env, 'POST', path, organizer, { key, name, nameEs });
    expect(res.status, `${path} ${key}`).toBe(201);
  }
});
afterAll(() => env.close());

const orgBody = (over: Record<string, unknown> = {}) => ({ name: `Org ${uid()}`, kind: 'nonprofit', ...over });

describe('goals and topics', () => {
  it('are kept by organizers: members 403, no token 401, a key in use 409, a bad key 422', async () => {
    expect((await api(env, 'POST', '/api/v1/goals', member, { key: 'x', name: 'X' })).status).toBe(403);
    expect((await api(env, 'POST', '/api/v1/topics', undefined, { key: 'x', name: 'X' })).status).toBe(401);
    expect((await api(env, 'POST', '/api/v1/goals', organizer, { key: 'talent', name: 'Again' })).status).toBe(409);
    expect((await api(env, 'POST', '/api/v1/goals', organizer, { key: 'Not A Key', name: 'X' })).status).toBe(422);
    const list = (await (await api(env, 'GET', '/api/v1/goals')).json()) as { goals: { key: string }[] };
    expect(list.goals.map((g) => g.key)).toEqual(expect.arrayContaining(['talent', 'procurement']));
  });
});

describe('organizations', () => {
  it('are created, read and changed through the API, with a clean URL', async () => {
    const res = await api(env, 'POST', '/api/v1/organizations', organizer, {
      name: HARD,
      nameEs: 'Organización difícil',
      kind: 'community',
      city: 'Los Ángeles',
      region: 'Southern California',
      website: 'https://example.org/',
      description: 'Neighbours building things',
      contactEmail: 'hello@example.org',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; slug: string; url: string };
    expect(created.url).toBe(`http://pathways.test/organizations/${created.slug}`);
    const got = (await (await api(env, 'GET', `/api/v1/organizations/${created.slug}`)).json()) as Record<string, unknown>;
    expect(got.name).toBe(HARD);
    expect(got.city).toBe('Los Ángeles');
    const patched = await api(env, 'PATCH', `/api/v1/organizations/${created.slug}`, organizer, {
      descriptionEs: 'Vecinos que construyen',
    });
    expect(patched.status).toBe(200);
    const after = (await patched.json()) as Record<string, unknown>;
    expect(after.descriptionEs).toBe('Vecinos que construyen');
    expect(after.name).toBe(HARD);
    expect(after.website).toBe('https://example.org/');
  });

  it('refuses members, a taken slug, links that are not http(s), and saves nothing then', async () => {
    expect((await api(env, 'POST', '/api/v1/organizations', member, orgBody())).status).toBe(403);
    const slug = `taken-${u}`;
    expect((await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ slug }))).status).toBe(201);
    const dup = await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ slug }));
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { fields: Record<string, string> } }).error.fields.slug).toMatch(/taken/);
    const name = `Bad link ${uid()}`;
    for (const website of ['javascript:alert(1)', 'ftp://example.org', 'data:text/html,x']) {
      const bad = await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ name, website }));
      expect(bad.status, website).toBe(422);
      expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.website).toMatch(/http/);
    }
    const es = await env.app.request('/api/v1/organizations', {
      method: 'POST',
      headers: { authorization: `Bearer ${organizer}`, 'content-type': 'application/json', 'accept-language': 'es' },
      body: JSON.stringify(orgBody({ name, logoUrl: 'javascript:x' })),
    });
    expect(es.status).toBe(422);
    expect(await env.deps.db.select().from(organizations).where(eq(organizations.name, name))).toHaveLength(0);
  });

  it('links a government organization to the jobs directory’s agency, and refuses an unknown one', async () => {
    const agency = await upsertAgency(env.deps.db, { name: `Dept of Tech ${u}`, slug: `dept-tech-${u}`, level: 'city', emailDomains: [] });
    const res = await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ kind: 'government', agency: agency.slug }));
    expect(res.status).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    const got = (await (await api(env, 'GET', `/api/v1/organizations/${slug}`)).json()) as { agency: string };
    expect(got.agency).toBe(agency.slug);
    const html = await (await new Browser(env).get(`/organizations/${slug}`)).text();
    expect(html).toContain(`/jobs?agency=${agency.slug}`);
    expect(
      (await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ kind: 'government', agency: 'no-such-agency' }))).status,
    ).toBe(422);
    expect((await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ kind: 'company', agency: agency.slug }))).status).toBe(
      422,
    );
  });

  it('are found ignoring case, accents and punctuation, by words anywhere in names and descriptions', async () => {
    const tag = uid();
    const make = async (body: Record<string, unknown>) =>
      ((await (await api(env, 'POST', '/api/v1/organizations', organizer, { kind: 'nonprofit', ...body })).json()) as { slug: string })
        .slug;
    const a = await make({ name: `Laboratorio de Innovación ${tag}`, region: `Bay ${tag}` });
    const b = await make({ name: `O'Brien Civic Works ${tag}`, kind: 'company' });
    const c = await make({
      name: `Plain ${tag}`,
      description: 'Shares data across agencies',
      descriptionEs: 'Comparte datos entre agencias públicas',
    });
    const find = async (query: string) =>
      (
        (await (await api(env, 'GET', `/api/v1/organizations?${query}`)).json()) as { organizations: { slug: string }[]; total: number }
      ).organizations.map((o) => o.slug);
    expect(await find(`q=innovacion+${tag}`)).toEqual([a]);
    expect(await find(`q=INNOVACIÓN+${tag}`)).toEqual([a]);
    expect(await find(`q=obrien+${tag}`)).toEqual([b]);
    expect(await find(`q=${tag}+across+data`)).toEqual([c]);
    expect(await find(`q=${tag}+publicas`)).toEqual([c]);
    expect((await find(`q=${tag}&kind=company`)).sort()).toEqual([b]);
    expect(await find(`q=${tag}&region=bay+${tag}`)).toEqual([a]);
    // Filters without words (a query of its own, prepared once per combination of filters).
    expect(await find(`region=bay+${tag}`)).toEqual([a]);
    expect(await find(`kind=nonprofit&region=BAY+${tag}`)).toEqual([a]);
    expect(await find(`kind=company&region=bay+${tag}`)).toEqual([]);
    expect(await find(`q=${tag}+nothing-like-this`)).toEqual([]);
    expect(await find(`q=innovaton+${tag}`)).toEqual([a]);
    // Accents typed or not, either way round.
    const d = await make({ name: `Fundación Núñez de Datos ${tag}` });
    expect(await find(`q=Nunez+${tag}`)).toEqual([d]);
    expect(await find(`q=fundacion+nuñez+${tag}`)).toEqual([d]);
    // An entry whose name has the words comes before one whose description has them.
    expect(await find(`q=datos+${tag}`)).toEqual([d, c]);
    // A renamed entry's new words are near-miss material at once (the word list follows every write).
    const renamed = await api(env, 'PATCH', `/api/v1/organizations/${b}`, organizer, { name: `Zanahoria Cooperativa ${tag}` });
    expect(renamed.status).toBe(200);
    expect(await find(`q=zanahorai+${tag}`)).toEqual([b]);
  });
});

describe('initiatives', () => {
  it('name organizations by slug and goals and topics by key; an unknown one is 422 and nothing is saved', async () => {
    const org = (
      (await (await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ region: `Region ${u}` }))).json()) as { slug: string }
    ).slug;
    const name = `Digital Service ${uid()}`;
    const bad = await api(env, 'POST', '/api/v1/initiatives', organizer, {
      name,
      organizations: [org],
      kind: 'digital_service_team',
      status: 'active',
      goals: ['talent', 'world-peace'],
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.goals).toMatch(/world-peace/);
    expect(
      (await api(env, 'POST', '/api/v1/initiatives', organizer, { name, kind: 'training', status: 'active', topics: ['nope'] })).status,
    ).toBe(422);
    expect(
      (await api(env, 'POST', '/api/v1/initiatives', organizer, { name, kind: 'training', status: 'active', organizations: ['nope'] }))
        .status,
    ).toBe(422);
    expect(await env.deps.db.select().from(initiatives).where(eq(initiatives.name, name))).toHaveLength(0);

    const ok = await api(env, 'POST', '/api/v1/initiatives', organizer, {
      name,
      nameEs: `Servicio Digital ${u}`,
      organizations: [org],
      kind: 'digital_service_team',
      status: 'active',
      startYear: 2019,
      description: 'Hires designers and engineers into government',
      links: ['https://example.org/dst'],
      topics: ['hiring'],
      goals: ['talent'],
    });
    expect(ok.status).toBe(201);
    const { slug } = (await ok.json()) as { slug: string };
    const list = (await (
      await api(env, 'GET', `/api/v1/initiatives?goal=talent&topic=hiring&status=active&kind=digital_service_team&q=${u}`)
    ).json()) as {
      initiatives: { slug: string; organizations: { slug: string }[]; goals: string[] }[];
      total: number;
    };
    expect(list.initiatives.map((i) => i.slug)).toEqual([slug]);
    expect(list.initiatives[0].organizations.map((o) => o.slug)).toEqual([org]);
    const byFilters = async (query: string) =>
      (
        (await (await api(env, 'GET', `/api/v1/initiatives?region=region+${u}&${query}`)).json()) as { initiatives: { slug: string }[] }
      ).initiatives.map((i) => i.slug);
    expect(await byFilters('goal=talent&topic=hiring&status=active&kind=digital_service_team')).toEqual([slug]);
    expect(await byFilters('status=active')).toEqual([slug]);
    expect(await byFilters('goal=procurement')).toEqual([]);
    expect(await byFilters('topic=hiring&status=completed')).toEqual([]);
    expect((await (await api(env, 'GET', `/api/v1/initiatives?goal=procurement&q=${u}`)).json()) as { total: number }).toMatchObject({
      total: 0,
    });
    expect(
      (await api(env, 'POST', '/api/v1/initiatives', organizer, { name, kind: 'training', status: 'active', links: ['javascript:x'] }))
        .status,
    ).toBe(422);
    expect(
      (
        await api(env, 'POST', '/api/v1/initiatives', organizer, {
          name,
          kind: 'training',
          status: 'active',
          startYear: 2020,
          endYear: 2019,
        })
      ).status,
    ).toBe(422);
  });

  it('have public pages in English and Spanish with filters, JSON-LD and an edit-suggested link', async () => {
    const tag = uid();
    const org = (
      (await (
        await api(env, 'POST', '/api/v1/organizations', organizer, orgBody({ name: `Oficina ${tag}`, nameEs: `Oficina ES ${tag}` }))
      ).json()) as {
        slug: string;
      }
    ).slug;
    await api(env, 'POST', '/api/v1/initiatives', organizer, {
      name: `Open Procurement ${tag}`,
      nameEs: `Compras Abiertas ${tag}`,
      organizations: [org],
      kind: 'procurement_reform',
      status: 'completed',
      goals: ['procurement'],
    });
    const b = new Browser(env);
    const en = await b.get(`/initiatives?q=${tag}&goal=procurement&status=completed`);
    expect(en.status).toBe(200);
    expect(visibleText(await en.text())).toContain(`Open Procurement ${tag}`);
    const es = await b.get(`/es/initiatives?q=compras+${tag}`);
    const esText = visibleText(await es.text());
    expect(esText).toContain(`Compras Abiertas ${tag}`);
    expect(esText).toContain('Reforma de compras');
    const none = visibleText(await (await b.get(`/initiatives?q=${tag}&status=active`)).text());
    expect(none).not.toContain(`Open Procurement ${tag}`);
    // Unknown filter values are "any", never an error.
    expect((await b.get(`/initiatives?kind=<x>&goal=nope&status=1`)).status).toBe(200);

    const orgPage = await (await b.get(`/organizations/${org}`)).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(orgPage)![1]) as Record<string, unknown>;
    expect(ld['@type']).toBe('NGO');
    expect(ld.url).toBe(`http://pathways.test/organizations/${org}`);
    expect(orgPage).toContain(`/organizations/${org}/suggest`);
    expect(visibleText(orgPage)).toContain(`Open Procurement ${tag}`);
    const orgEs = visibleText(await (await b.get(`/es/organizations/${org}`)).text());
    expect(orgEs).toContain(`Oficina ES ${tag}`);
    expect(orgEs).toContain(`Compras Abiertas ${tag}`);
    expect(visibleText(await (await b.get(`/es/organizations?q=oficina+${tag}`)).text())).toContain(`Oficina ES ${tag}`);
  });
});

async function newConvening(chapter = 'los-angeles') {
  const res = await api(env, 'POST', '/api/v1/convenings', organizer, {
    title: `Roundtable ${uid()}`,
    startsAt: future(5),
    endsAt: future(5, 3),
    timeZone: 'America/Los_Angeles',
    format: 'in_person',
    status: 'published',
    chapter,
    agenda: '1. Welcome\n2. **Hiring**',
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string; url: string };
}

describe('convenings and their rosters', () => {
  it('are events too, and show consenting participants only, without emails', async () => {
    const conv = await newConvening();
    expect(conv.url).toBe(`http://pathways.test/convenings/${conv.slug}`);
    expect((await api(env, 'GET', `/api/v1/events/${conv.slug}`)).status).toBe(200);
    expect((await api(env, 'POST', '/api/v1/convenings', member, { title: 'x' })).status).toBe(403);

    const add = (body: Record<string, unknown>) => api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants`, organizer, body);
    const shown = await add({
      name: HARD,
      email: `shown-${u}@example.org`,
      organization: 'City Hall',
      role: 'speaker',
      publicConsent: true,
    });
    expect(shown.status).toBe(201);
    const shownId = ((await shown.json()) as { id: string }).id;
    expect((await add({ name: 'Hidden Person', email: `hidden-${u}@example.org`, role: 'participant', publicConsent: false })).status).toBe(
      201,
    );
    expect((await add({ name: 'X', email: 'not-an-email', role: 'participant', publicConsent: true })).status).toBe(422);
    expect(
      (
        await api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants`, member, {
          name: 'X',
          email: 'x@example.org',
          role: 'participant',
        })
      ).status,
    ).toBe(403);

    const pub = (await (await api(env, 'GET', `/api/v1/convenings/${conv.slug}`)).json()) as { participants: Record<string, unknown>[] };
    expect(pub.participants).toEqual([{ name: HARD, organization: 'City Hall', role: 'speaker' }]);
    expect(JSON.stringify(pub)).not.toContain('@example.org');

    const full = (await (await api(env, 'GET', `/api/v1/convenings/${conv.slug}/participants`, organizer)).json()) as {
      participants: { email: string }[];
      total: number;
    };
    expect(full.total).toBe(2);
    expect((await api(env, 'GET', `/api/v1/convenings/${conv.slug}/participants`, member)).status).toBe(403);

    const b = new Browser(env);
    const page = await (await b.get(`/convenings/${conv.slug}`)).text();
    expect(visibleText(page)).toContain(HARD);
    expect(page).not.toContain('<b>x</b>');
    expect(visibleText(page)).not.toContain('Hidden Person');
    expect(page).toContain('<strong>Hiring</strong>');
    expect(visibleText(await (await b.get(`/es/convenings/${conv.slug}`)).text())).toContain('Ponente');

    // The person asks to be taken off the public roster: gone from the page and the API at once.
    const { person } = await ensurePerson(env.deps.db, { email: `shown-${u}@example.org`, fullName: 'ignored' });
    expect(person.fullName).toBe(HARD.normalize('NFC').trim());
    const self = new Browser(env);
    await self.signInAs(`shown-${u}@example.org`);
    const selfToken = await apiToken(env, `shown-${u}@example.org`);
    const other = await apiToken(env, `someone-${u}@example.org`);
    expect((await api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants/${shownId}/withdraw`, other)).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants/${shownId}/withdraw`, selfToken)).status).toBe(200);
    const after = (await (await api(env, 'GET', `/api/v1/convenings/${conv.slug}`)).json()) as { participants: unknown[] };
    expect(after.participants).toEqual([]);
    expect(visibleText(await (await b.get(`/convenings/${conv.slug}`)).text())).not.toContain(HARD);
  });

  it('keeps drafts private', async () => {
    const res = await api(env, 'POST', '/api/v1/convenings', organizer, {
      title: `Draft ${uid()}`,
      startsAt: future(6),
      endsAt: future(6, 2),
      timeZone: 'America/Los_Angeles',
      status: 'draft',
    });
    const { slug } = (await res.json()) as { slug: string };
    expect((await api(env, 'GET', `/api/v1/convenings/${slug}`)).status).toBe(404);
    expect((await new Browser(env).get(`/convenings/${slug}`)).status).toBe(404);
    expect((await api(env, 'GET', `/api/v1/convenings/${slug}`, organizer)).status).toBe(200);
  });
});

describe('recommendations', () => {
  it('start proposed, change status with a dated history of who and why, oldest first; the same status is 409', async () => {
    const conv = await newConvening();
    const init = await api(env, 'POST', '/api/v1/initiatives', organizer, { name: `Related ${uid()}`, kind: 'training', status: 'active' });
    const initSlug = ((await init.json()) as { slug: string }).slug;
    const bad = await api(env, 'POST', `/api/v1/convenings/${conv.slug}/recommendations`, organizer, {
      title: 'T',
      text: 'x',
      goal: 'unknown-goal',
    });
    expect(bad.status).toBe(422);
    const res = await api(env, 'POST', `/api/v1/convenings/${conv.slug}/recommendations`, organizer, {
      title: 'Publish every agency dataset',
      titleEs: 'Publicar todos los datos de las agencias',
      text: 'Agencies **publish** their data.',
      goal: 'procurement',
      addressedTo: 'Office of the CIO',
      initiatives: [initSlug],
      owner: HARD,
    });
    expect(res.status).toBe(201);
    const rec = (await res.json()) as { id: string; status: string };
    expect(rec.status).toBe('proposed');

    const change = (body: Record<string, unknown>, token = organizer) =>
      api(env, 'POST', `/api/v1/recommendations/${rec.id}/status`, token, body);
    expect((await change({ status: 'adopted', note: 'Council voted' }, member)).status).toBe(403);
    expect((await change({ status: 'adopted', note: 'x', evidenceUrl: 'javascript:alert(1)' })).status).toBe(422);
    const adopted = await change({ status: 'adopted', note: 'Council voted', evidenceUrl: 'https://example.org/minutes' });
    expect(adopted.status).toBe(200);
    expect(await adopted.json()).toEqual({ id: rec.id, status: 'adopted' });
    const same = await change({ status: 'adopted', note: 'again' });
    expect(same.status).toBe(409);
    expect(((await same.json()) as { error: { code: string } }).error.code).toBe('same_status');
    expect((await change({ status: 'in_progress', note: 'Work started' })).status).toBe(200);

    const got = (await (await api(env, 'GET', `/api/v1/recommendations/${rec.id}`)).json()) as {
      status: string;
      convening: { slug: string };
      history: { status: string; note: string | null; evidenceUrl: string | null; by: { name: string }; at: string }[];
    };
    expect(got.status).toBe('in_progress');
    expect(got.convening.slug).toBe(conv.slug);
    expect(got.history.map((h) => h.status)).toEqual(['proposed', 'adopted', 'in_progress']);
    expect(got.history[1]).toMatchObject({ note: 'Council voted', evidenceUrl: 'https://example.org/minutes', by: { name: `org-${u}` } });
    expect(new Date(got.history[0].at).getTime()).toBeLessThanOrEqual(new Date(got.history[2].at).getTime());

    const list = (await (await api(env, 'GET', `/api/v1/recommendations?status=in_progress&convening=${conv.slug}`)).json()) as {
      recommendations: { id: string }[];
      total: number;
    };
    expect(list.recommendations.map((r) => r.id)).toEqual([rec.id]);
    expect(
      ((await (await api(env, 'GET', `/api/v1/recommendations?status=declined&convening=${conv.slug}`)).json()) as { total: number }).total,
    ).toBe(0);

    const b = new Browser(env);
    const tracker = visibleText(await (await b.get('/recommendations?status=in_progress')).text());
    expect(tracker).toContain('Publish every agency dataset');
    const trackerEs = visibleText(await (await b.get('/es/recommendations?status=in_progress')).text());
    expect(trackerEs).toContain('Publicar todos los datos de las agencias');
    expect(trackerEs).toContain('En curso');
    const detail = await (await b.get(`/recommendations/${rec.id}`)).text();
    expect(visibleText(detail)).toContain('Council voted');
    expect(detail).toContain('href="https://example.org/minutes"');
    expect((await b.get('/recommendations/not-a-uuid')).status).toBe(404);
  });

  it('are counted by status for a period from the history, for the impact dashboard', async () => {
    const conv = await newConvening();
    const before = new Date(Date.now() - 1000);
    const mk = async () =>
      (
        (await (
          await api(env, 'POST', `/api/v1/convenings/${conv.slug}/recommendations`, organizer, { title: 'T', text: 'x', goal: 'talent' })
        ).json()) as {
          id: string;
        }
      ).id;
    const a = await mk();
    await mk();
    await api(env, 'POST', `/api/v1/recommendations/${a}/status`, organizer, { status: 'stalled', note: 'No budget' });
    const counts = await recommendationCountsByStatus(env.deps.db, { from: before, to: new Date(Date.now() + 1000) });
    expect(counts.stalled).toBeGreaterThanOrEqual(1);
    expect(counts.proposed).toBeGreaterThanOrEqual(1);
    const earlier = await recommendationCountsByStatus(env.deps.db, { from: new Date(0), to: before });
    expect(Object.values(earlier).reduce((x, y) => x + y, 0)).toBeLessThan(Object.values(counts).reduce((x, y) => x + y, 0));
  });
});

describe('posts', () => {
  it('publish now or on schedule, keep drafts private, and list by chapter and tag with an Atom feed', async () => {
    const tag = `tag-${uid()}`;
    const conv = await newConvening();
    const post = (body: Record<string, unknown>, token = organizer) =>
      api(env, 'POST', '/api/v1/posts', token, { body: 'Some **news**.', tags: [tag], status: 'published', ...body });
    const now = await post({
      title: `Roundup ${HARD}`,
      titleEs: 'Resumen de iniciativas',
      bodyEs: 'Algunas **noticias**.',
      chapter: 'los-angeles',
      series: 'Roundup of recent initiatives',
      convenings: [conv.slug],
      coverUrl: 'https://example.org/c.png',
      coverAlt: 'People around a table',
    });
    expect(now.status).toBe(201);
    const made = (await now.json()) as { slug: string; url: string };
    expect(made.url).toBe(`http://pathways.test/posts/${made.slug}`);
    expect((await post({ title: 'Draft', status: 'draft' })).status).toBe(201);
    const later = await post({ title: 'Later', publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(later.status).toBe(201);
    const laterSlug = ((await later.json()) as { slug: string }).slug;

    // Bad input: past schedule, cover without alt text, unknown links, a link that is not http(s); nothing saved.
    const title = `Bad ${uid()}`;
    expect((await post({ title, publishAt: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(422);
    expect((await post({ title, coverUrl: 'https://example.org/x.png' })).status).toBe(422);
    expect((await post({ title, coverUrl: 'javascript:alert(1)', coverAlt: 'x' })).status).toBe(422);
    expect((await post({ title, convenings: ['no-such-convening'] })).status).toBe(422);
    expect((await post({ title }, member)).status).toBe(403);
    expect((await post({ title, chapter: 'another-chapter' })).status).toBe(403);
    expect(await env.deps.db.select().from(posts).where(eq(posts.title, title))).toHaveLength(0);

    const listed = (await (await api(env, 'GET', `/api/v1/posts?tag=${tag}`)).json()) as {
      posts: { slug: string; title: string }[];
      total: number;
    };
    expect(listed.posts.map((p) => p.title)).toEqual([`Roundup ${HARD}`]);
    expect(((await (await api(env, 'GET', `/api/v1/posts?tag=${tag}&chapter=los-angeles`)).json()) as { total: number }).total).toBe(1);
    expect(((await (await api(env, 'GET', `/api/v1/posts?tag=${tag}&chapter=elsewhere`)).json()) as { total: number }).total).toBe(0);
    expect((await api(env, 'GET', `/api/v1/posts/${laterSlug}`)).status).toBe(404);
    expect((await new Browser(env).get(`/posts/${laterSlug}`)).status).toBe(404);

    const b = new Browser(env);
    const html = await (await b.get(`/es/posts/${made.slug}`)).text();
    expect(html).toContain('<strong>noticias</strong>');
    expect(html).toContain('alt="People around a table"');
    expect(visibleText(await (await b.get(`/posts?tag=${tag}`)).text())).toContain(`Roundup ${HARD}`);
    const feed = await b.get(`/posts/feed.atom?chapter=los-angeles&tag=${tag}`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain("Roundup Zoë &quot;&lt;b&gt;x&lt;/b&gt;&quot; O'Brien");
    expect(xml).not.toContain('Later');
    expect(xml).not.toContain('<b>x</b>');

    // The schedule comes due: the post appears, and the worker is told to clear cached lists.
    await env.deps.db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 5_000) })
      .where(eq(posts.slug, laterSlug));
    expect(await postsCameDue(env.deps.db, 120)).toBe(true);
    expect((await api(env, 'GET', `/api/v1/posts/${laterSlug}`)).status).toBe(200);
  });
});

describe('interest forms', () => {
  it('take answers exactly as sent, refuse missing or over-long ones whole, and export CSV to organizers only', async () => {
    const conv = await newConvening();
    const res = await api(env, 'POST', '/api/v1/forms', organizer, {
      title: 'Interested in future roundtables?',
      titleEs: '¿Te interesan futuras mesas redondas?',
      convening: conv.slug,
      topics: ['data', 'hiring'],
      questions: [
        { id: 'role', kind: 'text', label: { en: 'Your role', es: 'Tu función' }, required: true, maxLength: 20 },
        { id: 'why', kind: 'long_text', label: 'Why?' },
        { id: 'come', kind: 'yesno', label: 'Would you come?', required: true },
      ],
    });
    expect(res.status).toBe(201);
    const form = (await res.json()) as { slug: string; url: string };
    expect(form.url).toBe(`http://pathways.test/forms/${form.slug}`);
    expect((await api(env, 'POST', '/api/v1/forms', organizer, { title: 'x', topics: ['not-a-topic'] })).status).toBe(422);
    expect((await api(env, 'POST', '/api/v1/forms', member, { title: 'x' })).status).toBe(403);

    const email = `resp-${u}@example.org`;
    const send = (body: Record<string, unknown>) =>
      api(env, 'POST', `/api/v1/forms/${form.slug}/responses`, undefined, { name: HARD, email, ...body });
    expect((await send({ answers: { why: 'x', come: 'yes' } })).status).toBe(422);
    expect((await send({ answers: { role: 'x'.repeat(21), come: 'yes' } })).status).toBe(422);
    expect((await send({ answers: { role: 'CIO', come: 'maybe' } })).status).toBe(422);
    expect((await send({ answers: { role: 'CIO', come: 'yes', extra: 'x' } })).status).toBe(422);
    expect((await send({ answers: { role: 'CIO', come: 'yes' }, topics: ['nope'] })).status).toBe(422);
    expect(await findPersonByEmail(env.deps.db, email)).toBeUndefined();

    const answers = { role: '  Jefa de datos ', why: '=HYPERLINK("x")', come: 'yes' };
    const ok = await send({ answers, topics: ['data'], consent: true, language: 'es' });
    expect(ok.status).toBe(201);
    const again = await api(env, 'POST', `/api/v1/forms/${form.slug}/responses`, undefined, {
      name: 'Another Spelling',
      email,
      answers: { role: 'CIO', come: 'no' },
    });
    expect(again.status).toBe(201);
    const person = await findPersonByEmail(env.deps.db, email);
    expect(person?.fullName).toBe(HARD);
    // Consent starts the newsletter's double opt-in: a confirmation email, in the response's language.
    const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, email));
    expect(mails).toHaveLength(1);

    expect((await api(env, 'GET', `/api/v1/forms/${form.slug}/responses`)).status).toBe(401);
    expect((await api(env, 'GET', `/api/v1/forms/${form.slug}/responses`, member)).status).toBe(403);
    const list = (await (await api(env, 'GET', `/api/v1/forms/${form.slug}/responses`, organizer)).json()) as {
      responses: { name: string; answers: Record<string, unknown>; topics: string[]; consent: boolean }[];
      total: number;
    };
    expect(list.total).toBe(2);
    const first = list.responses.find((r) => r.consent)!;
    expect(first).toMatchObject({ name: HARD, answers, topics: ['data'], consent: true });
    expect(list.responses.find((r) => !r.consent)!.name).toBe('Another Spelling');

    expect((await api(env, 'GET', `/api/v1/forms/${form.slug}/responses.csv`)).status).toBe(401);
    expect((await api(env, 'GET', `/api/v1/forms/${form.slug}/responses.csv`, member)).status).toBe(403);
    const csv = await api(env, 'GET', `/api/v1/forms/${form.slug}/responses.csv`, organizer);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain('Your role');
  });

  it('on its page: a trap field or a too-quick post keeps nothing; a person filling it in is thanked', async () => {
    const res = await api(env, 'POST', '/api/v1/forms', organizer, {
      title: `Page form ${uid()}`,
      questions: [{ id: 'org', kind: 'text', label: 'Organization', required: true }],
    });
    const { slug } = (await res.json()) as { slug: string };
    const b = new Browser(env);
    const html = await (await b.get(`/es/forms/${slug}`)).text();
    const started = /name="started" value="([^"]+)"/.exec(html)![1];
    const email = `page-${uid()}@example.org`;
    const count = async () => (await env.deps.db.select().from(interestResponses).where(eq(interestResponses.email, email))).length;
    expect((await b.post(`/forms/${slug}`, { started, name: 'Bot', email, 'answers.org': 'x', homepage: 'http://spam' })).status).toBe(200);
    expect((await b.post(`/forms/${slug}`, { started, name: 'Fast', email, 'answers.org': 'x' })).status).toBe(422);
    expect(await count()).toBe(0);
    await new Promise((r) => setTimeout(r, 3100));
    const missing = await b.post(`/es/forms/${slug}`, { started, name: 'Ana', email });
    expect(missing.status).toBe(422);
    expect(visibleText(await missing.text())).toContain('Organization');
    expect((await b.post(`/forms/${slug}`, { started, name: 'Ana Núñez', email, 'answers.org': 'Ciudad' })).status).toBe(200);
    expect(await count()).toBe(1);
  });
});

describe('merging duplicates', () => {
  it('finds them by website or name and merges keeping every link; the old address leads to the kept one', async () => {
    const tag = uid();
    const mk = async (body: Record<string, unknown>) =>
      ((await (await api(env, 'POST', '/api/v1/organizations', organizer, orgBody(body))).json()) as { slug: string }).slug;
    const keep = await mk({ name: `Código para Todos ${tag}`, website: `https://www.codigo-${tag}.org/` });
    const dup = await mk({
      name: `Codigo para todos ${tag}`,
      website: `https://codigo-${tag}.org/about`,
      descriptionEs: 'Descripción del duplicado',
    });
    const pairs = (
      (await (await api(env, 'GET', '/api/v1/organization-duplicates', organizer)).json()) as { duplicates: { a: string; b: string }[] }
    ).duplicates;
    expect(pairs.some((p) => [p.a, p.b].sort().join() === [keep, dup].sort().join())).toBe(true);
    expect((await api(env, 'GET', '/api/v1/organization-duplicates', member)).status).toBe(403);
    const init = await api(env, 'POST', '/api/v1/initiatives', organizer, {
      name: `Shared ${tag}`,
      kind: 'training',
      status: 'active',
      organizations: [dup],
    });
    const initSlug = ((await init.json()) as { slug: string }).slug;
    const conv = await newConvening();
    await api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants`, organizer, {
      name: 'Rosa',
      email: `rosa-${tag}@example.org`,
      organization: dup,
      role: 'participant',
      publicConsent: true,
    });

    expect((await api(env, 'POST', `/api/v1/organizations/${dup}/merge`, member, { into: keep })).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/organizations/${dup}/merge`, organizer, { into: dup })).status).toBe(409);
    const merged = await api(env, 'POST', `/api/v1/organizations/${dup}/merge`, organizer, { into: keep });
    expect(merged.status).toBe(200);
    expect(((await merged.json()) as { descriptionEs: string }).descriptionEs).toBe('Descripción del duplicado');
    const i = (await (await api(env, 'GET', `/api/v1/initiatives/${initSlug}`)).json()) as { organizations: { slug: string }[] };
    expect(i.organizations.map((o) => o.slug)).toEqual([keep]);
    const pub = (await (await api(env, 'GET', `/api/v1/convenings/${conv.slug}`)).json()) as { participants: { organization: string }[] };
    expect(pub.participants[0].organization).toBe(`Código para Todos ${tag}`);
    const old = await new Browser(env).get(`/es/organizations/${dup}`);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/es/organizations/${keep}`);
  });
});

describe('suggested edits', () => {
  it('go to organizers for review; a filled trap field keeps nothing; members cannot read them', async () => {
    const slug = ((await (await api(env, 'POST', '/api/v1/organizations', organizer, orgBody())).json()) as { slug: string }).slug;
    const visitor = new Browser(env);
    expect((await visitor.get(`/es/organizations/${slug}/suggest`)).status).toBe(200);
    const empty = await visitor.post(`/organizations/${slug}/suggest`, { text: '  ' });
    expect(empty.status).toBe(422);
    const text = `The website moved ${uid()}`;
    const ok = await visitor.post(`/organizations/${slug}/suggest`, { text, name: HARD, email: '' });
    expect(ok.status).toBe(200);
    const bot = `Buy things ${uid()}`;
    expect((await visitor.post(`/organizations/${slug}/suggest`, { text: bot, homepage: 'http://spam.example' })).status).toBe(200);
    const stored = await env.deps.db.select().from(directorySuggestions).where(eq(directorySuggestions.entrySlug, slug));
    expect(stored.map((s) => s.text)).toEqual([text]);
    expect(stored[0].name).toBe(HARD.trim());

    const m = new Browser(env);
    await m.signInAs(`member2-${u}@example.org`);
    expect((await m.get('/directory/suggestions')).status).toBe(403);
    const o = new Browser(env);
    await o.signInAs(`org2-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    expect(visibleText(await (await o.get('/directory/suggestions')).text())).toContain(text);
    expect((await o.post(`/directory/suggestions/${stored[0].id}/resolve`, {})).status).toBe(303);
    expect(visibleText(await (await o.get('/directory/suggestions')).text())).not.toContain(text);
  });
});

describe('personal data', () => {
  it('exports and erases a person’s rosters and keeps the history without their name', async () => {
    const conv = await newConvening();
    const email = `data-${u}@example.org`;
    await api(env, 'POST', `/api/v1/convenings/${conv.slug}/participants`, organizer, {
      name: 'Ana Núñez',
      email,
      role: 'observer',
      publicConsent: true,
    });
    const { person } = await ensurePerson(env.deps.db, { email, fullName: 'x' });
    const exported = await exportDirectoryData(env.deps.db, person.id);
    expect(exported.rosters).toHaveLength(1);
    expect(exported.rosters[0].name).toBe('Ana Núñez');
    const form = (await (await api(env, 'POST', '/api/v1/forms', organizer, { title: `Data ${uid()}` })).json()) as { slug: string };
    expect((await api(env, 'POST', `/api/v1/forms/${form.slug}/responses`, undefined, { name: 'Ana', email })).status).toBe(201);
    expect((await exportDirectoryData(env.deps.db, person.id)).formResponses).toHaveLength(1);
    await env.deps.db.transaction((tx) => eraseDirectoryData(tx, person.id, person.email));
    const after = await exportDirectoryData(env.deps.db, person.id);
    expect(after.rosters).toHaveLength(0);
    expect(after.formResponses).toHaveLength(0);
    const pub = (await (await api(env, 'GET', `/api/v1/convenings/${conv.slug}`)).json()) as { participants: unknown[] };
    expect(pub.participants).toEqual([]);
  });
});
