import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChapter, ensurePerson, grantRole } from '../../src/modules/people';
import { createApiToken } from '../../src/platform/auth/service';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

/** The directory's organizer pages, in Chromium with axe-core, in both languages and on a phone. */
let e2e: E2E;
let paths: string[];
let orgSlug: string;
/** Public pages that invite people to complete an attached interest form. */
let calls: string[];
let formSlug: string;
let conveningSlug: string;
beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.deps.db;
  await ensureChapter(db, { slug: 'los-angeles', name: 'Los Angeles' });
  const { person } = await ensurePerson(db, { email: 'e2e-dir-api@example.org', fullName: 'Dir API', verified: true });
  await grantRole(db, person.id, 'organizer', 'los-angeles');
  const token = await createApiToken(db, person.id, 'e2e');
  // Entries are made as organizers make them through the API.
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${e2e.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, path).toBe(201);
    return (await res.json()) as { id: string; slug: string };
  };
  await post('/api/v1/goals', { key: 'e2e-talent', name: 'Attract talent', nameEs: 'Atraer talento' });
  await post('/api/v1/topics', { key: 'e2e-data', name: 'Data', nameEs: 'Datos' });
  const org = await post('/api/v1/organizations', { name: 'Civic Lab E2E', kind: 'nonprofit' });
  orgSlug = org.slug;
  const init = await post('/api/v1/initiatives', {
    name: 'Tech Fellows E2E',
    kind: 'fellowship',
    status: 'active',
    organizations: [org.slug],
    topics: ['e2e-data'],
  });
  const start = Date.now() + 5 * 86_400_000;
  const conv = await post('/api/v1/convenings', {
    title: 'Roundtable E2E',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3 * 3_600_000).toISOString(),
    timeZone: 'America/Los_Angeles',
    format: 'in_person',
    status: 'published',
    chapter: 'los-angeles',
  });
  const rec = await post(`/api/v1/convenings/${conv.slug}/recommendations`, {
    title: 'Hire for skills',
    text: 'Drop degrees',
    goal: 'e2e-talent',
  });
  await post(`/api/v1/organizations/${org.slug}/members`, {
    name: 'Ana Núñez',
    email: 'e2e-ana@example.org',
    title: 'Lead',
    publicConsent: true,
  });
  await post(`/api/v1/convenings/${conv.slug}/participants`, {
    name: 'Ana Núñez',
    email: 'e2e-ana@example.org',
    role: 'speaker',
    publicConsent: true,
  });
  const form = await post('/api/v1/forms', {
    title: 'Interested E2E',
    titleEs: 'Interés E2E',
    questions: [{ kind: 'text', label: { en: 'Where do you work?', es: '¿Dónde trabajas?' } }],
    convening: conv.slug,
    initiative: init.slug,
  });
  const recap = await post('/api/v1/posts', { title: 'Recap E2E', body: 'What we heard', status: 'published', forms: [form.slug] });
  formSlug = form.slug;
  conveningSlug = conv.slug;
  calls = [`/convenings/${conv.slug}`, `/initiatives/${init.slug}`, `/posts/${recap.slug}`];
  await post(`/api/v1/forms/${form.slug}/responses`, { name: 'Ben', email: 'e2e-ben@example.org', answers: { q1: 'City' } });
  paths = [
    '/organize/directory',
    '/organize/directory/organizations/new',
    `/organize/directory/organizations/${org.slug}`,
    `/organize/directory/organizations/${org.slug}/people`,
    '/organize/directory/initiatives/new',
    `/organize/directory/initiatives/${init.slug}`,
    '/organize/directory/posts/new',
    '/organize/directory/forms/new',
    '/organize/directory/convenings/new',
    '/organize/directory/duplicates',
    `/organize/directory/recommendations/${rec.id}`,
    `/organize/directory/convenings/${conv.slug}`,
    '/organize/directory/forms',
    `/organize/directory/forms/${form.slug}/responses`,
    `/organize/directory/forms/${form.slug}/edit`,
    `/organize/directory/convenings/${conv.slug}/edit`,
  ];
});
afterAll(() => e2e?.close());

