import { describe, expect, it } from 'vitest';
import { defineMessages, translator } from './index';

const demo = defineMessages('translator-demo', { 'demo.hello': 'Hello, {name}' }, { 'demo.hello': 'Hola, {name}' });
const tr = translator(demo);

describe('translator', () => {
  it('translates for a locale or a request context', () => {
    expect(tr('en')('demo.hello', { name: 'Ana' })).toBe('Hello, Ana');
    expect(tr({ var: { locale: 'es' } })('demo.hello', { name: 'Ana' })).toBe('Hola, Ana');
  });

  it('accepts only the catalog’s keys (checked by tsc)', () => {
    const t = tr('en');
    // @ts-expect-error a mistyped key must not compile
    expect(t('demo.helo')).toBe('demo.helo');
  });
});
