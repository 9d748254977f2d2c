import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import { getEvent } from '../../events';
import { assertOrganizeFair } from '../permissions';
import { fairReport, getBooth, getFair, isFair, makeFair, setTableNumber } from '../service';
import { fairPath, fairTitle } from '../views/shared';
import { tr } from '../messages';
import { DataTable } from '../../../platform/ui/data-table';

export const fairManagePages = new Hono<AppEnv>();

fairManagePages.get('/events/:slug/fair/manage', allow('organizer'), async (c) => {
  const t = tr(c);
  const e = await getEvent(c.var.db, c.req.param('slug'));
  assertOrganizeFair(c.var.viewer, e);
  const title = fairTitle(c, e);
  if (!(await isFair(c.var.db, e.id))) {
    return page(
      c,
      { title: t('careerfair.manage.title', { title }), index: false },
      <>
        <h1>{t('careerfair.manage.title', { title })}</h1>
        <p>{t('careerfair.manage.notFair')}</p>
        <form method="post" action={localePath(c.var.locale, `/events/${e.slug}/fair/setup`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <Button>{t('careerfair.manage.make')}</Button>
        </form>
      </>,
    );
  }
  const report = await fairReport(c.var.db, e.id);
  const tableError =
    c.req.query('error') === 'table'
      ? t('careerfair.error.tableTaken')
      : c.req.query('error') === 'format'
        ? t('careerfair.error.tableFormat')
        : null;
  return page(
    c,
    { title: t('careerfair.manage.title', { title }), index: false },
    <>
      <h1>{t('careerfair.manage.title', { title })}</h1>
      <p>
        <a href={fairPath(c, e)}>{t('careerfair.fair.title', { title })}</a> ·{' '}
        <a href={fairPath(c, e, '/booth')}>{t('careerfair.fair.addBooth')}</a>
      </p>
      {tableError && <Alert type="error">{tableError}</Alert>}
      <h2>{t('careerfair.manage.counts')}</h2>
      <ul>
        <li>
          {t('careerfair.manage.registered')}: {report.registered}
        </li>
        <li>
          {t('careerfair.manage.government')}: {report.government}
        </li>
        <li>
          {t('careerfair.manage.consented')}: {report.consented}
        </li>
        <li>
          {t('careerfair.manage.checkedIn')}: {report.checkedIn}
        </li>
      </ul>
      <h2>{t('careerfair.manage.agenciesPresent')}</h2>
      {report.agenciesPresent.length === 0 ? (
        <p>{t('careerfair.manage.nonepresent')}</p>
      ) : (
        <ul>
          {report.agenciesPresent.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      )}
      <h2>{t('careerfair.manage.booths')}</h2>
      <DataTable
        caption={t('careerfair.manage.booths')}
        captionHidden
        rows={report.booths}
        columns={[
          { label: t('careerfair.manage.agency'), cell: (b) => b.agencyName, rowHeader: true },
          {
            label: t('careerfair.manage.table'),
            cell: (b) => (
              <form method="post" action={localePath(c.var.locale, `/events/${e.slug}/fair/booths/${b.id}/table`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <label class="usa-sr-only" for={`table-${b.id}`}>
                  {t('careerfair.manage.tableFor', { agency: b.agencyName })}
                </label>
                <input
                  class="usa-input usa-input--small"
                  id={`table-${b.id}`}
                  name="tableNumber"
                  value={b.tableNumber ?? ''}
                  maxlength={12}
                />
                <Button variant="outline">{t('careerfair.manage.setTable')}</Button>
              </form>
            ),
          },
          { label: t('careerfair.manage.connections'), cell: (b) => b.connections, numeric: true },
          { label: t('careerfair.manage.present'), cell: (b) => (b.present ? t('careerfair.manage.yes') : t('careerfair.manage.no')) },
          {
            label: t('careerfair.manage.actions'),
            cell: (b) => (
              <>
                <a href={fairPath(c, e, `/booths/${b.id}/edit`)}>{t('careerfair.booth.edit')}</a> ·{' '}
                <a href={fairPath(c, e, `/booths/${b.id}/scan`)}>{t('careerfair.booth.scan')}</a>
              </>
            ),
          },
        ]}
      />
    </>,
  );
});

fairManagePages.post('/events/:slug/fair/setup', allow('organizer'), async (c) => {
  const e = await getEvent(c.var.db, c.req.param('slug'));
  assertOrganizeFair(c.var.viewer, e);
  await makeFair(c.var.db, e, c.var.viewer!.id);
  return c.redirect(fairPath(c, e, '/manage'), 303);
});

fairManagePages.post('/events/:slug/fair/booths/:id/table', allow('organizer'), async (c) => {
  const e = await getFair(c.var.db, c.req.param('slug'));
  assertOrganizeFair(c.var.viewer, e);
  const booth = await getBooth(c.var.db, e.id, c.req.param('id'));
  try {
    await setTableNumber(c.var.db, booth, (await form(c)).tableNumber ?? '');
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422))
      return c.redirect(fairPath(c, e, `/manage?error=${err.status === 409 ? 'table' : 'format'}`), 303);
    throw err;
  }
  return c.redirect(fairPath(c, e, '/manage'), 303);
});
