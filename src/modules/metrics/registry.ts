import type { Db } from '../../db/client';
import type { Locale } from '../../platform/i18n';

/**
 * What a figure counts decides what may be shown of it: counts of people hide from 1 to below the
 * threshold, rates and averages hide when computed from fewer people, counts of things never hide.
 */
export type FigureKind = 'people' | 'things' | 'rate';

/** One period and place a figure is computed for. */
export interface FigureScope {
  db: Db;
  /** Inclusive local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** A chapter's slug, or null for the whole network. */
  chapter: string | null;
  /** The period as instants, [start, end), in the chapter's zone (the network's: its first chapter's). */
  start: Date;
  end: Date;
  /** Every chapter's zone, by slug: events are read in their own chapter's. */
  zones: Record<string, string>;
  /** Work shared by several figures of one scope (the events' activity), done once. */
  memo: <T>(key: string, work: () => Promise<T>) => Promise<T>;
}

/** A figure's item list, such as RSVPs per event: each a count of people, suppressed like its figure. */
interface FigureItem {
  key: string;
  label: string;
  value: number;
}

/** Where a figure's value came from, when it may come from more than one place. */
export type FigureSource = 'surveys' | 'entries' | 'mixed' | 'none';

export interface FigureValue {
  value: number | null;
  source?: FigureSource;
  /** For a rate or average: how many people it was computed from. */
  base?: number;
  items?: FigureItem[];
}

export interface Figure {
  key: string;
  kind: FigureKind;
  /** The name and the one-line definition printed beside the figure, in each language. */
  label: (locale: Locale) => string;
  definition: (locale: Locale) => string;
  compute: (scope: FigureScope) => Promise<FigureValue | null>;
}

const figures: Figure[] = [];

/**
 * Adds a figure to every report (dashboard, public pages, API, CSV, grant report), the way
 * `registerPersonData` adds a module's data to exports: later modules register theirs in `setup`.
 * A key registered twice keeps the first.
 */
export function registerFigure(figure: Figure): void {
  if (!figures.some((f) => f.key === figure.key)) figures.push(figure);
}

export function registeredFigures(): readonly Figure[] {
  return figures;
}
