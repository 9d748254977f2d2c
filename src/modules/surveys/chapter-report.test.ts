import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { chapterReport } from './service/report';

let env: TestEnv;
let u: string;
let chapter: string;
let orgToken: string;
const org = () => new Browser(env);

const useful = (id: string) => ({ id, kind: 'likert', label: { en: 'How useful  was it?', es: '¿Qué tan útil fue?' } });
const confidence = { id: 'confidence', kind: 'likert', label: { en: 'How confident are you?', es: '¿Qué tan seguro se siente?' } };

async function survey(body: Record<string, unknown>): Promise<string> {
  const res = await api(env, 'POST', '/api/v1/surveys', orgToken, { title: { en: 'S', es: 'E' }, ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function answer(surveyId: string, who: string, answers: Record<string, unknown>) {
  const token = await apiToken(env, `${who}-${u}@example.org`);
  expect((await api(env, 'POST', `/api/v1/surveys/${surveyId}/responses`, token, { answers })).status).toBe(201);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  chapter = `ch-${u}`;
  await ensureChapter(env.deps.db, { slug: chapter, name: 'Chapter' });
  orgToken = await apiToken(env, `org-${u}@example.org`, 'organizer', chapter);
  const a = await survey({
    title: { en: 'After the fair', es: 'Después de la feria' },
    questions: [
      useful('u1'),
      { id: 'again', kind: 'yesno', label: { en: 'Would you come again?' } },
      { id: 'notes', kind: 'text', label: { en: 'Notes' } },
    ],
  });
  const b = await survey({ title: { en: 'After the workshop', es: 'Después del taller' }, questions: [useful('useful')] });
  const pre = await survey({ title: { en: 'Before', es: 'Antes' }, kind: 'pre', questions: [confidence] });
  const post = await survey({ title: { en: 'After', es: 'Después' }, kind: 'post', pairedWith: pre, questions: [confidence] });
  for (const [i, v] of [5, 5, 4, 4, 4, 3, 5].entries()) await answer(a, `a${i}`, { u1: v, again: i !== 0, notes: `secret note ${i}` });
  for (const [i, v] of [5, 4, 2].entries()) await answer(b, `b${i}`, { useful: v });
  // Six people before and after: changes +2, +1, 0, +1, -1, +2.
  for (const [i, [before, after]] of [
    [1, 3],
    [2, 3],
    [3, 3],
    [2, 3],
    [4, 3],
    [3, 5],
  ].entries()) {
    await answer(pre, `p${i}`, { confidence: before });
    await answer(post, `p${i}`, { confidence: after });
  }
  await answer(post, 'only-after', { confidence: 5 });
});
afterAll(() => env.close());

describe('survey totals per chapter', () => {
  it('counts every survey of the chapter together, hiding small counts, also those a total would give away', async () => {
    const r = await chapterReport(env.deps.db, chapter);
    expect(r.responses).toBe(7 + 3 + 6 + 7);
    const bySurvey = Object.fromEntries(r.surveys.map((s) => [s.title.en, s.responses]));
    expect(bySurvey['After the workshop']).toEqual({ value: null, suppressed: true });
    // One small cell beside a shown total: the next smallest hides too, so 3 cannot be recovered by subtraction.
    expect(bySurvey.Before).toEqual({ value: null, suppressed: true });
    expect(bySurvey['After the fair']).toBe(7);

    // The same words on two surveys (whatever their ids and spacing) are one question.
    const u1 = r.questions.find((q) => q.label.en?.startsWith('How useful'))!;
    expect(u1).toMatchObject({ surveys: 2, answered: 10, mean: 4.1 });
    const H = { value: null, suppressed: true };
    expect(u1.counts!.map((x) => x.count)).toEqual([0, H, H, H, H]);
    const again = r.questions.find((q) => q.label.en === 'Would you come again?')!;
    expect(again.counts!.map((x) => x.count)).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ]);
    expect(r.questions.some((q) => q.kind === 'text')).toBe(false);

    // Paired per person: only the six who answered both; mean change 5/6, 4 of 6 improved.
    expect(r.confidence).toEqual({ people: 6, meanChange: 0.83, shareImproved: 0.67 });
  });

  it('shows the totals as tables, charts and CSV to the chapter’s organizers only, in both languages', async () => {
    const b = org();
    await b.signInAs(`org-${u}@example.org`, { role: 'organizer', scope: chapter });
    const list = visibleText(await (await b.get('/organize/surveys')).text());
    expect(list).toContain(`Totals for every survey of ${chapter}`);
    const res = await b.get(`/organize/surveys/chapter/${chapter}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg class="pw-chart"');
    const text = visibleText(html);
    expect(text).toContain('Asked in 2 surveys. Average (1 to 5): 4.1');
    expect(text).toContain('67%');
    expect(text).toContain('fewer than 5');
    expect(text).not.toContain('secret note');
    const es = visibleText(await (await b.get(`/es/organize/surveys/chapter/${chapter}`)).text());
    expect(es).toContain(`Totales de encuestas: ${chapter}`);
    expect(es).toContain('Se preguntó en 2 encuestas.');
    const csv = await (await b.get(`/organize/surveys/chapter/${chapter}/results.csv`)).text();
    expect(csv).toContain('After the workshop,Answers,fewer than 5');
    expect(csv).toContain('Before and after (the same people),Average change,0.83');

    const other = org();
    const elsewhere = await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
    await other.signInAs(`other-${u}@example.org`, { role: 'organizer', scope: elsewhere.slug });
    expect((await other.get(`/organize/surveys/chapter/${chapter}`)).status).toBe(403);
    expect((await other.get(`/organize/surveys/chapter/${chapter}/results.csv`)).status).toBe(403);
  });
});
