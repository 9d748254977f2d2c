import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { upsertAgency } from '../jobs';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { directoryModule } from '.';
import { ensurePerson } from '../people';
import { eraseDirectoryData, exportDirectoryData } from './service';
import { getEvent } from '../events';
import {
  interestForms,
  conveningInvitations,
  conveningParticipants,
  initiatives,
  organizations,
  posts,
  recommendationHistory,
  recommendations,
} from './schema';

// Organizers write the directory on pages, without JavaScript: every form keeps what was typed when
// something is wrong, names each problem beside its field, and saves nothing then.

let env: TestEnv;
let organizer: Browser;
let token: string;
let u: string;
const HARD = `Zoë "<b>x</b>" O'Brien-Ñúñez 김민준`;
const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

beforeAll(async () => {
  env = await testEnv();
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `otok-${u}@example.org`, 'organizer', 'los-angeles');
  organizer = new Browser(env);
  await organizer.signInAs(`writer-${u}@example.org`, { name: 'Rosa Writer', role: 'organizer', scope: 'los-angeles' });
  for (const [path, key, name, nameEs] of [
    ['/api/v1/goals', `talent-${u}`, 'Attract talent', 'Atraer talento'],
    ['/api/v1/topics', `data-${u}`, 'Data', 'Datos'],
  ])
    expect((await api(env, 'POST', path, token, { key, name, nameEs })).status).toBe(201);
});
afterAll(() => env.close());

const orgRows = (name: string) => env.deps.db.select().from(organizations).where(eq(organizations.name, name));

