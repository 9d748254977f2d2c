import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form, parseFormBody } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, forbidden, notFound } from '../../../platform/http/errors';
import { type EventRow, getEvent } from '../../events';
import { partnerScopes, type Agency, getAgency, listAgencies } from '../../jobs';
import { assertManageBooth, assertOrganizeFair, canOrganizeFair } from '../permissions';
import type { Booth } from '../schema';
import {
  boothConnections,
  boothFor,
  boothInput,
  connect,
  connectionsCsv,
  fairReport,
  getBooth,
  getFair,
  isFair,
  makeFair,
  markPresent,
  openJobsOf,
  saveBooth,
  setTableNumber,
  shownCount,
  type ScanResult,
} from '../service';
import { fairPath, fairTitle } from '../views/shared';
import { careerfairMessages, tr } from '../messages';
import { DataTable } from '../../../platform/ui/data-table';

export const boothPages = new Hono<AppEnv>();

const agencyLabel = (c: Ctx, a: Pick<Agency, 'name' | 'nameEs'>) => (c.var.locale === 'es' && a.nameEs ? a.nameEs : a.name);

/** The booth in the URL, its agency, and the fair; only its agency's partners and the organizers get through. */
async function managedBooth(c: Ctx): Promise<{ e: EventRow; booth: Booth; agency: Agency }> {
  const e = await getFair(c.var.db, c.req.param('slug') ?? '');
  const booth = await getBooth(c.var.db, e.id, c.req.param('id') ?? '');
  const agency = await getAgency(c.var.db, booth.agencyId);
  assertManageBooth(c.var.viewer, e, agency);
  return { e, booth, agency };
}

/** Staff lines "Name, email" → objects; the service validates each name and email. */
function parseStaff(text: string): { name: string; email: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf(',');
      const tail = i >= 0 ? l.slice(i + 1).trim() : '';
      return i >= 0 && tail.includes('@') ? { name: l.slice(0, i).trim(), email: tail } : { name: l, email: '' };
    });
}

async function boothForm(
  c: Ctx,
  e: EventRow,
  agency: Agency | null,
  booth: Booth | null,
  values: Record<string, string>,
  jobIds: string[],
  errors: Record<string, string>,
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  const organizer = canOrganizeFair(c.var.viewer, e);
  const scopes = partnerScopes(c.var.viewer);
  const choices = agency ? [] : (await listAgencies(c.var.db)).filter((a) => organizer || scopes.includes(a.id) || scopes.includes(a.slug));
  const jobs = agency ? await openJobsOf(c.var.db, agency) : [];
  const action = booth ? fairPath(c, e, `/booths/${booth.id}/edit`) : fairPath(c, e, '/booth');
  const title = agency ? t('careerfair.boothForm.title', { agency: agencyLabel(c, agency) }) : t('careerfair.boothForm.newTitle');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>
        <a href={fairPath(c, e)}>{fairTitle(c, e)}</a>
      </p>
      {c.req.query('saved') === '1' && <Alert type="success">{t('careerfair.boothForm.saved')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method={agency ? 'post' : 'get'} action={action} class="usa-form usa-form--large" novalidate>
        {agency && <Csrf token={c.var.csrfToken} />}
        {!agency ? (
          <>
            <Select
              name="agency"
              label={t('careerfair.boothForm.agency')}
              options={choices.map((a) => ({ value: a.slug, label: agencyLabel(c, a) }))}
              value={values.agency}
              error={errors.agency}
            />
            <Button>{t('careerfair.boothForm.continue')}</Button>
          </>
        ) : (
          <>
            <input type="hidden" name="agency" value={agency.slug} />
            <TextArea
              name="staff"
              label={t('careerfair.boothForm.staff')}
              hint={t('careerfair.boothForm.staffHint')}
              value={values.staff}
              error={errors.staff}
              rows={4}
            />
            <fieldset class="usa-fieldset">
              <legend class="usa-legend">{t('careerfair.boothForm.jobs')}</legend>
              {errors.jobIds && (
                <span class="usa-error-message" id="jobIds-error" role="alert">
                  {errors.jobIds}
                </span>
              )}
              {jobs.length === 0 ? (
                <p>{t('careerfair.boothForm.noJobs')}</p>
              ) : (
                jobs.map((j) => <Checkbox id={`job-${j.id}`} name="jobIds" value={j.id} label={j.title} checked={jobIds.includes(j.id)} />)
              )}
            </fieldset>
            <TextField
              name="languages"
              label={t('careerfair.boothForm.languages')}
              hint={t('careerfair.boothForm.languagesHint')}
              value={values.languages}
              error={errors.languages}
            />
            {organizer && (
              <TextField
                name="tableNumber"
                label={t('careerfair.boothForm.table')}
                hint={t('careerfair.boothForm.tableHint')}
                value={values.tableNumber}
                error={errors.tableNumber}
              />
            )}
            <Button>{t('careerfair.boothForm.save')}</Button>
          </>
        )}
      </form>
    </>,
    status,
  );
}

/** The agency a new booth is for: a partner's own (the one asked for if they have several), any for organizers. */
async function agencyForNewBooth(c: Ctx, e: EventRow, asked: string | undefined): Promise<Agency | null> {
  const scopes = partnerScopes(c.var.viewer);
  const organizer = canOrganizeFair(c.var.viewer, e);
  if (!organizer && scopes.length === 0) throw forbidden();
  const slug = asked || (!organizer && scopes.length === 1 ? scopes[0] : '');
  if (!slug) return null;
  const agency = await getAgency(c.var.db, slug).catch(() => null);
  if (!agency) throw notFound();
  assertManageBooth(c.var.viewer, e, agency);
  return agency;
}

boothPages.get('/events/:slug/fair/booth', allow('signedIn'), async (c) => {
  const e = await getFair(c.var.db, c.req.param('slug'));
  const agency = await agencyForNewBooth(c, e, c.req.query('agency'));
  if (agency) {
    const existing = await boothFor(c.var.db, e.id, agency.id);
    if (existing) return c.redirect(fairPath(c, e, `/booths/${existing.id}/edit`), 303);
  }
  return boothForm(c, e, agency, null, {}, [], {});
});

async function saveFromForm(c: Ctx, e: EventRow, agency: Agency, booth: Booth | null) {
  const body = await parseFormBody(c);
  const values = await form(c);
  const raw = body.jobIds;
  const jobIds = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v): v is string => typeof v === 'string');
  const organizer = canOrganizeFair(c.var.viewer, e);
  const parsed = boothInput.safeParse({
    staff: parseStaff(values.staff ?? ''),
    jobIds,
    languages: (values.languages ?? '').split(','),
    tableNumber: organizer ? (values.tableNumber ?? '') : undefined,
  });
  const mt = tr(c);
  if (!parsed.success) {
    const errs = errorMessages(c, parsed.error, careerfairMessages);
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(errs))
      flat[k.startsWith('staff') ? 'staff' : k.startsWith('jobIds') ? 'jobIds' : k.startsWith('languages') ? 'languages' : k] =
        k.startsWith('staff') ? mt('careerfair.error.staff') : v;
    return boothForm(c, e, agency, booth, values, jobIds, flat, 422);
  }
  try {
    const saved = await saveBooth(c.var.db, e.id, agency, parsed.data, { canSetTable: organizer });
    return c.redirect(fairPath(c, e, `/booths/${saved.id}/edit?saved=1`), 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422)) {
      const errors = errorMessages(c, err.fields, careerfairMessages);
      return boothForm(c, e, agency, booth, values, jobIds, errors, err.status as 409 | 422);
    }
    throw err;
  }
}

