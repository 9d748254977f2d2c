import { imageUrl } from './images';
import { safeHref } from '../../../platform/http/urls';
import type { Child } from 'hono/jsx';
import type { Ctx } from '../../../platform/http/context';
import { rawHtml } from '../../../platform/ui/layout';
import type { EventRow } from '../schema';
import { eventUrl } from '../lib/calendar';
import { isoWithOffset, pickText } from '../lib/text';

/** Open Graph card and schema.org Event JSON-LD for an event page. */
function jsonLd(c: Ctx, e: EventRow) {
  const base = c.var.deps.config.baseUrl;
  const l = c.var.locale;
  // A venue is a Place with a structured address; an online event a VirtualLocation; hybrid both.
  // A venue with neither name nor address is left out rather than sent as an empty Place.
  const place =
    e.venue.name || e.venue.address
      ? {
          '@type': 'Place',
          name: e.venue.name ?? e.venue.address ?? undefined,
          address: e.venue.address ? { '@type': 'PostalAddress', streetAddress: e.venue.address } : undefined,
        }
      : null;
  const virtual = { '@type': 'VirtualLocation', url: safeHref(e.livestreamUrl) ?? eventUrl(base, l, e.slug) };
  const locations = e.format === 'online' ? [virtual] : e.format === 'hybrid' ? [place, virtual] : [place];
  const location = locations.filter((x) => x !== null);
  // The cover first (search engines show it), at its largest JPEG/PNG width, as an absolute address.
  const cover = e.cover
    ? [`${base}${imageUrl(e.cover, `${e.cover.widths[e.cover.widths.length - 1]}.${e.cover.fallback === 'png' ? 'png' : 'jpg'}`)}`]
    : [];
  const image = [...cover, ...e.speakers.map((s) => safeHref(s.photoUrl)).filter((u): u is string => !!u)];
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: pickText(e.title, l),
    description: pickText(e.summary, l) || undefined,
    startDate: isoWithOffset(e.startsAt, e.timeZone),
    endDate: isoWithOffset(e.endsAt, e.timeZone),
    url: eventUrl(base, l, e.slug),
    inLanguage: l,
    eventAttendanceMode: `https://schema.org/${e.format === 'online' ? 'Online' : e.format === 'hybrid' ? 'Mixed' : 'Offline'}EventAttendanceMode`,
    eventStatus: `https://schema.org/Event${e.status === 'cancelled' ? 'Cancelled' : e.status === 'postponed' ? 'Postponed' : 'Scheduled'}`,
    location: location.length === 0 ? undefined : location.length === 1 ? location[0] : location,
    image: image.length ? image : undefined,
    isAccessibleForFree: true,
    performer: e.speakers.map((s) => ({
      '@type': 'Person',
      name: s.name,
      jobTitle: s.title ?? undefined,
      affiliation: s.organization ? { '@type': 'Organization', name: s.organization } : undefined,
    })),
    organizer: { '@type': 'Organization', name: 'Pathways', url: base },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function eventHead(c: Ctx, e: EventRow): Child {
  const base = c.var.deps.config.baseUrl;
  const l = c.var.locale;
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={pickText(e.title, l)} />
      <meta property="og:description" content={pickText(e.summary, l)} />
      <meta property="og:url" content={eventUrl(base, l, e.slug)} />
      <meta property="og:locale" content={l === 'es' ? 'es_US' : 'en_US'} />
      <meta name="twitter:card" content="summary" />
      <link rel="canonical" href={eventUrl(base, l, e.slug)} />
      <link rel="alternate" type="text/calendar" href={`${base}/events/${e.slug}/event.ics`} />
      <script type="application/ld+json">{rawHtml(jsonLd(c, e))}</script>
    </>
  );
}
