import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundFilters, prepared } from '../../../db/prepared';
import { FieldProblems, notFound } from '../../../platform/http/errors';
import { optionalText } from '../../../platform/http/validation';
import { localePath, type Locale } from '../../../platform/i18n';
import { slugify } from '../../events';
import { POST_STATUSES, posts, type Post } from '../schema';
import { getConvening } from './convenings';
import { formsBySlugs } from './forms';
import { initiativesBySlugs } from './initiatives';
import { nullableText, requiredText, slug, webLink } from './input';
import { organizationsBySlugs } from './organizations';
import { slugTaken } from './slugs';

export const postInput = z
  .object({
    slug: slug.optional(),
    title: requiredText(300),
    titleEs: nullableText(300),
    body: requiredText(50000),
    bodyEs: nullableText(50000),
    chapter: z.string().max(80).optional().nullable(),
    tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    series: optionalText(200),
    coverUrl: webLink,
    coverAlt: nullableText(300),
    status: z.enum(POST_STATUSES),
    publishAt: z.iso.datetime({ offset: true, message: 'validation.date' }).optional().nullable(),
    convenings: z.array(slug).max(20).default([]),
    initiatives: z.array(slug).max(20).default([]),
    organizations: z.array(slug).max(20).default([]),
    /** Interest forms the post invites readers to complete, by slug. */
    forms: z.array(slug).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    // A cover image is described for people who cannot see it.
    if (v.coverUrl && !v.coverAlt) ctx.addIssue({ code: 'custom', path: ['coverAlt'], message: 'directory.error.coverAlt' });
  });
export type PostInput = z.output<typeof postInput>;

/** Tags as they appear in addresses and feeds: "Open Data" and "open-data" are one tag. */
const tagKey = (t: string) => slugify(t).slice(0, 60);

/** Visible to the public: published, and its scheduled moment (if any) has come. */
const visible = sql`${posts.status} = 'published' AND (${posts.publishAt} IS NULL OR ${posts.publishAt} <= now())`;

export const isPostVisible = (p: Pick<Post, 'status' | 'publishAt'>, now = new Date()) =>
  p.status === 'published' && (!p.publishAt || p.publishAt <= now);

export async function createPost(db: Db, input: PostInput, author: { id: string | null; name: string }): Promise<Post> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    const publishAt = input.publishAt ? new Date(input.publishAt) : null;
    // A minute's grace for clocks; further back than that is a mistake, not a schedule.
    if (publishAt && publishAt.getTime() < Date.now() - 60_000) problems.add('publishAt', 'directory.error.publishAtPast');
    const orgs = await organizationsBySlugs(tx, input.organizations, 'organizations', problems);
    const inits = await initiativesBySlugs(tx, input.initiatives, 'initiatives', problems);
    const formIds = await formsBySlugs(tx, input.forms, 'forms', problems);
    const conveningIds: string[] = [];
    for (const s of [...new Set(input.convenings)]) {
      try {
        conveningIds.push((await getConvening(tx, s)).event.id);
      } catch {
        problems.add('convenings', 'directory.error.unknownConvening', { slug: s });
      }
    }
    problems.throwIfAny();
    const base = input.slug ?? (slugify(input.title).slice(0, 70) || 'post');
    let postSlug = base;
    for (let n = 2; !input.slug && (await tx.select({ id: posts.id }).from(posts).where(eq(posts.slug, postSlug))).length; n++)
      postSlug = `${base}-${n}`;
    const { slug: _s, convenings: _c, initiatives: _i, organizations: _o, forms: _f, ...fields } = input;
    const [row] = await tx
      .insert(posts)
      .values({
        ...fields,
        slug: postSlug,
        chapter: input.chapter ?? null,
        tags: [...new Set(input.tags.map(tagKey).filter(Boolean))],
        publishAt,
        conveningIds,
        initiativeIds: inits.map((i) => i.id),
        organizationIds: orgs.map((o) => o.id),
        formIds,
        authorId: author.id,
        authorName: author.name,
      })
      .onConflictDoNothing({ target: posts.slug })
      .returning();
    if (!row) throw slugTaken();
    return row;
  });
}

export async function getPost(db: Db, postSlug: string): Promise<Post> {
  const [p] = await db.select().from(posts).where(eq(posts.slug, postSlug));
  if (!p) throw notFound();
  return p;
}

/** Published posts (their moment come), newest first, by chapter and tag. */
export async function listPosts(
  db: Db,
  f: { chapter?: string; tag?: string },
  page: { limit: number; offset: number },
): Promise<{ posts: Post[]; total: number }> {
  const { name, bound } = boundFilters('directory.posts', { chapter: f.chapter, tag: f.tag });
  const list = await prepared(db, name, (db) =>
    db
      .select({ p: posts, total: sql<number>`count(*) OVER ()` })
      .from(posts)
      .where(
        and(
          visible,
          bound.chapter ? eq(posts.chapter, bound.chapter) : undefined,
          bound.tag ? sql`${posts.tags} @> ARRAY[${bound.tag}]::text[]` : undefined,
        ),
      )
      .orderBy(desc(sql`coalesce(${posts.publishAt}, ${posts.createdAt})`), desc(posts.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset')),
  ).execute({ chapter: f.chapter, tag: f.tag && tagKey(f.tag), ...page });
  return { posts: list.map((r) => r.p), total: Number(list[0]?.total ?? 0) };
}

/** When a post was (or will be) published. */
export const postDate = (p: Pick<Post, 'publishAt' | 'createdAt'>) => p.publishAt ?? p.createdAt;

/**
 * Whether a scheduled post came due since the last look, so the worker clears the page cache then
 * (lists and feeds are cached; the post itself needs nothing else to appear).
 */
export async function postsCameDue(db: Db, sinceSeconds: number): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .where(
      and(
        eq(posts.status, 'published'),
        sql`${posts.publishAt} <= now() AND ${posts.publishAt} > now() - make_interval(secs => ${sinceSeconds})`,
      ),
    );
  return Number(row?.n ?? 0) > 0;
}

/** Drafts and scheduled posts, for organizers: what the public cannot see yet, soonest first. */
export async function postsNotYetPublic(db: Db, limit = 50): Promise<Post[]> {
  return db
    .select()
    .from(posts)
    .where(sql`NOT (${visible})`)
    .orderBy(sql`${posts.publishAt} ASC NULLS LAST`, desc(posts.createdAt))
    .limit(limit);
}

/**
 * The newsletter's "latest posts" block (handed to it at composition): posts public now, newest first,
 * titled in the block's language when the post has it, linking to the page in that language.
 */
export async function latestPosts(
  db: Db,
  opts: { limit: number; locale: Locale; baseUrl: string },
): Promise<{ title: string; url: string }[]> {
  const { posts: list } = await listPosts(db, {}, { limit: opts.limit, offset: 0 });
  return list.map((p) => ({
    title: (opts.locale === 'es' && p.titleEs) || p.title,
    url: `${opts.baseUrl}${localePath(opts.locale, `/posts/${p.slug}`)}`,
  }));
}
