import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import QRCode from 'qrcode';
import { cancelRsvp, confirmRsvp, pickText, rejoinRsvp, rsvpClosedReason, waitlistPosition } from '../service';
import { confirmPage } from '../../../platform/ui/confirm';
import { Local, When } from '../views/public';
import { tr } from '../messages';
import { manageTarget } from './public';
import { viewerZone } from './viewer';
import type { EventsHooks } from '../service/hooks';

const rsvpManagePages = new Hono<AppEnv>();

/** The ticket page; other modules add links to it through hooks (small groups: "your table"). */
async function managePage(c: Ctx, hooks: EventsHooks) {
  const t = tr(c);
  const l = c.var.locale;
  const { r, e } = await manageTarget(c);
  const seat = r.status === 'going' || r.status === 'walkin';
  const qr = seat ? await QRCode.toString(r.ticketCode, { type: 'svg', margin: 2, width: 240 }) : '';
  const position = await waitlistPosition(c.var.db, r);
  const links =
    seat && r.email && hooks.groups
      ? await hooks.groups.yourTableLinks(c.var.db, {
          eventId: e.id,
          email: r.email,
          locale: l,
          baseUrl: c.var.deps.config.baseUrl,
          secret: c.var.deps.secret,
        })
      : [];
  return page(
    c,
    { title: t('events.manage.title'), index: false },
    <>
      <h1>{t('events.manage.title')}</h1>
      {c.req.query('done') === '1' && <Alert type="success">{t(`events.rsvp.done.${r.status}`, { position: position ?? 0 })}</Alert>}
      <h2>
        <a href={localePath(l, `/events/${e.slug}`)}>
          <Local c={c} text={e.title} />
        </a>
      </h2>
      <p>
        <When c={c} e={e} viewerZone={viewerZone(c)} />
      </p>
      <p>
        <strong>{t('events.manage.status')}:</strong>{' '}
        {r.status === 'pending' && r.unconfirmed ? t('events.manage.unconfirmed') : t(`events.status.${r.status}`)}
        {position ? ` — ${t('events.manage.position', { position })}` : ''}
      </p>
      {seat && (
        <section aria-labelledby="ticket-heading">
          <h2 id="ticket-heading">{t('events.ticket.title')}</h2>
          <figure
            role="img"
            aria-label={t('events.ticket.qrAlt', { code: r.ticketCode })}
            class="pw-qr"
            dangerouslySetInnerHTML={{ __html: qr.replace(/<svg /, '<svg aria-hidden="true" focusable="false" ') }}
          ></figure>
          <p>
            {t('events.ticket.code')}: <span class="pw-code">{r.ticketCode}</span>
          </p>
          {links.map((link) => (
            <p>
              <a href={link.url}>{link.label}</a>
            </p>
          ))}
        </section>
      )}
      {r.status === 'pending' && r.unconfirmed && (
        <form method="post" action={localePath(l, `/events/manage/${c.req.param('token')}/confirm`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <p>{t('events.manage.confirmHint')}</p>
          <Button>{t('events.manage.confirm')}</Button>
        </form>
      )}
      {r.status === 'cancelled' && !rsvpClosedReason(e) && (
        <form method="post" action={localePath(l, `/events/manage/${c.req.param('token')}/rejoin`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <p>{t('events.manage.rejoinHint')}</p>
          <Button>{t('events.manage.rejoin')}</Button>
        </form>
      )}
      {['going', 'waitlist', 'pending'].includes(r.status) && (
        <div>
          <p>{t('events.manage.cancelHint')}</p>
          <p>
            <a class="usa-button usa-button--secondary" href={localePath(l, `/events/manage/${c.req.param('token')}/cancel`)}>
              {t('events.manage.cancel')}
            </a>
          </p>
        </div>
      )}
    </>,
  );
}

export function createRsvpManagePages(hooks: EventsHooks): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/events/manage/:token', allow('public'), (c) => managePage(c, hooks))
    .post('/events/manage/:token/cancel', allow('public'), async (c) => {
      const { r } = await manageTarget(c);
      await cancelRsvp(c.var.db, r.id, hooks.registration?.released);
      return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}`), 303);
    })
    .route('/', rsvpManagePages);
}

// Following the emailed link proves the address, so confirming and coming back after a cancel live
// on the manage page. POSTs, because mail scanners open links.
rsvpManagePages.post('/events/manage/:token/confirm', allow('public'), async (c) => {
  const { r } = await manageTarget(c);
  await confirmRsvp(c.var.db, r.id);
  return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}?done=1`), 303);
});

rsvpManagePages.post('/events/manage/:token/rejoin', allow('public'), async (c) => {
  const { r } = await manageTarget(c);
  await rejoinRsvp(c.var.db, r.id);
  return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}?done=1`), 303);
});

// Asked once more before the seat goes (it may go to someone on the waitlist at once).
rsvpManagePages.get('/events/manage/:token/cancel', allow('public'), async (c) => {
  const { e } = await manageTarget(c);
  const t = tr(c);
  const back = localePath(c.var.locale, `/events/manage/${c.req.param('token')}`);
  return confirmPage(c, {
    question: t('events.manage.cancelQuestion', { title: pickText(e.title, c.var.locale) }),
    detail: t('events.manage.cancelHint'),
    action: localePath(c.var.locale, `/events/manage/${c.req.param('token')}/cancel`),
    confirm: t('events.manage.cancelYes'),
    back: { label: t('events.manage.cancelNo'), href: back },
    danger: true,
  });
});
