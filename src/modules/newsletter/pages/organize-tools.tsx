import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { isSmallCount, shownCount } from '../../../platform/counts';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatNumber, formatPercent } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Checkbox, Csrf, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { tr } from '../messages';
import { getSettings, issueReports, jobsPromoted, saveSettings, subscribersOverTime, webhookToken } from '../service';
import { DataTable } from '../../../platform/ui/data-table';

export const lp = (c: Ctx, p: string) => localePath(c.var.locale, p);

export function registerOrganizerTools(app: Hono<AppEnv>) {
  const org = allow('organizer');
  app.get('/organize/newsletter/settings', org, async (c) => {
    const t = tr(c);
    const s = await getSettings(c.var.db);
    const hook = `${c.var.deps.config.baseUrl}/api/v1/newsletter/webhooks/bounces?token=${await webhookToken(c.var.deps)}`;
    return page(
      c,
      { title: t('newsletter.settings.title'), index: false },
      <>
        <h1>{t('newsletter.settings.title')}</h1>
        {c.req.query('saved') && <Alert type="success">{t('newsletter.settings.saved')}</Alert>}
        <form class="usa-form" method="post" action={lp(c, '/organize/newsletter/settings')} novalidate>
          <Csrf token={c.var.csrfToken} />
          <Checkbox name="tracking" label={t('newsletter.settings.tracking')} checked={s.tracking} />
          <TextField
            name="ratePerSecond"
            type="number"
            inputmode="numeric"
            min="1"
            max="1000"
            label={t('newsletter.settings.rate')}
            hint={t('newsletter.settings.rateHint')}
            value={String(s.ratePerSecond)}
          />
          <button class="usa-button" type="submit">
            {t('newsletter.settings.save')}
          </button>
        </form>
        <h2>{t('newsletter.settings.webhook')}</h2>
        <p>{t('newsletter.settings.webhookHint')}</p>
        <p>
          <code class="pw-break">{hook}</code>
        </p>
      </>,
    );
  });
  app.post('/organize/newsletter/settings', org, async (c) => {
    const values = await form(c);
    const rate = Math.round(Number(values.ratePerSecond));
    await saveSettings(c.var.db, { tracking: values.tracking === 'on', ...(rate >= 1 && rate <= 1000 ? { ratePerSecond: rate } : {}) });
    return c.redirect(lp(c, '/organize/newsletter/settings?saved=1'), 303);
  });
  app.get('/organize/newsletter/reports', org, async (c) => {
    const t = tr(c);
    const locale = c.var.locale;
    const [months, reports, jobs] = await Promise.all([subscribersOverTime(c.var.db), issueReports(c.var.db), jobsPromoted(c.var.db)]);
    const pct = (x: number) => formatPercent(locale, x, 1);
    // Reports suppress small counts (house rule), so a month with two unsubscribes names no one.
    const count = (n: number) => (isSmallCount(n) ? shownCount(n, locale) : formatNumber(locale, n));
    return page(
      c,
      { title: t('newsletter.reports.title'), index: false },
      <>
        <h1>{t('newsletter.reports.title')}</h1>
        <p>{t('newsletter.reports.issuesSent', { count: reports.length })}</p>
        <p>{t('newsletter.reports.jobsPromoted', { jobs: jobs.jobs, clicks: jobs.clicks })}</p>
        <h2>{t('newsletter.reports.overTime')}</h2>
        <p class="usa-hint">{t('newsletter.reports.smallNote')}</p>
        <DataTable
          caption={t('newsletter.reports.overTime')}
          captionHidden
          borderless
          rows={months}
          columns={[
            { label: t('newsletter.reports.month'), cell: (m) => m.month, rowHeader: true },
            { label: t('newsletter.reports.confirmed'), cell: (m) => count(m.confirmed), numeric: true },
            { label: t('newsletter.reports.unsubscribed'), cell: (m) => count(m.unsubscribed), numeric: true },
            { label: t('newsletter.reports.bounced'), cell: (m) => count(m.bounced), numeric: true },
            { label: t('newsletter.reports.total'), cell: (m) => count(m.total), numeric: true },
          ]}
        />
        <h2>{t('newsletter.reports.perIssue')}</h2>
        <DataTable
          caption={t('newsletter.reports.perIssue')}
          captionHidden
          borderless
          rows={reports}
          columns={[
            {
              label: t('newsletter.org.subject'),
              cell: (r) => <a href={lp(c, `/organize/newsletter/issues/${r.id}`)}>{r.subject[locale]}</a>,
            },
            { label: t('newsletter.org.sentCol'), cell: (r) => formatNumber(locale, r.sent), numeric: true },
            { label: t('newsletter.org.openRate'), cell: (r) => pct(r.openRate), numeric: true },
            { label: t('newsletter.org.clickRate'), cell: (r) => pct(r.clickRate), numeric: true },
          ]}
        />
      </>,
    );
  });
}
