import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter, erasePerson, exportPersonData, findPersonByEmail } from '../people';
import { createEvent, createRsvp, eventInput, type EventRow } from '../events';
import { like } from 'drizzle-orm';
import { createSurveysModule, eventSurveyLinks } from '.';
import { queueDueFollowups } from './service/followups';

let env: TestEnv;
let u: string;
let e: EventRow;
let orgToken: string;
let otherToken: string;

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const DAY = 86_400_000;

const QUESTIONS = [
  {
    id: 'confidence',
    kind: 'likert',
    label: { en: 'How confident are you applying for public-sector tech jobs?', es: '¿Qué tan seguro se siente?' },
  },
  {
    id: 'track',
    kind: 'choice',
    label: { en: 'Which track?', es: '¿Qué área?' },
    options: [
      { en: 'Data', es: 'Datos' },
      { en: 'Design', es: 'Diseño' },
      { en: 'Engineering', es: 'Ingeniería' },
    ],
  },
  { id: 'again', kind: 'yesno', label: { en: 'Would you come again?', es: '¿Volvería?' }, required: true },
  { id: 'notes', kind: 'text', label: { en: 'Anything else?', es: '¿Algo más?' } },
];

async function personToken(name: string): Promise<string> {
  return apiToken(env, `${name}-${u}@example.org`);
}

async function answer(surveyId: string, name: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', `/api/v1/surveys/${surveyId}/responses`, await personToken(name), { answers, ...extra });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const other = await ensureChapter(env.deps.db, { slug: `far-${u}`, name: 'Far away' });
  e = await createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: `Symposium ${u}`, es: `Simposio ${u}` },
      chapter: 'los-angeles',
      startsAt: future(1),
      endsAt: future(1, 6),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
    null,
  );
  // Surveys follow an event that has happened: move it three days into the past (test setup only).
  await env.deps.db.execute(
    sql`UPDATE events SET starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '6 hours' WHERE id = ${e.id}`,
  );
  orgToken = await apiToken(env, `sorg-${u}@example.org`, 'organizer', 'los-angeles');
  otherToken = await apiToken(env, `sother-${u}@example.org`, 'organizer', other.slug);
});
afterAll(() => env.close());

