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

/** Is this an IANA zone the runtime knows? (`Intl` throws a RangeError for unknown names.) */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `date`, in minutes. */
function offsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - date.getTime()) / 60_000);
}

/**
 * A wall-clock time ("2026-03-08T09:00") in an IANA zone to the instant it names. Times that do not
 * exist (skipped by a DST jump) move forward by the jump, as calendars do.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The instant as wall-clock time in the zone, for `datetime-local` inputs. */
export function utcToZoned(date: Date, timeZone: string): string {
  const shifted = new Date(date.getTime() + offsetMinutes(date, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

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
