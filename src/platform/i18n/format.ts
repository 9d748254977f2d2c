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
