import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { YourTime } from '../views/when';
import { renderMarkdown } from '../../../platform/markdown';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Radios, Select, TextArea, TextField } from '../../../platform/ui/components';
import { checkAnswers, pickText, rsvpRateLimit, type FormQuestion } from '../../events';
import { formMessages, programsMessages, tr } from '../messages';
import type { Program } from '../schema';
import { applicationInput, apply, deadlinePassed, getProgram, reasonsIn } from '../service';

export const publicPages = new Hono<AppEnv>();

/** Rows offered for team members; empty rows are left out. */
const MEMBER_ROWS = 6;

function QuestionField(props: { c: Ctx; q: FormQuestion; value?: string; error?: string }) {
  const { c, q } = props;
  const t = tr(c);
  const name = `answers.${q.id}`;
  const label = pickText(q.label, c.var.locale);
  const optional = q.required ? t('programs.apply.required') : undefined;
  if (q.kind === 'long_text')
    return <TextArea name={name} label={label} optional={optional} value={props.value} error={props.error} rows={6} maxlength={10_000} />;
  if (q.kind === 'yesno')
    return (
      <Radios
        name={name}
        legend={`${label}${optional ? ` ${optional}` : ''}`}
        value={props.value}
        error={props.error}
        options={[
          { value: 'yes', label: t('programs.apply.yes') },
          { value: 'no', label: t('programs.apply.no') },
        ]}
      />
    );
  if (q.kind === 'choice')
    return (
      <Select
        name={name}
        label={label}
        optional={optional}
        value={props.value}
        error={props.error}
        blank={t('programs.apply.choose')}
        options={(q.options ?? []).map((o, i) => ({ value: String(i), label: pickText(o, c.var.locale) }))}
      />
    );
  return (
    <TextField
      name={name}
      label={label}
      optional={optional}
      value={props.value}
      error={props.error}
      type="text"
      inputmode={q.kind === 'number' ? 'numeric' : undefined}
      maxlength={q.kind === 'number' ? 13 : 2000}
    />
  );
}

