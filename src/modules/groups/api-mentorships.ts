import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, conflictResponses, errorResponses, jsonBody, jsonResponse } from '../../platform/http/api';
import { organizerScopes } from '../../platform/auth/roles';
import { groupsMessages } from './messages';
import { assertManageGrouping } from './permissions';
import {
  createMentorship,
  expectVersion,
  explain,
  getMentorship,
  introduce,
  listMentorships,
  mentorshipInput,
  mentorshipListsInput,
  rerun,
  setLock,
  updateMentorship,
} from './service/mentorships';
import type { MentorshipRow } from './schema';

/** The module's error keys are translated from its catalog. */
const hook = apiValidationHookFor(groupsMessages) as never;
const tags = ['groups'];
const security = [{ bearer: [] }];
const idParam = z.object({ id: z.string().max(100) });
const version = z.number().int().min(1).openapi({ description: 'The `version` you read: a round changed since is refused (409)' });

const Person = z.object({
  key: z.string().openapi({ description: 'The email (lower case) when given, else the name; choices and pairs use it' }),
  name: z.string(),
  email: z.string().nullable().optional(),
  language: z.enum(['en', 'es']),
  languages: z.array(z.string()),
  choices: z.array(z.string()).openapi({ description: 'Keys of the other side, most wanted first' }),
});
const Round = z
  .object({
    id: z.uuid(),
    title: z.string(),
    event: z.uuid().nullable(),
    mode: z.enum(['stable', 'optimal']),
    version: z.number().int(),
    mentors: z.array(Person.extend({ capacity: z.number().int(), agency: z.string().nullable().optional(), topics: z.array(z.string()) })),
    mentees: z.array(Person.extend({ goals: z.array(z.string()) })),
    matches: z.array(
      z.object({
        mentor: z.string(),
        mentee: z.string(),
        locked: z.boolean(),
        introduced: z.boolean(),
        reasons: z.array(z.string()).openapi({ description: 'Why they were matched, in the language asked for' }),
      }),
    ),
    unmatched: z.array(z.string()).openapi({ description: 'Mentees left without a mentor' }),
  })
  .openapi('MentorshipRound');

function roundJson(c: Ctx, m: MentorshipRow) {
  const { matches, unmatched } = explain(m, c.var.locale);
  return {
    id: m.id,
    title: m.title,
    event: m.eventId,
    mode: m.mode,
    version: m.version,
    mentors: m.mentors,
    mentees: m.mentees,
    matches: matches.map((x) => ({
      mentor: x.mentor.key,
      mentee: x.mentee.key,
      locked: x.locked,
      introduced: x.introduced,
      reasons: x.reasons,
    })),
    unmatched: unmatched.map((x) => x.key),
  };
}

/** The round, if the caller manages it and (when they say which) it is still the version they read. */
async function managed(c: Ctx, id: string, version?: number): Promise<MentorshipRow> {
  const m = await getMentorship(c.var.db, id);
  assertManageGrouping(c.var.viewer, m);
  expectVersion(m, version);
  return m;
}

/** What a change answers: the round, or a 409 when it changed since the version sent. */
const changeResponses = (description: string) => ({ 200: jsonResponse(Round, description), ...conflictResponses, ...errorResponses });

