import type { Locale } from './i18n';
import { shared } from './i18n/messages';

/**
 * Small-count suppression, the one rule for every figure the public, partners or funders see: a count
 * from 1 to 4 could point at a person, so it is shown as "fewer than 5". Organizers see exact numbers.
 */
const SMALL_COUNT = 5;

export function isSmallCount(n: number): boolean {
  return n > 0 && n < SMALL_COUNT;
}

/** A count as shown outside the organizers: the number, or "fewer than 5". */
export function shownCount(n: number, locale: Locale): string {
  return isSmallCount(n) ? shared.for(locale)('counts.fewerThan5') : String(n);
}

/**
 * Which cells of a table to hide: every small count, and, where a shown total would let a single
 * hidden cell be recovered by subtraction, the next smallest cell too (complementary suppression).
 */
export function suppressedCells(counts: readonly number[], totalShown = true): boolean[] {
  const hidden = counts.map(isSmallCount);
  if (totalShown && hidden.filter(Boolean).length === 1 && counts.length > 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (!hidden[i] && (next < 0 || n < counts[next])) next = i;
    });
    if (next >= 0) hidden[next] = true;
  }
  return hidden;
}