boothPages.post('/events/:slug/fair/booth', allow('signedIn'), async (c) => {
  const e = await getFair(c.var.db, c.req.param('slug'));
  const agency = await agencyForNewBooth(c, e, (await form(c)).agency);
  if (!agency) throw notFound();
  return saveFromForm(c, e, agency, (await boothFor(c.var.db, e.id, agency.id)) ?? null);
});

const staffText = (b: Booth) => b.staff.map((s) => (s.email ? `${s.name}, ${s.email}` : s.name)).join('\n');

boothPages.get('/events/:slug/fair/booths/:id/edit', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  return boothForm(
    c,
    e,
    agency,
    booth,
    { staff: staffText(booth), languages: booth.languages.join(', '), tableNumber: booth.tableNumber ?? '' },
    booth.jobIds,
    {},
  );
});

boothPages.post('/events/:slug/fair/booths/:id/edit', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  return saveFromForm(c, e, agency, booth);
});

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
      <p>{t('careerfair.scan.count', { count: shownCount(list.length, c.var.locale) })}</p>
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

boothPages.get('/events/:slug/fair/booths/:id/scan', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  return scanPage(c, e, booth, agency, null, null);
});

boothPages.post('/events/:slug/fair/booths/:id/scan', allow('signedIn'), async (c) => {
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

boothPages.post('/events/:slug/fair/booths/:id/present', allow('signedIn'), async (c) => {
  const { e, booth } = await managedBooth(c);
  await markPresent(c.var.db, booth.id);
  return c.redirect(fairPath(c, e, `/booths/${booth.id}/scan?present=1`), 303);
});

boothPages.get('/events/:slug/fair/booths/:id/connections.csv', allow('signedIn'), async (c) => {
  const { e, booth, agency } = await managedBooth(c);
  const csv = connectionsCsv(await boothConnections(c.var.db, booth.id), c.var.locale, e.timeZone);
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${e.slug}-${agency.slug}-connections.csv"`,
    'Cache-Control': 'no-store',
  });
});

boothPages.get('/events/:slug/fair/manage', allow('organizer'), async (c) => {
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

boothPages.post('/events/:slug/fair/setup', allow('organizer'), async (c) => {
  const e = await getEvent(c.var.db, c.req.param('slug'));
  assertOrganizeFair(c.var.viewer, e);
  await makeFair(c.var.db, e, c.var.viewer!.id);
  return c.redirect(fairPath(c, e, '/manage'), 303);
});

boothPages.post('/events/:slug/fair/booths/:id/table', allow('organizer'), async (c) => {
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
