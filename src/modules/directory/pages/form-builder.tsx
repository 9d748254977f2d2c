import type { z } from 'zod';
import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { pickText } from '../../events';
import type { InterestForm } from '../schema';
import { listConvenings, listTaxonomy, taxonomyName } from '../service';
import { tr } from '../messages';
import { blankNull, CheckboxGroup, lines, many, one, postedValues, submitForm, TitleFields, type Values } from './write';

/**
 * The interest form builder, for a new form and for changing one: title, convening, initiative, topics
 * and rows of questions (the programs builder's kinds, with a length limit), without JavaScript.
 */

const QUESTION_KINDS = ['text', 'long_text', 'choice', 'yesno', 'number'] as const;
const MAX_QUESTIONS = 30;

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
  // A version that is not a number is no version read: the change is then checked against the one stored.
  const version = one(v, 'version');
  return {
    ...(/^\d{1,9}$/.test(version) ? { version: Number(version) } : {}),
    title: one(v, 'title'),
    titleEs: blankNull(one(v, 'titleEs')),
    convening: blankNull(one(v, 'convening')),
    initiative: blankNull(one(v, 'initiative').trim()),
    topics: many(v, 'topics'),
    questions: rows.map((i) => {
      const q = (k: string) => one(v, `questions.${i}.${k}`);
      const max = q('maxLength').trim();
      return {
        id: blankNull(q('id')) ?? undefined,
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

/** What differs between making a form and changing one: the heading, where it posts, the version read. */
interface Builder {
  title: string;
  action: string;
  /** Changing a stored form: the version now stored, which a form re-shown after a 409 carries. */
  current?: number;
}

export async function interestFormPage(c: Ctx, b: Builder, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const opt = c.var.t('form.optional');
  const v = (k: string) => one(values, k);
  const [topics, convenings] = await Promise.all([listTaxonomy(c.var.db, 'topic'), listConvenings(c.var.db)]);
  // Every question typed so far, and three blank rows to add more (no script needed).
  const shown = Math.min(MAX_QUESTIONS, Math.max(questionRows(values), 0) + 3);
  return page(
    c,
    { title: b.title, index: false },
    <>
      <h1>{b.title}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      {errors.version && (
        <div id="version">
          <Alert type="error">{errors.version}</Alert>
        </div>
      )}
      <form method="post" action={localePath(l, b.action)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        {b.current !== undefined && <input type="hidden" name="version" value={String(errors.version ? b.current : v('version'))} />}
        <TitleFields c={c} values={values} errors={errors} />
        <Select
          name="convening"
          label={t('directory.create.convening')}
          hint={t('directory.create.conveningHint')}
          value={v('convening')}
          error={errors.convening}
          blank={t('directory.write.none')}
          options={[
            ...convenings.map((e) => ({ value: e.slug, label: pickText(e.title, l) })),
            // A draft convening is not listed, yet a form attached to one stays attached when saved.
            ...(v('convening') && !convenings.some((e) => e.slug === v('convening'))
              ? [{ value: v('convening'), label: v('convening') }]
              : []),
          ]}
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
        {b.current !== undefined && <p>{t('directory.create.removeQuestion')}</p>}
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
              {q('id') && <input type="hidden" name={name('id')} value={q('id')} />}
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
    errors.version ? 409 : Object.keys(errors).length ? 422 : 200,
  );
}

/** The one way a builder's form is sent: checked by the schema, saved, or shown again as typed. */
export async function submitInterestForm<S extends z.ZodType>(
  c: Ctx,
  b: Builder,
  schema: S,
  save: (data: z.output<S>) => Promise<string>,
): Promise<Response> {
  const values = await postedValues(c);
  return submitForm(c, {
    schema,
    sent: interestFormFrom(values),
    show: (errors) => interestFormPage(c, b, values, rowErrors(values, errors)),
    save,
  });
}

/** A stored form as the builder's fields, each question in its row with its id. */
export function storedValues(form: InterestForm, links: { convening: string | null; initiative: string | null }): Values {
  const v: Values = {
    title: form.title,
    titleEs: form.titleEs ?? '',
    convening: links.convening ?? '',
    initiative: links.initiative ?? '',
    topics: form.topics,
    version: String(form.version),
  };
  form.questions.forEach((q, i) => {
    const row = (k: string, value: string) => (v[`questions.${i}.${k}`] = value);
    row('id', q.id);
    row('label', q.label.en ?? '');
    row('labelEs', q.label.es ?? '');
    row('kind', q.kind);
    row('options', (q.options ?? []).map((o) => `${o.en ?? ''}${o.es ? ` | ${o.es}` : ''}`).join('\n'));
    row('maxLength', q.maxLength ? String(q.maxLength) : '');
    row('required', q.required ? 'on' : '');
  });
  return v;
}
