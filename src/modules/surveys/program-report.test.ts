import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createProgram, programInput } from '../programs';

let env: TestEnv;
let u: string;
let slug: string;
let orgToken: string;
let otherToken: string;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const useful = { id: 'useful', kind: 'likert', label: { en: 'How useful was the program?', es: '¿Qué tan útil fue el programa?' } };

async function answer(surveyId: string, who: string, value: number) {
  const token = await apiToken(env, `${who}-${u}@example.org`);
  expect((await api(env, 'POST', `/api/v1/surveys/${surveyId}/responses`, token, { answers: { useful: value } })).status).toBe(201);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  const chapter = `ch-${u}`;
  await ensureChapter(env.deps.db, { slug: chapter, name: 'Chapter' });
  const elsewhere = `else-${u}`;
  await ensureChapter(env.deps.db, { slug: elsewhere, name: 'Elsewhere' });
  orgToken = await apiToken(env, `org-${u}@example.org`, 'organizer', chapter);
  otherToken = await apiToken(env, `other-${u}@example.org`, 'organizer', elsewhere);
  const p = await createProgram(
    env.deps.db,
    programInput.parse({
      title: { en: `Data Sprint ${u}`, es: `Sprint de datos ${u}` },
      chapter,
      timeZone: 'America/New_York',
      startsAt: day(30),
      endsAt: day(90),
      applicationDeadline: day(20),
    }),
    null,
  );
  slug = p.slug;
});
afterAll(async () => {
  await env.close();
});

async function survey(token: string, body: Record<string, unknown>): Promise<Response> {
  return api(env, 'POST', '/api/v1/surveys', token, { title: { en: 'S', es: 'E' }, questions: [useful], ...body });
}

describe('survey totals per program', () => {
  it('counts only the surveys linked to the program, small counts hidden, for that program’s organizers', async () => {
    const linked = await survey(orgToken, { title: { en: 'Sprint week 1', es: 'Semana 1' }, program: slug });
    expect(linked.status).toBe(201);
    const a = ((await linked.json()) as { id: string }).id;
    const b = ((await (await survey(orgToken, { title: { en: 'Sprint week 2', es: 'Semana 2' }, program: slug })).json()) as { id: string })
      .id;
    const outside = ((await (await survey(orgToken, { title: { en: 'Not in the program', es: 'Fuera' } })).json()) as { id: string }).id;
    for (const [i, v] of [5, 4, 4, 3, 5, 5].entries()) await answer(a, `a${i}`, v);
    for (const [i, v] of [2, 3].entries()) await answer(b, `b${i}`, v);
    for (const [i, v] of [1, 1, 1, 1, 1].entries()) await answer(outside, `o${i}`, v);

    const org = new Browser(env);
    await org.signInAs(`org-${u}@example.org`, { role: 'organizer', scope: `ch-${u}` });
    const list = visibleText(await (await org.get('/organize/surveys')).text());
    expect(list).toContain(`Totals for every survey of Data Sprint ${u}`);
    const html = await (await org.get(`/es/organize/surveys/program/${slug}`)).text();
    const text = visibleText(html);
    expect(text).toContain(`Totales de encuestas: Sprint de datos ${u}`);
    expect(text).toContain('Semana 1');
    expect(text).toContain('Semana 2');
    expect(text).not.toContain('Fuera');
    // 6 + 2 answers: week 2's two are hidden, and so is week 1's six (the total would give them away).
    expect(text).not.toMatch(/Semana 2\s+\S+\s+2\b/);
    const csv = await (await org.get(`/organize/surveys/program/${slug}/results.csv`)).text();
    expect(csv).toContain('Sprint week 1');
    expect(csv).toContain('fewer than 5');
    expect(csv).not.toContain('Not in the program');
    // Five 1s from the survey outside the program never reach its counts.
    expect(csv).not.toMatch(/How useful was the program\?,1,5/);

    const other = new Browser(env);
    await other.signInAs(`other-${u}@example.org`, { role: 'organizer', scope: `else-${u}` });
    expect((await other.get(`/organize/surveys/program/${slug}`)).status).toBe(403);
    expect((await org.get(`/organize/surveys/program/no-such-${u}`)).status).toBe(404);
  });

  it('refuses an unknown program beside its field, and another chapter’s program', async () => {
    const res = await survey(orgToken, { program: `no-such-${u}` });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.program).toContain('There is no program');
    expect((await survey(otherToken, { program: slug })).status).toBe(403);
  });
});
