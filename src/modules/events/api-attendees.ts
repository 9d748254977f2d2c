import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { attendeesCsv, checkIn, searchAttendees, undoCheckIn } from './service';
import { json, managedEvent, slugParam } from './api-shared';

/** Organizer endpoints for the people at an event: list and search, check-in and undo, CSV. */
export function registerAttendeesApi(api: OpenAPIHono<AppEnv>) {
  const Attendee = z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable(),
      status: z.string(),
      waitlistPosition: z.number().int().nullable(),
      checkedInAt: z.string().nullable(),
    })
    .openapi('Attendee');
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events/{slug}/attendees',
      summary: 'Attendees (organizers); q searches names and emails, accent- and case-insensitively',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        params: slugParam,
        query: z.object({
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: json(z.object({ attendees: z.array(Attendee), total: z.number().int() }), 'A page of attendees'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const e = await managedEvent(c, c.req.valid('param').slug);
      const q = c.req.valid('query');
      const r = await searchAttendees(c.var.db, e.id, { q: q.q, limit: q.limit, offset: q.offset });
      return c.json(
        {
          attendees: r.attendees.map((a) => ({
            id: a.id,
            name: a.name,
            email: a.email,
            status: a.status,
            waitlistPosition: a.waitlistPosition,
            checkedInAt: a.checkedInAt?.toISOString() ?? null,
          })),
          total: r.total,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/events/{slug}/checkins',
      summary: 'Check someone in by RSVP id or ticket code (organizers); checking in twice counts once',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        params: slugParam,
        body: {
          content: {
            'application/json': { schema: z.object({ rsvpId: z.string().max(100).optional(), code: z.string().max(2000).optional() }) },
          },
          required: true,
        },
      },
      responses: {
        200: json(z.object({ id: z.uuid(), name: z.string(), checkedInAt: z.string(), alreadyCheckedIn: z.boolean() }), 'Checked in'),
        409: json(z.any(), 'Not going'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const e = await managedEvent(c, c.req.valid('param').slug);
      const r = await checkIn(c.var.db, e, c.req.valid('json'), c.var.viewer!.id);
      return c.json({ id: r.rsvp.id, name: r.rsvp.name, checkedInAt: r.rsvp.checkedInAt!.toISOString(), alreadyCheckedIn: r.already }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/events/{slug}/checkins/{id}',
      summary: 'Undo a check-in (organizers)',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: z.object({ slug: z.string().max(100), id: z.string().max(100) }) },
      responses: { 204: { description: 'Undone' }, ...errorResponses },
    }),
    async (c) => {
      const e = await managedEvent(c, c.req.valid('param').slug);
      await undoCheckIn(c.var.db, e, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events/{slug}/attendees.csv',
      summary: 'Attendee list as CSV (UTF-8 with BOM) with answers and check-in times (organizers)',
      tags: ['events'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const e = await managedEvent(c, c.req.valid('param').slug);
      const csv = await attendeesCsv(c.var.db, e, c.var.locale);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${e.slug}-attendees.csv"`,
      });
    },
  );
}
