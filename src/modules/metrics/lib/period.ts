import { zonedToUtc } from '../../../platform/time';

/** The dashboard's period presets; `custom` is a grant period typed as two dates. */
export const PRESETS = ['month', 'quarter', 'year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** The month, quarter or year containing `today` (a `YYYY-MM-DD` date), as inclusive dates. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const month = m - 1;
  if (preset === 'month') return { from: iso(y, month, 1), to: iso(y, month + 1, 0) };
  if (preset === 'quarter') {
    const q = Math.floor(month / 3) * 3;
    return { from: iso(y, q, 1), to: iso(y, q + 3, 0) };
  }
  return { from: iso(y, 0, 1), to: iso(y, 11, 31) };
}

/** The twelve months ending with the one containing `today`, as inclusive dates, oldest first. */
export function lastTwelveMonths(today: string): { month: string; from: string; to: string }[] {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const month = m - 12 + i;
    const from = iso(y, month, 1);
    return { month: from.slice(0, 7), from, to: iso(y, month + 1, 0) };
  });
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Inclusive local dates `from`–`to` in a zone, as the instants [start, end). */
export function periodInstants(from: string, to: string, zone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(`${from}T00:00`, zone)!, end: zonedToUtc(`${nextDay(to)}T00:00`, zone)! };
}
