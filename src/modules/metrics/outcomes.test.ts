import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';

// Placements and confidence change: from a chapter's surveys where they measured them in the period,
// from its organizers' entries where they did not, and the network adding the two up.
let env: TestEnv;
let admin = '';
let north = '';
let south = '';
const Q2 = 'from=2026-04-01&to=2026-06-30';
const Q3 = 'from=2026-07-01&to=2026-09-30';

type Cell = { value: number | null; suppressed: boolean; publicSuppressed?: boolean; source?: string };
const read = async (query: string, token?: string) => {
  const res = await api(env, 'GET', `/api/v1/metrics?${query}`, token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { metrics: Record<string, Cell & { byChapter?: Record<string, Cell> }> }).metrics;
};

async function survey(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await api(env, 'POST', '/api/v1/surveys', token, { title: { en: 'S', es: 'E' }, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function answer(surveyId: string, who: string, answers: Record<string, unknown>, at: string) {
  const email = `${who}-${north}@example.org`;
  const token = await apiToken(env, email);
  expect((await api(env, 'POST', `/api/v1/surveys/${surveyId}/responses`, token, { answers })).status).toBe(201);
  // Answered on a known day, so the period it falls in does not depend on today's date.
  await env.deps.db.execute(
    sql`UPDATE survey_responses SET updated_at = ${at}::timestamptz WHERE survey_id = ${surveyId} AND email = ${email}`,
  );
}

async function entry(token: string, body: Record<string, unknown>) {
  const res = await api(env, 'POST', '/api/v1/metrics/entries', token, { note: 'Phone calls', ...body });
  expect(res.status, await res.clone().text()).toBe(201);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${uid()}@example.org`, 'admin');
  north = `north-${uid()}`;
  south = `south-${uid()}`;
  for (const [slug, timeZone] of [
    [north, 'America/Los_Angeles'],
    [south, 'America/Chicago'],
  ]) {
    expect((await api(env, 'POST', '/api/v1/chapters', admin, { slug, name: { en: slug }, city: 'City', timeZone })).status).toBe(201);
  }
  const northOrganizer = await apiToken(env, `org-${north}@example.org`, 'organizer', north);
  const southOrganizer = await apiToken(env, `org-${south}@example.org`, 'organizer', south);
  const ev = await api(env, 'POST', '/api/v1/events', northOrganizer, {
    title: { en: 'Career night' },
    chapter: north,
    startsAt: '2027-01-10T18:00',
    endsAt: '2027-01-10T20:00',
    timeZone: 'America/Los_Angeles',
    status: 'published',
  });
  expect(ev.status).toBe(201);
  const { slug: event } = (await ev.json()) as { slug: string };

  const followup = await survey(northOrganizer, {
    event,
    kind: 'followup',
    months: 3,
    questions: [{ id: 'placed', kind: 'yesno', label: { en: 'Did you start a public-sector job?', es: '¿Empezaste un empleo público?' } }],
  });
  // Six answered the placement question in the second quarter, four of them placed; one more in July.
  for (const [i, placed] of [true, true, false, true, true, false].entries())
    await answer(followup, `f${i}`, { placed }, '2026-05-15T12:00:00Z');
  await answer(followup, 'late', { placed: true }, '2026-07-02T12:00:00Z');

  const confidence = { id: 'confidence', kind: 'likert', label: { en: 'How confident are you?', es: '¿Qué tan seguro se siente?' } };
  const pre = await survey(northOrganizer, { event, kind: 'pre', questions: [confidence] });
  const post = await survey(northOrganizer, { event, kind: 'post', pairedWith: pre, questions: [confidence] });
  // Five people before and after: changes +1, +1, +2, 0, +1 (mean 1).
  for (const [i, [before, after]] of [
    [2, 3],
    [3, 4],
    [1, 3],
    [4, 4],
    [3, 4],
  ].entries()) {
    await answer(pre, `p${i}`, { confidence: before }, '2026-04-10T12:00:00Z');
    await answer(post, `p${i}`, { confidence: after }, '2026-06-20T12:00:00Z');
  }

  // The north's typed figure is set aside: its surveys measured placements in the quarter.
  await entry(northOrganizer, { chapter: north, metric: 'placements', from: '2026-04-01', to: '2026-06-30', value: 100, people: 100 });
  await entry(southOrganizer, { chapter: south, metric: 'placements', from: '2026-04-01', to: '2026-04-30', value: 7, people: 7 });
  await entry(southOrganizer, {
    chapter: south,
    metric: 'confidence_change',
    from: '2026-05-01',
    to: '2026-05-31',
    value: 0.5,
    people: 10,
  });
});
afterAll(() => env.close());

describe('placements and confidence change from surveys, else from entries', () => {
  it('a chapter whose surveys measured them counts the surveys, each figure saying so', async () => {
    const m = await read(`${Q2}&chapter=${north}`, admin);
    // Four people placed: exact for an admin, a dash for the public.
    expect(m.placements).toMatchObject({ value: 4, suppressed: false, publicSuppressed: true, source: 'surveys' });
    expect(m.confidence_change).toMatchObject({ value: 1, suppressed: false, source: 'surveys' });
    expect(m.confidence_change.publicSuppressed).toBeUndefined();
    const q3 = await read(`${Q3}&chapter=${north}`, admin);
    expect(q3.placements).toMatchObject({ value: 1, source: 'surveys' });
    expect(q3.confidence_change).toMatchObject({ value: null, source: 'none' });
  });

  it('a chapter without survey answers counts its organizers’ entries; the network adds both up', async () => {
    const m = await read(`${Q2}&chapter=${south}`, admin);
    expect(m.placements).toMatchObject({ value: 7, source: 'entries' });
    expect(m.confidence_change).toMatchObject({ value: 0.5, source: 'entries' });
    const net = await read(Q2, admin);
    expect(net.placements.byChapter).toEqual({
      [north]: { value: 4, suppressed: false, publicSuppressed: true },
      [south]: { value: 7, suppressed: false },
    });
    // The network's total hides publicly since a chapter's cell does.
    expect(net.placements).toMatchObject({ value: 11, publicSuppressed: true, source: 'mixed' });
    // (5 × 1 + 10 × 0.5) / 15 people.
    expect(net.confidence_change).toMatchObject({ value: 0.67, source: 'mixed' });
  });

  it('the dashboard says where each of these figures comes from, in both languages', async () => {
    const b = new Browser(env);
    await b.signInAs(`org2-${north}@example.org`, { role: 'organizer', scope: north });
    const en = visibleText(await (await b.get(`/organize/impact?preset=custom&${Q2}&chapter=${north}`)).text());
    expect(en).toContain('Source: follow-up and before/after surveys.');
    const es = visibleText(await (await b.get(`/es/organize/impact?preset=custom&${Q2}&chapter=${north}`)).text());
    expect(es).toContain('Fuente: encuestas de seguimiento y de antes y después.');
    const south2 = new Browser(env);
    await south2.signInAs(`org2-${south}@example.org`, { role: 'organizer', scope: south });
    const typed = visibleText(await (await south2.get(`/organize/impact?preset=custom&${Q2}&chapter=${south}`)).text());
    expect(typed).toContain('Source: figures entered by organizers (no survey answers).');
  });
});
