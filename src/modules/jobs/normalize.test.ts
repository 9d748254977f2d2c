import { describe, expect, it } from 'vitest';
import { cleanHtml, parseFeedDate, parseSalaryRange, parseSalaryText, laDay } from './service/normalize';
import { classify } from './service/classify';

describe('pay as feeds write it, made yearly', () => {
  it('converts hourly, biweekly, monthly and yearly figures and keeps the source', () => {
    expect(parseSalaryText('$45.12/hr')).toEqual({
      min: 93850,
      max: 93850,
      interval: 'hour',
      source: '$45.12/hr',
      postedMin: 45.12,
      postedMax: 45.12,
    });
    expect(parseSalaryText('$52.50 - $68.25 an hour')).toMatchObject({ postedMin: 52.5, postedMax: 68.25, interval: 'hour' });
    expect(parseSalaryText('$5,000.00 - $7,500.00 Monthly')).toMatchObject({ min: 60000, max: 90000, interval: 'month' });
    expect(parseSalaryText('$3,000 - $3,500 Bi-Weekly')).toMatchObject({ min: 78000, max: 91000, interval: 'biweekly' });
    expect(parseSalaryText('$98,452.80 - $121,867.20 Annually')).toMatchObject({ min: 98453, max: 121867, interval: 'year' });
    expect(parseSalaryRange('86962.0', '113047.0', 'PA')).toMatchObject({ min: 86962, max: 113047, interval: 'year' });
    expect(parseSalaryRange('3200', '3900', 'BW')).toMatchObject({ min: 83200, max: 101400, interval: 'biweekly' });
  });
  it('leaves pay empty for DOE and Not Displayed, but keeps the words', () => {
    expect(parseSalaryText('DOE')).toEqual({ min: null, max: null, interval: null, source: 'DOE' });
    expect(parseSalaryText('Not Displayed')).toMatchObject({ min: null, max: null, source: 'Not Displayed' });
  });
});

describe('dates as feeds write them', () => {
  it('reads US and ISO dates in Los Angeles time, end of day for closing dates', () => {
    const us = parseFeedDate('12/15/2026', { endOfDay: true });
    expect(us.kind).toBe('date');
    if (us.kind === 'date') expect(us.date.toISOString()).toBe('2026-12-16T07:59:59.000Z');
    const iso = parseFeedDate('2026-07-01T23:59:59.9970', {});
    if (iso.kind === 'date') expect(iso.date.toISOString()).toBe('2026-07-02T06:59:59.000Z');
    const rfc = parseFeedDate('Mon, 02 Nov 2026 08:00:00 GMT');
    if (rfc.kind === 'date') expect(rfc.date.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(laDay(new Date('2026-12-16T07:59:59Z'))).toBe('2026-12-15');
  });
  it('knows "Continuous" and refuses nonsense', () => {
    expect(parseFeedDate('Continuous').kind).toBe('continuous');
    expect(parseFeedDate('Open Until Filled').kind).toBe('continuous');
    expect(parseFeedDate('Invalid Date')).toEqual({ kind: 'invalid', raw: 'Invalid Date' });
    expect(parseFeedDate('02/30/2026').kind).toBe('invalid');
    expect(parseFeedDate('').kind).toBe('none');
  });
});

it('sanitises description HTML', () => {
  expect(
    cleanHtml('<h1>Hi</h1><script>x()</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">a</a><p onclick="x">ok</p>'),
  ).toBe('<h3>Hi</h3><a>a</a><p>ok</p>');
});

it('classifies by series, classification and keyword in either language', () => {
  const rules = [
    { kind: 'series' as const, pattern: '2210' },
    { kind: 'classification' as const, pattern: 'Systems Analyst' },
    { kind: 'keyword' as const, pattern: 'analista de datos' },
  ];
  expect(classify({ title: 'IT Specialist', series: '2210' }, rules)).toEqual({ tech: true, reason: 'series 2210' });
  expect(classify({ title: 'Senior Systems Analyst' }, rules).tech).toBe(true);
  expect(classify({ title: 'Analista de Datos Bilingüe' }, rules).tech).toBe(true);
  expect(classify({ title: 'Gardener', classification: 'Gardener' }, rules).tech).toBe(false);
});
