import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { programDeliverables, programSessions, programTeamMembers, programTeamQuotas, type Program } from './schema';
import { applicationInput, apply, createProgram, decide, getProgram, programInput, programsModule } from '.';
import { draftFromToken, handIn, sendDraft } from './service';
import { ensureChapter, ensurePerson, erasePerson, exportPersonData } from '../people';

let env: TestEnv;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const tasks = () => drainTasks(env.deps, programsModule.tasks!);
const mailsTo = (to: string) => env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
afterAll(() => env.close());

const getProgramCount = async () => (await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM programs`))[0].n;

async function organizer(language: 'en' | 'es' = 'es') {
  const b = new Browser(env);
  await b.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language });
  return b;
}

async function newProgram(): Promise<Program> {
  return createProgram(
    env.deps.db,
    programInput.parse({
      title: { en: 'Data Sprint', es: 'Sprint de datos' },
      timeZone: 'America/New_York',
      startsAt: day(30),
      endsAt: day(90),
      applicationDeadline: day(20),
      bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
      tags: [{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto' } }],
    }),
    null,
  );
}

async function newTeam(p: Program, language: 'en' | 'es' = 'es') {
  const tag = uid();
  const a = await apply(
    env.deps.db,
    p,
    applicationInput.parse({
      organization: 'Ciudad de Pruebas',
      contact: { name: 'María José', email: `c-${tag}@example.org` },
      language,
      members: [{ name: 'Zoë Ñúñez', email: `a-${tag}@example.org` }],
    }),
  );
  const { teamId } = await decide(env.deps.db, p, a, 'accepted', null);
  const [m] = await env.deps.db.select().from(programTeamMembers).where(eq(programTeamMembers.teamId, teamId!));
  return { teamId: teamId!, email: m.email };
}

const programForm = (over: Record<string, string> = {}) => ({
  'title.en': 'Community Data Training Sprint',
  'title.es': 'Sprint de formación en datos comunitarios',
  'description.en': 'Seven weekly sessions.',
  'description.es': 'Siete sesiones semanales.',
  chapter: '',
  timeZone: 'America/New_York',
  startsAt: day(30),
  endsAt: day(90),
  applicationDeadline: `${day(20)}T17:00`,
  'bookingQuotas.office_hour': '4',
  'bookingQuotas.ta': '2',
  'bookingQuotas.pre_call': '1',
  tags: 'SI1 | Stakeholder impact | Impacto en las partes interesadas',
  ...over,
});

describe('program form (organizers, no JavaScript)', () => {
  it('adds and removes questions and rules by posting back, keeps what was typed, and refuses bad input beside each field', async () => {
    const b = await organizer();
    const before = await getProgramCount();
    const form = await b.get('/es/organize/programs/new');
    expect(form.status).toBe(200);
    expect(visibleText(await form.text())).toContain('Todavía no hay preguntas propias.');

    // "Add a question" twice: two question boxes, what was typed stays.
    const one = await b.post('/es/organize/programs/new', { ...programForm(), languages: ['en', 'es'], intent: 'add-question' });
    expect(one.status).toBe(200);
    const oneHtml = await one.text();
    expect(oneHtml).toContain('name="questions.0.label.en"');
    expect(oneHtml).toContain('value="Community Data Training Sprint"');
    const typed = {
      ...programForm(),
      languages: ['en', 'es'],
      'questions.0.kind': 'choice',
      'questions.0.id': 'kind',
      'questions.0.label.en': 'Jurisdiction',
      'questions.0.label.es': 'Jurisdicción',
      'questions.0.options': 'City | Ciudad\nCounty | Condado',
      'questions.0.required': 'on',
    };
    const two = await b.post('/es/organize/programs/new', { ...typed, intent: 'add-question' });
    expect(await two.text()).toContain('name="questions.1.label.en"');
    // Remove the first: the second moves up, nothing else is lost.
    const removed = await b.post('/es/organize/programs/new', {
      ...typed,
      'questions.1.kind': 'number',
      'questions.1.id': 'staff',
      'questions.1.label.en': 'Staff',
      intent: 'remove-question-0',
    });
    const removedHtml = await removed.text();
    expect(removedHtml).toContain('value="staff"');
    expect(removedHtml).not.toContain('value="Jurisdiction"');
    expect(removedHtml).not.toContain('name="questions.1.label.en"');

    // A rule on the choice question, then bad input everywhere: each problem named, in Spanish, nothing saved.
    const withRule = { ...typed, 'eligibility.0.field': 'kind', 'eligibility.0.op': 'in', 'eligibility.0.value': 'City, County' };
    const bad = await b.post('/es/organize/programs/new', {
      ...withRule,
      'title.en': '',
      'title.es': '',
      timeZone: 'Mars/Olympus',
      'eligibility.0.message.en': '',
    });
    expect(bad.status).toBe(422);
    const badText = visibleText(await bad.text());
    expect(badText).toContain('Escribe un título en inglés o en español.');
    expect(badText).toContain('Elige una zona horaria de la lista');
    expect(badText).toContain('Escribe el mensaje que verán quienes no cumplan esta regla.');
    expect(badText).toContain('Jurisdicción');
    // Times are checked once every field reads: an end before the start and a deadline already gone.
    const badTimes = await b.post('/es/organize/programs/new', {
      ...withRule,
      'eligibility.0.message.es': 'Solo ciudades y condados.',
      endsAt: day(10),
      applicationDeadline: `${day(-2)}T17:00`,
    });
    expect(badTimes.status).toBe(422);
    const timesText = visibleText(await badTimes.text());
    expect(timesText).toContain('El final tiene que ser después del inicio.');
    expect(timesText).toContain('La fecha límite para postular ya pasó.');
    expect(await getProgramCount()).toBe(before);

    const saved = await b.post('/es/organize/programs/new', {
      ...withRule,
      'eligibility.0.message.en': 'Only cities and counties.',
      'eligibility.0.message.es': 'Solo ciudades y condados.',
    });
    expect(saved.status, visibleText(await saved.clone().text()).slice(0, 800)).toBe(303);
    const slug = /\/programs\/([^/]+)\/edit/.exec(saved.headers.get('location')!)![1];
    const p = await getProgram(env.deps.db, slug);
    expect(p.title.es).toBe('Sprint de formación en datos comunitarios');
    expect(p.questions).toEqual([
      {
        id: 'kind',
        kind: 'choice',
        label: { en: 'Jurisdiction', es: 'Jurisdicción' },
        required: true,
        options: [
          { en: 'City', es: 'Ciudad' },
          { en: 'County', es: 'Condado' },
        ],
      },
    ]);
    expect(p.eligibility).toEqual([
      { field: 'kind', op: 'in', value: ['City', 'County'], message: { en: 'Only cities and counties.', es: 'Solo ciudades y condados.' } },
    ]);
    expect(p.tags).toEqual([{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto en las partes interesadas' } }]);
    expect(p.bookingQuotas).toEqual({ office_hour: 4, ta: 2, pre_call: 1 });
    expect(p.languages).toEqual(['en', 'es']);
    // 17:00 in New York, whatever the offset that day.
    expect(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(p.applicationDeadline),
    ).toBe('17');

    const edit = visibleText(await (await b.get(saved.headers.get('location')!)).text());
    expect(edit).toContain('Programa creado.');
    expect((await b.get('/es/organize/programs')).status).toBe(200);
    expect(visibleText(await (await b.get('/es/organize/programs')).text())).toContain('Sprint de formación en datos comunitarios');
  });

  it('edits a program: teams get the new quotas (never below what they booked), a passed deadline may stay', async () => {
    const p = await newProgram();
    const { teamId } = await newTeam(p);
    await env.deps.db.execute(sql`UPDATE program_team_quotas SET used = 3 WHERE team_id = ${teamId} AND kind = 'office_hour'`);
    const b = await organizer();
    const page = await b.get(`/es/programs/${p.slug}/edit`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="Sprint de datos"');
    // The deadline has passed since; the form sends it back as shown and the rest still saves.
    await env.deps.db.execute(sql`UPDATE programs SET application_deadline = now() - interval '1 day' WHERE id = ${p.id}`);
    const was = await getProgram(env.deps.db, p.slug);
    const shown = /name="applicationDeadline" type="datetime-local" value="([^"]*)"/.exec(
      await (await b.get(`/es/programs/${p.slug}/edit`)).text(),
    )![1];
    const res = await b.post(`/es/programs/${p.slug}/edit`, {
      ...programForm({ 'title.es': 'Sprint de datos 2', applicationDeadline: shown, tags: 'SI1 | Impact | Impacto' }),
      startsAt: day(30),
      endsAt: day(90),
      languages: 'es',
      'bookingQuotas.office_hour': '2',
      'bookingQuotas.ta': '5',
    });
    expect(res.status, visibleText(await res.clone().text()).slice(0, 600)).toBe(303);
    const after = await getProgram(env.deps.db, p.slug);
    expect(after.title.es).toBe('Sprint de datos 2');
    expect(after.applicationDeadline.getTime()).toBe(was.applicationDeadline.getTime());
    expect(after.languages).toEqual(['es']);
    const quotas = await env.deps.db.select().from(programTeamQuotas).where(eq(programTeamQuotas.teamId, teamId));
    const of = (k: string) => quotas.find((q) => q.kind === k)!.quota;
    expect([of('office_hour'), of('ta'), of('pre_call')]).toEqual([3, 5, 1]);
    // Another deadline in the past is still refused.
    const moved = await b.post(`/es/programs/${p.slug}/edit`, {
      ...programForm({ applicationDeadline: `${day(-3)}T10:00` }),
      languages: 'es',
    });
    expect(moved.status).toBe(422);
    expect(visibleText(await moved.text())).toContain('La fecha límite para postular ya pasó.');
    // Another chapter's organizer cannot edit it once it belongs to a chapter.
    await env.deps.db.execute(sql`UPDATE programs SET chapter = 'los-angeles' WHERE id = ${p.id}`);
    await ensureChapter(env.deps.db, { slug: 'elsewhere', name: 'Elsewhere' });
    const other = new Browser(env);
    await other.signInAs(`x-${uid()}@example.org`, { role: 'organizer', scope: 'elsewhere' });
    expect((await other.get(`/programs/${p.slug}/edit`)).status).toBe(403);
  });
});

describe('session pages', () => {
  it('schedules, edits (updated invite, SEQUENCE raised) and cancels (METHOD:CANCEL) a session; bad input is refused by field', async () => {
    const p = await newProgram();
    const { email } = await newTeam(p, 'es');
    const b = await organizer();
    const bad = await b.post(`/es/programs/${p.slug}/sessions`, {
      kind: 'weekly',
      'title.en': '',
      startsAt: `${day(31)}T12:00`,
      endsAt: `${day(31)}T11:00`,
      link: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(422);
    const badText = visibleText(await bad.text());
    expect(badText).toContain('Escribe un título en inglés o en español.');
    const made = await b.post(`/es/programs/${p.slug}/sessions`, {
      kind: 'weekly',
      'title.en': 'Week 1',
      'title.es': 'Semana 1',
      startsAt: `${day(31)}T12:00`,
      endsAt: `${day(31)}T13:00`,
      link: 'https://meet.example.org/w1',
      tags: 'SI1',
    });
    expect(made.status).toBe(303);
    const [s] = await env.deps.db.select().from(programSessions).where(eq(programSessions.programId, p.id));
    expect(s.tags).toEqual(['SI1']);
    await tasks();
    expect((await mailsTo(email))[0].subject).toMatch(/^Invitación: Semana 1/);

    const editUrl = `/es/programs/${p.slug}/sessions/${s.id}/edit`;
    expect(visibleText(await (await b.get(editUrl)).text())).toContain('Cancelar esta sesión');
    const badEdit = await b.post(editUrl, {
      kind: 'weekly',
      'title.es': 'Semana 1',
      startsAt: `${day(31)}T14:00`,
      endsAt: `${day(31)}T13:00`,
    });
    expect(badEdit.status).toBe(422);
    expect(visibleText(await badEdit.text())).toContain('El final tiene que ser después del inicio.');
    const edited = await b.post(editUrl, {
      kind: 'weekly',
      'title.en': 'Week 1: people',
      'title.es': 'Semana 1: personas',
      startsAt: `${day(31)}T14:00`,
      endsAt: `${day(31)}T15:00`,
      link: '',
    });
    expect(edited.status).toBe(303);
    const [changed] = await env.deps.db.select().from(programSessions).where(eq(programSessions.id, s.id));
    expect(changed.sequence).toBe(1);
    expect(changed.title.es).toBe('Semana 1: personas');
    expect(changed.link).toBeNull();
    expect(changed.tags).toEqual([]);
    await tasks();
    const [update] = await mailsTo(email);
    expect(update.subject).toMatch(/^Nuevo horario/);
    expect(update.raw).toContain('SEQUENCE:1');

    const cancelled = await b.post(`/es/programs/${p.slug}/sessions/${s.id}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(visibleText(await (await b.get(cancelled.headers.get('location')!)).text())).toContain('Sesión cancelada.');
    // A second click finds it cancelled: no error, nothing sent again.
    expect((await b.post(`/es/programs/${p.slug}/sessions/${s.id}/cancel`, {})).status).toBe(303);
    const [gone] = await env.deps.db.select().from(programSessions).where(eq(programSessions.id, s.id));
    expect(gone.cancelledAt).not.toBeNull();
    expect(gone.sequence).toBe(2);
    await tasks();
    const [cancel] = await mailsTo(email);
    expect(cancel.raw).toContain('METHOD:CANCEL');
  });
});

