import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import { errorMessages } from '../../../platform/http/validation';
import { jobsMessages, tr } from '../messages';
import { EMPLOYMENT_TYPES, SALARY_INTERVALS, WORKPLACES, type Agency, type Job } from '../schema';
import { createJob, getAgency, jobInput, salaryOutOfOrder, updateJob } from '../service';
import { canManageAgencyJobs, isJobsOrganizer } from '../permissions';
import { laDay } from '../service/normalize';
import { jobForManager, mustManage, myAgencies } from './manage';

export const postingFormRoutes = new Hono<AppEnv>();

type Values = Record<string, string>;

function valuesOf(job: Job, agency: Agency): Values {
  return {
    agency: agency.slug,
    title: job.title,
    titleEs: job.titleEs ?? '',
    classification: job.classification ?? '',
    series: job.series ?? '',
    grade: job.grade ?? '',
    // Edited in the unit it was posted in: an hourly job stays hourly.
    salaryMin: String(job.payMin ?? job.salaryMin ?? ''),
    salaryMax: String(job.payMax ?? job.salaryMax ?? ''),
    salaryInterval: job.payMin != null || job.payMax != null ? (job.salaryInterval ?? 'year') : 'year',
    locations: job.locations.join('\n'),
    workplace: job.workplace,
    opensOn: laDay(job.openedAt),
    closesOn: job.closesAt ? laDay(job.closesAt) : '',
    continuous: job.continuous ? 'on' : '',
    employmentType: job.employmentType,
    minimumQualifications: job.minimumQualifications ?? '',
    summary: job.summary ?? '',
    description: '',
    descriptionEs: '',
    noDegree: job.noDegree ? 'on' : '',
    entryLevel: job.entryLevel ? 'on' : '',
    applyUrl: job.applyUrl ?? '',
    tags: job.tags.join(', '),
  };
}

async function JobForm(props: { c: Ctx; action: string; values: Values; errors: Record<string, string> }) {
  const { c, values: v, errors: e } = props;
  const t = tr(c);
  const opt = c.var.t('form.optional');
  const mine = await myAgencies(c);
  return (
    <>
      <ErrorSummary errors={e} t={c.var.t} />
      <form class="usa-form usa-form--large" method="post" action={props.action} novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="agency"
          label={t('jobs.form.agency')}
          value={v.agency}
          error={e.agency}
          options={mine.map((a) => ({ value: a.slug, label: a.name }))}
        />
        <TextField name="title" label={t('jobs.form.title')} value={v.title} error={e.title} required maxlength={200} />
        <TextField
          name="titleEs"
          label={t('jobs.form.titleEs')}
          hint={t('jobs.form.spanishHint')}
          value={v.titleEs}
          error={e.titleEs}
          optional={opt}
          maxlength={200}
        />
        <TextField name="summary" label={t('jobs.form.summary')} value={v.summary} error={e.summary} optional={opt} maxlength={1000} />
        <TextField
          name="classification"
          label={t('jobs.form.classification')}
          value={v.classification}
          error={e.classification}
          optional={opt}
          maxlength={200}
        />
        <TextField
          name="series"
          label={t('jobs.form.series')}
          value={v.series}
          error={e.series}
          optional={opt}
          maxlength={20}
          inputmode="numeric"
        />
        <TextField name="grade" label={t('jobs.form.grade')} value={v.grade} error={e.grade} optional={opt} maxlength={60} />
        <TextField
          name="salaryMin"
          type="number"
          inputmode="numeric"
          label={t('jobs.form.salaryMin')}
          value={v.salaryMin}
          error={e.salaryMin}
          optional={opt}
          step="0.01"
          min="0"
        />
        <TextField
          name="salaryMax"
          type="number"
          inputmode="numeric"
          label={t('jobs.form.salaryMax')}
          value={v.salaryMax}
          error={e.salaryMax}
          optional={opt}
          step="0.01"
          min="0"
        />
        <Select
          name="salaryInterval"
          label={t('jobs.form.salaryInterval')}
          value={v.salaryInterval || 'year'}
          error={e.salaryInterval}
          options={SALARY_INTERVALS.map((i) => ({ value: i, label: t(`jobs.interval.${i}`) }))}
        />
        <TextArea
          name="locations"
          label={t('jobs.form.locations')}
          hint={t('jobs.form.locationsHint')}
          value={v.locations}
          error={e.locations}
          optional={opt}
          rows={3}
        />
        <Select
          name="workplace"
          label={t('jobs.form.workplace')}
          value={v.workplace || 'onsite'}
          error={e.workplace}
          options={WORKPLACES.map((w) => ({ value: w, label: t(`jobs.workplace.${w}`) }))}
        />
        <TextField name="opensOn" label={t('jobs.form.opensOn')} value={v.opensOn} error={e.opensOn} optional={opt} />
        <TextField
          name="closesOn"
          label={t('jobs.form.closesOn')}
          hint={t('jobs.form.dateHint')}
          value={v.closesOn}
          error={e.closesOn}
          optional={opt}
        />
        <Checkbox name="continuous" label={t('jobs.form.continuous')} checked={v.continuous === 'on'} />
        <Select
          name="employmentType"
          label={t('jobs.form.employmentType')}
          value={v.employmentType || 'full_time'}
          error={e.employmentType}
          options={EMPLOYMENT_TYPES.map((x) => ({ value: x, label: t(`jobs.employment.${x}`) }))}
        />
        <TextArea
          name="minimumQualifications"
          label={t('jobs.form.quals')}
          value={v.minimumQualifications}
          error={e.minimumQualifications}
          optional={opt}
          rows={5}
        />
        <TextArea
          name="description"
          label={t('jobs.form.description')}
          hint={t('jobs.form.descriptionHint')}
          value={v.description}
          error={e.description}
          optional={opt}
          rows={8}
        />
        <TextArea
          name="descriptionEs"
          label={t('jobs.form.descriptionEs')}
          hint={t('jobs.form.descriptionHint')}
          value={v.descriptionEs}
          error={e.descriptionEs}
          optional={opt}
          rows={8}
        />
        <Checkbox name="noDegree" label={t('jobs.form.noDegree')} checked={v.noDegree === 'on'} />
        <Checkbox name="entryLevel" label={t('jobs.form.entryLevel')} checked={v.entryLevel === 'on'} />
        <TextField
          name="applyUrl"
          type="url"
          label={t('jobs.form.applyUrl')}
          value={v.applyUrl}
          error={e.applyUrl}
          optional={opt}
          maxlength={1000}
        />
        <TextField name="tags" label={t('jobs.form.tags')} hint={t('jobs.form.tagsHint')} value={v.tags} error={e.tags} optional={opt} />
        <Button>{t('jobs.form.submit')}</Button>
      </form>
    </>
  );
}

