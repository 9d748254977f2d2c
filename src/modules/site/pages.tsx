import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { localePath } from '../../platform/i18n';
import { page } from '../../platform/ui/layout';
import { siteMessages } from './messages';

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

sitePages.get('/about', allow('public'), (c) => {
  const t = siteMessages.for(c.var.locale);
  return page(
    c,
    { title: t('site.about.title') },
    <>
      <h1>{t('site.about.title')}</h1>
      <p class="pw-lead">{t('site.about.body1')}</p>
      <p>{t('site.about.body2')}</p>
      <p>{t('site.about.body3')}</p>
    </>,
  );
});

sitePages.get('/privacy', allow('public'), (c) => {
  const t = siteMessages.for(c.var.locale);
  return page(
    c,
    { title: t('site.privacy.title') },
    <>
      <h1>{t('site.privacy.title')}</h1>
      <p>{t('site.privacy.body1')}</p>
      <p>{t('site.privacy.body2')}</p>
      <p>{t('site.privacy.body3')}</p>
    </>,
  );
});
