import { parse } from 'csv-parse/sync';
import { AGENCY_LEVELS, type AgencyLevel, type JobPlace } from '../schema';
import { cleanHtml, parseFeedDate, parseSalaryRange, parseSalaryText, plainText, truthy } from '../service/normalize';
import {
  ImportRejected,
  employmentFrom,
  datesOf,
  label,
  looksEntryLevel,
  looksNoDegree,
  readLocation,
  usRegion,
  workplaceFrom,
  type Parsed,
  type ParseResult,
} from './types';
import { CSV_PRESETS, type CsvPreset } from './presets';

/** The header of New York City's "Jobs NYC Postings" export: read with the `nyc-jobs` preset. */
const NYC_REQUIRED = ['Job ID', 'Agency', 'Posting Type', 'Business Title'];

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
  'street_address',
  'city',
  'state',
  'workplace',
  'opens',
  'closes',
  'employment_type',
  'minimum_qualifications',
  'summary',
  'description',
  'preferred_skills',
  'how_to_apply',
  'categories',
  'no_degree',
  'entry_level',
  'apply_url',
  'tags',
] as const;
type TemplateField = (typeof TEMPLATE_COLUMNS)[number];
/** Mapping entries that shape rows rather than fill a field. */
const DIRECTIVES = ['one_row_per', 'prefer_row', 'id_prefix'] as const;
type Directive = (typeof DIRECTIVES)[number];

/** A field read from a column, or set to the same text for every row (`fixed:`). */
type Source = { column: string } | { fixed: string };
interface Mapping {
  fields: Partial<Record<TemplateField, Source>>;
  directives: Partial<Record<Directive, string>>;
}

/**
 * `title="Business Title",agency=Agency,state=fixed:NY` or the same one entry per line (a mapping
 * file; `#` starts a comment). A value is a column name, quoted or not, or `fixed:` and a text.
 */
function parseMapping(spec: string): Mapping {
  const out: Mapping = { fields: {}, directives: {} };
  const body = spec
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^\s*#/.test(l))
    .join(',');
  const re = /\s*([a-z_]+)\s*=\s*(fixed:)?\s*(?:"([^"]*)"|'([^']*)'|([^,]*))\s*(?:,|$)/y;
  let m: RegExpExecArray | null;
  let last = 0;
  const rest = () => body.slice(last).replace(/[\s,]+/g, '');
  while (rest() && (re.lastIndex = last) >= 0 && (m = re.exec(body))) {
    if (m[0] === '') break;
    last = re.lastIndex;
    const [, key, fixed] = m;
    const value = (m[3] ?? m[4] ?? m[5] ?? '').trim();
    if ((DIRECTIVES as readonly string[]).includes(key)) out.directives[key as Directive] = value;
    else if ((TEMPLATE_COLUMNS as readonly string[]).includes(key))
      out.fields[key as TemplateField] = fixed ? { fixed: value } : { column: value };
    else throw new ImportRejected('jobs.import.badMapField', { field: key });
  }
  if (rest() || !out.fields.title) throw new ImportRejected('jobs.import.badMapping');
  return out;
}

/** The mapping to use: a preset's name, or a mapping written out. */
function mappingFrom(spec: string): Mapping {
  const preset = CSV_PRESETS[spec.trim() as CsvPreset];
  return parseMapping(preset ?? spec);
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
  let spec = opts.mapping;
  if (!spec && NYC_REQUIRED.every((c) => header.includes(c))) spec = 'nyc-jobs';
  if (spec) {
    const map = mappingFrom(spec);
    const wanted = [
      ...Object.values(map.fields).flatMap((f) => ('column' in f && f.column ? [f.column] : [])),
      ...[map.directives.one_row_per, map.directives.prefer_row?.split('=')[0]].filter((c): c is string => !!c),
    ];
    const missing = [...new Set(wanted.filter((col) => !header.includes(col)))];
    if (missing.length) throw new ImportRejected('jobs.import.missingColumns', { columns: missing.join(', ') });
    return { feed: 'csv', items: oneRowPer(rows, map).map(({ r, extraTags }, i) => fromTemplate(apply(map, r), i, map, extraTags)) };
  }
  if (header.includes('title') && header.includes('agency')) return { feed: 'csv', items: rows.map((r, i) => fromTemplate(r, i)) };
  throw new ImportRejected('jobs.import.unknownLayout', { columns: header.slice(0, 8).join(', ') });
}

function apply(map: Mapping, r: Record<string, string>): Partial<Record<TemplateField, string>> {
  return Object.fromEntries(Object.entries(map.fields).map(([f, src]) => [f, 'fixed' in src ? src.fixed : (r[src.column] ?? '')]));
}

