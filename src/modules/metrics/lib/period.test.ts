import { describe, expect, it } from 'vitest';
import { lastTwelveMonths, presetPeriod } from './period';

describe('period presets', () => {
  it('month, quarter and year around a day, with leap years and year ends', () => {
    expect(presetPeriod('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('quarter', '2026-12-06')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('year', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
  it('twelve months back across a year end', () => {
    const months = lastTwelveMonths('2026-03-15');
    expect(months[0]).toEqual({ month: '2025-04', from: '2025-04-01', to: '2025-04-30' });
    expect(months[11]).toEqual({ month: '2026-03', from: '2026-03-01', to: '2026-03-31' });
  });
});
