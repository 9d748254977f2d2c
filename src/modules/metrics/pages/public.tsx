import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { notFound } from '../../../platform/http/errors';
import { page } from '../../../platform/ui/layout';
import type { MetricsHooks } from '../hooks';
import { tr } from '../messages';
import { presetPeriod } from '../lib/period';
import { getPublication } from '../service/publication';
import { readReport } from '../service/read';
import { BarChart } from '../views/chart';
import { FiguresTable, shown } from '../views/figures';
import { chapterLabel, today } from './shared';
import { DEFAULT_TIME_ZONE } from '../../../platform/time';

/** "Our impact": the published period and figures of a chapter or the network, as the public sees them. */
async function impactPage(c: Ctx, hooks: MetricsHooks, slug: string | null) {
  const t = tr(c);
  const l = c.var.locale;
  const chapters = await hooks.chapters.listChapters(c.var.db);
  const chapter = slug ? chapters.find((ch) => ch.slug === slug) : null;
  if (slug && !chapter) throw notFound();
  const pub = await getPublication(c.var.db, slug);
  if (!pub?.published) throw notFound();
  const year = presetPeriod('year', today(chapter?.timeZone ?? chapters[0]?.timeZone ?? DEFAULT_TIME_ZONE));
  const period = { from: pub.fromDate ?? year.from, to: pub.toDate ?? year.to };
  const threshold = c.var.deps.config.SUPPRESSION_THRESHOLD;
  // Read as the public reads it, whoever is signed in: this page is what the public sees.
  const report = await readReport(c.var.db, hooks, null, { ...period, ...(slug ? { chapter: slug } : {}), threshold, locale: l });
  const title = chapter ? t('metrics.impact.chapterTitle', { chapter: chapterLabel(c, chapter) }) : t('metrics.impact.networkTitle');
  const people = report.metrics.filter((m) => m.kind === 'people');
  return page(
    c,
    { title },
    <>
      <h1>{title}</h1>
      <p>{t('metrics.impact.period', { from: report.from, to: report.to })}</p>
      <p>{t('metrics.impact.suppressedNote', { n: threshold })}</p>
      {people.length > 0 && (
        <BarChart
          id="impact-people"
          title={title}
          description={t('metrics.impact.period', { from: report.from, to: report.to })}
          labelColumn={t('metrics.dashboard.figure')}
          valueColumn={t('metrics.dashboard.value')}
          bars={people.map((m) => ({ label: m.label, value: m.suppressed ? null : m.value, shown: shown(l, m, m, threshold) }))}
        />
      )}
      <FiguresTable locale={l} report={report} caption={t('metrics.impact.title')} />
    </>,
  );
}

export function createPublicPages(hooks: MetricsHooks) {
  const pages = new Hono<AppEnv>();
  pages.get('/impact', allow('public'), (c) => impactPage(c, hooks, null));
  pages.get('/chapters/:slug/impact', allow('public'), (c) => impactPage(c, hooks, c.req.param('slug').slice(0, 60)));
  return pages;
}
