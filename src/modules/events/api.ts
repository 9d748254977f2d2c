import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses } from '../../platform/http/api';
import { errorMessages } from '../../platform/http/validation';
import { EVENT_LINK_GRACE_DAYS, eventLinkExpired, verifyLink } from '../../platform/auth/tokens';
import { AppError, notFound } from '../../platform/http/errors';
import type { Locale } from '../../platform/i18n';
import { eventsMessages } from './messages';
import { registerAttendeesApi } from './api-attendees';
import { json, managedEvent, slugParam } from './api-shared';
import { canSeeEvent, chapterFor, rsvpRateLimit } from './permissions';
import { isAdmin } from '../../platform/auth/roles';
import type { EventRow } from './schema';
import type { EventsHooks } from './service/hooks';
import {
  cancelRsvp,
  createEvent,
  createRsvp,
  eventFields,
  eventInput,
  eventUrl,
  getEvent,
  getEventById,
  getRsvp,
  getSeriesById,
  listEvents,
  listSeries,
  rsvpInput,
  updateEvent,
  waitlistPosition,
} from './service';

const Local = z.object({ en: z.string().nullable().optional(), es: z.string().nullable().optional() }).openapi('LocalText');
const Event = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    url: z.string(),
    series: z.string().nullable(),
    chapter: z.string().nullable().openapi({ description: 'The slug of the chapter that runs it' }),
    title: Local,
    summary: Local,
    description: Local,
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    format: z.enum(['in_person', 'online', 'hybrid']),
    status: z.enum(['draft', 'published', 'cancelled', 'postponed']),
    pastRecord: z
      .boolean()
      .openapi({ description: 'Created with a start in the past: a record of history that takes no RSVPs and sends no email' }),
    capacity: z.number().int().nullable(),
    going: z.number().int(),
    spotsLeft: z.number().int().nullable(),
    requiresApproval: z.boolean(),
    requireEmailConfirmation: z.boolean(),
    rsvpOpensAt: z.string().nullable(),
    rsvpClosesAt: z.string().nullable(),
    venue: z.record(z.string(), z.unknown()),
    accessibility: z.record(z.string(), z.unknown()),
    speakers: z.array(z.record(z.string(), z.unknown())),
    questions: z.array(z.record(z.string(), z.unknown())),
    livestreamUrl: z.string().nullable(),
    livestreamViews: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Views of the livestream, entered by an organizer or fetched from YouTube (with YOUTUBE_API_KEY)' }),
    livestreamViewsFetchedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When `livestreamViews` was last fetched from YouTube; null when entered or never fetched' }),
    recordingUrl: z.string().nullable(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
  })
  .openapi('Event');

/**
 * The service's own fields, each optional (a PATCH sends only what changes). Only the service's whole
 * schema, with its defaults, cross-field checks and merge for PATCH, reads the body: this one documents it
 * and refuses unknown fields.
 */
const EventBody = eventFields.partial().openapi('EventInput');

/**
 * Event error keys are the module's, so its routes translate them from its catalog. Cast so that the
 * route's input types come from its schemas, not from the hook's `any`.
 */
const hook = apiValidationHookFor(eventsMessages) as never;

/** `seriesSlugs` (id → slug) lets a list name every event's series with one query, not one per event. */
async function toJson(c: Ctx, e: EventRow, seriesSlugs?: Map<string, string>) {
  const series = seriesSlugs
    ? { slug: e.seriesId ? (seriesSlugs.get(e.seriesId) ?? null) : null }
    : await getSeriesById(c.var.db, e.seriesId);
  return {
    id: e.id,
    slug: e.slug,
    url: eventUrl(c.var.deps.config.baseUrl, c.var.locale, e.slug),
    series: series?.slug ?? null,
    chapter: e.chapter,
    title: e.title,
    summary: e.summary,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    format: e.format,
    status: e.status,
    pastRecord: e.pastRecord,
    capacity: e.capacity,
    going: e.goingCount,
    spotsLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.goingCount),
    requiresApproval: e.requiresApproval,
    requireEmailConfirmation: e.requireEmailConfirmation,
    rsvpOpensAt: e.rsvpOpensAt?.toISOString() ?? null,
    rsvpClosesAt: e.rsvpClosesAt?.toISOString() ?? null,
    venue: { ...e.venue },
    accessibility: { ...e.accessibility },
    speakers: e.speakers.map((s) => ({ ...s })),
    questions: e.questions.map((q) => ({ ...q })),
    livestreamUrl: e.livestreamUrl,
    livestreamViews: e.livestreamViews,
    livestreamViewsFetchedAt: e.livestreamViewsFetchedAt?.toISOString() ?? null,
    recordingUrl: e.recordingUrl,
    links: e.links,
  };
}

function invalid(c: Ctx, error: z.ZodError) {
  const fields = errorMessages(c, error, eventsMessages);
  return c.json({ error: { code: 'validation_failed', message: c.var.t('errors.validation'), fields } }, 422);
}

/**
 * The body as sent, once the route's schema has checked it: the field schema fills defaults, which on a
 * PATCH would overwrite what the organizer left out.
 */
async function sentBody(c: Ctx): Promise<Record<string, unknown>> {
  return (await c.req.json()) as Record<string, unknown>;
}

async function visibleEvent(c: Ctx, slug: string) {
  const e = await getEvent(c.var.db, slug);
  if (!canSeeEvent(c.var.viewer, e)) throw notFound();
  return e;
}

