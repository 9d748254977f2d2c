import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import {
  apiValidationHookFor,
  conflictResponses,
  csvResponses,
  errorResponses,
  jsonBody,
  jsonResponse,
  pagingQuery,
} from '../../platform/http/api';
import { directoryMessages } from './messages';
import { formsRateLimit } from './permissions';
import {
  createInterestForm,
  getInterestForm,
  interestFormInput,
  interestFormPatch,
  listResponses,
  responseInput,
  submitResponse,
  updateInterestForm,
} from './service';
import { formPath } from './views/paths';
import { responsesCsv } from './views/responses-csv';

const hook = apiValidationHookFor(directoryMessages) as never;
const slugParam = z.object({ slug: z.string().max(100) });
const Answers = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const ResponseOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    answers: Answers,
    topics: z.array(z.string()),
    consent: z.boolean(),
    submittedAt: z.string(),
  })
  .openapi('InterestResponse');

const formUrl = (c: Ctx, slug: string) => `${c.var.deps.config.baseUrl}${formPath('en', slug)}`;

export function registerFormsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/forms',
      summary: 'Build an interest form, optionally attached to a convening or initiative (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: jsonBody(interestFormInput.openapi('InterestFormInput')) },
      responses: {
        201: jsonResponse(z.object({ slug: z.string(), url: z.string() }), 'The new form'),
        ...conflictResponses,
        ...errorResponses,
      },
    }),
    async (c) => {
      const f = await createInterestForm(c.var.db, c.req.valid('json'), c.var.viewer!.id);
      return c.json({ slug: f.slug, url: formUrl(c, f.slug) }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/forms/{slug}',
      summary:
        'Change an interest form (organizers): fields left out stay; questions keep their ids, those left out are taken off with their answers kept; a stale version is a 409',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: jsonBody(interestFormPatch.openapi('InterestFormPatch')) },
      responses: {
        200: jsonResponse(z.object({ slug: z.string(), url: z.string(), version: z.number() }), 'The form as saved'),
        ...conflictResponses,
        ...errorResponses,
      },
    }),
    async (c) => {
      const form = await getInterestForm(c.var.db, c.req.valid('param').slug);
      const f = await updateInterestForm(c.var.db, form, c.req.valid('json'));
      return c.json({ slug: f.slug, url: formUrl(c, f.slug), version: f.version }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/forms/{slug}/responses',
      summary: 'Answer an interest form (public, rate-limited); newsletter only with consent, by double opt-in',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: slugParam, body: jsonBody(responseInput.openapi('InterestResponseInput')) },
      responses: {
        201: jsonResponse(z.object({ id: z.uuid() }), 'Received'),
        429: jsonResponse(z.any(), 'Too many responses'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const form = await getInterestForm(c.var.db, c.req.valid('param').slug);
      await formsRateLimit(c, form.id);
      const r = await submitResponse(c.var.deps, form, c.req.valid('json'));
      return c.json({ id: r.id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/forms/{slug}/responses',
      summary: 'A form’s responses, newest first, answers exactly as sent (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, query: z.object(pagingQuery) },
      responses: {
        200: jsonResponse(z.object({ responses: z.array(ResponseOut), total: z.number() }), 'A page of responses'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const form = await getInterestForm(c.var.db, c.req.valid('param').slug);
      const found = await listResponses(c.var.db, form.id, c.req.valid('query'));
      return c.json(
        {
          responses: found.responses.map((r) => ({
            id: r.id,
            name: r.name,
            email: r.email,
            answers: r.answers,
            topics: r.topics,
            consent: r.consent,
            submittedAt: r.submittedAt.toISOString(),
          })),
          total: found.total,
        },
        200,
      );
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/forms/{slug}/responses.csv',
      summary: 'A form’s responses as CSV (UTF-8 with BOM, headers in the reader’s language; organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: { ...csvResponses, ...errorResponses },
    }),
    async (c) => {
      const form = await getInterestForm(c.var.db, c.req.valid('param').slug);
      const { responses } = await listResponses(c.var.db, form.id, { limit: 100_000, offset: 0 });
      return responsesCsv(c, form, responses) as never;
    },
  );
}
