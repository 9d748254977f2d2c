import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import { jobsMessages, tr } from '../messages';
import { AGENCY_LEVELS, type Agency } from '../schema';
import { agencyInput, agencyPatch, createAgency, getAgency, listAgencies, updateAgency, type AgencyRow } from '../service';

export const adminAgencyPages = new Hono<AppEnv>();

type Values = Record<string, string>;

const valuesOf = (a: Agency, all: AgencyRow[]): Values => ({
  name: a.name,
  nameEs: a.nameEs ?? '',
  slug: a.slug,
  level: a.level,
  parent: all.find((p) => p.id === a.parentId)?.slug ?? '',
  website: a.website ?? '',
  careersUrl: a.careersUrl ?? '',
  emailDomains: a.emailDomains.join(', '),
});

/** What the form posts, as the one input schema reads it (empty fields are "not given"). */
const inputOf = (v: Values) => ({
  name: v.name ?? '',
  nameEs: v.nameEs?.trim() || null,
  ...(v.slug?.trim() ? { slug: v.slug.trim() } : {}),
  level: v.level ?? '',
  parent: v.parent || null,
  website: v.website?.trim() || null,
  careersUrl: v.careersUrl?.trim() || null,
  emailDomains: (v.emailDomains ?? '')
    .split(/[\s,;]+/)
    .map((d) => d.replace(/^@/, ''))
    .filter(Boolean),
});

/** A service's field errors with their placeholder values ("the code {slug}"). */
const serviceErrors = (c: Ctx, err: AppError) =>
  errorMessages(
    c,
    Object.fromEntries(Object.entries(err.fields).map(([k, key]) => [k, { key, values: err.fieldValues[k] }])),
    jobsMessages,
  );

/** Field errors on `emailDomains.0` and the like belong next to the one field. */
const flat = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/\.\d+$/, ''), v]));

function AgencyForm(props: { c: Ctx; action: string; values: Values; errors: Record<string, string>; all: AgencyRow[]; editing?: Agency }) {
  const { c, values, errors } = props;
  const t = tr(c);
  const opt = c.var.t('form.optional');
  return (
    <form class="usa-form usa-form--large" method="post" action={props.action} novalidate>
      <Csrf token={c.var.csrfToken} />
      <TextField name="name" label={t('jobs.agencies.fieldName')} value={values.name} error={errors.name} required maxlength={200} />
      <TextField
        name="nameEs"
        label={t('jobs.agencies.nameEs')}
        optional={opt}
        value={values.nameEs}
        error={errors.nameEs}
        maxlength={200}
      />
      {!props.editing && (
        <TextField
          name="slug"
          label={t('jobs.agencies.slug')}
          hint={t('jobs.agencies.slugHint')}
          optional={opt}
          value={values.slug}
          error={errors.slug}
          maxlength={80}
          spellcheck={false}
        />
      )}
      <Select
        name="level"
        label={t('jobs.agencies.fieldLevel')}
        value={values.level}
        error={errors.level}
        blank="—"
        required
        options={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`jobs.level.${l}`) }))}
      />
      <Select
        name="parent"
        label={t('jobs.agencies.parent')}
        optional={opt}
        value={values.parent}
        error={errors.parent}
        blank="—"
        options={props.all.filter((a) => a.id !== props.editing?.id).map((a) => ({ value: a.slug, label: a.name }))}
      />
      <TextField
        name="website"
        type="url"
        label={t('jobs.agencies.website')}
        optional={opt}
        value={values.website}
        error={errors.website}
        maxlength={500}
      />
      <TextField
        name="careersUrl"
        type="url"
        label={t('jobs.agencies.careers')}
        optional={opt}
        value={values.careersUrl}
        error={errors.careersUrl}
        maxlength={500}
      />
      <TextField
        name="emailDomains"
        label={t('jobs.agencies.domains')}
        hint={t('jobs.agencies.domainsHint')}
        optional={opt}
        value={values.emailDomains}
        error={errors.emailDomains}
        maxlength={2000}
        spellcheck={false}
      />
      <Button>{t('jobs.agencies.save')}</Button>
    </form>
  );
}

