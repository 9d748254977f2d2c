import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses } from '../../platform/http/api';
import { sendToEventPeople } from './service/send';
import { organizerScopes } from '../../platform/auth/roles';
import { surveysMessages } from './messages';
import { assertManageSurvey, canManageSurvey } from './permissions';
import { createSurvey, getSurvey, responseInput, saveResponse, surveyInput, surveyResults } from './service/surveys';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const hook = apiValidationHookFor(surveysMessages) as never;
const idParam = z.object({ id: z.string().max(100) });
const Suppressed = z.object({ value: z.null(), suppressed: z.literal(true) }).openapi('SuppressedCount');
const Cell = z.union([z.number(), Suppressed]);

const Results = z
  .object({
    responses: Cell,
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        label: z.object({ en: z.string().nullable().optional(), es: z.string().nullable().optional() }),
        answered: Cell,
        counts: z.array(z.object({ option: z.string(), count: Cell })).optional(),
        mean: Cell.optional(),
        texts: z.array(z.string()).optional(),
      }),
    ),
    paired: z
      .object({
        people: Cell,
        questions: z.array(z.object({ id: z.string(), meanChange: Cell, shareImproved: Cell })),
      })
      .optional(),
  })
  .openapi('SurveyResults');

export function registerSurveysApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys',
      summary: 'Create a survey: after an event, before/after (paired), or a 3/6/12-month follow-up',
      tags: ['surveys'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { body: { content: { 'application/json': { schema: surveyInput.openapi('SurveyInput') } }, required: true } },
      responses: {
        201: json(z.object({ id: z.uuid(), url: z.string() }).openapi('SurveyCreated'), 'The survey and its public page'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const viewer = c.var.viewer!;
      const s = await createSurvey(c.var.db, c.req.valid('json'), {
        chapter: organizerScopes(viewer)?.[0] ?? null,
        by: viewer.id,
        authorize: (t) => assertManageSurvey(viewer, t),
      });
      return c.json({ id: s.id, url: `${c.var.deps.config.baseUrl}/surveys/${s.id}` }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys/{id}/responses',
      summary: 'Answer a survey (your own answers; organizers of the survey may send others’, with `email`)',
      description: 'Answering again replaces the earlier answers. Likert answers are 1–5, choices the option’s index, yes/no a boolean.',
      tags: ['surveys'],
      security: [{ bearer: [] }],
      middleware: [allow('signedIn')] as const,
      request: {
        params: idParam,
        body: { content: { 'application/json': { schema: responseInput.openapi('SurveyResponseInput') } }, required: true },
      },
      responses: { 201: json(z.object({ saved: z.literal(true) }), 'Saved'), ...errorResponses },
    }),
    async (c) => {
      const viewer = c.var.viewer!;
      const s = await getSurvey(c.var.db, c.req.valid('param').id);
      const body = c.req.valid('json');
      // Only the survey's organizers may answer for someone else (importing paper forms).
      const email = body.email && canManageSurvey(viewer, s) ? body.email : viewer.email;
      await saveResponse(c.var.db, s, { ...body, email, language: body.language ?? viewer.language });
      return c.json({ saved: true as const }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys/{id}/send',
      summary: 'Email the survey to its event’s people, each once, in their language',
      tags: ['surveys'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParam },
      responses: { 202: json(z.object({ people: z.number().int() }), 'Queued'), ...errorResponses },
    }),
    async (c) => {
      const s = await getSurvey(c.var.db, c.req.valid('param').id);
      assertManageSurvey(c.var.viewer, s);
      return c.json(await sendToEventPeople(c.var.deps, s), 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/surveys/{id}/results',
      summary: 'Aggregates, with counts under 5 suppressed (also where subtraction would reveal them)',
      tags: ['surveys'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParam },
      responses: { 200: json(Results, 'The results'), ...errorResponses },
    }),
    async (c) => {
      const s = await getSurvey(c.var.db, c.req.valid('param').id);
      assertManageSurvey(c.var.viewer, s);
      return c.json(await surveyResults(c.var.db, s, { withTexts: true }), 200);
    },
  );
}
