import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, Pager } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { EVENT_LINK_GRACE_DAYS, eventLinkExpired, verifyLink } from '../../../platform/auth/tokens';
import QRCode from 'qrcode';
import { rsvpRateLimit } from '../permissions';
import { canManageEvent, canSeeEvent } from '../permissions';
import { EVENT_FORMATS, type EventRow } from '../schema';
import {
  atomFeed,
  buildIcs,
  cancelRsvp,
  confirmRsvp,
  createRsvp,
  findRsvpFor,
  getEvent,
  getEventById,
  getRsvp,
  getSeries,
  getSeriesById,
  isTimeZone,
  listEvents,
  listSeries,
  manageUrl,
  pickText,
  rejoinRsvp,
  rsvpClosedReason,
  rsvpInput,
  unflatten,
  waitlistPosition,
} from '../service';
import type { EventsHooks } from '../service/hooks';
import { jobsForEventPage } from '../service/promotions';
import { EventCard, EventPage, Local, When } from '../views/public';
import { eventHead } from '../views/head';
import { offsetParam } from '../../../platform/http/query';
import { eventsMessages, tr } from '../messages';

/** The routes that read nothing from other modules; `createPublicPages` adds the rest. */
const eventsPages = new Hono<AppEnv>();

const viewerZone = (c: Ctx) => {
  const z = getCookie(c, 'tz');
  return z && isTimeZone(z) ? z : null;
};

async function visible(c: Ctx, slug: string): Promise<EventRow> {
  const e = await getEvent(c.var.db, slug);
  if (!canSeeEvent(c.var.viewer, e)) throw notFound();
  return e;
}

eventsPages.get('/events', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const when = c.req.query('when') === 'past' ? 'past' : 'upcoming';
  const allSeries = await listSeries(c.var.db);
  const seriesSlug = c.req.query('series') ?? '';
  const series = allSeries.find((s) => s.slug === seriesSlug) ?? null;
  const fmt = (EVENT_FORMATS as readonly string[]).includes(c.req.query('format') ?? '')
    ? (c.req.query('format') as EventRow['format'])
    : null;
  const offset = offsetParam(c);
  const organizer = !!c.var.viewer && canManageEvent(c.var.viewer, { chapter: null });
  const { events, total } = await listEvents(c.var.db, {
    when,
    seriesId: series?.id,
    format: fmt,
    limit: 20,
    offset,
    includeDrafts: organizer,
  });
  const qs = (o: number) => `?when=${when}&series=${encodeURIComponent(seriesSlug)}&format=${fmt ?? ''}&offset=${o}`;
  return page(
    c,
    {
      title: t('events.list.title'),
      description: t('events.list.lead'),
      head: (
        <>
          <link rel="alternate" type="application/atom+xml" title={t('events.feed.title')} href={localePath(l, '/events/feed.xml')} />
          <link rel="alternate" type="text/calendar" title={t('events.feed.calendar')} href="/events/calendar.ics" />
        </>
      ),
    },
    <>
      <h1>{t('events.list.title')}</h1>
      <p class="pw-lead">{t('events.list.lead')}</p>
      <nav aria-label={t('events.list.when')} class="pw-actions">
        <a href={localePath(l, '/events')} aria-current={when === 'upcoming' ? 'page' : undefined}>
          {t('events.list.upcoming')}
        </a>
        <a href={`${localePath(l, '/events')}?when=past`} aria-current={when === 'past' ? 'page' : undefined}>
          {t('events.list.past')}
        </a>
      </nav>
      <form method="get" action={localePath(l, '/events')} class="usa-form pw-filters">
        <input type="hidden" name="when" value={when} />
        <label class="usa-label" for="filter-series">
          {t('events.list.series')}
        </label>
        <select class="usa-select" id="filter-series" name="series">
          <option value="">{t('events.list.allSeries')}</option>
          {allSeries.map((s) => (
            <option value={s.slug} selected={s.slug === seriesSlug}>
              {pickText(s.title, l)}
            </option>
          ))}
        </select>
        <label class="usa-label" for="filter-format">
          {t('events.format')}
        </label>
        <select class="usa-select" id="filter-format" name="format">
          <option value="">{t('events.list.allFormats')}</option>
          {EVENT_FORMATS.map((f) => (
            <option value={f} selected={f === fmt}>
              {t(`events.format.${f}`)}
            </option>
          ))}
        </select>
        <Button variant="secondary">{t('events.list.filter')}</Button>
      </form>
      <h2>{when === 'past' ? t('events.list.past') : t('events.list.upcoming')}</h2>
      {events.length === 0 ? (
        <p>{t('events.list.none')}</p>
      ) : (
        <ul class="pw-grid">
          {events.map((e) => (
            <EventCard c={c} e={e} />
          ))}
        </ul>
      )}
      <Pager t={c.var.t} total={total} offset={offset} limit={20} href={(o) => `${localePath(l, '/events')}${qs(o)}`} />
      <p class="pw-actions">
        <a href={localePath(l, '/events/feed.xml')}>{t('events.feed.title')}</a>
        <a href="/events/calendar.ics">{t('events.feed.calendar')}</a>
        {organizer && <a href={localePath(l, '/events/new')}>{t('events.new')}</a>}
        {organizer && <a href={localePath(l, '/events/series/new')}>{t('events.series.new')}</a>}
      </p>
    </>,
  );
});

