import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

/** The newsletter pages in a real browser: zero axe-core WCAG 2.2 AA violations, and the scripts work. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function open(url: string, signedIn = false): Promise<Page> {
  const options = { locale: url.startsWith('/es') ? 'es' : 'en' };
  const ctx = signedIn
    ? await e2e.signedIn('e2e-organizer@example.org', 'organizer', undefined, options)
    : await e2e.browser.newContext(options);
  const page = await ctx.newPage();
  await page.goto(e2e.baseUrl + url);
  return page;
}

async function axe(page: Page) {
  return violationLines(await runAxe(page, WCAG_22_AA));
}

describe('newsletter pages in a browser', () => {
  it('public and organizer pages have no accessibility violations, in both languages', async () => {
    const [sent] = await rows<{ id: string }>(e2e.deps.db, sql`SELECT id FROM newsletter_issues WHERE status = 'sent' LIMIT 1`);
    const [draft] = await rows<{ id: string }>(e2e.deps.db, sql`SELECT id FROM newsletter_issues WHERE status = 'draft' LIMIT 1`);
    const pages: [string, boolean][] = [
      ['/newsletter', false],
      ['/es/newsletter', false],
      [`/newsletter/archive/${sent.id}`, false],
      ['/organize/newsletter', true],
      ['/es/organize/newsletter', true],
      [`/organize/newsletter/issues/${draft.id}`, true],
      [`/organize/newsletter/issues/${sent.id}`, true],
      ['/organize/newsletter/issues/new', true],
      ['/organize/newsletter/subscribers', true],
      ['/organize/newsletter/import', true],
      ['/organize/newsletter/settings', true],
      ['/es/organize/newsletter/reports', true],
    ];
    // The checker itself works: an image without alt text is reported.
    const probe = await open('/newsletter');
    await probe.setContent('<html lang="en"><head><title>x</title></head><body><main><h1>x</h1><img src="/x.png"></main></body></html>');
    expect((await axe(probe)).join(' ')).toContain('image-alt');
    await probe.context().close();
    for (const [url, signedIn] of pages) {
      const page = await open(url, signedIn);
      expect(await page.locator('h1').count(), url).toBe(1);
      expect(await axe(page), url).toEqual([]);
      await page.context().close();
    }
  });

  it('previews markdown live as the organizer types', async () => {
    const page = await open('/organize/newsletter/issues/new', true);
    await page.fill('#bodyEs', '## Título\n\nCon **negrita** <script>window.bad=1</script>');
    await page.waitForFunction(() => document.querySelector('[data-preview-for="bodyEs"] strong')?.textContent === 'negrita');
    expect(await page.locator('[data-preview-for="bodyEs"] h2').textContent()).toBe('Título');
    expect(await page.evaluate(() => (window as unknown as { bad?: number }).bad)).toBeUndefined();
    await page.context().close();
  });
});
