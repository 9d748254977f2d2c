import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { api, apiToken, Browser, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { signLink } from '../../platform/auth/tokens';
import { outbox } from '../../platform/mail/schema';
import { ensurePerson, exportPersonData, erasePerson } from '../people';
import { admitToEvent, findRsvpFor, rsvps } from '../events';
import { utcToZoned } from '../../platform/time';
import { conferencesModule, getConference } from '.';
import { applications, conferenceSessions, proposals, topicVoters } from './schema';
import { conferenceFixture, future, iso, json } from './testing/api';

const fx = conferenceFixture((acronym) => ({
  title: `Tech for the Public ${acronym}`,
  kind: 'symposium',
  startsAt: iso(future(40)),
  endsAt: iso(future(41)),
}));
const newConference = (over: Record<string, unknown> = {}) =>
  fx.newConference<{ votesPerMember: number; requiresApplication: boolean; cfpClosesAt: string | null }>(over);
let env: TestEnv;
let org: string;
beforeAll(() => void ({ env, org } = fx));

const proposal = (over: Record<string, unknown> = {}) => ({
  title: 'Open budgets in plain words',
  abstract: 'How a county published its budget so residents could read it.',
  type: 'talk',
  language: 'en',
  level: 'beginner',
  speaker: { name: 'Nguyễn Thị Minh', email: `sp-${uid()}@example.org`, language: 'es', accessNeeds: 'Step-free stage' },
  answers: { firstTime: 'yes' },
  ...over,
});

async function mailsTo(email: string) {
  await drainTasks(env.deps, conferencesModule.tasks!);
  return env.deps.db.select().from(outbox).where(eq(outbox.to, email));
}

describe('conference settings', () => {
  it('takes requiresApplication, the call window and votesPerMember (default 3), on POST and PATCH', async () => {
    const c = await newConference();
    expect(c.votesPerMember).toBe(3);
    expect(c.requiresApplication).toBe(false);
    const r = await api(env, 'PATCH', `/api/v1/conferences/${c.slug}`, org, {
      requiresApplication: true,
      cfpOpensAt: iso(future(-1)),
      cfpClosesAt: iso(future(5)),
      votesPerMember: 5,
    });
    const body = await json(r);
    expect(r.status).toBe(200);
    expect([body.requiresApplication, body.votesPerMember, body.cfpClosesAt !== null]).toEqual([true, 5, true]);
    const bad = await api(env, 'PATCH', `/api/v1/conferences/${c.slug}`, org, { cfpClosesAt: iso(future(-2)), votesPerMember: 0 });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.fields).toMatchObject({ votesPerMember: expect.stringMatching(/1 to 100/) });
    expect((await getConference(env.deps.db, c.slug)).conference.votesPerMember).toBe(5);
  });
});