describe('directory organizer pages are accessible (axe, WCAG 2.2 AA) and fit a phone', () => {
  it('every writing page, and a refused form, in both languages', async () => {
    const organizer = await (await e2e.signedIn('e2e-dir-org@example.org', 'organizer', 'los-angeles')).newPage();
    for (const prefix of ['', '/es']) {
      for (const path of [...paths, ...calls, `/organizations/${orgSlug}`])
        expect(await e2e.violations(organizer, `${prefix}${path}`), `${prefix}${path}`).toEqual([]);
      // A refused form: the summary takes the focus, each field keeps what was typed and shows its message.
      await organizer.goto(`${e2e.baseUrl}${prefix}/organize/directory/organizations/new`);
      await organizer.fill('#name', 'Kept name');
      await organizer.fill('#website', 'javascript:alert(1)');
      await organizer.click('form.usa-form button[type="submit"]');
      expect(await organizer.inputValue('#name')).toBe('Kept name');
      expect(await organizer.$$eval('.usa-error-message', (els) => els.length)).toBeGreaterThan(0);
      expect(await organizer.evaluate(() => document.activeElement?.classList.contains('pw-error-summary'))).toBe(true);
      expect(violationLines(await runAxe(organizer, WCAG_22_AA)), `${prefix} refused`).toEqual([]);
      // A question refused beside its own row (a choice with one option), the rest as typed.
      await organizer.goto(`${e2e.baseUrl}${prefix}/organize/directory/forms/new`);
      await organizer.fill('#title', 'Kept title');
      await organizer.fill('[id="questions.0.label"]', 'Pick one');
      await organizer.selectOption('[id="questions.0.kind"]', 'choice');
      await organizer.fill('[id="questions.0.options"]', 'Only one');
      await organizer.click('form.usa-form button[type="submit"]');
      expect(await organizer.inputValue('[id="questions.0.options"]')).toBe('Only one');
      expect(await organizer.getAttribute('[id="questions.0.options"]', 'aria-invalid')).toBe('true');
      expect(violationLines(await runAxe(organizer, WCAG_22_AA)), `${prefix} refused question`).toEqual([]);
    }
    await organizer.setViewportSize({ width: 360, height: 740 });
    for (const path of paths) {
      await organizer.goto(`${e2e.baseUrl}/es${path}`);
      const wide = await organizer.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(360);
    }
  }, 400_000);
});

describe('editing and the calls to complete a form work without JavaScript', () => {
  it('a form and a convening’s texts are changed, and each public page leads to the form, in both languages', async () => {
    const organizer = await (
      await e2e.signedIn('e2e-dir-nojs@example.org', 'organizer', 'los-angeles', { javaScriptEnabled: false })
    ).newPage();
    organizer.setDefaultTimeout(15_000);
    for (const prefix of ['', '/es']) {
      await organizer.goto(`${e2e.baseUrl}${prefix}/organize/directory/forms/${formSlug}/edit`);
      await organizer.fill('[id="questions.1.label"]', `Added ${prefix || 'en'}`);
      await organizer.click('form.usa-form button[type="submit"]');
      expect(organizer.url()).toContain(`/organize/directory/forms/${formSlug}/responses?saved=1`);
      expect(await organizer.textContent('main')).toContain(`Added ${prefix || 'en'}`);

      await organizer.goto(`${e2e.baseUrl}${prefix}/organize/directory/convenings/${conveningSlug}/edit`);
      await organizer.fill('#outputs', `Report ${prefix || 'en'}`);
      await organizer.click('form.usa-form button[type="submit"]');
      expect(organizer.url()).toContain(`/organize/directory/convenings/${conveningSlug}?done=texts`);

      const visitor = await (await e2e.browser.newContext({ javaScriptEnabled: false })).newPage();
      visitor.setDefaultTimeout(15_000);
      for (const path of calls) {
        await visitor.goto(`${e2e.baseUrl}${prefix}${path}`);
        await visitor.click(`#interest-forms ~ * a[href="${prefix}/forms/${formSlug}"]`);
        expect(new URL(visitor.url()).pathname, path).toBe(`${prefix}/forms/${formSlug}`);
      }
      await visitor.goto(`${e2e.baseUrl}${prefix}/convenings/${conveningSlug}`);
      expect(await visitor.textContent('main')).toContain(`Report ${prefix || 'en'}`);
      await visitor.context().close();
    }
  }, 200_000);
});
