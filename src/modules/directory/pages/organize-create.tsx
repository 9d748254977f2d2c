import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField, TimeZoneSelect } from '../../../platform/ui/components';
import { chapterFor, eventInput, pickText } from '../../events';
import { createConvening, createInterestForm, interestFormInput, listConvenings, listTaxonomy, taxonomyName } from '../service';
import { tr } from '../messages';
import { formPath } from '../views/paths';
import { blankNull, CheckboxGroup, lines, many, one, postedValues, submitForm, TitleFields, type Values } from './write';
import { ORGANIZE } from './organize';

/** Organizers make interest forms and convenings here, without the API. */
export const organizeCreatePages = new Hono<AppEnv>();

const QUESTION_KINDS = ['text', 'long_text', 'choice', 'yesno', 'number'] as const;
const MAX_QUESTIONS = 30;
const DEFAULT_ZONE = 'America/Los_Angeles';
const CONVENING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
const CONVENING_STATUSES = ['draft', 'published'] as const;

/* ---------------------------------------------------------------- interest forms */

/** The rows a posted form holds (its highest question number, plus one). */
function questionRows(v: Values): number {
  let n = 0;
  for (const k of Object.keys(v)) {
    const m = /^questions\.(\d{1,2})\./.exec(k);
    if (m) n = Math.min(MAX_QUESTIONS, Math.max(n, Number(m[1]) + 1));
  }
  return n;
}

/** A row with no question typed is no question: the page always offers a few blank ones to fill. */
const filled = (v: Values, i: number) => one(v, `questions.${i}.label`).trim() !== '' || one(v, `questions.${i}.labelEs`).trim() !== '';

/** The form as the input's schema takes it (the programs builder's questions, plus a length limit). */
function interestFormFrom(v: Values) {
  const rows = Array.from({ length: questionRows(v) }, (_, i) => i).filter((i) => filled(v, i));
  return {
    title: one(v, 'title'),
    titleEs: blankNull(one(v, 'titleEs')),
    convening: blankNull(one(v, 'convening')),
    initiative: blankNull(one(v, 'initiative').trim()),
    topics: many(v, 'topics'),
    questions: rows.map((i) => {
      const q = (k: string) => one(v, `questions.${i}.${k}`);
      const max = q('maxLength').trim();
      return {
        kind: q('kind'),
        label: { en: blankNull(q('label')), es: blankNull(q('labelEs')) },
        required: q('required') === 'on',
        options: lines(q('options').replace(/,/g, '\n')).map((line) => {
          const [en, es] = line.split('|').map((x) => x.trim());
          return { en: en || null, es: es || null };
        }),
        maxLength: max === '' ? undefined : /^\d+$/.test(max) ? Number(max) : max,
      };
    }),
  };
}

/**
 * The schema names a question's problem by its place among the questions sent; the page shows it
 * beside that row, which may have a different number when blank rows came before it.
 */
function rowErrors(v: Values, errors: Record<string, string>): Record<string, string> {
  const rows = Array.from({ length: questionRows(v) }, (_, i) => i).filter((i) => filled(v, i));
  return Object.fromEntries(
    Object.entries(errors).map(([k, m]) => {
      const hit = /^questions\.(\d+)\.(\w+)/.exec(k);
      if (!hit) return [k, m];
      const field = hit[2] === 'id' ? 'label' : hit[2];
      return [`questions.${rows[Number(hit[1])] ?? 0}.${field}`, m];
    }),
  );
}

