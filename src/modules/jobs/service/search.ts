import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundFilters, prepared, type Bound } from '../../../db/prepared';
import { AGENCY_LEVELS, type SearchFilters } from '../schema';
import { agenciesAsA as a, jobsAsJ as j, PUBLIC } from './jobs';
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

/** What a search's SQL depends on besides its values: each combination is one prepared query. */
interface Shape {
  bound: Bound<SearchFilters>;
  /** The words went through the EN↔ES glossary (`to_tsquery` of the widened form), else as typed. */
  widened: boolean;
  fuzzy: boolean;
  sort: Sort;
  publishedAfter: boolean;
}

/**
 * The words in both stemmers. A query with terms the EN↔ES glossary knows (lib/glossary.ts) is
 * searched as the glossary widens it, which holds the words as typed among each term's forms: so
 * "analista de datos" and "data analyst" are the same search, whichever language a posting is in.
 */
function tsQuery(widened: boolean): SQL {
  if (widened) return sql`(to_tsquery('english', ${sql.placeholder('widened')}) || to_tsquery('spanish', ${sql.placeholder('widened')}))`;
  const q = sql.placeholder('q');
  return sql`(websearch_to_tsquery('english', f_unaccent(${q})) || websearch_to_tsquery('spanish', f_unaccent(${q})))`;
}

/**
 * The conditions for a set of filters, on `jobs j JOIN agencies a`. Words match the stemmed
 * full-text vector; `fuzzy` instead matches titles by trigram similarity (typos), used only when the
 * words found nothing, because comparing every title is far slower than the full-text index.
 */
function whereFor({ bound: b, widened, fuzzy, publishedAfter }: Shape): SQL {
  const parts: SQL[] = [PUBLIC];
  if (b.q && !fuzzy) parts.push(sql`j.search @@ ${tsQuery(widened)}`);
  if (b.q && fuzzy) parts.push(sql`f_search_key(${b.q}) <% f_search_key(j.title)`);
  if (b.level) parts.push(sql`a.level = ${b.level}`);
  if (b.agency) parts.push(sql`(a.slug = ${b.agency} OR a.parent_id = (SELECT id FROM agencies WHERE slug = ${b.agency}))`);
  if (b.minSalary) parts.push(sql`coalesce(j.salary_max, j.salary_min) >= ${b.minSalary}`);
  if (b.remote) parts.push(sql`j.workplace IN ('remote', 'hybrid')`);
  if (b.closingWithinDays) parts.push(sql`j.closes_at <= now() + make_interval(days => ${b.closingWithinDays})`);
  if (b.noDegree) parts.push(sql`j.no_degree`);
  if (b.entryLevel) parts.push(sql`j.entry_level`);
  if (publishedAfter) parts.push(sql`j.published_at > ${sql.placeholder('publishedAfter')}`);
  return sql.join(parts, sql` AND `);
}

function orderFor({ bound: b, widened, fuzzy, sort }: Shape): SQL {
  if (sort === 'closing') return sql`j.closes_at ASC NULLS LAST, j.opened_at DESC, j.id`;
  // salary_max is set whenever any pay is (a single figure fills both), so its index serves this.
  if (sort === 'salary') return sql`j.salary_max DESC NULLS LAST, j.opened_at DESC, j.id`;
  if (sort === 'relevance' && b.q && fuzzy)
    return sql`word_similarity(f_search_key(${b.q}), f_search_key(j.title)) DESC, j.opened_at DESC, j.id`;
  if (sort === 'relevance' && b.q) return sql`ts_rank(j.search, ${tsQuery(widened)}) DESC, j.opened_at DESC, j.id`;
  return sql`j.opened_at DESC, j.id`;
}

const COUNT_CAP = 5000;

