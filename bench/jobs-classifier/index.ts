// Jobs classifier benchmark: how many of the hand-labelled postings it gets right.
//   npx tsx bench/jobs-classifier/index.ts
// Parses the real-format files in src/modules/jobs/fixtures/real (two USAJOBS searches, two NEOGOV
// agencies, the NYC Jobs export, Spanish postings), classifies every posting with the rules a new
// board starts with (read from a freshly migrated database), and compares with the hand labels.
import { openPglite } from '../../src/db/client';
import { migrateDatabase } from '../../src/services';
import { activeRules, classifierSample } from '../../src/modules/jobs';
import { figure, isMain, runAlone, type BenchOptions, type BenchResult } from '../lib';

/** The rules come from a throwaway embedded database; the figures do not depend on the backend. */
export const usesDatabase = false;

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const database = await openPglite(undefined);
  try {
    await migrateDatabase(database);
    const rules = await activeRules(database.db);
    const s = classifierSample(rules);
    const rounds = opts.quick ? 200 : 2000;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) classifierSample(rules);
    const perSecond = (rounds * s.total) / ((performance.now() - t0) / 1000);
    return {
      name: 'jobs-classifier',
      figures: [
        figure('labelled postings', s.total, 'postings'),
        figure('of which tech (by hand)', s.tech, 'postings'),
        figure('recall (tech jobs found)', s.recall, 'ratio', { name: 'target', value: 0.98 }),
        figure('precision (found jobs that are tech)', s.precision, 'ratio', { name: 'target', value: 0.95 }),
        figure('parse + classify rate', perSecond, 'postings/s'),
      ],
      notes: s.misses.map(
        (m) =>
          `miss: ${m.key} "${m.title}" labelled ${m.label ? 'tech' : 'not tech'}, classified ${m.tech ? `tech (${m.reason})` : 'not tech'}`,
      ),
    };
  } finally {
    await database.close();
  }
}

if (isMain(import.meta.url)) await runAlone(run);