async function listPage(c: Ctx, values: Values, errors: Record<string, string>, status: 200 | 409 | 422 = 200) {
  const t = tr(c);
  const l = c.var.locale;
  const all = await listAgencies(c.var.db);
  return page(
    c,
    { title: t('jobs.agencies.manageTitle'), index: false },
    <>
      <h1>{t('jobs.agencies.manageTitle')}</h1>
      <p class="pw-lead">{t('jobs.agencies.manageLead')}</p>
      {c.req.query('saved') === '1' && <Alert type="success">{t('jobs.agencies.saved')}</Alert>}
      <DataTable
        caption={t('jobs.agencies.manageTitle')}
        captionHidden
        rows={all}
        empty={t('jobs.agencies.none')}
        columns={[
          { label: t('jobs.agencies.fieldName'), cell: (a) => a.name },
          { label: t('jobs.agencies.fieldLevel'), cell: (a) => t(`jobs.level.${a.level}`) },
          { label: t('jobs.agencies.parent'), cell: (a) => a.parentName ?? '' },
          { label: t('jobs.agencies.domains'), cell: (a) => a.emailDomains.join(', ') },
          {
            label: t('jobs.agencies.edit'),
            cell: (a) => (
              <a href={localePath(l, `/admin/jobs/agencies/${a.slug}`)}>
                {t('jobs.agencies.edit')} <span class="pw-visually-hidden">{a.name}</span>
              </a>
            ),
          },
        ]}
      />
      <h2>{t('jobs.agencies.add')}</h2>
      <ErrorSummary errors={errors} t={c.var.t} />
      <AgencyForm c={c} action={localePath(l, '/admin/jobs/agencies')} values={values} errors={errors} all={all} />
    </>,
    status,
  );
}

async function editPage(c: Ctx, agency: Agency, values: Values | null, errors: Record<string, string>, status: 200 | 422 = 200) {
  const t = tr(c);
  const all = await listAgencies(c.var.db);
  return page(
    c,
    { title: t('jobs.agencies.editTitle', { name: agency.name }), index: false },
    <>
      <p>
        <a href={localePath(c.var.locale, '/admin/jobs/agencies')}>{t('jobs.agencies.manageTitle')}</a>
      </p>
      <h1>{t('jobs.agencies.editTitle', { name: agency.name })}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      <AgencyForm
        c={c}
        action={localePath(c.var.locale, `/admin/jobs/agencies/${agency.slug}`)}
        values={values ?? valuesOf(agency, all)}
        errors={errors}
        all={all}
        editing={agency}
      />
    </>,
    status,
  );
}

adminAgencyPages.get('/admin/jobs/agencies', allow('organizer'), (c) => listPage(c, {}, {}));

adminAgencyPages.post('/admin/jobs/agencies', allow('organizer'), async (c) => {
  const values = await form(c);
  const parsed = agencyInput.safeParse(inputOf(values));
  if (!parsed.success) return listPage(c, values, flat(errorMessages(c, parsed.error, jobsMessages)), 422);
  try {
    await createAgency(c.var.db, parsed.data);
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422))
      return listPage(c, values, serviceErrors(c, err), err.status);
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, '/admin/jobs/agencies')}?saved=1`, 303);
});

adminAgencyPages.get('/admin/jobs/agencies/:slug', allow('organizer'), async (c) => {
  const agency = await getAgency(c.var.db, c.req.param('slug'));
  return editPage(c, agency, null, {});
});

adminAgencyPages.post('/admin/jobs/agencies/:slug', allow('organizer'), async (c) => {
  const agency = await getAgency(c.var.db, c.req.param('slug'));
  const values = await form(c);
  const { slug: _slug, ...input } = inputOf(values);
  const parsed = agencyPatch.safeParse(input);
  if (!parsed.success) return editPage(c, agency, values, flat(errorMessages(c, parsed.error, jobsMessages)), 422);
  try {
    await updateAgency(c.var.db, agency.id, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return editPage(c, agency, values, serviceErrors(c, err), 422);
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, '/admin/jobs/agencies')}?saved=1`, 303);
});
