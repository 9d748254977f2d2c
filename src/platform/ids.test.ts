import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('accepts what a uuid column takes, any version and either case', () => {
    expect(isUuid('0230da59-2573-4544-9553-234ecac93542')).toBe(true);
    expect(isUuid('0230DA59-2573-1544-0553-234ECAC93542')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses anything else, so a lookup by it cannot fail in SQL', () => {
    for (const s of [
      '',
      'data-donuts-1',
      '0230da59-2573-4544-9553-234ecac9354',
      '0230da59-2573-4544-9553-234ecac93542 ',
      'g230da59-2573-4544-9553-234ecac93542',
      "' OR 1=1 --",
    ])
      expect(isUuid(s)).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
