// Jobs search and import benchmark.
//   npx tsx bench/jobs-search/index.ts [--quick] [--database-url postgres://…]
// Generates postings (100,000; --quick: 10,000), then measures typical searches through the service
// (Drizzle, filters, count) against the very same SQL sent straight to the driver in this process,
// and the import rate of a generated USAJOBS-format file (10,000 items; --quick: 2,000).
import fs from 'node:fs';
import path from 'node:path';
import { PgDialect } from 'drizzle-orm/pg-core';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/services';
import { importFile, searchJobs, searchSql, type Sort, parseUsajobs, type SearchFilters } from '../../src/modules/jobs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  ratio?: number;
}
export interface BenchResult {
  name: string;
  figures: Figure[];
}

const SEARCHES: { name: string; f: SearchFilters; sort?: Sort }[] = [
  { name: 'newest, no filter', f: {} },
  { name: 'words "data analyst"', f: { q: 'data analyst' } },
  { name: 'words "analista de datos"', f: { q: 'analista de datos' } },
  { name: 'county + remote', f: { level: 'county', remote: true } },
  { name: 'min $100k by salary', f: { minSalary: 100_000 }, sort: 'salary' },
  { name: 'closing in 7 days', f: { closingWithinDays: 7 }, sort: 'closing' },
  { name: 'words + no degree + entry level', f: { q: 'programmer', noDegree: true, entryLevel: true } },
];

const TITLES = [
  'Programmer Analyst',
  'Systems Analyst',
  'IT Specialist',
  'Data Analyst',
  'GIS Analyst',
  'Software Developer',
  'Analista de Datos',
  'Cybersecurity Engineer',
  'Database Administrator',
  'Help Desk Technician',
  'Accountant',
  'Web Developer',
];

const TITLES_SQL = sql.raw(`(ARRAY[${TITLES.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}])`);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function generate(database: Database, n: number, tag: string) {
  const db = database.db;
  await db.execute(sql`INSERT INTO agencies (slug, name, level)
    SELECT ${tag} || '-' || i, 'Bench Agency ' || i, (ARRAY['federal','state','county','city','special_district','school_district'])[1 + i % 6]
    FROM generate_series(1, 40) i ON CONFLICT DO NOTHING`);
  for (let start = 0; start < n; start += 20_000) {
    const end = Math.min(n, start + 20_000);
    await db.execute(sql`INSERT INTO jobs (agency_id, title, classification, salary_min, salary_max, salary_interval, locations, workplace, opened_at, closes_at,
        continuous, summary, no_degree, entry_level, source, source_id, dedupe_key, keywords, status, tech, published_at)
      SELECT (SELECT id FROM agencies WHERE slug = ${tag} || '-' || (1 + i % 40)),
             ${TITLES_SQL}[1 + i % ${sql.raw(String(TITLES.length))}] || ' ' || (1 + i % 4),
             ${TITLES_SQL}[1 + i % ${sql.raw(String(TITLES.length))}],
             50000 + (i * 37) % 90000, 60000 + (i * 37) % 90000 + 20000, 'year', ARRAY['Los Angeles, CA'],
             (ARRAY['onsite','hybrid','remote'])[1 + i % 3], now() - make_interval(hours => i % 2000),
             CASE WHEN i % 7 = 0 THEN NULL ELSE now() + make_interval(days => i % 60 - 5) END, i % 7 = 0,
             'Work on public systems for residents of Los Angeles; trabajo en sistemas públicos.', i % 3 = 0, i % 5 = 0,
             'csv', ${tag} || ':' || i, ${tag} || '|' || i, 'Bench Agency', 'published', i % 12 <> 10, now()
      FROM generate_series(${start + 1}::int, ${end}::int) i`);
  }
  await db.execute(sql`ANALYZE jobs`);
  await db.execute(sql`ANALYZE agencies`);
}

/** A USAJOBS Search API response with n postings, as the API writes it. */
export function usajobsFile(n: number, tag: string): string {
  const items = Array.from({ length: n }, (_, i) => ({
    MatchedObjectId: String(900000000 + i),
    MatchedObjectDescriptor: {
      PositionID: `${tag}-${i}`,
      PositionTitle: `${TITLES[i % TITLES.length]} ${i % 9}`,
      PositionURI: `https://www.usajobs.gov/job/${900000000 + i}`,
      ApplyURI: [`https://www.usajobs.gov/job/${900000000 + i}`],
      PositionLocation: [{ LocationName: 'Los Angeles, California' }],
      OrganizationName: `Bench Federal Office ${i % 25}`,
      DepartmentName: 'Department of Bench',
      JobCategory: [{ Name: 'Information Technology Management', Code: i % 4 === 0 ? '0343' : '2210' }],
      JobGrade: [{ Code: 'GS' }],
      PositionSchedule: [{ Name: 'Full-Time', Code: '1' }],
      PositionRemuneration: [
        { MinimumRange: String(60000 + i), MaximumRange: String(90000 + i), RateIntervalCode: 'PA', Description: 'Per Year' },
      ],
      PublicationStartDate: '2026-11-01T00:00:00.0000',
      ApplicationCloseDate: '2099-12-31T23:59:59.9970',
      QualificationSummary: 'One year of specialized experience.',
      UserArea: {
        Details: {
          JobSummary: '<p>Keep systems running.</p>',
          LowGrade: '9',
          HighGrade: '11',
          TeleworkEligible: i % 2 === 0,
          RemoteIndicator: false,
        },
      },
    },
  }));
  return JSON.stringify({ SearchResult: { SearchResultCount: n, SearchResultItems: items } });
}

