import type { SearchFilters } from '../schema';

export const SORTS = ['relevance', 'newest', 'closing', 'salary'] as const;
export type Sort = (typeof SORTS)[number];

/** Query string for a set of filters (links, feeds, saved searches). */
export function filtersQuery(f: SearchFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== false && v !== '') p.set(k, String(v));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}
