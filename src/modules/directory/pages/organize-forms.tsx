import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { DataTable } from '../../../platform/ui/data-table';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Select } from '../../../platform/ui/components';
import { pickText } from '../../events';
import {
  formLinks,
  getInterestForm,
  interestFormPatch,
  invitationInput,
  inviteRespondents,
  listConvenings,
  listInterestForms,
  listResponses,
  openConvenings,
  updateInterestForm,
} from '../service';
import type { InterestForm } from '../schema';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { formPath } from '../views/paths';
import { questionColumns, responsesCsv } from '../views/responses-csv';
import { many, one, postedValues, submitForm, type Values } from './write';
import { ORGANIZE } from './organize';
import { interestFormPage, storedValues, submitInterestForm } from './form-builder';

export const organizeFormPages = new Hono<AppEnv>();

organizeFormPages.get(`${ORGANIZE}/forms`, allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const forms = await listInterestForms(c.var.db);
  return page(
    c,
    { title: t('directory.organize.forms'), index: false },
    <>
      <h1>{t('directory.organize.forms')}</h1>
      {forms.length === 0 ? (
        <p>{t('directory.organize.noForms')}</p>
      ) : (
        <ul>
          {forms.map((f) => (
            <li>
              <a href={localePath(l, `${ORGANIZE}/forms/${f.slug}/responses`)}>{pick(l, f.title, f.titleEs)}</a> (
              <a href={localePath(l, `${ORGANIZE}/forms/${f.slug}/edit`)}>
                {t('directory.organize.edit')}
                <span class="pw-visually-hidden"> {pick(l, f.title, f.titleEs)}</span>
              </a>
              , <a href={formPath(l, f.slug)}>{t('directory.organize.publicPage')}</a>)
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

/** A form's answers, each with a box to choose it, and the invitation to a coming convening. */
async function responsesPage(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const form = await getInterestForm(c.var.db, c.req.param('slug') ?? '');
  const [{ responses, total }, convenings] = await Promise.all([
    listResponses(c.var.db, form.id, { limit: 1000, offset: 0 }),
    listConvenings(c.var.db).then(openConvenings),
  ]);
  const chosen = many(values, 'responses');
  const title = t('directory.organize.responsesOf', { title: pick(l, form.title, form.titleEs) });
  const invited = c.req.query('invited');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>
        <a href={localePath(l, `${ORGANIZE}/forms/${form.slug}/edit`)}>{t('directory.organize.editForm')}</a>
      </p>
      {c.req.query('saved') !== undefined && <Alert type="success">{t('directory.organize.formSaved')}</Alert>}
      {invited !== undefined && (
        <Alert type="success">
          {t('directory.organize.invitedCount', { invited: Number(invited) || 0, already: Number(c.req.query('already')) || 0 })}
        </Alert>
      )}
      <ErrorSummary errors={errors} t={c.var.t} />
      <p>
        {t('directory.organize.responsesCount', { count: total })}{' '}
        <a href={localePath(l, `${ORGANIZE}/forms/${form.slug}/responses.csv`)}>{t('directory.organize.downloadCsv')}</a>
      </p>
      <form method="post" action={localePath(l, `${ORGANIZE}/forms/${form.slug}/invitations`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <fieldset class={errors.responses ? 'usa-fieldset usa-form-group usa-form-group--error' : 'usa-fieldset'} id="responses">
          <legend class="usa-legend">{t('directory.organize.chooseResponses')}</legend>
          {errors.responses && (
            <span class="usa-error-message" role="alert">
              {errors.responses}
            </span>
          )}
          <DataTable
            caption={t('directory.organize.chooseResponses')}
            captionHidden
            empty={t('directory.organize.noResponses')}
            rows={responses}
            columns={[
              {
                label: t('directory.organize.choose'),
                cell: (r) => (
                  <div class="usa-checkbox">
                    <input
                      class="usa-checkbox__input"
                      type="checkbox"
                      id={`response-${r.id}`}
                      name="responses"
                      value={r.id}
                      checked={chosen.includes(r.id)}
                    />
                    <label class="usa-checkbox__label" for={`response-${r.id}`}>
                      <span class="pw-visually-hidden">{t('directory.organize.chooseOne', { name: r.name })}</span>
                    </label>
                  </div>
                ),
              },
              { label: t('directory.field.name'), rowHeader: true, cell: (r) => r.name },
              { label: t('directory.csv.email'), cell: (r) => r.email },
              { label: t('directory.organize.language'), cell: (r) => (r.language === 'es' ? 'Español' : 'English') },
              ...questionColumns(c, form).map((q) => ({
                label: q.label,
                cell: (r: (typeof responses)[number]) => (r.answers[q.id] === undefined ? '' : String(r.answers[q.id])),
              })),
              { label: t('directory.csv.submittedAt'), cell: (r) => formatDateTime(l, r.submittedAt) },
            ]}
          />
        </fieldset>
        <Select
          name="convening"
          label={t('directory.organize.inviteTo')}
          hint={t('directory.organize.inviteHint')}
          value={one(values, 'convening')}
          error={errors.convening}
          blank=""
          options={convenings.map((e) => ({
            value: e.slug,
            label: `${pickText(e.title, l)}, ${formatDateTime(l, e.startsAt, e.timeZone)}`,
          }))}
        />
        <Button>{t('directory.organize.invite')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeFormPages.get(`${ORGANIZE}/forms/:slug/responses`, allow('organizer'), async (c) => responsesPage(c, {}, {}));

organizeFormPages.get(`${ORGANIZE}/forms/:slug/responses.csv`, allow('organizer'), async (c) => {
  const form = await getInterestForm(c.var.db, c.req.param('slug'));
  const { responses } = await listResponses(c.var.db, form.id, { limit: 100_000, offset: 0 });
  return responsesCsv(c, form, responses);
});

organizeFormPages.post(`${ORGANIZE}/forms/:slug/invitations`, allow('organizer'), async (c) => {
  const form = await getInterestForm(c.var.db, c.req.param('slug'));
  const values = await postedValues(c);
  return submitForm(c, {
    schema: invitationInput,
    sent: { convening: one(values, 'convening'), responses: many(values, 'responses') },
    show: (errors) => responsesPage(c, values, errors),
    save: async (data) => {
      const r = await inviteRespondents(c.var.db, form, data, c.var.viewer!.id);
      return `${localePath(c.var.locale, `${ORGANIZE}/forms/${form.slug}/responses`)}?invited=${r.invited}&already=${r.already}`;
    },
  });
});

/** Changing a form: the builder with its questions in their rows, each keeping its id. */
const editForm = (c: Ctx, form: InterestForm) => ({
  title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, form.title, form.titleEs) }),
  action: `${ORGANIZE}/forms/${form.slug}/edit`,
  current: form.version,
});

organizeFormPages.get(`${ORGANIZE}/forms/:slug/edit`, allow('organizer'), async (c) => {
  const form = await getInterestForm(c.var.db, c.req.param('slug'));
  return interestFormPage(c, editForm(c, form), storedValues(form, await formLinks(c.var.db, form)), {});
});

organizeFormPages.post(`${ORGANIZE}/forms/:slug/edit`, allow('organizer'), async (c) => {
  const form = await getInterestForm(c.var.db, c.req.param('slug'));
  return submitInterestForm(c, editForm(c, form), interestFormPatch, async (data) => {
    await updateInterestForm(c.var.db, form, data);
    return `${localePath(c.var.locale, `${ORGANIZE}/forms/${form.slug}/responses`)}?saved=1`;
  });
});