function parseForm(v: Values) {
  const lines = (s: string | undefined, sep: RegExp) =>
    (s ?? '')
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  return jobInput.safeParse({
    ...v,
    salaryMin: v.salaryMin?.trim() ? v.salaryMin : null,
    salaryMax: v.salaryMax?.trim() ? v.salaryMax : null,
    applyUrl: v.applyUrl?.trim() || null,
    locations: lines(v.locations, /\r?\n/),
    tags: lines(v.tags, /,/),
    continuous: v.continuous === 'on',
    noDegree: v.noDegree === 'on',
    entryLevel: v.entryLevel === 'on',
  });
}

async function save(c: Ctx, existing: { job: Job; agency: Agency } | null) {
  const t = tr(c);
  const v = await form(c);
  const action = localePath(c.var.locale, existing ? `/jobs/manage/${existing.job.id}/edit` : '/jobs/manage/new');
  const title = existing ? existing.job.title : t('jobs.manage.new');
  const fail = async (errors: Record<string, string>) =>
    page(
      c,
      { title, index: false },
      <>
        <h1>{title}</h1>
        {await JobForm({ c, action, values: v, errors })}
      </>,
      422,
    );
  const parsed = parseForm(v);
  // The agency is checked alongside the other fields, so one submit reports every problem.
  const agency = v.agency?.trim() ? await getAgency(c.var.db, v.agency.trim()).catch(() => null) : null;
  const agencyError = !agency
    ? c.var.t('validation.choose')
    : canManageAgencyJobs(c.var.viewer, agency)
      ? null
      : t('jobs.form.notYourAgency');
  const order = salaryOutOfOrder(v.salaryMin?.trim(), v.salaryMax?.trim());
  if (!parsed.success || !agency || agencyError || order) {
    const errors = parsed.success ? {} : errorMessages(c, parsed.error, jobsMessages);
    if (order && !errors.salaryMax) errors.salaryMax = t('jobs.form.salaryOrder');
    return fail(agencyError ? { agency: agencyError, ...errors } : errors);
  }
  const organizer = isJobsOrganizer(c.var.viewer);
  try {
    if (existing) await updateJob(c.var.db, existing.job.id, agency, parsed.data, { review: !organizer });
    else await createJob(c.var.db, agency, parsed.data, { by: c.var.viewer!.id, publish: organizer });
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return fail(errorMessages(c, err.fields, jobsMessages));
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, '/jobs/manage')}?${organizer ? 'saved' : 'submitted'}=1`, 303);
}

postingFormRoutes.get('/jobs/manage/new', allow('signedIn'), async (c) => {
  mustManage(c);
  const t = tr(c);
  const mine = await myAgencies(c);
  const values: Values = { agency: mine[0]?.slug ?? '', salaryInterval: 'year', workplace: 'onsite', employmentType: 'full_time' };
  return page(
    c,
    { title: t('jobs.manage.new'), index: false },
    <>
      <h1>{t('jobs.manage.new')}</h1>
      {await JobForm({ c, action: localePath(c.var.locale, '/jobs/manage/new'), values, errors: {} })}
    </>,
  );
});

postingFormRoutes.post('/jobs/manage/new', allow('signedIn'), async (c) => {
  mustManage(c);
  return save(c, null);
});

postingFormRoutes.get('/jobs/manage/:id/edit', allow('signedIn'), async (c) => {
  const row = await jobForManager(c, c.req.param('id'));
  return page(
    c,
    { title: row.job.title, index: false },
    <>
      <h1>{row.job.title}</h1>
      {await JobForm({
        c,
        action: localePath(c.var.locale, `/jobs/manage/${row.job.id}/edit`),
        values: valuesOf(row.job, row.agency),
        errors: {},
      })}
    </>,
  );
});

postingFormRoutes.post('/jobs/manage/:id/edit', allow('signedIn'), async (c) => save(c, await jobForManager(c, c.req.param('id'))));
