import type { Ctx } from '../../../platform/http/context';
import { localePath, type Locale } from '../../../platform/i18n';

/** Directory entries live at /organizations/<slug> and /initiatives/<slug> (and the same under /es). */
export const entryPath = (locale: Locale, kind: 'organizations' | 'initiatives', slug: string) => localePath(locale, `/${kind}/${slug}`);
export const entryUrl = (c: Ctx, kind: 'organizations' | 'initiatives', slug: string) => `${c.var.deps.config.baseUrl}/${kind}/${slug}`;
export const conveningPath = (locale: Locale, slug: string) => localePath(locale, `/convenings/${slug}`);
export const postPath = (locale: Locale, slug: string) => localePath(locale, `/posts/${slug}`);
export const formPath = (locale: Locale, slug: string) => localePath(locale, `/forms/${slug}`);
