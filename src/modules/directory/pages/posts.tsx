import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { hasRole } from '../../../platform/auth/roles';
import { notFound } from '../../../platform/http/errors';
import { offsetParam } from '../../../platform/http/query';
import { xmlEscape as esc } from '../../../platform/http/xml';
import { localePath } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { renderMarkdown } from '../../../platform/markdown';
import { hrefOf } from '../../../platform/http/urls';
import { page, rawHtml } from '../../../platform/ui/layout';
import { Pager } from '../../../platform/ui/components';
import { attachedForms, getPost, isPostVisible, listPosts, postDate } from '../service';
import type { Post } from '../schema';
import { tr } from '../messages';
import { FormCalls, pick } from '../views/entries';
import { postPath } from '../views/paths';

export const postPages = new Hono<AppEnv>();

const PAGE = 20;

/** The list's filters as an address query ("?chapter=los-angeles&tag=hiring"), empty without any. */
function filterQuery(f: { chapter?: string; tag?: string }) {
  const q = new URLSearchParams();
  if (f.chapter) q.set('chapter', f.chapter);
  if (f.tag) q.set('tag', f.tag);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const filtersOf = (c: Ctx) => ({
  chapter: (c.req.query('chapter') ?? '').slice(0, 80) || undefined,
  tag: (c.req.query('tag') ?? '').slice(0, 60) || undefined,
});

postPages.get('/posts', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const f = filtersOf(c);
  const offset = offsetParam(c);
  const found = await listPosts(c.var.db, f, { limit: PAGE, offset });
  const feed = localePath(l, '/posts/feed.atom') + filterQuery(f);
  return page(
    c,
    {
      title: t('directory.posts.title'),
      description: t('directory.posts.lead'),
      head: <link rel="alternate" type="application/atom+xml" title={t('directory.posts.feed')} href={feed} />,
    },
    <>
      <h1>{t('directory.posts.title')}</h1>
      <p class="usa-intro">{t('directory.posts.lead')}</p>
      {(f.chapter || f.tag) && (
        <p>
          {t('directory.posts.filtered', { filter: [f.chapter, f.tag && `#${f.tag}`].filter(Boolean).join(' · ') })}{' '}
          <a href={localePath(l, '/posts')}>{t('directory.search.clear')}</a>
        </p>
      )}
      {found.total === 0 ? (
        <p>{t('directory.posts.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {found.posts.map((p) => (
            <li>
              <h2>
                <a href={postPath(l, p.slug)}>{pick(l, p.title, p.titleEs)}</a>
              </h2>
              <p class="usa-hint">
                {formatDate(l, postDate(p))}
                {p.authorName && <> · {p.authorName}</>}
                {p.series && <> · {p.series}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager
        t={c.var.t}
        total={found.total}
        offset={offset}
        limit={PAGE}
        href={(o) => localePath(l, '/posts') + filterQuery(f) + `${filterQuery(f) ? '&' : '?'}offset=${o}`}
      />
      <p>
        <a href={feed}>{t('directory.posts.feed')}</a>
      </p>
    </>,
  );
});

/** Atom 1.0, per chapter and tag (`?chapter=…&tag=…`), in the address's language. */
postPages.get('/posts/feed.atom', allow('public'), async (c) => {
  const l = c.var.locale;
  const t = tr(c);
  const f = filtersOf(c);
  const base = c.var.deps.config.baseUrl;
  const { posts } = await listPosts(c.var.db, f, { limit: 50, offset: 0 });
  const self = base + localePath(l, '/posts/feed.atom') + filterQuery(f);
  const home = base + localePath(l, '/posts') + filterQuery(f);
  const updated = posts.reduce((m, p) => (p.updatedAt > m ? p.updatedAt : m), new Date(0));
  const entry = (p: Post) => {
    const url = base + postPath(l, p.slug);
    return `<entry><id>${esc(url)}</id><title>${esc(pick(l, p.title, p.titleEs))}</title><link href="${esc(url)}"/><published>${postDate(p).toISOString()}</published><updated>${p.updatedAt.toISOString()}</updated><author><name>${esc(p.authorName ?? c.var.t('site.name'))}</name></author>${p.tags.map((tag) => `<category term="${esc(tag)}"/>`).join('')}<content type="html">${esc(renderMarkdown(pick(l, p.body, p.bodyEs)))}</content></entry>`;
  };
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${l}"><id>${esc(self)}</id><title>${esc(t('directory.posts.title'))}${f.chapter || f.tag ? esc(` (${[f.chapter, f.tag && `#${f.tag}`].filter(Boolean).join(' · ')})`) : ''}</title><updated>${(posts.length ? updated : new Date()).toISOString()}</updated><author><name>${esc(c.var.t('site.name'))}</name><uri>${esc(base + localePath(l, '/'))}</uri></author><link rel="self" href="${esc(self)}"/><link href="${esc(home)}"/>${posts.map(entry).join('')}</feed>`,
    200,
    { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  );
});

postPages.get('/posts/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const p = await getPost(c.var.db, c.req.param('slug'));
  if (!isPostVisible(p) && !hasRole(c.var.viewer, 'organizer')) throw notFound();
  const forms = await attachedForms(c.var.db, { ids: p.formIds });
  const title = pick(l, p.title, p.titleEs);
  const cover = hrefOf(p.coverUrl);
  return page(
    c,
    { title, index: isPostVisible(p) },
    <article>
      <h1>{title}</h1>
      <p class="usa-hint">
        {isPostVisible(p) ? formatDate(l, postDate(p)) : t('directory.posts.notYet')}
        {p.authorName && <> · {p.authorName}</>}
        {p.series && <> · {p.series}</>}
      </p>
      {cover && <img src={cover} alt={p.coverAlt ?? ''} class="pw-cover" />}
      <div class="usa-prose">{rawHtml(renderMarkdown(pick(l, p.body, p.bodyEs)))}</div>
      <FormCalls c={c} forms={forms} about="post" />
      {p.tags.length > 0 && (
        <p>
          {p.tags.map((tag, n) => (
            <>
              {n > 0 && ' '}
              <a href={localePath(l, `/posts?tag=${encodeURIComponent(tag)}`)}>#{tag}</a>
            </>
          ))}
        </p>
      )}
    </article>,
  );
});
