/** Wall-clock time in IANA zones, through `Intl` (the runtime's tz database), never fixed offsets. */
import { dateTimeFormat } from './i18n/format';
import { keptResults } from './kept';

/** The zone a page counts days in when no chapter names one (the first chapter's, Los Angeles). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/**
 * Is this an IANA zone the runtime knows? (`Intl` throws a RangeError for unknown names.) Kept: every
 * event form checks its zone, and building a formatter to find out costs more than the rest of the check.
 */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  return zoneNames(tz, () => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  });
}
const zoneNames = keptResults<boolean>({ entries: 1000 });

/**
 * How far `timeZone`'s clocks are ahead of UTC at the instant `at`, in milliseconds. Kept: reading
 * the parts back from `Intl` is most of the time of writing an event's dates for its page.
 */
const offsets = keptResults<number>({ entries: 5000 });
const offsetAt = (at: number, timeZone: string): number => offsets(`${timeZone} ${at}`, () => measureOffset(at, timeZone));

function measureOffset(at: number, timeZone: string): number {
  // US English digits and a 24-hour clock, whatever the page's language: parts to read, not to show.
  const f = dateTimeFormat('en', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

const DAY = 86_400_000;

/**
 * The instant a wall-clock time in `timeZone` names. Zones change offset at most once in a day, so the
 * offsets a day before and after are the only candidates. A time that happens twice (clocks fall back)
 * is the earlier instant; a time that never happens (clocks spring forward) moves forward by the jump,
 * as calendars do (02:30 on the morning clocks go from 02:00 to 03:00 is 03:30).
 */
export function wallTimeToUtc(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const w = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  const before = offsetAt(w - DAY, timeZone);
  const after = offsetAt(w + DAY, timeZone);
  const fits = [w - before, w - after].filter((t) => t + offsetAt(t, timeZone) === w);
  if (fits.length > 0) return new Date(Math.min(...fits));
  return new Date(w - before);
}

/** A calendar day ("2026-03-08") moved by `days`, as calendars count (no zone, no clock change involved). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Calendar days `fromDay`..`toDay` (both included) in `timeZone` as instants: `start` is the first day's
 * midnight there, `end` the midnight after the last. Reports count an event this evening in Los Angeles
 * as today there, not as tomorrow in UTC.
 */
export function daysInZone(fromDay: string, toDay: string, timeZone: string): { start: Date; end: Date } {
  const midnight = (day: string) => {
    const [year, month, d] = day.split('-').map(Number);
    return wallTimeToUtc({ year, month, day: d }, timeZone);
  };
  return { start: midnight(fromDay), end: midnight(addDays(toDay, 1)) };
}

/** "2026-03-08T09:00" (seconds optional, a space allowed for the T) in `timeZone`, or null when malformed. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  return wallTimeToUtc({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) }, timeZone);
}

/** The instant as wall-clock time in the zone, for `datetime-local` inputs ("2026-03-08T09:00"). */
export function utcToZoned(date: Date, timeZone: string): string {
  return new Date(date.getTime() + offsetAt(date.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** ISO 8601 with the zone's offset at that instant ("2026-03-08T09:00:00-07:00"), as schema.org dates want. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offset = Math.round(offsetAt(date.getTime(), timeZone) / 60_000);
  const wall = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The regions an IANA name starts with, in the order a time-zone picker lists them. */
const TIME_ZONE_REGIONS = [
  'America',
  'Europe',
  'Africa',
  'Asia',
  'Australia',
  'Pacific',
  'Atlantic',
  'Indian',
  'Antarctica',
  'Arctic',
] as const;
export type TimeZoneRegion = (typeof TIME_ZONE_REGIONS)[number] | 'Other';

let zoneGroups: { region: TimeZoneRegion; zones: { value: string; label: string }[] }[] | undefined;

/**
 * Every zone the runtime knows, grouped by region and sorted by place ("Argentina/Buenos Aires" under
 * America), for a picker; UTC under "Other". Computed once: the list changes only with the runtime.
 */
export function timeZoneGroups(): { region: TimeZoneRegion; zones: { value: string; label: string }[] }[] {
  if (zoneGroups) return zoneGroups;
  const byRegion = new Map<TimeZoneRegion, { value: string; label: string }[]>();
  for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC']) {
    const [head, ...rest] = zone.split('/');
    const region: TimeZoneRegion =
      (TIME_ZONE_REGIONS as readonly string[]).includes(head) && rest.length ? (head as TimeZoneRegion) : 'Other';
    const label = (region === 'Other' ? zone : rest.join('/')).replace(/_/g, ' ');
    if (!byRegion.has(region)) byRegion.set(region, []);
    if (!byRegion.get(region)!.some((z) => z.value === zone)) byRegion.get(region)!.push({ value: zone, label });
  }
  const order: TimeZoneRegion[] = [...TIME_ZONE_REGIONS, 'Other'];
  zoneGroups = order
    .filter((r) => byRegion.has(r))
    .map((region) => ({ region, zones: byRegion.get(region)!.sort((a, b) => a.label.localeCompare(b.label, 'en')) }));
  return zoneGroups;
}
