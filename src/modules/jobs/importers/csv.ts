import { parse } from 'csv-parse/sync';
import { AGENCY_LEVELS, type AgencyLevel } from '../schema';
import { cleanHtml, parseFeedDate, parseSalaryRange, parseSalaryText, plainText, truthy } from '../service/normalize';
import {
  ImportRejected,
  employmentFrom,
  label,
  looksEntryLevel,
  looksNoDegree,
  workplaceFrom,
  type Parsed,
  type ParseResult,
} from './types';

/** The documented Pathways template (see csv-template.md); `title` and `agency` are required. */
export const TEMPLATE_COLUMNS = [
  'source_id',
  'title',
  'agency',
  'agency_level',
  'classification',
  'series',
  'grade',
  'salary_min',
  'salary_max',
  'salary_interval',
  'salary_text',
  'locations',
  'workplace',
  'opens',
  'closes',
  'employment_type',
  'minimum_qualifications',
  'summary',
  'description',
  'no_degree',
  'entry_level',
  'apply_url',
  'tags',
] as const;
type TemplateField = (typeof TEMPLATE_COLUMNS)[number];

/** The columns of New York City's "Jobs NYC Postings" open-data export that we read. */
const NYC_REQUIRED = ['Job ID', 'Agency', 'Posting Type', 'Business Title'];

