import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { programTeamMembers, programWorksheetVersions, programWorksheets, type Program } from './schema';
import { applicationInput, apply, decide, getProgram } from '.';
import { readOutline } from './pages/worksheets';
import { ensureChapter, erasePerson, exportPersonData } from '../people';

let env: TestEnv;
let orgToken: string;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function newProgram(): Promise<Program> {
  const res = await api(env, 'POST', '/api/v1/programs', orgToken, {
    title: { en: 'Community Data Training Sprint', es: 'Sprint de formación en datos comunitarios' },
    timeZone: 'America/New_York',
    startsAt: day(30),
    endsAt: day(90),
    applicationDeadline: day(20),
    bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
  });
  expect(res.status).toBe(201);
  return getProgram(env.deps.db, ((await res.json()) as { slug: string }).slug);
}

/** An accepted team of two and each member's email. */
async function newTeam(p: Program, language: 'en' | 'es' = 'en') {
  const tag = uid();
  const a = await apply(
    env.deps.db,
    p,
    applicationInput.parse({
      organization: 'Ciudad de Pruebas',
      contact: { name: 'María José', email: `c-${tag}@example.org` },
      language,
      members: [
        { name: 'Zoë O’Brien-Ñúñez', email: `a-${tag}@example.org` },
        { name: '김민준', email: `b-${tag}@example.org` },
      ],
    }),
  );
  const { teamId } = await decide(env.deps.db, p, a, 'accepted', null);
  const members = await env.deps.db.select().from(programTeamMembers).where(eq(programTeamMembers.teamId, teamId!));
  return { teamId: teamId!, emails: members.map((m) => m.email).sort() };
}

const roadmap = {
  key: 'roadmap',
  title: { en: 'Roadmap', es: 'Hoja de ruta' },
  sections: [
    {
      title: { en: 'Audiences', es: 'Públicos' },
      questions: [
        { label: { en: 'Who uses your data?', es: '¿Quién usa sus datos?' } },
        { label: { en: 'Who is missing?', es: '¿Quién falta?' } },
      ],
    },
    { id: 'plan', title: { en: 'Workplan', es: 'Plan de trabajo' }, questions: [{ id: 'steps', label: { en: 'Steps', es: 'Pasos' } }] },
  ],
};

async function setup() {
  const p = await newProgram();
  const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, roadmap);
  expect(res.status, await res.clone().text()).toBe(201);
  const team = await newTeam(p);
  const tokens = await Promise.all(team.emails.map((e) => apiToken(env, e)));
  const url = `/api/v1/programs/${p.slug}/teams/${team.teamId}/worksheets/roadmap`;
  return { p, team, tokens, url };
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  orgToken = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(() => env.close());

describe('worksheet templates', () => {
  it('gives ids in order, and refuses bad templates by field, a repeated key, and non-organizers', async () => {
    const p = await newProgram();
    const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, roadmap);
    const body = (await res.json()) as { sections: { id: string; questions: { id: string }[] }[] };
    expect(body.sections.map((s) => [s.id, s.questions.map((q) => q.id)])).toEqual([
      ['s1', ['s1-q1', 's1-q2']],
      ['plan', ['steps']],
    ]);
    const again = await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, roadmap);
    expect(again.status).toBe(422);
    expect(((await again.json()) as { error: { fields: Record<string, string> } }).error.fields.key).toMatch(/short name/);
    const bad = await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, {
      ...roadmap,
      key: 'other',
      sections: [{ title: { en: 'Empty' }, questions: [] }],
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('at least one question');
    const dup = await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, {
      key: 'dup',
      title: { en: 'Dup' },
      sections: [
        {
          title: { en: 'A' },
          questions: [
            { id: 'x', label: { en: 'X' } },
            { id: 'x', label: { en: 'Y' } },
          ],
        },
      ],
    });
    expect(dup.status).toBe(422);
    const someone = await apiToken(env, `x-${uid()}@example.org`);
    expect((await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, someone, { ...roadmap, key: 'x2' })).status).toBe(403);
  });

  it('reads the outline organizers type: # sections and - questions, English | Spanish', () => {
    expect(readOutline('# Audiences | Públicos\n- Who? | ¿Quién?\n-  Why?\n\n# Plan\n- Steps | Pasos')).toEqual([
      {
        title: { en: 'Audiences', es: 'Públicos' },
        questions: [{ label: { en: 'Who?', es: '¿Quién?' } }, { label: { en: 'Why?', es: null } }],
      },
      { title: { en: 'Plan', es: null }, questions: [{ label: { en: 'Steps', es: 'Pasos' } }] },
    ]);
  });
});