export function registerEventsApi(api: OpenAPIHono<AppEnv>, hooks: EventsHooks = {}) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events',
      summary: 'Upcoming events (or past ones), paged',
      tags: ['events'],
      middleware: [allow('public')] as const,
      request: {
        query: z.object({
          when: z.enum(['upcoming', 'past']).default('upcoming'),
          format: z.enum(['in_person', 'online', 'hybrid']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: { 200: json(z.object({ events: z.array(Event), total: z.number().int() }), 'A page of events'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await listEvents(c.var.db, { when: q.when, format: q.format, limit: q.limit, offset: q.offset });
      const seriesSlugs = new Map((await listSeries(c.var.db)).map((x) => [x.id, x.slug]));
      return c.json({ events: await Promise.all(r.events.map((e) => toJson(c, e, seriesSlugs))), total: r.total }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events/{slug}',
      summary: 'One event',
      tags: ['events'],
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: { 200: json(Event, 'The event'), ...errorResponses },
    }),
    async (c) => c.json(await toJson(c, await visibleEvent(c, c.req.valid('param').slug)), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/events',
      summary: 'Create an event (organizers)',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { body: { content: { 'application/json': { schema: EventBody } }, required: true } },
      responses: { 201: json(Event, 'The new event, with its slug and page URL'), ...errorResponses },
    }),
    async (c) => {
      const parsed = eventInput.safeParse(await sentBody(c));
      if (!parsed.success) return invalid(c, parsed.error) as never;
      const chapter = chapterFor(c.var.viewer!, parsed.data.chapter);
      const e = await createEvent(c.var.db, { ...parsed.data, chapter }, c.var.viewer!.id);
      return c.json(await toJson(c, e), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/events/{slug}',
      summary: 'Change an event (organizers); attendees get an updated invite',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: { content: { 'application/json': { schema: EventBody } }, required: true } },
      responses: { 200: json(Event, 'The event'), ...errorResponses },
    }),
    async (c) => {
      const e = await managedEvent(c, c.req.valid('param').slug);
      const body = await sentBody(c);
      // Moving an event to another chapter (or to none) hands its attendee list to other organizers.
      if ('chapter' in body && (body.chapter ?? null) !== e.chapter && !isAdmin(c.var.viewer)) {
        throw new AppError('chapter_admins_only', 403, 'events.error.chapterAdminsOnly');
      }
      try {
        return c.json(await toJson(c, await updateEvent(c.var.db, e.slug, body)), 200);
      } catch (err) {
        if (err instanceof z.ZodError) return invalid(c, err) as never;
        throw err;
      }
    },
    hook,
  );

  const RsvpOut = z
    .object({
      id: z.uuid(),
      status: z.enum(['going', 'waitlist', 'pending', 'declined', 'cancelled', 'walkin']),
      waitlistPosition: z.number().int().optional(),
    })
    .openapi('Rsvp');
  const RsvpReceived = z.object({ received: z.literal(true), message: z.string() }).openapi('RsvpReceived');
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/events/{slug}/rsvps',
      summary: 'RSVP: a seat if one is free, else the waitlist (or pending approval)',
      description:
        'Called with an API token for your own email: 201 with the new RSVP, or 200 with your existing one. Otherwise the answer is always 202 "received", whether the address is new or already on the list: the status and the manage/cancel link go to the email address only, and an existing RSVP is left unchanged.',
      tags: ['events'],
      middleware: [allow('public')] as const,
      request: {
        params: slugParam,
        body: {
          content: {
            'application/json': {
              schema: rsvpInput,
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(RsvpOut, 'Created (your own address)'),
        200: json(RsvpOut, 'Already RSVPed: your existing RSVP'),
        202: json(RsvpReceived, 'Received: details emailed to the address'),
        409: json(z.any(), 'Closed, cancelled, or taken by application only (`application_required`)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const e = await visibleEvent(c, c.req.valid('param').slug);
      await rsvpRateLimit(c, e.id);
      const refused = await hooks.registration?.refusal(c.var.db, e, c.var.locale as Locale);
      if (refused) throw new AppError(refused.code, 409, refused.messageKey);
      const input = { ...c.req.valid('json'), language: c.req.valid('json').language ?? (c.var.locale as Locale) };
      const viewer = c.var.viewer;
      const owner = !!viewer && viewer.email.toLowerCase() === input.email.toLowerCase();
      const r = await createRsvp(c.var.db, e, input, { source: 'api', owner });
      // Decision 0011: only the owner of the address learns about its RSVP from this answer.
      if (!owner)
        return c.json(
          {
            received: true as const,
            message: eventsMessages.any(c.var.locale as Locale)('events.rsvp.sent.body', { email: input.email }),
          },
          202,
        );
      // Counted after the commit, among the line as it now stands.
      const position = await waitlistPosition(c.var.db, r.rsvp);
      const out = { id: r.rsvp.id, status: r.rsvp.status, ...(position ? { waitlistPosition: position } : {}) };
      return c.json(out, r.created ? 201 : 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/rsvps/{token}',
      summary: 'Cancel an RSVP with the signed token from its manage link (no sign-in needed)',
      tags: ['events'],
      middleware: [allow('public')] as const,
      request: { params: z.object({ token: z.string().max(2000) }) },
      responses: { 200: json(RsvpOut, 'Cancelled'), ...errorResponses },
    }),
    async (c) => {
      const claims = await verifyLink<{ r: string }>(c.var.deps.secret, 'rsvp', c.req.valid('param').token);
      if (!claims) throw new AppError('invalid_link', 404, 'events.manage.badLink');
      const rsvp = await getRsvp(c.var.db, claims.r);
      if (eventLinkExpired((await getEventById(c.var.db, rsvp.eventId)).endsAt))
        throw new AppError('link_expired', 410, 'events.manage.expired', { days: String(EVENT_LINK_GRACE_DAYS) });
      const r = await cancelRsvp(c.var.db, claims.r, hooks.registration?.released);
      return c.json({ id: r.id, status: r.status }, 200);
    },
  );

  registerAttendeesApi(api);
}
