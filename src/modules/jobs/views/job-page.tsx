import { raw } from 'hono/html';
import type { Ctx } from '../../../platform/http/context';
import { safeHref } from '../../../platform/http/urls';
import { localePath } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { Alert } from '../../../platform/ui/components';
import { jobsMessages } from '../messages';
import type { Agency, HiringGuide, Job } from '../schema';
import { Markdown } from './components';
import { closesText, payText } from './format';
import { htmlText } from '../../../platform/markdown';
import { keptResults } from '../../../platform/kept';
import type { Locale, Translate } from '../../../platform/i18n';
import type { JobsKey } from '../messages';

const EMPLOYMENT_LD: Record<string, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  temporary: 'TEMPORARY',
  internship: 'INTERN',
  other: 'OTHER',
};

const UNIT_LD: Record<string, string> = { hour: 'HOUR', day: 'DAY', week: 'WEEK', month: 'MONTH', year: 'YEAR' };

/** The description search engines read: every section the source gave, each once. */
function fullDescription(job: Job): string {
  const parts = [
    job.description || `<p>${escapeHtml(job.summary ?? job.title)}</p>`,
    job.minimumQualifications ? `<p>${escapeHtml(job.minimumQualifications)}</p>` : '',
    job.preferredSkills ?? '',
    job.howToApply ?? '',
  ];
  return parts.filter(Boolean).join('');
}

/**
 * schema.org JobPosting, as Google's job-posting rules read it. Places and pay are the source's own:
 * no town or state is filled in, and pay keeps its unit. `<` is escaped so no text can close the script.
 */
export function jobPostingLd(job: Job, agency: Agency, url: string): string {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: job.title,
    description: fullDescription(job),
    datePosted: job.openedAt.toISOString(),
    hiringOrganization: {
      '@type': 'GovernmentOrganization',
      name: agency.name,
      ...(safeHref(agency.website) ? { sameAs: safeHref(agency.website) } : {}),
    },
    identifier: { '@type': 'PropertyValue', name: agency.name, value: job.sourceId ?? job.id },
    employmentType: EMPLOYMENT_LD[job.employmentType] ?? 'OTHER',
    url,
    directApply: false,
  };
  if (job.closesAt) ld.validThrough = job.closesAt.toISOString();
  if (job.workplace === 'remote') {
    ld.jobLocationType = 'TELECOMMUTE';
    const areas = job.remoteAreas.length ? job.remoteAreas : ['US'];
    const reqs = areas.map((a) => (a === 'US' ? { '@type': 'Country', name: 'USA' } : { '@type': 'State', name: a }));
    ld.applicantLocationRequirements = reqs.length === 1 ? reqs[0] : reqs;
  }
  const places = (job.places ?? []).filter((p) => p.locality || p.region || p.street);
  if (places.length) {
    ld.jobLocation = places.slice(0, 10).map((p) => ({
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        ...(p.street ? { streetAddress: p.street } : {}),
        ...(p.locality ? { addressLocality: p.locality } : {}),
        ...(p.region ? { addressRegion: p.region } : {}),
        ...(p.country ? { addressCountry: p.country } : {}),
      },
    }));
  }
  const posted = (job.payMin !== null || job.payMax !== null) && job.salaryInterval && UNIT_LD[job.salaryInterval];
  if (posted || job.salaryMin !== null || job.salaryMax !== null) {
    // Every two weeks has no schema.org unit: that one alone is published as its yearly equivalent.
    const [min, max, unit] = posted
      ? [job.payMin ?? job.payMax, job.payMax ?? job.payMin, UNIT_LD[job.salaryInterval!]]
      : [job.salaryMin ?? job.salaryMax, job.salaryMax ?? job.salaryMin, 'YEAR'];
    ld.baseSalary = {
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: min, maxValue: max, unitText: unit },
    };
  }
  return JSON.stringify(ld).replace(/</g, '\\u003c');
}

