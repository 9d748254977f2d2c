import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { formatNumber, formatPercent } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { confirmPage } from '../../../platform/ui/confirm';
import { form } from '../../../platform/http/request';
import { AppError, notFound } from '../../../platform/http/errors';
import { errorMessages } from '../../../platform/http/validation';
import { isUuid } from '../../../platform/ids';
import { newsletterMessages, tr } from '../messages';
import type { Issue } from '../schema';
import type { NewsletterHooks } from '../service/hooks';
import {
  beginSending,
  cancelIssue,
  countRecipients,
  createIssue,
  getIssue,
  issueInput,
  issueStats,
  listIssues,
  markdownToHtml,
  pauseIssue,
  prepare,
  messageFor,
  resumeIssue,
  scheduleIssue,
  statusCounts,
  unscheduleIssue,
  updateIssue,
  zonedDateTime,
  collectLinks,
  fillBlocks,
} from '../service';
import { issueFromValues, valuesFromIssue } from '../views/issue';
import { DataTable } from '../../../platform/ui/data-table';
import { ZONE, issuePage, lp } from './issue-editor';

async function loadIssue(c: Ctx): Promise<Issue> {
  const id = c.req.param('id');
  if (!isUuid(id)) throw notFound();
  return getIssue(c.var.db, id);
}

function errorsOf(c: Ctx, err: unknown): Record<string, string> {
  const mt = newsletterMessages.any(c.var.locale);
  if (err instanceof AppError) {
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, v]) => [
        k.replace(/^(subject|body)\.(en|es)$/, (_m, a: string, b: string) => a + b[0].toUpperCase() + b[1]),
        mt(v),
      ]),
    );
    return Object.keys(fields).length ? fields : { _: mt(err.messageKey) };
  }
  throw err;
}

async function dashboard(c: Ctx) {
  const t = tr(c);
  const locale = c.var.locale;
  const [list, counts] = await Promise.all([listIssues(c.var.db), statusCounts(c.var.db)]);
  const stats = await Promise.all(list.map((i) => (i.status === 'draft' || i.status === 'scheduled' ? null : issueStats(c.var.db, i.id))));
  const pct = (x: number) => formatPercent(locale, x, 1);
  return page(
    c,
    { title: t('newsletter.org.title'), index: false },
    <>
      <h1>{t('newsletter.org.title')}</h1>
      <p>{t('newsletter.org.intro')}</p>
      <p>
        <a class="usa-button" href={lp(c, '/organize/newsletter/issues/new')}>
          {t('newsletter.org.new')}
        </a>
      </p>
      <h2>{t('newsletter.org.subscribers')}</h2>
      <p>
        {t('newsletter.org.counts', {
          confirmed: counts.confirmed ?? 0,
          pending: counts.pending ?? 0,
          suppressed: (counts.unsubscribed ?? 0) + (counts.bounced ?? 0) + (counts.complained ?? 0),
        })}
      </p>
      <h2>{t('newsletter.org.links')}</h2>
      <ul class="usa-list">
        <li>
          <a href={lp(c, '/organize/newsletter/subscribers')}>{t('newsletter.subs.title')}</a>
        </li>
        <li>
          <a href={lp(c, '/organize/newsletter/import')}>{t('newsletter.org.import')}</a>
        </li>
        <li>
          <a href={lp(c, '/organize/newsletter/subscribers.csv')}>{t('newsletter.org.export')}</a>
        </li>
        <li>
          <a href={lp(c, '/organize/newsletter/reports')}>{t('newsletter.org.reports')}</a>
        </li>
        <li>
          <a href={lp(c, '/organize/newsletter/settings')}>{t('newsletter.org.settings')}</a>
        </li>
      </ul>
      <h2>{t('newsletter.org.issues')}</h2>
      <DataTable
        caption={t('newsletter.org.issues')}
        captionHidden
        borderless
        rows={list}
        empty={t('newsletter.org.noIssues')}
        columns={[
          {
            label: t('newsletter.org.subject'),
            cell: (i) => <a href={lp(c, `/organize/newsletter/issues/${i.id}`)}>{i.subject[locale] || t('newsletter.edit.untitled')}</a>,
          },
          { label: t('newsletter.org.statusCol'), cell: (i) => t(`newsletter.issueStatus.${i.status}`) },
          { label: t('newsletter.org.sentCol'), cell: (_, n) => (stats[n] ? formatNumber(locale, stats[n]!.sent) : '—'), numeric: true },
          { label: t('newsletter.org.openRate'), cell: (i, n) => (stats[n] && i.tracking ? pct(stats[n]!.openRate) : '—'), numeric: true },
          {
            label: t('newsletter.org.clickRate'),
            cell: (i, n) => (stats[n] && i.tracking ? pct(stats[n]!.clickRate) : '—'),
            numeric: true,
          },
        ]}
      />
    </>,
  );
}

async function saveFromForm(c: Ctx, hooks: NewsletterHooks, issue: Issue | null) {
  const values = await form(c);
  const input = issueFromValues(values);
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) {
    const errs = errorMessages(c, parsed.error, newsletterMessages);
    return issuePage(c, hooks, issue, values, errs);
  }
  if (values.action === 'preview') return issuePage(c, hooks, issue, values, {}, { preview: true });
  const saved = issue ? await updateIssue(c.var.db, issue.id, parsed.data) : await createIssue(c.var.db, parsed.data, c.var.viewer!.id);
  return c.redirect(lp(c, `/organize/newsletter/issues/${saved.id}?saved=1`), 303);
}

