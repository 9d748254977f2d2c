import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Csrf, ErrorSummary } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { hit } from '../../../platform/http/rate-limit';
import { clientIp } from '../../../platform/http/request';
import { listChapters } from '../../people';
import { newsletterMessages, tr } from '../messages';
import { TOPICS, type Topic } from '../schema';
import {
  confirmSubscriber,
  getSubscriber,
  listIssues,
  manageToken,
  readSubscriberToken,
  sendSubscriptionEmail,
  subscribe,
  subscribeInput,
} from '../service';
import { SignupForm } from '../views/forms';
import { expiredSubscriberToken } from '../service/common';

/** The public routes, which read nothing from other modules; `createNewsletterPages` adds the rest. */
export const newsletterPages = new Hono<AppEnv>();

async function signupPage(c: Ctx, values: Record<string, string> = {}, topics?: Topic[], errors: Record<string, string> = {}) {
  const t = tr(c);
  const locale = c.var.locale;
  const sent = await listIssues(c.var.db, { status: ['sent'], limit: 50 });
  const chapters = await listChapters(c.var.db);
  return page(
    c,
    { title: t('newsletter.page.title'), description: t('newsletter.page.intro') },
    <>
      <h1>{t('newsletter.page.title')}</h1>
      <p class="usa-intro">{t('newsletter.page.intro')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <SignupForm
        locale={locale}
        csrfToken={c.var.csrfToken}
        idPrefix=""
        full
        values={values}
        topics={topics}
        errors={errors}
        chapters={chapters}
      />
      <h2>{t('newsletter.page.archive')}</h2>
      {sent.length === 0 ? (
        <p>{t('newsletter.page.archiveEmpty')}</p>
      ) : (
        <ul class="usa-list">
          {sent.map((i) => (
            <li>
              <a href={localePath(locale, `/newsletter/archive/${i.id}`)}>{i.subject[locale]}</a> (
              {formatDate(locale, i.finishedAt ?? i.createdAt)})
            </li>
          ))}
        </ul>
      )}
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

newsletterPages.get('/newsletter', allow('public'), (c) => signupPage(c));

export function topicsFrom(body: Record<string, string | string[]>): Topic[] {
  const raw = body.topics;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.filter((x): x is Topic => typeof x === 'string' && (TOPICS as readonly string[]).includes(x));
}

newsletterPages.post('/newsletter/subscribe', allow('public'), async (c) => {
  const values = await form(c);
  const all = await c.req.parseBody({ all: true });
  // The footer form has no topic boxes: it means "everything".
  const topics = 'topics' in all ? topicsFrom(all as Record<string, string | string[]>) : [...TOPICS];
  const parsed = subscribeInput.safeParse({
    ...values,
    topics,
    name: values.name || undefined,
    chapterSlug: values.chapterSlug || undefined,
  });
  if (!parsed.success) return signupPage(c, values, topics, errorMessages(c, parsed.error, newsletterMessages));
  const { config } = c.var.deps;
  await hit(c.var.db, { key: `nl-signup-ip:${clientIp(c)}`, limit: 30, windowSeconds: 900, enabled: config.RATE_LIMITS });
  await hit(c.var.db, { key: `nl-signup:${parsed.data.email.toLowerCase()}`, limit: 5, windowSeconds: 900, enabled: config.RATE_LIMITS });
  const result = await subscribe(c.var.db, parsed.data);
  if (result.subscriber && result.action !== 'none') await sendSubscriptionEmail(c.var.deps, result.subscriber, result.action);
  return c.redirect(localePath(c.var.locale, `/newsletter/check?email=${encodeURIComponent(parsed.data.email)}`), 303);
});

newsletterPages.get('/newsletter/check', allow('public'), (c) => {
  const t = tr(c);
  const email = (c.req.query('email') ?? '').slice(0, 320);
  return page(
    c,
    { title: t('newsletter.check.title'), index: false },
    <>
      <h1>{t('newsletter.check.title')}</h1>
      <p>{t('newsletter.check.body', { email })}</p>
    </>,
  );
});

export function invalidLink(c: Ctx) {
  const t = tr(c);
  return page(
    c,
    { title: t('newsletter.page.title'), index: false },
    <>
      <h1>{t('newsletter.page.title')}</h1>
      <Alert type="error">{t('newsletter.link.invalid')}</Alert>
      <p>
        <a href={localePath(c.var.locale, '/newsletter')}>{t('newsletter.subscribe')}</a>
      </p>
    </>,
    410,
  );
}

/** A preferences or unsubscribe link: an expired one offers a fresh link, anything else is invalid. */
export async function badManageLink(c: Ctx, token: string | undefined) {
  const t = tr(c);
  if (!(await expiredSubscriberToken(c.var.deps, token))) return invalidLink(c);
  return page(
    c,
    { title: t('newsletter.link.expired.title'), index: false },
    <>
      <h1>{t('newsletter.link.expired.title')}</h1>
      <p>{t('newsletter.link.expired.body')}</p>
      <form method="post" action={localePath(c.var.locale, '/newsletter/preferences/renew')}>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button class="usa-button" type="submit">
          {t('newsletter.link.expired.button')}
        </button>
      </form>
    </>,
    410,
  );
}

// The fresh link goes to the subscriber's own address, never to whoever holds the old one.
newsletterPages.post('/newsletter/preferences/renew', allow('public'), async (c) => {
  const t = tr(c);
  const values = await form(c);
  const id = await expiredSubscriberToken(c.var.deps, values.token);
  const s = id ? await getSubscriber(c.var.db, id).catch(() => null) : null;
  if (!s) return invalidLink(c);
  await hit(c.var.db, { key: `nl-renew:${s.id}`, limit: 3, windowSeconds: 3600, enabled: c.var.deps.config.RATE_LIMITS });
  await sendSubscriptionEmail(c.var.deps, s, 'manage');
  return page(
    c,
    { title: t('newsletter.link.expired.title'), index: false },
    <>
      <h1>{t('newsletter.link.expired.sentTitle')}</h1>
      <p>{t('newsletter.link.expired.sent')}</p>
    </>,
  );
});

// Opening the link (a mail scanner might) shows a button; only pressing it confirms.
newsletterPages.get('/newsletter/confirm', allow('public'), async (c) => {
  const t = tr(c);
  const token = c.req.query('token');
  const id = await readSubscriberToken(c.var.deps, 'confirm', token);
  if (!id) return invalidLink(c);
  const s = await getSubscriber(c.var.db, id).catch(() => null);
  if (!s) return invalidLink(c);
  return page(
    c,
    { title: t('newsletter.confirm.title'), index: false },
    <>
      <h1>{t('newsletter.confirm.title')}</h1>
      <p>{t('newsletter.confirm.body', { email: s.email })}</p>
      <form method="post" action={localePath(c.var.locale, '/newsletter/confirm')}>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button class="usa-button" type="submit">
          {t('newsletter.confirm.button')}
        </button>
      </form>
    </>,
  );
});

newsletterPages.post('/newsletter/confirm', allow('public'), async (c) => {
  const values = await form(c);
  const id = await readSubscriberToken(c.var.deps, 'confirm', values.token);
  if (!id) return invalidLink(c);
  const s = await confirmSubscriber(c.var.db, id).catch(() => null);
  if (!s) return invalidLink(c);
  const manage = await manageToken(c.var.deps, s.id);
  return c.redirect(localePath(c.var.locale, `/newsletter/preferences?token=${manage}&confirmed=1`), 303);
});
