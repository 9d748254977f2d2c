import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { forbidden, notFound } from '../../platform/http/errors';
import { getPerson } from '../people';
import { rsvpRateLimit } from '../events';
import { canOrganize } from './permissions';
import { body, Conflict, hook, json, managed, slugParam, visible } from './api-common';
import { APPLICATION_STATUSES, CAREER_STAGES, type Application } from './schema';
import {
  addReviewer,
  addTopic,
  answer,
  answerInput,
  answerToken,
  apply,
  applicationById,
  applicationCounts,
  applicationDecisionInput,
  applicationFromToken,
  applicationInput,
  applicationNotesInput,
  decideApplication,
  decideProposal,
  getApplication,
  getProposal,
  getTopic,
  getSession,
  linkTopic,
  isReviewer,
  listApplications,
  proposalDecisionInput,
  proposalInput,
  proposalsForReviewer,
  proposalSessionInput,
  scheduleProposal,
  ranking,
  releaseExpired,
  review,
  reviewerInput,
  reviewInput,
  reviewsOf,
  saveNotes,
  seatsOf,
  submitProposal,
  topicInput,
  topicsFor,
  unvote,
  vote,
  getConference,
  type ConferenceView,
} from './service';
import { conferenceUrl } from './lib/urls';

const idParams = z.object({ slug: z.string().max(100), id: z.string().max(60) });
const Gone = json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'The deadline to confirm has passed');

/** Organizers of the conference and its reviewers score proposals; anyone else is refused. */
async function reviewing(c: Ctx, slug: string): Promise<ConferenceView> {
  const v = await visible(c, slug);
  const me = c.var.viewer!;
  if (!canOrganize(c.var.viewer, v.event) && !(await isReviewer(c.var.db, v.event.id, me.id))) throw forbidden();
  return v;
}

async function applicationJson(c: Ctx, v: ConferenceView, a: Application & { government?: boolean; waitlistPosition?: number | null }) {
  const base = c.var.deps.config.baseUrl;
  const token = await answerToken(c.var.deps.secret, a.id);
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    language: a.language,
    sector: a.sector,
    government: a.government ?? false,
    careerStage: a.careerStage,
    status: a.status,
    waitlistPosition: a.waitlistPosition ?? null,
    confirmBy: a.confirmBy?.toISOString() ?? null,
    confirmUrl: conferenceUrl(base, a.language, v.event.slug, `/answer/${token}`),
    answerUrl: `${base}/api/v1/conferences/${v.event.slug}/applications/answer/${token}`,
    score: a.score,
    notes: a.notes,
    createdAt: a.createdAt.toISOString(),
  };
}

/** A conference the caller manages, with the seats its applications are counted against. */
async function managedSeats(c: Ctx, slug: string) {
  const v = await managed(c, slug);
  return { v, seats: seatsOf(v.event, v.conference) };
}

async function managedApplication(c: Ctx, p: { slug: string; id: string }) {
  const { v, seats } = await managedSeats(c, p.slug);
  return { v, seats, a: await getApplication(c.var.db, v.event.id, p.id) };
}

/** One application as the list shows it (with its government flag and waitlist position). */
async function applicationOut(c: Ctx, v: ConferenceView, id: string) {
  const [row] = (await listApplications(c.var.db, v.event.id, {})).filter((x) => x.id === id);
  return applicationJson(c, v, row);
}

const ApplicationOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    language: z.enum(['en', 'es']),
    sector: z.string(),
    government: z.boolean(),
    careerStage: z.enum(CAREER_STAGES),
    status: z.enum(APPLICATION_STATUSES),
    waitlistPosition: z.number().int().nullable(),
    confirmBy: z.string().nullable(),
    confirmUrl: z.string(),
    answerUrl: z.string(),
    score: z.number().int().nullable(),
    notes: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ConferenceApplication');
const Tally = z.record(z.string(), z.number().int());

