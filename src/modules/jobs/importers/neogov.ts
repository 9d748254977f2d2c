import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cleanHtml, parseFeedDate, parseSalaryRange, parseSalaryText, plainText, type Salary } from '../service/normalize';
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

type Obj = Record<string, unknown>;

/** Element text whatever shape the parser gave it (text, {#text}, CDATA, a repeated element). */
function text(v: unknown): string | null {
  if (v == null) return null;
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Obj)['#text'] ?? (v as Obj)['__cdata']);
  const s = String(v).trim();
  return s || null;
}

/** Fields by their local name, lower-cased: `joblisting:advertiseToDate` -> `advertisetodate`. */
function fields(item: Obj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(item)) {
    const local = k.includes(':') ? k.slice(k.indexOf(':') + 1) : k;
    const key = local.toLowerCase();
    if (!out.has(key) || k.startsWith('joblisting:')) out.set(key, v);
  }
  return out;
}

const first = (f: Map<string, unknown>, ...names: string[]) => {
  for (const n of names) {
    const v = text(f.get(n));
    if (v) return v;
  }
  return null;
};

/**
 * An agency's governmentjobs.com (NEOGOV) RSS feed: RSS 2.0 items with `joblisting:` fields
 * (department, jobNumber, jobType, location, salary or minimumSalary/maximumSalary, advertiseToDate…).
 * Field names vary between feeds and over time, so they are matched loosely and unknown ones ignored.
 */
export function parseNeogov(xml: string): ParseResult {
  const body = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new ImportRejected('jobs.import.badXml', { line: valid.err.line, detail: valid.err.msg.slice(0, 200) });
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
  });
  let doc: Obj;
  try {
    doc = parser.parse(body) as Obj;
  } catch (err) {
    throw new ImportRejected('jobs.import.badXml', { line: 0, detail: err instanceof Error ? err.message.slice(0, 200) : '' });
  }
  const channel = (doc.rss as Obj | undefined)?.channel as Obj | undefined;
  if (!channel || typeof channel !== 'object') throw new ImportRejected('jobs.import.notRss');
  const rawItems = channel.item == null ? [] : Array.isArray(channel.item) ? channel.item : [channel.item];
  const channelTitle =
    text(channel.title)
      ?.replace(/\s*[-–|:]?\s*(job opportunities|jobs|careers|career opportunities|employment opportunities|current openings)\s*$/i, '')
      .trim() || null;
  return { feed: 'neogov', feedAgencyName: channelTitle, items: rawItems.map((it, i) => toItem(fields((it ?? {}) as Obj), i)) };
}

function salaryOf(f: Map<string, unknown>): Salary {
  const interval = first(f, 'salaryinterval', 'salarytype', 'salaryunit', 'payinterval');
  const min = first(f, 'minimumsalary', 'salarymin', 'minsalary');
  const max = first(f, 'maximumsalary', 'salarymax', 'maxsalary');
  const textual = first(f, 'salary', 'salaryrange', 'pay');
  if (min || max) {
    const s = parseSalaryRange(min, max, interval ?? (textual ? null : 'year'), textual);
    if (s.min !== null) return s.interval ? s : { ...parseSalaryText(textual, interval), ...s };
  }
  return parseSalaryText(textual, interval);
}

function toItem(f: Map<string, unknown>, i: number): Parsed {
  const title = first(f, 'title');
  const sourceId = first(f, 'jobid', 'jobnumber', 'guid', 'link');
  const lbl = label({ sourceId, title }, i);
  if (!title) return { ok: false, item: lbl, reason: 'jobs.skip.noTitle' };
  // Real feeds write "Invalid Date" for postings open until filled: kept, open, and reported.
  const closing = parseFeedDate(
    first(f, 'advertisetodatetime', 'advertisetodate', 'closingdate', 'closedate', 'enddate', 'advertisetodatetimeutc'),
    { endOfDay: true },
  );
  const opening = parseFeedDate(first(f, 'advertisefromdate', 'advertisefromdatetime', 'opendate', 'postingdate', 'pubdate'));
  const description = first(f, 'examplesofduties', 'description', 'summary');
  const location = first(f, 'location', 'city');
  const state = first(f, 'state');
  const read = location ? readLocation(location) : null;
  // "Sacramento" with <joblisting:state>CA</joblisting:state> is a town and a state; a bare
  // "Sacramento" stays just that.
  const place =
    read?.place && !read.place.region && state && usRegion(state) && !location!.includes(',')
      ? { label: `${location}, ${state}`, locality: location!, region: state, country: 'US' }
      : read?.place;
  const jobType = first(f, 'jobtype', 'employmenttype', 'worktype');
  const categories = [f.get('categories'), f.get('category')]
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .map(text)
    .filter((s): s is string => !!s)
    .flatMap((s) => s.split(/[,;|]/).map((x) => x.trim()))
    .filter(Boolean);
  const quals = first(f, 'minimumqualifications', 'qualifications');
  const workplace = read?.remote
    ? ('remote' as const)
    : workplaceFrom(first(f, 'remote', 'telework', 'worklocationtype'), location, jobType);
  return {
    ok: true,
    label: lbl,
    item: {
      sourceId,
      title,
      agencyName: null,
      classification: first(f, 'classtitle', 'classification', 'classspec') ?? title,
      series: null,
      grade: first(f, 'classcode', 'grade', 'salarygrade'),
      salary: salaryOf(f),
      locations: place ? [place.label] : location && !read?.remote ? [location] : [],
      places: place ? [place] : [],
      remoteAreas: read?.remoteArea ? [read.remoteArea] : [],
      workplace,
      ...datesOf(opening, closing),
      categories,
      employmentType: employmentFrom(jobType),
      minimumQualifications: plainText(quals, 4000),
      summary: plainText(description, 500),
      description: cleanHtml(description),
      noDegree: looksNoDegree(quals, description),
      entryLevel: looksEntryLevel(title, quals),
      applyUrl: first(f, 'link', 'applyurl'),
      tags: [...new Set([first(f, 'department'), ...categories].filter((s): s is string => !!s))].slice(0, 10),
    },
  };
}