/** `one_row_per` folds rows sharing an id into one, keeping the `prefer_row` one ("Posting Type=External"). */
function oneRowPer(rows: Record<string, string>[], map: Mapping): { r: Record<string, string>; extraTags: string[] }[] {
  const key = map.directives.one_row_per;
  if (!key) return rows.map((r) => ({ r, extraTags: [] }));
  const [prefCol, prefValue] = (map.directives.prefer_row ?? '').split('=').map((x) => x.trim());
  const groups = new Map<string, Record<string, string>[]>();
  const out: { r: Record<string, string>; extraTags: string[] }[] = [];
  for (const r of rows) {
    const id = r[key]?.trim();
    // A row without the id cannot be folded; it goes through alone and is reported if unusable.
    if (!id) out.push({ r, extraTags: [] });
    else groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  for (const group of groups.values()) {
    const r = (prefCol && group.find((g) => (g[prefCol] ?? '').trim().toLowerCase() === (prefValue ?? '').toLowerCase())) || group[0];
    out.push({ r, extraTags: prefCol ? [...new Set(group.map((g) => g[prefCol]?.trim()).filter((s): s is string => !!s))] : [] });
  }
  return out;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

const URL_IN_TEXT = /https?:\/\/[^\s"<>]+/;

function fromTemplate(r: Partial<Record<TemplateField, string>>, i: number, map?: Mapping, extraTags: string[] = []): Parsed {
  const title = r.title?.trim() || null;
  const rawId = r.source_id?.trim() || null;
  const sourceId = rawId ? `${map?.directives.id_prefix ?? ''}${rawId}` : null;
  const lbl = label({ sourceId: rawId, title }, i);
  if (map?.directives.one_row_per && !rawId) return { ok: false, item: lbl, reason: 'jobs.skip.noId' };
  if (!title) return { ok: false, item: lbl, reason: 'jobs.skip.noTitle' };
  if (!r.agency?.trim()) return { ok: false, item: lbl, reason: 'jobs.skip.noAgency' };
  // An unreadable closing date keeps the posting, open until filled, and the report says so.
  const closing = parseFeedDate(r.closes, { endOfDay: true });
  const opening = parseFeedDate(r.opens);
  const level = (r.agency_level ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const salary =
    r.salary_min || r.salary_max
      ? parseSalaryRange(r.salary_min, r.salary_max, r.salary_interval, r.salary_text || null)
      : parseSalaryText(r.salary_text, r.salary_interval);
  const listed = list(r.locations);
  const reads = listed.map(readLocation);
  const street = r.street_address?.trim();
  const city = r.city?.trim();
  const state = r.state?.trim();
  // A street address is only a place with the city and state the mapping gives it; none is guessed.
  const addressed: JobPlace[] =
    street || city
      ? [
          {
            label: [street, city, state].filter(Boolean).join(', '),
            ...(street ? { street } : {}),
            ...(city ? { locality: city } : {}),
            ...(state ? { region: state } : {}),
            ...(state && usRegion(state) ? { country: 'US' } : {}),
          },
        ]
      : [];
  const places = [...addressed, ...reads.flatMap((x) => x.place ?? [])];
  const remoteAreas = reads.flatMap((x) => x.remoteArea ?? []);
  const workplace =
    (['onsite', 'hybrid', 'remote'] as const).find((w) => w === r.workplace?.trim().toLowerCase()) ??
    (reads.some((x) => x.remote) ? 'remote' : workplaceFrom(r.workplace, r.locations));
  const applyText = r.apply_url?.trim() || '';
  const entry = r.entry_level?.trim();
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
      locations: places.map((p) => p.label).concat(listed.filter((_, k) => !reads[k].place && !reads[k].remote)),
      places,
      remoteAreas,
      workplace,
      ...datesOf(opening, closing),
      employmentType: employmentFrom(r.employment_type),
      minimumQualifications: plainText(r.minimum_qualifications, 4000),
      summary: plainText(r.summary || r.description, 500),
      description: cleanHtml(r.description),
      preferredSkills: cleanHtml(r.preferred_skills),
      howToApply: cleanHtml(r.how_to_apply),
      categories: list(r.categories),
      noDegree: r.no_degree ? truthy(r.no_degree) : looksNoDegree(r.minimum_qualifications),
      entryLevel: entry ? truthy(entry) || /entry/i.test(entry) : looksEntryLevel(title),
      // A link inside text ("Apply online at https://…") is the link; checked with every importer's links.
      applyUrl: URL_IN_TEXT.exec(applyText)?.[0]?.replace(/[.,;)]+$/, '') ?? (applyText && !/\s/.test(applyText) ? applyText : null),
      tags: [...new Set([...list(r.tags), ...extraTags])].slice(0, 10),
    },
  };
}
