import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { localePath, type Locale } from '../../../platform/i18n';
import { jobsMessages } from '../messages';
import type { SearchFilters } from '../schema';
import type { JobListRow } from '../service/search';
import { closesText, describeFilters, payText } from '../views/format';

/** The alert digest, in the recipient's language, HTML and text. */
export function digestEmail(p: {
  locale: Locale;
  base: string;
  filters: SearchFilters;
  /** The board, searched with the alert's filters, newest first. */
  moreUrl: string;
  jobs: JobListRow[];
  total: number;
  unsubscribeUrl: string;
  frequency: 'daily' | 'weekly';
}) {
  const t = jobsMessages.for(p.locale);
  const subject = t('jobs.email.subject', { count: p.total });
  const search = describeFilters(t, p.filters);
  const url = (path: string) => p.base + localePath(p.locale, path);
  const all = p.moreUrl;
  const line = (j: JobListRow) =>
    [(p.locale === 'es' && j.agencyNameEs) || j.agencyName, payText(t, p.locale, j), closesText(t, p.locale, j.closesAt)].join(' · ');
  const html = emailHtml({
    locale: p.locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:22px">{subject}</h1>
        <p>{t('jobs.email.intro', { search })}</p>
        {p.jobs.map((j) => (
          <div style="margin:0 0 16px">
            <h2 style="font-size:18px;margin:0">
              <a href={url(`/jobs/${j.id}`)} style="color:#1a4480">
                {j.title}
              </a>
            </h2>
            <p style="margin:4px 0">{line(j)}</p>
          </div>
        ))}
        <EmailButton href={all}>{t('jobs.email.more', { count: p.total })}</EmailButton>
      </>
    ),
    footer: (
      <>
        <p>{t('jobs.email.why', { frequency: p.frequency })}</p>
        <p>
          <a href={url('/jobs/alerts')}>{t('jobs.email.manage')}</a> · <a href={p.unsubscribeUrl}>{t('jobs.email.unsubscribe')}</a>
        </p>
      </>
    ),
  });
  const text = [
    subject,
    '',
    t('jobs.email.intro', { search }),
    '',
    ...p.jobs.flatMap((j) => [j.title, line(j), url(`/jobs/${j.id}`), '']),
    `${t('jobs.email.more', { count: p.total })}: ${all}`,
    '',
    t('jobs.email.why', { frequency: p.frequency }),
    `${t('jobs.email.manage')}: ${url('/jobs/alerts')}`,
    `${t('jobs.email.unsubscribe')}: ${p.unsubscribeUrl}`,
  ].join('\n');
  return { subject, html, text };
}
