import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, TextField } from '../../../platform/ui/components';
import { tr } from '../messages';
import { jobsPosted, jobsPromoted } from '../service';
import { DataTable } from '../../../platform/ui/data-table';

export const adminStatsPages = new Hono<AppEnv>();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

adminStatsPages.get('/admin/jobs/stats', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const now = new Date();
  const fromS = day.safeParse(c.req.query('from')).data ?? `${now.getUTCFullYear()}-01-01`;
  const toS = day.safeParse(c.req.query('to')).data ?? new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  const from = new Date(`${fromS}T00:00:00Z`);
  const to = new Date(`${toS}T00:00:00Z`);
  const [posted, promoted] = await Promise.all([jobsPosted(c.var.db, from, to), jobsPromoted(c.var.db, from, to)]);
  return page(
    c,
    { title: t('jobs.stats.title'), index: false },
    <>
      <h1>{t('jobs.stats.title')}</h1>
      <form class="usa-form" method="get" action={localePath(l, '/admin/jobs/stats')}>
        <TextField name="from" type="date" label={t('jobs.stats.from')} value={fromS} />
        <TextField name="to" type="date" label={t('jobs.stats.to')} value={toS} />
        <Button>{t('jobs.stats.show')}</Button>
      </form>
      <h2>{t('jobs.stats.posted', { count: posted.total })}</h2>
      <DataTable
        caption={t('jobs.stats.posted', { count: posted.total })}
        captionHidden
        rows={posted.byAgency}
        columns={[
          { label: t('jobs.agencies.level'), cell: (r) => t(`jobs.level.${r.level as 'city'}`) },
          { label: t('jobs.agencies.name'), cell: (r) => r.agencyName },
          { label: t('jobs.stats.count'), cell: (r) => r.count, numeric: true },
        ]}
      />
      <h2>{t('jobs.stats.promoted', { jobs: promoted.jobs, placements: promoted.placements })}</h2>
      <ul class="usa-list">
        {promoted.byChannel.map((ch) => (
          <li>
            {t(`jobs.stats.channel.${ch.channel as 'event'}`)}: {ch.jobs} ({ch.placements})
          </li>
        ))}
      </ul>
    </>,
  );
});
