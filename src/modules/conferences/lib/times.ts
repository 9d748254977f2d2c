import { utcToZoned, zonedToUtc } from '../../../platform/time';

/** "2026-03-08T09:00:00-08:00": the instant with the offset its zone had at that moment. */
export function isoWithOffset(d: Date, timeZone: string): string {
  const wall = utcToZoned(d, timeZone);
  const minute = Math.floor(d.getTime() / 60_000) * 60_000;
  const off = Math.round((Date.parse(`${wall}:00Z`) - minute) / 60_000);
  const abs = Math.abs(off);
  return `${wall}:00${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local date ("2026-03-08") of an instant in a zone. */
export const localDate = (d: Date, timeZone: string) => utcToZoned(d, timeZone).slice(0, 10);
/** The local time ("09:30") of an instant in a zone. */
export const localTime = (d: Date, timeZone: string) => utcToZoned(d, timeZone).slice(11, 16);

/** Every local date from the first to the last, inclusive. */
export function datesBetween(from: Date, to: Date, timeZone: string): string[] {
  const out: string[] = [];
  const last = localDate(new Date(to.getTime() - 1), timeZone);
  for (let d = localDate(from, timeZone); d <= last;) {
    out.push(d);
    const next = new Date(`${d}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    d = next.toISOString().slice(0, 10);
  }
  return out;
}

/** The instant a local day starts (its midnight, or the first minute after a midnight that never happened). */
export const dayStart = (date: string, timeZone: string) => zonedToUtc(`${date}T00:00`, timeZone)!;

/** Minutes as frab writes a duration: "01:30". */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
