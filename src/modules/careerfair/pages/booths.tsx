import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form, parseFormBody } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, forbidden, notFound } from '../../../platform/http/errors';
import type { EventRow } from '../../events';
import { partnerScopes, type Agency, getAgency, listAgencies } from '../../jobs';
import { assertManageBooth, canOrganizeFair } from '../permissions';
import type { Booth } from '../schema';
import { boothFor, boothInput, getBooth, getFair, openJobsOf, saveBooth } from '../service';
import { fairPath, fairTitle } from '../views/shared';
import { careerfairMessages, tr } from '../messages';

export const boothPages = new Hono<AppEnv>();

export const agencyLabel = (c: Ctx, a: Pick<Agency, 'name' | 'nameEs'>) => (c.var.locale === 'es' && a.nameEs ? a.nameEs : a.name);

/** The booth in the URL, its agency, and the fair; only its agency's partners and the organizers get through. */
export async function managedBooth(c: Ctx): Promise<{ e: EventRow; booth: Booth; agency: Agency }> {
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
