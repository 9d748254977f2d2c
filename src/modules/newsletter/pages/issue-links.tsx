import { hrefOf } from '../../../platform/http/urls';
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { formatDate } from '../../../platform/i18n/format';
import { page, rawHtml } from '../../../platform/ui/layout';
import { notFound } from '../../../platform/http/errors';
import { tr } from '../messages';
import { archiveHtml, getIssue, recordClick, recordOpen } from '../service';
import { isUuid } from '../../../platform/ids';

export const issueLinkPages = new Hono<AppEnv>();

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

issueLinkPages.get('/newsletter/o/:token', allow('public'), async (c) => {
  await recordOpen(c.var.deps, c.req.param('token').replace(/\.gif$/, ''), c.req.header('user-agent'));
  return c.body(PIXEL, 200, { 'content-type': 'image/gif', 'cache-control': 'no-store, private' });
});

issueLinkPages.get('/newsletter/c/:token/:index', allow('public'), async (c) => {
  const index = Number(c.req.param('index'));
  const url =
    Number.isInteger(index) && index >= 0 && index < 10_000
      ? await recordClick(c.var.deps, c.req.param('token'), index, c.req.header('user-agent'))
      : null;
  if (!url) throw notFound();
  return c.redirect(url, 302);
});

issueLinkPages.get('/newsletter/archive/:id', allow('public'), async (c) => {
  const t = tr(c);
  const id = c.req.param('id');
  if (!isUuid(id)) throw notFound();
  const issue = await getIssue(c.var.db, id);
  if (issue.status !== 'sent') throw notFound();
  const locale = c.var.locale;
  const { body, blocks } = archiveHtml(issue, locale, issue.frozen?.[locale] ?? null);
  return page(
    c,
    { title: issue.subject[locale] },
    <article>
      <h1>{issue.subject[locale]}</h1>
      <p class="pw-meta">{t('newsletter.archive.sentOn', { date: formatDate(locale, issue.finishedAt ?? issue.createdAt) })}</p>
      <div class="pw-prose">{rawHtml(body)}</div>
      {blocks.events.length > 0 && (
        <>
          <h2>{t('newsletter.email.events')}</h2>
          <ul class="usa-list">
            {blocks.events.map((e) => (
              <li>
                <a href={hrefOf(e.url)}>{e.title}</a>, {e.when}
              </li>
            ))}
          </ul>
        </>
      )}
      {blocks.jobs.length > 0 && (
        <>
          <h2>{t('newsletter.email.jobs')}</h2>
          <ul class="usa-list">
            {blocks.jobs.map((j) => (
              <li>
                <a href={hrefOf(j.url)}>{j.title}</a>, {j.agency}
              </li>
            ))}
          </ul>
        </>
      )}
      {blocks.recordings.length > 0 && (
        <>
          <h2>{t('newsletter.email.recordings')}</h2>
          <ul class="usa-list">
            {blocks.recordings.map((r) => (
              <li>
                <a href={hrefOf(r.url)}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {(blocks.posts ?? []).length > 0 && (
        <>
          <h2>{t('newsletter.email.posts')}</h2>
          <ul class="usa-list">
            {(blocks.posts ?? []).map((p) => (
              <li>
                <a href={hrefOf(p.url)}>{p.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>,
  );
});
