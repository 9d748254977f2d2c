import type { AgencyLevel, EmploymentType, Workplace } from '../schema';
import type { Salary } from '../service/normalize';

/** One posting as every importer hands it over, whatever the file looked like. */
export interface ImportItem {
  sourceId: string | null;
  title: string;
  agencyName: string | null;
  agencyLevel?: AgencyLevel | null;
  parentAgencyName?: string | null;
  classification: string | null;
  series: string | null;
  grade: string | null;
  salary: Salary;
  locations: string[];
  workplace: Workplace;
  openedAt: Date | null;
  closesAt: Date | null;
  continuous: boolean;
  employmentType: EmploymentType;
  minimumQualifications: string | null;
  summary: string | null;
  description: string | null;
  noDegree: boolean;
  entryLevel: boolean;
  applyUrl: string | null;
  tags: string[];
}

/** A skipped item: which one, and why (a catalog key with values). */
export interface Skip {
  item: string;
  reason: string;
  values?: Record<string, string | number>;
}

export type Parsed = { ok: true; label: string; item: ImportItem } | ({ ok: false } & Skip);

export interface ParseResult {
  /** Distinguishes feeds for closing removed postings: "usajobs", "csv:nyc". */
  feed: string;
  items: Parsed[];
  /** A name for the whole feed (an RSS channel title), when the file has one. */
  feedAgencyName?: string | null;
}

/** The whole file is unusable: nothing is imported. */
export class ImportRejected extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ImportRejected';
  }
}

const ENTRY = /\b(entry[- ]level|trainee|apprentice|intern(ship)?|aprendiz|nivel de entrada|pathways program|recent graduates?)\b/i;
const NO_DEGREE =
  /\b(no (college )?degree (is )?required|degree (is )?not required|high school diploma|ged\b|without a degree|experience may substitute|sin t[ií]tulo universitario|no se requiere t[ií]tulo)/i;

export function looksEntryLevel(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => !!t && ENTRY.test(t));
}
export function looksNoDegree(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => !!t && NO_DEGREE.test(t));
}

export function employmentFrom(s: string | null | undefined): EmploymentType {
  const v = (s ?? '').toLowerCase();
  if (/intern/.test(v)) return 'internship';
  if (/part/.test(v)) return 'part_time';
  if (/temp|seasonal|limited|term|provisional|as needed|per diem/.test(v)) return 'temporary';
  if (/full|permanent|regular|^f$/.test(v) || !v) return 'full_time';
  return 'other';
}

export function workplaceFrom(...texts: (string | null | undefined)[]): Workplace {
  const t = texts.filter(Boolean).join(' ').toLowerCase();
  if (/\bhybrid|h[ií]brido|telework eligible/.test(t)) return 'hybrid';
  if (/\bremote|telecommute|work from home|anywhere in the u\.?s|remoto|a distancia/.test(t)) return 'remote';
  return 'onsite';
}

export function guessLevel(name: string): AgencyLevel {
  const n = name.toLowerCase();
  if (
    /\b(u\.?s\.?|united states|federal|department of (the )?(army|navy|air force|veterans|homeland|defense|interior|agriculture|commerce|energy|justice|labor|state|treasury|transportation|education|health))\b/.test(
      n,
    )
  )
    return 'federal';
  if (/\bunified|school district|community college|college district|schools\b/.test(n)) return 'school_district';
  if (/\bcounty\b/.test(n)) return 'county';
  if (/\bstate of\b|\bcalifornia (department|state)|\bcaltrans\b|\bcalhr\b/.test(n)) return 'state';
  if (/\btribe|tribal|band of|rancheria|nation\b/.test(n)) return 'tribal';
  if (/\bauthority|district|metro|transit|port of|airports?\b/.test(n)) return 'special_district';
  return 'city';
}

export function label(item: { sourceId?: string | null; title?: string | null }, index: number): string {
  const parts = [item.sourceId, item.title].filter(Boolean);
  return parts.length ? `#${index + 1} ${parts.join(' — ')}` : `#${index + 1}`;
}
