import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Viewer } from '../../../platform/http/context';
import type { Locale } from '../../../platform/i18n';
import { agencies, jobs } from '../schema';
import { isJobsOrganizer } from '../permissions';
import { jobsMessages } from '../messages';

/** The organizer home's box for jobs: postings waiting for review, oldest concern first. */
export async function jobsOrganizePanels(db: Db, q: { viewer: Viewer; locale: Locale }) {
  if (!isJobsOrganizer(q.viewer)) return [];
  const t = jobsMessages.for(q.locale);
  const waiting = await db
    .select({ id: jobs.id, title: jobs.title, agency: agencies.name, total: sql<number>`count(*) OVER ()::int` })
    .from(jobs)
    .innerJoin(agencies, eq(agencies.id, jobs.agencyId))
    .where(eq(jobs.status, 'pending'))
    .orderBy(desc(jobs.updatedAt))
    .limit(5);
  const total = Number(waiting[0]?.total ?? 0);
  return [
    {
      heading: t('jobs.organize.waiting', { count: total }),
      items: waiting.map((j) => ({ label: j.title, href: `/jobs/manage/${j.id}/edit`, detail: j.agency })),
      empty: t('jobs.organize.noneWaiting'),
      more: { label: t('jobs.manage.title'), href: '/jobs/manage?status=pending' },
      actions: [{ label: t('jobs.organize.import'), href: '/admin/jobs/import' }],
    },
  ];
}