function escapeHtml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function JobPage(props: {
  c: Ctx;
  job: Job;
  agency: Agency;
  parent: Agency | null;
  guide: HiringGuide | undefined;
  /** Open to applicants and listed on the board. */
  live: boolean;
}) {
  const { c, job, agency, guide, live } = props;
  const l = c.var.locale;
  const t = jobsMessages.for(l);
  const agencyName = (l === 'es' && agency.nameEs) || agency.name;
  const title = (l === 'es' && job.titleEs) || job.title;
  const description = (l === 'es' && job.descriptionEs) || job.description;
  const closed = job.status === 'closed' || (job.closesAt !== null && job.closesAt <= new Date());
  // Stored links may predate the URL rule (or come from an old import): only http(s) becomes a button.
  const apply = safeHref(job.applyUrl) ?? safeHref(agency.careersUrl);
  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <>
      <p>
        <a href={localePath(l, '/jobs')}>{t('jobs.job.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="pw-lead">
        <a href={localePath(l, `/jobs/agencies/${agency.slug}`)}>{agencyName}</a>
        {props.parent && (
          <span class="pw-meta"> · {t('jobs.agency.partOf', { name: (l === 'es' && props.parent.nameEs) || props.parent.name })}</span>
        )}
      </p>
      {closed && <Alert type="warning">{t('jobs.job.closedNote')}</Alert>}
      {!closed && job.status === 'pending' && <Alert type="info">{t('jobs.job.pendingNote')}</Alert>}
      <div class="usa-summary-box" role="region" aria-labelledby="essentials">
        <div class="usa-summary-box__body">
          <h2 class="usa-summary-box__heading" id="essentials">
            {t('jobs.job.essentials')}
          </h2>
          <dl class="pw-facts">
            {row(
              t('jobs.job.pay'),
              job.salaryMin === null && job.salaryMax === null && job.salarySource
                ? t('jobs.job.paySource', { text: job.salarySource })
                : payText(t, l, job),
            )}
            {row(t('jobs.job.closes'), closesOnText(t, l, job.closesAt))}
            {row(t('jobs.job.where'), job.locations.join('; '))}
            {row(t('jobs.job.workplace'), t(`jobs.workplace.${job.workplace}`))}
            {row(t('jobs.job.type'), t(`jobs.employment.${job.employmentType}`))}
            {row(t('jobs.job.classification'), [job.classification, job.series].filter(Boolean).join(' · '))}
            {row(t('jobs.job.grade'), job.grade)}
            {row(t('jobs.job.opened'), formatDate(l, job.openedAt))}
          </dl>
          <p>
            {job.noDegree && <span class="usa-tag">{t('jobs.flag.noDegree')}</span>}{' '}
            {job.entryLevel && <span class="usa-tag">{t('jobs.flag.entryLevel')}</span>}
          </p>
        </div>
      </div>
      {job.summary && !repeats(job.summary, job.description) && (
        <>
          <h2>{t('jobs.job.summary')}</h2>
          <p>{job.summary}</p>
        </>
      )}
      {job.minimumQualifications && (
        <>
          <h2>{t('jobs.job.quals')}</h2>
          <p class="usa-hint">{t('jobs.job.qualsHelp')}</p>
          <p class="pw-pre-line">{job.minimumQualifications}</p>
        </>
      )}
      <h2>{t('jobs.job.howToApply')}</h2>
      <ol class="usa-list">
        <li>{t('jobs.job.step1')}</li>
        <li>{t('jobs.job.step2')}</li>
        <li>{t('jobs.job.step3')}</li>
        <li>{t('jobs.job.step4')}</li>
      </ol>
      {!closed && apply && (
        <p>
          <a class="usa-button" href={apply} rel="noopener">
            {job.applyUrl ? t('jobs.job.apply') : t('jobs.job.applyCareers')}
          </a>
        </p>
      )}
      {guide && (
        <section aria-labelledby="guide">
          <h2 id="guide">{t('jobs.job.guide')}</h2>
          <Markdown text={excerpt(l === 'es' ? guide.bodyEs : guide.bodyEn)} />
          <p>
            <a href={localePath(l, `/jobs/guides/${guide.slug}`)}>
              {t('jobs.job.readGuide', { title: l === 'es' ? guide.titleEs : guide.titleEn })}
            </a>
          </p>
        </section>
      )}
      {description && (
        <>
          <h2>{t('jobs.job.details')}</h2>
          <div class="pw-prose">{raw(h3(description))}</div>
        </>
      )}
      {job.preferredSkills && (
        <>
          <h2>{t('jobs.job.preferredSkills')}</h2>
          <div class="pw-prose">{raw(h3(job.preferredSkills))}</div>
        </>
      )}
      {job.howToApply && (
        <>
          <h2>{t('jobs.job.sourceHowToApply')}</h2>
          <div class="pw-prose">{raw(h3(job.howToApply))}</div>
        </>
      )}
      {live && job.source !== 'manual' && <p class="pw-meta">{t('jobs.job.source', { source: job.source.toUpperCase() })}</p>}
    </>
  );
}

const h3 = (html: string) => html.replace(/<h[1-3]>/g, '<h3>').replace(/<\/h[1-3]>/g, '</h3>');

/**
 * The summary is cut from the description when the source has none of its own: then it says nothing
 * new. Every view of a job asks the same, and stripping a long description's tags was about 3% of a
 * job page's time, so each answer is kept.
 */
const repeated = keptResults<boolean>({ entries: 2000, chars: 4_000_000, charsOf: (key) => key.length });

function repeats(summary: string, description: string | null): boolean {
  if (!description) return false;
  return repeated(`${summary}\u0000${description}`, () => {
    const head = summary.replace(/…$/, '').trim();
    const text = htmlText(description)
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
    return text.startsWith(head.replace(/\s+/g, ' '));
  });
}

/** "December 27, 2026", with "closes in 3 days" only when that adds something. */
function closesOnText(t: Translate<JobsKey>, l: Locale, closesAt: Date | null): string {
  if (!closesAt) return t('jobs.card.continuous');
  const date = formatDate(l, closesAt);
  const soon = closesText(t, l, closesAt);
  return closesAt > new Date() && soon !== t('jobs.card.closes', { date }) ? `${date} (${soon})` : date;
}

/** The first section of a guide (up to its second heading): the steps, shown on each job page. */
function excerpt(md: string): string {
  const parts = md.split(/\n(?=## )/);
  return parts.slice(0, 2).join('\n').replace(/^## /gm, '### ');
}
