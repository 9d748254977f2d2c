import { Hono } from 'hono';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Csrf } from '../../../platform/ui/components';
import { AppError, forbidden, notFound } from '../../../platform/http/errors';
import { tr } from '../messages';
import { agencies, jobs, JOB_STATUSES, type Agency, type Job } from '../schema';
import { setPromoted, setStatus, setTechOverride } from '../service';
import { assertManageAgencyJobs, canManageJobs, isJobsOrganizer, partnerScopes } from '../permissions';
import { DataTable } from '../../../platform/ui/data-table';
import { isUuid } from '../../../platform/ids';

export const jobFormRoutes = new Hono<AppEnv>();

export function mustManage(c: Ctx) {
  if (!canManageJobs(c.var.viewer)) throw new AppError('forbidden', 403, 'jobs.notPartner');
}

/** Agencies this viewer may post for: all for organizers, the partner's own otherwise. */
export async function myAgencies(c: Ctx): Promise<Agency[]> {
  if (isJobsOrganizer(c.var.viewer)) return c.var.db.select().from(agencies).orderBy(agencies.name);
  const scopes = partnerScopes(c.var.viewer);
  const ids = scopes.filter(isUuid);
  return c.var.db
    .select()
    .from(agencies)
    .where(or(inArray(agencies.slug, scopes), ids.length ? inArray(agencies.id, ids) : sql`false`))
    .orderBy(agencies.name);
}

export async function jobForManager(c: Ctx, id: string): Promise<{ job: Job; agency: Agency }> {
  if (!isUuid(id)) throw notFound();
  const [row] = await c.var.db
    .select({ job: jobs, agency: agencies })
    .from(jobs)
    .innerJoin(agencies, eq(agencies.id, jobs.agencyId))
    .where(eq(jobs.id, id));
  if (!row) throw notFound();
  assertManageAgencyJobs(c.var.viewer, row.agency);
  return row;
}