/** The posting's own columns a list row carries, under their own names. */
const LIST_COLUMNS = [
  'id',
  'title',
  'titleEs',
  'salaryMin',
  'salaryMax',
  'salarySource',
  'payMin',
  'payMax',
  'salaryInterval',
  'locations',
  'workplace',
  'openedAt',
  'closesAt',
  'continuous',
  'employmentType',
  'summary',
  'noDegree',
  'entryLevel',
  'promoted',
  'publishedAt',
] as const;
const listColumns = Object.fromEntries(LIST_COLUMNS.map((k) => [k, j[k]])) as Pick<typeof j, (typeof LIST_COLUMNS)[number]>;

function listQuery(db: Db, shape: Shape) {
  return db
    .select({ ...listColumns, agencyName: a.name, agencyNameEs: a.nameEs, agencySlug: a.slug, agencyLevel: a.level })
    .from(j)
    .innerJoin(a, eq(a.id, j.agencyId))
    .where(whereFor(shape))
    .orderBy(orderFor(shape))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'));
}

// Counting stops at COUNT_CAP: "5,000+ jobs" is as useful as an exact figure and far cheaper.
function countQuery(db: Db, shape: Shape) {
  const capped = db
    .select({ one: sql`1` })
    .from(j)
    .innerJoin(a, eq(a.id, j.agencyId))
    .where(whereFor(shape))
    .limit(COUNT_CAP + 1)
    .as('capped');
  return db.select({ n: sql<number>`count(*)::int` }).from(capped);
}

interface SearchOptions {
  sort?: Sort;
  limit: number;
  offset: number;
  publishedAfter?: Date;
}

/** A search's shape (which query) and its values. */
function planFor(f: SearchFilters, opts: SearchOptions & { fuzzy?: boolean }) {
  const { name, bound } = boundFilters('jobs.search', { ...f });
  const widened = f.q ? translateQuery(f.q) : null;
  const shape: Shape = {
    bound,
    widened: !!widened,
    fuzzy: !!opts.fuzzy,
    sort: opts.sort ?? (f.q ? 'relevance' : 'newest'),
    publishedAfter: !!opts.publishedAfter,
  };
  // Only searches without words are prepared (see searchJobs), so words' handling is not in the name.
  const key = `${name}.${shape.sort}${shape.publishedAfter ? '.since' : ''}`;
  const values = { ...f, widened, publishedAfter: opts.publishedAfter?.toISOString(), limit: opts.limit, offset: opts.offset };
  return { key, shape, values };
}

/** The SQL of a search (list and count) with its values, so the benchmark can run exactly it on the raw driver. */
export function searchSql(db: Db, f: SearchFilters, opts: SearchOptions & { fuzzy?: boolean }) {
  const { shape, values } = planFor(f, opts);
  return { list: listQuery(db, shape).getSQL(), count: countQuery(db, shape).getSQL(), values };
}

/**
 * The public search: one query for the page, and one for the count when the page is full. A search
 * with words is planned for its words each time: how many postings words match varies too much for
 * one plan (a prepared statement's generic plan made "data analyst" 20% slower on PostgreSQL).
 */
export async function searchJobs(
  db: Db,
  f: SearchFilters,
  opts: SearchOptions & { count?: boolean },
): Promise<{ jobs: JobListRow[]; total: number; more: boolean }> {
  let plan = planFor(f, opts);
  const list = async (p: typeof plan) =>
    p.shape.bound.q
      ? listQuery(db, p.shape).execute(p.values)
      : prepared(db, `${p.key}.list`, (db) => listQuery(db, p.shape)).execute(p.values);
  let found: JobListRow[] = await list(plan);
  if (found.length === 0 && f.q && opts.offset === 0) {
    plan = planFor(f, { ...opts, fuzzy: true });
    found = await list(plan);
  }
  let total = found.length + opts.offset;
  if (opts.count !== false && (found.length === opts.limit || opts.offset > 0)) {
    const p = plan;
    const [c] = await (p.shape.bound.q
      ? countQuery(db, p.shape).execute(p.values)
      : prepared(db, `${p.key}.count`, (db) => countQuery(db, p.shape)).execute(p.values));
    total = Number(c.n);
  }
  const more = total > COUNT_CAP;
  if (more) total = COUNT_CAP;
  return { jobs: found, total, more };
}
