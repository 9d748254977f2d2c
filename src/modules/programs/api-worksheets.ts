import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { bearer, body, hook, json, Local, tags } from './api-shared';
import { assertManageProgram, canManageProgram, teamAccess } from './permissions';
import type { Program, Worksheet } from './schema';
import {
  addComment,
  compareVersions,
  completion,
  createTemplate,
  getProgram,
  getTeam,
  getTemplate,
  isoInZone,
  listComments,
  listTemplates,
  listVersions,
  restoreVersion,
  saveWorksheet,
  teamOfPerson,
  updateTemplate,
  worksheetCommentInput,
  worksheetOf,
  worksheetSaveInput,
  worksheetTemplateChangeInput,
  worksheetTemplateInput,
} from './service';
import { forbidden } from '../../platform/http/errors';

const security = bearer;
const Section = z.object({ id: z.string(), title: Local, questions: z.array(z.object({ id: z.string(), label: Local })) });
const TemplateOut = z.object({ key: z.string(), title: Local, sections: z.array(Section) }).openapi('WorksheetTemplate');
const Comment = z.object({
  id: z.uuid(),
  sectionId: z.string(),
  author: z.string().nullable(),
  fromTeam: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
const Thread = Comment.extend({ replies: z.array(Comment) });
const WorksheetOut = z
  .object({
    key: z.string(),
    title: Local,
    sections: z.array(Section),
    answers: z.record(z.string(), z.string()),
    version: z.number().openapi({ description: 'The last saved version; send it back as `baseVersion` when saving' }),
    updatedAt: z.string(),
    completion: z.object({ answered: z.number(), total: z.number() }),
    comments: z.array(Thread),
  })
  .openapi('Worksheet');
const changedMeanwhile = json(
  z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }) }),
  '`worksheet_changed`: a question sent was changed by someone else since `baseVersion`',
);
const sheetParams = z.object({ slug: z.string().max(100), id: z.string().max(100), key: z.string().max(40) });
const versionParams = sheetParams.extend({ number: z.coerce.number().int().min(0).max(1_000_000) });

/** The team's copy of a template, for its members and the program's organizers, and which of the two asks. */
export async function openWorksheet(c: Ctx, params: { slug: string; id: string; key: string }) {
  const p = await getProgram(c.var.db, params.slug);
  const team = await getTeam(c.var.db, p.id, params.id);
  const role = await teamAccess(c.var.db, c.var.viewer, p, team.id);
  const template = await getTemplate(c.var.db, p.id, params.key);
  return { p, team, role, template, w: await worksheetOf(c.var.db, team.id, template) };
}

const commentJson = (
  p: Program,
  x: { id: string; sectionId: string; authorName: string | null; fromTeam: boolean; body: string; createdAt: Date },
) => ({
  id: x.id,
  sectionId: x.sectionId,
  author: x.authorName,
  fromTeam: x.fromTeam,
  body: x.body,
  createdAt: isoInZone(x.createdAt, p.timeZone),
});

async function worksheetJson(c: Ctx, p: Program, key: string, title: Worksheet['sections'][number]['title'], w: Worksheet) {
  const threads = await listComments(c.var.db, w.id);
  return {
    key,
    title,
    sections: w.sections,
    answers: w.answers,
    version: w.version,
    updatedAt: isoInZone(w.updatedAt, p.timeZone),
    completion: completion(w),
    comments: threads.map((t) => ({ ...commentJson(p, t), replies: t.replies.map((r) => commentJson(p, r)) })),
  };
}

const author = (c: Ctx) => ({ id: c.var.viewer!.id, name: c.var.viewer!.preferredName || c.var.viewer!.fullName });