describe('a team’s worksheet', () => {
  it('keeps every save as a version with who and when, merges questions, compares and restores', async () => {
    const { p, team, tokens, url } = await setup();
    const first = await api(env, 'PUT', url, tokens[0], { answers: { 's1-q1': 'Residents', steps: 'Publish' }, baseVersion: 0 });
    expect(await first.json()).toEqual({ version: 1, saved: true });
    // The other member, from the same starting point, writes a different question: both are kept.
    const second = await api(env, 'PUT', url, tokens[1], { answers: { 's1-q2': 'Renters' }, baseVersion: 0 });
    expect(await second.json()).toEqual({ version: 2, saved: true });
    // The same text again (a double click) makes no version.
    expect(await (await api(env, 'PUT', url, tokens[1], { answers: { 's1-q2': 'Renters' } })).json()).toEqual({
      version: 2,
      saved: false,
    });
    // Writing over a question someone changed since the version one started from is refused, nothing saved.
    const stale = await api(env, 'PUT', url, tokens[1], { answers: { 's1-q1': 'Everyone', steps: 'Other' }, baseVersion: 0 });
    expect(stale.status).toBe(409);
    const staleBody = (await stale.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(staleBody.error.code).toBe('worksheet_changed');
    expect(Object.keys(staleBody.error.fields).sort()).toEqual(['answers.s1-q1', 'answers.steps']);
    const sheet = (await (await api(env, 'GET', url, tokens[0])).json()) as {
      version: number;
      answers: Record<string, string>;
      completion: { answered: number; total: number };
    };
    expect(sheet.version).toBe(2);
    expect(sheet.answers).toEqual({ 's1-q1': 'Residents', 's1-q2': 'Renters', steps: 'Publish' });
    expect(sheet.completion).toEqual({ answered: 3, total: 3 });
    // Clearing an answer is a change too.
    expect(await (await api(env, 'PUT', url, tokens[0], { answers: { steps: '' }, baseVersion: 2 })).json()).toEqual({
      version: 3,
      saved: true,
    });

    const versions = (await (await api(env, 'GET', `${url}/versions`, orgToken)).json()) as {
      versions: { number: number; savedBy: string; savedAt: string; restoredFrom: number | null }[];
    };
    expect(versions.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(versions.versions[2].savedBy).toBe('Zoë O’Brien-Ñúñez');
    expect(versions.versions[1].savedBy).toBe('김민준');
    expect(versions.versions[0].savedAt).toMatch(/[+-]\d\d:\d\d$/);

    const diff = (await (await api(env, 'GET', `${url}/compare?from=1&to=3`, tokens[0])).json()) as { changes: unknown[] };
    expect(diff.changes).toEqual([
      { sectionId: 's1', questionId: 's1-q2', from: '', to: 'Renters' },
      { sectionId: 'plan', questionId: 'steps', from: 'Publish', to: '' },
    ]);

    // Organizers read and comment but do not write the team's answers.
    expect((await api(env, 'PUT', url, orgToken, { answers: { steps: 'x' } })).status).toBe(403);
    expect((await api(env, 'POST', `${url}/versions/1/restore`, orgToken)).status).toBe(403);
    const restored = await api(env, 'POST', `${url}/versions/1/restore`, tokens[1]);
    expect(await restored.json()).toEqual({ version: 4, saved: true });
    const [v4] = await env.deps.db.select().from(programWorksheetVersions).where(eq(programWorksheetVersions.number, 4));
    expect(v4.answers).toEqual({ 's1-q1': 'Residents', steps: 'Publish' });
    expect(v4.restoredFrom).toBe(1);
    expect((await api(env, 'POST', `${url}/versions/99/restore`, tokens[1])).status).toBe(404);

    const progress = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${team.teamId}/progress`, tokens[0])).json()) as {
      worksheets: unknown[];
    };
    expect(progress.worksheets).toEqual([{ key: 'roadmap', answered: 2, total: 3 }]);
  });

  it('refuses an unknown question, a too-long answer and outsiders, saving nothing', async () => {
    const { p, tokens, url } = await setup();
    const unknown = await api(env, 'PUT', url, tokens[0], { answers: { nope: 'x' } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { fields: Record<string, string> } }).error.fields['answers.nope']).toMatch(
      /no such question/,
    );
    const long = await api(env, 'PUT', url, tokens[0], { answers: { steps: 'x'.repeat(20_001) } });
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toContain('20,000');
    const outsider = await apiToken(env, `o-${uid()}@example.org`);
    expect((await api(env, 'GET', url, outsider)).status).toBe(403);
    expect((await api(env, 'PUT', url, outsider, { answers: { steps: 'x' } })).status).toBe(403);
    const other = await newTeam(p);
    expect((await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${other.teamId}/worksheets/roadmap`, tokens[0])).status).toBe(403);
    const sheets = await env.deps.db.select().from(programWorksheets);
    const versions = await env.deps.db
      .select()
      .from(programWorksheetVersions)
      .where(eq(programWorksheetVersions.worksheetId, sheets.find((s) => s.version === 0)!.id));
    expect(versions).toEqual([]);
  });

  it('facilitators comment on a section and the team answers; the team cannot start a thread', async () => {
    const { tokens, url } = await setup();
    const c = await api(env, 'POST', `${url}/comments`, orgToken, { sectionId: 's1', body: 'Add renters? ¿Y los inquilinos?' });
    expect(c.status).toBe(201);
    const comment = (await c.json()) as { id: string; fromTeam: boolean };
    expect(comment.fromTeam).toBe(false);
    expect((await api(env, 'POST', `${url}/comments`, tokens[0], { sectionId: 's1', body: 'Hi' })).status).toBe(422);
    expect((await api(env, 'POST', `${url}/comments`, tokens[0], { sectionId: 'plan', parentId: comment.id, body: 'x' })).status).toBe(422);
    expect((await api(env, 'POST', `${url}/comments`, orgToken, { sectionId: 'nope', body: 'x' })).status).toBe(422);
    const reply = await api(env, 'POST', `${url}/comments`, tokens[0], { sectionId: 's1', parentId: comment.id, body: 'Done.' });
    expect(reply.status).toBe(201);
    const sheet = (await (await api(env, 'GET', url, tokens[1])).json()) as {
      comments: { body: string; replies: { body: string; fromTeam: boolean }[] }[];
    };
    expect(sheet.comments).toHaveLength(1);
    expect(sheet.comments[0].replies).toEqual([expect.objectContaining({ body: 'Done.', fromTeam: true })]);
  });
});

