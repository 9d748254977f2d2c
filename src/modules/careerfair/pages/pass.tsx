import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import { EVENT_LINK_GRACE_DAYS, eventLinkExpired } from '../../../platform/auth/tokens';
import { type EventRow, getEventById } from '../../events';
import type { FairAttendee } from '../schema';
import { attendeeFor, attendeeFromToken, getAttendee, hasConsent, passToken, setConsent } from '../service';
import { fairPath, fairTitle } from '../views/shared';
import { tr } from '../messages';
import { visibleFair } from './public';

export const passPages = new Hono<AppEnv>();

passPages.get('/events/:slug/fair/pass', allow('signedIn'), async (c) => {
  const e = await visibleFair(c);
  const mine = await attendeeFor(c.var.db, e.id, c.var.viewer!.id);
  if (!mine) return c.redirect(fairPath(c, e, '/register'), 303);
  return c.redirect(localePath(c.var.locale, `/events/fair-pass/${await passToken(c.var.deps.secret, mine.id)}`), 303);
});

async function passTarget(c: Ctx): Promise<{ a: FairAttendee; e: EventRow }> {
  const id = await attendeeFromToken(c.var.deps.secret, c.req.param('token') ?? '');
  if (!id) throw new AppError('invalid_link', 404, 'careerfair.pass.badLink');
  const a = await getAttendee(c.var.db, id);
  const e = await getEventById(c.var.db, a.eventId);
  if (eventLinkExpired(e.endsAt))
    throw new AppError('link_expired', 410, 'careerfair.pass.expired', { days: String(EVENT_LINK_GRACE_DAYS) });
  return { a, e };
}

passPages.get('/events/fair-pass/:token', allow('public'), async (c) => {
  const t = tr(c);
  const { a, e } = await passTarget(c);
  const token = c.req.param('token');
  // Staff scan the QR code: it carries the pass code, which connects but cannot manage the pass.
  const qr = await QRCode.toString(a.passCode, { type: 'svg', margin: 2, width: 260, errorCorrectionLevel: 'L' });
  const consent = hasConsent(a);
  const done = c.req.query('done');
  return page(
    c,
    { title: t('careerfair.pass.title'), index: false },
    <>
      <h1>{t('careerfair.pass.title')}</h1>
      {done === '1' && <Alert type="success">{t('careerfair.pass.done')}</Alert>}
      {done === 'withdrawn' && <Alert type="success">{t('careerfair.pass.withdrawn')}</Alert>}
      {done === 'given' && <Alert type="success">{t('careerfair.pass.given')}</Alert>}
      <h2>
        <a href={fairPath(c, e)}>{fairTitle(c, e)}</a>
      </h2>
      <p>{formatDateTime(c.var.locale, e.startsAt, e.timeZone)}</p>
      <p>
        <strong>{a.name}</strong>
      </p>
      <p>{t('careerfair.pass.show')}</p>
      <figure
        role="img"
        aria-label={t('careerfair.pass.qrAlt', { code: a.passCode })}
        class="pw-qr"
        dangerouslySetInnerHTML={{ __html: qr.replace(/<svg /, '<svg aria-hidden="true" focusable="false" ') }}
      ></figure>
      <p>
        {t('careerfair.pass.code')}: <span class="pw-code">{a.passCode}</span>
      </p>
      <h2>{t('careerfair.register.consentLegend')}</h2>
      <p>{consent ? t('careerfair.pass.consentOn') : t('careerfair.pass.consentOff')}</p>
      <form method="post" action={localePath(c.var.locale, `/events/fair-pass/${token}/consent`)} class="usa-form">
        <Csrf token={c.var.csrfToken} />
        {consent ? (
          <>
            <p>{t('careerfair.pass.withdrawHint')}</p>
            <Button variant="secondary" name="consent" value="withdraw">
              {t('careerfair.pass.withdraw')}
            </Button>
          </>
        ) : (
          <>
            <p>{t('careerfair.pass.giveHint')}</p>
            <Button variant="outline" name="consent" value="give">
              {t('careerfair.pass.give')}
            </Button>
          </>
        )}
      </form>
      <p>
        <a href={fairPath(c, e)}>{t('careerfair.pass.booths')}</a>
      </p>
    </>,
  );
});

passPages.post('/events/fair-pass/:token/consent', allow('public'), async (c) => {
  const { a } = await passTarget(c);
  const give = (await form(c)).consent === 'give';
  await setConsent(c.var.db, a.id, give);
  return c.redirect(localePath(c.var.locale, `/events/fair-pass/${c.req.param('token')}?done=${give ? 'given' : 'withdrawn'}`), 303);
});