eventsPages.get('/events/feed.xml', allow('public'), async (c) => {
  const l = c.var.locale;
  const base = c.var.deps.config.baseUrl;
  const { events } = await listEvents(c.var.db, { when: 'all', limit: 50, offset: 0 });
  events.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  const xml = atomFeed(events, {
    locale: l,
    baseUrl: base,
    title: tr(c)('events.feed.title'),
    selfUrl: base + localePath(l, '/events/feed.xml'),
    formatWhen: (e) => formatDateTime(l, e.startsAt, e.timeZone),
  });
  return feedBody(c, xml, 'application/atom+xml; charset=utf-8');
});

/** Feeds are polled by calendar and feed readers: answer 304 when nothing changed. */
function feedBody(c: Ctx, body: string, type: string) {
  // DTSTAMP changes every second; the tag covers the content without it.
  const etag = `"${crypto
    .createHash('sha256')
    .update(body.replace(/^DTSTAMP:.*$/gm, ''))
    .digest('base64url')
    .slice(0, 27)}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'public, max-age=300');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': type });
}

async function icsFeed(c: Ctx, list: EventRow[], name: string) {
  const body = buildIcs(
    list.filter((e) => e.status !== 'draft'),
    { locale: c.var.locale, baseUrl: c.var.deps.config.baseUrl, method: 'PUBLISH', name },
  );
  c.header('Content-Disposition', 'inline; filename="events.ics"');
  return feedBody(c, body, 'text/calendar; charset=utf-8');
}

eventsPages.get('/events/calendar.ics', allow('public'), async (c) => {
  const { events } = await listEvents(c.var.db, { when: 'all', limit: 500, offset: 0 });
  return icsFeed(c, events, tr(c)('events.feed.calendarName'));
});

eventsPages.get('/events/series/:slug/calendar.ics', allow('public'), async (c) => {
  const s = await getSeries(c.var.db, c.req.param('slug'));
  const { events } = await listEvents(c.var.db, { when: 'all', seriesId: s.id, limit: 500, offset: 0 });
  return icsFeed(c, events, pickText(s.title, c.var.locale));
});

eventsPages.get('/events/series/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const s = await getSeries(c.var.db, c.req.param('slug'));
  const upcoming = await listEvents(c.var.db, { when: 'upcoming', seriesId: s.id, limit: 50, offset: 0 });
  const past = await listEvents(c.var.db, { when: 'past', seriesId: s.id, limit: 50, offset: 0 });
  const base = c.var.deps.config.baseUrl;
  const ics = `${base}/events/series/${s.slug}/calendar.ics`;
  return page(
    c,
    {
      title: pickText(s.title, l),
      description: pickText(s.description, l) || undefined,
      head: <link rel="alternate" type="text/calendar" href={ics} />,
    },
    <>
      <h1>
        <Local c={c} text={s.title} />
      </h1>
      <Local c={c} text={s.description} as="p" />
      <p class="pw-actions">
        <a class="usa-button usa-button--outline" href={ics.replace(/^https?:/, 'webcal:')}>
          {t('events.series.subscribe')}
        </a>
        <a href={ics}>{t('events.series.ics')}</a>
      </p>
      <h2>{t('events.list.upcoming')}</h2>
      {upcoming.events.length === 0 ? (
        <p>{t('events.list.none')}</p>
      ) : (
        <ul class="pw-grid">
          {upcoming.events.map((e) => (
            <EventCard c={c} e={e} />
          ))}
        </ul>
      )}
      <h2>{t('events.list.past')}</h2>
      {past.events.length === 0 ? (
        <p>{t('events.list.none')}</p>
      ) : (
        <ul class="pw-grid">
          {past.events.map((e) => (
            <EventCard c={c} e={e} />
          ))}
        </ul>
      )}
    </>,
  );
});

async function manageTarget(c: Ctx) {
  const claims = await verifyLink<{ r: string }>(c.var.deps.secret, 'rsvp', c.req.param('token') ?? '');
  if (!claims) throw new AppError('invalid_link', 404, 'events.manage.badLink');
  const r = await getRsvp(c.var.db, claims.r);
  const e = await getEventById(c.var.db, r.eventId);
  if (eventLinkExpired(e.endsAt)) throw new AppError('link_expired', 410, 'events.manage.expired', { days: String(EVENT_LINK_GRACE_DAYS) });
  return { r, e };
}

eventsPages.get('/events/manage/:token', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const { r, e } = await manageTarget(c);
  const seat = r.status === 'going' || r.status === 'walkin';
  const qr = seat ? await QRCode.toString(r.ticketCode, { type: 'svg', margin: 2, width: 240 }) : '';
  const position = await waitlistPosition(c.var.db, r);
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
        <form method="post" action={localePath(l, `/events/manage/${c.req.param('token')}/cancel`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <p>{t('events.manage.cancelHint')}</p>
          <Button variant="secondary">{t('events.manage.cancel')}</Button>
        </form>
      )}
    </>,
  );
});

// Following the emailed link proves the address, so confirming and coming back after a cancel live
// on the manage page. POSTs, because mail scanners open links.
eventsPages.post('/events/manage/:token/confirm', allow('public'), async (c) => {
  const { r } = await manageTarget(c);
  await confirmRsvp(c.var.db, r.id);
  return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}?done=1`), 303);
});