describe('call for proposals and blind reviews', () => {
  it('takes proposals only inside the window; bad level or score is refused with nothing saved', async () => {
    const closed = await newConference({ cfpOpensAt: iso(future(2)), cfpClosesAt: iso(future(9)) });
    const r = await api(env, 'POST', `/api/v1/conferences/${closed.slug}/proposals`, undefined, proposal());
    expect(r.status).toBe(409);
    expect((await json(r)).error.code).toBe('cfp_closed');
    const c = await newConference({ cfpOpensAt: iso(future(-1)), cfpClosesAt: iso(future(9)) });
    const badLevel = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, proposal({ level: 'expert' }));
    expect(badLevel.status).toBe(422);
    expect((await json(badLevel)).error.fields.level).toMatch(/beginner/);
    const { eventId } = (await getConference(env.deps.db, c.slug)).conference;
    expect(await env.deps.db.select().from(proposals).where(eq(proposals.eventId, eventId))).toHaveLength(0);
  });

  it('reviewers score blind, see others only after scoring, and the speaker hears in their language', async () => {
    const c = await newConference({ cfpOpensAt: iso(future(-1)), cfpClosesAt: iso(future(9)) });
    const body = proposal();
    const sent = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, body);
    expect(sent.status).toBe(201);
    const { id, status } = await json(sent);
    expect(status).toBe('submitted');
    const received = await mailsTo(body.speaker.email);
    expect(received[0].subject).toContain('Recibimos tu propuesta');

    const emails = [`r1-${uid()}@example.org`, `r2-${uid()}@example.org`];
    for (const email of emails) {
      await ensurePerson(env.deps.db, { email, fullName: `Reviewer ${email.slice(0, 2)}` });
      expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/reviewers`, org, { email })).status).toBe(201);
    }
    const [r1, r2] = await Promise.all(emails.map((e) => apiToken(env, e)));
    const outsider = await apiToken(env, `x-${uid()}@example.org`);
    expect((await api(env, 'GET', `/api/v1/conferences/${c.slug}/proposals`, outsider)).status).toBe(403);

    expect(
      (await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r1, { score: 5, comment: 'Clear' })).status,
    ).toBe(201);
    for (const score of [0, 6]) {
      const bad = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r2, { score });
      expect(bad.status).toBe(422);
    }
    const blind = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/proposals`, r2));
    expect(blind.proposals).toEqual([{ id, title: body.title, status: 'submitted', myScore: null, mean: null, spread: null, count: null }]);
    expect(JSON.stringify(blind)).not.toContain(body.speaker.name);
    const first = await api(env, 'GET', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r2);
    expect(first.status).toBe(403);
    expect((await json(first)).error.code).toBe('score_first');

    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r2, { score: 4 })).status).toBe(201);
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r2, { score: 2 })).status).toBe(200);
    const seen = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/proposals`, r2));
    expect(seen.proposals[0]).toMatchObject({ myScore: 2, mean: 3.5, spread: 3, count: 2 });
    const reviews = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/proposals/${id}/reviews`, r1));
    expect(reviews).toMatchObject({ mean: 3.5, spread: 3, count: 2 });
    expect(reviews.reviews.map((r: { score: number }) => r.score).sort()).toEqual([2, 5]);

    const decided = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/decision`, org, { decision: 'accepted' });
    expect((await json(decided)).status).toBe('accepted');
    const accepted = (await mailsTo(body.speaker.email)).find((m) => m.subject.startsWith('Aceptada'));
    expect(accepted?.text).toMatch(/\/es\/conferences\/[^/]+\/proposals\/\S+/);
  });
});

describe('from proposals and topics to the programme', () => {
  it('an accepted proposal becomes one session with its speaker, by API and from its page; topics link to sessions from the ranking', async () => {
    const c = await newConference({ cfpOpensAt: iso(future(-1)), cfpClosesAt: iso(future(9)) });
    const body = proposal();
    const id = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, body))).id;
    const roomId = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Hall', capacity: 80 }))).id;
    const at = (h: number) => iso(new Date(future(40).getTime() + h * 3_600_000));
    const place = { roomId, startsAt: at(1), endsAt: at(2) };
    const early = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/session`, org, place);
    expect([early.status, (await json(early)).error.code]).toEqual([409, 'not_accepted']);
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/decision`, org, { decision: 'accepted' });
    // Two presses at once make one session.
    const both = await Promise.all([1, 2].map(() => api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${id}/session`, org, place)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = await json(both.find((r) => r.status === 201)!);
    const loser = await json(both.find((r) => r.status === 409)!);
    expect(loser.error.code).toBe('already_scheduled');
    const [sess] = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.code, made.code));
    expect([sess.title.en, sess.type, sess.language, sess.roomId]).toEqual([body.title, 'talk', 'en', roomId]);
    expect(sess.speakers.map((x) => x.name)).toEqual([body.speaker.name]);

    // From the page: bad times are named beside their fields in Spanish, nothing made; then a session.
    const other = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, proposal({ title: 'Mapas' }))))
      .id;
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals/${other}/decision`, org, { decision: 'accepted' });
    const organizer = new Browser(env);
    await organizer.signInAs(`pg-${uid()}@example.org`, { role: 'organizer' });
    const form = visibleText(await (await organizer.get(`/es/conferences/${c.slug}/review/${other}`)).text());
    expect(form).toContain('Ponla en el programa');
    const bad = await organizer.post(`/es/conferences/${c.slug}/review/${other}/session`, { roomId, startsAt: '', endsAt: '' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('usa-error-message');
    const { event } = await getConference(env.deps.db, c.slug);
    const [pending] = await env.deps.db.select().from(proposals).where(eq(proposals.id, other));
    expect(pending.sessionId).toBeNull();
    const wall = (h: number) => utcToZoned(new Date(future(40).getTime() + h * 3_600_000), event.timeZone).slice(0, 16);
    const clash = await organizer.post(`/conferences/${c.slug}/review/${other}/session`, { roomId, startsAt: wall(1), endsAt: wall(2) });
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain('usa-error-message');
    const ok = await organizer.post(`/conferences/${c.slug}/review/${other}/session`, { roomId, startsAt: wall(3), endsAt: wall(4) });
    expect(ok.status).toBe(303);
    const [scheduled] = await env.deps.db.select().from(proposals).where(eq(proposals.id, other));
    expect(ok.headers.get('location')).toMatch(new RegExp(`/conferences/${c.slug}/sessions/\\w+`));
    expect(scheduled.sessionId).not.toBeNull();
    expect(visibleText(await (await organizer.get(`/conferences/${c.slug}/review/${other}`)).text())).toContain('On the programme: Mapas');

    // "You asked, we scheduled": linked from the ranking page, shown to voters with a link.
    const topic = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics`, org, { title: 'Open budgets' }))).id;
    const linked = await organizer.post(`/es/conferences/${c.slug}/manage/ranking/${topic}`, { sessionCode: made.code });
    expect(visibleText(await linked.text())).toContain('«Open budgets» ahora enlaza con su sesión.');
    const voter = new Browser(env);
    await voter.signInAs(`vt-${uid()}@example.org`);
    const voting = await (await voter.get(`/conferences/${c.slug}/topics`)).text();
    expect(visibleText(voting)).toContain('You asked, we scheduled');
    expect(voting).toContain(`/conferences/${c.slug}/sessions/${made.code}`);
    const rank = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics/ranking`, org));
    expect(rank.topics[0]).toMatchObject({ id: topic, sessionCode: made.code });
    await organizer.post(`/conferences/${c.slug}/manage/ranking/${topic}`, { sessionCode: '' });
    expect((await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics/ranking`, org))).topics[0].sessionCode).toBeNull();
  });
});

