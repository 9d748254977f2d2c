import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Csrf, ErrorSummary, Select, TextField, TimeZoneSelect } from '../../../platform/ui/components';
import { chapterFor, eventInput } from '../../events';
import { createConvening, createInterestForm, interestFormInput } from '../service';
import { tr } from '../messages';
import { formPath } from '../views/paths';
import { blankNull, ConveningTextFields, one, postedValues, submitForm, type Values } from './write';
import { interestFormPage, submitInterestForm } from './form-builder';
import { ORGANIZE } from './organize';

/** Organizers make interest forms and convenings here, without the API. */
export const organizeCreatePages = new Hono<AppEnv>();

const DEFAULT_ZONE = 'America/Los_Angeles';
const CONVENING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
const CONVENING_STATUSES = ['draft', 'published'] as const;

/* ---------------------------------------------------------------- interest forms */

const newForm = (c: Ctx) => ({ title: tr(c)('directory.organize.newForm'), action: `${ORGANIZE}/forms/new` });

organizeCreatePages.get(`${ORGANIZE}/forms/new`, allow('organizer'), (c) => interestFormPage(c, newForm(c), {}, {}));

organizeCreatePages.post(`${ORGANIZE}/forms/new`, allow('organizer'), async (c) =>
  submitInterestForm(c, newForm(c), interestFormInput, async (data) => {
    const f = await createInterestForm(c.var.db, data, c.var.viewer!.id);
    return formPath(c.var.locale, f.slug);
  }),
);

/* ---------------------------------------------------------------- convenings */

/** A convening as the events module's input takes it: the event part, in the chosen zone. */
const conveningFrom = (v: Values) => ({
  title: { en: blankNull(one(v, 'title')), es: blankNull(one(v, 'titleEs')) },
  startsAt: one(v, 'startsAt').trim(),
  endsAt: one(v, 'endsAt').trim(),
  timeZone: one(v, 'timeZone'),
  format: one(v, 'format'),
  status: one(v, 'status'),
});

async function conveningForm(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const opt = c.var.t('form.optional');
  const v = (k: string) => one(values, k);
  const e = errors;
  return page(
    c,
    { title: t('directory.organize.newConvening'), index: false },
    <>
      <h1>{t('directory.organize.newConvening')}</h1>
      <p>{t('directory.create.conveningLead')}</p>
      <ErrorSummary errors={e} t={c.var.t} />
      <form method="post" action={localePath(l, `${ORGANIZE}/convenings/new`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField name="title" label={t('directory.write.title')} value={v('title')} error={e.title} required maxlength={200} />
        <TextField
          name="titleEs"
          label={t('directory.write.titleEs')}
          value={v('titleEs')}
          error={e.titleEs}
          optional={opt}
          maxlength={200}
        />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('directory.create.startsAt')}
          value={v('startsAt')}
          error={e.startsAt}
          required
        />
        <TextField name="endsAt" type="datetime-local" label={t('directory.create.endsAt')} value={v('endsAt')} error={e.endsAt} required />
        <TimeZoneSelect
          name="timeZone"
          label={t('directory.create.timeZone')}
          value={v('timeZone') || DEFAULT_ZONE}
          error={e.timeZone}
          first={[DEFAULT_ZONE]}
          t={c.var.t}
        />
        <Select
          name="format"
          label={t('directory.create.format')}
          value={v('format') || 'in_person'}
          error={e.format}
          options={CONVENING_FORMATS.map((k) => ({ value: k, label: t(`directory.create.format.${k}`) }))}
        />
        <Select
          name="status"
          label={t('directory.field.status')}
          value={v('status') || 'draft'}
          error={e.status}
          options={CONVENING_STATUSES.map((k) => ({ value: k, label: t(`directory.create.status.${k}`) }))}
        />
        <ConveningTextFields c={c} values={values} errors={e} />
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeCreatePages.get(`${ORGANIZE}/convenings/new`, allow('organizer'), (c) => conveningForm(c, {}, {}));

organizeCreatePages.post(`${ORGANIZE}/convenings/new`, allow('organizer'), async (c) => {
  const values = await postedValues(c);
  const text = (k: string) => blankNull(one(values, k).normalize('NFC').trim());
  return submitForm(c, {
    schema: eventInput,
    sent: conveningFrom(values),
    show: (errors) => conveningForm(c, values, errors),
    save: async (data) => {
      // The organizer's own chapter, as the API does when none is named.
      const chapter = chapterFor(c.var.viewer!, null);
      const event = await createConvening(
        c.var.db,
        { ...data, chapter },
        { agenda: text('agenda'), notes: text('notes'), outputs: text('outputs') },
        c.var.viewer!.id,
      );
      return localePath(c.var.locale, `${ORGANIZE}/convenings/${event.slug}`);
    },
  });
});
