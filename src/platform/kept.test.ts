import { describe, expect, it } from 'vitest';
import { keptResults } from './kept';

describe('keptResults', () => {
  it('makes each result once and gives it back by key', () => {
    let made = 0;
    const kept = keptResults<string>({ entries: 10 });
    const make = (s: string) => () => (made++, s.toUpperCase());
    expect(kept('a', make('a'))).toBe('A');
    expect(kept('a', make('a'))).toBe('A');
    expect(kept('b', make('b'))).toBe('B');
    expect(made).toBe(2);
  });

  it('starts over when the entries or the characters allowed would be passed', () => {
    let made = 0;
    const byCount = keptResults<number>({ entries: 2 });
    for (const k of ['a', 'b', 'c', 'a']) byCount(k, () => ++made);
    // a, b kept; c cleared them; a is made again.
    expect(made).toBe(4);

    made = 0;
    const byChars = keptResults<string>({ entries: 100, chars: 10, charsOf: (k, v) => k.length + v.length });
    byChars('xxxx', () => (made++, 'yyyy')); // 8 characters
    byChars('xxxx', () => (made++, 'yyyy'));
    byChars('zz', () => (made++, 'ww')); // 12 > 10: starts over
    byChars('xxxx', () => (made++, 'yyyy'));
    expect(made).toBe(3);
  });
});
