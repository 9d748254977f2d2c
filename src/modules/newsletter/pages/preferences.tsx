import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Checkbox, Csrf, Select } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { tr } from '../messages';
import { TOPICS } from '../schema';
import { getSubscriber, preferencesInput, readSubscriberToken, unsubscribe, updatePreferences } from '../service';
import { readUnsubscribeToken } from '../service/common';
import { badManageLink, invalidLink, topicsFrom } from './public';

export const preferencesPages = new Hono<AppEnv>();

async function prefsPage(c: Ctx, token: string, id: string, notice?: 'saved' | 'confirmed') {
  const t = tr(c);
  const s = await getSubscriber(c.var.db, id).catch(() => null);
  if (!s) return invalidLink(c);
  const locale = c.var.locale;
  return page(
    c,
    { title: t('newsletter.prefs.title'), index: false },
    <>
      <h1>{notice === 'confirmed' ? t('newsletter.confirmed.title') : t('newsletter.prefs.title')}</h1>
      {notice === 'confirmed' && <Alert type="success">{t('newsletter.confirmed.body', { email: s.email })}</Alert>}
      {notice === 'saved' && <Alert type="success">{t('newsletter.prefs.saved')}</Alert>}
      <p>{t('newsletter.prefs.for', { email: s.email })}</p>
      <p>{t('newsletter.prefs.status', { status: t(`newsletter.status.${s.status}`) })}</p>
      {s.status !== 'confirmed' && s.status !== 'pending' && (
        <p>
          {t('newsletter.prefs.resubscribe')} <a href={localePath(locale, '/newsletter')}>{t('newsletter.subscribe')}</a>
        </p>
      )}
      <form class="usa-form" method="post" action={localePath(locale, '/newsletter/preferences')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <Select
          name="language"
          label={t('newsletter.field.language')}
          value={s.language}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('newsletter.field.topics')}</legend>
          {TOPICS.map((topic) => (
            <Checkbox
              id={`topic-${topic}`}
              name="topics"
              value={topic}
              label={t(`newsletter.topic.${topic}`)}
              checked={s.topics.includes(topic)}
            />
          ))}
        </fieldset>
        <button class="usa-button" type="submit">
          {t('newsletter.prefs.save')}
        </button>
      </form>
      {s.status === 'confirmed' || s.status === 'pending' ? (
        <>
          <h2>{t('newsletter.unsub.title')}</h2>
          <form method="post" action={localePath(locale, '/newsletter/unsubscribe')}>
            <Csrf token={c.var.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <button class="usa-button usa-button--secondary" type="submit">
              {t('newsletter.unsub.button')}
            </button>
          </form>
        </>
      ) : null}
    </>,
  );
}

preferencesPages.get('/newsletter/preferences', allow('public'), async (c) => {
  const token = c.req.query('token') ?? '';
  const id = await readSubscriberToken(c.var.deps, 'manage', token);
  if (!id) return badManageLink(c, token);
  return prefsPage(c, token, id, c.req.query('confirmed') ? 'confirmed' : c.req.query('saved') ? 'saved' : undefined);
});

preferencesPages.post('/newsletter/preferences', allow('public'), async (c) => {
  const all = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
  const token = typeof all.token === 'string' ? all.token : '';
  const id = await readSubscriberToken(c.var.deps, 'manage', token);
  if (!id) return invalidLink(c);
  const parsed = preferencesInput.safeParse({ language: all.language, topics: topicsFrom(all) });
  if (parsed.success) await updatePreferences(c.var.db, id, parsed.data);
  return c.redirect(localePath(c.var.locale, `/newsletter/preferences?token=${token}&saved=1`), 303);
});

preferencesPages.get('/newsletter/unsubscribe', allow('public'), async (c) => {
  const t = tr(c);
  const token = c.req.query('token') ?? '';
  const id = await readUnsubscribeToken(c.var.deps, token);
  if (!id) return badManageLink(c, token);
  const s = await getSubscriber(c.var.db, id).catch(() => null);
  if (!s) return invalidLink(c);
  return page(
    c,
    { title: t('newsletter.unsub.title'), index: false },
    <>
      <h1>{t('newsletter.unsub.title')}</h1>
      <p>{t('newsletter.unsub.body', { email: s.email })}</p>
      <form method="post" action={localePath(c.var.locale, '/newsletter/unsubscribe')}>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button class="usa-button" type="submit">
          {t('newsletter.unsub.button')}
        </button>
      </form>
      <p>
        <a href={localePath(c.var.locale, `/newsletter/preferences?token=${token}`)}>{t('newsletter.email.prefs')}</a>
      </p>
    </>,
  );
});

preferencesPages.post('/newsletter/unsubscribe', allow('public'), async (c) => {
  const t = tr(c);
  const values = await form(c);
  const id = await readUnsubscribeToken(c.var.deps, values.token);
  const s = id ? await unsubscribe(c.var.db, id).catch(() => null) : null;
  if (!s) return invalidLink(c);
  return page(
    c,
    { title: t('newsletter.unsub.done.title'), index: false },
    <>
      <h1>{t('newsletter.unsub.done.title')}</h1>
      <p>{t('newsletter.unsub.done.body', { email: s.email })}</p>
    </>,
  );
});

/**
 * Mail apps and people also open the one-click address in a browser. A GET never unsubscribes (link
 * scanners follow every link): it leads to the page with the button, in the subscriber's language.
 */
preferencesPages.get('/newsletter/unsubscribe/one-click', allow('public'), async (c) => {
  const token = c.req.query('token') ?? '';
  const id = await readUnsubscribeToken(c.var.deps, token);
  if (!id) return badManageLink(c, token);
  const s = await getSubscriber(c.var.db, id).catch(() => null);
  if (!s) return invalidLink(c);
  return c.redirect(`${localePath(s.language, '/newsletter/unsubscribe')}?token=${encodeURIComponent(token)}`, 303);
});

/** RFC 8058: mail apps POST `List-Unsubscribe=One-Click` here; it takes effect at once. No CSRF, no page. */
preferencesPages.post('/newsletter/unsubscribe/one-click', allow('public'), async (c) => {
  const id = await readUnsubscribeToken(c.var.deps, c.req.query('token'));
  if (!id || !(await unsubscribe(c.var.db, id).catch(() => null))) return c.text('Unknown or invalid link', 404);
  return c.text('Unsubscribed', 200);
});
