import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow, csrfExempt } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import { tr } from '../messages';
import {
  cleanFilters,
  countSavedSearches,
  deleteSavedSearch,
  filtersQuery,
  listSavedSearches,
  MAX_SAVED,
  saveSearch,
  unsubscribeByToken,
  updateSavedSearch,
} from '../service';
import { describeFilters } from '../views/format';
import { DataTable } from '../../../platform/ui/data-table';

/** Saved searches, their alert emails, and the one-click unsubscribe those emails carry. */
export const alertPages = new Hono<AppEnv>();

csrfExempt('/jobs/alerts/unsubscribe');

// ---- Saved searches and alerts ----

alertPages.get('/jobs/alerts', allow('signedIn'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const list = await listSavedSearches(c.var.db, c.var.viewer!.id);
  const action = (id: string, what: string) => localePath(l, `/jobs/alerts/${id}/${what}`);
  return page(
    c,
    { title: t('jobs.alerts.title'), index: false },
    <>
      <h1>{t('jobs.alerts.title')}</h1>
      {c.req.query('saved') === '1' && <Alert type="success">{t('jobs.save.saved')}</Alert>}
      {c.req.query('exists') === '1' && <Alert type="info">{t('jobs.save.exists')}</Alert>}
      <DataTable
        caption={t('jobs.alerts.title')}
        captionHidden
        rows={list}
        empty={t('jobs.alerts.none')}
        columns={[
          {
            label: t('jobs.alerts.search'),
            cell: (s) => <a href={localePath(l, '/jobs') + filtersQuery(s.filters)}>{describeFilters(t, s.filters)}</a>,
          },
          { label: t('jobs.alerts.frequency'), cell: (s) => (s.frequency === 'daily' ? t('jobs.save.daily') : t('jobs.save.weekly')) },
          { label: t('jobs.alerts.status'), cell: (s) => (s.active ? t('jobs.alerts.active') : t('jobs.alerts.paused')) },
          {
            label: t('jobs.alerts.actions'),
            cell: (s) => (
              <>
                <form method="post" action={action(s.id, s.active ? 'off' : 'on')} class="pw-inline-form">
                  <Csrf token={c.var.csrfToken} />
                  <button class="usa-button usa-button--unstyled" type="submit">
                    {s.active ? t('jobs.alerts.turnOff') : t('jobs.alerts.turnOn')}
                  </button>
                </form>{' '}
                <form method="post" action={action(s.id, 'delete')} class="pw-inline-form">
                  <Csrf token={c.var.csrfToken} />
                  <button class="usa-button usa-button--unstyled" type="submit">
                    {t('jobs.alerts.delete')}
                  </button>
                </form>
              </>
            ),
          },
        ]}
      />
    </>,
  );
});

alertPages.post('/jobs/alerts', allow('signedIn'), async (c) => {
  const values = await form(c);
  const f = cleanFilters(c.req.query());
  const frequency = values.frequency === 'daily' ? 'daily' : 'weekly';
  const me = c.var.viewer!.id;
  if ((await countSavedSearches(c.var.db, me)) >= MAX_SAVED)
    throw new AppError('too_many', 409, 'jobs.save.tooMany', {}, { max: MAX_SAVED });
  const { existed } = await saveSearch(c.var.db, me, f, frequency);
  return c.redirect(`${localePath(c.var.locale, '/jobs/alerts')}?${existed ? 'exists' : 'saved'}=1`, 303);
});

for (const what of ['on', 'off', 'delete'] as const) {
  alertPages.post(`/jobs/alerts/:id/${what}`, allow('signedIn'), async (c) => {
    const id = c.req.param('id');
    const me = c.var.viewer!.id;
    if (what === 'delete') await deleteSavedSearch(c.var.db, me, id);
    else await updateSavedSearch(c.var.db, me, id, { active: what === 'on' });
    return c.redirect(localePath(c.var.locale, '/jobs/alerts'), 303);
  });
}

/** Opening the link shows a button (mail scanners open links); the button, or a one-click POST, stops it. */
alertPages.get('/jobs/alerts/unsubscribe', allow('public'), (c) => {
  const t = tr(c);
  const token = c.req.query('token') ?? '';
  return page(
    c,
    { title: t('jobs.alerts.unsubTitle'), index: false },
    <>
      <h1>{t('jobs.alerts.unsubTitle')}</h1>
      <form method="post" action={`${localePath(c.var.locale, '/jobs/alerts/unsubscribe')}?token=${encodeURIComponent(token)}`}>
        <Button>{t('jobs.alerts.unsubButton')}</Button>
      </form>
    </>,
  );
});

alertPages.post('/jobs/alerts/unsubscribe', allow('public'), async (c) => {
  const t = tr(c);
  const ok = await unsubscribeByToken(c.var.db, c.var.deps.secret, (c.req.query('token') ?? '').slice(0, 2000));
  if (!(c.req.header('accept') ?? '').includes('text/html')) return c.text(ok ? 'OK' : 'Invalid', ok ? 200 : 400);
  return page(
    c,
    { title: t('jobs.alerts.unsubTitle'), index: false },
    <>
      <h1>{t('jobs.alerts.unsubTitle')}</h1>
      <Alert type={ok ? 'success' : 'error'}>{ok ? t('jobs.alerts.unsubDone') : t('jobs.alerts.unsubBad')}</Alert>
    </>,
    ok ? 200 : 400,
  );
});
