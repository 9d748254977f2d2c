import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../importers/csv';
import { parseNeogov } from '../importers/neogov';
import { parseUsajobs } from '../importers/usajobs';
import { classify, type Rule } from './classify';

/**
 * The hand-labelled sample (fixtures/real): every posting of the real-format files, parsed by the
 * importers, classified with the given rules, and compared with its label. Used by the test that keeps
 * the classifier honest and by the benchmark that reports it.
 */
export function classifierSample(rules: Rule[]) {
  const dir = path.join(import.meta.dirname, '..', 'fixtures', 'real');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const labels = JSON.parse(read('labels.json')) as Record<string, boolean>;
  const parsed = [
    ...['usajobs-it-2025.json', 'usajobs-data-2026.json'].map((f) => ['usajobs', parseUsajobs(read(f))] as const),
    ...['neogov-lacity.xml', 'neogov-sdcounty.xml'].map((f) => ['neogov', parseNeogov(read(f))] as const),
    ...['nyc-jobs.csv', 'municipio-es.csv'].map((f) => ['csv', parseCsv(read(f))] as const),
  ];
  const results: { key: string; title: string; label: boolean; tech: boolean; reason: string | null }[] = [];
  for (const [source, p] of parsed)
    for (const item of p.items) {
      if (!item.ok) continue;
      const key = `${source}:${item.item.sourceId}`;
      if (!(key in labels)) continue;
      results.push({ key, title: item.item.title, label: labels[key], ...classify(item.item, rules) });
    }
  const tp = results.filter((r) => r.label && r.tech).length;
  const fp = results.filter((r) => !r.label && r.tech).length;
  const fn = results.filter((r) => r.label && !r.tech).length;
  return {
    total: results.length,
    labelled: Object.keys(labels).length,
    tech: results.filter((r) => r.label).length,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    misses: results.filter((r) => r.label !== r.tech),
  };
}
