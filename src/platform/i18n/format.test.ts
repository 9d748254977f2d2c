import { describe, expect, it } from 'vitest';
import { dateTimeFormat, dayInZone, formatPercent, formatRelativeTime, formatWhenRange } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('says how long ago in plain words, in English and Spanish', () => {
    expect(formatRelativeTime('en', ago(5 * 60), now)).toBe('5 minutes ago');
    expect(formatRelativeTime('es', ago(5 * 60), now)).toBe('hace 5 minutos');
    expect(formatRelativeTime('en', ago(3 * 3600 + 59), now)).toBe('3 hours ago');
    expect(formatRelativeTime('en', ago(86_400), now)).toBe('yesterday');
    expect(formatRelativeTime('es', ago(86_400), now)).toBe('ayer');
    expect(formatRelativeTime('en', ago(40 * 86_400), now)).toBe('last month');
  });

  it('calls anything under a minute "now"', () => {
    expect(formatRelativeTime('en', ago(20), now)).toBe('now');
    expect(formatRelativeTime('es', ago(20), now)).toBe('ahora');
  });
});

const la = 'America/Los_Angeles';
const now = new Date('2026-12-01T12:00:00Z');
// Intl separates some parts with narrow or thin spaces; compare words.
const plain = (s: string) => s.replace(/[\u202f\u2009\u00a0]/g, ' ');

describe('formatWhenRange', () => {
  it('writes the day once, with its weekday, in English and Spanish', () => {
    const start = new Date('2026-12-18T16:30:00Z');
    const end = new Date('2026-12-18T18:00:00Z');
    expect(plain(formatWhenRange('en', start, end, la, now))).toBe('Fri, Dec 18, 8:30 – 10:00 AM PST');
    expect(plain(formatWhenRange('es', start, end, la, now))).toMatch(/^vie, 18 de dic, 8:30\s?–\s?10:00 a\. ?m\. PST$/);
  });
  it('adds the year only when it is not this year, and both days when it runs overnight', () => {
    const text = plain(formatWhenRange('en', new Date('2027-01-15T16:30:00Z'), new Date('2027-01-16T18:00:00Z'), la, now));
    expect(text).toBe('Fri, Jan 15, 2027, 8:30 AM PST – Sat, Jan 16, 2027, 10:00 AM PST');
  });
  it('writes both days in Spanish when it runs overnight', () => {
    const text = plain(formatWhenRange('es', new Date('2026-12-18T02:00:00Z'), new Date('2026-12-19T03:00:00Z'), la, now));
    expect(text).toMatch(/^jue, 17 de dic, 6:00\s?p\. ?m\. PST\s?–\s?vie, 18 de dic, 7:00\s?p\. ?m\. PST$/);
  });
  it('keeps morning and afternoon apart on the same day', () => {
    const text = plain(formatWhenRange('en', new Date('2026-12-18T19:30:00Z'), new Date('2026-12-18T21:00:00Z'), la, now));
    expect(text).toBe('Fri, Dec 18, 11:30 AM – 1:00 PM PST');
  });
  it('gives each end its own zone when the clocks go back, in both languages', () => {
    // 2027-11-07: 1:30 AM PDT, then the clocks go back at 2:00 to 1:00 AM PST.
    const start = new Date('2027-11-07T08:30:00Z');
    const end = new Date('2027-11-07T10:30:00Z');
    expect(plain(formatWhenRange('en', start, end, la, now))).toMatch(/1:30 AM PDT – .*2:30 AM PST/);
    expect(plain(formatWhenRange('es', start, end, la, now))).toMatch(/1:30\s?a\. ?m\. PDT\s?–\s?.*2:30\s?a\. ?m\. PST/);
  });
  it('gives each end its own zone across a clock change', () => {
    const text = plain(formatWhenRange('en', new Date('2027-03-14T09:00:00Z'), new Date('2027-03-14T11:00:00Z'), la, now));
    expect(text).toMatch(/1:00 AM PST – .*4:00 AM PDT/);
  });
});

describe('kept formatters', () => {
  it('gives the same formatter for the same language and options, another for other options', () => {
    const a = dateTimeFormat('es', { dateStyle: 'long', timeZone: 'America/Chicago' });
    expect(dateTimeFormat('es', { dateStyle: 'long', timeZone: 'America/Chicago' })).toBe(a);
    expect(dateTimeFormat('en', { dateStyle: 'long', timeZone: 'America/Chicago' })).not.toBe(a);
    expect(dateTimeFormat('es', { dateStyle: 'long', timeZone: 'America/Denver' })).not.toBe(a);
  });

  it('writes shares as percentages in each language, and the calendar day in a zone', () => {
    expect(formatPercent('en', 0.425, 1)).toBe('42.5%');
    // US Spanish writes a decimal point, as Spanish speakers in the US read it.
    expect(formatPercent('es', 0.425, 1)).toBe('42.5%');
    expect(formatPercent('en', 0.425)).toBe('43%');
    // 07:30 UTC on Dec 7 is still Dec 6 in Los Angeles.
    expect(dayInZone(new Date('2026-12-07T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-06');
    expect(dayInZone(new Date('2026-12-07T07:30:00Z'), 'Europe/Madrid')).toBe('2026-12-07');
  });
});
