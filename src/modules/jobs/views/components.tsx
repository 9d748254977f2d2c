import { raw } from 'hono/html';
import { renderMarkdown } from '../../../platform/markdown';
import { localePath, type Locale, type Translate } from '../../../platform/i18n';
import { Checkbox, Select, TextField } from '../../../platform/ui/components';
import type { JobsKey } from '../messages';
import { AGENCY_LEVELS, type Agency, type SearchFilters } from '../schema';
import { SORTS, type Sort } from '../lib/search-params';
import type { JobListRow } from '../service/search';
import { closesText, payText } from './format';

type T = Translate<JobsKey>;

/** Organizer-written markdown (guides), sanitised. */
export function Markdown(props: { text: string }) {
  const html = renderMarkdown(props.text);
  return <div class="pw-prose">{raw(html)}</div>;
}

export function JobCard(props: { job: JobListRow; t: T; locale: Locale; headingLevel?: 2 | 3 }) {
  const { job: j, t, locale } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const agency = (locale === 'es' && j.agencyNameEs) || j.agencyName;
  return (
    <li class="usa-card">
      <div class="usa-card__container">
        <div class="usa-card__header">
          <H class="usa-card__heading">
            <a href={localePath(locale, `/jobs/${j.id}`)} lang={locale === 'es' && !j.titleEs ? 'en' : undefined}>
              {(locale === 'es' && j.titleEs) || j.title}
            </a>
          </H>
          <p class="pw-job-card__agency">{agency}</p>
        </div>
        <div class="usa-card__body">
          <ul class="pw-job-facts">
            <li>{payText(t, locale, j)}</li>
            <li>{[t(`jobs.workplace.${j.workplace as 'onsite'}`), ...j.locations.slice(0, 2)].join(' · ')}</li>
            <li>
              <strong>{closesText(t, locale, j.closesAt)}</strong>
            </li>
          </ul>
          <p>
            {j.promoted && <span class="usa-tag pw-tag--featured">{t('jobs.card.promoted')}</span>}{' '}
            {j.noDegree && <span class="usa-tag">{t('jobs.flag.noDegree')}</span>}{' '}
            {j.entryLevel && <span class="usa-tag">{t('jobs.flag.entryLevel')}</span>}
          </p>
        </div>
      </div>
    </li>
  );
}

export function SearchForm(props: { t: T; locale: Locale; f: SearchFilters; sort: Sort; agencies: Agency[] }) {
  const { t, locale, f } = props;
  return (
    <form
      class="usa-form pw-job-search"
      method="get"
      action={localePath(locale, '/jobs')}
      role="search"
      aria-label={t('jobs.search.heading')}
    >
      <TextField name="q" type="search" label={t('jobs.search.q')} hint={t('jobs.search.qHint')} value={f.q ?? ''} maxlength={200} />
      <details class="pw-filters" open={Object.keys(f).some((k) => k !== 'q')}>
        <summary class="pw-filters__summary">{t('jobs.search.filters')}</summary>
        <Select
          name="level"
          label={t('jobs.search.level')}
          value={f.level ?? ''}
          blank={t('jobs.search.anyLevel')}
          options={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`jobs.level.${l}`) }))}
        />
        <Select
          name="agency"
          label={t('jobs.search.agency')}
          value={f.agency ?? ''}
          blank={t('jobs.search.anyAgency')}
          options={props.agencies.map((a) => ({ value: a.slug, label: (locale === 'es' && a.nameEs) || a.name }))}
        />
        <TextField
          name="minSalary"
          type="number"
          inputmode="numeric"
          min="0"
          step="1000"
          label={t('jobs.search.minSalary')}
          value={f.minSalary ? String(f.minSalary) : ''}
        />
        <Select
          name="closingWithinDays"
          label={t('jobs.search.closing')}
          value={f.closingWithinDays ? String(f.closingWithinDays) : ''}
          blank={t('jobs.search.closingAny')}
          options={[7, 14, 30].map((d) => ({ value: String(d), label: t('jobs.search.closingDays', { days: d }) }))}
        />
        <fieldset class="usa-fieldset">
          <legend class="pw-visually-hidden">{t('jobs.search.filters')}</legend>
          <Checkbox name="remote" value="true" label={t('jobs.search.remote')} checked={!!f.remote} />
          <Checkbox name="noDegree" value="true" label={t('jobs.search.noDegree')} checked={!!f.noDegree} />
          <Checkbox name="entryLevel" value="true" label={t('jobs.search.entryLevel')} checked={!!f.entryLevel} />
        </fieldset>
      </details>
      <Select
        name="sort"
        label={t('jobs.search.sort')}
        value={props.sort}
        options={SORTS.map((s) => ({ value: s, label: t(`jobs.sort.${s}`) }))}
      />
      <button class="usa-button" type="submit">
        {t('jobs.search.submit')}
      </button>
    </form>
  );
}