eventsPages.post('/events/manage/:token/rejoin', allow('public'), async (c) => {
  const { r } = await manageTarget(c);
  await rejoinRsvp(c.var.db, r.id);
  return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}?done=1`), 303);
});

eventsPages.post('/events/manage/:token/cancel', allow('public'), async (c) => {
  const { r } = await manageTarget(c);
  await cancelRsvp(c.var.db, r.id);
  return c.redirect(localePath(c.var.locale, `/events/manage/${c.req.param('token')}`), 303);
});

eventsPages.get('/events/:slug/event.ics', allow('public'), async (c) => {
  const e = await visible(c, c.req.param('slug'));
  return c.body(buildIcs([e], { locale: c.var.locale, baseUrl: c.var.deps.config.baseUrl, method: 'PUBLISH' }), 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${e.slug}.ics"`,
  });
});

async function renderEvent(
  c: Ctx,
  hooks: EventsHooks,
  e: EventRow,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 422 | 409 = 200,
) {
  const series = await getSeriesById(c.var.db, e.seriesId);
  const mine = c.var.viewer ? ((await findRsvpFor(c.var.db, e.id, c.var.viewer.id)) ?? null) : null;
  // Read only: a worker schedule counts the jobs event pages list (recordEventPageJobs).
  const jobs = await jobsForEventPage(c.var.deps, hooks, e, c.var.locale);
  return page(
    c,
    {
      title: pickText(e.title, c.var.locale),
      description: pickText(e.summary, c.var.locale) || undefined,
      head: eventHead(c, e),
      index: e.status !== 'draft',
      scripts: ['events.js'],
    },
    <EventPage
      c={c}
      e={e}
      series={series}
      mine={mine}
      jobs={jobs}
      canManage={canManageEvent(c.var.viewer, e)}
      values={values}
      errors={errors}
      viewerZone={viewerZone(c)}
      closed={rsvpClosedReason(e)}
    />,
    status,
  );
}

const postRsvp = (hooks: EventsHooks) => async (c: Context<AppEnv, '/events/:slug/rsvp'>) => {
  const e = await visible(c, c.req.param('slug'));
  await rsvpRateLimit(c, e.id);
  const values = await form(c);
  const nested = unflatten(values) as { answers?: Record<string, string> };
  const viewer = c.var.viewer;
  const parsed = rsvpInput.safeParse({
    name: viewer ? viewer.fullName : (values.name ?? ''),
    email: viewer ? viewer.email : (values.email ?? ''),
    language: viewer ? viewer.language : c.var.locale,
    answers: nested.answers ?? {},
    accessibilityNeeds: values.accessibilityNeeds,
  });
  if (!parsed.success) return renderEvent(c, hooks, e, values, errorMessages(c, parsed.error, eventsMessages), 422);
  try {
    // Signed in, the address is the viewer's own; otherwise it may be anyone's, so new and repeated
    // RSVPs get the same page and the details go only to the address (decision 0011).
    const r = await createRsvp(c.var.db, e, parsed.data, { source: 'web', owner: !!viewer });
    if (!viewer) {
      const t = tr(c);
      return page(
        c,
        { title: t('events.rsvp.sent.title'), index: false },
        <>
          <h1>{t('events.rsvp.sent.title')}</h1>
          <p>{t('events.rsvp.sent.body', { email: parsed.data.email })}</p>
        </>,
      );
    }
    const url = new URL(await manageUrl(c.var.deps, { id: r.rsvp.id, language: c.var.locale }));
    return c.redirect(`${url.pathname}?done=1`, 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) {
      const errors = errorMessages(c, err.fields, eventsMessages);
      return renderEvent(c, hooks, e, values, errors, 422);
    }
    throw err;
  }
};

/** The events pages, given what they read from other modules (see `EventsHooks`). */
export function createPublicPages(hooks: EventsHooks): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  pages.route('/', eventsPages);
  pages.get('/events/:slug', allow('public'), async (c) => renderEvent(c, hooks, await visible(c, c.req.param('slug')), {}, {}));
  pages.post('/events/:slug/rsvp', allow('public'), postRsvp(hooks));
  return pages;
}