describe('topic voting', () => {
  async function topics(slug: string, n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await api(env, 'POST', `/api/v1/conferences/${slug}/topics`, org, { title: `Topic ${i}`, titleEs: `Tema ${i}` });
      expect(r.status).toBe(201);
      ids.push((await json(r)).id);
    }
    return ids;
  }

  it('ten votes at once with a limit of three count three; five at once on one topic count one', async () => {
    const c = await newConference();
    const ids = await topics(c.slug, 10);
    const voter = await apiToken(env, `v-${uid()}@example.org`);
    const all = await Promise.all(ids.map((id) => api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${id}/votes`, voter)));
    const codes = all.map((r) => r.status);
    expect(codes.filter((s) => s === 201)).toHaveLength(3);
    const refusals = await Promise.all(all.filter((r) => r.status !== 201).map(json));
    expect(new Set(refusals.map((b) => b.error.code))).toEqual(new Set(['vote_limit']));
    const list = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics`, voter));
    expect(list.votesLeft).toBe(0);
    expect(list.topics.filter((t: { voted: boolean }) => t.voted)).toHaveLength(3);
    const { eventId } = (await getConference(env.deps.db, c.slug)).conference;
    const [counter] = await env.deps.db.select().from(topicVoters).where(eq(topicVoters.eventId, eventId));
    expect(counter.used).toBe(3);

    const other = await apiToken(env, `w-${uid()}@example.org`);
    const same = await Promise.all(
      [1, 2, 3, 4, 5].map(() => api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[0]}/votes`, other)),
    );
    expect(same.filter((r) => r.status === 201)).toHaveLength(1);
    const again = await Promise.all(same.filter((r) => r.status !== 201).map(json));
    expect(again.every((b) => b.error.code === 'already_voted')).toBe(true);
    expect((await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics`, other))).votesLeft).toBe(2);
  });

  it('keeps one order per voter, withdraws, refuses without a token and ranks with the sector mix', async () => {
    const c = await newConference({ votesPerMember: 2 });
    const ids = await topics(c.slug, 6);
    const voter = await apiToken(env, `v-${uid()}@example.org`);
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[2]}/votes`)).status).toBe(401);
    const order = async () =>
      (await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics`, voter))).topics.map((t: { id: string }) => t.id);
    expect(await order()).toEqual(await order());
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[2]}/votes`, voter)).status).toBe(201);
    expect((await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[3]}/votes`, voter))).votesLeft).toBe(0);
    const limit = await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[4]}/votes`, voter);
    expect([limit.status, (await json(limit)).error.code]).toEqual([409, 'vote_limit']);
    const back = await api(env, 'DELETE', `/api/v1/conferences/${c.slug}/topics/${ids[3]}/votes`, voter);
    expect((await json(back)).votesLeft).toBe(1);
    expect((await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[4]}/votes`, voter)).status).toBe(201);

    const county = await apiToken(env, `cty-${uid()}@example.org`);
    await env.deps.db.execute(
      sql`UPDATE people SET sector = 'county' WHERE id = (SELECT person_id FROM api_tokens ORDER BY created_at DESC LIMIT 1)`,
    );
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics/${ids[4]}/votes`, county);
    const rank = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics/ranking`, org));
    expect(rank.topics[0]).toMatchObject({ id: ids[4], votes: 2 });
    expect(Object.values(rank.topics[0].sectors).reduce((a: number, b) => a + (b as number), 0)).toBe(2);
    expect((await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics/ranking`, voter)).status).toBe(403);

    // "You asked, we scheduled": the topic points at the session that answers it.
    const roomId = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Hall', capacity: 50 }))).id;
    const sess = await json(
      await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions`, org, {
        title: 'Open contracts',
        type: 'talk',
        language: 'en',
        roomId,
        startsAt: iso(new Date(future(40).getTime() + 3_600_000)),
        endsAt: iso(new Date(future(40).getTime() + 7_200_000)),
      }),
    );
    const linked = await api(env, 'PATCH', `/api/v1/conferences/${c.slug}/topics/${ids[4]}`, org, { sessionCode: sess.code });
    expect((await json(linked)).sessionCode).toBe(sess.code);
    expect((await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/topics/ranking`, org))).topics[0].sessionId).toBe(sess.id);
  });
});

describe('applications for a capped symposium', () => {
  const applicant = (over: Record<string, unknown> = {}) => ({
    name: 'José Ángel Pérez',
    email: `ap-${uid()}@example.org`,
    language: 'en',
    sector: 'county',
    careerStage: 'mid',
    why: 'I run our open data portal.',
    ...over,
  });

  /** Seats filled without going through the API, to reach the edge quickly: each confirmed one holds its RSVP. */
  async function fill(slug: string, confirmed: number, accepted: number) {
    const { eventId } = (await getConference(env.deps.db, slug)).conference;
    const rows = [];
    for (let i = 0; i < confirmed + accepted; i++) {
      const { person } = await ensurePerson(env.deps.db, { email: `f${i}-${uid()}@example.org`, fullName: `Filler ${i}` });
      rows.push({
        eventId,
        personId: person.id,
        name: person.fullName,
        email: person.email!,
        language: 'en' as const,
        sector: i % 2 ? 'nonprofit' : 'city',
        careerStage: 'early' as const,
        why: 'x',
        status: (i < confirmed ? 'confirmed' : 'accepted') as 'confirmed' | 'accepted',
        confirmBy: future(3),
      });
      if (i < confirmed)
        expect(await admitToEvent(env.deps.db, eventId, { ...rows[i], accessibilityNeeds: null, source: 'application' })).not.toBeNull();
    }
    const made = await env.deps.db.insert(applications).values(rows).returning();
    return made.filter((a) => a.status === 'accepted');
  }

  /** Seats held at the event, and the RSVPs holding them. */
  async function eventSeats(slug: string) {
    const { event } = await getConference(env.deps.db, slug);
    const going = await env.deps.db
      .select()
      .from(rsvps)
      .where(sql`${rsvps.eventId} = ${event.id} AND ${rsvps.status} = 'going'`);
    return { goingCount: event.goingCount, going: going.length };
  }

  async function answerUrls(slug: string, ids: string[]) {
    const list = (await json(await api(env, 'GET', `/api/v1/conferences/${slug}/applications`, org))).applications as {
      id: string;
      answerUrl: string;
    }[];
    return ids.map((id) => new URL(list.find((a) => a.id === id)!.answerUrl).pathname);
  }

  it('forty confirmations at once for the last ten of 200 seats leave exactly 200', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 200 });
    const pending = await fill(c.slug, 190, 40);
    const urls = await answerUrls(
      c.slug,
      pending.map((a) => a.id),
    );
    const answers = await Promise.all(urls.map((u) => api(env, 'POST', u, undefined, { answer: 'confirm' })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
    const full = await Promise.all(answers.filter((r) => r.status !== 200).map(async (r) => [r.status, (await json(r)).error.code]));
    expect(full).toEqual(Array.from({ length: 30 }, () => [409, 'full']));
    const counts = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/applications/counts`, org));
    expect(counts.byStatus.confirmed).toBe(200);
    expect(counts.capacity).toBe(200);
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 200, going: 200 });
    // Repeating a confirmation that won answers the same.
    const winner = urls[answers.findIndex((r) => r.status === 200)];
    expect((await json(await api(env, 'POST', winner, undefined, { answer: 'confirm' }))).status).toBe('confirmed');
  });

  it('a freed seat and six retries at once: one wins', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 20 });
    const pending = await fill(c.slug, 20, 6);
    const { eventId } = (await getConference(env.deps.db, c.slug)).conference;
    const [leaving] = await env.deps.db
      .select()
      .from(applications)
      .where(sql`${applications.eventId} = ${eventId} AND ${applications.status} = 'confirmed'`)
      .limit(1);
    const urls = await answerUrls(
      c.slug,
      pending.map((a) => a.id),
    );
    const blocked = await api(env, 'POST', urls[0], undefined, { answer: 'confirm' });
    expect(blocked.status).toBe(409);
    const [leaveUrl] = await answerUrls(c.slug, [leaving.id]);
    const left = await api(env, 'POST', leaveUrl, undefined, { answer: 'decline' });
    expect((await json(left)).status).toBe('released');
    expect((await json(await api(env, 'POST', leaveUrl, undefined, { answer: 'decline' }))).status).toBe('released');
    const retries = await Promise.all(urls.map((u) => api(env, 'POST', u, undefined, { answer: 'confirm' })));
    expect(retries.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 20, going: 20 });
  });

  it('confirming makes the applicant a registered attendee; declining gives the RSVP back; public RSVPs are sent to apply', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 1 });
    const me = applicant({ language: 'es' });
    const id = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, me))).id;
    const offer = await json(
      await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${id}/decision`, org, { decision: 'accepted' }),
    );
    const { event } = await getConference(env.deps.db, c.slug);
    const { person } = await ensurePerson(env.deps.db, { email: me.email, fullName: me.name });
    expect(await findRsvpFor(env.deps.db, event.id, person.id)).toBeUndefined();

    expect((await json(await api(env, 'POST', new URL(offer.answerUrl).pathname, undefined, { answer: 'confirm' }))).status).toBe(
      'confirmed',
    );
    const rsvp = await findRsvpFor(env.deps.db, event.id, person.id);
    expect([rsvp?.status, rsvp?.language, rsvp?.source]).toEqual(['going', 'es', 'application']);
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 1, going: 1 });
    // Registered, so the workshop sign-up takes them.
    const roomId = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Lab', capacity: 10 }))).id;
    const workshop = await json(
      await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions`, org, {
        title: 'Data cleaning',
        type: 'workshop',
        language: 'en',
        roomId,
        capacity: 5,
        startsAt: iso(new Date(future(40).getTime() + 3_600_000)),
        endsAt: iso(new Date(future(40).getTime() + 7_200_000)),
      }),
    );
    const signup = await api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions/${workshop.code}/signups`, undefined, {
      name: me.name,
      email: me.email,
    });
    expect(signup.status).toBe(201);

    // The public RSVP form and API refuse, in the reader's language, and store nothing.
    const stranger = { name: 'Walk Up', email: `wu-${uid()}@example.org`, answers: {} };
    const refused = await api(env, 'POST', `/api/v1/events/${c.slug}/rsvps`, undefined, stranger);
    expect(refused.status).toBe(409);
    const err = (await json(refused)).error;
    expect([err.code, err.message]).toEqual(['application_required', expect.stringContaining('Seats here are given by application.')]);
    const page = await new Browser(env).post(`/es/events/${c.slug}/rsvp`, { name: stranger.name, email: stranger.email });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('usa-alert--error');
    expect(visibleText(html)).toContain('Las plazas se asignan por solicitud.');
    expect(html).toContain(`/es/conferences/${c.slug}/apply`);
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 1, going: 1 });

    const left = await api(env, 'POST', new URL(offer.answerUrl).pathname, undefined, { answer: 'decline' });
    expect((await json(left)).status).toBe('released');
    expect((await findRsvpFor(env.deps.db, event.id, person.id))?.status).toBe('cancelled');
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 0, going: 0 });
  });

  it('an attendee who cancels their RSVP from the events side releases the application, and the seat goes to the next applicant', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 1 });
    const first = applicant({ language: 'es' });
    const second = applicant();
    const [a1, a2] = [
      (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, first))).id,
      (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, second))).id,
    ];
    const offer = await json(
      await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${a1}/decision`, org, { decision: 'accepted' }),
    );
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${a2}/decision`, org, { decision: 'waitlisted' });
    expect((await json(await api(env, 'POST', new URL(offer.answerUrl).pathname, undefined, { answer: 'confirm' }))).status).toBe(
      'confirmed',
    );
    const { event } = await getConference(env.deps.db, c.slug);
    const { person } = await ensurePerson(env.deps.db, { email: first.email, fullName: first.name });
    const rsvp = (await findRsvpFor(env.deps.db, event.id, person.id))!;
    // The "cancel my RSVP" link of the events' emails.
    const token = await signLink(env.deps.secret, 'rsvp', { r: rsvp.id });
    expect((await api(env, 'DELETE', `/api/v1/rsvps/${token}`)).status).toBe(200);
    expect(await eventSeats(c.slug)).toEqual({ goingCount: 0, going: 0 });
    await drainTasks(env.deps, conferencesModule.tasks!);
    const [after1] = await env.deps.db.select().from(applications).where(eq(applications.id, a1));
    const [after2] = await env.deps.db.select().from(applications).where(eq(applications.id, a2));
    expect([after1.status, after2.status]).toEqual(['released', 'accepted']);
    // Running the queue again changes nothing: the release happened once.
    await drainTasks(env.deps, conferencesModule.tasks!);
    expect((await env.deps.db.select().from(applications).where(eq(applications.id, a2)))[0].status).toBe('accepted');
  });

  it('applies once per email, decides, waitlists, confirms, promotes on decline and on the deadline', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 2 });
    const bad = await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, applicant({ careerStage: 'retired' }));
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.fields.careerStage).toBe('Choose a career stage from the list.');
    const people = [applicant(), applicant({ language: 'es', sector: 'nonprofit', careerStage: 'student' }), applicant(), applicant()];
    const ids: string[] = [];
    for (const p of people) {
      const r = await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, p);
      expect(r.status).toBe(201);
      ids.push((await json(r)).id);
    }
    const again = await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, people[0]);
    expect([again.status, (await json(again)).id]).toEqual([200, ids[0]]);

    const decide = (id: string, decision: string, extra = {}) =>
      api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${id}/decision`, org, { decision, ...extra });
    const past = await decide(ids[0], 'accepted', { confirmBy: iso(future(-1)) });
    expect(past.status).toBe(422);
    const a0 = await json(await decide(ids[0], 'accepted'));
    expect(a0.status).toBe('accepted');
    expect(new Date(a0.confirmBy).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    await decide(ids[1], 'accepted', { confirmBy: iso(future(2)) });
    const w2 = await json(await decide(ids[2], 'waitlisted'));
    const w3 = await json(await decide(ids[3], 'waitlisted'));
    expect([w2.waitlistPosition, w3.waitlistPosition]).toEqual([1, 2]);
    const esMail = (await mailsTo(people[1].email)).find((m) => m.subject.includes('confirma'));
    expect(esMail?.text).toContain(`/es/conferences/${c.slug}/answer/`);

    const confirmed = await api(env, 'POST', new URL(a0.answerUrl).pathname, undefined, { answer: 'confirm' });
    expect((await json(confirmed)).status).toBe('confirmed');
    const declined = await api(env, 'POST', new URL(a0.answerUrl).pathname, undefined, { answer: 'decline' });
    expect((await json(declined)).status).toBe('released');
    const list = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/applications?status=accepted`, org));
    expect(list.applications.map((a: { id: string }) => a.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect((await mailsTo(people[2].email)).some((m) => m.subject.startsWith('A seat opened'))).toBe(true);

    // The deadline passes: the offer goes, the next in line is promoted, and confirming is refused.
    await env.deps.db
      .update(applications)
      .set({ confirmBy: future(-0.01) })
      .where(eq(applications.id, ids[1]));
    const late = await api(env, 'POST', (await answerUrls(c.slug, [ids[1]]))[0], undefined, { answer: 'confirm' });
    expect([late.status, (await json(late)).error.code]).toEqual([410, 'expired']);
    const swept = await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/release-expired`, org));
    expect(swept).toEqual({ released: 1, promoted: 1 });
    const counts = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/applications/counts`, org));
    expect(counts.byStatus).toMatchObject({ accepted: 2, released: 2 });
    expect(counts.selected.government).toEqual({ yes: 2, no: 0 });
    const gov = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/applications?government=no`, org));
    expect(gov.applications.map((a: { id: string }) => a.id)).toEqual([ids[1]]);
  });

  it('joins Download my data and Delete my account, giving the seat to the next in line', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 1 });
    const me = applicant();
    const mine = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, me))).id;
    const next = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, applicant()))).id;
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${mine}/decision`, org, { decision: 'accepted' });
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${next}/decision`, org, { decision: 'waitlisted' });
    const { person } = await ensurePerson(env.deps.db, { email: me.email, fullName: me.name });
    const data = JSON.stringify(await exportPersonData(env.deps.db, person.id));
    expect(data).toContain('I run our open data portal.');
    await erasePerson(env.deps.db, person.id);
    expect(await env.deps.db.select().from(applications).where(eq(applications.personId, person.id))).toHaveLength(0);
    const [promoted] = await env.deps.db.select().from(applications).where(eq(applications.id, next));
    expect(promoted.status).toBe('accepted');
  });
});

