/**
 * Directory search at 10,000 organizations: words anywhere in names and descriptions in both
 * languages, accents, case and punctuation ignored (f_search_key, trigram index), near misses through
 * the directory's word list. Each search through the service (two round trips: near misses, then the
 * search) is compared with the search's own SQL sent straight to the driver in the same run.
 */
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres } from '../../src/db/client';
import { migrateDatabase } from '../../src/services';
import { nearMisses, organizationsQuery, searchOrganizations } from '../../src/modules/directory';
import { figure, isMain, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';

const SEARCHES: { name: string; q: string }[] = [
  { name: '"innovacion" (stored "Innovación")', q: 'innovacion' },
  { name: '"obrien" (stored "O\'Brien")', q: 'obrien' },
  { name: 'two words anywhere "data agencies"', q: 'data agencies' },
  { name: 'Spanish description "datos publicos"', q: 'datos publicos' },
  { name: 'near miss "innovaton"', q: 'innovaton' },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const database = opts.databaseUrl ? await openPostgres(opts.databaseUrl, 4) : await openPglite(undefined);
  const backend = opts.databaseUrl ? 'PostgreSQL' : 'PGlite';
  const tag = `bench${Date.now().toString(36)}`;
  const n = 10_000;
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    await migrateDatabase(database);
    const db = database.db;
    await db.execute(sql`INSERT INTO organizations (slug, name, name_es, kind, region, description, description_es)
      SELECT ${tag} || '-' || i,
             (ARRAY['Laboratorio de Innovación', 'O''Brien Civic Works', 'Office of Digital Services', 'Code for América', 'Fundación Núñez'])[1 + i % 5] || ' ' || i,
             CASE WHEN i % 3 = 0 THEN 'Oficina ' || i END,
             (ARRAY['government','nonprofit','company','academic','community','funder'])[1 + i % 6],
             (ARRAY['Bay Area','Southern California','Central Valley'])[1 + i % 3],
             (ARRAY['Shares data across agencies', 'Hires designers into government', 'Open procurement for small vendors'])[1 + i % 3] || ' #' || i,
             (ARRAY['Comparte datos públicos entre agencias', 'Contrata diseñadores', 'Compras abiertas'])[1 + i % 3]
      FROM generate_series(1, ${n}::int) i`);
    await db.execute(sql`ANALYZE organizations`);
    const rounds = opts.quick ? 15 : 40;
    for (const s of SEARCHES) {
      const page = { limit: 20, offset: 0 };
      // The service asks the word list for near misses, then searches; the baseline is the search alone.
      const { sql: text, params } = organizationsQuery(db, { q: s.q }, page, await nearMisses(db, s.q)).toSQL();
      const raw = () =>
        database.pglite ? database.pglite.query(text, params as unknown[]) : database.pool!.query(text, params as unknown[]);
      const svc: number[] = [];
      const direct: number[] = [];
      for (let r = 0; r < rounds + 3; r++) {
        let t = performance.now();
        const found = await searchOrganizations(db, { q: s.q }, page);
        const a = performance.now() - t;
        t = performance.now();
        await raw();
        const b = performance.now() - t;
        if (r === 0 && found.total === 0) notes.push(`${s.name}: no match (the data should have some)`);
        if (r >= 3) {
          svc.push(a);
          direct.push(b);
        }
      }
      for (const p of [50, 95]) {
        const v = pct(svc, p);
        figures.push(
          figure(`${backend} search p${p}: ${s.name} (${n.toLocaleString('en-US')} organizations)`, v, 'ms', {
            name: 'same SQL on the raw driver',
            value: pct(direct, p),
          }),
        );
        if (p === 95 && v >= 50) notes.push(`${backend} ${s.name}: p95 ${v.toFixed(1)} ms is over the 50 ms budget`);
      }
    }
  } finally {
    if (opts.databaseUrl) await database.db.execute(sql`DELETE FROM organizations WHERE slug LIKE ${tag + '-%'}`);
    await database.close();
  }
  return { name: 'directory-search', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
