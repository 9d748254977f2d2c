import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';

// Recommendations from convenings in two chapters, dated by hand in the first half of 2026: each
// period counts those made in it, by the status each had when the period ended.
let env: TestEnv;
let admin = '';
const Q1 = 'from=2026-01-01&to=2026-03-31';
const H1 = 'from=2026-01-01&to=2026-06-30';
type Report = {
  metrics: Record<string, { value: number | null; suppressed: boolean; byChapter?: Record<string, { value: number | null }> }>;
};

async function convening(chapter: string) {
  const res = await api(env, 'POST', '/api/v1/convenings', admin, {
    title: `Roundtable ${uid()}`,
    startsAt: '2026-02-01T10:00',
    endsAt: '2026-02-01T12:00',
    timeZone: 'America/Los_Angeles',
    format: 'in_person',
    status: 'published',
    chapter,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

/** A recommendation made at `made`, then moved through `changes` (status at a time). */
async function recommendation(slug: string, made: string, changes: [string, string][] = []) {
  const res = await api(env, 'POST', `/api/v1/convenings/${slug}/recommendations`, admin, { title: 'T', text: 'x', goal: 'talent' });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  for (const [status] of changes)
    expect((await api(env, 'POST', `/api/v1/recommendations/${id}/status`, admin, { status, note: 'Board vote' })).status).toBe(200);
  await env.deps.db.execute(sql`UPDATE recommendations SET created_at = ${made} WHERE id = ${id}`);
  await env.deps.db.execute(sql`UPDATE recommendation_history SET at = ${made} WHERE recommendation_id = ${id} AND status = 'proposed'`);
  for (const [status, at] of changes)
    await env.deps.db.execute(sql`UPDATE recommendation_history SET at = ${at} WHERE recommendation_id = ${id} AND status = ${status}`);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${uid()}@example.org`, 'admin');
  for (const ch of [
    { slug: 'portland', name: { en: 'Portland' }, city: 'Portland', timeZone: 'America/Los_Angeles' },
    { slug: 'st-paul', name: { en: 'St. Paul', es: 'San Pablo' }, city: 'Saint Paul', timeZone: 'America/Chicago' },
  ]) {
    expect((await api(env, 'POST', '/api/v1/chapters', admin, ch)).status).toBe(201);
  }
  expect((await api(env, 'POST', '/api/v1/goals', admin, { key: 'talent', name: 'Talent', nameEs: 'Talento' })).status).toBe(201);
  const pdx = await convening('portland');
  const stp = await convening('st-paul');
  await recommendation(pdx, '2026-02-02T18:00:00Z');
  await recommendation(pdx, '2026-02-03T18:00:00Z', [['adopted', '2026-03-01T18:00:00Z']]);
  await recommendation(pdx, '2026-02-04T18:00:00Z', [
    ['adopted', '2026-03-02T18:00:00Z'],
    ['implemented', '2026-05-01T18:00:00Z'],
  ]);
  await recommendation(stp, '2026-03-10T18:00:00Z', [['stalled', '2026-04-15T18:00:00Z']]);
  await recommendation(stp, '2026-05-10T18:00:00Z');
});
afterAll(() => env.close());

const get = async (q: string) => (await (await api(env, 'GET', `/api/v1/metrics?${q}`, admin)).json()) as Report;
const byStatus = (r: Report) =>
  Object.fromEntries(
    ['proposed', 'adopted', 'in_progress', 'implemented', 'declined', 'stalled'].map((s) => [s, r.metrics[`recommendations_${s}`].value]),
  );

describe('recommendations by status', () => {
  it('counts each chapter’s recommendations of a period by the status they had when it ended', async () => {
    expect(byStatus(await get(`${Q1}&chapter=portland`))).toEqual({
      proposed: 1,
      adopted: 2,
      in_progress: 0,
      implemented: 0,
      declined: 0,
      stalled: 0,
    });
    expect(byStatus(await get(`${H1}&chapter=portland`))).toEqual({
      proposed: 1,
      adopted: 1,
      in_progress: 0,
      implemented: 1,
      declined: 0,
      stalled: 0,
    });
    expect(byStatus(await get(`${Q1}&chapter=st-paul`))).toEqual({
      proposed: 1,
      adopted: 0,
      in_progress: 0,
      implemented: 0,
      declined: 0,
      stalled: 0,
    });
    const network = await get(H1);
    expect(byStatus(network)).toEqual({ proposed: 2, adopted: 1, in_progress: 0, implemented: 1, declined: 0, stalled: 1 });
    expect(network.metrics.recommendations_stalled.byChapter).toEqual({
      portland: { value: 0, suppressed: false },
      'st-paul': { value: 1, suppressed: false },
    });
  });

  it('are counts of things: never hidden publicly, and drawn on the dashboard with a table', async () => {
    expect((await api(env, 'PUT', '/api/v1/metrics/publication', admin, { chapter: 'st-paul', published: true })).status).toBe(200);
    const pub = (await (await api(env, 'GET', `/api/v1/metrics?${H1}&chapter=st-paul`)).json()) as Report;
    expect([pub.metrics.recommendations_stalled, pub.metrics.recommendations_proposed]).toEqual([
      expect.objectContaining({ value: 1, suppressed: false }),
      expect.objectContaining({ value: 1, suppressed: false }),
    ]);
    const b = new Browser(env);
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer', scope: 'portland' });
    for (const prefix of ['', '/es']) {
      const html = await (await b.get(`${prefix}/organize/impact?preset=custom&${H1}&chapter=portland`)).text();
      expect(html).toContain('<title id="chart-recommendations-title">');
      const text = visibleText(html);
      expect(text).toContain(prefix ? 'Recomendaciones implementadas' : 'Recommendations implemented');
      expect(text).toContain(prefix ? 'Implementada 1' : 'Implemented 1');
    }
  });
});
