import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { getPerson, searchPeople } from './service';

const Person = z
  .object({
    id: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    preferredName: z.string().nullable(),
    language: z.enum(['en', 'es']),
    pronouns: z.string().nullable(),
    organization: z.string().nullable(),
    sector: z.string().nullable(),
    roles: z.array(z.object({ role: z.string(), scope: z.string().nullable() })),
  })
  .openapi('Person');

const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'The person the token belongs to',
  tags: ['people'],
  security: [{ bearer: [] }],
  middleware: [allow('signedIn')] as const,
  responses: { 200: { description: 'The person', content: { 'application/json': { schema: Person } } }, ...errorResponses },
});

const PeopleList = z
  .object({
    people: z.array(
      z.object({ id: z.uuid(), email: z.string(), fullName: z.string(), sector: z.string().nullable(), organization: z.string().nullable(), roles: z.array(z.string()) }),
    ),
    total: z.number().int(),
  })
  .openapi('PeopleList');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/people',
  summary: 'Search people (admins)',
  description: 'Case-, accent- and apostrophe-insensitive search on names and emails.',
  tags: ['people'],
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: { description: 'A page of people', content: { 'application/json': { schema: PeopleList } } }, ...errorResponses },
});

export function registerPeopleApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(meRoute, async (c) => {
    const viewer = c.var.viewer!;
    const p = await getPerson(c.var.db, viewer.id);
    return c.json(
      {
        id: p.id,
        email: p.email ?? '',
        fullName: p.fullName,
        preferredName: p.preferredName,
        language: p.language,
        pronouns: p.pronouns,
        organization: p.organization,
        sector: p.sector,
        roles: viewer.grants,
      },
      200,
    );
  });
  api.openapi(listRoute, async (c) => {
    const { q, limit, offset } = c.req.valid('query');
    const result = await searchPeople(c.var.db, { q, limit, offset });
    return c.json({ people: result.people.map((p) => ({ ...p, createdAt: undefined })), total: result.total }, 200);
  });
}
