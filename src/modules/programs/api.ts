import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses, invalidFrom } from '../../platform/http/api';
import { bearer, body, conflict, hook, json, Local, managed, sentKeys, tags } from './api-shared';
import { AppError, forbidden } from '../../platform/http/errors';
import { shared } from '../../platform/i18n/messages';
import { canManageProgram, teamAccess } from './permissions';
import { registerWorksheetApi } from './api-worksheets';
import { registerDeliverableApi } from './api-deliverables';
import { APPLICATION_STATUSES, SESSION_KINDS, SLOT_KINDS, type Program, type Session, type Slot } from './schema';
import {
  applicationInput,
  apply,
  book,
  bookingInput,
  cancelBooking,
  createProgram,
  createSlot,
  decide,
  decisionInput,
  getApplication,
  getBooking,
  getProgram,
  getSlot,
  getTeam,
  isoInZone,
  listApplications,
  listSlots,
  listTeams,
  moveSlot,
  cancelSlot,
  setCapacity,
  programInput,
  progress,
  reasonsIn,
  review,
  reviewInput,
  slotInput,
  slotMoveInput,
  teamOfPerson,
  attendanceInput,
  markAttendance,
  changeSession,
  createSession,
  getSession,
  listSessions,
  sessionChangeInput,
  sessionInput,
  programChangeInput,
  programEditInput,
  updateProgram,
} from './service';

const slugParam = z.object({ slug: z.string().max(100) });
const idParams = z.object({ slug: z.string().max(100), id: z.string().max(100) });
const paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
const ProgramOut = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    url: z.string(),
    chapter: z.string().nullable(),
    title: Local,
    description: Local,
    timeZone: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    applicationDeadline: z
      .string()
      .openapi({ description: 'An instant with the program zone’s offset', example: '2026-08-21T23:59:59-04:00' }),
    languages: z.array(z.string()),
    bookingQuotas: z.record(z.string(), z.number()),
    questions: z.array(z.any()),
    eligibility: z.array(z.any()),
    tags: z.array(z.object({ key: z.string(), description: Local })),
  })
  .openapi('Program');
const SlotOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(SLOT_KINDS),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.number(),
    booked: z.number(),
    cancelled: z.boolean(),
  })
  .openapi('ProgramSlot');
const BookingOut = z
  .object({ id: z.uuid(), slotId: z.uuid(), teamId: z.uuid(), status: z.enum(['booked', 'cancelled']), sequence: z.number() })
  .openapi('ProgramBooking');
const SessionOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(SESSION_KINDS),
    title: Local,
    startsAt: z.string(),
    endsAt: z.string(),
    link: z.string().nullable(),
    tags: z.array(z.string()),
    sequence: z.number(),
    cancelled: z.boolean(),
  })
  .openapi('ProgramSession');
const Member = z.object({ name: z.string(), email: z.string(), role: z.string().nullable() });

function programJson(c: Ctx, p: Program) {
  return {
    id: p.id,
    slug: p.slug,
    url: `${c.var.deps.config.baseUrl}/programs/${p.slug}`,
    chapter: p.chapter,
    title: p.title,
    description: p.description,
    timeZone: p.timeZone,
    startsAt: isoInZone(p.startsAt, p.timeZone),
    endsAt: isoInZone(p.endsAt, p.timeZone),
    applicationDeadline: isoInZone(p.applicationDeadline, p.timeZone),
    languages: p.languages,
    bookingQuotas: p.bookingQuotas,
    questions: p.questions,
    eligibility: p.eligibility,
    tags: p.tags,
  };
}

const slotJson = (p: Program, s: Slot) => ({
  id: s.id,
  kind: s.kind,
  startsAt: isoInZone(s.startsAt, p.timeZone),
  endsAt: isoInZone(s.endsAt, p.timeZone),
  capacity: s.capacity,
  booked: s.booked,
  cancelled: !!s.cancelledAt,
});

