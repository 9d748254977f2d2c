import { describe, expect, it } from 'vitest';
import { shownCount, suppressedCells } from './counts';

describe('small-count suppression', () => {
  it('shows 1 to 4 as "fewer than 5", in both languages; 0 and 5 are shown', () => {
    expect([0, 1, 4, 5, 12].map((n) => shownCount(n, 'en'))).toEqual(['0', 'fewer than 5', 'fewer than 5', '5', '12']);
    expect(shownCount(3, 'es')).toBe('menos de 5');
  });

  it('hides a second cell when a shown total would give the one hidden cell away by subtraction', () => {
    // 20 answers: 3, 9, 8. Hiding only the 3 leaves 20 − 9 − 8 = 3: the 8 goes too.
    expect(suppressedCells([3, 9, 8])).toEqual([true, false, true]);
    expect(suppressedCells([3, 2, 9, 8])).toEqual([true, true, false, false]);
    expect(suppressedCells([6, 9, 8])).toEqual([false, false, false]);
    expect(suppressedCells([3, 9, 8], false)).toEqual([true, false, false]);
  });
});
