import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { allCatalogs, compileMessage } from './index';
import { Browser, testEnv, visibleText, type TestEnv } from '../../../test/helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

/** Every key appearing in any catalog; a page showing one of these as text shows a raw key. */
function allKeys(): Set<string> {
  return new Set(allCatalogs.flatMap((c) => Object.keys(c.en)));
}

/** Placeholders used by a message, so Spanish never drops or invents one. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (els: ReturnType<typeof parse>) => {
    for (const el of els) {
      if ('value' in el && typeof el.value === 'string' && el.type !== 0) names.add(el.value);
      if ('options' in el && el.options) for (const o of Object.values(el.options)) walk((o as { value: ReturnType<typeof parse> }).value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

describe('message catalogs', () => {
  it('are loaded for every module the app mounts', () => {
    expect(allCatalogs.map((c) => c.name)).toEqual(expect.arrayContaining(['shared', 'auth', 'people', 'site']));
  });

  it('write a message with nothing to fill in exactly as ICU would, without compiling it', () => {
    let plain = 0;
    for (const { en, es } of allCatalogs)
      for (const [locale, catalog] of [
        ['en', en],
        ['es', es],
      ] as const)
        for (const message of Object.values(catalog)) {
          const compiled = compileMessage(locale, message);
          if (typeof compiled !== 'string') continue;
          plain++;
          expect(compiled).toBe(String(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format()));
        }
    expect(plain).toBeGreaterThan(1000);
  });

  it('have the same keys in English and Spanish, with the same placeholders, all valid ICU', () => {
    for (const { name, en, es } of allCatalogs) {
      expect(Object.keys(es).sort(), name).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        // A message deliberately empty in English (no notice for a normal state) may be empty in Spanish.
        if (en[key].trim() !== '') expect(es[key].trim(), `${name}:${key} is empty in Spanish`).not.toBe('');
        expect(argumentsOf(es[key]), `${name}:${key}`).toEqual(argumentsOf(en[key]));
      }
    }
  });

  it('never lets a page show a raw key, in either language', async () => {
    const keys = allKeys();
    const b = new Browser(env);
    await b.signInAs('catalog-admin@example.org', { role: 'admin' });
    const paths = [
      '/',
      '/about',
      '/privacy',
      '/signin',
      '/signup',
      '/signin/check?email=a@b.c',
      '/account',
      '/admin',
      '/admin/people',
      '/admin/outbox',
      '/no-such-page',
    ];
    for (const path of paths) {
      for (const prefix of ['', '/es']) {
        const res = await b.get(prefix + path);
        const words = visibleText(await res.text()).split(/\s+/);
        const raw = words.filter((w) => keys.has(w.replace(/[.,:;!?)]+$/, '')));
        expect(raw, `${prefix}${path}`).toEqual([]);
      }
    }
  });
});