describe('pages, in English and Spanish', () => {
  it('applies from the form (Spanish field messages, nothing saved on bad input) and answers from the emailed page', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 5 });
    const b = new Browser(env);
    expect((await b.get(`/es/conferences/${c.slug}/apply`)).status).toBe(200);
    const email = `pg-${uid()}@example.org`;
    const fields = { name: 'Sinéad O’Brien', email, language: 'es', sector: 'city', careerStage: 'retired', why: 'Datos abiertos' };
    const bad = await b.post(`/es/conferences/${c.slug}/apply`, fields);
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('Elige una etapa profesional de la lista.');
    expect(await env.deps.db.select().from(applications).where(eq(applications.email, email))).toHaveLength(0);
    const ok = await b.post(`/es/conferences/${c.slug}/apply`, { ...fields, careerStage: 'early' });
    expect(visibleText(await ok.text())).toContain('recibimos tu solicitud');
    const [mine] = await env.deps.db.select().from(applications).where(eq(applications.email, email));
    expect(mine.name).toBe('Sinéad O’Brien');

    const decided = await json(
      await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications/${mine.id}/decision`, org, { decision: 'accepted' }),
    );
    const pagePath = new URL(decided.confirmUrl).pathname;
    expect(pagePath).toMatch(/^\/es\//);
    const shown = visibleText(await (await b.get(pagePath)).text());
    expect(shown).toContain('Confirmar mi plaza');
    const confirmed = await b.post(pagePath, { answer: 'confirm' });
    expect(visibleText(await confirmed.text())).toContain('Confirmado: nos vemos allí.');
    // A page on another site posting the same form is refused (decision 37), and changes nothing.
    const forged = await new Browser(env).post(pagePath, { answer: 'decline' }, { 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    expect((await env.deps.db.select().from(applications).where(eq(applications.id, mine.id)))[0].status).toBe('confirmed');
  });

  it('organizers add reviewers, score and annotate applications and set targets from pages; applicants may answer about themselves', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 10, cfpOpensAt: iso(future(-1)) });
    const organizer = new Browser(env);
    await organizer.signInAs(`ot-${uid()}@example.org`, { role: 'organizer' });
    const badReviewer = await organizer.post(`/es/conferences/${c.slug}/review/reviewers`, { email: 'not-an-email' });
    expect(badReviewer.status).toBe(422);
    expect(visibleText(await badReviewer.text())).toContain('Escribe un correo electrónico como nombre@ejemplo.org.');
    const reviewerEmail = `rv-${uid()}@example.org`;
    const added = visibleText(await (await organizer.post(`/conferences/${c.slug}/review/reviewers`, { email: reviewerEmail })).text());
    expect(added).toContain(`${reviewerEmail} can now review the proposals.`);
    const reviewer = new Browser(env);
    await reviewer.signInAs(reviewerEmail);
    expect((await reviewer.get(`/conferences/${c.slug}/review`)).status).toBe(200);

    const email = `dm-${uid()}@example.org`;
    const applied = await new Browser(env).post(`/es/conferences/${c.slug}/apply`, {
      name: 'Ana Lucía Ortiz',
      email,
      language: 'es',
      sector: 'city',
      careerStage: 'early',
      why: 'Datos abiertos',
      'demographics.gender': 'mujer',
      'demographics.ageRange': '25to34',
      'demographics.firstTime': '',
    });
    expect(applied.status).toBe(200);
    const [mine] = await env.deps.db.select().from(applications).where(eq(applications.email, email));
    expect(mine.demographics).toEqual({ gender: 'mujer', ageRange: '25to34' });

    const detail = visibleText(await (await organizer.get(`/es/conferences/${c.slug}/manage/applications/${mine.id}`)).text());
    expect(detail).toContain('De 25 a 34');
    expect(detail).toContain('mujer');
    const badScore = await organizer.post(`/es/conferences/${c.slug}/manage/applications/${mine.id}/notes`, {
      score: '9',
      notes: 'Fuerte',
    });
    expect(badScore.status).toBe(422);
    const badText = await badScore.text();
    expect(visibleText(badText)).toContain('Elige una puntuación del 1 al 5.');
    expect(badText).toContain('Fuerte');
    await organizer.post(`/conferences/${c.slug}/manage/applications/${mine.id}/notes`, { score: '4', notes: 'Strong portal work' });
    const [noted] = await env.deps.db.select().from(applications).where(eq(applications.id, mine.id));
    expect([noted.score, noted.notes]).toEqual([4, 'Strong portal work']);

    const badTarget = await organizer.post(`/es/conferences/${c.slug}/manage/applications/targets`, {
      'sector.city': '-3',
      'language.es': '4',
    });
    expect(badTarget.status).toBe(422);
    expect(visibleText(await badTarget.text())).toContain('Escribe un número entero de 0 a 100.000, o déjalo en blanco.');
    expect((await getConference(env.deps.db, c.slug)).conference.applicationTargets).toEqual({});
    const saved = await organizer.post(`/conferences/${c.slug}/manage/applications/targets`, {
      'sector.city': '3',
      'government.yes': '6',
      'language.es': '',
    });
    expect(saved.status).toBe(303);
    expect((await getConference(env.deps.db, c.slug)).conference.applicationTargets).toEqual({
      sector: { city: 3 },
      government: { yes: 6 },
    });
    const counts = await json(await api(env, 'GET', `/api/v1/conferences/${c.slug}/applications/counts`, org));
    expect(counts.targets).toEqual({ sector: { city: 3 }, government: { yes: 6 } });
  });

  it('organizers write the call’s own questions on a page; the proposal form asks them and reviewers read the answers', async () => {
    const c = await newConference({ cfpOpensAt: iso(future(-1)), cfpClosesAt: iso(future(9)) });
    const organizer = new Browser(env);
    await organizer.signInAs(`oq-${uid()}@example.org`, { role: 'organizer' });
    const tooMany = await organizer.post(`/es/conferences/${c.slug}/manage/questions`, {
      questions: Array.from({ length: 21 }, (_, i) => `Question ${i}`).join('\n'),
    });
    expect(tooMany.status).toBe(422);
    expect(visibleText(await tooMany.text())).toContain('Escribe como máximo 20 preguntas');
    const saved = await organizer.post(`/conferences/${c.slug}/manage/questions`, {
      questions: 'Have you spoken before? | ¿Has dado charlas antes? *\nAnything else?',
    });
    expect(visibleText(await saved.text())).toContain('Questions saved.');
    const { conference } = await getConference(env.deps.db, c.slug);
    expect(conference.cfpQuestions).toEqual([
      { id: 'q1', label: { en: 'Have you spoken before?', es: '¿Has dado charlas antes?' }, required: true },
      { id: 'q2', label: { en: 'Anything else?', es: null }, required: false },
    ]);

    const visitor = new Browser(env);
    expect(visibleText(await (await visitor.get(`/es/conferences/${c.slug}/propose`)).text())).toContain('¿Has dado charlas antes?');
    const fields = {
      title: 'Datos abiertos',
      abstract: 'Cómo abrimos datos.',
      type: 'talk',
      language: 'es',
      level: 'beginner',
      speakerName: 'Ana',
      speakerEmail: `q-${uid()}@example.org`,
    };
    const missing = await visitor.post(`/es/conferences/${c.slug}/propose`, fields);
    expect(missing.status).toBe(422);
    expect(visibleText(await missing.text())).toContain('Responde esta pregunta.');
    expect(await env.deps.db.select().from(proposals).where(eq(proposals.speakerEmail, fields.speakerEmail))).toHaveLength(0);
    const api422 = await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, proposal());
    expect([api422.status, (await json(api422)).error.fields['answers.q1']]).toEqual([422, 'Answer this question.']);
    await visitor.post(`/es/conferences/${c.slug}/propose`, { ...fields, 'answers.q1': 'Sí, dos veces', 'answers.q9': 'ignored' });
    const [p] = await env.deps.db.select().from(proposals).where(eq(proposals.speakerEmail, fields.speakerEmail));
    expect(p.answers).toEqual({ q1: 'Sí, dos veces' });
    const review = visibleText(await (await organizer.get(`/es/conferences/${c.slug}/review/${p.id}`)).text());
    expect(review).toContain('¿Has dado charlas antes? Sí, dos veces');
  });

  it('proposes from the form and the speaker edits through the emailed link', async () => {
    const c = await newConference({ cfpOpensAt: iso(future(-1)), cfpClosesAt: iso(future(3)) });
    const b = new Browser(env);
    const email = `spk-${uid()}@example.org`;
    const fields = {
      title: 'Mapas',
      abstract: 'Cómo publicamos mapas.',
      type: 'talk',
      language: 'es',
      level: 'expert',
      speakerName: '李小龍',
      speakerEmail: email,
    };
    const bad = await b.post(`/es/conferences/${c.slug}/propose`, fields);
    expect(bad.status).toBe(422);
    expect(visibleText(await bad.text())).toContain('Elige principiante, intermedio o avanzado.');
    const ok = await b.post(`/conferences/${c.slug}/propose`, { ...fields, level: 'advanced' });
    expect(visibleText(await ok.text())).toContain('your proposal is in');
    const [mail] = await mailsTo(email);
    const link = new URL(mail.text.match(/https?:\/\/\S+\/proposals\/\S+/)![0]).pathname;
    const edited = await b.post(link, {
      do: 'edit',
      title: 'Mapas abiertos',
      abstract: 'Cómo publicamos mapas.',
      level: 'advanced',
      language: 'es',
    });
    expect(visibleText(await edited.text())).toContain('Se guardaron tus cambios.');
    const [saved] = await env.deps.db.select().from(proposals).where(eq(proposals.speakerEmail, email));
    expect(saved.title).toBe('Mapas abiertos');
  });

  it('organizers set the call, votes and applications from the manage page; the schedule links to them', async () => {
    const c = await newConference();
    const organizer = new Browser(env);
    await organizer.signInAs(`set-${uid()}@example.org`, { role: 'organizer' });
    const bad = await organizer.post(`/es/conferences/${c.slug}/manage/call`, {
      cfpOpensAt: '2027-03-10T09:00',
      cfpClosesAt: '2027-03-01T09:00',
      votesPerMember: '0',
    });
    expect(bad.status).toBe(422);
    const text = visibleText(await bad.text());
    expect(text).toContain('Escribe un número entero de votos entre 1 y 100.');
    expect((await getConference(env.deps.db, c.slug)).conference.votesPerMember).toBe(3);
    const closes = iso(future(5)).slice(0, 16);
    const ok = await organizer.post(`/conferences/${c.slug}/manage/call`, {
      cfpOpensAt: '',
      cfpClosesAt: closes,
      votesPerMember: '4',
      requiresApplication: 'on',
    });
    expect(ok.status).toBe(303);
    const { conference } = await getConference(env.deps.db, c.slug);
    expect([conference.votesPerMember, conference.requiresApplication, conference.cfpOpensAt, !!conference.cfpClosesAt]).toEqual([
      4,
      true,
      null,
      true,
    ]);
    const schedule = visibleText(await (await new Browser(env).get(`/es/conferences/${c.slug}/schedule`)).text());
    for (const label of ['Propón una sesión', 'Solicita una plaza', 'Vota por temas']) expect(schedule).toContain(label);
  });

  it('votes from the topics page and shows organizers the reviews, ranking and applications pages', async () => {
    const c = await newConference({ requiresApplication: true, capacity: 3, cfpOpensAt: iso(future(-1)) });
    const topic = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/topics`, org, { title: 'Open contracts' }))).id;
    const voter = new Browser(env);
    await voter.signInAs(`vt-${uid()}@example.org`);
    expect(visibleText(await (await voter.get(`/conferences/${c.slug}/topics`)).text())).toContain('You have 3 votes left.');
    expect((await voter.post(`/conferences/${c.slug}/topics/${topic}/vote`, { do: 'vote' })).status).toBe(303);
    expect(visibleText(await (await voter.get(`/es/conferences/${c.slug}/topics`)).text())).toContain('Te quedan 2 votos.');
    const again = await voter.post(`/es/conferences/${c.slug}/topics/${topic}/vote`, { do: 'withdraw' });
    expect(again.status).toBe(303);
    expect((await voter.get(`/conferences/${c.slug}/manage/ranking`)).status).toBe(403);

    await api(env, 'POST', `/api/v1/conferences/${c.slug}/proposals`, undefined, proposal());
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/applications`, undefined, {
      name: 'Ana',
      email: `an-${uid()}@example.org`,
      language: 'en',
      sector: 'state',
      careerStage: 'senior',
      why: 'Procurement reform',
    });
    const organizer = new Browser(env);
    await organizer.signInAs(`og-${uid()}@example.org`, { role: 'organizer' });
    for (const lang of ['', '/es']) {
      const review = await organizer.get(`${lang}/conferences/${c.slug}/review`);
      expect(review.status).toBe(200);
      expect(visibleText(await review.text())).toContain('Open budgets in plain words');
      expect((await organizer.get(`${lang}/conferences/${c.slug}/manage/ranking`)).status).toBe(200);
      const apps = await organizer.get(`${lang}/conferences/${c.slug}/manage/applications?status=submitted`);
      expect(visibleText(await apps.text())).toContain('Procurement reform');
    }
  });
});
