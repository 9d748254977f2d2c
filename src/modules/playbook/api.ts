import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, conflictResponses, errorResponses, jsonBody, jsonResponse } from '../../platform/http/api';
import { organizedChapter } from '../../platform/auth/roles';
import type { PlaybookHooks } from './hooks';
import { playbookMessages } from './messages';
import type { PlaybookTemplate } from './schema';
import {
  chapterCopies,
  chapterCopy,
  contentInput,
  copyInput,
  copyToChapter,
  createTemplate,
  listTemplates,
  saveCopy,
  templateInput,
  templateUpdate,
  updateTemplate,
  type ChapterCopy,
} from './service';

const hook = apiValidationHookFor(playbookMessages) as never;
const tags = ['playbook'];

const Content = z.record(z.string(), z.object({ en: z.string(), es: z.string() }));
const Template = z
  .object({ slug: z.string(), kind: z.string(), version: z.number().int(), content: Content, updatedAt: z.string() })
  .openapi('PlaybookTemplate');
const Change = z.object({
  field: z.string(),
  lang: z.enum(['en', 'es']),
  lines: z.array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() })),
});
const Copy = z
  .object({
    template: z.string(),
    kind: z.string(),
    baseVersion: z.number().int().openapi({ description: 'The network version the copy was made from or last brought up to date with' }),
    networkVersion: z.number().int(),
    content: Content,
    networkChanges: z.array(Change).openapi({ description: 'What the network changed since `baseVersion`, line by line' }),
  })
  .openapi('PlaybookCopy');

const templateJson = (t: PlaybookTemplate) => ({
  slug: t.slug,
  kind: t.kind,
  version: t.version,
  content: t.content as z.infer<typeof Content>,
  updatedAt: t.updatedAt.toISOString(),
});
const copyJson = (x: ChapterCopy) => ({
  template: x.template.slug,
  kind: x.template.kind,
  baseVersion: x.copy.baseVersion,
  networkVersion: x.template.version,
  content: x.copy.content as z.infer<typeof Content>,
  networkChanges: x.networkChanges,
});

const chapterParam = z.object({ slug: z.string().max(60) });

/** The network's templates (organizers read, admins write) and each chapter's copies. */
export function registerPlaybookApi(api: OpenAPIHono<AppEnv>, hooks: PlaybookHooks) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/playbook/templates',
      summary: 'The network’s playbook templates',
      tags,
      middleware: [allow('organizer')] as const,
      responses: { 200: jsonResponse(z.object({ templates: z.array(Template) }), 'The templates'), ...errorResponses },
    }),
    async (c) => c.json({ templates: (await listTemplates(c.var.db)).map(templateJson) }, 200),
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/playbook/templates',
      summary: 'Add a template to the network’s playbook (admins)',
      description:
        'Kinds: `event_series` (title, summary, runOfShow, volunteerRoles), `email` (title, subject, body), `newsletter` (title, subject, intro, sections), `checklist` (title, summary, items), `program` (title, summary, sessions, deliverables). A slug already taken is `409 slug_taken`.',
      tags,
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(templateInput) },
      responses: { 201: jsonResponse(Template, 'Created, as version 1'), ...conflictResponses, ...errorResponses },
    }),
    async (c) => c.json(templateJson(await createTemplate(c.var.db, c.req.valid('json'), c.var.viewer!.id)), 201),
    hook,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/playbook/templates/{slug}',
      summary: 'Change a template: a new version (admins)',
      description: '`version` is the version the change was made from: `409 template_changed` when someone saved since.',
      tags,
      middleware: [allow('admin')] as const,
      request: { params: z.object({ slug: z.string().max(60) }), body: jsonBody(templateUpdate) },
      responses: { 200: jsonResponse(Template, 'The template'), ...conflictResponses, ...errorResponses },
    }),
    async (c) =>
      c.json(templateJson(await updateTemplate(c.var.db, c.req.valid('param').slug, c.req.valid('json'), c.var.viewer!.id)), 200),
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/chapters/{slug}/playbook',
      summary: 'Copy the playbook to a chapter (admins, or that chapter’s organizers)',
      description:
        '`templates` names the templates to copy (all when left out). A template the chapter already has is left as it is (`kept`). Copies are independent of the network’s templates. A new copy of an event series starts the chapter’s series with a first draft event, a new copy of a program a program to finish (`started`).',
      tags,
      middleware: [allow('organizer')] as const,
      request: { params: chapterParam, body: jsonBody(copyInput) },
      responses: {
        201: jsonResponse(
          z.object({
            copied: z.array(z.string()),
            kept: z.array(z.string()),
            started: z
              .array(z.object({ template: z.string(), kind: z.enum(['series', 'event', 'program']), slug: z.string(), path: z.string() }))
              .openapi({ description: 'What the new copies started: an event series and its first draft event, a program' }),
          }),
          'Copied',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const slug = organizedChapter(c.var.viewer, c.req.valid('param').slug);
      return c.json(await copyToChapter(c.var.db, slug, c.req.valid('json'), c.var.viewer!.id, hooks), 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/chapters/{slug}/playbook',
      summary: 'A chapter’s copies, with what the network changed since each was copied',
      tags,
      middleware: [allow('organizer')] as const,
      request: { params: chapterParam },
      responses: { 200: jsonResponse(z.object({ copies: z.array(Copy) }), 'The copies'), ...errorResponses },
    }),
    async (c) => {
      const slug = organizedChapter(c.var.viewer, c.req.valid('param').slug);
      return c.json({ copies: (await chapterCopies(c.var.db, slug)).map(copyJson) }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/chapters/{slug}/playbook/{template}',
      summary: 'Change a chapter’s copy (the network’s template is untouched)',
      tags,
      middleware: [allow('organizer')] as const,
      request: {
        params: chapterParam.extend({ template: z.string().max(60) }),
        body: jsonBody(z.object({ content: contentInput })),
      },
      responses: { 200: jsonResponse(Copy, 'The copy'), ...errorResponses },
    }),
    async (c) => {
      const { template } = c.req.valid('param');
      const slug = organizedChapter(c.var.viewer, c.req.valid('param').slug);
      await saveCopy(c.var.db, slug, template, c.req.valid('json').content);
      return c.json(copyJson(await chapterCopy(c.var.db, slug, template)), 200);
    },
    hook,
  );
}