const sessionJson = (p: Program, s: Session) => ({
  id: s.id,
  kind: s.kind,
  title: s.title,
  startsAt: isoInZone(s.startsAt, p.timeZone),
  endsAt: isoInZone(s.endsAt, p.timeZone),
  link: s.link,
  tags: s.tags,
  sequence: s.sequence,
  cancelled: !!s.cancelledAt,
});

/** The team a booking request is for: the one named (organizers, or its own members), else the caller's. */
async function bookingTeam(c: Ctx, p: Program, teamId: string | undefined): Promise<string> {
  const viewer = c.var.viewer!;
  const own = await teamOfPerson(c.var.db, p.id, viewer.id);
  if (teamId) {
    if (canManageProgram(viewer, p) || own?.id === teamId) return (await getTeam(c.var.db, p.id, teamId)).id;
    throw forbidden();
  }
  if (own) return own.id;
  throw new AppError('validation_failed', 422, 'errors.validation', { teamId: 'programs.error.noTeam' });
}

/** An application of a program the caller organizes, from the route's `{slug}` and `{id}`. */
async function managedApplication(c: Ctx, params: { slug: string; id: string }) {
  const p = await managed(c, params.slug);
  return { p, a: await getApplication(c.var.db, p.id, params.id) };
}

/** A booking the caller may see: organizers, or members of its team. */
async function visibleBooking(c: Ctx, params: { slug: string; id: string }) {
  const p = await getProgram(c.var.db, params.slug);
  const b = await getBooking(c.var.db, p.id, params.id);
  await assertBookingAccess(c, p, b.teamId);
  return { p, b };
}

/** A session of a program the caller organizes. */
async function managedSession(c: Ctx, params: { slug: string; id: string }) {
  const p = await managed(c, params.slug);
  return { p, s: await getSession(c.var.db, p.id, params.id) };
}

/** Organizers, or members of the booking's team. */
async function assertBookingAccess(c: Ctx, p: Program, teamId: string) {
  await teamAccess(c.var.db, c.var.viewer, p, teamId);
}