describe('simultaneous saves', () => {
  it('20 saves at once of different questions give versions 1 to 20 and keep every answer', async () => {
    const p = await newProgram();
    const questions = Array.from({ length: 20 }, (_, i) => ({ id: `q${i}`, label: { en: `Q${i}` } }));
    await api(env, 'POST', `/api/v1/programs/${p.slug}/worksheets`, orgToken, {
      key: 'big',
      title: { en: 'Big' },
      sections: [{ title: { en: 'All' }, questions }],
    });
    const team = await newTeam(p);
    const token = await apiToken(env, team.emails[0]);
    const url = `/api/v1/programs/${p.slug}/teams/${team.teamId}/worksheets/big`;
    const results = await Promise.all(
      questions.map((q) => api(env, 'PUT', url, token, { answers: { [q.id]: `answer ${q.id}` }, baseVersion: 0 })),
    );
    expect(results.map((r) => r.status)).toEqual(questions.map(() => 200));
    const numbers = (await Promise.all(results.map(async (r) => ((await r.json()) as { version: number }).version))).sort((a, b) => a - b);
    expect(numbers).toEqual(questions.map((_, i) => i + 1));
    const sheet = (await (await api(env, 'GET', url, token)).json()) as { version: number; completion: { answered: number } };
    expect(sheet).toMatchObject({ version: 20, completion: { answered: 20 } });
  });

  it('10 saves at once of the same question from the same version: one is kept, the rest are told and saved nothing', async () => {
    const { tokens, url } = await setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api(env, 'PUT', url, tokens[i % 2], { answers: { steps: `plan ${i}` }, baseVersion: 0 })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const versions = (await (await api(env, 'GET', `${url}/versions`, tokens[0])).json()) as { versions: unknown[] };
    expect(versions.versions).toHaveLength(1);
  });
});

