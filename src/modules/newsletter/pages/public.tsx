import { hrefOf } from '../../../platform/http/urls';
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { page, rawHtml } from '../../../platform/ui/layout';
import { Alert, Checkbox, Csrf, ErrorSummary, Select } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { hit } from '../../../platform/http/rate-limit';
import { clientIp } from '../../../platform/http/request';
import { notFound } from '../../../platform/http/errors';
import { listChapters } from '../../people';
import { newsletterMessages, tr } from '../messages';
import { TOPICS, type Topic } from '../schema';
import {
  archiveHtml,
  confirmSubscriber,
  getIssue,
  getSubscriber,
  isUuid,
  listIssues,
  manageToken,
  preferencesInput,
  readSubscriberToken,
  recordClick,
  recordOpen,
  sendSubscriptionEmail,
  subscribe,
  subscribeInput,
  unsubscribe,
  updatePreferences,
} from '../service';
import { SignupForm } from '../views/forms';
import { expiredSubscriberToken, readUnsubscribeToken } from '../service/common';

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

function topicsFrom(body: Record<string, string | string[]>): Topic[] {
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

function invalidLink(c: Ctx) {
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
async function badManageLink(c: Ctx, token: string | undefined) {
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

newsletterPages.get('/newsletter/preferences', allow('public'), async (c) => {
  const token = c.req.query('token') ?? '';
  const id = await readSubscriberToken(c.var.deps, 'manage', token);
  if (!id) return badManageLink(c, token);
  return prefsPage(c, token, id, c.req.query('confirmed') ? 'confirmed' : c.req.query('saved') ? 'saved' : undefined);
});

newsletterPages.post('/newsletter/preferences', allow('public'), async (c) => {
  const all = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
  const token = typeof all.token === 'string' ? all.token : '';
  const id = await readSubscriberToken(c.var.deps, 'manage', token);
  if (!id) return invalidLink(c);
  const parsed = preferencesInput.safeParse({ language: all.language, topics: topicsFrom(all) });
  if (parsed.success) await updatePreferences(c.var.db, id, parsed.data);
  return c.redirect(localePath(c.var.locale, `/newsletter/preferences?token=${token}&saved=1`), 303);
});

newsletterPages.get('/newsletter/unsubscribe', allow('public'), async (c) => {
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

newsletterPages.post('/newsletter/unsubscribe', allow('public'), async (c) => {
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

/** RFC 8058: mail apps POST `List-Unsubscribe=One-Click` here; it takes effect at once. No CSRF, no page. */
newsletterPages.post('/newsletter/unsubscribe/one-click', allow('public'), async (c) => {
  const id = await readUnsubscribeToken(c.var.deps, c.req.query('token'));
  if (!id || !(await unsubscribe(c.var.db, id).catch(() => null))) return c.text('Unknown or invalid link', 404);
  return c.text('Unsubscribed', 200);
});

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

newsletterPages.get('/newsletter/o/:token', allow('public'), async (c) => {
  await recordOpen(c.var.deps, c.req.param('token').replace(/\.gif$/, ''), c.req.header('user-agent'));
  return c.body(PIXEL, 200, { 'content-type': 'image/gif', 'cache-control': 'no-store, private' });
});

newsletterPages.get('/newsletter/c/:token/:index', allow('public'), async (c) => {
  const index = Number(c.req.param('index'));
  const url =
    Number.isInteger(index) && index >= 0 && index < 10_000
      ? await recordClick(c.var.deps, c.req.param('token'), index, c.req.header('user-agent'))
      : null;
  if (!url) throw notFound();
  return c.redirect(url, 302);
});

newsletterPages.get('/newsletter/archive/:id', allow('public'), async (c) => {
  const t = tr(c);
  const id = c.req.param('id');
  if (!isUuid(id)) throw notFound();
  const issue = await getIssue(c.var.db, id);
  if (issue.status !== 'sent') throw notFound();
  const locale = c.var.locale;
  const { body, blocks } = archiveHtml(issue, locale, issue.frozen?.[locale] ?? null);
  return page(
    c,
    { title: issue.subject[locale] },
    <article>
      <h1>{issue.subject[locale]}</h1>
      <p class="pw-meta">{t('newsletter.archive.sentOn', { date: formatDate(locale, issue.finishedAt ?? issue.createdAt) })}</p>
      <div class="pw-prose">{rawHtml(body)}</div>
      {blocks.events.length > 0 && (
        <>
          <h2>{t('newsletter.email.events')}</h2>
          <ul class="usa-list">
            {blocks.events.map((e) => (
              <li>
                <a href={hrefOf(e.url)}>{e.title}</a>, {e.when}
              </li>
            ))}
          </ul>
        </>
      )}
      {blocks.jobs.length > 0 && (
        <>
          <h2>{t('newsletter.email.jobs')}</h2>
          <ul class="usa-list">
            {blocks.jobs.map((j) => (
              <li>
                <a href={hrefOf(j.url)}>{j.title}</a>, {j.agency}
              </li>
            ))}
          </ul>
        </>
      )}
      {blocks.recordings.length > 0 && (
        <>
          <h2>{t('newsletter.email.recordings')}</h2>
          <ul class="usa-list">
            {blocks.recordings.map((r) => (
              <li>
                <a href={hrefOf(r.url)}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>,
  );
});
