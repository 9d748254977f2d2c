import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import type { Db } from '../../db/client';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { body, Conflict, hook, json, managed, sessionParams } from './api-common';
import {
  deleteRoom,
  deleteSession,
  deleteTrack,
  getRoom,
  getSession,
  getTrack,
  roomPatch,
  trackPatch,
  updateRoom,
  updateTrack,
} from './service';

const idParams = z.object({ slug: z.string().max(100), id: z.string().max(40) });
const Changed = json(z.object({ id: z.uuid() }), 'Saved');
const InUse = { ...Conflict, description: 'Still used by sessions (or, for a track, proposals): move or delete them first' };

/** An organizer's route on one part of the programme: the same shape for each, so it is written once. */
function organizerRoute<R extends Parameters<typeof createRoute>[0]['request'], S extends Parameters<typeof createRoute>[0]['responses']>(
  method: 'patch' | 'delete',
  path: string,
  summary: string,
  request: R,
  responses: S,
) {
  return createRoute({
    method,
    path: `/api/v1/conferences/{slug}/${path}`,
    summary,
    tags: ['conferences'],
    security: [{ bearer: [] }],
    middleware: [allow('organizer')] as const,
    request,
    responses: { ...responses, ...errorResponses },
  });
}

/** Deletes a room or a track of the conference in the address: 204, or the service's 409 while in use. */
function removal<P>(find: (db: Db, eventId: string, id: string) => Promise<P>, remove: (db: Db, part: P) => Promise<void>) {
  return async (c: Ctx) => {
    const v = await managed(c, c.req.param('slug') ?? '');
    await remove(c.var.db, await find(c.var.db, v.event.id, c.req.param('id') ?? ''));
    return c.body(null, 204);
  };
}

/** Changing and deleting rooms, tracks and sessions (adding them is in api.ts). */
export function registerProgrammeApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    organizerRoute(
      'patch',
      'tracks/{id}',
      'Change a track’s names or colour (organizers)',
      { params: idParams, body: body(trackPatch.openapi('TrackPatch')) },
      { 200: Changed },
    ),
    async (c) => {
      const p = c.req.valid('param');
      const v = await managed(c, p.slug);
      const t = await updateTrack(c.var.db, await getTrack(c.var.db, v.event.id, p.id), c.req.valid('json'));
      return c.json({ id: t.id }, 200);
    },
    hook,
  );

  api.openapi(
    organizerRoute(
      'delete',
      'tracks/{id}',
      'Delete a track no session or proposal uses (organizers); one in use is a 409',
      { params: idParams },
      { 204: { description: 'Deleted' }, 409: InUse },
    ),
    removal(getTrack, deleteTrack),
    hook,
  );

  api.openapi(
    organizerRoute(
      'patch',
      'rooms/{id}',
      'Change a room’s name, capacity or access (organizers)',
      { params: idParams, body: body(roomPatch.openapi('RoomPatch')) },
      { 200: Changed },
    ),
    async (c) => {
      const p = c.req.valid('param');
      const v = await managed(c, p.slug);
      const r = await updateRoom(c.var.db, await getRoom(c.var.db, v.event.id, p.id), c.req.valid('json'));
      return c.json({ id: r.id }, 200);
    },
    hook,
  );

  api.openapi(
    organizerRoute(
      'delete',
      'rooms/{id}',
      'Delete a room no session uses (organizers); one in use is a 409',
      { params: idParams },
      { 204: { description: 'Deleted' }, 409: InUse },
    ),
    removal(getRoom, deleteRoom),
    hook,
  );

  api.openapi(
    organizerRoute(
      'delete',
      'sessions/{code}',
      'Delete a session (organizers): its workshop sign-ups are released and those people emailed',
      { params: sessionParams },
      { 200: json(z.object({ released: z.number().int() }), 'Deleted; how many sign-ups (seats and waitlist) were released') },
    ),
    async (c) => {
      const p = c.req.valid('param');
      const v = await managed(c, p.slug);
      return c.json(await deleteSession(c.var.db, v.event, await getSession(c.var.db, v.event.id, p.code)), 200);
    },
    hook,
  );
}
