import ical, { ICalCalendarMethod, ICalEventStatus, ICalAttendeeStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafe } from '../../../platform/http/xml';
import type { Locale } from '../../../platform/i18n';
import { hrefOf, urlWithQuery } from '../../../platform/http/urls';
import type { EventRow, RsvpRow, Venue } from '../schema';
import { pickText, utcToZoned } from './text';
import { keptResults } from '../../../platform/kept';

/** ical-generator reads the wall-clock fields of a Date when a zone is given: build exactly those. */
function wallClock(date: Date, timeZone: string): Date {
  const [d, t] = utcToZoned(date, timeZone).split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [h, min] = t.split(':').map(Number);
  return new Date(y, m - 1, day, h, min);
}

const eventUid = (e: Pick<EventRow, 'id'>, host: string) => `event-${e.id}@${host}`;

export function eventUrl(baseUrl: string, locale: Locale, slug: string): string {
  return `${baseUrl}${locale === 'es' ? '/es' : ''}/events/${slug}`;
}

function location(e: EventRow): string | null {
  if (e.format === 'online') return e.livestreamUrl ?? null;
  return [e.venue.name, e.venue.address].filter(Boolean).join(', ') || null;
}

/**
 * One iCalendar file. Invites carry METHOD:REQUEST (or CANCEL), the event's stable UID and its
 * SEQUENCE, and a VTIMEZONE for the event's zone so calendars show the right local time. Feeds and
 * downloads carry no METHOD: RFC 5546 would require an ORGANIZER for PUBLISH, and a plain RFC 5545
 * calendar is what subscribing clients expect. Every file ends with CRLF, like each of its lines.
 */
export function buildIcs(
  list: EventRow[],
  opts: {
    locale: Locale;
    baseUrl: string;
    method?: 'REQUEST' | 'CANCEL';
    name?: string;
    organizer?: { name: string; email: string };
    attendee?: Pick<RsvpRow, 'name' | 'email' | 'status'>;
  },
): string {
  const host = new URL(opts.baseUrl).hostname;
  const cal = ical({
    prodId: { company: 'Pathways', product: 'Events', language: opts.locale.toUpperCase() },
    method: opts.method ? ICalCalendarMethod[opts.method] : undefined,
    name: opts.name,
  });
  cal.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] });
  for (const e of list) {
    const url = eventUrl(opts.baseUrl, opts.locale, e.slug);
    const cancelled = opts.method === 'CANCEL' || e.status === 'cancelled';
    const ev = cal.createEvent({
      id: eventUid(e, host),
      sequence: e.sequence,
      start: wallClock(e.startsAt, e.timeZone),
      end: wallClock(e.endsAt, e.timeZone),
      timezone: e.timeZone,
      summary: pickText(e.title, opts.locale),
      description: [pickText(e.summary, opts.locale), url].filter(Boolean).join('\n\n'),
      location: location(e),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : e.status === 'postponed' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      organizer: opts.organizer,
      stamp: new Date(),
    });
    if (opts.attendee?.email) {
      ev.createAttendee({
        email: opts.attendee.email,
        name: opts.attendee.name,
        status: opts.attendee.status === 'going' ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.TENTATIVE,
      });
    }
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** One meeting that is not an event (a program's booked slot, a session): the same invite rules as `buildIcs`. */
export interface InviteItem {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string;
}

/**
 * An invite for one meeting: METHOD:REQUEST (or CANCEL) with its stable UID and SEQUENCE, every
 * attendee listed, and the VTIMEZONE of its zone, so each calendar shows its reader's own time.
 */
export function buildInviteIcs(
  item: InviteItem,
  opts: {
    locale: Locale;
    method: 'REQUEST' | 'CANCEL';
    organizer?: { name: string; email: string };
    attendees: { name: string; email: string }[];
  },
): string {
  const cal = ical({
    prodId: { company: 'Pathways', product: 'Programs', language: opts.locale.toUpperCase() },
    method: ICalCalendarMethod[opts.method],
  });
  cal.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] });
  const ev = cal.createEvent({
    id: item.uid,
    sequence: item.sequence,
    start: wallClock(item.startsAt, item.timeZone),
    end: wallClock(item.endsAt, item.timeZone),
    timezone: item.timeZone,
    summary: item.summary,
    description: item.description,
    location: item.location ?? null,
    url: item.url,
    status: opts.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: opts.organizer,
    stamp: new Date(),
  });
  for (const a of opts.attendees) ev.createAttendee({ email: a.email, name: a.name, status: ICalAttendeeStatus.ACCEPTED });
  return cal.toString();
}

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const linksKept = keptResults<{ google: string; outlook: string }>({
  entries: 1000,
  chars: 4_000_000,
  charsOf: (key, v) => key.length + v.google.length + v.outlook.length,
});

