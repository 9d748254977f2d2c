import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { runAxe, startE2E, WCAG_22_AA, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** Links worth checking: our own pages, not files, feeds, downloads or one-time actions. */
function crawlable(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  if (/^\/(es\/)?(assets|language|api)\b/.test(url.pathname)) return null;
  if (/\/(export|signin\/verify)\b|\.(ics|xml|json|csv|rss|atom|png|svg|eml)$|\/feed\b/.test(url.pathname)) return null;
  url.hash = '';
  return url.pathname + url.search;
}

/**
 * Visits every page reachable from the home pages (and the extra starts), runs axe-core (WCAG 2.2 AA)
 * on each and returns the violations. Pages are grouped by shape (ids replaced) so a list of 40 events
 * checks a handful of event pages, not all of them.
 */
async function crawlAndCheck(context: BrowserContext, starts: string[], limit = 120) {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...starts];
  const problems: { url: string; id: string; impact: string | null; help: string; nodes: string[] }[] = [];
  const page = await context.newPage();
  let visited = 0;
  while (queue.length && visited < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\?.*$/, '');
    const count = shapes.get(shape) ?? 0;
    if (count >= 2) continue;
    shapes.set(shape, count + 1);
    const res = await page.goto(e2e.baseUrl + path);
    visited++;
    const type = res?.headers()['content-type'] ?? '';
    if (!type.includes('text/html')) continue;
    expect(res!.status(), path).toBeLessThan(500);
    const result = await runAxe(page, [...WCAG_22_AA, 'best-practice']);
    // axe really ran: a page always passes some rules (lang, title, landmarks).
    expect(result.passes, path).toBeGreaterThan(5);
    for (const { targets, ...v } of result.violations) problems.push({ url: path, ...v, nodes: targets.slice(0, 3) });
    const lang = await page.getAttribute('html', 'lang');
    expect(lang, path).toBe(path.startsWith('/es') ? 'es' : 'en');
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const next = crawlable(href, e2e.baseUrl + path);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  await page.close();
  return { problems, visited };
}

describe('accessibility (axe-core, WCAG 2.2 AA) on every page in English and Spanish', () => {
  it('has zero violations on the public pages', async () => {
    const context = await e2e.browser.newContext();
    const { problems, visited } = await crawlAndCheck(context, [
      '/',
      '/es/',
      '/signup',
      '/es/signup',
      '/signin/check?email=a%40example.org',
      '/es/signin/check?email=a%40example.org',
      '/no-such-page',
      '/es/no-such-page',
      '/organizations',
      '/es/initiatives',
      '/recommendations',
      '/es/posts',
      '/convenings',
    ]);
    expect(visited).toBeGreaterThanOrEqual(12);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has zero violations on the pages of a signed-in admin', async () => {
    const context = await e2e.signedIn('axe-admin@example.org', 'admin');
    const { problems, visited } = await crawlAndCheck(context, [
      '/account',
      '/es/account',
      '/admin',
      '/es/admin',
      '/admin/people',
      '/es/admin/people',
    ]);
    expect(visited).toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows tables as labelled cards on a 360px phone, with nothing scrolling sideways', async () => {
    const context = await e2e.signedIn('axe-phone@example.org', 'admin');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/account', '/es/account', '/admin/people', '/es/admin/people']) {
      await page.goto(e2e.baseUrl + path);
      const cells = await page.$$eval('.pw-data-table tbody [data-label]', (els) =>
        els.map((el) => ({ label: el.getAttribute('data-label'), before: getComputedStyle(el, '::before').content })),
      );
      expect(cells.length, path).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.before, path).toBe(JSON.stringify(cell.label));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(
        (await runAxe(page, WCAG_22_AA)).violations.map((v) => v.id),
        path,
      ).toEqual([]);
    }
    await page.setViewportSize({ width: 1024, height: 740 });
    await page.goto(e2e.baseUrl + '/admin/people');
    expect(await page.$eval('.pw-data-table tbody td[data-label]', (el) => getComputedStyle(el, '::before').content)).toBe('none');
    await context.close();
  });

  it('would notice a violation (the check is real)', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/about`);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text">'));
    const ids = (await runAxe(page)).violations.map((v) => v.id);
    expect(ids).toContain('label');
    await context.close();
  });

  it('shows form errors accessibly', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    for (const prefix of ['', '/es']) {
      await page.goto(`${e2e.baseUrl}${prefix}/signup`);
      await page.locator('main form.usa-form button[type=submit]').click();
      const violations = (await runAxe(page)).violations.map((v) => v.id);
      expect(violations, prefix).toEqual([]);
      expect(await page.locator('.usa-error-message').count()).toBeGreaterThan(0);
    }
    await context.close();
  });
});
