import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses } from '../../platform/http/api';
import { organizerScopes } from '../../platform/auth/roles';
import { groupsMessages } from './messages';
import { assertManageGrouping } from './permissions';
import {
  createGrouping,
  getGrouping,
  groupingInput,
  groupingJson,
  rebalanceGrouping,
  rebalanceInput,
  sheetToken,
} from './service/groupings';
import { introductions, matchInput, matchMentorship } from './service/mentorship';
import { queueIntroductions } from './service/introductions';
import type { GroupingRow } from './schema';
import { registerMentorshipApi } from './api-mentorships';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
/** The module's error keys are translated from its catalog. */
const hook = apiValidationHookFor(groupsMessages) as never;

const Grouping = z
  .object({
    id: z.uuid(),
    url: z.string().openapi({ description: 'The printable sheets: a signed link organizers can hand to facilitators' }),
    title: z.string(),
    rounds: z.array(
      z.object({
        round: z.number().int(),
        held: z.boolean(),
        groups: z.array(z.object({ table: z.number().int(), members: z.array(z.string()) })),
      }),
    ),
    repeatPairs: z.number().int().openapi({ description: 'Sum over pairs that met of (times in the same group − 1)' }),
    maxMeetings: z.number().int(),
    lowerBound: z.number().int().openapi({ description: 'Repeats no plan can avoid with these numbers (counting bound)' }),
    warnings: z.array(
      z.object({
        code: z.string(),
        people: z.array(z.string()).optional(),
        round: z.number().int().optional(),
        table: z.number().int().optional(),
        detail: z.string().optional(),
      }),
    ),
  })
  .openapi('Grouping');

const GroupingBody = groupingInput.openapi('GroupingInput');
const RebalanceBody = rebalanceInput.openapi('RebalanceInput');
const idParam = z.object({ id: z.string().max(100) });

async function answer(c: Ctx, g: GroupingRow) {
  const url = `${c.var.deps.config.baseUrl}${c.var.locale === 'es' ? '/es' : ''}/groupings/sheet/${await sheetToken(c.var.deps.secret, g.id)}`;
  return groupingJson(g, url);
}

export function registerGroupsApi(api: OpenAPIHono<AppEnv>) {
  registerMentorshipApi(api);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/groupings',
      summary: 'Plan small groups over several rounds (organizers of the event’s chapter)',
      description:
        'People are identified by `id`, or by `email` when no id is sent; `members` lists those identifiers. No two people share a group twice wherever that is possible; `lowerBound` says how many repeats are unavoidable. The language rule always applies; `balance` lists what to spread evenly. Rules that cannot all hold come back in `warnings`.',
      tags: ['groups'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { body: { content: { 'application/json': { schema: GroupingBody } }, required: true } },
      responses: { 201: json(Grouping, 'The plan'), ...errorResponses },
    }),
    async (c) => {
      const viewer = c.var.viewer!;
      const g = await createGrouping(c.var.db, c.req.valid('json'), {
        chapter: organizerScopes(viewer)?.[0] ?? null,
        by: viewer.id,
        authorize: (target) => assertManageGrouping(viewer, target),
      });
      return c.json(await answer(c, g), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/groupings/{id}',
      summary: 'A grouping’s plan',
      tags: ['groups'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParam },
      responses: { 200: json(Grouping, 'The plan'), ...errorResponses },
    }),
    async (c) => {
      const g = await getGrouping(c.var.db, c.req.valid('param').id);
      assertManageGrouping(c.var.viewer, g);
      return c.json(await answer(c, g), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/groupings/{id}/rebalance',
      summary: 'Mark people absent and seat arrivals from a round on; earlier rounds never change',
      tags: ['groups'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { params: idParam, body: { content: { 'application/json': { schema: RebalanceBody } }, required: true } },
      responses: {
        200: json(Grouping, 'The new plan, rounds before `fromRound` unchanged'),
        409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Changed by someone else meanwhile'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const g = await getGrouping(c.var.db, c.req.valid('param').id);
      assertManageGrouping(c.var.viewer, g);
      return c.json(await answer(c, await rebalanceGrouping(c.var.db, g, c.req.valid('json'))), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/mentorship/matches',
      summary: 'Match mentees with mentors: stable (default) or least total rank, within capacities',
      description:
        'Stable: mentee-proposing deferred acceptance, so no mentor and mentee would both rather be together. Optimal: the least total of both sides’ ranks. Someone missing from the other side’s preferences is not acceptable to them. `locked` pairs are kept and the rest matched around them. With `introduce`, each matched pair with two email addresses is introduced by email, each in their own `language`.',
      tags: ['groups'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: { body: { content: { 'application/json': { schema: matchInput.openapi('MentorshipInput') } }, required: true } },
      responses: {
        201: json(
          z
            .object({
              matches: z.array(
                z.object({ mentor: z.string(), mentees: z.array(z.string()), reasons: z.record(z.string(), z.array(z.string())) }),
              ),
              unmatched: z.array(z.string()),
            })
            .openapi('MentorshipMatches'),
          'The matches, each with its reasons per mentee',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = matchMentorship(input, c.var.locale);
      if (input.introduce) await queueIntroductions(c.var.db, introductions(input, result));
      return c.json(result, 201);
    },
    hook,
  );
}
