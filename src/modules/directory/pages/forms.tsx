import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { errorMessages } from '../../../platform/http/validation';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import type { InterestForm } from '../schema';
import { formsRateLimit } from '../permissions';
import { getInterestForm, listTaxonomy, responseInput, submitResponse, taxonomyName } from '../service';
import { directoryMessages, tr } from '../messages';
import { pick } from '../views/entries';
import { formPath } from '../views/paths';
import { one as oneOf, postedValues, refusedFields } from './write';

export const formPages = new Hono<AppEnv>();

/** People take a few seconds to read and fill a form; software that posts at once is not a person. */
const MIN_SECONDS = 3;

async function formPage(
  c: Ctx,
  form: InterestForm,
  values: Record<string, string | string[]>,
  errors: Record<string, string>,
  status: 200 | 422 = 200,
) {
  const t = tr(c);
  const l = c.var.locale;
  const topics = (await listTaxonomy(c.var.db, 'topic')).filter((x) => form.topics.includes(x.key));
  const started = await signLink(c.var.deps.secret, 'interest-form', { f: form.id, at: Date.now() }, '1d');
  const one = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[])[0] : ((values[k] as string | undefined) ?? ''));
  const chosen = new Set(([] as string[]).concat(values.topics ?? []));
  const title = pick(l, form.title, form.titleEs);
  return page(
    c,
    { title },
    <>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      {errors._form && <Alert type="warning">{errors._form}</Alert>}
      <form method="post" action={formPath(l, form.slug)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="started" value={started} />
        <TextField name="name" label={t('directory.form.name')} value={one('name')} error={errors.name} autocomplete="name" required />
        <TextField
          name="email"
          type="email"
          label={t('directory.form.email')}
          value={one('email')}
          error={errors.email}
          autocomplete="email"
          required
        />
        {form.questions.map((q) => {
          const name = `answers.${q.id}`;
          const label = pick(l, q.label.en ?? null, q.label.es ?? null);
          const props = { name, label, value: one(name), error: errors[name] };
          if (q.kind === 'long_text') return <TextArea {...props} required={q.required} maxlength={q.maxLength} />;
          if (q.kind === 'yesno')
            return (
              <Select
                {...props}
                blank=""
                options={[
                  { value: 'yes', label: t('directory.csv.yes') },
                  { value: 'no', label: t('directory.csv.no') },
                ]}
              />
            );
          if (q.kind === 'choice')
            return (
              <Select
                {...props}
                blank=""
                options={(q.options ?? []).map((o) => ({ value: (o.en || o.es) ?? '', label: pick(l, o.en ?? null, o.es ?? null) }))}
              />
            );
          return <TextField {...props} type={q.kind === 'number' ? 'number' : 'text'} required={q.required} maxlength={q.maxLength} />;
        })}
        {topics.length > 0 && (
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">{t('directory.form.topics')}</legend>
            {topics.map((x) => (
              <Checkbox name="topics" id={`topic-${x.key}`} value={x.key} label={taxonomyName(x, l)} checked={chosen.has(x.key)} />
            ))}
          </fieldset>
        )}
        <Checkbox name="consent" value="yes" label={t('directory.form.consent')} checked={one('consent') === 'yes'} />
        {/* A field people never see or fill; software that fills every field gives itself away. */}
        <div class="pw-visually-hidden" aria-hidden="true">
          <label for="homepage">{t('directory.form.trap')}</label>
          <input type="text" id="homepage" name="homepage" tabindex={-1} autocomplete="off" value="" />
        </div>
        <Button>{t('directory.form.submit')}</Button>
      </form>
    </>,
    status,
  );
}

formPages.get('/forms/:slug', allow('public'), async (c) => formPage(c, await getInterestForm(c.var.db, c.req.param('slug')), {}, {}));

formPages.post('/forms/:slug', allow('public'), async (c) => {
  const form = await getInterestForm(c.var.db, c.req.param('slug'));
  await formsRateLimit(c, form.id);
  const values = await postedValues(c);
  const one = (k: string) => oneOf(values, k);
  const t = tr(c);
  const thanks = () => page(c, { title: t('directory.form.thanks'), index: false }, <h1>{t('directory.form.thanks')}</h1>);
  // The trap was filled: answer as if all went well, keep nothing.
  if (one('homepage') !== '') return thanks();
  const started = await verifyLink<{ f: string; at: number }>(c.var.deps.secret, 'interest-form', one('started'));
  if (!started || started.f !== form.id || Date.now() - Number(started.at) < MIN_SECONDS * 1000)
    return formPage(c, form, values, { _form: t('directory.form.tooFast') }, 422);
  const answers: Record<string, string> = {};
  for (const q of form.questions) if (one(`answers.${q.id}`) !== '') answers[q.id] = one(`answers.${q.id}`);
  const parsed = responseInput.safeParse({
    name: one('name'),
    email: one('email'),
    language: c.var.locale,
    answers,
    topics: ([] as string[]).concat(values.topics ?? []),
    consent: one('consent') === 'yes',
  });
  if (!parsed.success) return formPage(c, form, values, errorMessages(c, parsed.error, directoryMessages), 422);
  try {
    await submitResponse(c.var.deps, form, parsed.data);
  } catch (err) {
    const errors = refusedFields(c, err);
    if (errors) return formPage(c, form, values, errors, 422);
    throw err;
  }
  return thanks();
});
