import type { Db } from '../../../db/client';
import type { Viewer } from '../../../platform/http/context';
import { AppError, forbidden } from '../../../platform/http/errors';
import { toCsv } from '../../../platform/csv';
import type { Locale } from '../../../platform/i18n';
import type { MetricsHooks } from '../hooks';
import { metricsAccess } from '../permissions';
import { checkPeriod, getPublication, publishedFor, type MetricsQuery } from './publication';
import { computeReport, type MetricsReport } from './report';

const notPublished = () => new AppError('not_published', 404, 'metrics.error.notPublished');

/**
 * The figures this viewer may read for a period: exact where they manage the scope, refused (403)
 * for an organizer outside their chapters, the published scopes only (else 404 "not_published") and
 * suppressed for everyone else.
 */
export async function readReport(
  db: Db,
  hooks: MetricsHooks,
  viewer: Viewer | null,
  q: MetricsQuery & { threshold: number; locale: Locale },
): Promise<MetricsReport> {
  await checkPeriod(db, hooks, q);
  const chapter = q.chapter ?? null;
  const access = metricsAccess(viewer, chapter);
  if (access === 'forbidden') throw forbidden();
  let keys: string[] | null = null;
  if (access === 'public') {
    const p = await getPublication(db, chapter);
    if (!publishedFor(p, q.from, q.to)) throw notPublished();
    keys = p?.metrics ?? null;
  }
  return computeReport(db, hooks, {
    from: q.from,
    to: q.to,
    chapter,
    threshold: q.threshold,
    exact: access === 'exact',
    keys,
    locale: q.locale,
  });
}

/** `metric,chapter,from,to,value,suppressed`: the scope's row (chapter empty for the network), then each chapter's. */
export function reportCsv(r: MetricsReport): string {
  const rows: (string | number)[][] = [];
  for (const m of r.metrics) {
    rows.push([m.key, r.chapter ?? '', r.from, r.to, m.value ?? '', String(m.suppressed || !!m.publicSuppressed)]);
    for (const [slug, c] of Object.entries(m.byChapter ?? {})) {
      rows.push([m.key, slug, r.from, r.to, c.value ?? '', String(c.suppressed || !!c.publicSuppressed)]);
    }
  }
  return toCsv(['metric', 'chapter', 'from', 'to', 'value', 'suppressed'], rows);
}

/**
 * A grant report's figures: one report per chosen chapter (or the network when none is chosen), each
 * as funders may see it (suppressed), for a reader who manages every scope in it.
 */
export async function grantReports(
  db: Db,
  hooks: MetricsHooks,
  viewer: Viewer | null,
  q: { from: string; to: string; chapters: string[]; keys: string[] | null; threshold: number; locale: Locale },
): Promise<MetricsReport[]> {
  const scopes = q.chapters.length ? q.chapters : [null];
  for (const chapter of scopes) {
    await checkPeriod(db, hooks, { from: q.from, to: q.to, chapter });
    if (metricsAccess(viewer, chapter) !== 'exact') throw forbidden();
  }
  const out: MetricsReport[] = [];
  for (const chapter of scopes) {
    out.push(
      await computeReport(db, hooks, {
        from: q.from,
        to: q.to,
        chapter,
        threshold: q.threshold,
        exact: false,
        keys: q.keys,
        locale: q.locale,
      }),
    );
  }
  return out;
}
