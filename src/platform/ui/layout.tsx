import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Ctx } from '../http/context';
import { localePath, type Locale } from '../i18n';
import { isAdmin } from '../auth/roles';
import { footerBlocks, navItems } from './registry';
import { assetUrl } from '../http/assets';
import { noPublicCache } from '../http/page-cache';
import { withText } from '../http/compression';
import { nameErrorFields } from './error-summary';

export interface PageMeta {
  title: string;
  description?: string;
  /** Extra tags for <head> (Open Graph, JSON-LD, feeds). */
  head?: Child;
  /** Set false for pages search engines should not list (accounts, admin, manage links). */
  index?: boolean;
  /** Scripts that enhance this page (built into /assets). */
  scripts?: string[];
}

/** The icon inline, so no page costs a request (or a 404 for /favicon.ico) for it. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%231a4480'/%3E%3Ctext x='16' y='23' font-family='sans-serif' font-size='20' font-weight='700' text-anchor='middle' fill='%23fff'%3EP%3C/text%3E%3C/svg%3E";

function Layout(props: { c: Ctx; meta: PageMeta; children: Child }) {
  const { c, meta } = props;
  const locale = c.var.locale;
  const t = c.var.t;
  const viewer = c.var.viewer;
  const path = c.var.pagePath;
  const base = c.var.deps.config.baseUrl;
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const query = new URL(c.req.url).search;
  const items = navItems.filter((i) => !i.visible || i.visible(viewer));
  const under = (href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(href + '/'));
  // One entry is current: the deepest that contains this page (/organize/events is "Organize", /organize/surveys "Surveys").
  const current = [...items.map((i) => i.href), '/admin', '/account', '/signin'].filter(under).sort((a, b) => b.length - a.length)[0];
  const here = (href: string) => href === current;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${meta.title} · ${t('site.name')}`}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.index === false && <meta name="robots" content="noindex" />}
        <link rel="icon" href={FAVICON} />
        <link rel="stylesheet" href={assetUrl('pathways.css')} />
        <script type="module" src={assetUrl('menu.js')}></script>
        <link rel="alternate" hreflang="en" href={base + localePath('en', path)} />
        <link rel="alternate" hreflang="es" href={base + localePath('es', path)} />
        <link rel="alternate" hreflang="x-default" href={base + localePath('en', path)} />
        {meta.head}
        {(meta.scripts ?? []).map((s) => (
          <script type="module" src={assetUrl(s)} defer></script>
        ))}
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          {t('layout.skip')}
        </a>
        <header class="pw-header">
          <div class="pw-header__bar">
            <a class="pw-header__title" href={localePath(locale, '/')}>
              {t('site.name')}
            </a>
            <button class="pw-menu-button" type="button" aria-expanded="false" aria-controls="primary-nav" hidden>
              {t('layout.menu')}
            </button>
            <nav id="primary-nav" class="pw-header__nav" aria-label={t('layout.primaryNav')}>
              <ul class="pw-nav">
                {items.map((i) => (
                  <li>
                    <a href={localePath(locale, i.href)} aria-current={here(i.href) ? 'page' : undefined}>
                      {i.label[locale]}
                    </a>
                  </li>
                ))}
                {viewer && isAdmin(viewer) && (
                  <li>
                    <a href={localePath(locale, '/admin')} aria-current={here('/admin') ? 'page' : undefined}>
                      {t('layout.admin')}
                    </a>
                  </li>
                )}
                <li>
                  {viewer ? (
                    <a href={localePath(locale, '/account')} aria-current={here('/account') ? 'page' : undefined}>
                      {t('layout.account')}
                    </a>
                  ) : (
                    <a href={localePath(locale, '/signin')} aria-current={here('/signin') ? 'page' : undefined}>
                      {t('layout.signIn')}
                    </a>
                  )}
                </li>
                <li>
                  <a
                    href={`/language?to=${other}&next=${encodeURIComponent(localePath(other, path) + query)}`}
                    lang={other}
                    hreflang={other}
                  >
                    {t('layout.switchTo')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main-content" class="pw-main" tabindex={-1}>
          <div class="pw-container">{props.children}</div>
        </main>
        <footer class="pw-footer">
          <div class="pw-container">
            {footerBlocks.map((B) => B({ locale, csrfToken: c.var.csrfToken, pagePath: path }))}
            <nav aria-label={t('layout.footerNav')}>
              <ul class="pw-nav">
                <li>
                  <a href={localePath(locale, '/about')}>{t('layout.about')}</a>
                </li>
                <li>
                  <a href={localePath(locale, '/privacy')}>{t('layout.privacy')}</a>
                </li>
              </ul>
            </nav>
            <p class="pw-meta">{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a full page; Hono JSX writes no doctype, so the layout's caller does. */
export function page(c: Ctx, meta: PageMeta, body: Child, status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 = 200) {
  // Pages kept out of search engines (accounts, sign-in, manage links) are never shared from the cache.
  if (meta.index === false) noPublicCache(c);
  const html =
    '<!DOCTYPE html>' +
    nameErrorFields(
      String(
        <Layout c={c} meta={meta}>
          {body}
        </Layout>,
      ),
    );
  return withText(c.html(html, status), html);
}

export const rawHtml = raw;
