import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoCall } from '../../src/modules/conferences/testing/cfp';
import { startE2E, type E2E } from './harness';

/** The call for proposals, voting and application pages in Chromium with axe-core (WCAG 2.2 AA), both languages. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('call for proposals, voting and applications pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public, signed-in and organizer pages in both languages, on a laptop and a phone', async () => {
    const d = await openDemoCall(e2e.deps, 'sodla_demo');
    const publicUrls = [
      `/conferences/${d.slug}/propose`,
      `/conferences/${d.slug}/apply`,
      `/conferences/${d.slug}/answer/${d.answer}`,
      `/conferences/${d.slug}/proposals/${d.speaker}`,
      // Its public RSVP form gives way to the application form.
      `/events/${d.slug}`,
    ];
    const organizerUrls = [
      `/conferences/${d.slug}/topics`,
      `/conferences/${d.slug}/review`,
      `/conferences/${d.slug}/review/${d.proposal}`,
      `/conferences/${d.slug}/manage/ranking`,
      `/conferences/${d.slug}/manage/applications`,
      `/conferences/${d.slug}/manage/applications/${d.application}`,
      `/conferences/${d.slug}/manage/applications/targets`,
      `/conferences/${d.slug}/manage/questions`,
    ];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 740 },
    ]) {
      const visitor = await (await e2e.browser.newContext({ viewport })).newPage();
      for (const url of publicUrls.flatMap((u) => [u, `/es${u}`])) {
        expect(await e2e.violations(visitor, url), `${url} ${viewport.width}`).toEqual([]);
        expect(await visitor.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(viewport.width);
      }
      const organizer = await (await e2e.signedIn('organizer@pathways.localhost', undefined, undefined, { viewport })).newPage();
      for (const url of organizerUrls.flatMap((u) => [u, `/es${u}`])) {
        expect(await e2e.violations(organizer, url), `${url} ${viewport.width}`).toEqual([]);
        expect(await organizer.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(viewport.width);
      }
    }
    // The emailed page works without JavaScript: the applicant confirms, in Spanish.
    const applicant = await (await e2e.browser.newContext({ javaScriptEnabled: false })).newPage();
    await applicant.goto(`${e2e.baseUrl}/es/conferences/${d.slug}/answer/${d.answer}`);
    await applicant.click('button[value="confirm"]');
    expect(await applicant.locator('main').innerText()).toContain('Confirmado: nos vemos allí.');
  });
});