jobFormRoutes.get('/jobs/manage', allow('signedIn'), async (c) => {
  mustManage(c);
  const t = tr(c);
  const l = c.var.locale;
  const mine = await myAgencies(c);
  const status = (JOB_STATUSES as readonly string[]).includes(c.req.query('status') ?? '') ? c.req.query('status')! : null;
  const organizer = isJobsOrganizer(c.var.viewer);
  const list = await c.var.db
    .select({ job: jobs, agencyName: agencies.name })
    .from(jobs)
    .innerJoin(agencies, eq(agencies.id, jobs.agencyId))
    .where(
      and(
        organizer ? undefined : inArray(jobs.agencyId, mine.length ? mine.map((a) => a.id) : ['00000000-0000-0000-0000-000000000000']),
        status ? eq(jobs.status, status as Job['status']) : undefined,
      ),
    )
    .orderBy(sql`${jobs.status} = 'pending' DESC`, desc(jobs.updatedAt))
    .limit(200);
  const act = (id: string, what: string, label: string, title: string) => (
    <form method="post" action={localePath(l, `/jobs/manage/${id}/${what}`)} class="pw-inline-form">
      <Csrf token={c.var.csrfToken} />
      <button class="usa-button usa-button--unstyled" type="submit">
        {label} <span class="pw-visually-hidden">{title}</span>
      </button>
    </form>
  );
  return page(
    c,
    { title: t('jobs.manage.title'), index: false },
    <>
      <h1>{t('jobs.manage.title')}</h1>
      <p class="pw-lead">{t('jobs.manage.lead')}</p>
      {c.req.query('saved') === '1' && <Alert type="success">{t('jobs.manage.saved')}</Alert>}
      {c.req.query('submitted') === '1' && <Alert type="success">{t('jobs.manage.submitted')}</Alert>}
      <p class="pw-actions">
        <a class="usa-button" href={localePath(l, '/jobs/manage/new')}>
          {t('jobs.manage.new')}
        </a>
        {organizer && (
          <>
            <a href={localePath(l, '/admin/jobs/import')}>{t('jobs.import.title')}</a>
            <a href={localePath(l, '/admin/jobs/agencies')}>{t('jobs.agencies.manageTitle')}</a>
            <a href={localePath(l, '/admin/jobs/rules')}>{t('jobs.rules.title')}</a>
            <a href={localePath(l, '/admin/jobs/stats')}>{t('jobs.stats.title')}</a>
          </>
        )}
      </p>
      <p>
        {t('jobs.manage.filter')}: <a href={localePath(l, '/jobs/manage')}>{t('jobs.manage.filterAll')}</a>
        {JOB_STATUSES.map((s) => (
          <>
            {' · '}
            <a href={`${localePath(l, '/jobs/manage')}?status=${s}`}>{t(`jobs.status.${s}`)}</a>
          </>
        ))}
      </p>
      <DataTable
        caption={t('jobs.manage.title')}
        captionHidden
        rows={list}
        empty={t('jobs.manage.none')}
        columns={[
          {
            label: t('jobs.form.title'),
            cell: ({ job: j }) => (
              <>
                <a href={localePath(l, `/jobs/${j.id}`)}>{j.title}</a>
                {j.promoted && <span class="usa-tag">{t('jobs.card.promoted')}</span>}
              </>
            ),
          },
          { label: t('jobs.form.agency'), cell: ({ agencyName }) => agencyName },
          { label: t('jobs.manage.status'), cell: ({ job: j }) => t(`jobs.status.${j.status}`) },
          {
            label: t('jobs.manage.tech'),
            cell: ({ job: j }) => (
              <>
                {(j.techOverride ?? j.tech) ? t('jobs.alerts.active') : t('jobs.alerts.paused')}
                <br />
                <span class="pw-meta">
                  {j.techReason ? t('jobs.manage.techReason', { reason: ruleReason(t, j.techReason) }) : t('jobs.manage.techNone')}
                </span>
              </>
            ),
          },
          {
            label: t('jobs.alerts.actions'),
            cell: ({ job: j }) => (
              <>
                <a href={localePath(l, `/jobs/manage/${j.id}/edit`)}>
                  {t('jobs.manage.edit')} <span class="pw-visually-hidden">{j.title}</span>
                </a>
                {organizer && (
                  <>
                    {j.status !== 'published' && <> · {act(j.id, 'publish', t('jobs.manage.publish'), j.title)}</>}
                    {j.status === 'pending' && <> · {act(j.id, 'reject', t('jobs.manage.reject'), j.title)}</>}
                    {j.status === 'published' && <> · {act(j.id, 'close', t('jobs.manage.close'), j.title)}</>}
                    {' · '}
                    {j.promoted
                      ? act(j.id, 'unpromote', t('jobs.manage.unpromote'), j.title)
                      : act(j.id, 'promote', t('jobs.manage.promote'), j.title)}
                    {' · '}
                    {(j.techOverride ?? j.tech)
                      ? act(j.id, 'tech-hide', t('jobs.manage.hideTech'), j.title)
                      : act(j.id, 'tech-show', t('jobs.manage.showTech'), j.title)}
                    {j.techOverride !== null && <> · {act(j.id, 'tech-auto', t('jobs.manage.autoTech'), j.title)}</>}
                  </>
                )}
              </>
            ),
          },
        ]}
      />
    </>,
  );
});

/** The stored reason ("keyword data") with the rule's kind in the reader's language. */
function ruleReason(t: ReturnType<typeof tr>, reason: string): string {
  const m = /^(series|classification|keyword) (.*)$/.exec(reason);
  return m ? `${t(`jobs.rules.kind.${m[1] as 'series' | 'classification' | 'keyword'}`)}: ${m[2]}` : reason;
}

const actions: Record<string, (db: Ctx['var']['db'], id: string) => Promise<unknown>> = {
  publish: (db, id) => setStatus(db, id, 'published'),
  reject: (db, id) => setStatus(db, id, 'rejected'),
  close: (db, id) => setStatus(db, id, 'closed'),
  promote: (db, id) => setPromoted(db, id, true),
  unpromote: (db, id) => setPromoted(db, id, false),
  'tech-show': (db, id) => setTechOverride(db, id, true),
  'tech-hide': (db, id) => setTechOverride(db, id, false),
  'tech-auto': (db, id) => setTechOverride(db, id, null),
};

for (const [name, run] of Object.entries(actions)) {
  jobFormRoutes.post(`/jobs/manage/:id/${name}`, allow('organizer'), async (c) => {
    const { job } = await jobForManager(c, c.req.param('id'));
    if (!isJobsOrganizer(c.var.viewer)) throw forbidden();
    await run(c.var.db, job.id);
    return c.redirect(`${localePath(c.var.locale, '/jobs/manage')}?saved=1`, 303);
  });
}
