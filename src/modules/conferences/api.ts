import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses, invalidFrom } from '../../platform/http/api';
import { AppError } from '../../platform/http/errors';
import { canSeeEvent, rsvpRateLimit } from '../events';
import { assertOrganize, canOrganize } from './permissions';
import { conferencesMessages } from './messages';
import { body, Conflict, hook, json, managed, sessionParams, slugParam, validated, visible } from './api-common';
import {
  addRoom,
  addTrack,
  agendaOf,
  agendaToken,
  conferenceInput,
  conferencePatch,
  createConference,
  createSession,
  feedbackInput,
  getSession,
  giveFeedback,
  listConferences,
  listSignups,
  roomInput,
  sessionInput,
  signUp,
  signupInput,
  star,
  sessionToInput,
  trackInput,
  updateConference,
  updateSession,
  type ConferenceView,
} from './service';
import { importSchedule, IMPORT_MAX_BYTES } from './service/import';
import { conferenceUrl } from './lib/urls';
import { utcToZoned } from '../../platform/time';

const IdOut = z.object({ id: z.uuid() });

const ConferenceOut = z
  .object({
    slug: z.string(),
    acronym: z.string(),
    url: z.string(),
    kind: z.enum(['conference', 'symposium']),
    title: z.object({ en: z.string().nullable(), es: z.string().nullable() }),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    status: z.string(),
    scheduleUrl: z.string(),
    requiresApplication: z.boolean(),
    cfpOpensAt: z.string().nullable(),
    cfpClosesAt: z.string().nullable(),
    votesPerMember: z.number().int(),
  })
  .openapi('Conference');

function conferenceJson(c: Ctx, v: ConferenceView) {
  const base = c.var.deps.config.baseUrl;
  return {
    slug: v.event.slug,
    acronym: v.conference.acronym,
    url: conferenceUrl(base, c.var.locale, v.event.slug),
    kind: v.conference.kind,
    title: { en: v.event.title.en ?? null, es: v.event.title.es ?? null },
    startsAt: v.event.startsAt.toISOString(),
    endsAt: v.event.endsAt.toISOString(),
    timeZone: v.event.timeZone,
    status: v.event.status,
    scheduleUrl: conferenceUrl(base, c.var.locale, v.event.slug, '/schedule'),
    requiresApplication: v.conference.requiresApplication,
    cfpOpensAt: v.conference.cfpOpensAt?.toISOString() ?? null,
    cfpClosesAt: v.conference.cfpClosesAt?.toISOString() ?? null,
    votesPerMember: v.conference.votesPerMember,
  };
}

async function managedSession(c: Ctx, p: { slug: string; code: string }) {
  const v = await managed(c, p.slug);
  return { v, s: await getSession(c.var.db, v.event.id, p.code) };
}

async function visibleSession(c: Ctx, p: { slug: string; code: string }) {
  const v = await visible(c, p.slug);
  return { v, s: await getSession(c.var.db, v.event.id, p.code) };
}

