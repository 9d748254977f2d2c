import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { programApplications, programTeamQuotas, type Program } from './schema';
import { applicationInput, apply, decide, getProgram } from '.';
import { getDeliverable, handIn } from './service';
import { programsMessages } from './messages';
import { ensureChapter } from '../people';

/** Changing a program after it opened: the API edit, received applications re-checked, deliverables, drafts. */
let env: TestEnv;
let orgToken: string;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const en = programsMessages.en;

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  orgToken = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(() => env.close());

const portal = { id: 'portal', kind: 'yesno', label: { en: 'Open data portal?', es: '¿Portal de datos abiertos?' }, required: true };
const staff = { id: 'staff', kind: 'number', label: { en: 'Staff on the team', es: 'Personal del equipo' }, required: false };
const budget = { id: 'budget', kind: 'long_text', label: { en: 'Budget', es: 'Presupuesto' }, required: true };
const portalRule = { field: 'portal', op: 'eq', value: true, message: { en: 'You need a portal.', es: 'Necesitan un portal.' } };
const staffRule = { field: 'staff', op: 'gte', value: 2, message: { en: 'At least 2 staff.', es: 'Al menos 2 personas de personal.' } };

async function newProgram(over: Record<string, unknown> = {}): Promise<Program> {
  const res = await api(env, 'POST', '/api/v1/programs', orgToken, {
    title: { en: 'Change Sprint', es: 'Sprint de cambios' },
    description: { en: 'About it.', es: 'Sobre él.' },
    timeZone: 'America/New_York',
    startsAt: day(30),
    endsAt: day(90),
    applicationDeadline: day(20),
    bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
    questions: [portal, staff],
    eligibility: [portalRule],
    tags: [{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto' } }],
    ...over,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return getProgram(env.deps.db, ((await res.json()) as { slug: string }).slug);
}

const applicationOf = (answers: Record<string, unknown>, language: 'en' | 'es' = 'en') =>
  applicationInput.parse({
    organization: `Org ${uid()}`,
    contact: { name: 'Ana', email: `c-${uid()}@example.org` },
    language,
    members: [{ name: 'Ana', email: `m-${uid()}@example.org` }],
    answers,
  });

const patch = (p: Program, body: unknown, token = orgToken) => api(env, 'PATCH', `/api/v1/programs/${p.slug}`, token, body);
const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;

describe('PATCH /api/v1/programs/{slug}', () => {
  it('changes what is sent and keeps the rest, with the edit page’s rules, translated errors and nothing half-saved', async () => {
    const p = await newProgram();
    const ok = await patch(p, {
      title: { en: 'Renamed Sprint', es: 'Sprint renombrado' },
      bookingQuotas: { office_hour: 6, ta: 2, pre_call: 1 },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const out = (await ok.json()) as Record<string, unknown>;
    expect(out.slug).toBe(p.slug);
    expect(out.title).toEqual({ en: 'Renamed Sprint', es: 'Sprint renombrado' });
    expect(out.description).toEqual({ en: 'About it.', es: 'Sobre él.' });
    expect(out.applicationDeadline).toMatch(new RegExp(`^${day(20)}T23:59:59-0[45]:00$`));
    expect(out.recheck).toBeNull();
    const after = await getProgram(env.deps.db, p.slug);
    expect(after.applicationDeadline.getTime()).toBe(p.applicationDeadline.getTime());
    expect(after.questions).toEqual(p.questions);

    // Refusals name their field, translated; nothing of a refused change is stored.
    const slug = await patch(p, { slug: 'another-address', title: 'Nope' });
    expect(slug.status).toBe(422);
    expect((await fieldsOf(slug)).slug).toBe(en['programs.error.slugFixed']);
    const bad = await patch(p, { endsAt: day(10), eligibility: [{ field: 'nope', op: 'eq', value: 'x', message: { en: 'x' } }] });
    expect(bad.status).toBe(422);
    const fields = await fieldsOf(bad);
    expect(fields.endsAt).toBe(en['programs.error.endBeforeStart']);
    expect(fields['eligibility.0.field']).toBe(en['programs.error.ruleField']);
    expect((await fieldsOf(await patch(p, { applicationDeadline: '2001-01-01' }))).applicationDeadline).toBe(
      en['programs.error.deadlinePast'],
    );
    expect((await fieldsOf(await patch(p, { colour: 'red' }))).colour).toBeTruthy();
    expect((await getProgram(env.deps.db, p.slug)).title.en).toBe('Renamed Sprint');
    // Sending the slug it has is fine.
    expect((await patch(p, { slug: p.slug, timeZone: 'America/Los_Angeles' })).status).toBe(200);

    // Teams get the new quotas, never below what they used; a deadline already passed may stay.
    const a = await apply(env.deps.db, p, applicationOf({ portal: 'yes' }));
    const { teamId } = await decide(env.deps.db, p, a, 'accepted', null);
    await env.deps.db
      .update(programTeamQuotas)
      .set({ used: 3 })
      .where(and(eq(programTeamQuotas.teamId, teamId!), eq(programTeamQuotas.kind, 'office_hour')));
    expect((await patch(p, { bookingQuotas: { office_hour: 1, ta: 5, pre_call: 0 } })).status).toBe(200);
    const quotas = await env.deps.db.select().from(programTeamQuotas).where(eq(programTeamQuotas.teamId, teamId!));
    expect(Object.fromEntries(quotas.map((q) => [q.kind, q.quota]))).toEqual({ office_hour: 3, ta: 5, pre_call: 0 });
    await env.deps.db.execute(sql`UPDATE programs SET application_deadline = now() - interval '1 hour' WHERE id = ${p.id}`);
    expect((await patch(p, { description: { en: 'Closed now.' } })).status).toBe(200);

    const someone = await apiToken(env, `someone-${uid()}@example.org`);
    expect((await patch(p, { title: 'Mine' }, someone)).status).toBe(403);
    const chapterOrganizer = await apiToken(env, `la-${uid()}@example.org`, 'organizer', 'los-angeles');
    // A chapter's organizer runs a program of no chapter, but cannot move it to a chapter they do not run.
    expect((await patch(p, { chapter: 'new-york' }, chapterOrganizer)).status).toBe(403);
    expect((await getProgram(env.deps.db, p.slug)).chapter).toBeNull();
  });
});

describe('received applications after the questions or rules change', () => {
  it('flags open applications that no longer meet the rules or lack a new required answer; none is dropped or moved', async () => {
    const p = await newProgram();
    const fine = await apply(env.deps.db, p, applicationOf({ portal: 'yes', staff: 3 }));
    const few = await apply(env.deps.db, p, applicationOf({ portal: 'yes', staff: 1 }, 'es'));
    const noPortal = await apply(env.deps.db, p, applicationOf({ portal: 'no', staff: 5 }));
    expect(noPortal.status).toBe('ineligible');
    const accepted = await apply(env.deps.db, p, applicationOf({ portal: 'yes' }));
    await decide(env.deps.db, p, accepted, 'accepted', null);

    // A new required question, a new rule, and the portal rule dropped.
    const res = await patch(p, { questions: [portal, staff, budget], eligibility: [staffRule] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { recheck: unknown }).recheck).toEqual({ checked: 3, flagged: 3 });

    const byId = async (id: string) => (await env.deps.db.select().from(programApplications).where(eq(programApplications.id, id)))[0];
    const fineNow = await byId(fine.id);
    expect(fineNow.status).toBe('submitted');
    expect(fineNow.flags.map((f) => f.field)).toEqual(['budget']);
    expect(fineNow.flags[0].message.en).toBe(
      'No answer to the required question “Budget” (added or made required after this application came in).',
    );
    expect(fineNow.flags[0].message.es).toContain('“Presupuesto”');
    expect((await byId(few.id)).flags.map((f) => f.field)).toEqual(['budget', 'staff']);
    const noPortalNow = await byId(noPortal.id);
    expect(noPortalNow.status).toBe('ineligible');
    expect(noPortalNow.flags.map((f) => f.field)).toEqual(['budget']);
    const acceptedNow = await byId(accepted.id);
    expect(acceptedNow.flags).toEqual([]);
    expect(acceptedNow.recheckedAt).toBeNull();

    // The API lists the flagged ones on request, with their flags.
    const list = await api(env, 'GET', `/api/v1/programs/${p.slug}/applications?flagged=true`, orgToken);
    const body = (await list.json()) as { applications: { id: string; flags: { field: string }[] }[]; total: number };
    expect(body.total).toBe(3);
    expect(body.applications.map((a) => a.id).sort()).toEqual([fine.id, few.id, noPortal.id].sort());

    // Organizers see them on the pages, in their language.
    const b = new Browser(env);
    await b.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const listPage = visibleText(await (await b.get(`/es/programs/${p.slug}/applications?flagged=1`)).text());
    expect(listPage).toContain('2 problemas');
    expect(listPage).not.toContain(accepted.organization);
    const one = visibleText(await (await b.get(`/es/programs/${p.slug}/applications/${few.id}`)).text());
    expect(one).toContain('Para revisar desde que cambió el programa');
    expect(one).toContain('Al menos 2 personas de personal.');
    expect(one).toContain('Falta la respuesta a la pregunta obligatoria “Presupuesto”');

    // Answering is now needed for a new application; an edit that leaves questions and rules alone re-checks nothing.
    await expect(apply(env.deps.db, p, applicationOf({ portal: 'yes', staff: 3 }))).rejects.toMatchObject({ status: 422 });
    expect(((await (await patch(p, { title: 'Same rules' })).json()) as { recheck: unknown }).recheck).toBeNull();

    // Through the edit page: a rule dropped again, the notice says how many are still flagged and links to them.
    const edit = await b.get(`/es/programs/${p.slug}/edit?done=saved&flagged=3`);
    const editText = visibleText(await edit.text());
    expect(editText).toContain('3 postulaciones ya recibidas no cumplen las preguntas o reglas nuevas.');
  });

  it('applications sent while the rules change are either re-checked with the rest or checked against the new rules', async () => {
    const p = await newProgram();
    const sends = Array.from({ length: 10 }, () => apply(env.deps.db, p, applicationOf({ portal: 'yes', staff: 3 })));
    const change = patch(p, { questions: [portal, staff, budget] });
    const [results, changed] = await Promise.all([Promise.allSettled(sends), change]);
    expect(changed.status).toBe(200);
    const stored = await env.deps.db.select().from(programApplications).where(eq(programApplications.programId, p.id));
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 422 });
    expect(stored.length + refused.length).toBe(10);
    // Every stored one lacks the new answer, and every one of them is flagged for it.
    for (const a of stored) expect(a.flags.map((f) => f.field)).toEqual(['budget']);
  });
});

describe('deliverables over the API', () => {
  it('adds, lists, changes (the key stays), shows each team’s work and reviews it, as the pages do', async () => {
    const p = await newProgram();
    const a = await apply(env.deps.db, p, applicationOf({ portal: 'yes' }));
    const { teamId } = await decide(env.deps.db, p, a, 'accepted', null);
    const base = `/api/v1/programs/${p.slug}/deliverables`;
    const made = await api(env, 'POST', base, orgToken, {
      key: 'roadmap',
      title: { en: 'Roadmap', es: 'Hoja de ruta' },
      dueAt: day(60),
      tags: ['SI1'],
    });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { dueAt: string }).dueAt).toMatch(new RegExp(`^${day(60)}T23:59:59-0[45]:00$`));
    const again = await api(env, 'POST', base, orgToken, { key: 'roadmap', title: 'Again', dueAt: day(61) });
    expect(again.status).toBe(422);
    expect((await fieldsOf(again)).key).toBe(en['programs.error.questionIdTaken']);

    const changed = await api(env, 'PATCH', `${base}/roadmap`, orgToken, {
      title: { en: 'Roadmap and workplan', es: 'Hoja de ruta y plan' },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const out = (await changed.json()) as { key: string; dueAt: string; tags: string[] };
    expect(out).toMatchObject({ key: 'roadmap', tags: ['SI1'] });
    expect(out.dueAt).toMatch(new RegExp(`^${day(60)}T23:59:59`));
    expect((await fieldsOf(await api(env, 'PATCH', `${base}/roadmap`, orgToken, { key: 'other' }))).key).toBeTruthy();
    expect((await fieldsOf(await api(env, 'PATCH', `${base}/roadmap`, orgToken, { tags: ['NOPE'] })))['tags.0']).toBe(
      en['programs.error.unknownTag'],
    );
    expect((await fieldsOf(await api(env, 'PATCH', `${base}/roadmap`, orgToken, { dueAt: 'someday' }))).dueAt).toBeTruthy();
    expect((await api(env, 'PATCH', `${base}/missing`, orgToken, { title: 'x' })).status).toBe(404);

    const review = (status: string) =>
      api(env, 'POST', `/api/v1/programs/${p.slug}/teams/${teamId}/deliverables/roadmap/review`, orgToken, { status });
    const early = await review('approved');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('not_handed_in');
    await handIn(env.deps.db, teamId!, await getDeliverable(env.deps.db, p.id, 'roadmap'), 'Phase 1: housing data.', null);
    expect(((await (await review('changes_requested')).json()) as { status: string }).status).toBe('changes_requested');

    const one = (await (await api(env, 'GET', `${base}/roadmap`, orgToken)).json()) as {
      title: { en: string };
      teams: { teamId: string; status: string; content: string }[];
    };
    expect(one.title.en).toBe('Roadmap and workplan');
    expect(one.teams).toEqual([expect.objectContaining({ teamId, status: 'changes_requested', content: 'Phase 1: housing data.' })]);
    const list = (await (await api(env, 'GET', base, orgToken)).json()) as { deliverables: { key: string }[] };
    expect(list.deliverables.map((x) => x.key)).toEqual(['roadmap']);
    const someone = await apiToken(env, `someone-${uid()}@example.org`);
    expect((await api(env, 'GET', base, someone)).status).toBe(403);
    expect((await api(env, 'GET', `${base}/roadmap`, someone)).status).toBe(403);
  });
});

describe('my drafts', () => {
  it('lists a signed-in person’s drafts with links to continue them (or read them once closed), in EN and ES', async () => {
    const open = await newProgram({ title: { en: 'Open Sprint', es: 'Sprint abierto' } });
    const closed = await newProgram({ title: { en: 'Closed Sprint', es: 'Sprint cerrado' } });
    const email = `drafter-${uid()}@example.org`;
    const anon = new Browser(env);
    for (const p of [open, closed]) {
      const saved = await anon.post(`/programs/${p.slug}`, {
        organization: `Town for ${p.slug}`,
        'contact.email': email,
        language: 'en',
        intent: 'draft',
      });
      expect(saved.status).toBe(303);
    }
    await env.deps.db.execute(sql`UPDATE programs SET application_deadline = now() - interval '1 minute' WHERE id = ${closed.id}`);

    const me = new Browser(env);
    await me.signInAs(email, { language: 'es' });
    const html = await (await me.get('/es/programs/my-drafts')).text();
    const text = visibleText(html);
    expect(text).toContain('Tus borradores de postulación');
    expect(text).toContain('Sprint abierto');
    expect(text).toContain(`Town for ${open.slug}`);
    expect(text).toContain('Seguir con el borrador para Sprint abierto');
    expect(text).toContain('Las postulaciones cerraron antes de que se enviara.');
    expect(text).toContain('Leer el borrador para Sprint cerrado');
    const link = new RegExp(`href="(/es/programs/${open.slug}/draft/[^"]+)"`).exec(html)![1];
    expect(await (await me.get(link)).text()).toContain(`value="Town for ${open.slug}"`);
    expect(visibleText(await (await me.get('/programs/my-drafts')).text())).toContain('Continue the draft for Open Sprint');
    // The account page links here.
    expect(await (await me.get('/es/account')).text()).toContain('href="/es/programs/my-drafts"');

    const other = new Browser(env);
    await other.signInAs(`other-${uid()}@example.org`);
    const none = visibleText(await (await other.get('/programs/my-drafts')).text());
    expect(none).toContain('You have no application drafts.');
    expect(none).not.toContain('Open Sprint');
    expect((await new Browser(env).get('/programs/my-drafts')).status).toBe(303);
    // No program can take the page's address.
    const taken = await api(env, 'POST', '/api/v1/programs', orgToken, {
      slug: 'my-drafts',
      title: 'Mine',
      timeZone: 'UTC',
      startsAt: day(30),
      endsAt: day(40),
      applicationDeadline: day(20),
    });
    expect((await fieldsOf(taken)).slug).toBe(en['programs.error.slugTaken']);
  });
});
