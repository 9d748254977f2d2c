import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { siteMessages } from '../messages';

export const sitePages = new Hono<AppEnv>();

sitePages.get('/', allow('public'), (c) => {
  const t = siteMessages.for(c.var.locale);
  return page(
    c,
    { title: t('site.home.title'), description: t('site.home.lead') },
    <>
      <section class="pw-hero">
        <h1>{t('site.home.title')}</h1>
        <p class="pw-lead">{t('site.home.lead')}</p>
        {!c.var.viewer && (
          <p>
            <a class="usa-button" href={localePath(c.var.locale, '/signup')}>
              {t('site.home.start')}
            </a>
          </p>
        )}
      </section>
      <h2>{t('site.home.how')}</h2>
      <ul class="usa-list">
        <li>{t('site.home.events')}</li>
        <li>{t('site.home.jobs')}</li>
        <li>{t('site.home.news')}</li>
      </ul>
    </>,
  );
});

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
