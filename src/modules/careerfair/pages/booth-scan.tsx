import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { formatNumber } from '../../../platform/i18n/format';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import type { EventRow } from '../../events';
import type { Agency } from '../../jobs';
import type { Booth } from '../schema';
import { boothConnections, connect, connectionsCsv, markPresent, type ScanResult } from '../service';
import { fairPath, fairTitle } from '../views/shared';
import { tr } from '../messages';
import { DataTable } from '../../../platform/ui/data-table';
import { agencyLabel, managedBooth } from './booths';

export const boothScanPages = new Hono<AppEnv>();

async function scanPage(
  c: Ctx,
  e: EventRow,
  booth: Booth,
  agency: Agency,
  result: ScanResult | null,
  error: string | null,
  status: 200 | 404 = 200,
) {
  const t = tr(c);
  const list = await boothConnections(c.var.db, booth.id);
  const name = agencyLabel(c, agency);
  return page(
    c,
    { title: t('careerfair.scan.title', { agency: name }), index: false, scripts: ['careerfair.js'] },
    <>
      <h1>{t('careerfair.scan.title', { agency: name })}</h1>
      <p>
        <a href={fairPath(c, e)}>{fairTitle(c, e)}</a>
      </p>
      {result?.outcome === 'connected' && <Alert type="success">{t('careerfair.scan.connected', { name: result.name })}</Alert>}
      {result?.outcome === 'already' && <Alert type="info">{t('careerfair.scan.already', { name: result.name })}</Alert>}
      {result?.outcome === 'noConsent' && <Alert type="warning">{t('careerfair.scan.noConsent')}</Alert>}
      {c.req.query('present') === '1' && <Alert type="success">{t('careerfair.scan.presentDone')}</Alert>}
      <p>{t('careerfair.scan.lead')}</p>
      <form method="post" action={fairPath(c, e, `/booths/${booth.id}/scan`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField name="code" label={t('careerfair.scan.code')} error={error ?? undefined} autocomplete="off" />
        <div id="qr-scan" data-label={t('careerfair.scan.camera')} data-stop={t('careerfair.scan.cameraStop')}></div>
        <Button>{t('careerfair.scan.submit')}</Button>
      </form>
      {!booth.presentAt && (
        <form method="post" action={fairPath(c, e, `/booths/${booth.id}/present`)} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <Button variant="outline">{t('careerfair.scan.present')}</Button>
        </form>
      )}
      <h2>{t('careerfair.scan.connections')}</h2>
      <p>{t('careerfair.scan.count', { count: formatNumber(c.var.locale, list.length) })}</p>
      {list.length === 0 ? (
        <p>{t('careerfair.scan.none')}</p>
      ) : (
        <>
          <p>
            <a href={localePath(c.var.locale, `/events/${e.slug}/fair/booths/${booth.id}/connections.csv`)}>
              {t('careerfair.scan.download')}
            </a>
          </p>
          <DataTable
            caption={t('careerfair.scan.connections')}
            captionHidden
            borderless
            rows={list}
            columns={[
              { label: t('careerfair.csv.name'), cell: (r) => r.name },
              { label: t('careerfair.csv.email'), cell: (r) => r.email },
              { label: t('careerfair.csv.interests'), cell: (r) => r.interests ?? '' },
              { label: t('careerfair.scan.connectedAt'), cell: (r) => formatDateTime(c.var.locale, r.connectedAt, e.timeZone) },
            ]}
          />
        </>
      )}
    </>,
    status,
  );
}

boothScanPages.get('/events/:slug/fair/booths/:id/scan', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  return scanPage(c, e, booth, agency, null, null);
});

boothScanPages.post('/events/:slug/fair/booths/:id/scan', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  const code = (await form(c)).code ?? '';
  try {
    return scanPage(c, e, booth, agency, await connect(c.var.db, c.var.deps.secret, booth, code, c.var.viewer!.id), null);
  } catch (err) {
    if (err instanceof AppError && err.code === 'unknown_code')
      return scanPage(c, e, booth, agency, null, tr(c)('careerfair.scan.unknown'), 404);
    throw err;
  }
});

boothScanPages.post('/events/:slug/fair/booths/:id/present', allow('signedIn'), async (c) => {
  const { e, booth } = await managedBooth(c);
  await markPresent(c.var.db, booth.id);
  return c.redirect(fairPath(c, e, `/booths/${booth.id}/scan?present=1`), 303);
});

boothScanPages.get('/events/:slug/fair/booths/:id/connections.csv', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  const csv = connectionsCsv(await boothConnections(c.var.db, booth.id), c.var.locale, e.timeZone);
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${e.slug}-${agency.slug}-connections.csv"`,
    'Cache-Control': 'no-store',
  });
});
