import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Button, Pager } from '../../../platform/ui/components';
import { AppError, notFound } from '../../../platform/http/errors';
import { EVENT_LINK_GRACE_DAYS, eventLinkExpired, verifyLink } from '../../../platform/auth/tokens';
import { canManageEvent } from '../permissions';
import { EVENT_FORMATS, type EventRow } from '../schema';
import { atomFeed, buildIcs, getEventById, getRsvp, getSeries, imageFile, listEvents, listSeries, pickText } from '../service';
import type { EventsHooks } from '../service/hooks';
import { EventCard, Local } from '../views/public';
import { offsetParam } from '../../../platform/http/query';
import { tr } from '../messages';
import { eventIcsPages, postRsvp, renderEvent } from './event-page';
import { createRsvpManagePages } from './rsvp-manage';
import { visible } from './viewer';

/** The routes that read nothing from other modules; `createPublicPages` adds the rest. */
const eventsPages = new Hono<AppEnv>();

/**
 * A cover or speaker photo file. Its address holds the picture's content hash and a picture is never
 * changed (a new upload is a new key), so browsers and proxies keep it for a year without asking again;
 * every server sharing the database answers it (decision 52).
 */
eventsPages.get('/event-images/:key/:name', allow('public'), async (c) => {
  const key = c.req.param('key');
  const name = c.req.param('name');
  const file = await imageFile(c.var.db, key, name);
  if (!file) throw notFound();
  const etag = `"${key}-${name}"`;
  const headers = {
    'Content-Type': file.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
  };
  // The same bytes for every visitor and language: no Vary on the language or cookies.
  c.header('Vary', undefined);
  if ((c.req.header('if-none-match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.body), 200, { ...headers, 'Content-Length': String(file.body.length) });
});

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
        <Button variant="outline">{t('events.list.filter')}</Button>
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
        {organizer && <a href={localePath(l, '/organize/events')}>{t('events.organize.title')}</a>}
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
    author: 'Pathways',
    cancelledLabel: tr(c)('events.eventStatus.cancelled'),
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
    { locale: c.var.locale, baseUrl: c.var.deps.config.baseUrl, name },
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

export async function manageTarget(c: Ctx) {
  const claims = await verifyLink<{ r: string }>(c.var.deps.secret, 'rsvp', c.req.param('token') ?? '');
  if (!claims) throw new AppError('invalid_link', 404, 'events.manage.badLink');
  const r = await getRsvp(c.var.db, claims.r);
  const e = await getEventById(c.var.db, r.eventId);
  if (eventLinkExpired(e.endsAt)) throw new AppError('link_expired', 410, 'events.manage.expired', { days: String(EVENT_LINK_GRACE_DAYS) });
  return { r, e };
}

/** The events pages, given what they read from other modules (see `EventsHooks`). */
export function createPublicPages(hooks: EventsHooks): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  pages.route('/', eventsPages);
  pages.route('/', createRsvpManagePages(hooks));
  pages.route('/', eventIcsPages);
  pages.get('/events/:slug', allow('public'), async (c) => renderEvent(c, hooks, await visible(c, c.req.param('slug')), {}, {}));
  pages.post('/events/:slug/rsvp', allow('public'), postRsvp(hooks));
  return pages;
}
