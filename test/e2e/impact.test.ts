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

  it('the replication playbook: writing a template, copying it to a chapter, the network’s changes', async () => {
    const admin = await (await e2e.signedIn('e2e-playbook-admin@example.org', 'admin', undefined)).newPage();
    await admin.goto(`${e2e.baseUrl}/organize/playbook/new`);
    await admin.fill('#slug', 'e2e-night');
    await admin.fill('[id="content.title.en"]', 'Civic tech night');
    await admin.fill('[id="content.title.es"]', 'Noche de tecnología cívica');
    await admin.fill('[id="content.runOfShow.en"]', '6:00 Doors open\n6:30 Talk');
    await admin.click('form.usa-form button[type="submit"]');
    expect(admin.url()).toContain('/organize/playbook/templates/e2e-night');
    const organizer = await (await e2e.signedIn('e2e-playbook-org@example.org', 'organizer', 'los-angeles')).newPage();
    await organizer.goto(`${e2e.baseUrl}/organize/playbook`);
    await organizer.click('form[action="/organize/playbook/copy"] button[type="submit"]');
    expect(organizer.url()).toContain('/organize/playbook/chapters/los-angeles?copied=');
    // The copied event series started the chapter's live series and its first draft event, linked from here.
    const draft = await organizer.getAttribute('a[href^="/events/"][href$="/edit"]', 'href');
    expect(draft).toBeTruthy();
    await organizer.goto(e2e.baseUrl + draft!);
    expect(await organizer.inputValue('[name="title.en"]')).not.toBe('');
    await admin.fill('[id="content.runOfShow.en"]', '6:00 Doors open\n6:20 Welcome\n6:30 Talk');
    await admin.click('form.usa-form button[type="submit"]');
    expect(admin.url()).toContain('saved=1');
    const copy = '/organize/playbook/chapters/los-angeles/e2e-night';
    for (const prefix of ['', '/es']) {
      for (const path of ['/organize/playbook', '/organize/playbook/chapters/los-angeles', copy, `${copy}/take?version=2`]) {
        expect(await e2e.violations(organizer, `${prefix}${path}`), `${prefix}${path}`).toEqual([]);
      }
      for (const path of ['/organize/playbook/new', '/organize/playbook/templates/e2e-night']) {
        expect(await e2e.violations(admin, `${prefix}${path}`), `${prefix}${path}`).toEqual([]);
      }
    }
    await organizer.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/es/organize/playbook', '/es/organize/playbook/chapters/los-angeles', copy]) {
      await organizer.goto(e2e.baseUrl + path);
      const wide = await organizer.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(360);
    }
    await organizer.goto(e2e.baseUrl + copy);
    expect(await organizer.textContent('.pw-diff ins')).toContain('6:20 Welcome');
  }, 400_000);
});