describe('worksheet pages without JavaScript', () => {
  it('organizers write a template from the outline form, with errors beside the field, in Spanish', async () => {
    const p = await newProgram();
    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const bad = await org.post(`/es/programs/${p.slug}/worksheets`, {
      key: 'plan',
      titleEn: 'Plan',
      outline: '- a question without a section',
    });
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('Escribe al menos una sección');
    const ok = await org.post(`/es/programs/${p.slug}/worksheets`, {
      key: 'plan',
      titleEn: 'Plan',
      titleEs: 'Plan de trabajo',
      outline: '# Audiences | Públicos\n- Who? | ¿Quién?',
    });
    expect(ok.status).toBe(303);
    await newTeam(p, 'es');
    const list = visibleText(await (await org.get(`/es/programs/${p.slug}/worksheets`)).text());
    expect(list).toContain('Plan de trabajo');
    expect(list).toContain('0 de 1 preguntas respondidas');
    const member = new Browser(env);
    await member.signInAs(`m-${uid()}@example.org`);
    expect((await member.get(`/programs/${p.slug}/worksheets`)).status).toBe(403);
  });

  it('a member saves a section, sees a clash without losing text, compares versions and restores; a facilitator comments', async () => {
    const { p, team, tokens, url } = await setup();
    const page = `/es/programs/${p.slug}/teams/${team.teamId}/worksheets/roadmap`;
    const b = new Browser(env);
    await b.signInAs(team.emails[0], { language: 'es' });
    const home = visibleText(await (await b.get(`/es/programs/${p.slug}/team`)).text());
    expect(home).toContain('Hojas de trabajo');
    expect(home).toMatch(/Hoja de ruta\s*: 0 de 3 preguntas respondidas/);
    const open = visibleText(await (await b.get(page)).text());
    expect(open).toContain('¿Quién usa sus datos?');
    expect(open).toContain('Todavía no se guardó nada');
    const saved = await b.post(`${page}/sections/s1`, { baseVersion: '0', 'answer-s1-q1': 'Vecinos', 'answer-s1-q2': '' });
    expect(saved.status).toBe(303);
    expect(visibleText(await (await b.get(saved.headers.get('location')!)).text())).toContain('Guardado como una versión nueva');
    // Someone else changes the same answer; this page still holds version 1.
    await api(env, 'PUT', url, tokens[1], { answers: { 's1-q1': 'Inquilinos' } });
    const clash = await b.post(`${page}/sections/s1`, { baseVersion: '1', 'answer-s1-q1': 'Vecinos y vecinas', 'answer-s1-q2': '' });
    expect(clash.status).toBe(409);
    const clashText = visibleText(await clash.text());
    expect(clashText).toContain('tu texto sigue abajo');
    expect(clashText).toContain('Vecinos y vecinas');
    const tooLong = await b.post(`${page}/sections/plan`, { baseVersion: '2', 'answer-steps': 'x'.repeat(20_001) });
    expect(tooLong.status).toBe(422);
    expect(visibleText(await tooLong.text())).toContain('20 000 caracteres');

    const history = visibleText(await (await b.get(`${page}/versions?from=1&to=2`)).text());
    expect(history).toContain('Cambios de la versión 1 a la versión 2');
    expect(history).toContain('Antes Vecinos Después Inquilinos');
    const restore = await b.post(`${page}/versions/1/restore`, {});
    expect(restore.status).toBe(303);
    const after = (await (await api(env, 'GET', url, tokens[0])).json()) as { version: number; answers: Record<string, string> };
    expect(after).toMatchObject({ version: 3, answers: { 's1-q1': 'Vecinos' } });

    const org = new Browser(env);
    await org.signInAs(`f-${uid()}@example.org`, { role: 'organizer', name: 'Ana Facilitadora' });
    const orgPage = `/programs/${p.slug}/teams/${team.teamId}/worksheets/roadmap`;
    expect(visibleText(await (await org.get(orgPage)).text())).toContain('Vecinos');
    expect((await org.post(`${orgPage}/comments`, { sectionId: 's1', body: '' })).status).toBe(422);
    expect((await org.post(`${orgPage}/comments`, { sectionId: 's1', body: 'What about renters?' })).status).toBe(303);
    const sheet = (await (await api(env, 'GET', url, tokens[0])).json()) as { comments: { id: string }[] };
    const replied = await b.post(`${page}/comments`, { sectionId: 's1', parentId: sheet.comments[0].id, body: 'Añadidos.' });
    expect(replied.status).toBe(303);
    const withComments = visibleText(await (await b.get(page)).text());
    expect(withComments).toContain('Ana Facilitadora (facilitación)');
    expect(withComments).toContain('Añadidos.');
    // Organizers cannot save a team's answers from the page either.
    expect((await org.post(`${orgPage}/sections/s1`, { 'answer-s1-q1': 'x' })).status).toBe(403);
  });
});

