import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { shownCount } from '../../../platform/counts';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { type EventRow, eventsMessages, canSeeEvent, rsvpRateLimit, pickText } from '../../events';
import { partnerScopes } from '../../jobs';
import { canManageBooth, canOrganizeFair } from '../permissions';
import {
  attendeeFor,
  getFair,
  listBooths,
  listFairs,
  passToken,
  registerAndSendPass,
  registeredCount,
  registrationInput,
} from '../service';
import { BoothCard, fairPath, fairTitle } from '../views/shared';
import { careerfairMessages, tr } from '../messages';

export const careerfairPages = new Hono<AppEnv>();

export async function visibleFair(c: Ctx): Promise<EventRow> {
  const e = await getFair(c.var.db, c.req.param('slug') ?? '');
  if (!canSeeEvent(c.var.viewer, e)) throw notFound();
  return e;
}

careerfairPages.get('/fairs', allow('public'), async (c) => {
  const t = tr(c);
  const fairs = await listFairs(c.var.db);
  return page(
    c,
    { title: t('careerfair.list.title'), description: t('careerfair.list.lead') },
    <>
      <h1>{t('careerfair.list.title')}</h1>
      <p class="usa-intro">{t('careerfair.list.lead')}</p>
      {fairs.length === 0 ? (
        <p>{t('careerfair.list.none')}</p>
      ) : (
        <ul>
          {fairs.map((f) => (
            <li>
              <a href={localePath(c.var.locale, `/events/${f.slug}/fair`)}>{pickText(f.title, c.var.locale)}</a> —{' '}
              {formatDateTime(c.var.locale, f.startsAt, f.timeZone)}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

careerfairPages.get('/events/:slug/fair', allow('public'), async (c) => {
  const t = tr(c);
  const e = await visibleFair(c);
  const booths = await listBooths(c.var.db, e.id);
  const viewer = c.var.viewer;
  const mine = viewer ? await attendeeFor(c.var.db, e.id, viewer.id) : undefined;
  const organizer = canOrganizeFair(viewer, e);
  const partner = partnerScopes(viewer).length > 0;
  const title = fairTitle(c, e);
  return page(
    c,
    { title: t('careerfair.fair.title', { title }), description: t('careerfair.fair.lead') },
    <>
      <h1>{t('careerfair.fair.title', { title })}</h1>
      <p class="usa-intro">{t('careerfair.fair.lead')}</p>
      <p>
        {formatDateTime(c.var.locale, e.startsAt, e.timeZone)} ·{' '}
        <a href={localePath(c.var.locale, `/events/${e.slug}`)}>{t('careerfair.fair.event')}</a>
      </p>
      <p>
        {t('careerfair.fair.registered', {
          count: shownCount(await registeredCount(c.var.db, e.id), c.var.locale, c.var.deps.config.SUPPRESSION_THRESHOLD),
        })}
      </p>
      <ul class="usa-button-group">
        <li class="usa-button-group__item">
          {mine ? (
            <a class="usa-button" href={fairPath(c, e, '/pass')}>
              {t('careerfair.fair.myPass')}
            </a>
          ) : (
            <a class="usa-button" href={fairPath(c, e, '/register')}>
              {t('careerfair.fair.register')}
            </a>
          )}
        </li>
        {(partner || organizer) && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={fairPath(c, e, '/booth')}>
              {t('careerfair.fair.addBooth')}
            </a>
          </li>
        )}
        {organizer && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={fairPath(c, e, '/manage')}>
              {t('careerfair.fair.manage')}
            </a>
          </li>
        )}
      </ul>
      {booths.length === 0 ? (
        <p>{t('careerfair.fair.noBooths')}</p>
      ) : (
        <ul class="usa-card-group">
          {booths.map((b) => (
            <BoothCard c={c} b={b} e={e} actions={canManageBooth(viewer, e, { id: b.agencyId, slug: b.agencySlug })} />
          ))}
        </ul>
      )}
    </>,
  );
});

function registerPage(c: Ctx, e: EventRow, values: Record<string, string>, errors: Record<string, string>, status: 200 | 409 | 422 = 200) {
  const t = tr(c);
  const title = fairTitle(c, e);
  const viewer = c.var.viewer;
  return page(
    c,
    { title: t('careerfair.register.title', { title }), index: false },
    <>
      <h1>{t('careerfair.register.title', { title })}</h1>
      <p>{t('careerfair.register.lead')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      {errors._form && <Alert type="error">{errors._form}</Alert>}
      <form method="post" action={fairPath(c, e, '/register')} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        {viewer ? (
          <p>{t('careerfair.register.signedInAs', { name: viewer.fullName, email: viewer.email })}</p>
        ) : (
          <>
            <TextField name="name" label={t('careerfair.register.name')} value={values.name} error={errors.name} autocomplete="name" />
            <TextField
              name="email"
              type="email"
              label={t('careerfair.register.email')}
              value={values.email}
              error={errors.email}
              autocomplete="email"
            />
          </>
        )}
        <TextField
          name="resumeUrl"
          type="url"
          label={t('careerfair.register.resume')}
          hint={t('careerfair.register.resumeHint')}
          value={values.resumeUrl}
          error={errors.resumeUrl}
        />
        <TextArea
          name="interests"
          label={t('careerfair.register.interests')}
          value={values.interests}
          error={errors.interests}
          rows={3}
          maxlength={500}
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('careerfair.register.consentLegend')}</legend>
          <Checkbox
            name="consent"
            value="yes"
            checked={values.consent === 'yes'}
            label={t('careerfair.register.consent')}
            hint={t('careerfair.register.consentHint')}
          />
        </fieldset>
        <Button>{t('careerfair.register.submit')}</Button>
      </form>
    </>,
    status,
  );
}

careerfairPages.get('/events/:slug/fair/register', allow('public'), async (c) => registerPage(c, await visibleFair(c), {}, {}));

careerfairPages.post('/events/:slug/fair/register', allow('public'), async (c) => {
  const e = await visibleFair(c);
  await rsvpRateLimit(c, e.id);
  const values = await form(c);
  const viewer = c.var.viewer;
  const parsed = registrationInput.safeParse({
    name: viewer ? viewer.fullName : (values.name ?? ''),
    email: viewer ? viewer.email : (values.email ?? ''),
    language: viewer ? viewer.language : c.var.locale,
    consent: values.consent === 'yes',
    resumeUrl: values.resumeUrl,
    interests: values.interests,
  });
  if (!parsed.success) return registerPage(c, e, values, errorMessages(c, parsed.error, careerfairMessages), 422);
  try {
    const { attendee, consentRequested } = await registerAndSendPass(c.var.db, e, parsed.data, { trusted: !!viewer });
    // The pass link manages the pass (and consent): only the address's owner gets it, by email.
    if (!viewer) {
      const t = tr(c);
      // The same answer for a new and a returning address, so the page never tells who registered.
      const [title, hint] = ['careerfair.register.checkEmail', 'careerfair.register.checkEmailHint'] as const;
      return page(
        c,
        { title: t(title), index: false },
        <>
          <h1>{t(title)}</h1>
          <p>{t(hint)}</p>
          {consentRequested && <p>{t('careerfair.register.consentPending')}</p>}
        </>,
      );
    }
    const token = await passToken(c.var.deps.secret, attendee.id);
    return c.redirect(localePath(c.var.locale, `/events/fair-pass/${token}?done=1`), 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422)) {
      const key = err.messageKey;
      return registerPage(c, e, values, { _form: translateKey(c, key, undefined, eventsMessages) }, 409);
    }
    throw err;
  }
});
