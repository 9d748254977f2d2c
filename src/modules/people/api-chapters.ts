import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, ErrorSchema, errorResponses } from '../../platform/http/api';
import { organizedChapter } from '../../platform/auth/roles';
import { addChapterOrganizer, chapterInput, chapterOrganizerInput, createChapter, listChapters } from './service';
import type { Chapter as ChapterRow } from './schema';
import { peopleMessages } from './messages';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const hook = apiValidationHookFor(peopleMessages) as never;

const Chapter = z
  .object({
    slug: z.string(),
    name: z.object({ en: z.string(), es: z.string().nullable() }),
    city: z.string().nullable(),
    timeZone: z.string(),
  })
  .openapi('Chapter');

const ChapterBody = chapterInput;
const OrganizerBody = chapterOrganizerInput;

function chapterJson(ch: ChapterRow) {
  return { slug: ch.slug, name: { en: ch.name, es: ch.nameEs }, city: ch.city, timeZone: ch.timeZone };
}

export function registerChaptersApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/chapters',
      summary: 'The chapters of the network',
      tags: ['people'],
      middleware: [allow('public')] as const,
      responses: { 200: json(z.object({ chapters: z.array(Chapter) }), 'Every chapter'), ...errorResponses },
    }),
    async (c) => c.json({ chapters: (await listChapters(c.var.db)).map(chapterJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/chapters',
      summary: 'Start a chapter (admins)',
      description: 'A slug already taken is refused with 409 and nothing changes.',
      tags: ['people'],
      security: [{ bearer: [] }],
      middleware: [allow('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: ChapterBody } } } },
      responses: { 201: json(Chapter, 'The new chapter'), 409: json(ErrorSchema, 'The slug is taken'), ...errorResponses },
    }),
    async (c) => c.json(chapterJson(await createChapter(c.var.db, c.req.valid('json'))), 201),
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/chapters/{slug}/organizers',
      summary: "Make someone an organizer of a chapter (admins and the chapter's organizers)",
      description: 'Creates the person when the address is new; the name is kept as typed.',
      tags: ['people'],
      security: [{ bearer: [] }],
      middleware: [allow('organizer')] as const,
      request: {
        params: z.object({ slug: z.string().max(60) }),
        body: { required: true, content: { 'application/json': { schema: OrganizerBody } } },
      },
      responses: {
        201: json(
          z.object({
            chapter: z.string(),
            person: z.object({ id: z.uuid(), email: z.string(), fullName: z.string() }),
            created: z.boolean(),
          }),
          'The organizer',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const slug = organizedChapter(c.var.viewer, c.req.valid('param').slug);
      const r = await addChapterOrganizer(c.var.db, slug, c.req.valid('json'), c.var.viewer!.id);
      return c.json(
        {
          chapter: r.chapter.slug,
          person: { id: r.person.id, email: r.person.email ?? '', fullName: r.person.fullName },
          created: r.created,
        },
        201,
      );
    },
    hook,
  );
}