describe('deliverable pages', () => {
  it('adds a deliverable, changes its due date and tags, and approves or asks for changes on a team’s hand-in', async () => {
    const p = await newProgram();
    const { teamId } = await newTeam(p);
    const b = await organizer();
    const bad = await b.post(`/es/programs/${p.slug}/deliverables`, { key: 'hoja de ruta', 'title.es': '', dueAt: 'mañana', tags: 'NOPE' });
    expect(bad.status).toBe(422);
    const badText = visibleText(await bad.text());
    expect(badText).toContain('Escribe un título en inglés o en español.');
    expect(badText).toContain('Usa hasta 40 letras');
    const made = await b.post(`/es/programs/${p.slug}/deliverables`, {
      key: 'roadmap',
      'title.en': 'Roadmap',
      'title.es': 'Hoja de ruta',
      dueAt: day(60),
      tags: 'SI1',
    });
    expect(made.status).toBe(303);
    const again = await b.post(`/es/programs/${p.slug}/deliverables`, { key: 'roadmap', 'title.en': 'Roadmap', dueAt: day(60) });
    expect(again.status).toBe(422);
    expect(visibleText(await again.text())).toContain('Otra pregunta ya usa este identificador.');

    const url = `/es/programs/${p.slug}/deliverables/roadmap`;
    const changed = await b.post(url, { 'title.en': 'Roadmap', 'title.es': 'Hoja de ruta y plan', dueAt: day(70) });
    expect(changed.status).toBe(303);
    const [d] = await env.deps.db.select().from(programDeliverables).where(eq(programDeliverables.programId, p.id));
    expect(d.title.es).toBe('Hoja de ruta y plan');
    expect(d.tags).toEqual([]);
    expect(d.dueAt.getTime()).toBeGreaterThan(Date.now() + 69 * 86_400_000);

    // Nothing handed in yet: nothing to review, said so on the page.
    const early = await b.post(`${url}/teams/${teamId}/review`, { status: 'approved' });
    expect(early.status).toBe(409);
    await handIn(env.deps.db, teamId, d, 'Fase 1: vivienda.', null);
    const page = visibleText(await (await b.get(url)).text());
    expect(page).toContain('Fase 1: vivienda.');
    expect(page).toContain('Entregado');
    expect((await b.post(`${url}/teams/${teamId}/review`, { status: 'changes_requested' })).status).toBe(303);
    expect(visibleText(await (await b.get(url)).text())).toContain('Con cambios pedidos');
    expect((await b.post(`${url}/teams/${teamId}/review`, { status: 'published' })).status).toBe(422);
    expect((await b.post(`${url}/teams/${teamId}/review`, { status: 'approved' })).status).toBe(303);
    expect(visibleText(await (await b.get(url)).text())).toContain('Aprobado');
  });
});

