import { describe, expect, it } from 'vitest';
import { defineMessages, translator } from './index';

const demo = defineMessages('translator-demo', { 'demo.hello': 'Hello, {name}' }, { 'demo.hello': 'Hola, {name}' });
const tr = translator(demo);

describe('translator', () => {
  it('translates for a locale or a request context', () => {
    expect(tr('en')('demo.hello', { name: 'Ana' })).toBe('Hello, Ana');
    expect(tr({ var: { locale: 'es' } })('demo.hello', { name: 'Ana' })).toBe('Hola, Ana');
  });

  it('writes a key no catalog has as itself, and a prototype key is no message', () => {
    const t = demo.any('en');
    expect(t('errors.{not ICU')).toBe('errors.{not ICU');
    expect(t('constructor')).toBe('constructor');
    expect(t('demo.hello', {})).toBe('Hello, {name}');
  });

  it('accepts only the catalog’s keys (checked by tsc)', () => {
    const t = tr('en');
    // @ts-expect-error a mistyped key must not compile
    expect(t('demo.helo')).toBe('demo.helo');
  });
});
