import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { Viewer } from '../../../platform/http/context';
import type { Db } from '../../../db/client';
import { allow } from '../../../platform/auth/middleware';
import { organizerScopes, hasRole } from '../../../platform/auth/roles';
import { localePath, type Locale } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Button, Pager } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { offsetParam } from '../../../platform/http/query';
import { chapterEvents, CHAPTER_VIEWS, pickText, utcToZoned, type ChapterEvent, type ChapterView } from '../service';
import { eventsMessages, tr } from '../messages';

const PAGE = 25;

/** Happening today in its own time zone, or under way: the door check-in is what the organizer needs. */
function isToday(e: ChapterEvent['event'], now: Date): boolean {
  if (e.startsAt <= now && now <= e.endsAt) return true;
  return utcToZoned(e.startsAt, e.timeZone).slice(0, 10) === utcToZoned(now, e.timeZone).slice(0, 10);
}

/** The organizer home's boxes for events: upcoming events with their counts, and drafts. */
export async function eventsOrganizePanels(db: Db, q: { viewer: Viewer; locale: Locale; now: Date }) {
  if (!hasRole(q.viewer, 'organizer')) return [];
  const t = eventsMessages.for(q.locale);
  const chapters = organizerScopes(q.viewer);
  const [upcoming, drafts] = await Promise.all([
    chapterEvents(db, { chapters, view: 'upcoming', limit: 5, now: q.now }),
    chapterEvents(db, { chapters, view: 'drafts', limit: 5, now: q.now }),
  ]);
  const item = (x: ChapterEvent, counts: boolean) => ({
    label: pickText(x.event.title, q.locale),
    href: counts ? `/events/${x.event.slug}/attendees` : `/events/${x.event.slug}/edit`,
    detail: counts
      ? `${formatDateTime(q.locale, x.event.startsAt, x.event.timeZone)} · ${t('events.organize.counts', { going: x.going, waitlist: x.waitlist, checkedIn: x.checkedIn })}`
      : formatDateTime(q.locale, x.event.startsAt, x.event.timeZone),
    links: counts && isToday(x.event, q.now) ? [{ label: t('events.checkin.title'), href: `/events/${x.event.slug}/checkin` }] : [],
  });
  return [
    {
      heading: t('events.list.upcoming'),
      items: upcoming.events.map((x) => item(x, true)),
      empty: t('events.list.none'),
      more: { label: t('events.organize.all', { count: upcoming.total }), href: '/organize/events' },
      actions: [{ label: t('events.new'), href: '/events/new' }],
    },
    {
      heading: t('events.organize.drafts'),
      items: drafts.events.map((x) => item(x, false)),
      empty: t('events.organize.noDrafts'),
    },
  ];
}

export const organizeEventsPages = new Hono<AppEnv>();

/** Every event the organizer runs, upcoming, past, drafts and cancelled, with counts, searchable. */
organizeEventsPages.get('/organize/events', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const asked = c.req.query('view') ?? '';
  const view: ChapterView = (CHAPTER_VIEWS as readonly string[]).includes(asked) ? (asked as ChapterView) : 'upcoming';
  const q = (c.req.query('q') ?? '').slice(0, 200);
  const offset = offsetParam(c);
  const { events, total } = await chapterEvents(c.var.db, { chapters: organizerScopes(c.var.viewer), view, q, limit: PAGE, offset });
  const here = localePath(l, '/organize/events');
  const qs = (v: ChapterView, o = 0) => `?view=${v}${q ? `&q=${encodeURIComponent(q)}` : ''}${o ? `&offset=${o}` : ''}`;
  const title = t('events.organize.title');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p class="pw-actions">
        <a class="usa-button" href={localePath(l, '/events/new')}>
          {t('events.new')}
        </a>
        <a class="usa-button usa-button--outline" href={localePath(l, '/events/series/new')}>
          {t('events.series.new')}
        </a>
      </p>
      <nav aria-label={t('events.organize.views')} class="pw-tabs">
        {CHAPTER_VIEWS.map((v) => (
          <a href={here + qs(v)} aria-current={v === view ? 'page' : undefined}>
            {t(`events.organize.view.${v}`)}
          </a>
        ))}
      </nav>
      <form method="get" action={here} class="usa-form pw-filters" role="search">
        <input type="hidden" name="view" value={view} />
        <label class="usa-label" for="organize-events-q">
          {t('events.organize.search')}
        </label>
        <input class="usa-input" type="search" id="organize-events-q" name="q" value={q} />
        <Button variant="outline">{t('events.list.filter')}</Button>
      </form>
      <DataTable
        caption={t(`events.organize.view.${view}`)}
        captionHidden
        rows={events}
        empty={t('events.list.none')}
        columns={[
          {
            label: t('events.organize.event'),
            rowHeader: true,
            cell: (x) => <a href={localePath(l, `/events/${x.event.slug}`)}>{pickText(x.event.title, l)}</a>,
          },
          { label: t('events.when'), cell: (x) => formatDateTime(l, x.event.startsAt, x.event.timeZone) },
          { label: t('events.organize.status'), cell: (x) => t(`events.eventStatus.${x.event.status}`) },
          { label: t('events.status.going'), numeric: true, cell: (x) => x.going },
          { label: t('events.status.waitlist'), numeric: true, cell: (x) => x.waitlist },
          { label: t('events.organize.checkedIn'), numeric: true, cell: (x) => x.checkedIn },
          {
            label: t('events.organize.actions'),
            labelHidden: true,
            cell: (x) => (
              <span class="pw-actions">
                <a href={localePath(l, `/events/${x.event.slug}/edit`)}>
                  {t('events.organize.edit')} <span class="pw-visually-hidden">{pickText(x.event.title, l)}</span>
                </a>
                <a href={localePath(l, `/events/${x.event.slug}/attendees`)}>
                  {t('events.attendees')} <span class="pw-visually-hidden">{pickText(x.event.title, l)}</span>
                </a>
                {isToday(x.event, new Date()) && x.event.status !== 'draft' && (
                  <a href={localePath(l, `/events/${x.event.slug}/checkin`)}>
                    {t('events.checkin.title')} <span class="pw-visually-hidden">{pickText(x.event.title, l)}</span>
                  </a>
                )}
              </span>
            ),
          },
        ]}
      />
      <Pager t={c.var.t} total={total} offset={offset} limit={PAGE} href={(o) => here + qs(view, o)} />
    </>,
  );
});
