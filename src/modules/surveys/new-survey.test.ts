import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { surveys } from './schema';
import { readQuestions } from './pages/new';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
});
afterAll(() => env.close());

const outline = [
  'likert: How useful was it? | ¿Qué tan útil fue?',
  'choice: Which track? | ¿Qué línea?',
  '* Data | Datos',
  '* Design | Diseño',
  'yesno required [again]: Would you come again? | ¿Volverías?',
  'text: Anything else?',
].join('\n');

describe('the organizers’ new-survey form', () => {
  it('reads the question outline, and names the first line it cannot read', () => {
    const { questions, bad } = readQuestions(outline);
    expect(bad).toEqual([]);
    expect(questions.map((q) => [q.id, q.kind, q.label.es])).toEqual([
      ['q1', 'likert', '¿Qué tan útil fue?'],
      ['q2', 'choice', '¿Qué línea?'],
      ['again', 'yesno', '¿Volverías?'],
      ['q4', 'text', null],
    ]);
    expect(questions[1].options).toEqual([
      { en: 'Data', es: 'Datos' },
      { en: 'Design', es: 'Diseño' },
    ]);
    expect(readQuestions('likert: A\nnot a question\n* stray').bad).toEqual([2, 3]);
    // Required questions and named ones (a before and an after survey are compared by name).
    const named = readQuestions(
      'likert required [confidence]: How confident? | ¿Qué tan seguro?\nyesno obligatoria: Again? | ¿Otra vez?\ntext: Notes',
    );
    expect(named.questions.map((q) => [q.id, q.kind, q.required ?? false])).toEqual([
      ['confidence', 'likert', true],
      ['q2', 'yesno', true],
      ['q3', 'text', false],
    ]);
    expect(readQuestions('likert [bad name!]: A').bad).toEqual([1]);
  });

  it('creates a survey without JavaScript, with errors beside their fields in Spanish, and is for organizers only', async () => {
    const org = new Browser(env);
    await org.signInAs(`o-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    expect(visibleText(await (await org.get('/es/organize/surveys')).text())).toContain('Escribir una encuesta nueva');
    const form = visibleText(await (await org.get('/es/organize/surveys/new')).text());
    expect(form).toContain('Nueva encuesta');

    const badLine = await org.post('/es/organize/surveys/new', { titleEn: 'Night', kind: 'postEvent', questions: 'likert: A\noops' });
    expect(badLine.status).toBe(422);
    expect(visibleText(await badLine.text())).toContain('La línea 2 no es una pregunta');
    const oneOption = await org.post('/es/organize/surveys/new', {
      titleEn: 'Night',
      kind: 'postEvent',
      questions: 'choice: Pick\n* Only',
    });
    expect(oneOption.status).toBe(422);
    expect(visibleText(await oneOption.text())).toContain('Una pregunta');
    const unpaired = await org.post('/es/organize/surveys/new', { titleEn: 'After', kind: 'post', questions: 'likert: A' });
    expect(unpaired.status).toBe(422);
    const noEvent = await org.post('/es/organize/surveys/new', {
      titleEn: 'Later',
      kind: 'postEvent',
      event: 'no-such-event',
      questions: 'likert: A',
    });
    expect(noEvent.status).toBe(422);
    expect(visibleText(await noEvent.text())).toContain('Ningún evento tiene esta dirección web');
    const before = await env.deps.db.select().from(surveys);

    const ok = await org.post('/es/organize/surveys/new', {
      titleEn: 'Data night',
      titleEs: 'Noche de datos',
      kind: 'postEvent',
      questions: outline,
    });
    expect(ok.status).toBe(303);
    const id = ok.headers.get('location')!.split('/').pop()!;
    const [s] = await env.deps.db.select().from(surveys).where(eq(surveys.id, id));
    expect(s.title).toEqual({ en: 'Data night', es: 'Noche de datos' });
    expect(s.questions.find((q) => q.kind === 'yesno')).toMatchObject({ id: 'again', required: true });
    expect(s.questions).toHaveLength(4);
    expect((await env.deps.db.select().from(surveys)).length).toBe(before.length + 1);
    expect((await org.get(ok.headers.get('location')!)).status).toBe(200);

    const someone = new Browser(env);
    await someone.signInAs(`p-${uid()}@example.org`);
    expect((await someone.get('/organize/surveys/new')).status).toBe(403);
    expect((await someone.post('/organize/surveys/new', { titleEn: 'X', questions: 'likert: A' })).status).toBe(403);
  });
});