/** Stored mentorship rounds, as their pages offer them: list, create, read, edit the lists, match again, lock, introduce. */
export function registerMentorshipApi(api: OpenAPIHono<AppEnv>) {
  const base = { tags, security };

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'get',
      path: '/api/v1/mentorships',
      summary: 'The stored mentorship rounds you manage, newest first',
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                event: z.uuid().nullable(),
                mode: z.string(),
                matched: z.number().int(),
                mentees: z.number().int(),
                version: z.number().int(),
              }),
            ),
          }),
          'The rounds',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const rows = await listMentorships(c.var.db, organizerScopes(c.var.viewer));
      return c.json(
        {
          items: rows.map((m) => ({
            id: m.id,
            title: m.title,
            event: m.eventId,
            mode: m.mode,
            matched: m.pairs.length,
            mentees: m.mentees.length,
            version: m.version,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'post',
      path: '/api/v1/mentorships',
      summary: 'Store a mentorship round and match it (stable by default, or least total rank)',
      description:
        'Mentors and mentees as the new-round page takes them; `choices` name the other side by email or by name, most wanted first. A mentor with no choices accepts whoever chose them (shared topics, then languages, first). `event` (slug or id) puts the round under that event’s organizers.',
      request: { body: jsonBody(mentorshipInput.openapi('MentorshipRoundInput')) },
      responses: { 201: jsonResponse(Round, 'The stored round with its matches'), ...errorResponses },
    }),
    async (c) => {
      const viewer = c.var.viewer!;
      const m = await createMentorship(c.var.db, c.req.valid('json'), {
        chapter: organizerScopes(viewer)?.[0] ?? null,
        by: viewer.id,
        authorize: (target) => assertManageGrouping(viewer, target),
      });
      return c.json(roundJson(c, m), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'get',
      path: '/api/v1/mentorships/{id}',
      summary: 'A stored mentorship round: both lists, the matches with their reasons, the unmatched',
      request: { params: idParam },
      responses: { 200: jsonResponse(Round, 'The round'), ...errorResponses },
    }),
    async (c) => c.json(roundJson(c, await managed(c, c.req.valid('param').id)), 200),
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'put',
      path: '/api/v1/mentorships/{id}',
      summary: 'Replace a round’s title and lists and match again',
      description:
        'Locked pairs whose two people are still listed stay locked; pairs already introduced stay recorded (nobody is introduced twice). Send the `version` you read.',
      request: {
        params: idParam,
        body: jsonBody(mentorshipListsInput.extend({ version }).openapi('MentorshipListsInput')),
      },
      responses: changeResponses('The round, matched again'),
    }),
    async (c) => {
      const m = await managed(c, c.req.valid('param').id);
      const { version: read, ...lists } = c.req.valid('json');
      return c.json(roundJson(c, await updateMentorship(c.var.db, m, lists, read)), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'post',
      path: '/api/v1/mentorships/{id}/match',
      summary: 'Match again around the locked pairs, stable or least total rank',
      request: {
        params: idParam,
        body: jsonBody(z.object({ mode: z.enum(['stable', 'optimal']), version: version.optional() }).strict()),
      },
      responses: changeResponses('The round, matched again'),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const m = await managed(c, c.req.valid('param').id, body.version);
      return c.json(roundJson(c, await rerun(c.var.db, m, body.mode)), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'post',
      path: '/api/v1/mentorships/{id}/locks',
      summary: 'Lock a current pair (every later run keeps it) or unlock it',
      request: {
        params: idParam,
        body: jsonBody(
          z.object({ mentor: z.string().max(200), mentee: z.string().max(200), locked: z.boolean(), version: version.optional() }).strict(),
        ),
      },
      responses: changeResponses('The round'),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const m = await managed(c, c.req.valid('param').id, body.version);
      return c.json(roundJson(c, await setLock(c.var.db, m, [body.mentor, body.mentee], body.locked)), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      ...base,
      middleware: [allow('organizer')] as const,
      method: 'post',
      path: '/api/v1/mentorships/{id}/introductions',
      summary: 'Email every current pair not yet introduced, each person in their own language',
      description: 'Each pair is introduced once, however often this is called: `introduced` counts the pairs emailed by this call.',
      request: { params: idParam, body: jsonBody(z.object({ version: version.optional() }).strict()) },
      responses: {
        200: jsonResponse(z.object({ introduced: z.number().int(), round: Round }), 'The pairs emailed now, and the round'),
        ...conflictResponses,
        ...errorResponses,
      },
    }),
    async (c) => {
      const m = await managed(c, c.req.valid('param').id, c.req.valid('json').version);
      const { pairs, row } = await introduce(c.var.db, m);
      return c.json({ introduced: pairs, round: roundJson(c, row) }, 200);
    },
    hook,
  );
}
