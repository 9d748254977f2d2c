import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { noPublicCache } from '../../../platform/http/page-cache';
import { emailAddress, errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { YourTime } from '../views/when';
import { renderMarkdown } from '../../../platform/markdown';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Radios, Select, TextArea, TextField } from '../../../platform/ui/components';
import { checkAnswers, pickText, rsvpRateLimit, type FormQuestion } from '../../events';
import { formMessages, programsMessages, tr } from '../messages';
import type { Application, ApplicationDraft, Program } from '../schema';
import {
  applicationInput,
  apply,
  deadlinePassed,
  draftFromToken,
  draftPath,
  draftToken,
  getProgram,
  reasonsIn,
  saveDraft,
  sendDraft,
  type ApplicationInput,
} from '../service';

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

/** Where the form posts (the program, or a draft's own link) and what the last save did. */
interface FormOpts {
  action?: string;
  notice?: string;
}

function programPage(
  c: Ctx,
  p: Program,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 409 | 422 = 200,
  opts: FormOpts = {},
) {
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
      {opts.notice && <Alert type="success">{opts.notice}</Alert>}
      {errors._form && <Alert type="error">{errors._form}</Alert>}
      {!closed && (
        <>
          <h2 id="apply">{t('programs.apply.title')}</h2>
          <p>{t('programs.apply.lead')}</p>
          <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form'))} t={c.var.t} />
          <form method="post" action={opts.action ?? localePath(locale, `/programs/${p.slug}`)} class="usa-form usa-form--large" novalidate>
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
            <p class="usa-hint">{t('programs.apply.draftHint')}</p>
            <Button>{t('programs.apply.submit')}</Button>{' '}
            <Button variant="outline" name="intent" value="draft">
              {t('programs.apply.saveDraft')}
            </Button>
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

/**
 * Checks a sent form and, when it reads, sends it through `send` (a new application, or a draft's).
 * Every problem shows at once beside its field; the result page is in the applicant's language.
 */
async function submit(
  c: Ctx,
  p: Program,
  values: Record<string, string>,
  send: (input: ApplicationInput) => Promise<Application>,
  opts: FormOpts = {},
) {
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
    return programPage(c, p, values, errors, 422, opts);
  }
  try {
    const a = await send(parsed.data);
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
    if (err instanceof AppError && err.status === 422)
      return programPage(c, p, values, errorMessages(c, err.fields, formMessages), 422, opts);
    if (err instanceof AppError && err.status === 409)
      return programPage(c, p, values, { _form: translateKey(c, err.messageKey, undefined, programsMessages) }, 409, opts);
    throw err;
  }
}

/**
 * Saves the form as a draft. Only the contact's email is needed (the link back goes there); everything
 * else is kept as typed, to be checked when the draft is sent.
 */
async function keepDraft(c: Ctx, p: Program, values: Record<string, string>, existing?: ApplicationDraft, opts: FormOpts = {}) {
  const email = emailAddress.safeParse(values['contact.email'] ?? '');
  if (!email.success) return programPage(c, p, values, { 'contact.email': tr(c)('programs.error.draftEmail') }, 422, opts);
  const language = values.language === 'es' || values.language === 'en' ? values.language : c.var.locale;
  try {
    const d = await saveDraft(c.var.db, p, { contactEmail: email.data, language, values }, existing);
    const token = await draftToken(c.var.deps.secret, d);
    return c.redirect(`${draftPath(c.var.locale, p, token)}?done=${existing ? 'saved' : 'created'}`, 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 409)
      return programPage(c, p, values, { _form: translateKey(c, err.messageKey, undefined, programsMessages) }, 409, opts);
    throw err;
  }
}

publicPages.post('/programs/:slug', allow('public'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  await rsvpRateLimit(c, p.id);
  const values = await form(c);
  if (values.intent === 'draft') return keepDraft(c, p, values);
  return submit(c, p, values, (input) => apply(c.var.db, p, input));
});

/** A draft read back: what was typed, without the form (after the deadline, or once it was sent). */
function draftReadOnly(c: Ctx, p: Program, d: ApplicationDraft) {
  const t = tr(c);
  const l = c.var.locale;
  const v = d.values;
  const members = Array.from({ length: MEMBER_ROWS }, (_, i) => [v[`members.${i}.name`], v[`members.${i}.email`], v[`members.${i}.role`]])
    .map((m) => m.filter((x) => x?.trim()).join(' · '))
    .filter(Boolean);
  const answer = (q: FormQuestion) => {
    const raw = v[`answers.${q.id}`] ?? '';
    if (q.kind === 'choice' && /^\d+$/.test(raw)) return pickText((q.options ?? [])[Number(raw)] ?? { en: raw, es: raw }, l);
    if (q.kind === 'yesno' && raw) return t(raw === 'yes' ? 'programs.apply.yes' : 'programs.apply.no');
    return raw;
  };
  const title = t('programs.draft.title', { program: pickText(p.title, l) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <Alert type="info">{t(d.sentAt ? 'programs.draft.sent' : 'programs.draft.closed')}</Alert>
      <dl class="pw-facts">
        <dt>{t('programs.apply.organization')}</dt>
        <dd>{v.organization || '—'}</dd>
        <dt>{t('programs.apply.contact')}</dt>
        <dd>{[v['contact.name'], v['contact.email']].filter((x) => x?.trim()).join(' · ') || '—'}</dd>
        <dt>{t('programs.apply.members')}</dt>
        <dd>{members.length ? members.join('; ') : '—'}</dd>
        {p.questions.map((q) => (
          <>
            <dt>{pickText(q.label, l)}</dt>
            <dd class="pw-prose">{answer(q) || '—'}</dd>
          </>
        ))}
      </dl>
    </>,
  );
}

async function draftOf(c: Ctx) {
  const p = await getProgram(c.var.db, c.req.param('slug') ?? '');
  const d = await draftFromToken(c.var.db, c.var.deps.secret, p, c.req.param('token') ?? '');
  return { p, d, opts: { action: draftPath(c.var.locale, p, c.req.param('token') ?? '') } };
}

// The link is the key to the draft, like a manage-RSVP link: pages behind it are never cached or indexed.
publicPages.get('/programs/:slug/draft/:token', allow('public'), async (c) => {
  const { p, d, opts } = await draftOf(c);
  noPublicCache(c);
  c.header('Cache-Control', 'no-store');
  if (d.sentAt || deadlinePassed(p)) return draftReadOnly(c, p, d);
  const done = c.req.query('done');
  const t = tr(c);
  const notice =
    done === 'created' ? t('programs.draft.created', { email: d.contactEmail }) : done === 'saved' ? t('programs.draft.saved') : undefined;
  return programPage(c, p, d.values, {}, 200, { ...opts, notice });
});

publicPages.post('/programs/:slug/draft/:token', allow('public'), async (c) => {
  const { p, d, opts } = await draftOf(c);
  noPublicCache(c);
  c.header('Cache-Control', 'no-store');
  await rsvpRateLimit(c, p.id);
  const values = await form(c);
  if (values.intent === 'draft') return keepDraft(c, p, values, d, opts);
  return submit(c, p, values, (input) => sendDraft(c.var.db, p, d, input), opts);
});