describe('progress pages and the team’s home', () => {
  it('shows a team’s progress to the team and organizers, the cohort to organizers, and the week and comments at home', async () => {
    const { p, team, tokens, url } = await setup();
    await api(env, 'PUT', url, tokens[0], { answers: { 's1-q1': 'Residents' } });
    await api(env, 'POST', `/api/v1/programs/${p.slug}/sessions`, orgToken, {
      kind: 'weekly',
      title: { en: 'Week 1: your users', es: 'Semana 1: sus usuarios' },
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString(),
    });
    await api(env, 'POST', `${url}/comments`, orgToken, { sectionId: 'plan', body: 'Add dates to each step.' });
    const other = await newTeam(p);

    const member = new Browser(env);
    await member.signInAs(team.emails[0], { language: 'es' });
    const home = visibleText(await (await member.get(`/es/programs/${p.slug}/team`)).text());
    expect(home).toMatch(/Esta semana Semana 1: sus usuarios/);
    expect(home).toContain('Últimos comentarios de facilitación');
    expect(home).toContain('Add dates to each step.');
    const mine = visibleText(await (await member.get(`/es/programs/${p.slug}/teams/${team.teamId}/progress`)).text());
    expect(mine).toContain('Avance: Ciudad de Pruebas');
    expect(mine).toMatch(/Horario de consulta 0 4/);
    expect(mine).toContain('1 de 3 preguntas respondidas');
    expect((await member.get(`/programs/${p.slug}/teams/${other.teamId}/progress`)).status).toBe(403);
    expect((await member.get(`/programs/${p.slug}/progress`)).status).toBe(403);

    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer' });
    const cohort = visibleText(await (await org.get(`/programs/${p.slug}/progress`)).text());
    expect(cohort).toContain('Cohort progress');
    expect(cohort).toMatch(/Ciudad de Pruebas .*0 of 0 .*0 of 4 booked .*1 of 3 questions answered/);
    expect(cohort).toMatch(/0 of 3 questions answered/);
    expect((await org.get(`/programs/${p.slug}/teams/${other.teamId}/progress`)).status).toBe(200);
  });
});

