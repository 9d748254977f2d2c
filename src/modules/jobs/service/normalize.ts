import crypto from 'node:crypto';
import { htmlText, safeHtml } from '../../../platform/markdown';
import { wallTimeToUtc } from '../../../platform/time';
import type { SalaryInterval } from '../schema';
import { dayInZone } from '../../../platform/i18n/format';

/** Hours, pay periods and months in a working year, as public employers count them. */
const YEARLY_FACTOR: Record<SalaryInterval, number> = { year: 1, month: 12, biweekly: 26, week: 52, day: 260, hour: 2080 };

export interface Salary {
  /** Yearly equivalents, whole dollars: for sorting and the pay filter only. */
  min: number | null;
  max: number | null;
  interval: SalaryInterval | null;
  source: string | null;
  /** The amounts as posted, in `interval` ($52.50 an hour stays 52.5). */
  postedMin?: number | null;
  postedMax?: number | null;
}

/** The words feeds use for an interval, including USAJOBS RateIntervalCode values. */
function parseInterval(raw: string | null | undefined): SalaryInterval | null {
  const s = (raw ?? '').trim().toLowerCase();
  if (!s) return null;
  if (/^(pa|py|annual|annually|yearly|year|yr|per year|\/yr|a year|anual|al año)$/.test(s)) return 'year';
  if (/^(ph|hourly|hour|hr|per hour|\/hr|\/hour|an hour|por hora)$/.test(s)) return 'hour';
  if (/^(pm|monthly|month|mo|per month|\/mo|a month|mensual)$/.test(s)) return 'month';
  if (/^(bw|biweekly|bi-weekly|every two weeks|per pay period)$/.test(s)) return 'biweekly';
  if (/^(pw|weekly|week|per week)$/.test(s)) return 'week';
  if (/^(pd|daily|day|per day)$/.test(s)) return 'day';
  return null;
}

const INTERVAL_IN_TEXT: [RegExp, SalaryInterval][] = [
  [/(\/\s*(hr|hour)\b|hourly|per hour|an hour|por hora)/i, 'hour'],
  [/(bi-?weekly|every two weeks|per pay period)/i, 'biweekly'],
  [/(\/\s*mo(nth)?\b|monthly|per month|a month|mensual)/i, 'month'],
  [/(\/\s*(wk|week)\b|weekly|per week)/i, 'week'],
  [/(daily|per day|\/\s*day\b)/i, 'day'],
  [/(annual|annually|yearly|per year|a year|\/\s*yr\b|\/\s*year\b|anual)/i, 'year'],
];

function amount(s: string): number | null {
  const m = /^\$?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k)?$/i.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, '')) * (m[2] ? 1000 : 1);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Converts a pay figure to whole dollars a year. */
function toYearly(value: number | null, interval: SalaryInterval | null): number | null {
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  const yearly = value * YEARLY_FACTOR[interval ?? guessInterval(value)];
  return yearly > 10_000_000 ? null : Math.round(yearly);
}

/** With no interval given, a number under 300 is an hourly rate, under 20,000 a monthly one. */
function guessInterval(n: number): SalaryInterval {
  return n < 300 ? 'hour' : n < 20_000 ? 'month' : 'year';
}

/**
 * Numbers from a salary as a feed writes it: "$45.12/hr", "$5,000.00 - $7,500.00 Monthly",
 * "$98,452.80 - $121,867.20 Annually", "DOE", "Not Displayed", "Depends on qualifications".
 */
export function parseSalaryText(text: string | null | undefined, intervalHint?: string | null): Salary {
  const source = (text ?? '').replace(/\s+/g, ' ').trim() || null;
  let interval = parseInterval(intervalHint);
  if (!source) return { min: null, max: null, interval, source };
  if (!interval)
    for (const [re, iv] of INTERVAL_IN_TEXT)
      if (re.test(source)) {
        interval = iv;
        break;
      }
  const numbers = [...source.matchAll(/\$?\s*[0-9][0-9,]*(?:\.[0-9]+)?\s*k?\b/gi)]
    .map((m) => amount(m[0]))
    .filter((n): n is number => n !== null);
  if (numbers.length === 0) return { min: null, max: null, interval, source };
  return fromRange(numbers[0], numbers.length > 1 ? numbers[1] : numbers[0], interval, source);
}

export function parseSalaryRange(min: unknown, max: unknown, interval: string | null | undefined, source?: string | null): Salary {
  const a = typeof min === 'number' ? min : amount(String(min ?? ''));
  const b = typeof max === 'number' ? max : amount(String(max ?? ''));
  const iv = parseInterval(interval);
  const text = source ?? ([a, b].filter((n) => n !== null).join(' - ') + (interval ? ` ${interval}` : '') || null);
  if (a === null && b === null) return { min: null, max: null, interval: iv, source: text };
  return fromRange(a ?? b!, b ?? a!, iv, text);
}

