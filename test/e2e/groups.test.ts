import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvent } from '../../src/modules/events';
import { yourTableLinks } from '../../src/modules/groups';
import { runAxe, startE2E, WCAG_22_AA, type E2E } from './harness';

/** The small-group pages in Chromium with axe-core (WCAG 2.2 AA), in both languages, made through the form. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const EVENT = 'data-donuts-1';
const PEOPLE = [
  'María Núñez, maria.nunez@example.org, Government, yes, es',
  "Seán O'Connor, sean@example.org, Health, no, en es",
  '김민준, minjun@example.org, Housing, no, en',
  'Nguyễn Thị Lan, lan@example.org, Government, yes, en es, yes',
  'Zoë Ñúñez-Smith, zoe@example.org, Data, no, en',
  'Oluwaseun Adeyemi, seun@example.org, Health, no, en, yes',
  'Ana Lucía, ana@example.org, Housing, no, es',
  'Søren Kierkegaard, soren@example.org, Data, no, en',
];

describe('small-group pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('the organizer plans tables with the form, without JavaScript, and every page passes in English and Spanish', async () => {
    const context = await e2e.signedIn('organizer@pathways.localhost');
    await context.route('**/*.js', (route) => route.abort());
    const page = await context.newPage();
    expect(await e2e.violations(page, '/organize/groupings/new')).toEqual([]);
    expect(await e2e.violations(page, '/es/organize/groupings/new')).toEqual([]);
    // A bad group size: the error sits next to the field, translated, and what was typed is kept.
    await page.fill('#title', 'Mesas del simposio');
    await page.fill('#event', EVENT);
    await page.fill('#people', PEOPLE.join('\n'));
    await page.fill('#groupSize', '1');
    await page.fill('#rounds', '3');
    await page.click('form.usa-form button[type=submit]');
    expect(await page.textContent('#groupSize-error')).toContain('al menos 2');
    expect(await page.inputValue('#people')).toContain('Zoë Ñúñez-Smith');
    const errorsOnPage = await runAxe(page, WCAG_22_AA);
    expect(errorsOnPage.violations).toEqual([]);
    await page.fill('#groupSize', '4');
    await page.click('label[for=balanceGovernment]'); // the box itself is drawn by its label
    await page.click('form.usa-form button[type=submit]');
    const planPath = new URL(page.url()).pathname;
    expect(planPath).toMatch(/^\/es\/organize\/groupings\/[0-9a-f-]{36}$/);
    const english = planPath.replace(/^\/es/, '');
    for (const path of [
      english,
      planPath,
      `${english}/projector?round=2`,
      `${planPath}/projector`,
      '/organize/groupings',
      '/es/organize/groupings',
    ])
      expect(await e2e.violations(page, path), path).toEqual([]);
    await page.goto(e2e.baseUrl + planPath);
    const sheet = await page.getAttribute('a[href*="/groupings/sheet/"]', 'href');
    expect(await e2e.violations(page, sheet!), 'printable sheet').toEqual([]);
    expect(await e2e.violations(page, sheet!.replace(/^\/es/, '')), 'printable sheet').toEqual([]);

    const e = await getEvent(e2e.deps.db, EVENT);
    const [link] = await yourTableLinks(e2e.deps.db, {
      eventId: e.id,
      email: 'maria.nunez@example.org',
      locale: 'es',
      baseUrl: e2e.baseUrl,
      secret: e2e.deps.secret,
    });
    const mine = new URL(link.url).pathname;
    expect(await e2e.violations(page, mine), 'your table').toEqual([]);
    expect(await page.textContent('h2')).toContain('Su mesa en la ronda 1');
    expect(await e2e.violations(page, mine.replace(/^\/es/, '')), 'your table').toEqual([]);
    await context.close();
  });

  it('the organizer matches mentors and mentees with the form, locks a match, and every page passes in both languages', async () => {
    const context = await e2e.signedIn('organizer@pathways.localhost');
    await context.route('**/*.js', (route) => route.abort());
    const page = await context.newPage();
    expect(await e2e.violations(page, '/es/organize/mentorship/new')).toEqual([]);
    expect(await e2e.violations(page, '/organize/mentorship/new')).toEqual([]);
    await page.fill('#title', 'Spring mentoring');
    await page.fill('#event', EVENT);
    await page.fill('#mentors', 'Rosa Martínez, rosa@example.org, lots, es, es en, LA County ISD, data');
    await page.fill('#mentees', 'Ana Núñez, ana@example.org, es, es, data, Rosa Martínez');
    await page.click('form.usa-form button[type=submit]');
    expect(await page.textContent('#mentors-error')).toContain('Line 1');
    expect(await page.inputValue('#mentees')).toContain('Ana Núñez');
    expect((await runAxe(page, WCAG_22_AA)).violations).toEqual([]);
    await page.fill('#mentors', 'Rosa Martínez, rosa@example.org, 2, es, es en, LA County ISD, data\n"O\'Brien, Pat", pat@example.org, 1');
    await page.fill(
      '#mentees',
      'Ana Núñez, ana@example.org, es, es, data, Rosa Martínez\nBen, , en, en, , pat@example.org; Rosa Martínez\nChen, , , , , Nobody Here',
    );
    await page.click('form.usa-form button[type=submit]');
    expect(await page.textContent('#mentees-error')).toContain('Nobody Here');
    await page.fill('#mentees', 'Ana Núñez, ana@example.org, es, es, data, Rosa Martínez\nBen, , en, en, , pat@example.org; Rosa Martínez');
    await page.click('form.usa-form button[type=submit]');
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/organize\/mentorship\/[0-9a-f-]{36}$/);
    await page.click('button:has-text("Lock Rosa Martínez and Ana Núñez")');
    expect(await page.textContent('main')).toContain('kept as the organizers chose');
    // Changing the lists: a bad line is named beside its field, the text kept; a good one saves and matches again.
    await page.goto(`${e2e.baseUrl}${path}/edit`);
    await page.fill('#mentees', `${await page.inputValue('#mentees')}\nDana, , , , , Nobody Either`);
    await page.click('form.usa-form button[type=submit]');
    expect(await page.textContent('#mentees-error')).toContain('Nobody Either');
    await page.fill('#mentees', (await page.inputValue('#mentees')).replace('Nobody Either', 'Rosa Martínez'));
    await page.click('form.usa-form button[type=submit]');
    expect(await page.textContent('main')).toContain('The lists were saved and matched again.');
    for (const p of [
      path,
      `/es${path}`,
      `${path}/introduce`,
      `/es${path}/introduce`,
      `${path}/edit`,
      `/es${path}/edit`,
      '/organize/mentorship',
      '/es/organize/mentorship',
    ])
      expect(await e2e.violations(page, p), p).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const p of [path, `/es${path}`, '/es/organize/mentorship/new', `/es${path}/edit`]) {
      await page.goto(e2e.baseUrl + p);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(360);
    }
    await context.close();
  });
});
