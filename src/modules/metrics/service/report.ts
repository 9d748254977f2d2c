import type { Db } from '../../../db/client';
import { isSmallCount, suppressedCells } from '../../../platform/counts';
import type { Locale } from '../../../platform/i18n';
import { daysInZone, DEFAULT_TIME_ZONE } from '../../../platform/time';
import type { ChapterInfo, MetricsHooks } from '../hooks';
import { registeredFigures, type Figure, type FigureKind, type FigureScope, type FigureSource, type FigureValue } from '../registry';
import { METRIC_KEYS } from './figures';

/**
 * One figure as a reader sees it. Shown outside the organizers, a hidden cell is
 * `{ value: null, suppressed: true }`; organizers and admins see the exact value, with
 * `publicSuppressed` marking where the public sees a dash.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
  publicSuppressed?: boolean;
}

export interface MetricResult extends Cell {
  key: string;
  kind: FigureKind;
  label: string;
  definition: string;
  byChapter?: Record<string, Cell>;
  /** Where a figure that has more than one comes from (placements, confidence): surveys, organizers' entries, or both. */
  source?: FigureSource;
  perEvent?: { slug: string; label: string; rsvps: Cell }[];
}

export interface MetricsReport {
  from: string;
  to: string;
  chapter: string | null;
  threshold: number;
  exact: boolean;
  chapters: ChapterInfo[];
  metrics: MetricResult[];
}

/** Built-in figures first, in their fixed order, then those later modules registered. */
function orderedFigures(): Figure[] {
  const rank = (k: string) => {
    const i = (METRIC_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? METRIC_KEYS.length : i;
  };
  return [...registeredFigures()].sort((a, b) => rank(a.key) - rank(b.key));
}

export function figureKeys(): string[] {
  return orderedFigures().map((f) => f.key);
}

/** Would the public be kept from seeing this value? */
function hiddenFromPublic(kind: FigureKind, v: FigureValue, threshold: number): boolean {
  if (v.value === null) return false;
  if (kind === 'people') return isSmallCount(v.value, threshold);
  if (kind === 'rate') return (v.base ?? 0) < threshold;
  return false;
}

function cell(value: number | null, hidden: boolean, exact: boolean): Cell {
  if (exact) return hidden ? { value, suppressed: false, publicSuppressed: true } : { value, suppressed: false };
  return hidden ? { value: null, suppressed: true } : { value, suppressed: false };
}

async function computeScope(
  db: Db,
  figures: Figure[],
  q: { from: string; to: string; chapter: string | null },
  zones: Record<string, string>,
  zone: string,
) {
  const memo = new Map<string, Promise<unknown>>();
  const scope: FigureScope = {
    db,
    from: q.from,
    to: q.to,
    chapter: q.chapter,
    ...daysInZone(q.from, q.to, zone),
    zones,
    memo: <T>(key: string, work: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, work());
      return memo.get(key) as Promise<T>;
    },
  };
  const out = new Map<string, FigureValue>();
  // One after another: a PGlite connection serves one query at a time, and the memo shares the rest.
  for (const f of figures) {
    const v = await f.compute(scope);
    if (v) out.set(f.key, v);
  }
  return out;
}

/**
 * The figures of a period for one chapter, or for the network with each chapter beside it, with
 * small-cell suppression applied for the public (also by subtraction: a per-event list hides a second
 * cell when one alone would be hidden; the network's total hides when any chapter's cell does, since
 * each chapter's page shows its own).
 */
export async function computeReport(
  db: Db,
  hooks: MetricsHooks,
  q: { from: string; to: string; chapter: string | null; threshold: number; exact: boolean; keys?: string[] | null; locale: Locale },
): Promise<MetricsReport> {
  const chapters = await hooks.chapters.listChapters(db);
  const zones = Object.fromEntries(chapters.map((c) => [c.slug, c.timeZone]));
  const figures = orderedFigures().filter((f) => !q.keys || q.keys.includes(f.key));
  const own = q.chapter ? zones[q.chapter] : (chapters[0]?.timeZone ?? DEFAULT_TIME_ZONE);
  const main = await computeScope(db, figures, { from: q.from, to: q.to, chapter: q.chapter }, zones, own);
  const per = new Map<string, Map<string, FigureValue>>();
  if (!q.chapter) {
    for (const ch of chapters)
      per.set(ch.slug, await computeScope(db, figures, { from: q.from, to: q.to, chapter: ch.slug }, zones, ch.timeZone));
  }
  const metrics: MetricResult[] = [];
  for (const f of figures) {
    const v = main.get(f.key);
    if (!v) continue;
    let hidden = hiddenFromPublic(f.kind, v, q.threshold);
    let byChapter: Record<string, Cell> | undefined;
    if (!q.chapter) {
      byChapter = {};
      for (const [slug, values] of per) {
        const cv = values.get(f.key) ?? { value: null };
        const h = hiddenFromPublic(f.kind, cv, q.threshold);
        if (h) hidden = true;
        byChapter[slug] = cell(cv.value, h, q.exact);
      }
    }
    const result: MetricResult = {
      key: f.key,
      kind: f.kind,
      label: f.label(q.locale),
      definition: f.definition(q.locale),
      ...cell(v.value, hidden, q.exact),
      ...(byChapter ? { byChapter } : {}),
      ...(v.source ? { source: v.source } : {}),
    };
    if (v.items) {
      const hiddenItems = suppressedCells(
        v.items.map((i) => i.value),
        true,
        q.threshold,
      );
      result.perEvent = v.items.map((i, n) => ({ slug: i.key, label: i.label, rsvps: cell(i.value, hiddenItems[n], q.exact) }));
    }
    metrics.push(result);
  }
  return { from: q.from, to: q.to, chapter: q.chapter, threshold: q.threshold, exact: q.exact, chapters, metrics };
}
