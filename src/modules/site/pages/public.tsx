import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { siteMessages } from '../messages';
import type { SiteHooks } from '../hooks';

export const sitePages = new Hono<AppEnv>();

/**
 * The home page: a short welcome, then what is coming up (the next events first, so a phone shows the
 * next one in its first screen), a few featured jobs and the hiring guides, each section from the
 * module that owns it. The newsletter sign-up is the footer's, once.
 */
export function homePage(hooks: SiteHooks): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', allow('public'), async (c) => {
    const t = siteMessages.for(c.var.locale);
    const l = c.var.locale;
    const sections = (await Promise.all((hooks.home ?? []).map((h) => h(c)))).flat().sort((a, b) => a.order - b.order);
    return page(
      c,
      { title: t('site.home.title'), description: t('site.home.lead') },
      <>
        <section class="pw-hero pw-hero--home">
          <h1>{t('site.home.title')}</h1>
          <p class="pw-lead">{t('site.home.lead')}</p>
        </section>
        {sections.map((s) => (
          <section class="pw-home-section" id={s.id} aria-labelledby={`${s.id}-heading`}>
            <h2 id={`${s.id}-heading`}>{s.heading}</h2>
            {s.body}
            {s.more && (
              <p>
                <a class="pw-more" href={localePath(l, s.more.href)}>
                  {s.more.label}
                </a>
              </p>
            )}
          </section>
        ))}
        <section class="pw-home-section" aria-labelledby="how-heading">
          <h2 id="how-heading">{t('site.home.how')}</h2>
          <ul class="usa-list">
            <li>{t('site.home.events')}</li>
            <li>{t('site.home.jobs')}</li>
            <li>{t('site.home.news')}</li>
          </ul>
          {!c.var.viewer && (
            <p>
              <a class="usa-button" href={localePath(l, '/signup')}>
                {t('site.home.start')}
              </a>
            </p>
          )}
        </section>
      </>,
    );
  });
  return app;
}

/** A page of plain paragraphs: the first is the lead. */
function textPage(
  path: string,
  title: 'site.about.title' | 'site.privacy.title',
  paragraphs: Parameters<ReturnType<typeof siteMessages.for>>[0][],
) {
  sitePages.get(path, allow('public'), (c) => {
    const t = siteMessages.for(c.var.locale);
    return page(
      c,
      { title: t(title) },
      <>
        <h1>{t(title)}</h1>
        {paragraphs.map((p, i) => (
          <p class={i === 0 ? 'pw-lead' : undefined}>{t(p)}</p>
        ))}
      </>,
    );
  });
}

textPage('/about', 'site.about.title', ['site.about.body1', 'site.about.body2', 'site.about.body3']);
textPage('/privacy', 'site.privacy.title', ['site.privacy.body1', 'site.privacy.body2', 'site.privacy.body3']);
