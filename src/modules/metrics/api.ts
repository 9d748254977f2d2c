import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses } from '../../platform/http/api';
import { forbidden } from '../../platform/http/errors';
import { hasRole, isAdmin } from '../../platform/auth/roles';
import type { MetricsHooks } from './hooks';
import { metricsMessages } from './messages';
import { addEntry, entryInput, metricsQuery, publicationInput, setPublication } from './service/publication';
import { readReport, reportCsv } from './service/read';
import { figureKeys, type MetricsReport } from './service/report';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const hook = apiValidationHookFor(metricsMessages) as never;

const Cell = z
  .object({
    value: z.number().nullable(),
    suppressed: z.boolean().openapi({ description: 'Hidden from this reader: `{"value": null, "suppressed": true}`' }),
    publicSuppressed: z.boolean().optional().openapi({ description: 'Exact readers only: the public sees a dash here' }),
  })
  .openapi('MetricCell');
const Metric = Cell.extend({
  byChapter: z.record(z.string(), Cell).optional().openapi({ description: 'The network view only: each chapter’s cell' }),
  perEvent: z.array(z.object({ slug: z.string(), label: z.string(), rsvps: Cell })).optional(),
  source: z
    .enum(['surveys', 'entries', 'mixed', 'none'])
    .optional()
    .openapi({ description: 'Placements and confidence change: from surveys, from organizers’ entries, both (network), or none yet' }),
  definition: z.string(),
}).openapi('Metric');
const Metrics = z
  .object({
    from: z.string(),
    to: z.string(),
    chapter: z.string().nullable(),
    threshold: z.number().int(),
    metrics: z.record(z.string(), Metric),
  })
  .openapi('Metrics');

function reportJson(r: MetricsReport) {
  return {
    from: r.from,
    to: r.to,
    chapter: r.chapter,
    threshold: r.threshold,
    metrics: Object.fromEntries(
      r.metrics.map((m) => [
        m.key,
        {
          value: m.value,
          suppressed: m.suppressed,
          ...(m.publicSuppressed ? { publicSuppressed: true } : {}),
          ...(m.byChapter ? { byChapter: m.byChapter } : {}),
          ...(m.source ? { source: m.source } : {}),
          ...(m.perEvent ? { perEvent: m.perEvent } : {}),
          definition: m.definition,
        },
      ]),
    ),
  };
}

const query = metricsQuery;
const read = (c: Ctx, hooks: MetricsHooks, q: z.infer<typeof query>) =>
  readReport(c.var.db, hooks, c.var.viewer, { ...q, threshold: c.var.deps.config.SUPPRESSION_THRESHOLD, locale: c.var.locale });

/** Organizers publish their own chapter's figures; only admins the network's. */
function assertCanPublish(c: Ctx, chapter: string | undefined) {
  if (chapter ? !hasRole(c.var.viewer, 'organizer', chapter) : !isAdmin(c.var.viewer)) throw forbidden();
}

const description =
  'Without a token: published scopes only (else 404 `not_published`), small counts suppressed. With a token: exact figures where the caller manages the scope (admins everywhere, organizers their chapters); 403 for an organizer asking for another chapter or the network. `byChapter` only without `chapter`.';

export function registerMetricsApi(hooks: MetricsHooks) {
  return (api: OpenAPIHono<AppEnv>) => {
    api.openapi(
      createRoute({
        method: 'get',
        path: '/api/v1/metrics',
        summary: 'Impact figures for a period, for a chapter or the network',
        description,
        tags: ['metrics'],
        middleware: [allow('public')] as const,
        request: { query },
        responses: { 200: json(Metrics, 'The figures'), ...errorResponses },
      }),
      async (c) => c.json(reportJson(await read(c, hooks, c.req.valid('query'))), 200),
      hook,
    );

    api.openapi(
      createRoute({
        method: 'get',
        path: '/api/v1/metrics.csv',
        summary: 'Impact figures as CSV: metric,chapter,from,to,value,suppressed',
        description,
        tags: ['metrics'],
        middleware: [allow('public')] as const,
        request: { query },
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
      }),
      async (c) => {
        const r = await read(c, hooks, c.req.valid('query'));
        return c.body(reportCsv(r), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="metrics-${r.chapter ?? 'network'}-${r.from}-${r.to}.csv"`,
        });
      },
      hook,
    );

    api.openapi(
      createRoute({
        method: 'put',
        path: '/api/v1/metrics/publication',
        summary: 'Publish or withdraw a chapter’s (organizers) or the network’s (admins) impact figures',
        description: 'Optional `from`/`to` limit the period the public may read; `metrics` the figures shown.',
        tags: ['metrics'],
        security: [{ bearer: [] }],
        middleware: [allow('organizer')] as const,
        request: { body: { required: true, content: { 'application/json': { schema: publicationInput } } } },
        responses: {
          200: json(
            z.object({
              chapter: z.string().nullable(),
              published: z.boolean(),
              from: z.string().nullable(),
              to: z.string().nullable(),
              metrics: z.array(z.string()).nullable(),
            }),
            'The publication',
          ),
          ...errorResponses,
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        assertCanPublish(c, input.chapter);
        const p = await setPublication(c.var.db, hooks, input, c.var.viewer!.id, figureKeys());
        return c.json({ chapter: p.scope || null, published: p.published, from: p.fromDate, to: p.toDate, metrics: p.metrics }, 200);
      },
      hook,
    );

    api.openapi(
      createRoute({
        method: 'post',
        path: '/api/v1/metrics/entries',
        summary: 'Enter placements or confidence change for a period, with their source (the chapter’s organizers)',
        tags: ['metrics'],
        security: [{ bearer: [] }],
        middleware: [allow('organizer')] as const,
        request: { body: { required: true, content: { 'application/json': { schema: entryInput } } } },
        responses: { 201: json(z.object({ id: z.uuid() }), 'Recorded'), ...errorResponses },
      }),
      async (c) => {
        const input = c.req.valid('json');
        if (!hasRole(c.var.viewer, 'organizer', input.chapter)) throw forbidden();
        const row = await addEntry(c.var.db, hooks, input, c.var.viewer!.id);
        return c.json({ id: row.id }, 201);
      },
      hook,
    );
  };
}
