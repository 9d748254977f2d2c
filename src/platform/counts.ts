import type { Locale } from './i18n';
import { shared } from './i18n/messages';

/**
 * Small-count suppression, the one rule for every figure the public, partners or funders see: a count
 * from 1 to below the threshold could point at a person, so it is shown as "fewer than 5". Organizers
 * see exact numbers. The threshold is `SUPPRESSION_THRESHOLD` (config.ts); callers without the config
 * at hand use the default.
 */
const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function isSmallCount(n: number, threshold = DEFAULT_SUPPRESSION_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}

/** A count as shown outside the organizers: the number, or "fewer than 5". */
export function shownCount(n: number, locale: Locale, threshold = DEFAULT_SUPPRESSION_THRESHOLD): string {
  return isSmallCount(n, threshold) ? fewerThan(locale, threshold) : String(n);
}

/** "fewer than 5", in the reader's language: what stands where a hidden count would be. */
export function fewerThan(locale: Locale, threshold = DEFAULT_SUPPRESSION_THRESHOLD): string {
  return shared.for(locale)('counts.fewerThan', { n: threshold });
}

/**
 * Which cells of a table to hide: every small count, and, where a shown total would let a single
 * hidden cell be recovered by subtraction, the next smallest cell too (complementary suppression).
 */
export function suppressedCells(counts: readonly number[], totalShown = true, threshold = DEFAULT_SUPPRESSION_THRESHOLD): boolean[] {
  const hidden = counts.map((n) => isSmallCount(n, threshold));
  if (totalShown && hidden.filter(Boolean).length === 1 && counts.length > 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (!hidden[i] && (next < 0 || n < counts[next])) next = i;
    });
    if (next >= 0) hidden[next] = true;
  }
  return hidden;
}
