import { IntlMessageFormat } from 'intl-messageformat';

export type Locale = 'en' | 'es';

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'es';
}

export type Catalog = Record<string, string>;
type Values = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate<K extends string = string> = (key: K, values?: Values) => string;

/** Every catalog ever built, so tests can prove English and Spanish have the same keys. */
export const allCatalogs: { name: string; en: Catalog; es: Catalog }[] = [];

/** A message ready to write: its text when there is nothing to fill in, else compiled once. */
type Compiled = string | IntlMessageFormat;

/** ICU gives `{`, `}` and `'` their meaning: a message without them is written as it stands. */
const PLAIN = /^[^{}']*$/;

export function compileMessage(locale: Locale, message: string): Compiled {
  if (PLAIN.test(message)) return message;
  try {
    return new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
  } catch {
    // Not ICU (a key known only at run time, written as itself): shown as it stands.
    return message;
  }
}

function write(compiled: Compiled, message: string, values?: Values): string {
  if (typeof compiled === 'string') return compiled;
  try {
    return String(compiled.format(values as Record<string, string>));
  } catch {
    // A missing placeholder value must not turn a page into an error; the catalog test catches the cause.
    return message;
  }
}

/**
 * A module's translator. `es` is typed against `en`, so a missing Spanish message is a compile error;
 * messages are ICU MessageFormat (plurals, selects, numbers, dates).
 */
export function defineMessages<E extends Catalog>(name: string, en: E, es: { [K in keyof E]: string }) {
  allCatalogs.push({ name, en, es: es as Catalog });
  const catalogs: Record<Locale, Catalog> = { en, es: es as Catalog };
  // Compiled once per message, found by its key (a page writes hundreds). Keys only known at run time
  // that no catalog has are written as themselves and not kept.
  const compiled: Record<Locale, Map<string, Compiled>> = { en: new Map(), es: new Map() };
  return {
    en,
    es,
    for(locale: Locale): Translate<Extract<keyof E, string>> {
      const catalog = catalogs[locale];
      const kept = compiled[locale];
      return (key, values) => {
        const message = Object.hasOwn(catalog, key) ? catalog[key] : Object.hasOwn(en, key) ? en[key] : key;
        let c = kept.get(key);
        if (c === undefined) {
          c = compileMessage(locale, message);
          if (message !== key) kept.set(key, c);
        }
        return write(c, message, values);
      };
    },
    /** The same, for keys known only at run time (error keys carried by AppError). */
    any(locale: Locale): Translate {
      return this.for(locale) as Translate;
    },
  };
}

/** Where a translator takes its language from: a locale, or a request context carrying one. */
export type LocaleSource = Locale | { var: { locale: Locale } };

/**
 * The one way a module gets its translator: `translator(jobsMessages)` gives `tr(c)` / `tr(locale)`, whose
 * key parameter is the catalog's keys, so a mistyped key fails to compile. Keys known only at run time
 * (error keys carried by AppError) go through `messages.any(locale)`.
 */
export function translator<K extends string>(messages: { for(locale: Locale): Translate<K> }) {
  return (from: LocaleSource): Translate<K> => messages.for(typeof from === 'string' ? from : from.var.locale);
}

/** Picks English or Spanish from an Accept-Language header (q-values honoured). */
function negotiateLocale(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const lang = tag.trim().toLowerCase().split('-')[0];
    if (!isLocale(lang)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: lang, q };
  }
  return best?.locale;
}

/**
 * The language a page request should be sent to instead, if any: an explicit choice (the `lang` cookie)
 * wins; otherwise the browser's Accept-Language, and only from an English (unprefixed) address. An
 * explicit /es/… link (a Spanish email, a shared link) is honoured even after choosing English.
 */
/** What the language rule reads of a request: enough for the server's early path to apply it too. */
export interface LanguageRequest {
  method: string;
  path: string;
  accept?: string;
  acceptLanguage?: string;
  langCookie?: string;
}

export function languageRedirectFor(r: LanguageRequest): Locale | null {
  if (r.method !== 'GET' || r.path.startsWith('/api/') || !(r.accept ?? '').includes('text/html')) return null;
  if (stripLocale(r.path).locale !== 'en') return null;
  const wanted = isLocale(r.langCookie) ? r.langCookie : negotiateLocale(r.acceptLanguage);
  return wanted && wanted !== 'en' ? wanted : null;
}

/** `/es/events/x` -> `/events/x`; `/events/x` stays. */
export function stripLocale(pathname: string): { locale: Locale; path: string } {
  if (pathname === '/es' || pathname.startsWith('/es/')) {
    return { locale: 'es', path: pathname.slice(3) || '/' };
  }
  return { locale: 'en', path: pathname };
}

/** The same page in another language. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'en') return path;
  return path === '/' ? '/es/' : `/es${path}`;
}

const collators = new Map<Locale, Intl.Collator>();
/** Sorting for the reader's language ("Ñ" after "N" in Spanish). */
export function collator(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}