function fromRange(a: number, b: number, interval: SalaryInterval | null, source: string | null): Salary {
  const iv = interval ?? guessInterval(Math.max(a, b));
  let min = toYearly(Math.min(a, b), iv);
  let max = toYearly(Math.max(a, b), iv);
  if (min === null) min = max;
  if (max === null) max = min;
  if (min === null) return { min, max, interval: iv, source };
  return { min, max, interval: iv, source, postedMin: Math.min(a, b), postedMax: Math.max(a, b) };
}

export type ParsedDate = { kind: 'date'; date: Date } | { kind: 'continuous' } | { kind: 'none' } | { kind: 'invalid'; raw: string };

const CONTINUOUS = /^(continuous|open until filled|until filled|open continuous|ongoing|continuo|continua|hasta cubrir|n\/a|none|tbd)$/i;

/**
 * Dates as feeds write them: ISO ("2026-12-15", "2026-12-15T23:59:59.9970"), US ("12/15/2026",
 * "12/15/26"), RFC 822 ("Tue, 15 Dec 2026 08:00:00 GMT"), "Continuous". A date without a time zone is
 * read in Los Angeles; a closing day without a time closes at the end of that day.
 */
export function parseFeedDate(raw: unknown, opts: { endOfDay?: boolean } = {}): ParsedDate {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { kind: 'invalid', raw: 'Invalid Date' } : { kind: 'date', date: raw };
  const s = String(raw ?? '').trim();
  if (!s) return { kind: 'none' };
  if (CONTINUOUS.test(s)) return { kind: 'continuous' };
  let y: number, mo: number, d: number, time: string | null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    time = m[4] ?? null;
    if (m[5]) return valid(new Date(s), s);
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(am|pm)?)?$/i.exec(s))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3].length === 2 ? `20${m[3]}` : m[3])];
    time = m[4] ? to24(m[4], m[5]) : null;
  } else if (/^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}/.test(s) || /^[A-Za-z]+ \d{1,2}, \d{4}/.test(s)) {
    const hasZone = /(GMT|UTC|[+-]\d{4}|\b[ECMP][SD]T)\s*$/.test(s);
    if (hasZone) return valid(new Date(s), s);
    const dt = new Date(s + ' UTC');
    if (Number.isNaN(dt.getTime())) return { kind: 'invalid', raw: s };
    [y, mo, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
    time = /\d{1,2}:\d{2}/.test(s) ? `${dt.getUTCHours()}:${dt.getUTCMinutes()}` : null;
  } else return { kind: 'invalid', raw: s };
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2200) return { kind: 'invalid', raw: s };
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return { kind: 'invalid', raw: s };
  const [hh, mm, ss] = (time ?? (opts.endOfDay ? '23:59:59' : '00:00:00')).split(':').map((x) => Number.parseFloat(x));
  return { kind: 'date', date: laTime(y, mo, d, hh || 0, mm || 0, Math.floor(ss || 0)) };
}

function valid(d: Date, raw: string): ParsedDate {
  return Number.isNaN(d.getTime()) ? { kind: 'invalid', raw } : { kind: 'date', date: d };
}

function to24(t: string, ampm?: string): string {
  const [h, m, s] = t.split(':').map(Number);
  let hour = h % 12;
  if (!ampm) hour = h;
  else if (ampm.toLowerCase() === 'pm') hour += 12;
  return `${hour}:${m}:${s ?? 0}`;
}

/** Wall-clock time in Los Angeles to an instant. */
export function laTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  return wallTimeToUtc({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, 'America/Los_Angeles');
}

/** The calendar day in Los Angeles, "2026-12-15". */
export function laDay(d: Date): string {
  return dayInZone(d, 'America/Los_Angeles');
}

/** Feed HTML reduced to safe, simple markup. */
export function cleanHtml(html: string | null | undefined, maxLength = 60_000): string | null {
  if (!html) return null;
  const out = safeHtml(String(html).slice(0, maxLength * 2), { topHeading: 3, tidy: true }).trim();
  return out ? out.slice(0, maxLength) : null;
}

/** Plain text from HTML, for summaries and search. */
export function plainText(html: string | null | undefined, max = 2000): string | null {
  if (!html) return null;
  const text = htmlText(String(html))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  return text.length > max ? text.slice(0, max - 1).replace(/\s+\S*$/, '') + '…' : text;
}

export function slugify(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'agency'
  );
}

function normalTitle(s: string): string {
  return slugify(s).replace(/-/g, ' ');
}

export function dedupeKey(agencyId: string, title: string, closesAt: Date | null): string {
  return `${agencyId}|${normalTitle(title)}|${closesAt ? laDay(closesAt) : 'continuous'}`;
}

export function hashOf(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return /^(y|yes|true|1|x|si|sí)$/i.test(String(v ?? '').trim());
}
