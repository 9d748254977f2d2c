import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { noPublicCache } from '../../../platform/http/page-cache';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Radios, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages, isEmailAddress } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { answersOf, deleteOwnResponse, getSurvey, saveResponse, stopFollowups } from '../service/surveys';
import { emailFromInvite, emailFromStop } from '../service/followups';
import type { LocalText, SurveyRow } from '../schema';
import { surveysMessages, tr } from '../messages';
import { surveysOrganizePages } from './organize';
import { surveysNewPages } from './new';
import { pickText } from '../../events';

export const surveysPages = new Hono<AppEnv>();
// `/organize/surveys/new` before `/organize/surveys/:id`.
surveysPages.route('/', surveysNewPages);
surveysPages.route('/', surveysOrganizePages);

const LIKERT = ['1', '2', '3', '4', '5'] as const;

async function answerForm(c: Ctx, s: SurveyRow, values: Record<string, string>, errors: Record<string, string>, status: 200 | 422 = 200) {
  const t = tr(c);
  noPublicCache(c);
  const invite = values.invite ?? c.req.query('invite') ?? '';
  const invited = invite ? await emailFromInvite(c.var.deps.secret, invite) : null;
  const known = invited ?? c.var.viewer?.email ?? null;
  return page(
    c,
    { title: pickText(s.title, c.var.locale), index: false },
    <>
      <h1>{pickText(s.title, c.var.locale)}</h1>
      {c.req.query('done') === '1' && <Alert type="success">{t('surveys.form.thanks')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(c.var.locale, `/surveys/${s.id}`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        {invited && <input type="hidden" name="invite" value={invite} />}
        {!known && (
          <TextField
            name="email"
            type="email"
            autocomplete="email"
            label={t('surveys.form.email')}
            hint={t('surveys.form.emailHint')}
            value={values.email}
            error={errors.email}
            required
          />
        )}
        {s.questions.map((q) => {
          const name = `q_${q.id}`;
          const label = pickText(q.label, c.var.locale);
          if (q.kind === 'text') return <TextArea name={name} label={label} value={values[name]} error={errors[name]} maxlength={2000} />;
          const options =
            q.kind === 'likert'
              ? LIKERT.map((v) => ({ value: v, label: t(`surveys.likert.${v}`) }))
              : q.kind === 'yesno'
                ? [
                    { value: 'yes', label: t('surveys.yes') },
                    { value: 'no', label: t('surveys.no') },
                  ]
                : (q.options ?? []).map((o, i) => ({ value: String(i), label: pickText(o, c.var.locale) }));
          return <Radios name={name} legend={label} options={options} value={values[name]} error={errors[name]} />;
        })}
        {s.eventId && s.kind !== 'followup' && (
          <Checkbox name="followupConsent" value="1" label={t('surveys.form.followup')} checked={values.followupConsent === '1'} />
        )}
        <Button>{t('surveys.form.submit')}</Button>
      </form>
    </>,
    status,
  );
}

surveysPages.get('/surveys/:id{[0-9a-f-]{36}}', allow('public'), async (c) =>
  answerForm(c, await getSurvey(c.var.db, c.req.param('id')), {}, {}),
);

surveysPages.post('/surveys/:id{[0-9a-f-]{36}}', allow('public'), async (c) => {
  const s = await getSurvey(c.var.db, c.req.param('id'));
  const values = await form(c);
  const invited = values.invite ? await emailFromInvite(c.var.deps.secret, values.invite) : null;
  const email = invited ?? c.var.viewer?.email ?? values.email?.trim() ?? '';
  if (!isEmailAddress(email)) return answerForm(c, s, values, { email: tr(c)('surveys.error.email') }, 422);
  const answers = Object.fromEntries(s.questions.filter((q) => values[`q_${q.id}`] !== undefined).map((q) => [q.id, values[`q_${q.id}`]]));
  try {
    await saveResponse(c.var.db, s, { email, answers, language: c.var.locale, followupConsent: values.followupConsent === '1' });
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    const messages = errorMessages(
      c,
      Object.fromEntries(
        Object.entries(err.fields).map(([f, key]) => [f.replace(/^answers\./, 'q_'), { key, values: err.fieldValues[f] }]),
      ),
      surveysMessages,
    );
    return answerForm(c, s, values, messages, 422);
  }
  const back = values.invite ? `&invite=${encodeURIComponent(values.invite)}` : '';
  return c.redirect(localePath(c.var.locale, `/surveys/${s.id}?done=1${back}`), 303);
});

// Follow-up emails link here; a POST does the stopping, because mail scanners open links.
surveysPages.get('/surveys/stop/:token', allow('public'), async (c) => {
  noPublicCache(c);
  const t = tr(c);
  if (!(await emailFromStop(c.var.deps.secret, c.req.param('token')))) throw notFound();
  return page(
    c,
    { title: t('surveys.stop.title'), index: false },
    <>
      <h1>{t('surveys.stop.title')}</h1>
      {c.req.query('done') === '1' ? (
        <Alert type="success">{t('surveys.stop.done')}</Alert>
      ) : (
        <form method="post" action={localePath(c.var.locale, `/surveys/stop/${c.req.param('token')}`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <Button>{t('surveys.stop.confirm')}</Button>
        </form>
      )}
    </>,
  );
});

surveysPages.post('/surveys/stop/:token', allow('public'), async (c) => {
  const email = await emailFromStop(c.var.deps.secret, c.req.param('token'));
  if (!email) throw notFound();
  await stopFollowups(c.var.db, email);
  return c.redirect(localePath(c.var.locale, `/surveys/stop/${c.req.param('token')}?done=1`), 303);
});

// People see and delete their own answers.
surveysPages.get('/surveys/mine', allow('signedIn'), async (c) => {
  const t = tr(c);
  const list = await answersOf(c.var.db, c.var.viewer!.id);
  return page(
    c,
    { title: t('surveys.mine.title'), index: false },
    <>
      <h1>{t('surveys.mine.title')}</h1>
      {c.req.query('deleted') === '1' && <Alert type="success">{t('surveys.mine.deleted')}</Alert>}
      {list.length === 0 && <p>{t('surveys.mine.none')}</p>}
      {list.map((r) => (
        <section aria-labelledby={`r-${r.id}`}>
          <h2 id={`r-${r.id}`}>{pickText(r.survey as LocalText, c.var.locale)}</h2>
          <ul class="usa-list">
            {Object.entries(r.answers as Record<string, unknown>).map(([q, v]) => (
              <li>
                {q}: {String(v)}
              </li>
            ))}
          </ul>
          <form method="post" action={localePath(c.var.locale, `/surveys/mine/${r.id}/delete`)} class="usa-form">
            <Csrf token={c.var.csrfToken} />
            <Button variant="secondary">{t('surveys.mine.delete')}</Button>
          </form>
        </section>
      ))}
    </>,
  );
});

surveysPages.post('/surveys/mine/:id/delete', allow('signedIn'), async (c) => {
  await deleteOwnResponse(c.var.db, c.var.viewer!.id, c.req.param('id'));
  return c.redirect(localePath(c.var.locale, '/surveys/mine?deleted=1'), 303);
});