/** `title="Business Title",agency=Agency` -> { title: 'Business Title', agency: 'Agency' }. */
function parseMapping(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([a-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < spec.length && (m = re.exec(spec))) {
    if (m[0] === '') break;
    last = re.lastIndex;
    const field = m[1];
    if (!(TEMPLATE_COLUMNS as readonly string[]).includes(field)) throw new ImportRejected('jobs.import.badMapField', { field });
    out[field] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  }
  if (last < spec.trim().length || !out.title) throw new ImportRejected('jobs.import.badMapping');
  return out;
}

export function parseCsv(text: string, opts: { mapping?: string | null } = {}): ParseResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new ImportRejected('jobs.import.badCsv', { line, detail: err instanceof Error ? err.message.slice(0, 200) : '' });
  }
  if (records.length === 0) throw new ImportRejected('jobs.import.emptyCsv');
  const header = records[0].map((h) => h.trim());
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  if (opts.mapping) {
    const map = parseMapping(opts.mapping);
    const missing = Object.values(map).filter((col) => col && !header.includes(col));
    if (missing.length) throw new ImportRejected('jobs.import.missingColumns', { columns: missing.join(', ') });
    return {
      feed: 'csv:mapped',
      items: rows.map((r, i) => fromTemplate(Object.fromEntries(Object.entries(map).map(([f, col]) => [f, r[col] ?? ''])), i)),
    };
  }
  if (NYC_REQUIRED.every((c) => header.includes(c))) return { feed: 'csv:nyc', items: nyc(rows) };
  if (header.includes('title') && header.includes('agency')) return { feed: 'csv:pathways', items: rows.map((r, i) => fromTemplate(r, i)) };
  throw new ImportRejected('jobs.import.unknownLayout', { columns: header.slice(0, 8).join(', ') });
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function fromTemplate(r: Partial<Record<TemplateField, string>>, i: number): Parsed {
  const title = r.title?.trim() || null;
  const sourceId = r.source_id?.trim() || null;
  const lbl = label({ sourceId, title }, i);
  if (!title) return { ok: false, item: lbl, reason: 'jobs.skip.noTitle' };
  if (!r.agency?.trim()) return { ok: false, item: lbl, reason: 'jobs.skip.noAgency' };
  const closing = parseFeedDate(r.closes, { endOfDay: true });
  if (closing.kind === 'invalid') return { ok: false, item: lbl, reason: 'jobs.skip.badDate', values: { value: closing.raw } };
  const opening = parseFeedDate(r.opens);
  if (opening.kind === 'invalid') return { ok: false, item: lbl, reason: 'jobs.skip.badDate', values: { value: opening.raw } };
  const level = (r.agency_level ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const salary =
    r.salary_min || r.salary_max
      ? parseSalaryRange(r.salary_min, r.salary_max, r.salary_interval, r.salary_text || null)
      : parseSalaryText(r.salary_text, r.salary_interval);
  const workplace =
    (['onsite', 'hybrid', 'remote'] as const).find((w) => w === r.workplace?.trim().toLowerCase()) ??
    workplaceFrom(r.workplace, r.locations);
  return {
    ok: true,
    label: lbl,
    item: {
      sourceId,
      title,
      agencyName: r.agency.trim(),
      agencyLevel: (AGENCY_LEVELS as readonly string[]).includes(level) ? (level as AgencyLevel) : null,
      classification: r.classification?.trim() || null,
      series: r.series?.trim() || null,
      grade: r.grade?.trim() || null,
      salary,
      locations: list(r.locations),
      workplace,
      openedAt: opening.kind === 'date' ? opening.date : null,
      closesAt: closing.kind === 'date' ? closing.date : null,
      continuous: closing.kind === 'continuous',
      employmentType: employmentFrom(r.employment_type),
      minimumQualifications: plainText(r.minimum_qualifications, 4000),
      summary: plainText(r.summary || r.description, 500),
      description: cleanHtml(r.description),
      noDegree: r.no_degree ? truthy(r.no_degree) : looksNoDegree(r.minimum_qualifications),
      entryLevel: r.entry_level ? truthy(r.entry_level) : looksEntryLevel(title),
      // Checked (and reported when dropped) with every importer's links in importFile.
      applyUrl: r.apply_url?.trim() || null,
      tags: list(r.tags).slice(0, 10),
    },
  };
}

/** NYC posts one job twice, as "Internal" and "External": one posting, with the external row preferred. */
function nyc(rows: Record<string, string>[]): Parsed[] {
  const byId = new Map<string, Record<string, string>[]>();
  const out: Parsed[] = [];
  rows.forEach((r, i) => {
    const id = r['Job ID']?.trim();
    if (!id) {
      out.push({ ok: false, item: label({ title: r['Business Title'] }, i), reason: 'jobs.skip.noId' });
      return;
    }
    byId.set(id, [...(byId.get(id) ?? []), r]);
  });
  let n = 0;
  for (const [id, group] of byId) {
    const r = group.find((g) => /external/i.test(g['Posting Type'] ?? '')) ?? group[0];
    const i = n++;
    const title = r['Business Title']?.trim() || r['Civil Service Title']?.trim() || null;
    const lbl = label({ sourceId: id, title }, i);
    if (!title) {
      out.push({ ok: false, item: lbl, reason: 'jobs.skip.noTitle' });
      continue;
    }
    const closing = parseFeedDate(r['Post Until'], { endOfDay: true });
    const opening = parseFeedDate(r['Posting Date']);
    if (closing.kind === 'invalid' || opening.kind === 'invalid') {
      out.push({
        ok: false,
        item: lbl,
        reason: 'jobs.skip.badDate',
        values: { value: closing.kind === 'invalid' ? closing.raw : opening.kind === 'invalid' ? opening.raw : '' },
      });
      continue;
    }
    const toApply = r['To Apply'] ?? '';
    const quals = r['Minimum Qual Requirements'];
    const where = [r['Work Location'], r['Work Location 1']].map((s) => s?.trim()).filter((s): s is string => !!s);
    out.push({
      ok: true,
      label: lbl,
      item: {
        sourceId: `nyc:${id}`,
        title,
        agencyName: r['Agency']?.trim() || null,
        agencyLevel: 'city',
        classification: r['Civil Service Title']?.trim() || null,
        series: r['Title Code No']?.trim() || null,
        grade: r['Level']?.trim() || null,
        salary: parseSalaryRange(r['Salary Range From'], r['Salary Range To'], r['Salary Frequency']),
        locations: [...new Set(where)],
        workplace: workplaceFrom(r['Additional Information'], r['Hours/Shift']),
        openedAt: opening.kind === 'date' ? opening.date : null,
        closesAt: closing.kind === 'date' ? closing.date : null,
        continuous: closing.kind !== 'date',
        employmentType: employmentFrom(
          r['Full-Time/Part-Time indicator'] === 'P'
            ? 'part'
            : r['Full-Time/Part-Time indicator'] === 'F'
              ? 'full'
              : r['Full-Time/Part-Time indicator'],
        ),
        minimumQualifications: plainText(quals, 4000),
        summary: plainText(r['Job Description'], 500),
        description: cleanHtml(r['Job Description']),
        noDegree: looksNoDegree(quals),
        entryLevel: /entry/i.test(r['Career Level'] ?? '') || looksEntryLevel(title),
        applyUrl: /https?:\/\/[^\s"<>]+/.exec(toApply)?.[0]?.replace(/[.,;)]+$/, '') ?? null,
        tags: [
          ...new Set([
            ...list(r['Job Category']?.replace(/,/g, ';')),
            ...group.map((g) => g['Posting Type']?.trim()).filter((s): s is string => !!s),
          ]),
        ].slice(0, 10),
      },
    });
  }
  return out;
}