export function registerCfpApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/proposals',
      summary: 'Propose a session to the call for proposals (no sign-in)',
      description:
        'Outside the call’s window: 409 `cfp_closed`. The speaker is emailed a link to change the proposal until the call closes.',
      tags: ['conferences'],
      middleware: [allow('public')] as const,
      request: { params: slugParam, body: body(proposalInput.openapi('ProposalInput')) },
      responses: { 201: json(z.object({ id: z.uuid(), status: z.string() }), 'Received'), 409: Conflict, ...errorResponses },
    }),
    async (c) => {
      const v = await visible(c, c.req.valid('param').slug);
      await rsvpRateLimit(c, v.event.id);
      const p = await submitProposal(c.var.db, v.conference, c.req.valid('json'));
      return c.json({ id: p.id, status: p.status }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/proposals',
      summary: 'Proposals with the caller’s score; others’ scores only once the caller has scored (reviewers, organizers)',
      description: 'Blind review: no speaker names. `mean`, `spread` (max − min) and `count` are null until the caller scores.',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            proposals: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                status: z.string(),
                myScore: z.number().int().nullable(),
                mean: z.number().nullable(),
                spread: z.number().int().nullable(),
                count: z.number().int().nullable(),
              }),
            ),
          }),
          'The proposals',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const v = await reviewing(c, c.req.valid('param').slug);
      return c.json({ proposals: await proposalsForReviewer(c.var.db, v.event.id, c.var.viewer!.id) }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/reviewers',
      summary: 'Make someone a reviewer of this conference’s proposals (organizers)',
      description: 'The person is added with no role if new; they use their own token (`pathways token create EMAIL`).',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(reviewerInput.openapi('ReviewerInput')) },
      responses: { 201: json(z.object({ id: z.uuid(), email: z.string() }), 'A reviewer'), ...errorResponses },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      const { email } = c.req.valid('json');
      return c.json({ id: await addReviewer(c.var.db, v.event.id, email), email }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/proposals/{id}/decision',
      summary: 'Accept, reject or waitlist a proposal (organizers); the speaker is emailed in their language',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(proposalDecisionInput.openapi('ProposalDecision')) },
      responses: { 200: json(z.object({ id: z.uuid(), status: z.string() }), 'Decided'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await managed(c, slug);
      const p = await decideProposal(c.var.db, await getProposal(c.var.db, v.event.id, id), c.req.valid('json').decision);
      return c.json({ id: p.id, status: p.status }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/proposals/{id}/session',
      summary: 'Put an accepted proposal on the programme as a session, with its speaker (organizers)',
      description:
        'Title, abstract, type, language, track and speaker come from the proposal; the room and times are given (and checked as for any session: `room_taken`, `speaker_taken`). Not accepted: 409 `not_accepted`; already made: 409 `already_scheduled`.',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(proposalSessionInput.openapi('ProposalSession')) },
      responses: {
        201: json(z.object({ id: z.uuid(), code: z.string(), proposalId: z.uuid() }), 'The new session'),
        409: Conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await managed(c, slug);
      const p = await getProposal(c.var.db, v.event.id, id);
      const s = await scheduleProposal(c.var.db, v.event, p, c.req.valid('json'));
      return c.json({ id: s.id, code: s.code, proposalId: p.id }, 201);
    },
    hook,
  );

  const ReviewOut = z.object({ score: z.number().int(), comment: z.string().nullable() });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/proposals/{id}/reviews',
      summary: 'Score a proposal 1–5 with an optional comment (reviewers, organizers); again replaces it (200)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: idParams, body: body(reviewInput.openapi('ProposalReview')) },
      responses: { 201: json(ReviewOut, 'Scored'), 200: json(ReviewOut, 'Score replaced'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await reviewing(c, slug);
      const input = c.req.valid('json');
      const r = await review(c.var.db, await getProposal(c.var.db, v.event.id, id), c.var.viewer!.id, input);
      const out = { score: input.score, comment: input.comment };
      return r.created ? c.json(out, 201) : c.json(out, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/proposals/{id}/reviews',
      summary: 'Everyone’s reviews of a proposal, once the caller has scored it (403 `score_first` before)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: {
        200: json(
          z.object({
            reviews: z.array(z.object({ reviewer: z.string(), score: z.number().int(), comment: z.string().nullable() })),
            mean: z.number(),
            spread: z.number().int(),
            count: z.number().int(),
          }),
          'The reviews',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await reviewing(c, slug);
      const p = await getProposal(c.var.db, v.event.id, id);
      const nameOf = async (pid: string) => (await getPerson(c.var.db, pid).catch(() => null))?.fullName ?? '';
      return c.json(await reviewsOf(c.var.db, p, c.var.viewer!.id, nameOf), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/topics',
      summary: 'Suggest a topic for the programme (signed in)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam, body: body(topicInput.openapi('TopicInput')) },
      responses: { 201: json(z.object({ id: z.uuid() }), 'The new topic'), ...errorResponses },
    }),
    async (c) => {
      const v = await visible(c, c.req.valid('param').slug);
      return c.json({ id: (await addTopic(c.var.db, v.event.id, c.req.valid('json'), c.var.viewer!.id)).id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/topics',
      summary: 'Topics to vote on, in a random order that stays the same for the caller, and the votes left',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            topics: z.array(z.object({ id: z.uuid(), title: z.string(), titleEs: z.string().nullable(), voted: z.boolean() })),
            votesLeft: z.number().int(),
          }),
          'The topics',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const v = await visible(c, c.req.valid('param').slug);
      const r = await topicsFor(c.var.db, v.conference, c.var.viewer!.id);
      return c.json(
        {
          topics: r.topics.map((t) => ({ id: t.id, title: t.title.en ?? t.title.es ?? '', titleEs: t.title.es, voted: !!t.voted })),
          votesLeft: r.votesLeft,
        },
        200,
      );
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/topics/ranking',
      summary: 'Topics by votes, most first, with the voters’ sectors (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            topics: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                votes: z.number().int(),
                sectors: Tally,
                sessionId: z.uuid().nullable(),
                sessionCode: z.string().nullable(),
              }),
            ),
          }),
          'The ranking',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      const list = await ranking(c.var.db, v.event.id);
      return c.json({ topics: list.map((t) => ({ ...t, title: t.title.en ?? t.title.es ?? '' })) }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/conferences/{slug}/topics/{id}',
      summary: 'Link a topic to the session that answers it ("you asked, we scheduled"), or unlink it with null (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(z.object({ sessionCode: z.string().max(20).nullable() }).openapi('TopicLink')) },
      responses: { 200: json(z.object({ id: z.uuid(), sessionCode: z.string().nullable() }), 'The topic'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await managed(c, slug);
      const topic = await getTopic(c.var.db, v.event.id, id);
      const code = c.req.valid('json').sessionCode;
      const s = code ? await getSession(c.var.db, v.event.id, code) : null;
      await linkTopic(c.var.db, topic, s?.id ?? null);
      return c.json({ id: topic.id, sessionCode: s?.code ?? null }, 200);
    },
    hook,
  );

  const VotesLeft = json(z.object({ votesLeft: z.number().int() }), 'Votes left');
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/topics/{id}/votes',
      summary: 'Vote for a topic (signed in): 409 `already_voted` or `vote_limit`',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: { 201: VotesLeft, 409: Conflict, ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await visible(c, slug);
      return c.json(await vote(c.var.db, v.conference, await getTopic(c.var.db, v.event.id, id), c.var.viewer!.id), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/conferences/{slug}/topics/{id}/votes',
      summary: 'Withdraw a vote (signed in); the vote can be used again',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: { 200: VotesLeft, ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const v = await visible(c, slug);
      return c.json(await unvote(c.var.db, v.conference, await getTopic(c.var.db, v.event.id, id), c.var.viewer!.id), 200);
    },
    hook,
  );

  const AppCreated = json(z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES) }), 'The application');
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/applications',
      summary: 'Apply for a seat at a symposium (no sign-in); the same email again answers 200 with the application',
      tags: ['conferences'],
      middleware: [allow('public')] as const,
      request: { params: slugParam, body: body(applicationInput.openapi('ApplicationInput')) },
      responses: { 201: AppCreated, 200: AppCreated, 409: Conflict, ...errorResponses },
    }),
    async (c) => {
      const v = await visible(c, c.req.valid('param').slug);
      await rsvpRateLimit(c, v.event.id);
      const r = await apply(c.var.db, v.conference, c.req.valid('json'));
      const out = { id: r.application.id, status: r.application.status };
      return r.created ? c.json(out, 201) : c.json(out, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/applications',
      summary: 'Applications, filtered (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        params: slugParam,
        query: z.object({
          status: z.enum(APPLICATION_STATUSES).optional(),
          sector: z.string().max(40).optional(),
          careerStage: z.enum(CAREER_STAGES).optional(),
          government: z.enum(['yes', 'no']).optional(),
        }),
      },
      responses: { 200: json(z.object({ applications: z.array(ApplicationOut) }), 'The applications'), ...errorResponses },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      const list = await listApplications(c.var.db, v.event.id, c.req.valid('query'));
      const out = [];
      for (const a of list) out.push(await applicationJson(c, v, a));
      return c.json({ applications: out }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/applications/counts',
      summary: 'Live counts by status and the mix of those selected (accepted and confirmed) against the targets (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            capacity: z.number().int().nullable(),
            byStatus: Tally,
            selected: z.object({
              sector: Tally,
              government: z.object({ yes: z.number().int(), no: z.number().int() }),
              careerStage: Tally,
              language: Tally,
            }),
            targets: z.record(z.string(), z.record(z.string(), z.number().int())),
          }),
          'The counts',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { seats } = await managedSeats(c, c.req.valid('param').slug);
      return c.json(await applicationCounts(c.var.db, seats), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/conferences/{slug}/applications/{id}',
      summary: 'Score an application and keep notes on it (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(applicationNotesInput.openapi('ApplicationNotes')) },
      responses: { 200: json(ApplicationOut, 'The application'), ...errorResponses },
    }),
    async (c) => {
      const { v, a } = await managedApplication(c, c.req.valid('param'));
      const saved = await saveNotes(c.var.db, a, c.req.valid('json'));
      return c.json(await applicationOut(c, v, saved.id), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/applications/{id}/decision',
      summary: 'Accept (with a deadline to confirm, 7 days unless given), waitlist or decline an application (organizers)',
      security: [{ bearer: [] }],
      tags: ['conferences'],
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(applicationDecisionInput.openapi('ApplicationDecision')) },
      responses: { 200: json(ApplicationOut, 'The application'), ...errorResponses },
    }),
    async (c) => {
      const { v, seats, a } = await managedApplication(c, c.req.valid('param'));
      await decideApplication(c.var.db, seats, a, c.req.valid('json'));
      return c.json(await applicationOut(c, v, a.id), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/applications/release-expired',
      summary: 'Release offers past their deadline now and move the waitlist up (organizers; also runs each minute)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: { 200: json(z.object({ released: z.number().int(), promoted: z.number().int() }), 'What moved'), ...errorResponses },
    }),
    async (c) => {
      const { seats } = await managedSeats(c, c.req.valid('param').slug);
      return c.json(await releaseExpired(c.var.db, seats), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/applications/answer/{token}',
      summary: 'Confirm or decline an offered seat with the emailed link (no sign-in; repeatable)',
      description: 'No seat left: 409 `full`. Past the deadline: 410 `expired`.',
      tags: ['conferences'],
      middleware: [allow('public')] as const,
      request: {
        params: z.object({ slug: z.string().max(100), token: z.string().max(2000) }),
        body: body(answerInput.openapi('ApplicationAnswer')),
      },
      responses: {
        200: json(z.object({ status: z.enum(['confirmed', 'released']) }), 'The answer is recorded'),
        409: Conflict,
        410: Gone,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, token } = c.req.valid('param');
      const id = await applicationFromToken(c.var.deps.secret, token);
      const v = await getConference(c.var.db, slug);
      const a = id ? await applicationById(c.var.db, id).catch(() => null) : null;
      if (!a || a.eventId !== v.event.id) throw notFound();
      const status = await answer(c.var.db, seatsOf(v.event, v.conference), a, c.req.valid('json').answer);
      return c.json({ status: status === 'confirmed' ? ('confirmed' as const) : ('released' as const) }, 200);
    },
    hook,
  );
}
