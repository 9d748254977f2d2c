import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { techRules, type RuleKind } from '../schema';

export interface Rule {
  kind: RuleKind;
  pattern: string;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export async function activeRules(db: Db): Promise<Rule[]> {
  const all = await db.select().from(techRules).orderBy(asc(techRules.kind), asc(techRules.pattern));
  return all.filter((r) => r.active).map((r) => ({ kind: r.kind, pattern: r.pattern }));
}

/**
 * Is this a tech job? A federal series match ("2210"), a classification that contains a listed one
 * ("Senior Systems Analyst"), or a keyword as a whole word in the title or classification, in either
 * language, accents ignored. Returns the rule that decided, shown to organizers.
 */
export function classify(
  job: { title: string; classification?: string | null; series?: string | null },
  rules: Rule[],
): { tech: boolean; reason: string | null } {
  const series = (job.series ?? '').replace(/\D/g, '');
  const cls = ` ${fold(job.classification ?? '')} `;
  const text = ` ${fold(job.title)} ${fold(job.classification ?? '')} `;
  for (const r of rules) {
    if (r.kind === 'series' && series && series.padStart(4, '0') === r.pattern.replace(/\D/g, '').padStart(4, '0'))
      return { tech: true, reason: `series ${r.pattern}` };
  }
  for (const r of rules) {
    const p = fold(r.pattern);
    if (!p) continue;
    if (r.kind === 'classification' && (cls.includes(` ${p} `) || text.includes(` ${p} `)))
      return { tech: true, reason: `classification ${r.pattern}` };
    if (r.kind === 'keyword' && text.includes(` ${p} `)) return { tech: true, reason: `keyword ${r.pattern}` };
  }
  return { tech: false, reason: null };
}
