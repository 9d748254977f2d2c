import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses } from '../../platform/http/api';
import { notFound } from '../../platform/http/errors';
import { shownCount } from '../../platform/counts';
import { canSeeEvent } from '../events';
import { getAgency } from '../jobs';
import { assertManageBooth, canOrganizeFair } from './permissions';
import { careerfairMessages } from './messages';
import {
  boothConnections,
  boothInput,
  connect,
  getBooth,
  getFair,
  listBooths,
  saveBooth,
  registeredCount,
  type BoothView,
} from './service';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const slugParam = z.object({ slug: z.string().max(100) });
const boothParams = z.object({ slug: z.string().max(100), id: z.string().max(100) });

const Booth = z
  .object({
    id: z.uuid(),
    agency: z.object({ slug: z.string(), name: z.string(), nameEs: z.string().nullable() }),
    tableNumber: z.string().nullable(),
    languages: z.array(z.string()),
    jobs: z.array(z.object({ id: z.uuid(), title: z.string(), url: z.string() })),
  })
  .openapi('Booth');

const Connection = z
  .object({
    name: z.string(),
    email: z.string(),
    language: z.enum(['en', 'es']),
    interests: z.string().nullable(),
    resumeUrl: z.string().nullable(),
    connectedAt: z.string(),
  })
  .openapi('FairConnection');

/** The service's booth schema, so the document and the API enforce what the form does. */
const BoothBody = boothInput
  .extend({ tableNumber: boothInput.shape.tableNumber.meta({ description: 'Organizers only; ignored for partners' }) })
  .openapi('BoothInput');

/**
 * Booth error keys are the module's, so this route translates them from its catalog. Cast so that the
 * route's input types come from its schemas, not from the hook's `any`.
 */
const boothHook = apiValidationHookFor(careerfairMessages) as never;

function boothJson(c: Ctx, b: BoothView) {
  const base = c.var.deps.config.baseUrl;
  return {
    id: b.id,
    agency: { slug: b.agencySlug, name: b.agencyName, nameEs: b.agencyNameEs },
    tableNumber: b.tableNumber,
    languages: b.languages,
    jobs: b.jobs.map((j) => ({ id: j.id, title: j.title, url: `${base}/jobs/${j.id}` })),
  };
}

async function visibleFair(c: Ctx, slug: string) {
  const e = await getFair(c.var.db, slug);
  if (!canSeeEvent(c.var.viewer, e)) throw notFound();
  return e;
}

async function managedBooth(c: Ctx, slug: string, id: string) {
  const e = await getFair(c.var.db, slug);
  const booth = await getBooth(c.var.db, e.id, id);
  const agency = await getAgency(c.var.db, booth.agencyId);
  assertManageBooth(c.var.viewer, e, agency);
  return { e, booth, agency };
}

export function registerCareerfairApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events/{slug}/booths',
      summary: 'A career fair’s booths: agency, table, languages spoken, open jobs',
      tags: ['careerfair'],
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({ booths: z.array(Booth), registered: z.string().openapi({ description: '"fewer than 5" below 5' }) }),
          'The booths',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const e = await visibleFair(c, c.req.valid('param').slug);
      const booths = await listBooths(c.var.db, e.id);
      return c.json(
        {
          booths: booths.map((b) => boothJson(c, b)),
          registered: shownCount(await registeredCount(c.var.db, e.id), c.var.locale, c.var.deps.config.SUPPRESSION_THRESHOLD),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/events/{slug}/booths/agency/{agency}',
      summary: 'Register or change an agency’s booth (that agency’s partners, or organizers)',
      tags: ['careerfair'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: {
        params: z.object({ slug: z.string().max(100), agency: z.string().max(100) }),
        body: { content: { 'application/json': { schema: BoothBody } }, required: true },
      },
      responses: {
        200: json(Booth, 'The booth'),
        409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Table number already used'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, agency: agencyKey } = c.req.valid('param');
      const e = await getFair(c.var.db, slug);
      const agency = await getAgency(c.var.db, agencyKey);
      assertManageBooth(c.var.viewer, e, agency);
      const saved = await saveBooth(c.var.db, e.id, agency, c.req.valid('json'), { canSetTable: canOrganizeFair(c.var.viewer, e) });
      const view = (await listBooths(c.var.db, e.id)).find((b) => b.id === saved.id)!;
      return c.json(boothJson(c, view), 200);
    },
    boothHook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/events/{slug}/booths/{id}/connections',
      summary: 'Connect a booth with an attendee by the code scanned from their pass (booth staff)',
      description:
        'Scanning the same pass twice returns `already`. Without the attendee’s consent nothing is recorded and no personal data is returned (`noConsent`).',
      tags: ['careerfair'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: {
        params: boothParams,
        body: {
          content: { 'application/json': { schema: z.object({ code: z.string().max(2000) }).openapi('ScanInput') } },
          required: true,
        },
      },
      responses: {
        200: json(
          z.object({ outcome: z.enum(['connected', 'already', 'noConsent']), name: z.string().optional() }).openapi('ScanResult'),
          'What the scan did',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const { booth } = await managedBooth(c, slug, id);
      return c.json(await connect(c.var.db, c.var.deps.secret, booth, c.req.valid('json').code, c.var.viewer!.id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events/{slug}/booths/{id}/connections',
      summary: 'A booth’s connections with people who consent (that agency’s partners, or organizers)',
      tags: ['careerfair'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: { params: boothParams },
      responses: { 200: json(z.object({ connections: z.array(Connection) }), 'Consented connections, oldest first'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const { booth } = await managedBooth(c, slug, id);
      const list = await boothConnections(c.var.db, booth.id);
      return c.json({ connections: list.map((r) => ({ ...r, connectedAt: r.connectedAt.toISOString() })) }, 200);
    },
  );
}
