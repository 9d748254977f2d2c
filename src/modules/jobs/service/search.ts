import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { AGENCY_LEVELS, type SearchFilters } from '../schema';
import { PUBLIC } from './jobs';
import type { Sort } from '../lib/search-params';
import { translateQuery } from '../lib/glossary';

const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => (v === true || v === 'true' || v === '1' || v === 'on' ? true : undefined));

/** Filters from a query string (page, API, feed, saved search): bad values are dropped, never a 500. */
const filtersSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((s) => s?.slice(0, 200))
    .transform((s) => s?.normalize('NFC').trim() || undefined),
  level: z.enum(AGENCY_LEVELS).optional().catch(undefined),
  agency: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  minSalary: z.coerce.number().int().min(0).max(10_000_000).optional().catch(undefined),
  remote: flag,
  closingWithinDays: z.coerce.number().int().min(1).max(365).optional().catch(undefined),
  noDegree: flag,
  entryLevel: flag,
});

export function cleanFilters(input: Record<string, unknown>): SearchFilters {
  const r = filtersSchema.safeParse(input);
  const f = r.success ? r.data : {};
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as SearchFilters;
}

export interface JobListRow {
  id: string;
  title: string;
  /** Spanish title, when the posting gave one. */
  titleEs: string | null;
  agencyName: string;
  agencyNameEs: string | null;
  agencySlug: string;
  agencyLevel: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salarySource: string | null;
  payMin: number | null;
  payMax: number | null;
  salaryInterval: string | null;
  locations: string[];
  workplace: string;
  openedAt: Date;
  closesAt: Date | null;
  continuous: boolean;
  employmentType: string;
  summary: string | null;
  noDegree: boolean;
  entryLevel: boolean;
  promoted: boolean;
  publishedAt: Date | null;
}

/**
 * The SQL conditions for a set of filters, on `jobs j JOIN agencies a`. Words match the stemmed
 * full-text vector; `fuzzy` instead matches titles by trigram similarity (typos), used only when the
 * words found nothing, because comparing every title is far slower than the full-text index.
 */
/**
 * The words in both stemmers. A query with terms the EN↔ES glossary knows (lib/glossary.ts) is
 * searched as the glossary widens it, which holds the words as typed among each term's forms: so
 * "analista de datos" and "data analyst" are the same search, whichever language a posting is in.
 */
function tsQuery(q: string): SQL {
  const widened = translateQuery(q);
  if (widened) return sql`(to_tsquery('english', ${widened}) || to_tsquery('spanish', ${widened}))`;
  return sql`(websearch_to_tsquery('english', f_unaccent(${q})) || websearch_to_tsquery('spanish', f_unaccent(${q})))`;
}

function whereFor(f: SearchFilters, fuzzy = false): SQL {
  const parts: SQL[] = [PUBLIC];
  if (f.q && !fuzzy) parts.push(sql`j.search @@ ${tsQuery(f.q)}`);
  if (f.q && fuzzy) parts.push(sql`f_search_key(${f.q}) <% f_search_key(j.title)`);
  if (f.level) parts.push(sql`a.level = ${f.level}`);
  if (f.agency) parts.push(sql`(a.slug = ${f.agency} OR a.parent_id = (SELECT id FROM agencies WHERE slug = ${f.agency}))`);
  if (f.minSalary) parts.push(sql`coalesce(j.salary_max, j.salary_min) >= ${f.minSalary}`);
  if (f.remote) parts.push(sql`j.workplace IN ('remote', 'hybrid')`);
  if (f.closingWithinDays) parts.push(sql`j.closes_at <= now() + make_interval(days => ${f.closingWithinDays})`);
  if (f.noDegree) parts.push(sql`j.no_degree`);
  if (f.entryLevel) parts.push(sql`j.entry_level`);
  return sql.join(parts, sql` AND `);
}