describe('organizers’ slot page and slot changes', () => {
  it('opens a time from the form, changes its seats (never below those taken), and cancels it with its bookings', async () => {
    const p = await newProgram();
    const { teamId, emails } = await newTeam(p);
    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const path = `/es/programs/${p.slug}/slots`;
    const bad = await org.post(path, { kind: 'office_hour', startsAt: `${day(40)}T10:00`, endsAt: `${day(40)}T09:00`, capacity: '0' });
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('Un horario necesita al menos un lugar');
    const backwards = await org.post(path, {
      kind: 'office_hour',
      startsAt: `${day(40)}T10:00`,
      endsAt: `${day(40)}T09:00`,
      capacity: '1',
    });
    expect(backwards.status).toBe(422);
    expect(visibleText(await backwards.text())).toContain('El final tiene que ser después del inicio');
    const ok = await org.post(path, {
      kind: 'office_hour',
      startsAt: `${day(40)}T10:00`,
      endsAt: `${day(40)}T11:00`,
      capacity: '2',
      hostName: 'Ana Núñez',
      hostEmail: `host-${uid()}@example.org`,
    });
    expect(ok.status).toBe(303);
    const slots = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/slots`, orgToken)).json()) as {
      slots: { id: string; capacity: number; booked: number; cancelled: boolean; startsAt: string }[];
    };
    expect(slots.slots).toHaveLength(1);
    const s = slots.slots[0];
    expect(s.startsAt).toMatch(/T10:00:00-0[45]:00$/);
    const memberToken = await apiToken(env, emails[0]);
    const booked = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${s.id}/bookings`, memberToken, {});
    expect(booked.status).toBe(201);
    const bookingId = ((await booked.json()) as { id: string }).id;

    const list = visibleText(await (await org.get(path)).text());
    expect(list).toContain('1 de 2 ocupados');
    expect(list).toContain('Ana Núñez');
    const low = await api(env, 'PATCH', `/api/v1/programs/${p.slug}/slots/${s.id}`, orgToken, { capacity: 0 });
    expect(low.status).toBe(422);
    expect((await org.post(`${path}/${s.id}/capacity`, { capacity: '1' })).status).toBe(303);
    const other = await newTeam(p);
    const full = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${s.id}/bookings`, orgToken, { teamId: other.teamId });
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe('slot_full');
    const grown = await api(env, 'PATCH', `/api/v1/programs/${p.slug}/slots/${s.id}`, orgToken, { capacity: 3 });
    expect(await grown.json()).toMatchObject({ capacity: 3, booked: 1 });

    expect((await org.post(`${path}/${s.id}/cancel`, {})).status).toBe(303);
    const after = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/slots`, orgToken)).json()) as typeof slots;
    expect(after.slots[0]).toMatchObject({ cancelled: true, booked: 0 });
    const ics = await (await api(env, 'GET', `/api/v1/programs/${p.slug}/bookings/${bookingId}/invite.ics`, memberToken)).text();
    expect(ics).toContain('METHOD:CANCEL');
    const progress = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${teamId}/progress`, memberToken)).json()) as {
      bookings: { office_hour: { booked: number } };
    };
    expect(progress.bookings.office_hour.booked).toBe(0);
    const again = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${s.id}/bookings`, memberToken, {});
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('slot_cancelled');
    expect((await api(env, 'PATCH', `/api/v1/programs/${p.slug}/slots/${s.id}`, orgToken, { capacity: 5 })).status).toBe(409);
    const member = new Browser(env);
    await member.signInAs(emails[0]);
    expect(visibleText(await (await member.get(`/programs/${p.slug}/team`)).text())).not.toContain('Book this time');
    expect((await member.get(`/programs/${p.slug}/slots`)).status).toBe(403);
  });
});

describe('worksheets and person data', () => {
  it('exports a member’s saves and comments, and erasing keeps the team’s history without their name', async () => {
    const { team, tokens, url } = await setup();
    await api(env, 'PUT', url, tokens[0], { answers: { steps: 'Publish' } });
    const c = (await (await api(env, 'POST', `${url}/comments`, orgToken, { sectionId: 'plan', body: 'Dates?' })).json()) as { id: string };
    await api(env, 'POST', `${url}/comments`, tokens[0], { sectionId: 'plan', parentId: c.id, body: 'Añadidas.' });
    const [person] = await env.deps.db.select().from(programTeamMembers).where(eq(programTeamMembers.email, team.emails[0]));
    const data = JSON.stringify(await exportPersonData(env.deps.db, person.personId));
    expect(data).toContain('Añadidas.');
    expect(data).toContain('"worksheetSaves":[{"worksheet":"roadmap","version":1');
    await erasePerson(env.deps.db, person.personId);
    const sheet = (await (await api(env, 'GET', url, tokens[1])).json()) as {
      answers: Record<string, string>;
      comments: { replies: { author: string | null }[] }[];
    };
    expect(sheet.answers.steps).toBe('Publish');
    expect(sheet.comments[0].replies[0].author).toBeNull();
    const versions = (await (await api(env, 'GET', `${url}/versions`, tokens[1])).json()) as { versions: { savedBy: string | null }[] };
    expect(versions.versions[0].savedBy).toBeNull();
  });
});