export function registerOrganizerPages(app: Hono<AppEnv>, hooks: NewsletterHooks) {
  const org = allow('organizer');
  app.get('/organize/newsletter', org, dashboard);
  app.get('/organize/newsletter/issues/new', org, (c) => issuePage(c, hooks, null, { tracking: 'on' }));
  app.post('/organize/newsletter/issues', org, (c) => saveFromForm(c, hooks, null));
  app.get('/organize/newsletter/issues/:id', org, async (c) => {
    const issue = await loadIssue(c);
    return issuePage(
      c,
      hooks,
      issue,
      valuesFromIssue(issue),
      {},
      {
        notice: c.req.query('saved')
          ? tr(c)('newsletter.edit.saved')
          : c.req.query('tested')
            ? tr(c)('newsletter.send.testSent', { email: c.var.viewer!.email })
            : c.req.query('started')
              ? tr(c)('newsletter.send.started')
              : undefined,
      },
    );
  });
  app.post('/organize/newsletter/issues/:id', org, async (c) => {
    const issue = await loadIssue(c);
    if (issue.status !== 'draft')
      return issuePage(c, hooks, issue, valuesFromIssue(issue), { _: tr(c)('newsletter.edit.locked') }, { status: 409 });
    return saveFromForm(c, hooks, issue);
  });
  app.post('/organize/newsletter/issues/:id/test', org, async (c) => {
    const issue = await loadIssue(c);
    const values = await form(c);
    const language = values.language === 'es' ? 'es' : 'en';
    const frozen = { en: await fillBlocks(c.var.deps, hooks, issue, 'en'), es: await fillBlocks(c.var.deps, hooks, issue, 'es') };
    const p = await prepare(c.var.deps, { ...issue, frozen, links: collectLinks(issue, frozen), tracking: false });
    const viewer = c.var.viewer!;
    const msg = await messageFor(c.var.deps, p, { id: issue.id, subscriber_id: viewer.id, email: viewer.email, language });
    await c.var.deps.mailer.send({ ...msg, subject: newsletterMessages.for(language)('newsletter.email.test', { subject: msg.subject }) });
    return c.redirect(lp(c, `/organize/newsletter/issues/${issue.id}?tested=1`), 303);
  });
  // Sending cannot be called back: the button leads here first, which names how many people get it.
  app.get('/organize/newsletter/issues/:id/send', org, async (c) => {
    const issue = await loadIssue(c);
    const t = tr(c);
    const back = lp(c, `/organize/newsletter/issues/${issue.id}`);
    if (issue.status !== 'draft') return c.redirect(back, 303);
    const count = await countRecipients(c.var.db, hooks, issue.segment);
    return confirmPage(c, {
      question: t('newsletter.send.confirmQuestion', { count }),
      detail: t('newsletter.send.confirmDetail', { subject: issue.subject[c.var.locale] || issue.subject.en || issue.subject.es || '' }),
      action: lp(c, `/organize/newsletter/issues/${issue.id}/send`),
      fields: { when: 'now' },
      confirm: t('newsletter.send.confirmYes', { count }),
      back: { label: t('newsletter.send.confirmNo'), href: back },
    });
  });
  app.post('/organize/newsletter/issues/:id/send', org, async (c) => {
    const issue = await loadIssue(c);
    const values = await form(c);
    try {
      if (values.when === 'later') await scheduleIssue(c.var.db, issue.id, zonedDateTime(values.scheduledAt ?? '', ZONE));
      else await beginSending(c.var.deps, hooks, issue.id);
    } catch (err) {
      return issuePage(c, hooks, issue, { ...valuesFromIssue(issue), scheduledAt: values.scheduledAt ?? '' }, errorsOf(c, err));
    }
    return c.redirect(lp(c, `/organize/newsletter/issues/${issue.id}${values.when === 'later' ? '' : '?started=1'}`), 303);
  });
  for (const [action, fn] of [
    ['unschedule', unscheduleIssue],
    ['pause', pauseIssue],
    ['resume', resumeIssue],
    ['cancel', cancelIssue],
  ] as const) {
    app.post(`/organize/newsletter/issues/:id/${action}`, org, async (c) => {
      const issue = await loadIssue(c);
      try {
        await fn(c.var.db, issue.id);
      } catch (err) {
        return issuePage(c, hooks, await getIssue(c.var.db, issue.id), valuesFromIssue(issue), errorsOf(c, err));
      }
      return c.redirect(lp(c, `/organize/newsletter/issues/${issue.id}`), 303);
    });
  }
  app.get('/organize/newsletter/issues/:id/progress.json', org, async (c) => {
    const issue = await loadIssue(c);
    const s = await issueStats(c.var.db, issue.id);
    const t = tr(c);
    return c.json({
      status: issue.status,
      statusLabel: t(`newsletter.issueStatus.${issue.status}`),
      total: s.total,
      done: s.sent + s.failed + s.uncertain + s.cancelled,
      counts: t('newsletter.progress.counts', {
        sent: formatNumber(c.var.locale, s.sent),
        failed: formatNumber(c.var.locale, s.failed),
        left: formatNumber(c.var.locale, s.left),
      }),
    });
  });
  app.post('/organize/newsletter/preview', org, async (c) => {
    const values = await form(c);
    return c.json({ html: markdownToHtml((values.markdown ?? '').slice(0, 100_000)) });
  });
}