function orderFor(f: SearchFilters, sort: Sort, fuzzy: boolean): SQL {
  if (sort === 'closing') return sql`j.closes_at ASC NULLS LAST, j.opened_at DESC, j.id`;
  // salary_max is set whenever any pay is (a single figure fills both), so its index serves this.
  if (sort === 'salary') return sql`j.salary_max DESC NULLS LAST, j.opened_at DESC, j.id`;
  if (sort === 'relevance' && f.q && fuzzy)
    return sql`word_similarity(f_search_key(${f.q}), f_search_key(j.title)) DESC, j.opened_at DESC, j.id`;
  if (sort === 'relevance' && f.q) {
    return sql`ts_rank(j.search, ${tsQuery(f.q)}) DESC, j.opened_at DESC, j.id`;
  }
  return sql`j.opened_at DESC, j.id`;
}

const COUNT_CAP = 5000;

/** The SQL of a search (list and count), so the benchmark can run exactly it on the raw driver. */
export function searchSql(
  f: SearchFilters,
  opts: { sort?: Sort; limit: number; offset: number; publishedAfter?: Date; fuzzy?: boolean },
): { list: SQL; count: SQL } {
  const base = whereFor(f, opts.fuzzy);
  const where = opts.publishedAfter ? sql`${base} AND j.published_at > ${opts.publishedAfter}` : base;
  const sort = opts.sort ?? (f.q ? 'relevance' : 'newest');
  return {
    list: sql`SELECT j.id, j.title, j.title_es AS "titleEs", a.name AS "agencyName", a.name_es AS "agencyNameEs", a.slug AS "agencySlug", a.level AS "agencyLevel",
               j.salary_min AS "salaryMin", j.salary_max AS "salaryMax", j.salary_source AS "salarySource",
               j.pay_min AS "payMin", j.pay_max AS "payMax", j.salary_interval AS "salaryInterval", j.locations, j.workplace,
               j.opened_at AS "openedAt", j.closes_at AS "closesAt", j.continuous, j.employment_type AS "employmentType",
               j.summary, j.no_degree AS "noDegree", j.entry_level AS "entryLevel", j.promoted, j.published_at AS "publishedAt"
        FROM jobs j JOIN agencies a ON a.id = j.agency_id
        WHERE ${where}
        ORDER BY ${orderFor(f, sort, !!opts.fuzzy)}
        LIMIT ${opts.limit} OFFSET ${opts.offset}`,
    // Counting stops at COUNT_CAP: "5,000+ jobs" is as useful as an exact figure and far cheaper.
    count: sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM jobs j JOIN agencies a ON a.id = j.agency_id WHERE ${where} LIMIT ${COUNT_CAP + 1}) capped`,
  };
}

/** The public search: one query for the page, and one for the count when the page is full. */
export async function searchJobs(
  db: Db,
  f: SearchFilters,
  opts: { sort?: Sort; limit: number; offset: number; publishedAfter?: Date; count?: boolean },
): Promise<{ jobs: JobListRow[]; total: number; more: boolean }> {
  let q = searchSql(f, opts);
  let list = await rows<JobListRow>(db, q.list);
  if (list.length === 0 && f.q && opts.offset === 0) {
    q = searchSql(f, { ...opts, fuzzy: true });
    list = await rows<JobListRow>(db, q.list);
  }
  let total = list.length + opts.offset;
  if (opts.count !== false && (list.length === opts.limit || opts.offset > 0)) {
    const [c] = await rows<{ n: number }>(db, q.count);
    total = Number(c.n);
  }
  const more = total > COUNT_CAP;
  if (more) total = COUNT_CAP;
  return {
    jobs: list.map((r) => ({
      ...r,
      openedAt: new Date(r.openedAt),
      closesAt: r.closesAt ? new Date(r.closesAt) : null,
      publishedAt: r.publishedAt ? new Date(r.publishedAt) : null,
      locations: Array.isArray(r.locations) ? r.locations : [],
    })),
    total,
    more,
  };
}