export function registerWorksheetApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/worksheets',
      summary: 'Write a worksheet template: sections of questions in English and Spanish (organizers)',
      description: 'Every team works on its own copy. Ids left out are given in order (`s1`, `s1-q1`).',
      tags,
      security,
      middleware: [allow('organizer')] as const,
      request: { params: z.object({ slug: z.string().max(100) }), body: body(worksheetTemplateInput.openapi('WorksheetTemplateInput')) },
      responses: { 201: json(TemplateOut, 'The template'), ...errorResponses },
    }),
    async (c) => {
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      assertManageProgram(c.var.viewer, p);
      const t = await createTemplate(c.var.db, p, c.req.valid('json'));
      return c.json({ key: t.key, title: t.title, sections: t.sections }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/programs/{slug}/worksheets/{key}',
      summary: 'Change a worksheet template; every team’s copy follows, keeping its answers (organizers)',
      description:
        'Send every section and question with its id (as `GET …/worksheets` gives them); a new one needs a new id. Wording and order follow the template; a question dropped that a team had answered stays in its copy.',
      tags,
      security,
      middleware: [allow('organizer')] as const,
      request: {
        params: z.object({ slug: z.string().max(100), key: z.string().max(40) }),
        body: body(worksheetTemplateChangeInput.openapi('WorksheetTemplateChange')),
      },
      responses: {
        200: json(TemplateOut.extend({ copies: z.number() }), 'The template, and how many team copies changed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { slug, key } = c.req.valid('param');
      const p = await getProgram(c.var.db, slug);
      assertManageProgram(c.var.viewer, p);
      const { template: t, copies } = await updateTemplate(c.var.db, await getTemplate(c.var.db, p.id, key), c.req.valid('json'));
      return c.json({ key: t.key, title: t.title, sections: t.sections, copies }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/worksheets',
      summary: 'The program’s worksheet templates (organizers and team members)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: z.object({ slug: z.string().max(100) }) },
      responses: { 200: json(z.object({ worksheets: z.array(TemplateOut) }), 'Templates'), ...errorResponses },
    }),
    async (c) => {
      const p = await getProgram(c.var.db, c.req.valid('param').slug);
      if (!canManageProgram(c.var.viewer, p) && !(await teamOfPerson(c.var.db, p.id, c.var.viewer!.id))) throw forbidden();
      const list = await listTemplates(c.var.db, p.id);
      return c.json({ worksheets: list.map((t) => ({ key: t.key, title: t.title, sections: t.sections })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}',
      summary: 'A team’s worksheet: its answers, version, completion and section comments (organizers and the team)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: sheetParams },
      responses: { 200: json(WorksheetOut, 'The worksheet'), ...errorResponses },
    }),
    async (c) => {
      const { p, template, w } = await openWorksheet(c, c.req.valid('param'));
      return c.json(await worksheetJson(c, p, template.key, template.title, w), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}',
      summary: 'Save answers: every save that changes something is a new version (the team’s members)',
      description:
        'Only the questions sent change. With `baseVersion`, a question someone else changed since that version is refused with 409 `worksheet_changed` (its field named), and nothing is saved. Saving the same text again adds no version (`saved: false`).',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: sheetParams, body: body(worksheetSaveInput.openapi('WorksheetSave')) },
      responses: {
        200: json(z.object({ version: z.number(), saved: z.boolean() }), 'Saved'),
        409: changedMeanwhile,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { role, w } = await openWorksheet(c, c.req.valid('param'));
      if (role !== 'member') throw forbidden();
      return c.json(await saveWorksheet(c.var.db, w, c.req.valid('json'), author(c)), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}/versions',
      summary: 'Every saved version, newest first: who saved it and when (organizers and the team)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: sheetParams },
      responses: {
        200: json(
          z.object({
            versions: z.array(
              z.object({ number: z.number(), savedBy: z.string().nullable(), savedAt: z.string(), restoredFrom: z.number().nullable() }),
            ),
          }),
          'Versions',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { p, w } = await openWorksheet(c, c.req.valid('param'));
      const list = await listVersions(c.var.db, w.id);
      return c.json(
        {
          versions: list.map((v) => ({
            number: v.number,
            savedBy: v.savedByName,
            savedAt: isoInZone(v.savedAt, p.timeZone),
            restoredFrom: v.restoredFrom,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}/compare',
      summary: 'The answers that differ between two versions (0 is the empty worksheet)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: {
        params: sheetParams,
        query: z.object({ from: z.coerce.number().int().min(0).max(1_000_000), to: z.coerce.number().int().min(0).max(1_000_000) }),
      },
      responses: {
        200: json(
          z.object({
            from: z.number(),
            to: z.number(),
            changes: z.array(z.object({ sectionId: z.string(), questionId: z.string(), from: z.string(), to: z.string() })),
          }),
          'Changes',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { w } = await openWorksheet(c, c.req.valid('param'));
      const { from, to } = c.req.valid('query');
      const changes = await compareVersions(c.var.db, w, from, to);
      return c.json(
        { from, to, changes: changes.map((x) => ({ sectionId: x.section.id, questionId: x.question.id, from: x.from, to: x.to })) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}/versions/{number}/restore',
      summary: 'Restore an earlier version: it becomes the newest version (the team’s members)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: versionParams },
      responses: { 200: json(z.object({ version: z.number(), saved: z.boolean() }), 'Restored'), ...errorResponses },
    }),
    async (c) => {
      const params = c.req.valid('param');
      const { role, w } = await openWorksheet(c, params);
      if (role !== 'member') throw forbidden();
      return c.json(await restoreVersion(c.var.db, w, params.number, author(c)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{slug}/teams/{id}/worksheets/{key}/comments',
      summary: 'Comment on a section (organizers) or answer a comment with `parentId` (the team)',
      tags,
      security,
      middleware: [allow('signedIn')] as const,
      request: { params: sheetParams, body: body(worksheetCommentInput.openapi('WorksheetComment')) },
      responses: { 201: json(Comment, 'The comment'), ...errorResponses },
    }),
    async (c) => {
      const { p, role, w } = await openWorksheet(c, c.req.valid('param'));
      const x = await addComment(c.var.db, w, c.req.valid('json'), author(c), role === 'member');
      return c.json(commentJson(p, x), 201);
    },
    hook,
  );
}
