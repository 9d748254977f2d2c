import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  applicationInput,
  apply,
  createDeliverable,
  createProgram,
  createSession,
  createSlot,
  createTemplate,
  decide,
  programEditInput,
  programInput,
  sessionInput,
  updateProgram,
  slotInput,
  worksheetTemplateInput,
} from '../../src/modules/programs';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

/** The program's application page (fresh, with errors, with the result) and a team's page, in Chromium with axe-core. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('program pages are accessible (axe, WCAG 2.2 AA) and work without JavaScript', () => {
  it('the application page, its errors and its result, and the team page, in both languages', async () => {
    const p = await createProgram(
      e2e.deps.db,
      programInput.parse({
        slug: 'e2e-data-sprint',
        title: { en: 'Community Data Training Sprint', es: 'Sprint de formación en datos comunitarios' },
        description: {
          en: 'Seven weekly sessions for city and county teams.',
          es: 'Siete sesiones semanales para equipos de ciudades y condados.',
        },
        timeZone: 'America/New_York',
        startsAt: day(30),
        endsAt: day(90),
        applicationDeadline: day(20),
        bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
        questions: [
          { id: 'kind', kind: 'choice', label: { en: 'Jurisdiction', es: 'Jurisdicción' }, required: true, options: ['City', 'County'] },
          { id: 'portal', kind: 'yesno', label: { en: 'Open data portal?', es: '¿Portal de datos abiertos?' }, required: true },
          { id: 'staff', kind: 'number', label: { en: 'Staff', es: 'Personal' } },
          { id: 'why', kind: 'long_text', label: { en: 'Why?', es: '¿Por qué?' } },
        ],
        eligibility: [{ field: 'members', op: 'gte', value: 2, message: { en: 'At least 2 members.', es: 'Al menos 2 personas.' } }],
      }),
      null,
    );
    const a = await apply(
      e2e.deps.db,
      p,
      applicationInput.parse({
        organization: 'Condado de Prueba',
        contact: { name: 'Zoë Ñúñez', email: 'e2e-contact@example.org' },
        language: 'es',
        members: [
          { name: 'Zoë Ñúñez', email: 'e2e-contact@example.org' },
          { name: '김민준', email: 'e2e-member@example.org' },
        ],
        answers: { kind: 'County', portal: 'yes' },
      }),
    );
    const { teamId } = await decide(e2e.deps.db, p, a, 'accepted', null);
    await createSlot(
      e2e.deps.db,
      p,
      slotInput.parse({ kind: 'office_hour', startsAt: `${day(40)}T10:00`, endsAt: `${day(40)}T11:00`, capacity: 2 }),
    );
    await createSession(
      e2e.deps.db,
      p,
      sessionInput.parse({
        kind: 'weekly',
        title: { en: 'Week 1', es: 'Semana 1' },
        startsAt: `${day(31)}T12:00`,
        endsAt: `${day(31)}T13:00`,
      }),
    );

    await createTemplate(
      e2e.deps.db,
      p,
      worksheetTemplateInput.parse({
        key: 'plan',
        title: { en: 'Workplan', es: 'Plan de trabajo' },
        sections: [
          {
            title: { en: 'Audiences', es: 'Públicos' },
            questions: [{ label: { en: 'Who?', es: '¿Quién?' } }, { label: { en: 'Why?', es: '¿Por qué?' } }],
          },
          { title: { en: 'Steps', es: 'Pasos' }, questions: [{ label: { en: 'Steps and dates', es: 'Pasos y fechas' } }] },
        ],
      }),
    );
    await createDeliverable(e2e.deps.db, p, { key: 'roadmap', title: { en: 'Roadmap', es: 'Hoja de ruta' }, dueAt: day(80), tags: [] });

    const anon = await e2e.browser.newPage();
    for (const url of [`/programs/${p.slug}`, `/es/programs/${p.slug}`]) expect(await e2e.violations(anon, url), url).toEqual([]);
    // Sent empty: the errors show beside their fields, and the page stays accessible.
    for (const prefix of ['', '/es']) {
      await anon.goto(`${e2e.baseUrl}${prefix}/programs/${p.slug}`);
      await anon.click('form[action$="/programs/e2e-data-sprint"] button[type=submit]');
      await anon.waitForSelector('#error-summary-heading');
      expect(await anon.locator('.usa-error-message').count()).toBeGreaterThan(2);
      expect(violationLines(await runAxe(anon, WCAG_22_AA)), `${prefix} errors`).toEqual([]);
    }
    // A one-member team is told at once why it is not eligible.
    await anon.goto(`${e2e.baseUrl}/es/programs/${p.slug}`);
    await anon.fill('#organization', 'Ciudad Uno');
    await anon.fill('[id="contact.name"]', 'Ana');
    await anon.fill('[id="contact.email"]', 'ana-e2e@example.org');
    await anon.fill('[id="members.0.name"]', 'Ana');
    await anon.fill('[id="members.0.email"]', 'ana-e2e@example.org');
    await anon.selectOption('[id="answers.kind"]', '0');
    await anon.click('label[for="answers.portal-yes"]');
    await anon.click('form[action$="/programs/e2e-data-sprint"] button[type=submit]');
    await anon.waitForSelector('h1');
    expect(await anon.textContent('main')).toContain('Al menos 2 personas.');
    expect(violationLines(await runAxe(anon, WCAG_22_AA))).toEqual([]);

    const organizer = await (await e2e.signedIn('e2e-organizer@example.org', 'organizer')).newPage();
    for (const url of [
      `/programs/${p.slug}/applications`,
      `/es/programs/${p.slug}/applications?status=accepted`,
      `/programs/${p.slug}/applications/${a.id}`,
      `/es/programs/${p.slug}/applications/${a.id}`,
      `/programs/${p.slug}/report`,
      `/es/programs/${p.slug}/report`,
      `/programs/${p.slug}/progress`,
      `/es/programs/${p.slug}/progress`,
      `/programs/${p.slug}/slots`,
      `/es/programs/${p.slug}/slots`,
      `/programs/${p.slug}/worksheets`,
      `/es/programs/${p.slug}/worksheets`,
      `/programs/${p.slug}/worksheets/plan/edit`,
      `/es/programs/${p.slug}/worksheets/plan/edit`,
      `/programs/${p.slug}/teams/${teamId}/progress`,
    ])
      expect(await e2e.violations(organizer, url), url).toEqual([]);

    const member = await (await e2e.signedIn('e2e-member@example.org')).newPage();
    for (const url of [`/programs/${p.slug}/team`, `/es/programs/${p.slug}/team`])
      expect(await e2e.violations(member, url), url).toEqual([]);
    // Book and cancel in two taps each, without JavaScript.
    await member.click('button:has-text("Reservar este horario")');
    await member.waitForSelector('text=Reservado.');
    expect(await e2e.violations(member, `/es/programs/${p.slug}/team?done=booked`)).toEqual([]);
    await member.click('button:has-text("Cancelar esta reserva")');
    await member.waitForSelector('text=Cancelado.');
    await member.fill('[id="roadmap-content"]', 'Fase 1: datos de vivienda.');
    await member.click('button:has-text("Entregar")');
    await member.waitForSelector('text=Entregado. Los organizadores lo revisarán.');
    expect(violationLines(await runAxe(member, WCAG_22_AA))).toEqual([]);

    // A worksheet: one section saved without JavaScript, then its history compared.
    const sheet = `/es/programs/${p.slug}/teams/${teamId}/worksheets/plan`;
    expect(await e2e.violations(member, sheet)).toEqual([]);
    await member.fill('[id="answer-s1-q1"]', 'Vecinos y vecinas');
    await member.click('#section-s1 ~ form button[type=submit]');
    await member.waitForSelector('text=Guardado como una versión nueva.');
    expect(violationLines(await runAxe(member, WCAG_22_AA))).toEqual([]);
    for (const url of [
      `${sheet}/versions?from=0&to=1`,
      `/programs/${p.slug}/teams/${teamId}/worksheets/plan/versions`,
      `/es/programs/${p.slug}/teams/${teamId}/progress`,
    ])
      expect(await e2e.violations(member, url), url).toEqual([]);
    expect(await e2e.violations(organizer, `/programs/${p.slug}/teams/${teamId}/worksheets/plan`)).toEqual([]);
  });

  it('the organizer pages for programs, sessions and deliverables, their errors and the question builder, at 360 px', async () => {
    const p = await createProgram(
      e2e.deps.db,
      programInput.parse({
        slug: 'e2e-organize-sprint',
        title: { en: 'Organizer Sprint', es: 'Sprint de organización' },
        timeZone: 'America/New_York',
        startsAt: day(30),
        endsAt: day(90),
        applicationDeadline: day(20),
        tags: [{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto en las partes interesadas' } }],
        questions: [{ id: 'portal', kind: 'yesno', label: { en: 'Open data portal?', es: '¿Portal de datos abiertos?' } }],
        eligibility: [{ field: 'portal', op: 'eq', value: 'yes', message: { en: 'A portal is needed.', es: 'Hace falta un portal.' } }],
      }),
      null,
    );
    const s = await createSession(
      e2e.deps.db,
      p,
      sessionInput.parse({
        kind: 'weekly',
        title: { en: 'Week 1', es: 'Semana 1' },
        startsAt: `${day(31)}T12:00`,
        endsAt: `${day(31)}T13:00`,
        tags: ['SI1'],
      }),
    );
    await createDeliverable(e2e.deps.db, p, {
      key: 'plan',
      title: { en: 'Training plan', es: 'Plan de formación' },
      dueAt: day(80),
      tags: ['SI1'],
    });
    const organizer = await (
      await e2e.signedIn('e2e-organizer-pages@example.org', 'organizer', undefined, { viewport: { width: 360, height: 800 } })
    ).newPage();
    const noSideways = async (url: string) =>
      expect(await organizer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${url} scrolls sideways`).toBe(
        true,
      );
    for (const url of [
      '/organize/programs',
      '/es/organize/programs',
      '/organize/programs/new',
      '/es/organize/programs/new',
      `/programs/${p.slug}/edit`,
      `/es/programs/${p.slug}/edit`,
      `/programs/${p.slug}/sessions`,
      `/es/programs/${p.slug}/sessions/${s.id}/edit`,
      `/programs/${p.slug}/deliverables`,
      `/es/programs/${p.slug}/deliverables/plan`,
    ]) {
      expect(await e2e.violations(organizer, url), url).toEqual([]);
      await noSideways(url);
    }
    // The builder without JavaScript: add a question, then send the form empty; errors sit beside the fields.
    for (const prefix of ['', '/es']) {
      await organizer.goto(`${e2e.baseUrl}${prefix}/organize/programs/new`);
      await organizer.click('button[value="add-question"]');
      await organizer.waitForSelector('[id="questions.0.label.en"]');
      expect(violationLines(await runAxe(organizer, WCAG_22_AA)), `${prefix} builder`).toEqual([]);
      await organizer.fill('[id="title.en"]', '');
      await organizer.click('form[action$="/organize/programs/new"] button:not([name]):not([aria-hidden])');
      await organizer.waitForSelector('#error-summary-heading');
      expect(await organizer.locator('.usa-error-message').count()).toBeGreaterThan(1);
      expect(violationLines(await runAxe(organizer, WCAG_22_AA)), `${prefix} errors`).toEqual([]);
      await noSideways(`${prefix} errors`);
    }
    await organizer.goto(`${e2e.baseUrl}/es/programs/${p.slug}/sessions`);
    await organizer.click('form[action$="/sessions"] button[type=submit]');
    await organizer.waitForSelector('#error-summary-heading');
    expect(violationLines(await runAxe(organizer, WCAG_22_AA)), 'session errors').toEqual([]);

    // A new required question after an application came in: it is flagged for organizers, on the list and its page.
    const sent = await apply(
      e2e.deps.db,
      p,
      applicationInput.parse({
        organization: 'Ciudad Marcada',
        contact: { name: 'Ana', email: 'e2e-flagged@example.org' },
        language: 'es',
        members: [{ name: 'Ana', email: 'e2e-flagged@example.org' }],
        answers: { portal: 'yes' },
      }),
    );
    const { recheck } = await updateProgram(
      e2e.deps.db,
      p,
      programEditInput(p.applicationDeadline).parse({
        title: p.title,
        timeZone: p.timeZone,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        applicationDeadline: p.applicationDeadline.toISOString(),
        tags: p.tags,
        questions: [...p.questions, { id: 'budget', kind: 'long_text', label: { en: 'Budget', es: 'Presupuesto' }, required: true }],
        eligibility: p.eligibility,
      }),
    );
    expect(recheck).toEqual({ checked: 1, flagged: 1 });
    for (const url of [
      `/programs/${p.slug}/applications?flagged=1`,
      `/es/programs/${p.slug}/applications?flagged=1`,
      `/programs/${p.slug}/applications/${sent.id}`,
      `/es/programs/${p.slug}/applications/${sent.id}`,
      `/es/programs/${p.slug}/edit?done=saved&flagged=1`,
    ]) {
      expect(await e2e.violations(organizer, url), url).toEqual([]);
      await noSideways(url);
    }
    expect(await organizer.textContent('main')).toContain('Ver las postulaciones para revisar');

    // An applicant saves a draft without JavaScript, comes back to it, and reads it once applications close.
    const applicant = await e2e.browser.newPage({ viewport: { width: 360, height: 800 } });
    await applicant.goto(`${e2e.baseUrl}/es/programs/${p.slug}`);
    await applicant.fill('#organization', 'Condado Borrador');
    await applicant.fill('[id="contact.email"]', 'e2e-draft@example.org');
    await applicant.click('button[value="draft"]');
    await applicant.waitForSelector('text=Borrador guardado.');
    expect(violationLines(await runAxe(applicant, WCAG_22_AA)), 'draft').toEqual([]);
    const draftUrl = applicant.url().replace(e2e.baseUrl, '').split('?')[0];
    await e2e.deps.db.execute(sql`UPDATE programs SET application_deadline = now() - interval '1 minute' WHERE id = ${p.id}`);
    for (const url of [draftUrl, draftUrl.replace(/^\/es/, '')]) {
      expect(await e2e.violations(applicant, url), url).toEqual([]);
      expect(await applicant.textContent('main')).toContain('Condado Borrador');
    }
    // Signed in with the contact's address, the applicant finds the draft in their list (EN and ES, 360 px).
    const drafter = await (
      await e2e.signedIn('e2e-draft@example.org', undefined, undefined, { viewport: { width: 360, height: 800 } })
    ).newPage();
    for (const url of ['/programs/my-drafts', '/es/programs/my-drafts']) {
      expect(await e2e.violations(drafter, url), url).toEqual([]);
      expect(await drafter.textContent('main')).toContain('Condado Borrador');
      expect(await drafter.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${url} scrolls sideways`).toBe(true);
    }
  });
});
