import { describe, expect, it } from 'vitest';
import { timeZoneGroups, utcToZoned, wallTimeToUtc, zonedToUtc, addDays, daysInZone } from './time';

const iso = (local: string, tz: string) => zonedToUtc(local, tz)!.toISOString();

describe('wall-clock time to UTC', () => {
  it('uses the offset in force on that day', () => {
    expect(iso('2026-03-07T09:00', 'America/Los_Angeles')).toBe('2026-03-07T17:00:00.000Z');
    expect(iso('2026-03-08T09:00', 'America/Los_Angeles')).toBe('2026-03-08T16:00:00.000Z');
    expect(iso('2026-07-01T09:00', 'Australia/Sydney')).toBe('2026-06-30T23:00:00.000Z');
    expect(iso('2026-12-01T09:00', 'Australia/Sydney')).toBe('2026-11-30T22:00:00.000Z');
    expect(iso('2026-12-01 09:00:30', 'UTC')).toBe('2026-12-01T09:00:30.000Z');
  });

  it('moves a time skipped by spring-forward ahead by the jump', () => {
    // Los Angeles: 2026-03-08 02:00 PST becomes 03:00 PDT.
    expect(iso('2026-03-08T02:30', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00.000Z');
    expect(utcToZoned(zonedToUtc('2026-03-08T02:30', 'America/Los_Angeles')!, 'America/Los_Angeles')).toBe('2026-03-08T03:30');
    // Sydney: 2026-10-04 02:00 AEST becomes 03:00 AEDT.
    expect(iso('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z');
    expect(utcToZoned(zonedToUtc('2026-10-04T02:30', 'Australia/Sydney')!, 'Australia/Sydney')).toBe('2026-10-04T03:30');
  });

  it('takes the earlier of two instants when fall-back repeats a time', () => {
    // Los Angeles: 01:30 happens at PDT (08:30Z) and again at PST (09:30Z) on 2026-11-01.
    expect(iso('2026-11-01T01:30', 'America/Los_Angeles')).toBe('2026-11-01T08:30:00.000Z');
    // Sydney: 02:30 happens at AEDT (15:30Z) and again at AEST (16:30Z) on 2026-04-05.
    expect(iso('2026-04-05T02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('round-trips through the zone and refuses malformed text', () => {
    for (const tz of ['America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata']) {
      expect(utcToZoned(wallTimeToUtc({ year: 2026, month: 5, day: 17, hour: 18, minute: 45 }, tz), tz)).toBe('2026-05-17T18:45');
    }
    expect(zonedToUtc('next tuesday', 'UTC')).toBeNull();
  });
});

describe('the time-zone picker list', () => {
  it('holds every zone the runtime knows once, grouped by region and sorted by place, UTC under Other', () => {
    const groups = timeZoneGroups();
    const all = groups.flatMap((g) => g.zones.map((z) => z.value));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(Intl.supportedValuesOf('timeZone').length + 1);
    expect(groups[0].region).toBe('America');
    expect(groups.at(-1)).toEqual({ region: 'Other', zones: [{ value: 'UTC', label: 'UTC' }] });
    const america = groups[0].zones;
    expect(america).toContainEqual({ value: 'America/Los_Angeles', label: 'Los Angeles' });
    const labels = america.map((z) => z.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('calendar days in a zone', () => {
  it('moves days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-12-06', -365)).toBe('2025-12-06');
  });

  it('turns days into the instants of their midnights there, across a clock change', () => {
    const { start, end } = daysInZone('2027-03-14', '2027-03-14', 'America/Los_Angeles');
    expect(start.toISOString()).toBe('2027-03-14T08:00:00.000Z');
    // The day clocks spring forward is 23 hours long.
    expect(end.toISOString()).toBe('2027-03-15T07:00:00.000Z');
  });

  it('keeps an evening in Los Angeles inside that day, not the next one as UTC would', () => {
    const evening = new Date('2026-12-07T03:30:00Z'); // 19:30 on Dec 6 in Los Angeles
    const { start, end } = daysInZone('2026-12-06', '2026-12-06', 'America/Los_Angeles');
    expect(evening >= start && evening < end).toBe(true);
  });
});