export function registerProgramsApi(api: OpenAPIHono<AppEnv>) {
  registerWorksheetApi(api);
  registerDeliverableApi(api);

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs',
      summary: 'Create a cohort program (organizers)',
      description:
        'Times with an offset are instants; a date-time without one is read in `timeZone`; a date alone is the start of that day, or its last moment for `endsAt` and `applicationDeadline`.',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { body: body(programInput.openapi('ProgramInput')) },
      responses: { 201: json(ProgramOut, 'The program'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      if (!canManageProgram(c.var.viewer, { chapter: input.chapter ?? null })) throw forbidden();
      const p = await createProgram(c.var.db, input, c.var.viewer!.id);
      return c.json(programJson(c, p), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}',
      summary: 'A program: dates, deadline (with the program zone’s offset), questions, rules, quotas',
      tags,
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: { 200: json(ProgramOut, 'The program'), ...errorResponses },
    }),
    async (c) => c.json(programJson(c, await getProgram(c.var.db, c.req.valid('param').slug)), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/programs/{slug}',
      summary: 'Change a program; what is left out stays (organizers)',
      description:
        'The same rules as the edit page: the whole program after the change is checked as when creating it, except that a deadline already passed may stay as it is. The slug never changes (send none, or the one it has). Times are read as on create; changing only `timeZone` keeps the stored instants. Teams get the new `bookingQuotas`, never below what they have booked. When `questions` or `eligibility` change, every open application (`submitted`, `ineligible`, `waitlisted`) is checked again: its status stays, and what the new ones find wrong is listed in its `flags` (`recheck` counts them).',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(programChangeInput.openapi('ProgramChange')) },
      responses: {
        200: json(
          ProgramOut.extend({
            recheck: z
              .object({ checked: z.number(), flagged: z.number() })
              .nullable()
              .openapi({ description: 'Open applications checked again and how many are flagged; null when questions and rules stayed' }),
          }),
          'The program as saved',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      const sent = await sentKeys(c.req);
      if (sent.slug !== undefined && sent.slug !== p.slug)
        throw new AppError('validation_failed', 422, 'errors.validation', { slug: 'programs.error.slugFixed' });
      const current: Record<string, unknown> = {
        chapter: p.chapter,
        title: p.title,
        description: p.description,
        timeZone: p.timeZone,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        applicationDeadline: p.applicationDeadline.toISOString(),
        languages: p.languages,
        bookingQuotas: p.bookingQuotas,
        questions: p.questions,
        eligibility: p.eligibility,
        tags: p.tags,
      };
      for (const k of Object.keys(current)) if (k in sent) current[k] = sent[k];
      const parsed = programEditInput(p.applicationDeadline).safeParse(current);
      if (!parsed.success) throw invalidFrom(parsed.error);
      // Moving it to another chapter needs the right to run programs there too.
      if (!canManageProgram(c.var.viewer, { chapter: parsed.data.chapter ?? null })) throw forbidden();
      const { program, recheck } = await updateProgram(c.var.db, p, parsed.data);
      return c.json({ ...programJson(c, program), recheck }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/applications',
      summary: 'Apply to a program (public)',
      description:
        'Rules are checked at once: a failed rule keeps the application as `ineligible` with its reasons in the applicant’s `language`. After the deadline: 409 `deadline_passed`, nothing stored.',
      tags,
      middleware: [allow('public')] as const,
      request: { params: slugParam, body: body(applicationInput.openapi('ApplicationInput')) },
      responses: {
        201: json(
          z.object({
            id: z.uuid(),
            status: z.enum(['submitted', 'ineligible']),
            reasons: z.array(z.object({ field: z.string(), message: z.string() })),
          }),
          'Kept',
        ),
        ...conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      // Every message of this answer, errors included, in the language the applicant chose.
      c.set('locale', input.language);
      c.set('t', shared.any(input.language));
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      const a = await apply(c.var.db, p, input);
      return c.json({ id: a.id, status: a.status as 'submitted' | 'ineligible', reasons: reasonsIn(a.reasons, a.language) }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/applications',
      summary: 'Applications, best average score first (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: {
        params: slugParam,
        query: z.object({
          status: z.enum(APPLICATION_STATUSES).optional(),
          flagged: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: '`true`: only applications flagged by a change of questions or rules' }),
          ...paging,
        }),
      },
      responses: {
        200: json(
          z.object({
            applications: z.array(
              z.object({
                id: z.uuid(),
                organization: z.string(),
                status: z.enum(APPLICATION_STATUSES),
                language: z.enum(['en', 'es']),
                contact: z.object({ name: z.string(), email: z.string() }),
                members: z.array(Member),
                answers: z.record(z.string(), z.string()),
                reasons: z.array(z.object({ field: z.string(), message: Local })),
                flags: z.array(z.object({ field: z.string(), message: Local })).openapi({
                  description:
                    'What the program’s questions and rules, as changed after it came in, find wrong with it (empty: nothing). The status is not changed by them.',
                }),
                score: z.number().nullable(),
                reviews: z.number(),
              }),
            ),
            total: z.number(),
          }),
          'A page of applications',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      const q = c.req.valid('query');
      const { list, total } = await listApplications(c.var.db, p.id, { ...q, flagged: q.flagged === 'true' });
      return c.json(
        {
          applications: list.map((a) => ({
            id: a.id,
            organization: a.organization,
            status: a.status,
            language: a.language,
            contact: { name: a.contactName, email: a.contactEmail },
            members: a.members,
            answers: a.answers,
            reasons: a.reasons,
            flags: a.flags,
            score: a.score,
            reviews: a.reviews,
          })),
          total,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/applications/{id}/reviews',
      summary: 'Score an application 1–5 with a comment; scoring again replaces your score (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(reviewInput.openapi('ReviewInput')) },
      responses: { 200: json(z.object({ id: z.uuid(), score: z.number() }), 'Saved'), ...errorResponses },
    }),
    async (c) => {
      const { a } = await managedApplication(c, c.req.valid('param'));
      const input = c.req.valid('json');
      await review(c.var.db, a, c.var.viewer!.id, input);
      return c.json({ id: a.id, score: input.score }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/applications/{id}/decision',
      summary: 'Accept, decline or waitlist; the applicant is emailed in their language; accepting makes the team (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(decisionInput.openapi('DecisionInput')) },
      responses: {
        200: json(z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES), teamId: z.uuid().optional() }), 'Decided'),
        ...conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { p, a } = await managedApplication(c, c.req.valid('param'));
      const r = await decide(c.var.db, p, a, c.req.valid('json').decision, c.var.viewer!.id);
      return c.json({ id: a.id, status: r.status, ...(r.teamId ? { teamId: r.teamId } : {}) }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/teams',
      summary: 'Teams of a program (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, query: z.object(paging) },
      responses: {
        200: json(
          z.object({
            teams: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                organization: z.string(),
                language: z.enum(['en', 'es']),
                members: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
              }),
            ),
            total: z.number(),
          }),
          'A page of teams',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      const { list, total } = await listTeams(c.var.db, p.id, c.req.valid('query'));
      return c.json(
        {
          teams: list.map((t) => ({
            id: t.id,
            name: t.name,
            organization: t.organization,
            language: t.language,
            members: t.members.map((m) => ({ id: m.id, name: m.name, email: m.email })),
          })),
          total,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/slots',
      summary: 'Open a bookable slot (organizers); one after the program’s end is allowed',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(slotInput.openapi('SlotInput')) },
      responses: { 201: json(SlotOut, 'The slot'), ...errorResponses },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      return c.json(slotJson(p, await createSlot(c.var.db, p, c.req.valid('json'))), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/slots',
      summary: 'Slots with their seats taken (organizers and team members)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam, query: z.object({ kind: z.enum(SLOT_KINDS).optional() }) },
      responses: { 200: json(z.object({ slots: z.array(SlotOut) }), 'Slots, soonest first'), ...errorResponses },
    }),
    async (c) => {
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      if (!canManageProgram(c.var.viewer, p) && !(await teamOfPerson(c.var.db, p.id, c.var.viewer!.id))) throw forbidden();
      const list = await listSlots(c.var.db, p.id, c.req.valid('query').kind);
      return c.json({ slots: list.map((s) => slotJson(p, s)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/programs/{slug}/slots/{id}',
      summary: 'Move a slot, change its seats or cancel it (organizers)',
      description:
        'Moving (both `startsAt` and `endsAt`) sends every booking’s invite again with a higher SEQUENCE. `capacity` may not go below the seats taken. `cancelled: true` cancels every booking of it (METHOD:CANCEL, allowances back).',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(slotMoveInput.openapi('SlotChange')) },
      responses: { 200: json(SlotOut, 'The slot'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const p = await managed(c, slug);
      const change = c.req.valid('json');
      const baseUrl = c.var.deps.config.baseUrl;
      let s = await getSlot(c.var.db, p.id, id);
      if (change.cancelled) return c.json(slotJson(p, await cancelSlot(c.var.db, baseUrl, p, s)), 200);
      if (change.startsAt || change.endsAt)
        s = await moveSlot(c.var.db, baseUrl, p, s, {
          startsAt: change.startsAt ?? isoInZone(s.startsAt, p.timeZone),
          endsAt: change.endsAt ?? isoInZone(s.endsAt, p.timeZone),
        });
      if (change.capacity !== undefined) s = await setCapacity(c.var.db, s, change.capacity);
      return c.json(slotJson(p, s), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/slots/{id}/bookings',
      summary: 'Book a seat for a team (a member may omit teamId)',
      description:
        '201 for a new booking; 200 with the same booking when the team already holds this slot (a double click); 409 `slot_full`, `quota_exceeded`, `slot_past` or `slot_cancelled`.',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: idParams, body: body(bookingInput.openapi('BookingInput')) },
      responses: { 201: json(BookingOut, 'Booked'), 200: json(BookingOut, 'Already booked'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const p = await getProgram(c.var.db, slug);
      const teamId = await bookingTeam(c, p, c.req.valid('json').teamId);
      const { booking, created } = await book(c.var.db, c.var.deps.config.baseUrl, p, id, teamId, c.var.viewer!.id);
      const out = { id: booking.id, slotId: booking.slotId, teamId: booking.teamId, status: booking.status, sequence: booking.sequence };
      return created ? c.json(out, 201) : c.json(out, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/programs/{slug}/bookings/{id}',
      summary: 'Cancel a booking: the seat is freed and METHOD:CANCEL goes out with the same UID',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: { 200: json(BookingOut, 'Cancelled'), ...errorResponses },
    }),
    async (c) => {
      const { p, b } = await visibleBooking(c, c.req.valid('param'));
      const done = await cancelBooking(c.var.db, c.var.deps.config.baseUrl, p, b.id);
      return c.json({ id: done.id, slotId: done.slotId, teamId: done.teamId, status: done.status, sequence: done.sequence }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/bookings/{id}/invite.ics',
      summary: 'The booking’s invite as last sent (after cancelling, the METHOD:CANCEL version)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const { b } = await visibleBooking(c, c.req.valid('param'));
      return c.body(b.ics, 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="invite.ics"',
      });
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/teams/{id}/progress',
      summary: 'A team’s progress: attendance, bookings used and allowed per kind (organizers and the team)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: idParams },
      responses: {
        200: json(
          z.object({
            teamId: z.uuid(),
            attendance: z.object({ attended: z.number(), total: z.number() }),
            bookings: z.record(z.string(), z.object({ booked: z.number(), quota: z.number() })),
            deliverables: z.array(z.object({ key: z.string(), status: z.string() })),
            worksheets: z.array(z.object({ key: z.string(), answered: z.number(), total: z.number() })),
            tags: z.record(z.string(), z.object({ sessions: z.number(), deliverables: z.number() })),
          }),
          'Progress',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const p = await getProgram(c.var.db, slug);
      const t = await getTeam(c.var.db, p.id, id);
      await assertBookingAccess(c, p, t.id);
      return c.json(await progress(c.var.db, p, t.id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/sessions',
      summary: 'Schedule a session; every team member gets the invite in their language (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(sessionInput.openapi('SessionInput')) },
      responses: { 201: json(SessionOut, 'The session'), ...errorResponses },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      return c.json(sessionJson(p, await createSession(c.var.db, p, c.req.valid('json'))), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/sessions',
      summary: 'Sessions, soonest first (organizers and team members)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam },
      responses: { 200: json(z.object({ sessions: z.array(SessionOut) }), 'Sessions'), ...errorResponses },
    }),
    async (c) => {
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      if (!canManageProgram(c.var.viewer, p) && !(await teamOfPerson(c.var.db, p.id, c.var.viewer!.id))) throw forbidden();
      return c.json({ sessions: (await listSessions(c.var.db, p.id)).map((s) => sessionJson(p, s)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/programs/{slug}/sessions/{id}',
      summary:
        'Change (kind, title, times, link, tags) or cancel a session; the invite goes out again with a higher SEQUENCE (METHOD:CANCEL when cancelled)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(sessionChangeInput.openapi('SessionChange')) },
      responses: { 200: json(SessionOut, 'The session'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const { p, s } = await managedSession(c, c.req.valid('param'));
      return c.json(sessionJson(p, await changeSession(c.var.db, p, s, c.req.valid('json'))), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/programs/{slug}/sessions/{id}/attendance',
      summary: 'Mark team members present or absent at a session (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: idParams, body: body(attendanceInput.openapi('AttendanceInput')) },
      responses: { 200: json(z.object({ attended: z.number() }), 'How many members attended'), ...errorResponses },
    }),
    async (c) => {
      const { p, s } = await managedSession(c, c.req.valid('param'));
      return c.json({ attended: await markAttendance(c.var.db, p, s, c.req.valid('json').members) }, 200);
    },
    hook,
  );
}
