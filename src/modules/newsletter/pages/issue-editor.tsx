import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { formatDateTime, zoneAbbreviation } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Csrf, Select, TextField } from '../../../platform/ui/components';
import { listChapters } from '../../people';
import { tr } from '../messages';
import type { Issue } from '../schema';
import type { NewsletterHooks } from '../service/hooks';
import { countRecipients, issueStats } from '../service';
import { IssueForm, Progress, Report, type IssueValues } from '../views/issue';

export const ZONE = 'America/Los_Angeles';
export const lp = (c: Ctx, p: string) => localePath(c.var.locale, p);

export async function issuePage(
  c: Ctx,
  hooks: NewsletterHooks,
  issue: Issue | null,
  values: IssueValues,
  errors: Record<string, string> = {},
  opts: { preview?: boolean; notice?: string; status?: 200 | 422 | 409 } = {},
) {
  const t = tr(c);
  const locale = c.var.locale;
  const chapters = await listChapters(c.var.db);
  const title = issue
    ? t('newsletter.edit.title', { subject: issue.subject[locale] || t('newsletter.edit.untitled') })
    : t('newsletter.edit.titleNew');
  const live = issue && (issue.status === 'sending' || issue.status === 'paused');
  const stats = issue && issue.status !== 'draft' && issue.status !== 'scheduled' ? await issueStats(c.var.db, issue.id) : null;
  const base = issue ? `/organize/newsletter/issues/${issue.id}` : '';
  const recipients =
    issue && (issue.status === 'draft' || issue.status === 'scheduled') ? await countRecipients(c.var.db, hooks, issue.segment) : 0;
  return page(
    c,
    {
      title,
      index: false,
      scripts: ['newsletter.js'],
      head: live ? (
        <noscript>
          <meta http-equiv="refresh" content="5" />
        </noscript>
      ) : undefined,
    },
    <>
      <h1>{title}</h1>
      {opts.notice && <Alert type="success">{opts.notice}</Alert>}
      {errors._ && <Alert type="error">{errors._}</Alert>}
      {issue && issue.status === 'scheduled' && issue.scheduledAt && (
        <Alert type="info">{t('newsletter.send.scheduled', { when: formatDateTime(locale, issue.scheduledAt, ZONE) })}</Alert>
      )}
      {(!issue || issue.status === 'draft') && (
        <IssueForm
          c={c}
          action={lp(c, issue ? base : '/organize/newsletter/issues')}
          values={values}
          errors={errors}
          chapters={chapters}
          preview={opts.preview}
        />
      )}
      {issue && issue.status === 'draft' && (
        <section aria-labelledby="send-heading">
          <h2 id="send-heading">{t('newsletter.send.heading')}</h2>
          <form method="post" action={lp(c, `${base}/test`)} class="usa-form">
            <Csrf token={c.var.csrfToken} />
            <Select
              name="language"
              label={t('newsletter.send.testLanguage')}
              value={locale}
              options={[
                { value: 'en', label: 'English' },
                { value: 'es', label: 'Español' },
              ]}
            />
            <button class="usa-button usa-button--outline" type="submit">
              {t('newsletter.send.test', { email: c.var.viewer!.email })}
            </button>
          </form>
          <p>{t('newsletter.send.recipients', { count: recipients })}</p>
          <p>
            <a class="usa-button" href={lp(c, `${base}/send`)}>
              {t('newsletter.send.now')}
            </a>
          </p>
          <form method="post" action={lp(c, `${base}/send`)} class="usa-form" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField
              name="scheduledAt"
              type="datetime-local"
              label={t('newsletter.send.when', { zone: zoneAbbreviation(locale, new Date(), ZONE) })}
              value={values.scheduledAt}
              error={errors.scheduledAt}
            />
            <button class="usa-button usa-button--outline" type="submit" name="when" value="later">
              {t('newsletter.send.schedule')}
            </button>
          </form>
        </section>
      )}
      {issue && issue.status === 'scheduled' && (
        <form method="post" action={lp(c, `${base}/unschedule`)}>
          <Csrf token={c.var.csrfToken} />
          <button class="usa-button usa-button--outline" type="submit">
            {t('newsletter.send.unschedule')}
          </button>
        </form>
      )}
      {issue && issue.status !== 'draft' && issue.status !== 'scheduled' && stats && (
        <>
          {live && <Progress c={c} issue={issue} stats={stats} />}
          <Report c={c} issue={issue} stats={stats} />
        </>
      )}
    </>,
    opts.status ?? (Object.keys(errors).length ? 422 : 200),
  );
}