function programPage(c: Ctx, p: Program, values: Record<string, string>, errors: Record<string, string>, status: 200 | 409 | 422 = 200) {
  const t = tr(c);
  const locale = c.var.locale;
  const title = pickText(p.title, locale);
  const closed = deadlinePassed(p);
  const when = (d: Date) => formatDateTime(locale, d, p.timeZone);
  const description = pickText(p.description, locale);
  return page(
    c,
    { title, description: description.slice(0, 200), scripts: ['events.js'] },
    <>
      <h1>{title}</h1>
      <p>{t('programs.page.dates', { start: when(p.startsAt), end: when(p.endsAt) })}</p>
      {description && <div class="pw-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(description) }} />}
      <p>
        <strong>{t(closed ? 'programs.page.closed' : 'programs.page.deadline', { when: when(p.applicationDeadline) })}</strong>{' '}
        <YourTime c={c} date={p.applicationDeadline} timeZone={p.timeZone} /> {t('programs.page.zone', { zone: p.timeZone })}
      </p>
      {errors._form && <Alert type="error">{errors._form}</Alert>}
      {!closed && (
        <>
          <h2 id="apply">{t('programs.apply.title')}</h2>
          <p>{t('programs.apply.lead')}</p>
          <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form'))} t={c.var.t} />
          <form method="post" action={localePath(locale, `/programs/${p.slug}`)} class="usa-form usa-form--large" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField
              name="organization"
              label={t('programs.apply.organization')}
              value={values.organization}
              error={errors.organization}
            />
            <fieldset class="usa-fieldset">
              <legend class="usa-legend usa-legend--large">{t('programs.apply.contact')}</legend>
              <TextField
                name="contact.name"
                label={t('programs.apply.contactName')}
                value={values['contact.name']}
                error={errors['contact.name']}
                autocomplete="name"
              />
              <TextField
                name="contact.email"
                type="email"
                label={t('programs.apply.contactEmail')}
                value={values['contact.email']}
                error={errors['contact.email']}
                autocomplete="email"
              />
            </fieldset>
            <Radios
              name="language"
              legend={t('programs.apply.language')}
              value={values.language ?? locale}
              error={errors.language}
              options={[
                { value: 'en', label: 'English' },
                { value: 'es', label: 'Español' },
              ]}
            />
            <fieldset class="usa-fieldset">
              <legend class="usa-legend">{t('programs.apply.languageNeeds')}</legend>
              <Checkbox name="languageNeeds.en" id="languageNeeds-en" label="English" checked={!!values['languageNeeds.en']} />
              <Checkbox name="languageNeeds.es" id="languageNeeds-es" label="Español" checked={!!values['languageNeeds.es']} />
            </fieldset>
            <fieldset class="usa-fieldset" id="members">
              <legend class="usa-legend usa-legend--large">{t('programs.apply.members')}</legend>
              <p class="usa-hint">{t('programs.apply.membersHint')}</p>
              {errors.members && (
                <span class="usa-error-message" role="alert">
                  {errors.members}
                </span>
              )}
              {Array.from({ length: MEMBER_ROWS }, (_, i) => (
                <fieldset class="usa-fieldset">
                  <legend class="usa-legend">{t('programs.apply.member', { n: i + 1 })}</legend>
                  {(['name', 'email', 'role'] as const).map((f) => (
                    <TextField
                      name={`members.${i}.${f}`}
                      type={f === 'email' ? 'email' : 'text'}
                      label={t(
                        f === 'name'
                          ? 'programs.apply.memberName'
                          : f === 'email'
                            ? 'programs.apply.memberEmail'
                            : 'programs.apply.memberRole',
                      )}
                      value={values[`members.${i}.${f}`]}
                      error={errors[`members.${i}.${f}`]}
                    />
                  ))}
                </fieldset>
              ))}
            </fieldset>
            {p.questions.length > 0 && (
              <fieldset class="usa-fieldset">
                <legend class="usa-legend usa-legend--large">{t('programs.apply.questions')}</legend>
                {p.questions.map((q) => (
                  <QuestionField c={c} q={q} value={values[`answers.${q.id}`]} error={errors[`answers.${q.id}`]} />
                ))}
              </fieldset>
            )}
            <Button>{t('programs.apply.submit')}</Button>
          </form>
        </>
      )}
    </>,
    status,
  );
}

publicPages.get('/programs/:slug', allow('public'), async (c) => programPage(c, await getProgram(c.var.db, c.req.param('slug')), {}, {}));

/** The form's flat names to the API's body; member rows left empty are dropped, remembering where each came from. */
function fromForm(p: Program, v: Record<string, string>) {
  const rows = Array.from({ length: MEMBER_ROWS }, (_, i) => ({
    i,
    name: v[`members.${i}.name`] ?? '',
    email: v[`members.${i}.email`] ?? '',
    role: v[`members.${i}.role`] ?? '',
  })).filter((m) => m.name.trim() || m.email.trim() || m.role.trim());
  return {
    rows,
    body: {
      organization: v.organization ?? '',
      contact: { name: v['contact.name'] ?? '', email: v['contact.email'] ?? '' },
      language: v.language,
      languageNeeds: (['en', 'es'] as const).filter((l) => v[`languageNeeds.${l}`]),
      members: rows.map((m) => ({ name: m.name, email: m.email, role: m.role })),
      answers: Object.fromEntries(p.questions.map((q) => [q.id, v[`answers.${q.id}`] ?? ''])),
    },
  };
}

publicPages.post('/programs/:slug', allow('public'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  await rsvpRateLimit(c, p.id);
  const values = await form(c);
  const { rows, body } = fromForm(p, values);
  // A member's error is shown on the row it was typed in, not its place among the filled rows.
  const onRow = (errors: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(errors).map(([k, m]) => [k.replace(/^members\.(\d+)\./, (_, n) => `members.${rows[Number(n)]?.i ?? n}.`), m]),
    );
  const parsed = applicationInput.safeParse(body);
  if (!parsed.success) {
    // Answers are checked too, so every problem shows at once rather than one round at a time.
    const errors = onRow(errorMessages(c, parsed.error, formMessages));
    try {
      checkAnswers(p, body.answers);
    } catch (err) {
      if (err instanceof AppError) Object.assign(errors, errorMessages(c, err.fields, formMessages));
    }
    return programPage(c, p, values, errors, 422);
  }
  try {
    const a = await apply(c.var.db, p, parsed.data);
    const t = tr(a.language);
    const ok = a.status === 'submitted';
    const heading = t(ok ? 'programs.result.submittedTitle' : 'programs.result.ineligibleTitle');
    return page(
      c,
      { title: heading, index: false },
      <div lang={a.language}>
        <h1>{heading}</h1>
        <p>{t(ok ? 'programs.result.submitted' : 'programs.result.ineligible', { organization: a.organization, email: a.contactEmail })}</p>
        {!ok && (
          <ul class="usa-list">
            {reasonsIn(a.reasons, a.language).map((r) => (
              <li>{r.message}</li>
            ))}
          </ul>
        )}
      </div>,
    );
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return programPage(c, p, values, errorMessages(c, err.fields, formMessages), 422);
    if (err instanceof AppError && err.status === 409)
      return programPage(c, p, values, { _form: translateKey(c, err.messageKey, undefined, programsMessages) }, 409);
    throw err;
  }
});
