import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

/** Survey pages in Chromium with axe-core (WCAG 2.2 AA), English and Spanish, without JavaScript. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('survey pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('answering (with an error shown), and one’s own answers', async () => {
    const [s] = await rows<{ id: string }>(e2e.deps.db, sql`SELECT id FROM surveys ORDER BY created_at LIMIT 1`);
    expect(s, 'the demo survey').toBeTruthy();
    const context = await e2e.browser.newContext();
    // The page's own scripts are blocked: everything here works without them (axe still runs).
    await context.route('**/*.js', (route) => route.abort());
    const page = await context.newPage();
    expect(await e2e.violations(page, `/surveys/${s.id}`)).toEqual([]);
    expect(await e2e.violations(page, `/es/surveys/${s.id}`)).toEqual([]);
    await page.fill('#email', 'visitante@example.org');
    await page.click('main form button[type=submit]');
    expect(await page.textContent('#q_again-error')).toContain('Responda esta pregunta');
    expect(await page.inputValue('#email')).toBe('visitante@example.org');
    await context.close();

    const signedIn = await e2e.signedIn('maria.nunez@example.org');
    const mine = await signedIn.newPage();
    expect(await e2e.violations(mine, '/es/surveys/mine')).toEqual([]);
    expect(await mine.textContent('main')).toContain('Más mesas en español');
    expect(await e2e.violations(mine, '/surveys/mine')).toEqual([]);
    await signedIn.close();

    const organizer = await (await e2e.signedIn('organizer@pathways.localhost')).newPage();
    for (const url of [
      '/organize/surveys',
      `/organize/surveys/${s.id}`,
      `/es/organize/surveys/${s.id}`,
      '/organize/surveys/chapter/los-angeles',
      '/es/organize/surveys/chapter/los-angeles',
      '/organize/surveys/program/community-data-training-sprint',
      '/es/organize/surveys/program/community-data-training-sprint',
    ])
      expect(await e2e.violations(organizer, url), url).toEqual([]);
    // The chapter's totals fit a phone: the tables become cards, the charts shrink.
    await organizer.setViewportSize({ width: 360, height: 740 });
    await organizer.goto(e2e.baseUrl + '/es/organize/surveys/chapter/los-angeles');
    expect(await organizer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await organizer.goto(e2e.baseUrl + '/es/organize/surveys/program/community-data-training-sprint');
    expect(await organizer.textContent('h1')).toContain('Sprint de formación en datos comunitarios');
    expect(await organizer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await organizer.setViewportSize({ width: 1280, height: 800 });
    // The new-survey form, fresh and sent with an unreadable line (the error beside the questions).
    for (const url of ['/organize/surveys/new', '/es/organize/surveys/new']) expect(await e2e.violations(organizer, url), url).toEqual([]);
    await organizer.fill('#titleEn', 'Data night');
    await organizer.fill('#questions', 'likert: Useful?\nnot a question');
    await organizer.click('form[action$="/organize/surveys/new"] button[type=submit]');
    await organizer.waitForSelector('.usa-error-message');
    expect(violationLines(await runAxe(organizer, WCAG_22_AA))).toEqual([]);
  });
});
