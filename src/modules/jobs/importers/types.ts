import type { AgencyLevel, EmploymentType, JobPlace, Workplace } from '../schema';
import type { ParsedDate, Salary } from '../service/normalize';

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
  /** Structured places, only what the source says; labels match `locations`. */
  places?: JobPlace[];
  /** Remote postings: where applicants must be ("California"). */
  remoteAreas?: string[];
  workplace: Workplace;
  openedAt: Date | null;
  closesAt: Date | null;
  continuous: boolean;
  employmentType: EmploymentType;
  minimumQualifications: string | null;
  summary: string | null;
  description: string | null;
  preferredSkills?: string | null;
  howToApply?: string | null;
  /** The source's own categories ("Technology, Data & Innovation"). */
  categories?: string[];
  /** The source's closing date could not be read: imported as open until filled, and reported. */
  unreadDate?: string;
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
  if (/part|^p$/.test(v)) return 'part_time';
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

const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'Virgin Islands',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
};
const STATE_NAMES = new Set(Object.values(US_STATES).map((n) => n.toLowerCase()));

/** A US state or territory as written ("CA", "California"), or null when it is not one. */
export function usRegion(s: string): string | null {
  const v = s.trim();
  if (US_STATES[v.toUpperCase()] && /^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  return STATE_NAMES.has(v.toLowerCase()) ? v : null;
}

const REMOTE = /^(remote|telework|telecommute|virtual|work from home|anywhere)\b/i;

/**
 * One location as a source writes it, read without guessing: "Los Angeles, CA" and "Washington,
 * District of Columbia" are a town and a state; "Remote (California)" is remote work for people in
 * California; anything else is kept as written, with no town or state made up for it.
 */
export function readLocation(raw: string): { remote: boolean; remoteArea?: string; place?: JobPlace } {
  const label = raw.replace(/\s+/g, ' ').trim();
  if (!label) return { remote: false };
  const anywhereUs = /anywhere in the u\.?s\.?/i.test(label);
  if (REMOTE.test(label) || anywhereUs) {
    const inside = /\(([^)]+)\)/.exec(label)?.[1]?.trim();
    const area = anywhereUs ? 'US' : inside && !/remote|job|telework/i.test(inside) ? inside : undefined;
    return { remote: true, ...(area ? { remoteArea: area } : {}) };
  }
  const parts = label.split(',').map((p) => p.trim());
  if (parts.length >= 2) {
    const region = usRegion(parts[parts.length - 1]);
    if (region) {
      const locality = parts[parts.length - 2];
      const street = parts.slice(0, -2).join(', ');
      return { remote: false, place: { label, ...(street ? { street } : {}), locality, region, country: 'US' } };
    }
  }
  return { remote: false, place: { label } };
}

/**
 * An item's dates as every importer reads them: no closing date, "Continuous" or one that cannot be
 * read all mean open until filled; an unreadable one is kept to be reported.
 */
export function datesOf(opening: ParsedDate, closing: ParsedDate): Pick<ImportItem, 'openedAt' | 'closesAt' | 'continuous' | 'unreadDate'> {
  return {
    openedAt: opening.kind === 'date' ? opening.date : null,
    closesAt: closing.kind === 'date' ? closing.date : null,
    continuous: closing.kind !== 'date',
    ...(closing.kind === 'invalid' ? { unreadDate: closing.raw } : {}),
  };
}