describe('application drafts', () => {
  async function draftProgram() {
    return createProgram(
      env.deps.db,
      programInput.parse({
        title: { en: 'Draft Sprint', es: 'Sprint de borradores' },
        timeZone: 'America/New_York',
        startsAt: day(30),
        endsAt: day(90),
        applicationDeadline: day(20),
        questions: [{ id: 'why', kind: 'long_text', label: { en: 'Why?', es: '¿Por qué?' }, required: true }],
      }),
      null,
    );
  }
  const applications = async (programId: string) =>
    (await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM program_applications WHERE program_id = ${programId}`))[0].n;

  it('saves a draft with only the contact’s email, emails its link, keeps editing it, then sends it once', async () => {
    const p = await draftProgram();
    const b = new Browser(env);
    const noEmail = await b.post(`/es/programs/${p.slug}`, { organization: 'Ciudad Uno', language: 'es', intent: 'draft' });
    expect(noEmail.status).toBe(422);
    expect(visibleText(await noEmail.text())).toContain('Para guardar un borrador, escribe el correo electrónico del contacto');

    const contact = `d-${uid()}@example.org`;
    const saved = await b.post(`/es/programs/${p.slug}`, {
      organization: 'Ciudad Uno',
      'contact.email': contact,
      language: 'es',
      'members.0.name': 'Ana',
      intent: 'draft',
    });
    expect(saved.status).toBe(303);
    const link = saved.headers.get('location')!;
    expect(link).toMatch(new RegExp(`^/es/programs/${p.slug}/draft/[^/?]+\\?done=created$`));
    const open = await b.get(link);
    expect(open.headers.get('cache-control')).toContain('no-store');
    const openHtml = await open.text();
    expect(visibleText(openHtml)).toContain(`Enviamos un enlace a ${contact}`);
    expect(openHtml).toContain('value="Ciudad Uno"');
    await tasks();
    const [mail] = await mailsTo(contact);
    expect(mail.subject).toBe('Tu borrador de postulación a Sprint de borradores');
    // Quoted-printable: soft line breaks joined, so the link reads whole.
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(link.split('?')[0].replace(/^\/es/, ''));

    const draftUrl = link.split('?')[0];
    const again = await b.post(draftUrl, { organization: 'Ciudad Dos', 'contact.email': contact, language: 'es', intent: 'draft' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`${draftUrl}?done=saved`);
    expect(await b.get(draftUrl).then((r) => r.text())).toContain('value="Ciudad Dos"');
    expect(await applications(p.id)).toBe(0);

    // Sending checks everything; a missing answer keeps the form on the draft's own link.
    const incomplete = await b.post(draftUrl, {
      organization: 'Ciudad Dos',
      'contact.name': 'Ana',
      'contact.email': contact,
      language: 'es',
    });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain(`action="${draftUrl}"`);
    const full = {
      organization: 'Ciudad Dos',
      'contact.name': 'Ana',
      'contact.email': contact,
      language: 'es',
      'members.0.name': 'Ana',
      'members.0.email': contact,
      'answers.why': 'Datos abiertos para todos.',
    };
    const sent = await b.post(draftUrl, full);
    expect(sent.status).toBe(200);
    expect(visibleText(await sent.text())).toContain('Recibimos tu postulación');
    expect(await applications(p.id)).toBe(1);
    // A second click: refused by name, still one application; the link now reads the draft.
    const twice = await b.post(draftUrl, full);
    expect(twice.status).toBe(409);
    expect(visibleText(await twice.text())).toContain('Este borrador ya se envió como postulación.');
    expect(await applications(p.id)).toBe(1);
    expect(visibleText(await (await b.get(draftUrl)).text())).toContain('Este borrador se envió como postulación.');
    expect((await b.get(`/es/programs/${p.slug}/draft/not-a-token`)).status).toBe(404);
  });

  it('after the deadline a draft can be read, not sent or changed; sends at once of one draft make one application', async () => {
    const p = await draftProgram();
    const b = new Browser(env);
    const contact = `late-${uid()}@example.org`;
    const saved = await b.post(`/programs/${p.slug}`, {
      organization: 'County of Late',
      'contact.email': contact,
      language: 'en',
      'answers.why': 'Because.',
      intent: 'draft',
    });
    const draftUrl = saved.headers.get('location')!.split('?')[0];
    const token = draftUrl.split('/').pop()!;
    const d = await draftFromToken(env.deps.db, env.deps.secret, p, token);
    const input = applicationInput.parse({
      organization: 'County of Late',
      contact: { name: 'Lee', email: contact },
      language: 'en',
      members: [{ name: 'Lee', email: contact }],
      answers: { why: 'Because.' },
    });
    // Five sends of the same draft at once: one application, four refusals.
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => sendDraft(env.deps.db, p, d, input)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await applications(p.id)).toBe(1);

    const late = await draftProgram();
    const saved2 = await b.post(`/programs/${late.slug}`, {
      organization: 'Town of Later',
      'contact.email': contact,
      language: 'en',
      'answers.why': 'Our reasons.',
      intent: 'draft',
    });
    const lateUrl = saved2.headers.get('location')!.split('?')[0];
    await env.deps.db.execute(sql`UPDATE programs SET application_deadline = now() - interval '1 minute' WHERE id = ${late.id}`);
    const read = visibleText(await (await b.get(lateUrl)).text());
    expect(read).toContain('Applications are closed, so this draft can no longer be sent.');
    expect(read).toContain('Town of Later');
    expect(read).toContain('Our reasons.');
    const refused = await b.post(lateUrl, {
      organization: 'Town of Later',
      'contact.name': 'Lee',
      'contact.email': contact,
      language: 'en',
      'members.0.name': 'Lee',
      'members.0.email': contact,
      'answers.why': 'Our reasons.',
    });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain('the deadline has passed');
    expect((await b.post(lateUrl, { organization: 'Changed', 'contact.email': contact, intent: 'draft' })).status).toBe(409);
    expect(await applications(late.id)).toBe(0);
    const [kept] = await rows<{ organization: string }>(
      env.deps.db,
      sql`SELECT "values"->>'organization' AS organization FROM program_application_drafts WHERE program_id = ${late.id}`,
    );
    expect(kept.organization).toBe('Town of Later');

    // The contact's data: drafts are in their export and go when they delete their account.
    const { person } = await ensurePerson(env.deps.db, { email: contact, fullName: 'Lee' });
    expect(JSON.stringify(await exportPersonData(env.deps.db, person.id))).toContain('Town of Later');
    await erasePerson(env.deps.db, person.id);
    const left = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM program_application_drafts WHERE lower(contact_email) = lower(${contact})`,
    );
    expect(left[0].n).toBe(0);
  });
});
