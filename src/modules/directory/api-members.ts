import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { hasRole } from '../../platform/auth/roles';
import { apiValidationHookFor, errorResponses, jsonBody, jsonResponse } from '../../platform/http/api';
import { forbidden } from '../../platform/http/errors';
import { directoryMessages } from './messages';
import { addMember, getMember, getOrganization, memberInput, membersOf, withdrawMember } from './service';

const hook = apiValidationHookFor(directoryMessages) as never;
const slugParam = z.object({ slug: z.string().max(100) });

const MemberOut = z
  .object({ id: z.uuid(), name: z.string(), email: z.string(), title: z.string().nullable(), publicConsent: z.boolean() })
  .openapi('OrganizationMember');

/** People who belong to an organization: organizers keep the list; the public sees consenting people only. */
export function registerMembersApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/organizations/{slug}/members',
      summary: 'Add a person who belongs to this organization; shown publicly only with publicConsent (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: jsonBody(memberInput.openapi('OrganizationMemberInput')) },
      responses: { 201: jsonResponse(z.object({ id: z.uuid() }), 'On the organization’s list'), ...errorResponses },
    }),
    async (c) => {
      const o = await getOrganization(c.var.db, c.req.valid('param').slug);
      const m = await addMember(c.var.db, o.id, c.req.valid('json'));
      return c.json({ id: m.id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/organizations/{slug}/members',
      summary: 'Everyone listed for this organization, with emails and consent (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: { 200: jsonResponse(z.object({ members: z.array(MemberOut), total: z.number() }), 'The list'), ...errorResponses },
    }),
    async (c) => {
      const o = await getOrganization(c.var.db, c.req.valid('param').slug);
      const list = await membersOf(c.var.db, o.id, { publicOnly: false });
      return c.json(
        {
          members: list.map((m) => ({ id: m.id, name: m.name, email: m.email, title: m.title, publicConsent: m.publicConsent })),
          total: list.length,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/organizations/{slug}/members/{id}/withdraw',
      summary: 'Stop showing a person on the organization’s public page, at once (that person, or organizers)',
      tags: ['directory'],
      middleware: [allow('signedIn')] as const,
      request: { params: z.object({ slug: z.string().max(100), id: z.string().max(100) }) },
      responses: { 200: jsonResponse(z.object({ id: z.uuid(), publicConsent: z.boolean() }), 'No longer shown'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const o = await getOrganization(c.var.db, slug);
      const m = await getMember(c.var.db, o.id, id);
      if (m.personId !== c.var.viewer!.id && !hasRole(c.var.viewer, 'organizer')) throw forbidden();
      const row = await withdrawMember(c.var.db, o.id, m.id);
      return c.json({ id: row.id, publicConsent: row.publicConsent }, 200);
    },
  );
}
