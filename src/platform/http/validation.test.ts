import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMessages, type Locale } from '../i18n';
import { shared } from '../i18n/messages';
import { errorMessages, isEmailAddress } from './validation';
import { registerErrorMessages } from './errors-handler';

describe('the email-address check', () => {
  it('accepts ordinary addresses, trimmed', () => {
    expect(isEmailAddress('ana@example.org')).toBe(true);
    expect(isEmailAddress('  ana.lopez+news@sub.example.co  ')).toBe(true);
  });

  it('refuses what is not one address', () => {
    for (const bad of [
      '',
      'ana',
      'ana@',
      '@example.org',
      'ana@example',
      'a b@example.org',
      'a@b@example.org',
      `${'a'.repeat(250)}@example.org`,
    ]) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });
});

describe('field-error translation', () => {
  const demo = defineMessages('validation-demo', { 'demo.taken': 'That slug is taken' }, { 'demo.taken': 'Ese nombre ya existe' });
  const ctx = (locale: Locale) => ({ var: { locale, t: shared.any(locale) } });

  it('uses the shared catalog for shared keys and the module catalog for its own', () => {
    const schema = z.object({ name: z.string().max(3), slug: z.string().refine(() => false, { message: 'demo.taken' }) });
    const parsed = schema.safeParse({ name: 'long name', slug: 'x' });
    expect(parsed.success).toBe(false);
    const es = errorMessages(ctx('es'), parsed.error!, demo);
    expect(es.slug).toBe('Ese nombre ya existe');
    expect(es.name).toBe(shared.any('es')('validation.tooLong', { max: 3 }));
    expect(errorMessages(ctx('en'), { slug: 'demo.taken', name: 'validation.required' }, demo)).toEqual({
      slug: 'That slug is taken',
      name: shared.any('en')('validation.required'),
    });
  });

  it('a module key reaching a route that did not pass its catalog is still translated, never shown raw', () => {
    const late = defineMessages(
      'validation-late',
      { 'late.needsDate': 'Give the date they agreed.' },
      { 'late.needsDate': 'Indica la fecha en que aceptaron.' },
    );
    registerErrorMessages(late);
    const schema = z.object({ when: z.string().refine(() => false, { message: 'late.needsDate' }) });
    expect(errorMessages(ctx('es'), schema.safeParse({ when: 'x' }).error!)).toEqual({ when: 'Indica la fecha en que aceptaron.' });
  });
});
