import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses, invalidFrom } from '../../platform/http/api';
import { getPerson, profileInput, searchPeople, updateProfile } from './service';
import type { Viewer } from '../../platform/http/context';
import type { Person as PersonRow } from './schema';
import { registerChaptersApi } from './api-chapters';

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

/** The profile's own field schemas, so limits agree with the form; `null` clears an optional field. */
const profile = profileInput.shape;
const ProfilePatch = z
  .object({
    fullName: profile.fullName.optional(),
    preferredName: profile.preferredName.nullable().optional(),
    language: profile.language.optional(),
    pronouns: profile.pronouns.nullable().optional(),
    organization: profile.organization.nullable().optional(),
    sector: profile.sector.nullable().optional(),
    accessibilityNeeds: profile.accessibilityNeeds.nullable().optional(),
  })
  .openapi('ProfilePatch');

const patchMeRoute = createRoute({
  method: 'patch',
  path: '/api/v1/me',
  summary: 'Update your own profile',
  description: 'Fields left out keep their value; `null` clears an optional field. Names are stored as typed (NFC, trimmed).',
  tags: ['people'],
  security: [{ bearer: [] }],
  middleware: [allow('signedIn')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ProfilePatch } } } },
  responses: { 200: { description: 'The updated person', content: { 'application/json': { schema: Person } } }, ...errorResponses },
});

function personJson(p: PersonRow, viewer: Viewer) {
  return {
    id: p.id,
    email: p.email ?? '',
    fullName: p.fullName,
    preferredName: p.preferredName,
    language: p.language,
    pronouns: p.pronouns,
    organization: p.organization,
    sector: p.sector,
    roles: viewer.grants,
  };
}

const PeopleList = z
  .object({
    people: z.array(
      z.object({
        id: z.uuid(),
        email: z.string(),
        fullName: z.string(),
        sector: z.string().nullable(),
        organization: z.string().nullable(),
        roles: z.array(z.string()),
      }),
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
  registerChaptersApi(api);
  api.openapi(meRoute, async (c) => {
    const viewer = c.var.viewer!;
    return c.json(personJson(await getPerson(c.var.db, viewer.id), viewer), 200);
  });
  api.openapi(patchMeRoute, async (c) => {
    const viewer = c.var.viewer!;
    const current = await getPerson(c.var.db, viewer.id);
    const patch = c.req.valid('json');
    const merged = {
      fullName: current.fullName,
      preferredName: current.preferredName ?? undefined,
      language: current.language,
      pronouns: current.pronouns ?? undefined,
      organization: current.organization ?? undefined,
      sector: current.sector ?? '',
      accessibilityNeeds: current.accessibilityNeeds ?? undefined,
      consents: current.consents,
      ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? (k === 'sector' ? '' : undefined) : v])),
    };
    const parsed = profileInput.safeParse(merged);
    if (!parsed.success) throw invalidFrom(parsed.error);
    return c.json(personJson(await updateProfile(c.var.db, viewer.id, parsed.data), viewer), 200);
  });
  api.openapi(listRoute, async (c) => {
    const { q, limit, offset } = c.req.valid('query');
    const result = await searchPeople(c.var.db, { q, limit, offset });
    return c.json({ people: result.people.map((p) => ({ ...p, createdAt: undefined })), total: result.total }, 200);
  });
}
