import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { formatDate } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import type { ChapterInfo, MetricsHooks } from '../hooks';
import { tr } from '../messages';
import { lastTwelveMonths } from '../lib/period';
import { computeReport } from '../service/report';
import { BarChart } from '../views/chart';
import { LineChart } from '../views/line-chart';
import { shown } from '../views/figures';
import { chapterLabel, dashboardQuery } from './shared';

/** The admins' view of the network: chapters side by side for a period, and the last twelve months. */
export function createNetworkPages(hooks: MetricsHooks) {
  const pages = new Hono<AppEnv>();
  pages.get('/organize/impact/network', allow('admin'), async (c) => {
    const t = tr(c);
    const l = c.var.locale;
    const q = await dashboardQuery(c, hooks);
    const period = q.query && q.query.from <= q.query.to ? q.query : { from: q.from, to: q.to };
    const threshold = c.var.deps.config.SUPPRESSION_THRESHOLD;
    const report = await computeReport(c.var.db, hooks, {
      from: period.from,
      to: period.to,
      chapter: null,
      threshold,
      exact: true,
      keys: ['events', 'unique_rsvps'],
      locale: l,
    });
    const last = (await hooks.events?.lastEventByChapter?.(c.var.db)) ?? new Map<string, Date>();
    const organizers = (await hooks.chapters.chapterOrganizers?.(c.var.db)) ?? new Map<string, { fullName: string }[]>();
    const [events, reached] = ['events', 'unique_rsvps'].map((k) => report.metrics.find((m) => m.key === k));
    const zones = Object.fromEntries(report.chapters.map((ch) => [ch.slug, ch.timeZone]));
    const trend: { month: string; events: number; rsvps: number; byChapter: Record<string, number> }[] = [];
    if (hooks.events) {
      for (const m of lastTwelveMonths(period.to)) {
        const a = await hooks.events.eventActivity(c.var.db, { from: m.from, to: m.to, chapters: null, zones });
        const byChapter = Object.fromEntries(
          report.chapters.map((ch) => [ch.slug, a.events.filter((e) => e.chapter === ch.slug).reduce((n, e) => n + e.rsvps, 0)]),
        );
        trend.push({ month: m.month, events: a.events.length, rsvps: a.events.reduce((n, e) => n + e.rsvps, 0), byChapter });
      }
    }
    const cellText = (m: typeof events, slug: string) => (m?.byChapter?.[slug] ? shown(l, m, m.byChapter[slug], threshold) : '—');
    return page(
      c,
      { title: t('metrics.network.title'), index: false },
      <>
        <h1>{t('metrics.network.title')}</h1>
        <p>{t('metrics.impact.period', { from: period.from, to: period.to })}</p>
        <DataTable
          caption={t('metrics.dashboard.byChapter')}
          columns={[
            { label: t('metrics.network.chapter'), cell: (ch: ChapterInfo) => chapterLabel(c, ch), rowHeader: true },
            { label: t('metrics.network.events'), cell: (ch: ChapterInfo) => cellText(events, ch.slug), numeric: true },
            { label: t('metrics.network.reached'), cell: (ch: ChapterInfo) => cellText(reached, ch.slug), numeric: true },
            {
              label: t('metrics.network.last'),
              cell: (ch: ChapterInfo) => {
                const d = last.get(ch.slug);
                return d ? formatDate(l, d, ch.timeZone) : t('metrics.network.never');
              },
            },
            {
              label: t('metrics.network.organizers'),
              cell: (ch: ChapterInfo) => (organizers.get(ch.slug) ?? []).map((o) => o.fullName).join(', '),
            },
          ]}
          rows={report.chapters}
        />
        {trend.length > 0 && (
          <>
            <h2>{t('metrics.network.trend')}</h2>
            <BarChart
              id="trend-rsvps"
              title={t('metrics.network.trend')}
              description={t('metrics.network.trendDesc')}
              labelColumn={t('metrics.network.month')}
              valueColumn={t('metrics.label.rsvps')}
              bars={trend.map((m) => ({
                label: m.month,
                value: m.rsvps,
                shown: `${m.rsvps} (${m.events} ${t('metrics.label.events').toLowerCase()})`,
              }))}
            />
            {report.chapters.length > 0 && (
              <>
                <h2>{t('metrics.network.chapterTrend')}</h2>
                <LineChart
                  id="trend-chapters"
                  title={t('metrics.network.chapterTrend')}
                  description={t('metrics.network.chapterTrendDesc')}
                  periodColumn={t('metrics.network.month')}
                  periods={trend.map((m) => m.month)}
                  series={report.chapters.map((ch) => ({
                    label: chapterLabel(c, ch),
                    values: trend.map((m) => m.byChapter[ch.slug] ?? 0),
                  }))}
                />
              </>
            )}
          </>
        )}
      </>,
    );
  });
  return pages;
}
