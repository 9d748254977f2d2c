/**
 * Holds the page budgets in CI: every measured page (home, and the event, events list, jobs search and
 * job pages once they exist) under 50 KB transferred and 10 KB of JavaScript with only one CSS file
 * blocking rendering, in both languages; Lighthouse accessibility 100 on the home page.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../bench/page-weight';

describe('page budgets', () => {
  it('holds for every public page measured in Chromium', async () => {
    const result = await run({ quick: true });
    const verdicts = (result.notes ?? []).filter((n) => / (PASS|FAIL) — /.test(n));
    expect(verdicts.length).toBeGreaterThanOrEqual(2);
    expect(verdicts.filter((n) => n.includes(' FAIL — '))).toEqual([]);
    const a11y = result.figures.filter((f) => f.name.endsWith('Lighthouse accessibility'));
    expect(a11y.length).toBeGreaterThanOrEqual(1);
    for (const f of a11y) expect(f.value, f.name).toBe(100);
  }, 300_000);
});