export async function run(opts: { quick: boolean; databaseUrl?: string }): Promise<BenchResult> {
  const database = opts.databaseUrl ? await openPostgres(opts.databaseUrl, 4) : await openPglite(undefined);
  const backend = opts.databaseUrl ? 'PostgreSQL' : 'PGlite';
  const tag = `bench${Date.now().toString(36)}`;
  const figures: Figure[] = [];
  try {
    await migrateDatabase(database);
    const n = opts.quick ? 10_000 : 100_000;
    await generate(database, n, tag);
    const dialect = new PgDialect({ casing: 'snake_case' });
    const raw = async (q: SQL, values: Record<string, unknown>) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      const filled = fillPlaceholders(params, values);
      if (database.pglite) return database.pglite.query(text, filled);
      return database.pool!.query(text, filled);
    };
    const rounds = opts.quick ? 15 : 40;
    for (const s of SEARCHES) {
      const svc: number[] = [];
      const direct: number[] = [];
      for (let r = 0; r < rounds + 3; r++) {
        let t = performance.now();
        await searchJobs(database.db, s.f, { sort: s.sort, limit: 20, offset: 0 });
        const a = performance.now() - t;
        // Built outside the timing: the baseline is the driver running the finished SQL text.
        const q = searchSql(database.db, s.f, { sort: s.sort, limit: 20, offset: 0 });
        t = performance.now();
        const res = await raw(q.list, q.values);
        if (res.rows.length === 20) await raw(q.count, q.values);
        const b = performance.now() - t;
        if (r >= 3) {
          svc.push(a);
          direct.push(b);
        }
      }
      for (const p of [50, 95]) {
        const v = pct(svc, p);
        const base = pct(direct, p);
        figures.push({
          name: `${backend} search p${p}: ${s.name} (${n.toLocaleString('en-US')} postings)`,
          value: round(v),
          unit: 'ms',
          baseline: { name: 'same SQL on the raw driver', value: round(base), unit: 'ms' },
          ratio: round(v / base),
        });
      }
    }
    const m = opts.quick ? 2_000 : 10_000;
    const file = usajobsFile(m, tag);
    let t = performance.now();
    parseUsajobs(file);
    const parseRate = m / ((performance.now() - t) / 1000);
    t = performance.now();
    const report = await importFile(database.db, { format: 'usajobs', text: file });
    const rate = m / ((performance.now() - t) / 1000);
    if (report.created !== m) throw new Error(`import created ${report.created} of ${m}`);
    figures.push({
      name: `${backend} import of a ${m.toLocaleString('en-US')}-item USAJOBS file`,
      value: Math.round(rate),
      unit: 'postings/s',
      baseline: { name: 'parsing the same file only', value: Math.round(parseRate), unit: 'postings/s' },
      ratio: round(rate / parseRate),
    });
  } finally {
    if (opts.databaseUrl) {
      await database.db.execute(
        sql`DELETE FROM jobs WHERE agency_id IN (SELECT id FROM agencies WHERE slug LIKE ${tag + '-%'} OR name LIKE 'Bench Federal Office %' OR name = 'Department of Bench')`,
      );
      await database.db.execute(
        sql`DELETE FROM agencies WHERE slug LIKE ${tag + '-%'} OR name LIKE 'Bench Federal Office %' OR name = 'Department of Bench'`,
      );
    }
    await database.close();
  }
  return { name: 'jobs-search', figures };
}

const round = (x: number) => Math.round(x * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('jobs-search/index.ts')) {
  const quick = process.argv.includes('--quick');
  const i = process.argv.indexOf('--database-url');
  const databaseUrl = i > 0 ? process.argv[i + 1] : process.env.BENCH_DATABASE_URL;
  const results = [await run({ quick })];
  if (databaseUrl) results.push(await run({ quick, databaseUrl }));
  const figures = results.flatMap((r) => r.figures);
  for (const f of figures)
    console.log(
      `${f.name}: ${f.value} ${f.unit}${f.baseline ? ` (baseline ${f.baseline.value} ${f.baseline.unit}, ratio ${f.ratio})` : ''}`,
    );
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(
    path.join('bench', 'results', 'jobs-search.json'),
    JSON.stringify({ name: 'jobs-search', quick, figures }, null, 2) + '\n',
  );
}