describe('organizer pages for organizations', () => {
  it('create one with every field, hostile text intact, and edit it', async () => {
    const agency = await upsertAgency(env.deps.db, { slug: `dot-${u}`, name: `Transportation ${u}`, level: 'state', emailDomains: [] });
    const form = await organizer.get('/es/organize/directory/organizations/new');
    expect(form.status).toBe(200);
    expect(visibleText(await form.text())).toContain('Nueva organización');
    const res = await organizer.post('/organize/directory/organizations/new', {
      name: HARD,
      nameEs: 'Departamento de Transporte',
      kind: 'government',
      agency: agency.slug,
      city: 'Sacramento',
      region: 'Northern California',
      website: 'https://dot.example.gov/',
      description: 'Roads & <script>alert(1)</script>',
      descriptionEs: 'Carreteras',
      logoUrl: '',
      logoAlt: '',
      contactEmail: 'info@dot.example.gov',
    });
    expect(res.status).toBe(303);
    const [row] = await orgRows(HARD);
    expect(res.headers.get('location')).toBe(`/organizations/${row.slug}`);
    expect(row.agencyId).toBe(agency.id);
    expect(row.description).toBe('Roads & <script>alert(1)</script>');
    expect(row.logoUrl).toBeNull();

    const edit = await organizer.get(`/organize/directory/organizations/${row.slug}`);
    const html = await edit.text();
    expect(html).toContain('value="Sacramento"');
    expect(html).toContain(`value="${agency.slug}" selected`);
    const saved = await organizer.post(`/organize/directory/organizations/${row.slug}`, {
      ...Object.fromEntries(['name', 'nameEs', 'kind', 'agency', 'city', 'region', 'website'].map((k) => [k, ''])),
      slug: row.slug,
      name: HARD,
      kind: 'government',
      agency: agency.slug,
      city: 'Los Ángeles',
    });
    expect(saved.status).toBe(303);
    const [after] = await orgRows(HARD);
    expect(after.city).toBe('Los Ángeles');
    expect(after.website).toBeNull();
    expect(after.agencyId).toBe(agency.id);
  });

  it('keep every value and name each problem when refused, saving nothing', async () => {
    const name = `Refused ${uid()}`;
    const res = await organizer.post('/organize/directory/organizations/new', {
      name,
      kind: 'nonprofit',
      website: 'javascript:alert(1)',
      contactEmail: 'not an address',
      description: 'Kept as typed',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('usa-error-message');
    expect(html).toContain('pw-error-summary');
    expect(visibleText(html)).toContain('Enter a web address that starts with http:// or https://.');
    expect(html).toContain(`value="${name}"`);
    expect(html).toContain('Kept as typed');
    expect(await orgRows(name)).toHaveLength(0);

    // The service's refusals (an agency for a nonprofit, a taken address) come back on the form too.
    const taken = (await (await api(env, 'POST', '/api/v1/organizations', token, { name: `Taken ${uid()}`, kind: 'company' })).json()) as {
      slug: string;
    };
    const clash = await organizer.post('/es/organize/directory/organizations/new', { name, kind: 'company', slug: taken.slug });
    expect(clash.status).toBe(422);
    expect(visibleText(await clash.text())).toContain('Esa dirección ya está en uso. Elige otra.');
    expect(await orgRows(name)).toHaveLength(0);
  });

  it('are for organizers only', async () => {
    const member = new Browser(env);
    await member.signInAs(`member-${u}@example.org`);
    expect((await member.get('/organize/directory')).status).toBe(403);
    expect((await member.post('/organize/directory/organizations/new', { name: 'x', kind: 'company' })).status).toBe(403);
    const visitor = new Browser(env);
    expect((await visitor.get('/organize/directory/organizations/new')).status).toBe(303);
  });
});

describe('organizer pages for initiatives', () => {
  it('create one with organizations, topics and goals, and change them', async () => {
    const org = (await (await api(env, 'POST', '/api/v1/organizations', token, { name: `Owner ${uid()}`, kind: 'nonprofit' })).json()) as {
      slug: string;
    };
    const name = `Fellowship ${uid()}`;
    const page = await (await organizer.get('/organize/directory/initiatives/new')).text();
    expect(page).toContain(`value="data-${u}"`);
    const res = await organizer.post('/organize/directory/initiatives/new', {
      name,
      organizations: `${org.slug}\n`,
      kind: 'fellowship',
      status: 'active',
      startYear: '2019',
      endYear: '',
      links: 'https://example.org/one\nhttps://example.org/two',
      topics: [`data-${u}`],
      goals: [`talent-${u}`],
    });
    expect(res.status).toBe(303);
    const [row] = await env.deps.db.select().from(initiatives).where(eq(initiatives.name, name));
    expect(row.links).toEqual(['https://example.org/one', 'https://example.org/two']);
    expect(row.topics).toEqual([`data-${u}`]);
    expect(row.startYear).toBe(2019);
    const shown = visibleText(await (await new Browser(env).get(`/initiatives/${row.slug}`)).text());
    expect(shown).toContain('Owner');

    const changed = await organizer.post(`/organize/directory/initiatives/${row.slug}`, {
      slug: row.slug,
      name,
      organizations: '',
      kind: 'fellowship',
      status: 'ended',
      startYear: '2019',
      endYear: '2024',
      goals: [`talent-${u}`],
    });
    expect(changed.status).toBe(303);
    const got = (await (await api(env, 'GET', `/api/v1/initiatives/${row.slug}`)).json()) as {
      status: string;
      organizations: unknown[];
      topics: string[];
    };
    expect(got.status).toBe('ended');
    expect(got.organizations).toEqual([]);
    expect(got.topics).toEqual([]);
  });

  it('refuse an unknown organization, a bad link and years out of order, keeping what was typed', async () => {
    const name = `Refused initiative ${uid()}`;
    const res = await organizer.post('/organize/directory/initiatives/new', {
      name,
      organizations: 'nobody-here',
      kind: 'training',
      status: 'active',
      startYear: '2020',
      endYear: '2010',
      links: 'ftp://example.org',
      topics: [`data-${u}`],
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(visibleText(html)).toContain('The end year comes before the start year.');
    expect(html).toContain('ftp://example.org');
    expect(html).toMatch(new RegExp(`value="data-${u}"\\s+checked`));
    const unknown = await organizer.post('/organize/directory/initiatives/new', {
      name,
      organizations: 'nobody-here',
      kind: 'training',
      status: 'active',
    });
    expect(unknown.status).toBe(422);
    expect(visibleText(await unknown.text())).toContain('nobody-here');
    expect(await env.deps.db.select().from(initiatives).where(eq(initiatives.name, name))).toHaveLength(0);
  });
});

describe('organizer pages for posts', () => {
  it('write a draft, schedule one in the chapter’s zone, and refuse a time in the past', async () => {
    const draft = `Draft ${uid()}`;
    expect((await organizer.post('/organize/directory/posts/new', { title: draft, body: 'Hello **all**', status: 'draft' })).status).toBe(
      303,
    );
    const hub = visibleText(await (await organizer.get('/organize/directory')).text());
    expect(hub).toContain(draft);
    // The organizer home has the directory's box too, with the draft and the way in.
    const home = await (await organizer.get('/es/organize')).text();
    expect(visibleText(home)).toContain(draft);
    expect(home).toContain('href="/es/organize/directory"');
    const [d] = await env.deps.db.select().from(posts).where(eq(posts.title, draft));
    expect(d.status).toBe('draft');
    expect(d.authorName).toBe('Rosa Writer');
    expect((await new Browser(env).get(`/posts/${d.slug}`)).status).toBe(404);

    const later = `Later ${uid()}`;
    const when = new Date(Date.now() + 3 * 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(when)
      .replace(' ', 'T');
    const res = await organizer.post('/organize/directory/posts/new', {
      title: later,
      body: 'Soon',
      chapter: 'los-angeles',
      tags: 'Open Data, hiring',
      status: 'published',
      publishAt: local,
      timeZone: 'America/New_York',
    });
    expect(res.status).toBe(303);
    const [s] = await env.deps.db.select().from(posts).where(eq(posts.title, later));
    expect(Math.abs(s.publishAt!.getTime() - when.getTime())).toBeLessThan(60_000);
    expect(s.tags).toEqual(['open-data', 'hiring']);
    expect(s.chapter).toBe('los-angeles');

    const past = `Past ${uid()}`;
    const refused = await organizer.post('/es/organize/directory/posts/new', {
      title: past,
      body: 'Texto conservado',
      status: 'published',
      publishAt: '2020-01-01T09:00',
      timeZone: 'America/Los_Angeles',
      coverUrl: 'https://example.org/c.png',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('usa-error-message');
    expect(html).toContain('Texto conservado');
    expect(await env.deps.db.select().from(posts).where(eq(posts.title, past))).toHaveLength(0);
    const badZone = await organizer.post('/organize/directory/posts/new', {
      title: past,
      body: 'x',
      status: 'published',
      publishAt: '2030-01-01T09:00',
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(422);
  });

  it('refuse a chapter the organizer does not run', async () => {
    await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
    const res = await organizer.post('/organize/directory/posts/new', {
      title: 'x',
      body: 'x',
      status: 'draft',
      chapter: `elsewhere-${u}`,
    });
    expect(res.status).toBe(403);
  });
});

describe('organizer page for a recommendation’s status', () => {
  it('appends to the history, refuses the same status with a message, and keeps the note typed', async () => {
    const conv = (await (
      await api(env, 'POST', '/api/v1/convenings', token, {
        title: `Roundtable ${uid()}`,
        startsAt: future(5),
        endsAt: future(5, 3),
        timeZone: 'America/Los_Angeles',
        format: 'in_person',
        status: 'published',
        chapter: 'los-angeles',
      })
    ).json()) as { slug: string };
    const rec = (await (
      await api(env, 'POST', `/api/v1/convenings/${conv.slug}/recommendations`, token, {
        title: 'Hire for skills',
        text: 'Drop degree requirements',
        goal: `talent-${u}`,
      })
    ).json()) as { id: string };
    expect((await organizer.get(`/es/organize/directory/recommendations/${rec.id}`)).status).toBe(200);
    const same = await organizer.post(`/organize/directory/recommendations/${rec.id}`, { status: 'proposed', note: 'Typed note' });
    expect(same.status).toBe(422);
    const sameHtml = await same.text();
    expect(visibleText(sameHtml)).toContain('The recommendation has that status already.');
    expect(sameHtml).toContain('Typed note');
    const ok = await organizer.post(`/organize/directory/recommendations/${rec.id}`, {
      status: 'adopted',
      note: 'Adopted by the board',
      evidenceUrl: 'https://example.gov/minutes',
    });
    expect(ok.status).toBe(303);
    const history = await env.deps.db.select().from(recommendationHistory).where(eq(recommendationHistory.recommendationId, rec.id));
    expect(history.map((h) => h.status)).toEqual(['proposed', 'adopted']);
    expect(history[1].byName).toBe('Rosa Writer');

    // An organizer of another chapter does not run this convening.
    const other = new Browser(env);
    await other.signInAs(`other-${u}@example.org`, { role: 'organizer', scope: `elsewhere-${u}` });
    expect((await other.get(`/organize/directory/recommendations/${rec.id}`)).status).toBe(403);
  });
});

describe('organizer page for a convening', () => {
  it('adds people to the roster, shows consent, stops showing someone at once, and adds recommendations', async () => {
    const conv = (await (
      await api(env, 'POST', '/api/v1/convenings', token, {
        title: `Convening ${uid()}`,
        startsAt: future(6),
        endsAt: future(6, 2),
        timeZone: 'America/Los_Angeles',
        format: 'in_person',
        status: 'published',
        chapter: 'los-angeles',
      })
    ).json()) as { slug: string };
    const path = `/organize/directory/convenings/${conv.slug}`;
    expect(visibleText(await (await organizer.get('/organize/directory')).text())).toContain('Convening');
    expect((await organizer.get(`/es${path}`)).status).toBe(200);
    const email = `shown-${uid()}@example.org`;
    const added = await organizer.post(`${path}/participants`, {
      name: HARD,
      email,
      organization: 'City Hall',
      role: 'speaker',
      publicConsent: 'yes',
    });
    expect(added.status).toBe(303);
    const bad = await organizer.post(`${path}/participants`, { name: 'Kept Name', email: 'nope', role: 'speaker' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('value="Kept Name"');
    const page = visibleText(await (await organizer.get(path)).text());
    expect(page).toContain(email);
    const publicPage = async () => visibleText(await (await new Browser(env).get(`/convenings/${conv.slug}`)).text());
    expect(await publicPage()).toContain(HARD);
    const [p] = await env.deps.db.select().from(conveningParticipants).where(eq(conveningParticipants.name, HARD));
    expect((await organizer.post(`${path}/participants/${p.id}/withdraw`, {})).status).toBe(303);
    expect(await publicPage()).not.toContain(HARD);

    const noGoal = await organizer.post(`${path}/recommendations`, { title: 'Kept title', text: 'Kept text', goal: '' });
    expect(noGoal.status).toBe(422);
    const unknownGoal = await organizer.post(`${path}/recommendations`, { title: 'Kept title', text: 'Kept text', goal: 'no-such-goal' });
    expect(unknownGoal.status).toBe(422);
    expect(await unknownGoal.text()).toContain('Kept text');
    const title = `Open the data ${uid()}`;
    expect((await organizer.post(`${path}/recommendations`, { title, text: 'Publish it', goal: `talent-${u}` })).status).toBe(303);
    const [r] = await env.deps.db.select().from(recommendations).where(eq(recommendations.title, title));
    expect(r.status).toBe('proposed');

    const other = new Browser(env);
    await other.signInAs(`other2-${u}@example.org`, { role: 'organizer', scope: `elsewhere-${u}` });
    expect((await other.get(path)).status).toBe(403);
    expect((await other.post(`${path}/participants`, { name: 'x', email: 'x@example.org', role: 'observer' })).status).toBe(403);
  });
});

describe('turning interest-form answers into invitations', () => {
  it('invites the chosen people once each, by email in the language they answered in, with a calendar invite', async () => {
    const newConvening = async (startsAt: string, endsAt: string) =>
      (
        (await (
          await api(env, 'POST', '/api/v1/convenings', token, {
            title: { en: `Next roundtable ${uid()}`, es: `Próxima mesa ${uid()}` },
            startsAt,
            endsAt,
            timeZone: 'America/Los_Angeles',
            format: 'in_person',
            status: 'published',
            chapter: 'los-angeles',
          })
        ).json()) as { slug: string }
      ).slug;
    const next = await newConvening(future(10), future(10, 2));
    const formTitle = `Interested ${uid()}`;
    const form = (await (
      await api(env, 'POST', '/api/v1/forms', token, {
        title: formTitle,
        questions: [{ kind: 'text', label: { en: 'Where do you work?', es: '¿Dónde trabajas?' } }],
      })
    ).json()) as { slug: string };
    const answer = async (name: string, email: string, language: 'en' | 'es') => {
      const res = await api(env, 'POST', `/api/v1/forms/${form.slug}/responses`, undefined, {
        name,
        email,
        language,
        answers: { q1: 'City' },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const ana = `ana-${uid()}@example.org`;
    const ben = `ben-${uid()}@example.org`;
    // Ana answered twice: first in English, then in Spanish; her latest answer speaks for her.
    const ids = [await answer('Ana', ana, 'en'), await answer('Ana Núñez', ana, 'es'), await answer(HARD, ben, 'en')];

    const path = `/organize/directory/forms/${form.slug}/responses`;
    const listed = await organizer.get(`/es${path}`);
    expect(listed.status).toBe(200);
    expect(visibleText(await listed.text())).toContain('Ana Núñez');
    expect(visibleText(await (await organizer.get('/organize/directory/forms')).text())).toContain(formTitle);

    const action = `/organize/directory/forms/${form.slug}/invitations`;
    const none = await organizer.post(action, { convening: next });
    expect(none.status).toBe(422);
    expect(visibleText(await none.text())).toContain('Choose at least one person.');
    const past = await newConvening(future(-3), future(-3, 2));
    const refused = await organizer.post(action, { convening: past, responses: ids });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(visibleText(refusedHtml)).toContain('Choose a published convening that has not started yet.');
    expect(refusedHtml).toMatch(new RegExp(`value="${ids[0]}"\\s+checked`));
    expect((await organizer.post(action, { convening: 'no-such-convening', responses: ids })).status).toBe(422);

    // Two organizers choosing the same people at once: each person is invited once.
    const [a, b] = await Promise.all([
      organizer.post(action, { convening: next, responses: ids }),
      organizer.post(action, { convening: next, responses: ids }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const rows = await env.deps.db.select().from(conveningInvitations).where(eq(conveningInvitations.email, ana));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Ana Núñez', language: 'es' });
    const again = await organizer.post(action, { convening: next, responses: [ids[2]] });
    expect(again.headers.get('location')).toContain('invited=0&already=1');

    await drainTasks(env.deps, directoryModule.tasks!);
    const toAna = await env.deps.db.select().from(outbox).where(eq(outbox.to, ana));
    expect(toAna).toHaveLength(1);
    expect(toAna[0].subject).toMatch(/^Te invitamos: Próxima mesa/);
    expect(toAna[0].raw).toContain('METHOD:REQUEST');
    expect(toAna[0].text).toContain(`/es/events/${next}`);
    const toBen = await env.deps.db.select().from(outbox).where(eq(outbox.to, ben));
    expect(toBen).toHaveLength(1);
    expect(toBen[0].subject).toMatch(/^You are invited: Next roundtable/);

    const member = new Browser(env);
    await member.signInAs(`member3-${u}@example.org`);
    expect((await member.get(path)).status).toBe(403);
    expect((await member.post(action, { convening: next, responses: ids })).status).toBe(403);
    const csv = await organizer.get(`/es${path}.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body).toContain('¿Dónde trabajas?');
    expect(body).toContain('Ana Núñez');
    expect((await member.get(`${path}.csv`)).status).toBe(403);
  });
});

describe('people who belong to an organization', () => {
  it('are shown on its page and in the API only with consent, never with emails, and leave at once', async () => {
    const org = (await (
      await api(env, 'POST', '/api/v1/organizations', token, { name: `Members ${uid()}`, kind: 'nonprofit' })
    ).json()) as {
      slug: string;
    };
    const shown = `shown-${uid()}@example.org`;
    const hidden = `hidden-${uid()}@example.org`;
    const path = `/organize/directory/organizations/${org.slug}/people`;
    expect((await organizer.get(`/es${path}`)).status).toBe(200);
    expect((await organizer.post(path, { name: HARD, email: shown, title: 'Chief Listener', publicConsent: 'yes' })).status).toBe(303);
    const res = await api(env, 'POST', `/api/v1/organizations/${org.slug}/members`, token, { name: 'Quiet Person', email: hidden });
    expect(res.status).toBe(201);
    const bad = await organizer.post(path, { name: 'Kept Member', email: 'not-an-email' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('value="Kept Member"');
    const member = new Browser(env);
    await member.signInAs(`member4-${u}@example.org`);
    expect((await member.get(path)).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/organizations/${org.slug}/members`, undefined, { name: 'x', email: hidden })).status).toBe(401);

    const publicHtml = async () => await (await new Browser(env).get(`/organizations/${org.slug}`)).text();
    const html = await publicHtml();
    expect(visibleText(html)).toContain(`${HARD.trim()}, Chief Listener`);
    expect(html).not.toContain('Quiet Person');
    expect(html).not.toContain(shown);
    const pub = (await (await api(env, 'GET', `/api/v1/organizations/${org.slug}`)).json()) as { people: { name: string }[] };
    expect(pub.people.map((p) => p.name)).toEqual([HARD.trim()]);
    expect(JSON.stringify(pub)).not.toContain('@example.org');
    const full = (await (await api(env, 'GET', `/api/v1/organizations/${org.slug}/members`, token)).json()) as {
      members: { id: string; email: string }[];
    };
    expect(full.members.map((m) => m.email).sort()).toEqual([hidden, shown].sort());

    // The person themself takes it back; the page changes with the next request.
    const self = new Browser(env);
    const person = await self.signInAs(shown);
    const mine = full.members.find((m) => m.email === shown)!;
    const other = full.members.find((m) => m.email === hidden)!;
    const selfToken = await apiToken(env, shown);
    expect((await api(env, 'POST', `/api/v1/organizations/${org.slug}/members/${other.id}/withdraw`, selfToken)).status).toBe(403);
    expect((await api(env, 'POST', `/api/v1/organizations/${org.slug}/members/${mine.id}/withdraw`, selfToken)).status).toBe(200);
    expect(visibleText(await publicHtml())).not.toContain('Chief Listener');

    // Merging a duplicate keeps its people; someone on both lists stays once.
    const dup = (await (await api(env, 'POST', '/api/v1/organizations', token, { name: `Dup ${uid()}`, kind: 'nonprofit' })).json()) as {
      slug: string;
    };
    const moved = `moved-${uid()}@example.org`;
    for (const email of [hidden, moved])
      expect((await api(env, 'POST', `/api/v1/organizations/${dup.slug}/members`, token, { name: 'On Dup', email })).status).toBe(201);
    expect((await api(env, 'POST', `/api/v1/organizations/${dup.slug}/merge`, token, { into: org.slug })).status).toBe(200);
    const merged = (await (await api(env, 'GET', `/api/v1/organizations/${org.slug}/members`, token)).json()) as {
      members: { email: string; name: string }[];
    };
    expect(merged.members.map((m) => m.email).sort()).toEqual([hidden, moved, shown].sort());
    expect(merged.members.find((m) => m.email === hidden)!.name).toBe('Quiet Person');

    expect((await exportDirectoryData(env.deps.db, person.id)).organizations).toHaveLength(1);
    await env.deps.db.transaction((tx) => eraseDirectoryData(tx, person.id, person.email));
    expect((await exportDirectoryData(env.deps.db, person.id)).organizations).toHaveLength(0);
    const { person: quiet } = await ensurePerson(env.deps.db, { email: hidden, fullName: 'x' });
    expect((await exportDirectoryData(env.deps.db, quiet.id)).organizations[0]).toMatchObject({
      name: 'Quiet Person',
      publicConsent: false,
    });
  });
});

describe('organizer pages that make interest forms and convenings', () => {
  it('build an interest form: blank rows left out, limits kept, a bad choice named beside its row and nothing saved', async () => {
    expect(visibleText(await (await organizer.get('/es/organize/directory/forms/new')).text())).toContain('Nuevo formulario de interés');
    const title = `${HARD} ${uid()}`;
    const refused = await organizer.post('/es/organize/directory/forms/new', {
      title,
      'questions.0.label': 'Your idea',
      'questions.0.kind': 'text',
      'questions.2.label': 'Pick one',
      'questions.2.kind': 'choice',
      'questions.2.options': 'Only one',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(visibleText(html)).toContain('Una pregunta de opción necesita al menos dos opciones.');
    // Beside the third row (the second question sent), everything as typed.
    expect(html).toMatch(/questions\.2\.options-error|id="questions\.2\.options"[^>]*aria-invalid="true"/);
    expect(html).toContain('Only one');
    expect(html).toContain('value="Your idea"');
    expect(await env.deps.db.select().from(interestForms).where(eq(interestForms.title, title))).toHaveLength(0);

    const saved = await organizer.post('/organize/directory/forms/new', {
      title,
      titleEs: 'Formulario',
      topics: `data-${u}`,
      'questions.0.label': 'Your idea',
      'questions.0.labelEs': 'Su idea',
      'questions.0.kind': 'long_text',
      'questions.0.maxLength': '500',
      'questions.0.required': 'on',
      'questions.2.label': 'Pick one',
      'questions.2.kind': 'choice',
      'questions.2.options': 'Yes | Sí\nNo | No',
    });
    expect(saved.status).toBe(303);
    const [form] = await env.deps.db.select().from(interestForms).where(eq(interestForms.title, title));
    expect(saved.headers.get('location')).toBe(`/forms/${form.slug}`);
    expect(form.topics).toEqual([`data-${u}`]);
    expect(form.questions).toEqual([
      { id: 'q1', kind: 'long_text', label: { en: 'Your idea', es: 'Su idea' }, required: true, maxLength: 500 },
      {
        id: 'q2',
        kind: 'choice',
        label: { en: 'Pick one', es: null },
        required: false,
        options: [
          { en: 'Yes', es: 'Sí' },
          { en: 'No', es: 'No' },
        ],
      },
    ]);
    expect(visibleText(await (await organizer.get(`/forms/${form.slug}`)).text())).toContain('Pick one');
  });

  it('create a convening in the organizer’s chapter and zone, refusing an end before the start in their language', async () => {
    expect((await organizer.get('/es/organize/directory/convenings/new')).status).toBe(200);
    const title = `Roundtable ${uid()}`;
    const bad = await organizer.post('/es/organize/directory/convenings/new', {
      title,
      startsAt: '2031-03-10T18:00',
      endsAt: '2031-03-10T17:00',
      timeZone: 'America/Los_Angeles',
      format: 'hybrid',
      status: 'published',
      agenda: 'Kept agenda',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(visibleText(html)).toContain('El final debe ser después del inicio.');
    expect(html).toContain(`value="${title}"`);
    expect(html).toContain('Kept agenda');
    expect((await organizer.get('/organize/directory')).status).toBe(200);

    const ok = await organizer.post('/organize/directory/convenings/new', {
      title,
      titleEs: 'Mesa redonda',
      startsAt: '2031-03-10T18:00',
      endsAt: '2031-03-10T20:00',
      timeZone: 'America/Los_Angeles',
      format: 'hybrid',
      status: 'published',
      agenda: '1. Welcome',
    });
    expect(ok.status).toBe(303);
    const slug = ok.headers.get('location')!.split('/').pop()!;
    const event = await getEvent(env.deps.db, slug);
    expect(event.chapter).toBe('los-angeles');
    expect(event.startsAt.toISOString()).toBe('2031-03-11T01:00:00.000Z');
    const shown = await organizer.get(ok.headers.get('location')!);
    expect(shown.status).toBe(200);
    expect(visibleText(await (await organizer.get(`/convenings/${slug}`)).text())).toContain('Welcome');

    const member = new Browser(env);
    await member.signInAs(`member2-${u}@example.org`);
    expect((await member.post('/organize/directory/convenings/new', { title: 'x' })).status).toBe(403);
    expect((await member.get('/organize/directory/forms/new')).status).toBe(403);
  });
});

describe('the duplicates page', () => {
  it('lists a pair by website and merges on a button, a second click landing on the same kept page', async () => {
    const site = `https://dup-${uid()}.example.org`;
    const make = async (name: string) =>
      (
        (await (await api(env, 'POST', '/api/v1/organizations', token, { name, kind: 'nonprofit', website: site })).json()) as {
          slug: string;
        }
      ).slug;
    const a = await make(`Keep Me ${uid()}`);
    const b = await make(`Merge Me ${uid()}`);
    const listed = await organizer.get('/es/organize/directory/duplicates');
    expect(listed.status).toBe(200);
    const text = visibleText(await listed.text());
    expect(text).toContain('El mismo sitio web');
    const merged = await organizer.post('/organize/directory/duplicates/merge', { keep: a, duplicate: b });
    expect(merged.status).toBe(303);
    expect(merged.headers.get('location')).toBe(`/organizations/${a}`);
    const again = await organizer.post('/organize/directory/duplicates/merge', { keep: a, duplicate: b });
    expect(again.status).toBe(303);
    expect(await env.deps.db.select().from(organizations).where(eq(organizations.slug, b))).toHaveLength(0);
    const member = new Browser(env);
    await member.signInAs(`member3-${u}@example.org`);
    expect((await member.get('/organize/directory/duplicates')).status).toBe(403);
  });
});
