import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { xmlEscape } from '../../../platform/http/xml';
import { jobsMessages } from '../messages';
import type { SearchFilters } from '../schema';
import { filtersQuery } from '../lib/search-params';
import type { JobListRow } from '../service/search';
import { closesText, describeFilters, payText } from './format';

const esc = xmlEscape;

/** The same search as RSS 2.0, Atom 1.0 or JSON Feed 1.1, in the page's language. */
export function feedResponse(c: Ctx, ext: 'rss' | 'atom' | 'json', f: SearchFilters, jobs: JobListRow[]): Response {
  const l = c.var.locale;
  const t = jobsMessages.for(l);
  const base = c.var.deps.config.baseUrl;
  const home = base + localePath(l, '/jobs') + filtersQuery(f);
  const self = base + localePath(l, `/jobs/feed.${ext}`) + filtersQuery(f);
  const title = `${t('jobs.feed.title')} (${describeFilters(t, f)})`;
  const items = jobs.map((j) => ({
    id: j.id,
    url: base + localePath(l, `/jobs/${j.id}`),
    title: `${j.title} — ${(l === 'es' && j.agencyNameEs) || j.agencyName}`,
    summary: [payText(t, l, j), closesText(t, l, j.closesAt), j.summary ?? ''].filter(Boolean).join(' · '),
    date: (j.publishedAt ?? j.openedAt).toISOString(),
  }));
  // RFC 4287 wants a real `updated`: the newest entry's, or, for a search with none, the moment the
  // answer was made (the feed is computed fresh, cached five minutes).
  const updated = items.reduce((m, i) => (i.date > m ? i.date : m), '') || new Date().toISOString();
  c.header('Cache-Control', 'public, max-age=300');
  if (ext === 'json') {
    return c.body(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title,
        home_page_url: home,
        feed_url: self,
        language: l,
        items: items.map((i) => ({ id: i.url, url: i.url, title: i.title, content_text: i.summary, date_published: i.date })),
      }),
      200,
      { 'Content-Type': 'application/feed+json; charset=utf-8' },
    );
  }
  if (ext === 'atom') {
    const entries = items
      .map(
        (i) =>
          `<entry><id>${esc(i.url)}</id><title>${esc(i.title)}</title><link href="${esc(i.url)}"/><updated>${i.date}</updated><summary>${esc(i.summary)}</summary></entry>`,
      )
      .join('');
    return c.body(
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${l}"><id>${esc(self)}</id><title>${esc(title)}</title><updated>${updated}</updated><author><name>${esc(c.var.t('site.name'))}</name><uri>${esc(base + localePath(l, '/'))}</uri></author><link rel="self" href="${esc(self)}"/><link href="${esc(home)}"/>${entries}</feed>`,
      200,
      { 'Content-Type': 'application/atom+xml; charset=utf-8' },
    );
  }
  const rssItems = items
    .map(
      (i) =>
        `<item><guid isPermaLink="true">${esc(i.url)}</guid><title>${esc(i.title)}</title><link>${esc(i.url)}</link><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${esc(i.summary)}</description></item>`,
    )
    .join('');
  return c.body(
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${esc(title)}</title><link>${esc(home)}</link><description>${esc(t('jobs.board.description'))}</description><language>${l}</language><atom:link rel="self" href="${esc(self)}"/>${rssItems}</channel></rss>`,
    200,
    { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  );
}
