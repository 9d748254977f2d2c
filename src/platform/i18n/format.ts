import type { Locale } from './index';
import { keptResults } from '../kept';

/** The Intl language tag for one of ours: US English and US Spanish (dates and numbers as read in the US). */
const tag = (locale: Locale | 'en-CA') => (locale === 'es' ? 'es-US' : locale === 'en-CA' ? 'en-CA' : 'en-US');

/**
 * Building an Intl formatter costs far more than using one (a page of job cards built hundreds), so
 * each (language, options) pair is built once and kept. The options come from code, not from visitors
 * (zones are IANA names from records), so the set stays small; the cap is a guard all the same.
 */
const kept = keptResults<Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>({ entries: 2000 });

export function dateTimeFormat(locale: Locale | 'en-CA', options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag(locale), options));
}

export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag(locale), options));
}

/** A date and time in a given IANA zone, with the zone's abbreviation ("Mar 3, 2026, 8:30 AM PST"). */
export function formatDateTime(locale: Locale, date: Date, timeZone = 'America/Los_Angeles', withZone = true): string {
  const text = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  if (!withZone) return text;
  return `${text} ${zoneAbbreviation(locale, date, timeZone)}`;
}

export function zoneAbbreviation(locale: Locale, date: Date, timeZone: string): string {
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(date);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export function formatDate(locale: Locale, date: Date, timeZone = 'America/Los_Angeles'): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayInZone(date: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone }).format(date);
}

export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(locale).format(n);
}

/** A share (0–1) as a percentage: "42%", "42.5%". */
export function formatPercent(locale: Locale, share: number, fractionDigits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits }).format(share);
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
  const f = kept(`r|${locale}`, () => new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' }));
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return f.format(Math.trunc(seconds / size), unit);
  return f.format(0, 'second');
}

/**
 * When something happens, written once: "Thu, Dec 18, 8:30 – 10:00 AM PST" (the day once when it
 * ends the same day; the year only when it is not this year). Intl's range format, in both languages.
 */
export function formatWhenRange(locale: Locale, start: Date, end: Date, timeZone = 'America/Los_Angeles', now = new Date()): string {
  const years = dateTimeFormat('en', { year: 'numeric', timeZone });
  const thisYear = years.format(now);
  // A list page writes the same few ranges on every request, and writing a range costs about 40 µs:
  // kept by this year too, which decides whether the range needs its year.
  const key = `${locale}|${timeZone}|${start.getTime()}|${end.getTime()}|${thisYear}`;
  return ranges(key, () => whenRange(locale, start, end, timeZone, years.format(start) !== thisYear || years.format(end) !== thisYear));
}
const ranges = keptResults<string>({ entries: 2000 });

function whenRange(locale: Locale, start: Date, end: Date, timeZone: string, withYear: boolean): string {
  const f = dateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' as const } : {}),
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
