import type { Locale, Translate } from '../../../platform/i18n';
import { dayInZone, formatDate, numberFormat } from '../../../platform/i18n/format';
import type { SearchFilters } from '../schema';
import type { JobsKey } from '../messages';

type T = Translate<JobsKey>;

const money = (locale: Locale, n: number) =>
  numberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    // Cents are shown when the source posted them ($52.50 an hour), never invented on whole figures.
    minimumFractionDigits: Number.isInteger(n) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(n);

/** The pay fields a posting carries: as posted (payMin/payMax in salaryInterval), and yearly. */
export interface Pay {
  salaryMin: number | null;
  salaryMax: number | null;
  payMin?: number | null;
  payMax?: number | null;
  salaryInterval?: string | null;
}

/** Pay in the unit it was posted in ("$52.50 – $68.25 an hour"); yearly only when that is how it was posted. */
export function payText(t: T, locale: Locale, pay: Pay): string {
  const asPosted = pay.payMin != null || pay.payMax != null;
  const min = asPosted ? (pay.payMin ?? null) : pay.salaryMin;
  const max = asPosted ? (pay.payMax ?? null) : pay.salaryMax;
  const unit = asPosted ? (pay.salaryInterval ?? 'year') : 'year';
  if (min === null && max === null) return t('jobs.card.payUnknown');
  if (min === null || max === null || min === max) return t('jobs.card.payOne', { amount: money(locale, (min ?? max)!), unit });
  return t('jobs.card.pay', { min: money(locale, min), max: money(locale, max), unit });
}

/** "Closes in 3 days", "Closes Dec 15, 2026", "Open until filled", "Closed". */
export function closesText(t: T, locale: Locale, closesAt: Date | null, now = new Date()): string {
  if (!closesAt) return t('jobs.card.continuous');
  if (closesAt <= now) return t('jobs.card.closed');
  const day = (d: Date) => dayInZone(d, 'America/Los_Angeles');
  const days = Math.round((Date.parse(day(closesAt)) - Date.parse(day(now))) / 86_400_000);
  if (days <= 14) return t('jobs.card.closesIn', { days });
  return t('jobs.card.closes', { date: formatDate(locale, closesAt) });
}

/** A saved search in words: "data analyst · County · Remote or hybrid". */
export function describeFilters(t: T, f: SearchFilters): string {
  const parts: string[] = [];
  if (f.q) parts.push(`"${f.q}"`);
  if (f.level) parts.push(t(`jobs.level.${f.level}`));
  if (f.agency) parts.push(f.agency);
  if (f.minSalary) parts.push(`≥ $${f.minSalary.toLocaleString('en-US')}`);
  if (f.remote) parts.push(t('jobs.search.remote'));
  if (f.closingWithinDays) parts.push(t('jobs.search.closingDays', { days: f.closingWithinDays }));
  if (f.noDegree) parts.push(t('jobs.search.noDegree'));
  if (f.entryLevel) parts.push(t('jobs.search.entryLevel'));
  return parts.join(' · ') || t('jobs.alerts.all');
}
