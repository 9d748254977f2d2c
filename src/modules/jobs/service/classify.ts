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
 * Technology work as titles write it, in any case, with the abbreviations agencies use ("IT
 * Specialist (INFOSEC)", "CERTIFIED IT ADMINISTRATOR (WAN)", "Computer Associate"). Matched on the
 * title and the civil-service classification. `IT` and `LAN`/`WAN` must be capitals: lower-case "it"
 * is an English word.
 */
const TITLE_CASED = /\b(IT|I\.T\.|LAN|WAN|GIS|ERP|DBA|HRIS)\b/;
const TITLE_WORDS = new RegExp(
  [
    'infosec',
    'sysadmin',
    'appsw',
    'netadmin',
    'datamgt',
    'cyber\\w*',
    'software',
    'firmware',
    'computer\\w*',
    'programm(er|ing)',
    'devops',
    'database',
    'cloud',
    'help ?desk',
    'service desk',
    'desktop support',
    'technical support',
    'information technology',
    'information security',
    'information systems?',
    'information management systems?',
    'geographic information',
    'geospatial',
    'telecommunications?',
    'machine learning',
    'artificial intelligence',
    'business intelligence',
    'user experience',
    'ux',
    'ui ?/ ?ux',
    'digital services?',
    'web (developer|designer|master|content|application|services|site|manager|administrator)s?',
    'webmaster',
    '(front|back) ?end',
    'full ?stack',
    'data (analyst|analytics|scientist|science|engineer|architect|manager|management|specialist|administrator|visuali[sz]ation|governance|officer|warehouse|systems)',
    'network (engineer|administrator|analyst|specialist|technician|manager|architect|security|operations)',
    '(software|network|systems?|data|cloud|security|devops|site reliability|platform|infrastructure|application|applications|solutions|computer) (engineer|architect|developer|administrator)s?',
    'systems? (analyst|administrator|programmer|developer|integrator|support|specialist|manager|engineer|architect)',
    'applications? (developer|analyst|engineer|support|specialist|administrator)',
    'developer',
    'statistician',
    'operations research',
    'informatics',
    'scrum master',
    // Spanish, accents folded.
    'informatic[ao]',
    'tecnologias? de (la )?informacion',
    'sistemas de informacion',
    'redes',
    'ciberseguridad',
    'desarrollador(a)?',
    'programador(a)?',
    'cientific[oa] de datos',
    'analista de (datos|sistemas)',
    'ingenier[oa] de (software|datos|sistemas|redes)',
    'soporte tecnico',
    'mesa de ayuda',
  ]
    .join('|')
    .replace(/^/, '\\b(')
    .replace(/$/, ')\\b'),
);
/** Titles the words above would catch that are not technology work. */
const NOT_TECH =
  /\b(water|wastewater|traffic|hvac|fire|electrical|mechanical|irrigation|plumbing|building|signal|sewer|utility) systems?\b|\bweb press\b|\bdata (entry|transcriber|collector)\b|\b(housing|real estate|economic|business|land|workforce|program|fund) developer\b/;

/**
 * Is this a tech job? The first of: a federal series rule ("2210"); the source's own category
 * ("Technology, Data & Innovation"); a title or classification pattern above, unless the title names
 * other work ("Water Systems Operator"); a classification or keyword rule, whole words, either
 * language, accents ignored. Returns the reason, shown to organizers. An organizer's override, kept
 * apart on the job, wins over all of these.
 */
export function classify(
  job: { title: string; classification?: string | null; series?: string | null; categories?: readonly string[] | null },
  rules: Rule[],
): { tech: boolean; reason: string | null } {
  const series = (job.series ?? '').replace(/\D/g, '');
  const cls = ` ${fold(job.classification ?? '')} `;
  const text = ` ${fold(job.title)} ${fold(job.classification ?? '')} `;
  const categories = (job.categories ?? []).map((c) => ` ${fold(c)} `);
  for (const r of rules) {
    if (r.kind === 'series' && series && series.padStart(4, '0') === r.pattern.replace(/\D/g, '').padStart(4, '0'))
      return { tech: true, reason: `series ${r.pattern}` };
  }
  for (const r of rules) {
    const p = fold(r.pattern);
    if (r.kind === 'category' && p && categories.some((c) => c.includes(` ${p} `))) return { tech: true, reason: `category ${r.pattern}` };
  }
  const raw = `${job.title} ${job.classification ?? ''}`;
  const other = NOT_TECH.test(fold(job.title));
  if (!other && TITLE_CASED.test(raw)) return { tech: true, reason: `title ${TITLE_CASED.exec(raw)![1]}` };
  const word = TITLE_WORDS.exec(text);
  if (!other && word) return { tech: true, reason: `title ${word[1]}` };
  for (const r of rules) {
    const p = fold(r.pattern);
    if (!p) continue;
    if (r.kind === 'classification' && (cls.includes(` ${p} `) || text.includes(` ${p} `)))
      return { tech: true, reason: `classification ${r.pattern}` };
    if (r.kind === 'keyword' && !other && text.includes(` ${p} `)) return { tech: true, reason: `keyword ${r.pattern}` };
  }
  return { tech: false, reason: null };
}