describe('organizers’ sessions and attendance pages', () => {
  it('lists sessions and marks who was there with checkboxes, unchecking removes a mark', async () => {
    const p = await newProgram();
    const { teamId, emails } = await newTeam(p, 'es');
    const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/sessions`, orgToken, {
      kind: 'weekly',
      title: { en: 'Week 1', es: 'Semana 1' },
      startsAt: `${day(31)}T12:00`,
      endsAt: `${day(31)}T13:00`,
    });
    const sessionId = ((await res.json()) as { id: string }).id;
    const members = await env.deps.db.select().from(programTeamMembers).where(eq(programTeamMembers.teamId, teamId));
    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    expect(visibleText(await (await org.get(`/es/programs/${p.slug}/sessions`)).text())).toContain('Marcar quién asistió');
    const form = visibleText(await (await org.get(`/es/programs/${p.slug}/sessions/${sessionId}/attendance`)).text());
    expect(form).toContain('Quién asistió: Semana 1');
    expect(form).toContain('Zoë O’Brien-Ñúñez');
    const one = members.find((m) => m.email === emails[0])!;
    const saved = await org.post(`/es/programs/${p.slug}/sessions/${sessionId}/attendance`, {
      member: members.map((m) => m.id),
      present: [one.id],
    });
    expect(saved.status).toBe(303);
    const html = await (await org.get(saved.headers.get('location')!)).text();
    expect(visibleText(html)).toContain('Asistencia guardada.');
    expect(html).toMatch(new RegExp(`value="${one.id}"[^>]*checked|checked[^>]*value="${one.id}"`));
    // Unchecking removes the mark; an id from elsewhere is refused and changes nothing.
    expect((await org.post(`/programs/${p.slug}/sessions/${sessionId}/attendance`, { member: [one.id, crypto.randomUUID()] })).status).toBe(
      422,
    );
    expect((await org.post(`/programs/${p.slug}/sessions/${sessionId}/attendance`, { member: [one.id] })).status).toBe(303);
    expect(await (await org.get(`/programs/${p.slug}/sessions/${sessionId}/attendance`)).text()).not.toMatch(/checked/);
    const member = new Browser(env);
    await member.signInAs(emails[0]);
    expect((await member.get(`/programs/${p.slug}/sessions`)).status).toBe(403);
  });
});

describe('template changes reach team copies', () => {
  it('adds sections and questions to existing copies, follows new wording, and keeps every answer', async () => {
    const { p, tokens, url } = await setup();
    const opened = (await (await api(env, 'GET', url, tokens[0])).json()) as { version: number };
    expect(opened.version).toBe(0);
    await api(env, 'PUT', url, tokens[0], { answers: { 's1-q1': 'Neighbours', steps: 'Publish' } });
    const change = {
      key: 'roadmap',
      title: { en: 'Roadmap', es: 'Hoja de ruta' },
      sections: [
        {
          id: 's1',
          title: { en: 'Audiences', es: 'Públicos' },
          questions: [
            { id: 's1-q1', label: { en: 'Who uses your data today?', es: '¿Quién usa hoy sus datos?' } },
            { id: 'reach', label: { en: 'How will you reach them?', es: '¿Cómo llegarán a ellos?' } },
          ],
        },
        {
          id: 'feedback',
          title: { en: 'Feedback', es: 'Opiniones' },
          questions: [{ id: 'method', label: { en: 'Method', es: 'Método' } }],
        },
      ],
    };
    const templateUrl = `/api/v1/programs/${p.slug}/worksheets/roadmap`;
    // Every item needs its id; the key stays; only organizers.
    const noIds = await api(env, 'PUT', templateUrl, orgToken, { ...change, sections: [{ title: 'New', questions: [{ label: 'Q' }] }] });
    expect(noIds.status).toBe(422);
    expect(Object.keys(((await noIds.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(
      expect.arrayContaining(['sections.0.id', 'sections.0.questions.0.id']),
    );
    expect((await api(env, 'PUT', templateUrl, orgToken, { ...change, key: 'other' })).status).toBe(422);
    expect((await api(env, 'PUT', templateUrl, tokens[0], change)).status).toBe(403);

    const res = await api(env, 'PUT', templateUrl, orgToken, change);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { copies: number }).copies).toBe(1);
    const sheet = (await (await api(env, 'GET', url, tokens[1])).json()) as {
      sections: { id: string; questions: { id: string; label: { en: string } }[] }[];
      answers: Record<string, string>;
      version: number;
      completion: { answered: number; total: number };
    };
    // The template's sections in its order; "steps", dropped but answered, stays in its old section at the end.
    expect(sheet.sections.map((s) => [s.id, s.questions.map((q) => q.id)])).toEqual([
      ['s1', ['s1-q1', 'reach']],
      ['feedback', ['method']],
      ['plan', ['steps']],
    ]);
    expect(sheet.sections[0].questions[0].label.en).toBe('Who uses your data today?');
    expect(sheet.answers).toEqual({ 's1-q1': 'Neighbours', steps: 'Publish' });
    expect(sheet.version).toBe(1);
    expect(sheet.completion).toEqual({ answered: 2, total: 4 });
    // The new question can be answered at once; a team opening the worksheet later gets the new template.
    expect((await api(env, 'PUT', url, tokens[1], { answers: { reach: 'Library visits' }, baseVersion: 1 })).status).toBe(200);
    const later = await newTeam(p);
    const laterToken = await apiToken(env, later.emails[0]);
    const fresh = (await (
      await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${later.teamId}/worksheets/roadmap`, laterToken)
    ).json()) as {
      sections: { id: string }[];
    };
    expect(fresh.sections.map((s) => s.id)).toEqual(['s1', 'feedback']);
  });

  it('organizers change a template from the outline form; ids stay, new lines get fresh ones, answers stay', async () => {
    const { p, tokens, url } = await setup();
    await api(env, 'PUT', url, tokens[0], { answers: { 's1-q2': 'Renters' } });
    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const edit = `/es/programs/${p.slug}/worksheets/roadmap/edit`;
    const shown = await (await org.get(edit)).text();
    expect(shown).toContain('# [s1] Audiences | Públicos');
    expect(shown).toContain('- [s1-q2] Who is missing? | ¿Quién falta?');
    const bad = await org.post(edit, { titleEn: 'Roadmap', outline: '' });
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('Escribe al menos una sección');
    const saved = await org.post(edit, {
      titleEn: 'Roadmap',
      titleEs: 'Hoja de ruta',
      outline:
        '# [s1] Audiences | Públicos\n- [s1-q2] Who is left out? | ¿Quién queda fuera?\n- Partners | Aliados\n# [plan] Workplan | Plan de trabajo\n- [steps] Steps | Pasos',
    });
    expect(saved.status).toBe(303);
    const sheet = (await (await api(env, 'GET', url, tokens[1])).json()) as {
      sections: { id: string; questions: { id: string; label: { es: string } }[] }[];
      answers: Record<string, string>;
    };
    const audiences = sheet.sections[0].questions;
    expect(audiences.map((q) => q.label.es)).toEqual(['¿Quién queda fuera?', 'Aliados']);
    expect(audiences[0].id).toBe('s1-q2');
    expect(audiences[1].id).toMatch(/^n[0-9a-f]{8}$/);
    expect(sheet.answers).toEqual({ 's1-q2': 'Renters' });
  });
});
