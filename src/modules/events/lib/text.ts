import type { Locale } from '../../../platform/i18n';
import type { LocalText } from '../schema';

/** The text in the reader's language, or the other one marked as a fallback (`lang` says which). */
export function pick(text: LocalText | null | undefined, locale: Locale): { text: string; lang: Locale; fallback: boolean } {
  const own = text?.[locale]?.trim();
  if (own) return { text: own, lang: locale, fallback: false };
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const theirs = text?.[other]?.trim();
  if (theirs) return { text: theirs, lang: other, fallback: true };
  return { text: '', lang: locale, fallback: false };
}

export const pickText = (text: LocalText | null | undefined, locale: Locale) => pick(text, locale).text;

// Time-zone arithmetic is the platform's; these names stay part of the events service for its callers.
export { isoWithOffset, isTimeZone, utcToZoned, zonedToUtc } from '../../../platform/time';

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'event'
  );
}

/** `https://www.youtube.com/watch?v=ID` or `youtu.be/ID` to the privacy-enhanced embed address. */
export function youtubeEmbed(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    let id: string | null = null;
    if (u.hostname === 'youtu.be') id = u.pathname.slice(1);
    else if (/(^|\.)youtube(-nocookie)?\.com$/.test(u.hostname)) {
      id = u.searchParams.get('v') ?? /^\/(?:embed|live|shorts)\/([^/?]+)/.exec(u.pathname)?.[1] ?? null;
    }
    if (!id || !/^[A-Za-z0-9_-]{6,20}$/.test(id)) return null;
    return `https://www.youtube-nocookie.com/embed/${id}`;
  } catch {
    return null;
  }
}
