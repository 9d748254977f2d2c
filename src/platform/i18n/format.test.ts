import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format';

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
