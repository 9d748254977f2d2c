import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChapter } from '../../src/modules/people';
import { startE2E, type E2E } from './harness';

/** The impact dashboard, network view, grant report form, chapter pages and "Our impact", in Chromium with axe-core. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await ensureChapter(e2e.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
afterAll(() => e2e?.close());

const Q = '?preset=year';

describe('impact pages are accessible (axe, WCAG 2.2 AA) and fit a phone', () => {
  it('the organizer’s and admin’s pages, then the published public page, in both languages', async () => {
    const organizer = await (await e2e.signedIn('e2e-impact-org@example.org', 'organizer', 'los-angeles')).newPage();
    for (const prefix of ['', '/es']) {
      for (const path of [`/organize/impact${Q}`, '/organize/impact/report', '/organize/chapters']) {
        expect(await e2e.violations(organizer, `${prefix}${path}`), `${prefix}${path}`).toEqual([]);
      }
    }
    const admin = await (await e2e.signedIn('e2e-impact-admin@example.org', 'admin', undefined)).newPage();
    for (const path of [`/organize/impact/network${Q}`, `/es/organize/impact${Q}`, '/organize/chapters']) {
      expect(await e2e.violations(admin, path), path).toEqual([]);
    }
    // Publishing is a plain form post.
    await organizer.goto(`${e2e.baseUrl}/organize/impact${Q}&chapter=los-angeles`);
    await organizer.click('button[name="published"][value="true"]');
    expect(organizer.url()).toContain('done=1');
    const anon = await (await e2e.browser.newContext()).newPage();
    for (const path of ['/chapters/los-angeles/impact', '/es/chapters/los-angeles/impact', '/chapters', '/es/chapters']) {
      expect(await e2e.violations(anon, path), path).toEqual([]);
    }
    await anon.setViewportSize({ width: 360, height: 740 });
    await organizer.setViewportSize({ width: 360, height: 740 });
    for (const [page, path] of [
      [anon, '/es/chapters/los-angeles/impact'],
      [organizer, `/organize/impact${Q}`],
      [organizer, '/es/organize/impact/report'],
    ] as const) {
      await page.goto(e2e.baseUrl + path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(360);
    }
  }, 400_000);
});
