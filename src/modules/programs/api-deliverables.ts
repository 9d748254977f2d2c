import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { forbidden } from '../../platform/http/errors';
import { bearer, body, conflict, hook, json, Local, managed, sentKeys, tags } from './api-shared';
import { canManageProgram, teamAccess } from './permissions';
import { DELIVERABLE_STATUSES, type Deliverable, type Program } from './schema';
import {
  changeDeliverable,
  createDeliverable,
  deliverableChangeInput,
  deliverableInput,
  deliverableReviewInput,
  deliverableWork,
  getDeliverable,
  getProgram,
  getTeam,
  handIn,
  handInInput,
  isoInZone,
  listDeliverables,
  listTeams,
  reviewDeliverable,
  teamOfPerson,
} from './service';

/** Deliverables over the API: what the deliverables pages do (list, add, change, each team's work, review). */
const slugParam = z.object({ slug: z.string().max(100) });
const keyParams = z.object({ slug: z.string().max(100), key: z.string().max(40) });
const deliverableParams = z.object({ slug: z.string().max(100), id: z.string().max(100), key: z.string().max(40) });
const DeliverableOut = z.object({ key: z.string(), title: Local, dueAt: z.string(), tags: z.array(z.string()) }).openapi('Deliverable');
const WorkOut = z.object({ key: z.string(), status: z.enum(DELIVERABLE_STATUSES) }).openapi('TeamDeliverable');
const TeamWork = z.object({
  teamId: z.uuid(),
  team: z.string(),
  status: z.enum(DELIVERABLE_STATUSES),
  content: z.string(),
  updatedAt: z.string().nullable(),
});

const deliverableJson = (p: Program, d: Deliverable) => ({
  key: d.key,
  title: d.title,
  dueAt: isoInZone(d.dueAt, p.timeZone),
  tags: d.tags,
});

/** A deliverable of a program the viewer manages (403 otherwise, 404 when either is unknown). */
async function managedDeliverable(c: Ctx, params: { slug: string; key: string }) {
  const p = await managed(c, params.slug);
  return { p, d: await getDeliverable(c.var.db, p.id, params.key) };
}

/** A team's deliverable, for organizers or (unless `organizersOnly`) the team's own members. */
async function teamDeliverable(c: Ctx, params: { slug: string; id: string; key: string }, organizersOnly: boolean) {
  const p = organizersOnly ? await managed(c, params.slug) : await getProgram(c.var.db, params.slug);
  const t = await getTeam(c.var.db, p.id, params.id);
  if (!organizersOnly) await teamAccess(c.var.db, c.var.viewer, p, t.id);
  return { t, d: await getDeliverable(c.var.db, p.id, params.key) };
}

export function registerDeliverableApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/deliverables',
      summary: 'Deliverables, soonest due first (organizers and team members)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: slugParam },
      responses: { 200: json(z.object({ deliverables: z.array(DeliverableOut) }), 'Deliverables'), ...errorResponses },
    }),
    async (c) => {
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      if (!canManageProgram(c.var.viewer, p) && !(await teamOfPerson(c.var.db, p.id, c.var.viewer!.id))) throw forbidden();
      return c.json({ deliverables: (await listDeliverables(c.var.db, p.id)).map((d) => deliverableJson(p, d)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/deliverables',
      summary: 'Add a deliverable every team hands in, with its due date and tags (organizers)',
      description: 'A date alone as `dueAt` is the end of that day in the program’s zone. The key is unique in the program.',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(deliverableInput.openapi('DeliverableInput')) },
      responses: { 201: json(DeliverableOut, 'The deliverable'), ...errorResponses },
    }),
    async (c) => {
      const p = await managed(c, c.req.valid('param').slug);
      return c.json(deliverableJson(p, await createDeliverable(c.var.db, p, c.req.valid('json'))), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/deliverables/{key}',
      summary: 'A deliverable with every team’s status and what it handed in (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: keyParams },
      responses: { 200: json(DeliverableOut.extend({ teams: z.array(TeamWork) }), 'The deliverable'), ...errorResponses },
    }),
    async (c) => {
      const { p, d } = await managedDeliverable(c, c.req.valid('param'));
      const [{ list }, work] = await Promise.all([listTeams(c.var.db, p.id, { limit: 1000, offset: 0 }), deliverableWork(c.var.db, d)]);
      const teams = list.map((t) => {
        const w = work.get(t.id);
        return {
          teamId: t.id,
          team: t.name,
          status: w?.status ?? ('not_started' as const),
          content: w?.content ?? '',
          updatedAt: w ? isoInZone(w.updatedAt, p.timeZone) : null,
        };
      });
      return c.json({ ...deliverableJson(p, d), teams }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/programs/{slug}/deliverables/{key}',
      summary: 'Change a deliverable’s title, due date or tags; what is left out stays, the key never changes (organizers)',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: keyParams, body: body(deliverableChangeInput.partial().openapi('DeliverableChange')) },
      responses: { 200: json(DeliverableOut, 'The deliverable'), ...errorResponses },
    }),
    async (c) => {
      const { p, d } = await managedDeliverable(c, c.req.valid('param'));
      const sent = await sentKeys(c.req);
      const change = c.req.valid('json');
      const changed = await changeDeliverable(c.var.db, p, d, {
        title: 'title' in sent && change.title ? change.title : { en: d.title.en ?? null, es: d.title.es ?? null },
        dueAt: 'dueAt' in sent && change.dueAt ? change.dueAt : isoInZone(d.dueAt, p.timeZone),
        tags: 'tags' in sent && change.tags ? change.tags : d.tags,
      });
      return c.json(deliverableJson(p, changed), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/programs/{slug}/teams/{id}/deliverables/{key}',
      summary: 'Hand in (or again) a team’s deliverable: its status becomes `submitted` (the team’s members)',
      tags,
      security: bearer,
      middleware: [allow('signedIn')] as const,
      request: { params: deliverableParams, body: body(handInInput.openapi('HandIn')) },
      responses: { 200: json(WorkOut, 'Handed in'), ...errorResponses },
    }),
    async (c) => {
      const { t, d } = await teamDeliverable(c, c.req.valid('param'), false);
      await handIn(c.var.db, t.id, d, c.req.valid('json').content, c.var.viewer!.id);
      return c.json({ key: d.key, status: 'submitted' as const }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/teams/{id}/deliverables/{key}/review',
      summary: 'Approve a handed-in deliverable or ask for changes (organizers)',
      description: 'Nothing handed in yet: 409 `not_handed_in`.',
      tags,
      security: bearer,
      middleware: [allow('organizer')] as const,
      request: { params: deliverableParams, body: body(deliverableReviewInput.openapi('DeliverableReview')) },
      responses: { 200: json(WorkOut, 'Reviewed'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const { t, d } = await teamDeliverable(c, c.req.valid('param'), true);
      const r = await reviewDeliverable(c.var.db, t.id, d, c.req.valid('json').status, c.var.viewer!.id);
      return c.json({ key: d.key, status: r.status }, 200);
    },
    hook,
  );
}
