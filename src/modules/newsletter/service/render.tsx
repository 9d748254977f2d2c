import { safeHref } from '../../../platform/http/urls';
import { raw } from 'hono/html';
import type { Deps } from '../../../platform/http/context';
import type { Locale } from '../../../platform/i18n';
import { emailHtml } from '../../../platform/mail/render';
import { formatDateTime } from '../../../platform/i18n/format';
import { newsletterMessages } from '../messages';
import type { FrozenBlocks, Issue } from '../schema';
import { htmlToText, linksIn, markdownToHtml } from '../lib/markdown';
import type { NewsletterHooks } from './hooks';

const LIMIT = 5;

/** Fills the issue's blocks from the events, jobs and directory modules (empty when those are not installed). */
export async function fillBlocks(
  deps: Pick<Deps, 'db' | 'config'>,
  hooks: NewsletterHooks,
  issue: Pick<Issue, 'blocks'>,
  locale: Locale,
): Promise<FrozenBlocks> {
  const b = issue.blocks;
  const db = deps.db;
  const opts = { limit: LIMIT, locale, baseUrl: deps.config.baseUrl };
  const [events, jobs, recordings, posts] = await Promise.all([
    b.events && hooks.events ? hooks.events.upcomingEvents(db, opts) : [],
    b.jobs && hooks.jobs ? hooks.jobs.promotedJobs(db, opts) : [],
    b.recordings && hooks.events ? hooks.events.recentRecordings(db, opts) : [],
    b.posts && hooks.posts ? hooks.posts.latestPosts(db, opts) : [],
  ]);
  return {
    events: events.map((e) => ({ title: e.title, url: e.url, when: formatDateTime(locale, new Date(e.startsAt), e.timeZone) })),
    jobs: jobs.map((j) => ({ id: j.id, title: j.title, agency: j.agency, url: j.url })),
    recordings: recordings.map((r) => ({ title: r.title, url: safeHref(r.recordingUrl) ?? r.url })),
    posts: posts.map((p) => ({ title: p.title, url: p.url })),
  };
}

/** The links a recipient may be redirected to, indexed; job links carry their job id. */
export function collectLinks(issue: Pick<Issue, 'body'>, frozen: Record<Locale, FrozenBlocks>): { url: string; jobId?: string }[] {
  const out: { url: string; jobId?: string }[] = [];
  const add = (url: string, jobId?: string) => {
    if (!out.some((l) => l.url === url)) out.push(jobId ? { url, jobId } : { url });
  };
  for (const locale of ['en', 'es'] as const) {
    for (const url of linksIn(markdownToHtml(issue.body[locale]))) add(url);
    for (const e of frozen[locale].events) add(e.url);
    for (const j of frozen[locale].jobs) add(j.url, j.id);
    for (const r of frozen[locale].recordings) add(r.url);
    for (const p of frozen[locale].posts ?? []) add(p.url);
  }
  return out;
}

