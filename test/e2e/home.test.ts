/**
 * The home page and an event page as people first see them: the next event in a phone's first screen,
 * the event page in two columns on a laptop (one on a phone), and "Add a speaker" at once with
 * JavaScript (focus in the new row, announced), in English and Spanish, axe-clean, never wider than
 * the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1280, height: 800 };
const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the home page', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`shows the next event in a phone's first screen (${locale})`, async () => {
      const context = await e2e.browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.goto(e2e.baseUrl + (locale === 'es' ? '/es' : '/'));
      const card = page.locator('#next-events .usa-card').first();
      const box = await card.boundingBox();
      expect(box).not.toBeNull();
      // The card's title and date are on screen without scrolling.
      const when = await page.locator('#next-events .usa-card time').first().boundingBox();
      expect(when!.y + when!.height).toBeLessThan(PHONE.height);
      expect(await page.locator('#featured-jobs .usa-card').count()).toBeGreaterThan(0);
      expect(await page.locator('#hiring-guides a').count()).toBeGreaterThan(0);
      expect(await page.locator('form[action$="/newsletter/subscribe"]').count()).toBe(1);
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);
      expect(violationLines(await runAxe(page, WCAG_22_AA))).toEqual([]);
      await context.close();
    });
  }
});

describe('an event page', () => {
  it('puts the RSVP in a side box beside the rest on a laptop and first on a phone, with a map link', async () => {
    const context = await e2e.browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    await page.goto(e2e.baseUrl + '/events');
    const href = await page.locator('#main-content .usa-card__heading a, main .usa-card__heading a').first().getAttribute('href');
    for (const locale of ['en', 'es'] as const) {
      await page.setViewportSize(LAPTOP);
      await page.goto(e2e.baseUrl + (locale === 'es' ? `/es${href}` : href!));
      const side = (await page.locator('.pw-event__side').boundingBox())!;
      const main = (await page.locator('.pw-event__main').boundingBox())!;
      expect(side.x).toBeGreaterThan(main.x + main.width - 1);
      expect(await page.locator('.pw-event__side form[action$="/rsvp"]').count()).toBe(1);
      expect(violationLines(await runAxe(page, WCAG_22_AA))).toEqual([]);
      await page.setViewportSize(PHONE);
      const sideOnPhone = (await page.locator('.pw-event__side').boundingBox())!;
      const mainOnPhone = (await page.locator('.pw-event__main').boundingBox())!;
      expect(sideOnPhone.y).toBeLessThan(mainOnPhone.y);
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    }
    const map = await page
      .locator('.pw-event__side a', { hasText: /^(map|mapa)$/ })
      .first()
      .getAttribute('href');
    expect(map).toMatch(/^https:\/\/www\.openstreetmap\.org\/search\?query=/);
    await context.close();
  });
});

describe('"Add a speaker" with JavaScript', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`adds the row at once, moves the focus into it and says so (${locale})`, async () => {
      const context = await e2e.signedIn(`rows-${locale}@example.org`, 'organizer', 'los-angeles', { viewport: PHONE });
      const page = await context.newPage();
      await page.goto(e2e.baseUrl + (locale === 'es' ? '/es/events/new' : '/events/new'));
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(r.url());
      });
      await page.locator('button.pw-add-row[value="speakers"]').click();
      await page.locator('button.pw-add-row[value="speakers"]').click();
      expect(posts).toEqual([]);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('speakers.1.name');
      expect(await page.locator('input[name="rows.speakers"]').inputValue()).toBe('2');
      expect(await page.locator('#row-status').textContent()).toMatch(locale === 'es' ? /Ponente 2/ : /Speaker 2 added/);
      expect(await page.locator('#section-speakers legend', { hasText: locale === 'es' ? 'Ponente 2' : 'Speaker 2' }).count()).toBe(1);
      // The rows are the form's: a save that fails keeps what was typed in them.
      await page.fill('input[name="speakers.1.name"]', 'Keoni Kahananui');
      await page.locator('button.pw-form-submit').click();
      await page.waitForLoadState();
      expect(await page.locator('input[name="speakers.1.name"]').inputValue()).toBe('Keoni Kahananui');
      expect(await page.evaluate(() => document.activeElement?.closest('.usa-alert--error, [class*="error-summary"]') !== null)).toBe(true);
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);
      expect(violationLines(await runAxe(page, WCAG_22_AA))).toEqual([]);
      await context.close();
    });
  }
});
