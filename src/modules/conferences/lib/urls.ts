import type { Locale } from '../../../platform/i18n';

/** A conference page's full address, in a language. */
export function conferenceUrl(baseUrl: string, locale: Locale, slug: string, rest = ''): string {
  return `${baseUrl}${locale === 'es' ? '/es' : ''}/conferences/${slug}${rest}`;
}
