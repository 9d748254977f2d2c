import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { interestForms, interestResponses, posts } from './schema';

// Organizers change interest forms and a convening's texts after the fact; forms attached to a
// convening, an initiative or a post invite the public to complete them there.

let env: TestEnv;
let organizer: Browser;
let token: string;
let memberToken: string;
let u: string;
const HARD = `Zoë "<b>x</b>" O'Brien-Ñúñez 김민준`;
const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
type ApiError = { error: { code: string; fields: Record<string, string> } };

beforeAll(async () => {
  env = await testEnv();
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
  token = await apiToken(env, `etok-${u}@example.org`, 'organizer', 'los-angeles');
  memberToken = await apiToken(env, `emember-${u}@example.org`);
  organizer = new Browser(env);
  await organizer.signInAs(`editor-${u}@example.org`, { name: 'Rosa Editor', role: 'organizer', scope: 'los-angeles' });
  expect((await api(env, 'POST', '/api/v1/topics', token, { key: `data-${u}`, name: 'Data', nameEs: 'Datos' })).status).toBe(201);
});
afterAll(() => env.close());

const formRow = async (slug: string) => (await env.deps.db.select().from(interestForms).where(eq(interestForms.slug, slug)))[0];

async function newConvening(chapter = 'los-angeles') {
  const res = await api(env, 'POST', '/api/v1/convenings', token, {
    title: { en: `Roundtable ${uid()}`, es: `Mesa ${uid()}` },
    startsAt: future(8),
    endsAt: future(8, 2),
    timeZone: 'America/Los_Angeles',
    format: 'in_person',
    status: 'published',
    chapter,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

async function newForm(extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', '/api/v1/forms', token, {
    title: `Interest ${uid()}`,
    titleEs: 'Interés',
    questions: [
      { kind: 'text', label: { en: 'Where do you work?', es: '¿Dónde trabajas?' } },
      { kind: 'choice', label: { en: 'Which day?', es: '¿Qué día?' }, options: [{ en: 'Monday' }, { en: 'Friday' }] },
    ],
    ...extra,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

describe('editing an interest form on its page', () => {
  it('keeps question ids, numbers new ones afresh, keeps answers of questions taken off, and refuses a stale copy', async () => {
    const slug = await newForm();
    const answered = await api(env, 'POST', `/api/v1/forms/${slug}/responses`, undefined, {
      name: 'Ana',
      email: `ana-${uid()}@example.org`,
      answers: { q1: 'City Hall', q2: 'Friday' },
    });
    expect(answered.status).toBe(201);

    const path = `/organize/directory/forms/${slug}/edit`;
    expect(await (await organizer.get('/organize/directory/forms')).text()).toContain(`href="${path}"`);
    expect(await (await organizer.get(`/organize/directory/forms/${slug}/responses`)).text()).toContain(`href="${path}"`);
    const shown = await organizer.get(`/es${path}`);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('value="¿Dónde trabajas?"');
    expect(html).toMatch(/name="questions\.0\.id" value="q1"/);
    expect(html).toMatch(/name="version" value="1"/);
    expect(html).toContain('Monday\nFriday');

    // The second question is emptied (taken off) and a new one typed in a blank row.
    const sent = {
      version: '1',
      title: HARD,
      titleEs: '',
      topics: `data-${u}`,
      'questions.0.id': 'q1',
      'questions.0.label': 'Where do you work now?',
      'questions.0.labelEs': '¿Dónde trabajas ahora?',
      'questions.0.kind': 'text',
      'questions.1.id': 'q2',
      'questions.1.label': '',
      'questions.1.kind': 'choice',
      'questions.3.label': 'Anything else?',
      'questions.3.kind': 'long_text',
      'questions.3.maxLength': '200',
    };
    const saved = await organizer.post(path, sent);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/organize/directory/forms/${slug}/responses?saved=1`);
    const form = await formRow(slug);
    expect(form.title).toBe(HARD);
    expect(form.titleEs).toBeNull();
    expect(form.topics).toEqual([`data-${u}`]);
    expect(form.version).toBe(2);
    expect(form.questions.map((q) => q.id)).toEqual(['q1', 'q3']);
    expect(form.questions[1]).toMatchObject({ kind: 'long_text', maxLength: 200 });
    expect(form.retiredQuestions.map((q) => q.id)).toEqual(['q2']);
    const [stored] = await env.deps.db.select().from(interestResponses).where(eq(interestResponses.formId, form.id));
    expect(stored.answers).toEqual({ q1: 'City Hall', q2: 'Friday' });
    // The answer to the question taken off is still shown, under its old label.
    const responses = visibleText(await (await organizer.get(`/organize/directory/forms/${slug}/responses`)).text());
    expect(responses).toContain('Which day? (taken off the form)');
    expect(responses).toContain('Friday');
    const csv = await (await organizer.get(`/es/organize/directory/forms/${slug}/responses.csv`)).text();
    expect(csv).toContain('¿Qué día? (quitada del formulario)');
    expect(csv).toContain('Friday');
    // A new answer may not use the question taken off.
    const late = await api(env, 'POST', `/api/v1/forms/${slug}/responses`, undefined, {
      name: 'Ben',
      email: `ben-${uid()}@example.org`,
      answers: { q2: 'Monday' },
    });
    expect(late.status).toBe(422);

    // Someone else's copy, read at version 1: refused with everything typed kept, nothing changed.
    const stale = await organizer.post(`/es${path}`, { ...sent, title: 'Stale title', 'questions.0.label': 'Stale question' });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(visibleText(staleHtml)).toContain('Otra persona guardó este formulario');
    expect(staleHtml).toContain('value="Stale title"');
    expect(staleHtml).toContain('value="Stale question"');
    // Saving from the re-shown form carries the version now stored.
    expect(staleHtml).toMatch(/name="version" value="2"/);
    expect((await formRow(slug)).title).toBe(HARD);

    // A problem is named beside its field, and nothing is saved.
    const bad = await organizer.post(path, { ...sent, version: '2', title: '', initiative: 'no-such-initiative' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="title"[^>]*aria-invalid="true"|title-error/);
    expect(badHtml).toContain('value="Where do you work now?"');
    const unknown = await organizer.post(path, { ...sent, version: '2', initiative: 'no-such-initiative' });
    expect(unknown.status).toBe(422);
    expect(visibleText(await unknown.text())).toContain('no-such-initiative');
    expect((await formRow(slug)).version).toBe(2);

    const member = new Browser(env);
    await member.signInAs(`emember2-${u}@example.org`);
    expect((await member.get(path)).status).toBe(403);
    expect((await member.post(path, sent)).status).toBe(403);
  });
});

describe('PATCH /api/v1/forms/{slug}', () => {
  it('changes only what is sent, keeps ids, refuses bad fields one by one, a stale version and members', async () => {
    const slug = await newForm();
    const conv = await newConvening();
    const res = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, { titleEs: 'Nuevo título', convening: conv });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ slug, version: 2 });
    let form = await formRow(slug);
    expect(form.title).toMatch(/^Interest /);
    expect(form.titleEs).toBe('Nuevo título');
    expect(form.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(form.eventId).not.toBeNull();

    const moved = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, {
      version: 2,
      questions: [
        { id: 'q2', kind: 'text', label: { en: 'Which day suits you?' } },
        { kind: 'yesno', label: { en: 'Coming?' } },
      ],
    });
    expect(moved.status).toBe(200);
    form = await formRow(slug);
    expect(form.questions.map((q) => q.id)).toEqual(['q2', 'q3']);
    expect(form.retiredQuestions.map((q) => q.id)).toEqual(['q1']);
    expect(form.eventId).not.toBeNull();

    const blank = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, { title: '' });
    expect(blank.status).toBe(422);
    expect(Object.keys(((await blank.json()) as ApiError).error.fields)).toEqual(['title']);
    const bad = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, {
      questions: [{ kind: 'choice', label: { en: 'One?' }, options: [{ en: 'Only' }] }],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as ApiError).error.fields)).toEqual(['questions.0.options']);
    const unknown = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, { convening: 'no-such-convening', topics: ['nope'] });
    expect(unknown.status).toBe(422);
    expect(Object.keys(((await unknown.json()) as ApiError).error.fields).sort()).toEqual(['convening', 'topics']);
    const stale = await api(env, 'PATCH', `/api/v1/forms/${slug}`, token, { version: 1, title: 'Late' });
    expect(stale.status).toBe(409);
    expect((await formRow(slug)).version).toBe(3);
    expect((await api(env, 'PATCH', `/api/v1/forms/${slug}`, memberToken, { title: 'Mine' })).status).toBe(403);
    expect((await api(env, 'PATCH', `/api/v1/forms/no-such-form-${u}`, token, { title: 'x' })).status).toBe(404);
    expect((await formRow(slug)).title).not.toBe('Mine');
  });
});

describe('editing a convening’s agenda, notes and outputs', () => {
  it('on the API: what is sent changes, the rest stays; other chapters and members are refused', async () => {
    const slug = await newConvening();
    const patched = await api(env, 'PATCH', `/api/v1/convenings/${slug}`, token, { agenda: '1. Welcome', notes: HARD });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ slug, agenda: '1. Welcome', notes: HARD, outputs: null });
    expect((await api(env, 'PATCH', `/api/v1/convenings/${slug}`, token, { outputs: 'A report' })).status).toBe(200);
    const got = (await (await api(env, 'GET', `/api/v1/convenings/${slug}`)).json()) as Record<string, unknown>;
    expect(got).toMatchObject({ agenda: '1. Welcome', notes: HARD, outputs: 'A report' });
    expect((await api(env, 'PATCH', `/api/v1/convenings/${slug}`, token, { notes: 'x'.repeat(20_001) })).status).toBe(422);
    const elsewhere = await apiToken(env, `eother-${u}@example.org`, 'organizer', `elsewhere-${u}`);
    expect((await api(env, 'PATCH', `/api/v1/convenings/${slug}`, elsewhere, { notes: 'theirs' })).status).toBe(403);
    expect((await api(env, 'PATCH', `/api/v1/convenings/${slug}`, memberToken, { notes: 'mine' })).status).toBe(403);
    expect((await api(env, 'PATCH', `/api/v1/convenings/no-such-${u}`, token, { notes: 'x' })).status).toBe(404);
  });

  it('on a page: prefilled, saved, linked from the organizer’s convening page and to the event’s own page', async () => {
    const slug = await newConvening();
    expect((await api(env, 'PATCH', `/api/v1/convenings/${slug}`, token, { agenda: 'Old agenda', notes: 'Old notes' })).status).toBe(200);
    const path = `/organize/directory/convenings/${slug}/edit`;
    expect(await (await organizer.get(`/organize/directory/convenings/${slug}`)).text()).toContain(`href="${path}"`);
    const shown = await organizer.get(`/es${path}`);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Old agenda');
    expect(html).toContain(`href="/es/events/${slug}/edit"`);
    expect(visibleText(html)).toContain('Agenda, notas y resultados');
    const saved = await organizer.post(path, { agenda: 'New agenda', notes: '', outputs: 'Report by Núñez' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/organize/directory/convenings/${slug}?done=texts`);
    const event = ((await (await api(env, 'GET', `/api/v1/convenings/${slug}`)).json()) as { agenda: string }).agenda;
    expect(event).toBe('New agenda');
    const public_ = visibleText(await (await new Browser(env).get(`/convenings/${slug}`)).text());
    expect(public_).toContain('New agenda');
    expect(public_).not.toContain('Old notes');
    expect(public_).toContain('Report by Núñez');

    const other = new Browser(env);
    await other.signInAs(`eother2-${u}@example.org`, { role: 'organizer', scope: `elsewhere-${u}` });
    expect((await other.get(path)).status).toBe(403);
    expect((await other.post(path, { agenda: 'theirs' })).status).toBe(403);
    const member = new Browser(env);
    await member.signInAs(`emember3-${u}@example.org`);
    expect((await member.post(path, { agenda: 'mine' })).status).toBe(403);
    expect(visibleText(await (await new Browser(env).get(`/convenings/${slug}`)).text())).toContain('New agenda');
  });
});

describe('calls to complete an attached form', () => {
  it('appear on the convening, initiative and post pages in English and Spanish, and nowhere else', async () => {
    const conv = await newConvening();
    const plain = await newConvening();
    const initiative = `init-${u}`;
    const otherInitiative = `init-other-${u}`;
    for (const s of [initiative, otherInitiative])
      expect(
        (await api(env, 'POST', '/api/v1/initiatives', token, { slug: s, name: `Initiative ${s}`, kind: 'training', status: 'active' }))
          .status,
      ).toBe(201);
    const forConvening = await newForm({ title: 'Future roundtables', titleEs: 'Próximas mesas', convening: conv });
    const forInitiative = await newForm({ title: 'Join the work', titleEs: 'Súmate al trabajo', initiative });

    const unknown = await api(env, 'POST', '/api/v1/posts', token, {
      title: 'Recap',
      body: 'What we heard',
      status: 'published',
      forms: ['no-such-form'],
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ApiError).error.fields.forms).toContain('no-such-form');
    const post = await api(env, 'POST', '/api/v1/posts', token, {
      title: `Recap ${u}`,
      body: 'What we heard',
      status: 'published',
      forms: [forConvening, forInitiative],
    });
    expect(post.status).toBe(201);
    const postSlug = ((await post.json()) as { slug: string }).slug;
    const plainPost = await api(env, 'POST', '/api/v1/posts', token, { title: `Plain ${u}`, body: 'Nothing to fill', status: 'published' });
    const plainSlug = ((await plainPost.json()) as { slug: string }).slug;

    const visitor = new Browser(env);
    const look = async (path: string) => {
      const res = await visitor.get(path);
      expect(res.status).toBe(200);
      return res.text();
    };
    const conveningEn = await look(`/convenings/${conv}`);
    expect(visibleText(conveningEn)).toContain('Interested in future events like this one?');
    expect(conveningEn).toContain(`href="/forms/${forConvening}"`);
    expect(visibleText(conveningEn)).toContain('Complete the form: Future roundtables');
    expect(conveningEn).not.toContain(`/forms/${forInitiative}"`);
    const conveningEs = await look(`/es/convenings/${conv}`);
    expect(visibleText(conveningEs)).toContain('¿Te interesan futuros eventos como este?');
    expect(conveningEs).toContain(`href="/es/forms/${forConvening}"`);
    expect(visibleText(conveningEs)).toContain('Completa el formulario: Próximas mesas');

    const initiativeEn = await look(`/initiatives/${initiative}`);
    expect(initiativeEn).toContain(`href="/forms/${forInitiative}"`);
    expect(visibleText(initiativeEn)).toContain('Interested in this work?');
    const initiativeEs = await look(`/es/initiatives/${initiative}`);
    expect(visibleText(initiativeEs)).toContain('Completa el formulario: Súmate al trabajo');

    const postEn = visibleText(await look(`/posts/${postSlug}`));
    expect(postEn).toContain('completing one of these forms');
    expect(postEn).toContain('Complete the form: Future roundtables');
    expect(postEn).toContain('Complete the form: Join the work');
    const postEs = await look(`/es/posts/${postSlug}`);
    expect(postEs).toContain(`href="/es/forms/${forInitiative}"`);
    expect(visibleText(postEs)).toContain('uno de estos formularios');
    const [row] = await env.deps.db.select().from(posts).where(eq(posts.slug, postSlug));
    expect(row.formIds).toHaveLength(2);

    for (const path of [`/convenings/${plain}`, `/initiatives/${otherInitiative}`, `/posts/${plainSlug}`, `/es/posts/${plainSlug}`]) {
      const html = await look(path);
      expect(html).not.toContain('id="interest-forms"');
      expect(html).not.toContain('href="/forms/');
    }

    // The post page's own field: an unknown form is named beside it, what was typed kept.
    const page = await organizer.post('/organize/directory/posts/new', {
      title: 'Kept title',
      body: 'Kept body',
      status: 'draft',
      forms: `${forConvening}\nno-such-form`,
    });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toMatch(/id="forms"[^>]*aria-invalid="true"|forms-error/);
    expect(visibleText(html)).toContain('no-such-form');
    expect(html).toContain('Kept body');
    const ok = await organizer.post('/organize/directory/posts/new', {
      title: `Paged ${u}`,
      body: 'b',
      status: 'published',
      forms: forConvening,
    });
    expect(ok.status).toBe(303);
    const [paged] = await env.deps.db
      .select()
      .from(posts)
      .where(eq(posts.title, `Paged ${u}`));
    expect(paged.formIds).toHaveLength(1);
  });
});