describe('sent by email to the event’s people', () => {
  it('reaches each checked-in person once, in the language of their RSVP, however often the button is pressed', async () => {
    const ev = await createEvent(
      env.deps.db,
      eventInput.parse({
        title: { en: `Data talk ${u}`, es: `Charla de datos ${u}` },
        chapter: 'los-angeles',
        startsAt: future(1),
        endsAt: future(1, 2),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      }),
      null,
    );
    const guests = [
      { name: 'Ana Núñez', email: `send-a-${u}@example.org`, language: 'es' as const },
      { name: "Sean O'Brien", email: `send-b-${u}@example.org`, language: 'en' as const },
      { name: '김민준', email: `send-c-${u}@example.org`, language: 'en' as const },
    ];
    for (const [i, g] of guests.entries()) {
      const { rsvp } = await createRsvp(env.deps.db, ev, { ...g, answers: {}, accessibilityNeeds: null }, { sendEmail: false });
      if (i < 2)
        expect((await api(env, 'POST', `/api/v1/events/${ev.slug}/checkins`, orgToken, { rsvpId: rsvp.id })).status).toBeLessThan(300);
    }
    const made = await api(env, 'POST', '/api/v1/surveys', orgToken, {
      title: { en: 'How was it?', es: '¿Qué le pareció?' },
      event: ev.slug,
      questions: [QUESTIONS[0]],
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const sent = await api(env, 'POST', `/api/v1/surveys/${id}/send`, orgToken);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ people: 2 });
    // Pressed again from the page: nobody is emailed twice.
    const org = new Browser(env);
    await org.signInAs(`sorg-${u}@example.org`);
    const again = await org.post(`/es/organize/surveys/${id}/send`, {});
    expect(again.status).toBe(303);
    expect(visibleText(await (await org.get(again.headers.get('location')!)).text())).toContain('En cola para 2 personas');
    await drainTasks(env.deps, createSurveysModule().tasks!);
    const mails = await env.deps.db
      .select()
      .from(outbox)
      .where(like(outbox.to, `send-%-${u}@example.org`));
    expect(mails.map((m) => m.to).sort()).toEqual([guests[0].email, guests[1].email]);
    const spanish = mails.find((m) => m.to === guests[0].email)!;
    expect(spanish.subject).toBe('Cuéntenos qué le pareció: ¿Qué le pareció?');
    expect(spanish.text).toContain(`Charla de datos ${u}`);
    const link = /(\/es\/surveys\/[^\s]+\?invite=[^\s]+)/.exec(spanish.text)![1];
    expect((await env.app.request(link, { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await api(env, 'POST', `/api/v1/surveys/${id}/send`, otherToken)).status).toBe(403);
  });
});

describe('linked from the event page', () => {
  it('a before survey until the event starts, the after-event ones from then on, in the reader’s language', async () => {
    const upcoming = await createEvent(
      env.deps.db,
      eventInput.parse({
        title: { en: `Workshop ${u}`, es: null },
        chapter: 'los-angeles',
        startsAt: future(2),
        endsAt: future(2, 2),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      }),
      null,
    );
    const make = async (kind: string, title: { en: string; es: string }, pairedWith?: string) => {
      const res = await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title,
        kind,
        event: upcoming.slug,
        questions: [QUESTIONS[0]],
        pairedWith,
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const pre = await make('pre', { en: 'Before the workshop', es: 'Antes del taller' });
    const post = await make('post', { en: 'After the workshop', es: 'Después del taller' }, pre);
    const page = visibleText(await (await env.app.request(`/es/events/${upcoming.slug}`, { headers: { accept: 'text/html' } })).text());
    expect(page).toContain('Danos tu opinión');
    expect(page).toContain('Antes del taller');
    expect(page).not.toContain('Después del taller');
    const later = await eventSurveyLinks(
      env.deps.db,
      { eventId: upcoming.id, startsAt: upcoming.startsAt, locale: 'en' },
      new Date(Date.now() + 3 * 86_400_000),
    );
    expect(later).toEqual([{ label: 'After the workshop', url: `/surveys/${post}` }]);
    expect((await env.app.request(`/surveys/${post}`, { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});

describe('surveys', () => {
  it('refuses bad surveys with messages naming the field, saving nothing', async () => {
    const before = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM surveys`);
    const bad = await api(env, 'POST', '/api/v1/surveys', orgToken, {
      title: { en: 'Bad' },
      kind: 'post',
      questions: [QUESTIONS[0], QUESTIONS[0], { id: 'one', kind: 'choice', label: { en: 'Pick' }, options: [{ en: 'Only' }] }],
    });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(fields['questions.1.id']).toMatch(/“confidence”/);
    expect(fields['questions.2.options']).toMatch(/at least 2 options/);
    expect(fields.pairedWith).toMatch(/“before” survey/);
    const months = await api(env, 'POST', '/api/v1/surveys', orgToken, {
      title: { es: 'Seguimiento' },
      kind: 'followup',
      event: e.slug,
      months: 4,
      questions: [QUESTIONS[2]],
    });
    expect(((await months.json()) as { error: { fields: Record<string, string> } }).error.fields.months).toMatch(/3, 6 or 12/);
    const after = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM surveys`);
    expect(after[0].n).toBe(before[0].n);
    expect(
      (await api(env, 'POST', '/api/v1/surveys', otherToken, { title: { en: 'X' }, event: e.slug, questions: [QUESTIONS[2]] })).status,
    ).toBe(403);
  });

  it('counts answers with small counts hidden, including one a total would give away, and shows texts to organizers', async () => {
    const made = await api(env, 'POST', '/api/v1/surveys', orgToken, {
      title: { en: 'After the symposium', es: 'Después del simposio' },
      event: e.slug,
      questions: QUESTIONS,
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    // 12 people: track Data ×3, Design ×5, Engineering ×4 … so Data (3) and, by subtraction, the next smallest go.
    const tracks = [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2];
    for (const [i, track] of tracks.entries())
      await answer(id, `p${i}`, {
        confidence: (i % 5) + 1,
        track,
        again: i !== 0,
        notes: i === 1 ? 'Loved the “small tables”, =SUM(A1)' : '',
      });
    // Answering again replaces the earlier answers.
    await answer(id, 'p11', { confidence: 5, track: 2, again: true });
    const res = await api(env, 'GET', `/api/v1/surveys/${id}/results`, orgToken);
    expect(res.status).toBe(200);
    const r = (await res.json()) as {
      responses: number;
      questions: { id: string; counts?: { option: string; count: unknown }[]; mean?: unknown; texts?: string[] }[];
    };
    expect(r.responses).toBe(12);
    const track = r.questions.find((q) => q.id === 'track')!;
    expect(track.counts).toEqual([
      { option: 'Data', count: { value: null, suppressed: true } },
      { option: 'Design', count: 5 },
      { option: 'Engineering', count: { value: null, suppressed: true } },
    ]);
    const again = r.questions.find((q) => q.id === 'again')!;
    // 11 yes, 1 no: hiding only the 1 would let 12 − 11 give it away, so both are hidden.
    expect(again.counts).toEqual([
      { option: 'yes', count: { value: null, suppressed: true } },
      { option: 'no', count: { value: null, suppressed: true } },
    ]);
    expect(typeof r.questions.find((q) => q.id === 'confidence')!.mean).toBe('number');
    expect(r.questions.find((q) => q.id === 'notes')!.texts).toEqual(['Loved the “small tables”, =SUM(A1)']);
    expect((await api(env, 'GET', `/api/v1/surveys/${id}/results`, otherToken)).status).toBe(403);
    // The organizer's page and CSV show the same suppression, in words.
    const org = new Browser(env);
    await org.signInAs(`sorg-${u}@example.org`);
    const view = visibleText(await (await org.get(`/es/organize/surveys/${id}`)).text());
    expect(view).toContain('Diseño');
    expect(view).toContain('menos de 5');
    const csv = await (await org.get(`/organize/surveys/${id}/results.csv`)).text();
    expect(csv).toContain('Design,5');
    expect(csv).toContain('Data,fewer than 5');
    const outsider = new Browser(env);
    await outsider.signInAs(`sother-${u}@example.org`);
    expect((await outsider.get(`/organize/surveys/${id}`)).status).toBe(403);
    const wrong = await api(env, 'POST', `/api/v1/surveys/${id}/responses`, await personToken('p3'), {
      answers: { confidence: 9, nope: 1 },
    });
    expect(wrong.status).toBe(422);
    const fields = ((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(fields).toEqual({
      'answers.confidence': 'Choose a number from 1 to 5.',
      'answers.nope': 'This survey has no question “nope”.',
      'answers.again': 'Please answer this question.',
    });
  });

  it('pairs before and after per person: mean change and share improved, hidden under 5 pairs', async () => {
    const pre = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title: { en: 'Before' },
        kind: 'pre',
        event: e.slug,
        questions: [QUESTIONS[0]],
      })
    ).json()) as { id: string };
    const post = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title: { en: 'After' },
        kind: 'post',
        pairedWith: pre.id,
        event: e.slug,
        questions: [QUESTIONS[0]],
      })
    ).json()) as { id: string };
    const before = [2, 3, 1, 4, 2, 3];
    const afterward = [4, 3, 3, 5, 1, 5];
    for (let i = 0; i < 4; i++) {
      await answer(pre.id, `pair${i}`, { confidence: before[i] });
      await answer(post.id, `pair${i}`, { confidence: afterward[i] });
    }
    await answer(post.id, 'onlyAfter', { confidence: 5 });
    const few = (await (await api(env, 'GET', `/api/v1/surveys/${post.id}/results`, orgToken)).json()) as {
      paired: { people: unknown; questions: { meanChange: unknown }[] };
    };
    expect(few.paired.people).toEqual({ value: null, suppressed: true });
    expect(few.paired.questions[0].meanChange).toEqual({ value: null, suppressed: true });
    for (let i = 4; i < 6; i++) {
      await answer(pre.id, `pair${i}`, { confidence: before[i] });
      await answer(post.id, `pair${i}`, { confidence: afterward[i] });
    }
    const six = (await (await api(env, 'GET', `/api/v1/surveys/${post.id}/results`, orgToken)).json()) as {
      paired: { people: number; questions: { id: string; meanChange: number; shareImproved: number }[] };
    };
    // Changes: +2, 0, +2, +1, −1, +2 → mean 1, improved 4 of 6.
    expect(six.paired).toEqual({ people: 6, questions: [{ id: 'confidence', meanChange: 1, shareImproved: 0.67 }] });
  });

  it('queues placement follow-ups once for people who agreed, sends each once in their language with one reminder, and stops on request', async () => {
    const after = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title: { en: 'How was it?', es: '¿Qué tal?' },
        event: e.slug,
        questions: [QUESTIONS[2]],
      })
    ).json()) as { id: string };
    // Through the page, in Spanish, without JavaScript: an error keeps what was typed.
    const b = new Browser(env);
    const es = `sofia-${u}@example.org`;
    const missing = await b.post(`/es/surveys/${after.id}`, { email: es, followupConsent: '1' });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(visibleText(html)).toContain('Responda esta pregunta');
    expect(html).toContain(es);
    expect((await b.post(`/es/surveys/${after.id}`, { email: es, q_again: 'yes', followupConsent: '1' })).status).toBe(303);
    await answer(after.id, 'noConsent', { again: true });
    await answer(after.id, 'agrees', { again: false }, { followupConsent: true });

    const fu = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title: { en: 'Three months on', es: 'Tres meses después' },
        kind: 'followup',
        months: 3,
        event: e.slug,
        questions: [
          {
            id: 'working',
            kind: 'yesno',
            label: { en: 'Working in public-interest tech?', es: '¿Trabaja en tecnología de interés público?' },
          },
        ],
      })
    ).json()) as { id: string };
    const queued = await rows<{ email: string }>(
      env.deps.db,
      sql`SELECT email FROM survey_followups WHERE survey_id = ${fu.id} ORDER BY email`,
    );
    expect(queued.map((q) => q.email).sort()).toEqual([`agrees-${u}@example.org`, es].sort());

    expect(await queueDueFollowups(env.deps, new Date(Date.now() + 30 * DAY))).toBe(0); // not due yet
    const due = new Date(Date.now() + 100 * DAY);
    expect(await queueDueFollowups(env.deps, due)).toBeGreaterThanOrEqual(2);
    expect(await queueDueFollowups(env.deps, due)).toBe(0); // sent once
    await drainTasks(env.deps, createSurveysModule().tasks!);
    const [mail] = await env.deps.db.select().from(outbox).where(eq(outbox.to, es)).orderBy(desc(outbox.createdAt));
    expect(mail.subject).toBe('Tres meses después: una pregunta breve');
    const link = /\/es\/surveys\/[0-9a-f-]{36}\?invite=[^\s]+/.exec(mail.text ?? '')![0];
    const stop = /\/es\/surveys\/stop\/[^\s]+/.exec(mail.text ?? '')![0];

    // The invited person answers through the link (no email asked); the other gets one reminder 14 days on.
    const page = await b.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('id="email"'); // the invite says who is answering
    expect(
      (await b.post(`/es/surveys/${fu.id}`, { invite: new URL(link, 'http://x').searchParams.get('invite')!, q_working: 'no' })).status,
    ).toBe(303);
    const later = new Date(due.getTime() + 15 * DAY);
    expect(await queueDueFollowups(env.deps, later)).toBe(1);
    expect(await queueDueFollowups(env.deps, new Date(later.getTime() + 30 * DAY))).toBe(0);
    await drainTasks(env.deps, createSurveysModule().tasks!);
    const reminders = await env.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.to, `agrees-${u}@example.org`));
    expect(reminders.map((m) => m.subject)).toEqual(['Three months on: a short question', 'Reminder: Three months on']);

    expect((await b.get(stop)).status).toBe(200);
    expect((await b.post(stop, {})).status).toBe(303);
    const stopped = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM survey_followups WHERE email = ${es} AND stopped_at IS NOT NULL`,
    );
    expect(stopped[0].n).toBe(1);

    // A follow-up written after the stop (the 6-month one) is not queued for that address; others still get it.
    const six = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, {
        title: { en: 'Six months on', es: 'Seis meses después' },
        kind: 'followup',
        months: 6,
        event: e.slug,
        questions: [{ id: 'working', kind: 'yesno', label: { en: 'Working in public-interest tech?' } }],
      })
    ).json()) as { id: string };
    const sixQueued = await rows<{ email: string }>(env.deps.db, sql`SELECT email FROM survey_followups WHERE survey_id = ${six.id}`);
    expect(sixQueued.map((q) => q.email)).toEqual([`agrees-${u}@example.org`]);
    // Answering the event's survey again with the box ticked does not undo the stop either.
    expect((await b.post(`/es/surveys/${after.id}`, { email: es, q_again: 'yes', followupConsent: '1' })).status).toBe(303);
    const again = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM survey_followups WHERE email = ${es} AND stopped_at IS NULL`,
    );
    expect(again[0].n).toBe(0);
  });

  it('lets people see and delete their answers, and includes them in the data export and erasure', async () => {
    const s = (await (
      await api(env, 'POST', '/api/v1/surveys', orgToken, { title: { en: 'Mine' }, questions: [QUESTIONS[3]] })
    ).json()) as { id: string };
    const email = `mine-${u}@example.org`;
    const b = new Browser(env);
    await b.signInAs(email);
    expect((await b.post(`/surveys/${s.id}`, { q_notes: 'My own words' })).status).toBe(303);
    const person = (await findPersonByEmail(env.deps.db, email))!;
    const exported = JSON.stringify(await exportPersonData(env.deps.db, person.id));
    expect(exported).toContain('My own words');
    const mine = await b.get('/surveys/mine');
    expect(visibleText(await mine.text())).toContain('My own words');
    const id = /\/surveys\/mine\/([0-9a-f-]{36})\/delete/.exec(await (await b.get('/surveys/mine')).text())![1];
    expect((await b.post(`/surveys/mine/${id}/delete`, {})).status).toBe(303);
    expect(visibleText(await (await b.get('/surveys/mine')).text())).not.toContain('My own words');
    await b.post(`/surveys/${s.id}`, { q_notes: 'Again' });
    await erasePerson(env.deps.db, person.id);
    const left = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM survey_responses WHERE email = ${email}`);
    expect(left[0].n).toBe(0);
  });
});