export interface Template {
  subject: string;
  html: string;
  text: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One language of an issue with placeholders for what differs per recipient (%%LINK_n%%, %%PIXEL%%,
 * %%PREFS%%, %%UNSUB%%): rendered once per send, personalised by string replacement per message.
 */
export function renderTemplate(
  deps: Pick<Deps, 'config'>,
  issue: Pick<Issue, 'id' | 'subject' | 'body'>,
  locale: Locale,
  frozen: FrozenBlocks,
  links: { url: string }[],
): Template {
  const t = newsletterMessages.for(locale);
  const idx = (url: string) => links.findIndex((l) => l.url === url);
  const href = (url: string) => (idx(url) >= 0 ? `%%LINK_${idx(url)}%%` : esc(safeHref(url) ?? '#'));
  let body = markdownToHtml(issue.body[locale]);
  body = body.replace(/<a ([^>]*)href="(https?:[^"]+)"/g, (m, pre: string, url: string) => {
    const real = url.replace(/&amp;/g, '&');
    return idx(real) >= 0 ? `<a ${pre}href="%%LINK_${idx(real)}%%"` : m;
  });
  const subject = issue.subject[locale];
  const archive = `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}/newsletter/archive/${issue.id}`;
  let blocks = '';
  if (frozen.events.length) {
    blocks += `<h2>${esc(t('newsletter.email.events'))}</h2><ul>${frozen.events.map((e) => `<li><a href="${href(e.url)}">${esc(e.title)}</a><br>${esc(e.when)}</li>`).join('')}</ul>`;
  }
  if (frozen.jobs.length) {
    blocks += `<h2>${esc(t('newsletter.email.jobs'))}</h2><ul>${frozen.jobs.map((j) => `<li><a href="${href(j.url)}">${esc(j.title)}</a>, ${esc(j.agency)}</li>`).join('')}</ul>`;
  }
  if (frozen.recordings.length) {
    blocks += `<h2>${esc(t('newsletter.email.recordings'))}</h2><ul>${frozen.recordings.map((r) => `<li><a href="${href(r.url)}">${esc(r.title)}</a></li>`).join('')}</ul>`;
  }
  const posts = frozen.posts ?? [];
  if (posts.length) {
    blocks += `<h2>${esc(t('newsletter.email.posts'))}</h2><ul>${posts.map((p) => `<li><a href="${href(p.url)}">${esc(p.title)}</a></li>`).join('')}</ul>`;
  }
  const footer = `<p>${esc(t('newsletter.email.why'))}</p><p><a href="%%PREFS%%" style="color:inherit">${esc(t('newsletter.email.prefs'))}</a> · <a href="%%UNSUB%%" style="color:inherit">${esc(t('newsletter.email.unsubscribe'))}</a> · <a href="${esc(archive)}" style="color:inherit">${esc(t('newsletter.email.webVersion'))}</a></p>%%PIXEL%%`;
  const html = emailHtml({
    locale,
    title: subject,
    children: raw(`<h1 style="font-size:26px;line-height:1.25">${esc(subject)}</h1>${body}${blocks}`),
    footer: raw(footer),
  });
  const textBlocks = [
    frozen.events.length
      ? `${t('newsletter.email.events')}\n${frozen.events.map((e) => `- ${e.title}, ${e.when}: ${href(e.url)}`).join('\n')}`
      : '',
    frozen.jobs.length
      ? `${t('newsletter.email.jobs')}\n${frozen.jobs.map((j) => `- ${j.title}, ${j.agency}: ${href(j.url)}`).join('\n')}`
      : '',
    frozen.recordings.length
      ? `${t('newsletter.email.recordings')}\n${frozen.recordings.map((r) => `- ${r.title}: ${href(r.url)}`).join('\n')}`
      : '',
    posts.length ? `${t('newsletter.email.posts')}\n${posts.map((p) => `- ${p.title}: ${href(p.url)}`).join('\n')}` : '',
  ].filter(Boolean);
  const bodyText = htmlToText(body.replace(/href="(%%LINK_\d+%%)"/g, 'href="$1"'));
  const text = [
    subject,
    '='.repeat(Math.min(60, subject.length)),
    bodyText,
    ...textBlocks,
    `--\n${t('newsletter.email.why')}\n${t('newsletter.email.prefs')}: %%PREFS%%\n${t('newsletter.email.unsubscribe')}: %%UNSUB%%\n${t('newsletter.email.webVersion')}: ${archive}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject, html, text };
}

export interface RecipientUrls {
  prefs: string;
  unsub: string;
  /** Null when tracking is off: links stay as written and no pixel is added. */
  track: { token: string } | null;
}

export function personalise(deps: Pick<Deps, 'config'>, tpl: Template, links: { url: string }[], urls: RecipientUrls): Template {
  const base = deps.config.baseUrl;
  const linkFor = (i: number) => (urls.track ? `${base}/newsletter/c/${urls.track.token}/${i}` : (links[i]?.url ?? base));
  const fill = (s: string, html: boolean) =>
    s
      .replace(/%%LINK_(\d+)%%/g, (_m, i: string) => (html ? esc(linkFor(Number(i))) : linkFor(Number(i))))
      .replace(/%%PREFS%%/g, html ? esc(urls.prefs) : urls.prefs)
      .replace(/%%UNSUB%%/g, html ? esc(urls.unsub) : urls.unsub)
      .replace(
        /%%PIXEL%%/g,
        urls.track && html
          ? `<img src="${base}/newsletter/o/${urls.track.token}.gif" width="1" height="1" alt="" style="display:block;border:0">`
          : '',
      );
  return { subject: tpl.subject, html: fill(tpl.html, true), text: fill(tpl.text, false) };
}

/** The web archive version: the same content, no personal links. */
export function archiveHtml(
  issue: Pick<Issue, 'body'>,
  locale: Locale,
  frozen: FrozenBlocks | null,
): { body: string; blocks: FrozenBlocks } {
  return { body: markdownToHtml(issue.body[locale]), blocks: frozen ?? { events: [], jobs: [], recordings: [], posts: [] } };
}
