import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { hasRole } from '../../platform/auth/roles';
import { apiValidationHookFor, conflictResponses, errorResponses, jsonBody, jsonResponse, pagingQuery } from '../../platform/http/api';
import { forbidden, notFound } from '../../platform/http/errors';
import { directoryMessages } from './messages';
import { actorOf } from './permissions';
import { POST_STATUSES, type Post } from './schema';
import { createPost, getPost, isPostVisible, listPosts, postDate, postInput } from './service';
import { postPath } from './views/paths';

const PostOut = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    titleEs: z.string().nullable(),
    chapter: z.string().nullable(),
    tags: z.array(z.string()),
    series: z.string().nullable(),
    status: z.enum(POST_STATUSES),
    publishedAt: z.string().openapi({ description: 'When it was, or is scheduled to be, published' }),
    author: z.object({ name: z.string().nullable() }),
  })
  .openapi('Post');

const postJson = (c: Ctx, p: Post) => ({
  id: p.id,
  slug: p.slug,
  url: `${c.var.deps.config.baseUrl}${postPath('en', p.slug)}`,
  title: p.title,
  titleEs: p.titleEs,
  chapter: p.chapter,
  tags: p.tags,
  series: p.series,
  status: p.status,
  publishedAt: postDate(p).toISOString(),
  author: { name: p.authorName },
});

export function registerPostsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/posts',
      summary: 'Write a post: a draft, published now, or scheduled with publishAt (organizers of its chapter)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: jsonBody(postInput.openapi('PostInput')) },
      responses: {
        201: jsonResponse(z.object({ id: z.uuid(), slug: z.string(), url: z.string() }), 'The new post'),
        ...conflictResponses,
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const viewer = c.var.viewer!;
      if (input.chapter && !hasRole(viewer, 'organizer', input.chapter)) throw forbidden();
      const p = await createPost(c.var.db, input, actorOf(c));
      return c.json({ id: p.id, slug: p.slug, url: `${c.var.deps.config.baseUrl}${postPath('en', p.slug)}` }, 201);
    },
    apiValidationHookFor(directoryMessages) as never,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/posts',
      summary: 'Published posts, newest first, by chapter and tag (public, paged)',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { query: z.object({ chapter: z.string().max(80).optional(), tag: z.string().max(60).optional(), ...pagingQuery }) },
      responses: { 200: jsonResponse(z.object({ posts: z.array(PostOut), total: z.number() }), 'A page of posts'), ...errorResponses },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const found = await listPosts(c.var.db, f, { limit, offset });
      return c.json({ posts: found.posts.map((p) => postJson(c, p)), total: found.total }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/posts/{slug}',
      summary: 'One post (drafts and scheduled posts: organizers only)',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: z.object({ slug: z.string().max(100) }) },
      responses: { 200: jsonResponse(PostOut.extend({ body: z.string(), bodyEs: z.string().nullable() }), 'The post'), ...errorResponses },
    }),
    async (c) => {
      const p = await getPost(c.var.db, c.req.valid('param').slug);
      if (!isPostVisible(p) && !hasRole(c.var.viewer, 'organizer')) throw notFound();
      return c.json({ ...postJson(c, p), body: p.body, bodyEs: p.bodyEs }, 200);
    },
  );
}