export function registerConferencesApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences',
      summary: 'Conferences and symposia (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: json(z.object({ conferences: z.array(ConferenceOut), total: z.number().int() }), 'A page of conferences'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      // Drafts only for those who may edit them: an organizer of another chapter sees published ones.
      const all = (await listConferences(c.var.db, { limit: 10_000, offset: 0 })).list.filter((v) => canSeeEvent(c.var.viewer, v.event));
      return c.json({ conferences: all.slice(q.offset, q.offset + q.limit).map((v) => conferenceJson(c, v)), total: all.length }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences',
      summary: 'Create a conference or symposium (organizers): an event with a programme',
      description:
        'The slug also works under `/api/v1/events/{slug}` (RSVPs). Times: ISO 8601 with an offset, or wall-clock time in `timeZone`.',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { body: body(conferenceInput.openapi('ConferenceInput')) },
      responses: { 201: json(ConferenceOut, 'The new conference'), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      assertOrganize(c.var.viewer, { chapter: input.chapter ?? null });
      const v = await validated(() => createConference(c.var.db, input, c.var.viewer!.id));
      return c.json(conferenceJson(c, v), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/conferences/{slug}',
      summary: 'Change a conference (organizers); registered people get an updated invite when times change',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(conferencePatch.openapi('ConferencePatch')) },
      responses: { 200: json(ConferenceOut, 'The conference'), ...errorResponses },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const v = await managed(c, slug);
      const patch = c.req.valid('json');
      if (patch.chapter !== undefined && (patch.chapter ?? null) !== v.event.chapter)
        assertOrganize(c.var.viewer, { chapter: patch.chapter ?? null });
      return c.json(conferenceJson(c, await validated(() => updateConference(c.var.db, slug, patch))), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/tracks',
      summary: 'Add a track (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(trackInput.openapi('TrackInput')) },
      responses: { 201: json(IdOut, 'The new track'), ...errorResponses },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      return c.json({ id: (await addTrack(c.var.db, v.event.id, c.req.valid('json'))).id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/rooms',
      summary: 'Add a room with its capacity and access features (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(roomInput.openapi('RoomInput')) },
      responses: { 201: json(IdOut, 'The new room'), ...errorResponses },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      return c.json({ id: (await addRoom(c.var.db, v.event.id, c.req.valid('json'))).id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/sessions',
      summary: 'Add a session (organizers); a room or speaker already booked at that time is a 409',
      description:
        'Times: ISO 8601 with an offset, or wall-clock time in the conference’s zone; the session must fall within the conference. `capacity` (workshop seats, at most the room’s capacity) turns on sign-ups.',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(sessionInput.openapi('SessionInput')) },
      responses: {
        201: json(z.object({ id: z.uuid(), code: z.string(), guid: z.uuid() }), 'The new session'),
        409: Conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const v = await managed(c, c.req.valid('param').slug);
      const s = await createSession(c.var.db, v.event, c.req.valid('json'));
      return c.json({ id: s.id, code: s.code, guid: s.guid }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/conferences/{slug}/sessions/{code}',
      summary: 'Change a session (organizers): the same rules as adding one; seats never below those taken',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: sessionParams, body: body(sessionInput.partial().openapi('SessionPatch')) },
      responses: {
        200: json(z.object({ id: z.uuid(), code: z.string(), guid: z.uuid() }), 'The session'),
        409: Conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { v, s } = await managedSession(c, c.req.valid('param'));
      const merged = sessionInput.safeParse({ ...sessionToInput(s, v.event.timeZone, utcToZoned), ...(await c.req.json()) });
      if (!merged.success) throw invalidFrom(merged.error);
      const saved = await updateSession(c.var.db, v.event, s, merged.data);
      return c.json({ id: saved.id, code: saved.code, guid: saved.guid }, 200);
    },
    hook,
  );

  const SignupOut = z
    .object({ status: z.enum(['confirmed', 'waitlist']), waitlistPosition: z.number().int().optional() })
    .openapi('SessionSignupResult');
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/sessions/{code}/signups',
      summary: 'Sign up for a workshop seat (people registered for the conference)',
      description:
        'A seat if one is free, else the waitlist: 201. The same email again: 200 with the existing sign-up, unchanged. Not registered for the conference with that email, a session without sign-ups or one that has started: 409. The details and a cancel link go to the registered email address.',
      tags: ['conferences'],
      middleware: [allow('public')] as const,
      request: { params: sessionParams, body: body(signupInput.openapi('SessionSignupInput')) },
      responses: { 201: json(SignupOut, 'Signed up'), 200: json(SignupOut, 'Already signed up'), 409: Conflict, ...errorResponses },
    }),
    async (c) => {
      const { v, s } = await visibleSession(c, c.req.valid('param'));
      await rsvpRateLimit(c, v.event.id);
      const r = await signUp(c.var.db, v.event, s, c.req.valid('json'));
      const status: 'waitlist' | 'confirmed' = r.signup.status === 'waitlist' ? 'waitlist' : 'confirmed';
      const out = { status, ...(r.waitlistPosition != null ? { waitlistPosition: r.waitlistPosition } : {}) };
      return r.created ? c.json(out, 201) : c.json(out, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/sessions/{code}/signups',
      summary: 'A workshop’s sign-ups, in order of arrival (organizers)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        params: sessionParams,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        200: json(
          z.object({
            signups: z.array(
              z.object({
                name: z.string(),
                email: z.string(),
                language: z.enum(['en', 'es']),
                status: z.enum(['confirmed', 'waitlist', 'cancelled']),
                waitlistPosition: z.number().int().nullable(),
                createdAt: z.string(),
              }),
            ),
            total: z.number().int(),
          }),
          'A page of sign-ups',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { s } = await managedSession(c, c.req.valid('param'));
      const r = await listSignups(c.var.db, s.id, c.req.valid('query'));
      return c.json(
        {
          signups: r.signups.map((x) => ({
            name: x.name,
            email: x.email,
            language: x.language,
            status: x.status as 'confirmed' | 'waitlist' | 'cancelled',
            waitlistPosition: x.waitlistPosition,
            createdAt: x.createdAt.toISOString(),
          })),
          total: r.total,
        },
        200,
      );
    },
    hook,
  );

  const AgendaOut = z.object({ sessions: z.array(z.object({ code: z.string() })), icsUrl: z.string() }).openapi('Agenda');
  async function agendaJson(c: Ctx, v: ConferenceView) {
    const personId = c.var.viewer!.id;
    const list = await agendaOf(c.var.db, v.event.id, personId);
    const token = await agendaToken(c.var.deps.secret, personId, v.event.id);
    return {
      sessions: list.map((s) => ({ code: s.code })),
      icsUrl: conferenceUrl(c.var.deps.config.baseUrl, 'en', v.event.slug, `/agenda/${token}.ics`),
    };
  }

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/agenda',
      summary: 'Star a session for the token’s person (my agenda)',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam, body: body(z.object({ code: z.string().max(20) }).openapi('AgendaStar')) },
      responses: { 201: json(AgendaOut, 'The agenda, with its private calendar feed (no sign-in needed to read it)'), ...errorResponses },
    }),
    async (c) => {
      const v = await visible(c, c.req.valid('param').slug);
      const s = await getSession(c.var.db, v.event.id, c.req.valid('json').code);
      await star(c.var.db, c.var.viewer!.id, s.id);
      return c.json(await agendaJson(c, v), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/conferences/{slug}/agenda',
      summary: 'The token’s person’s starred sessions and private calendar feed',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam },
      responses: { 200: json(AgendaOut, 'The agenda'), ...errorResponses },
    }),
    async (c) => c.json(await agendaJson(c, await visible(c, c.req.valid('param').slug)), 200),
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/{slug}/sessions/{code}/feedback',
      summary: 'Rate a session 1–5 with an optional comment: anonymous, once per person, from its start',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: sessionParams, body: body(feedbackInput.openapi('SessionFeedback')) },
      responses: { 201: json(z.object({ received: z.literal(true) }), 'Recorded without the author'), 409: Conflict, ...errorResponses },
    }),
    async (c) => {
      const { s } = await visibleSession(c, c.req.valid('param'));
      await giveFeedback(c.var.db, c.var.deps.secret, s, c.var.viewer!.id, c.req.valid('json'));
      return c.json({ received: true as const }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/conferences/import',
      summary: 'Import a frab or pretalx schedule.xml into a draft conference (organizers)',
      description:
        'The body is the XML file (at most 10 MB). A conference with the same acronym is updated (while it is a draft); broken XML is refused whole. `timeZone` is needed when the file has no `time_zone_name`.',
      tags: ['conferences'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        query: z.object({ timeZone: z.string().max(64).optional() }),
        body: { content: { 'application/xml': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
      },
      responses: {
        201: json(
          z.object({
            slug: z.string(),
            sessions: z.number().int(),
            speakers: z.number().int(),
            skipped: z.array(z.object({ title: z.string(), reason: z.string() })),
          }),
          'What was imported',
        ),
        409: Conflict,
        413: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Larger than 10 MB'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const raw = await c.req.arrayBuffer();
      if (raw.byteLength > IMPORT_MAX_BYTES) throw new AppError('too_large', 413, 'conferences.error.tooBig');
      const r = await importSchedule(c.var.db, Buffer.from(raw).toString('utf8'), {
        timeZone: c.req.valid('query').timeZone,
        actorId: c.var.viewer!.id,
        canUpdate: (e) => canOrganize(c.var.viewer, e),
      });
      const t = conferencesMessages.for(c.var.locale);
      return c.json(
        {
          slug: r.slug,
          sessions: r.sessions,
          speakers: r.speakers,
          skipped: r.skipped.map((s) => ({ title: s.title, reason: t(s.reason) })),
        },
        201,
      );
    },
  );
}