/**
 * "Add to calendar" links for Google and Outlook; Apple uses the .ics file. Every view of an event
 * page shows them: the two addresses are kept by everything they are made of.
 */
export function calendarLinks(e: EventRow, locale: Locale, baseUrl: string) {
  const title = pickText(e.title, locale);
  const details = `${pickText(e.summary, locale)}\n\n${eventUrl(baseUrl, locale, e.slug)}`.trim();
  const where = location(e) ?? '';
  const key = [title, details, where, e.startsAt.getTime(), e.endsAt.getTime(), e.timeZone].join('\u0000');
  const { google, outlook } = linksKept(key, () => ({
    google: urlWithQuery('https://calendar.google.com/calendar/render', {
      action: 'TEMPLATE',
      text: title,
      dates: `${compact(e.startsAt)}/${compact(e.endsAt)}`,
      details,
      location: where,
      ctz: e.timeZone,
    }),
    outlook: urlWithQuery('https://outlook.live.com/calendar/0/deeplink/compose', {
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: title,
      startdt: e.startsAt.toISOString(),
      enddt: e.endsAt.toISOString(),
      body: details,
      location: where,
    }),
  }));
  return {
    google,
    outlook,
    ics: `${baseUrl}${locale === 'es' ? '/es' : ''}/events/${e.slug}/event.ics`,
  };
}

/**
 * Where the venue is on a map: the organizer's own map link when they gave one, else an OpenStreetMap
 * search for the address (no key, no tracking script, and it works for any address typed).
 */
export function mapLink(venue: Venue): string | undefined {
  const address = venue.address?.trim();
  return hrefOf(venue.mapUrl) ?? (address ? urlWithQuery('https://www.openstreetmap.org/search', { query: address }) : undefined);
}

/**
 * Atom feed of events (newest first), each entry linking to its page. It has every element RFC 4287
 * requires (an author for the feed included); summaries are plain text (`type="text"`, escaped by the
 * builder), so markup an organizer typed shows as typed; a cancelled event says so in its title and
 * carries a `cancelled` category.
 */
export function atomFeed(
  list: EventRow[],
  opts: {
    locale: Locale;
    baseUrl: string;
    title: string;
    selfUrl: string;
    author: string;
    cancelledLabel: string;
    formatWhen: (e: EventRow) => string;
  },
): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, attributeNamePrefix: '@' });
  const updated = list.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), new Date(0));
  const body = builder.build({
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': opts.locale,
      title: opts.title,
      id: opts.selfUrl,
      updated: (list.length ? updated : new Date()).toISOString(),
      author: { name: opts.author, uri: opts.baseUrl },
      link: [
        { '@rel': 'self', '@href': opts.selfUrl },
        { '@rel': 'alternate', '@href': `${opts.baseUrl}${opts.locale === 'es' ? '/es' : ''}/events` },
      ],
      entry: list.map((e) => ({
        title: e.status === 'cancelled' ? `${opts.cancelledLabel}: ${pickText(e.title, opts.locale)}` : pickText(e.title, opts.locale),
        ...(e.status === 'cancelled' ? { category: { '@term': 'cancelled', '@label': opts.cancelledLabel } } : {}),
        id: `urn:uuid:${e.id}`,
        updated: e.updatedAt.toISOString(),
        published: e.createdAt.toISOString(),
        link: { '@rel': 'alternate', '@href': eventUrl(opts.baseUrl, opts.locale, e.slug) },
        summary: { '@type': 'text', '#text': `${opts.formatWhen(e)}. ${pickText(e.summary, opts.locale)}`.trim() },
      })),
    },
  });
  return xmlSafe(`<?xml version="1.0" encoding="utf-8"?>\n${body}`);
}