async function interestFormPage(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const opt = c.var.t('form.optional');
  const v = (k: string) => one(values, k);
  const [topics, convenings] = await Promise.all([listTaxonomy(c.var.db, 'topic'), listConvenings(c.var.db)]);
  // Every question typed so far, and three blank rows to add more (no script needed).
  const shown = Math.min(MAX_QUESTIONS, Math.max(questionRows(values), 0) + 3);
  return page(
    c,
    { title: t('directory.organize.newForm'), index: false },
    <>
      <h1>{t('directory.organize.newForm')}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(l, `${ORGANIZE}/forms/new`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TitleFields c={c} values={values} errors={errors} />
        <Select
          name="convening"
          label={t('directory.create.convening')}
          hint={t('directory.create.conveningHint')}
          value={v('convening')}
          error={errors.convening}
          blank={t('directory.write.none')}
          options={convenings.map((e) => ({ value: e.slug, label: pickText(e.title, l) }))}
        />
        <TextField
          name="initiative"
          label={t('directory.create.initiative')}
          hint={t('directory.create.initiativeHint')}
          value={v('initiative')}
          error={errors.initiative}
          optional={opt}
          maxlength={80}
        />
        {topics.length > 0 && (
          <CheckboxGroup
            name="topics"
            legend={t('directory.create.topics')}
            options={topics.map((x) => ({ value: x.key, label: taxonomyName(x, l) }))}
            chosen={many(values, 'topics')}
            error={errors.topics}
          />
        )}
        <h2>{t('directory.create.questions')}</h2>
        <p>{t('directory.create.questionsLead')}</p>
        {errors.questions && (
          <p class="usa-error-message" id="questions" role="alert">
            {errors.questions}
          </p>
        )}
        {Array.from({ length: shown }, (_, i) => {
          const name = (k: string) => `questions.${i}.${k}`;
          const q = (k: string) => one(values, name(k));
          return (
            <fieldset class="usa-fieldset">
              <legend class="usa-legend usa-legend--large">{t('directory.create.question', { n: i + 1 })}</legend>
              <TextField
                name={name('label')}
                label={t('directory.create.questionLabel')}
                value={q('label')}
                error={errors[name('label')]}
                maxlength={300}
              />
              <TextField
                name={name('labelEs')}
                label={t('directory.create.questionLabelEs')}
                value={q('labelEs')}
                error={errors[name('labelEs')]}
                optional={opt}
                maxlength={300}
              />
              <Select
                name={name('kind')}
                label={t('directory.create.kind')}
                value={q('kind') || 'text'}
                error={errors[name('kind')]}
                options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`directory.create.kind.${k}`) }))}
              />
              <TextArea
                name={name('options')}
                label={t('directory.create.options')}
                hint={t('directory.create.optionsHint')}
                value={q('options')}
                error={errors[name('options')]}
                optional={opt}
                rows={3}
              />
              <TextField
                name={name('maxLength')}
                inputmode="numeric"
                label={t('directory.create.maxLength')}
                hint={t('directory.create.maxLengthHint')}
                value={q('maxLength')}
                error={errors[name('maxLength')]}
                optional={opt}
                maxlength={5}
              />
              <Checkbox
                name={name('required')}
                id={name('required')}
                label={t('directory.create.required')}
                checked={q('required') === 'on'}
              />
            </fieldset>
          );
        })}
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeCreatePages.get(`${ORGANIZE}/forms/new`, allow('organizer'), (c) => interestFormPage(c, {}, {}));

organizeCreatePages.post(`${ORGANIZE}/forms/new`, allow('organizer'), async (c) => {
  const values = await postedValues(c);
  return submitForm(c, {
    schema: interestFormInput,
    sent: interestFormFrom(values),
    show: (errors) => interestFormPage(c, values, rowErrors(values, errors)),
    save: async (data) => {
      const f = await createInterestForm(c.var.db, data, c.var.viewer!.id);
      return formPath(c.var.locale, f.slug);
    },
  });
});

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
        <TextArea
          name="agenda"
          label={t('directory.convening.agenda')}
          hint={t('directory.write.markdownHint')}
          value={v('agenda')}
          optional={opt}
          rows={5}
          maxlength={20000}
        />
        <TextArea name="notes" label={t('directory.convening.notes')} value={v('notes')} optional={opt} rows={4} maxlength={20000} />
        <TextArea name="outputs" label={t('directory.convening.outputs')} value={v('outputs')} optional={opt} rows={4} maxlength={20000} />
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
