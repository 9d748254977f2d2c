import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

/** How form controls look in a real browser, where a stylesheet rule can reach further than meant. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('layout', () => {
  it('a search box looks like every other text field: full height, four borders, not floated', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.baseUrl}/jobs`);
    const look = (selector: string) =>
      page.$eval(selector, (el) => {
        const s = getComputedStyle(el);
        return { height: el.getBoundingClientRect().height, borderRight: s.borderRightWidth, float: s.float };
      });
    const search = await look('input[type="search"]');
    const select = await look('select');
    expect(search.float).toBe('none');
    expect(search.borderRight).not.toBe('0px');
    expect(search.height).toBeGreaterThanOrEqual(40);
    expect(Math.abs(search.height - select.height)).toBeLessThanOrEqual(2);
    await page.close();
  });
});
