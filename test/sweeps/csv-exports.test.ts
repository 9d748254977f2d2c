/**
 * Plants text that spreadsheets would run as formulas in every field a visitor fills on the RSVP and
 * newsletter forms, then finds every CSV export an admin can reach and checks that no cell of any of
 * them starts like a formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { api, apiToken, Browser, testEnv, uid, type TestEnv } from '../helpers';
import { ensureChapter } from '../../src/modules/people';
import { crawl } from './routes';

const PAYLOADS = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
});
afterAll(() => env.close());

describe('CSV exports', () => {
  it('never hold a cell starting with a formula character, whatever visitors typed', async () => {
    await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
    const token = await apiToken(env, `csv-org-${uid()}@example.org`, 'organizer', 'los-angeles');
    const day = 86_400_000;
    const created = await api(env, 'POST', '/api/v1/events', token, {
      title: { en: `CSV ${uid()}` },
      startsAt: new Date(Date.now() + 3 * day).toISOString(),
      endsAt: new Date(Date.now() + 3 * day + 3_600_000).toISOString(),
      timeZone: 'UTC',
      status: 'published',
      questions: [{ kind: 'text', label: { en: '=Q' }, required: false }],
    });
    expect(created.status).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    for (const p of PAYLOADS) {
      const visitor = new Browser(env);
      expect(
        (
          await visitor.post(`/events/${slug}/rsvp`, {
            name: `${p}`,
            email: `csv-${uid()}@example.org`,
            accessibilityNeeds: p,
            'answers.q1': p,
          })
        ).status,
      ).toBe(200);
      expect(
        (await visitor.post('/newsletter/subscribe', { email: `csv-news-${uid()}@example.org`, name: p, language: 'en' })).status,
      ).toBeLessThan(500);
    }

    const admin = new Browser(env);
    await admin.signInAs(`csv-admin-${uid()}@example.org`, { role: 'admin' });
    const csvs = new Map<string, string>();
    const get = async (path: string) => {
      const res = await admin.get(path);
      if ((res.headers.get('content-type') ?? '').includes('text/csv')) csvs.set(path, await res.clone().text());
      return res;
    };
    const { urls } = await crawl(get, ['/admin', '/organize', `/events/${slug}/attendees`, '/organize/newsletter'], 300);
    for (const u of urls.filter((x) => /\.csv(\?|$)/.test(x) && !csvs.has(x))) await get(u);

    expect([...csvs.keys()].some((k) => k.includes('attendees.csv'))).toBe(true);
    expect([...csvs.keys()].some((k) => k.includes('subscribers.csv'))).toBe(true);
    let planted = 0;
    for (const [path, text] of csvs) {
      const cells = (parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
      for (const cell of cells) expect(cell, `${path}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      planted += cells.filter((c) => /^'[=+\-@\t\r]/.test(c)).length;
    }
    // The payloads did reach the exports (guarded), so the check above looked at them.
    expect(planted).toBeGreaterThanOrEqual(PAYLOADS.length * 3);
  });
});
