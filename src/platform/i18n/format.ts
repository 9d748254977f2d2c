import type { Locale } from './index';

const cache = new Map<string, Intl.DateTimeFormat>();

/** A date and time in a given IANA zone, with the zone's abbreviation ("Mar 3, 2026, 8:30 AM PST"). */
export function formatDateTime(locale: Locale, date: Date, timeZone = 'America/Los_Angeles', withZone = true): string {
  const key = `${locale}|${timeZone}|${withZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
      ...(withZone ? {} : {}),
    });
    cache.set(key, f);
  }
  const text = f.format(date);
  if (!withZone) return text;
  return `${text} ${zoneAbbreviation(locale, date, timeZone)}`;
}

export function zoneAbbreviation(locale: Locale, date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, timeZoneName: 'short' }).formatToParts(date);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export function formatDate(locale: Locale, date: Date, timeZone = 'America/Los_Angeles'): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone }).format(date);
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US').format(n);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** How long ago (or how soon), in words: "5 minutes ago", "hace 5 minutos", "yesterday", "ayer", "now". */
export function formatRelativeTime(locale: Locale, date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const f = new Intl.RelativeTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { numeric: 'auto' });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return f.format(Math.trunc(seconds / size), unit);
  return f.format(0, 'second');
}

/**
 * When something happens, written once: "Thu, Dec 18, 8:30 – 10:00 AM PST" (the day once when it
 * ends the same day; the year only when it is not this year). Intl's range format, in both languages.
 */
export function formatWhenRange(locale: Locale, start: Date, end: Date, timeZone = 'America/Los_Angeles', now = new Date()): string {
  const year = (d: Date) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(d);
  const f = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(year(start) !== year(now) || year(end) !== year(now) ? { year: 'numeric' as const } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  // Across a clock change the range format would print one zone for both ends ("1:00 – 4:00 AM PDT"):
  // each end then carries its own.
  if (zoneAbbreviation(locale, start, timeZone) !== zoneAbbreviation(locale, end, timeZone)) return `${f.format(start)} – ${f.format(end)}`;
  return f.formatRange(start, end);
}
