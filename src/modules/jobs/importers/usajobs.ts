import { outboundFetch } from '../../../platform/http/outbound';
import { cleanHtml, parseFeedDate, parseSalaryRange, plainText } from '../service/normalize';
import {
  ImportRejected,
  employmentFrom,
  datesOf,
  label,
  looksEntryLevel,
  looksNoDegree,
  readLocation,
  type Parsed,
  type ParseResult,
} from './types';
import type { JobPlace } from '../schema';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null);

/**
 * A USAJOBS Search API response (`GET /api/search`): SearchResult.SearchResultItems[], each with a
 * MatchedObjectDescriptor. Several pages saved as a JSON array of responses work too.
 */
export function parseUsajobs(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportRejected('jobs.import.badJson', { detail: err instanceof Error ? err.message.slice(0, 200) : '' });
  }
  const pages = Array.isArray(data) ? data : [data];
  const raw: unknown[] = [];
  for (const p of pages) {
    const sr = obj(p).SearchResult;
    if (!sr || typeof sr !== 'object') throw new ImportRejected('jobs.import.notUsajobs');
    raw.push(...arr(obj(sr).SearchResultItems));
  }
  return { feed: 'usajobs', items: raw.map((r, i) => toItem(obj(obj(r).MatchedObjectDescriptor), i)) };
}

function toItem(d: Obj, i: number): Parsed {
  const title = str(d.PositionTitle);
  const sourceId = str(d.PositionID) ?? str(d.MatchedObjectId);
  const lbl = label({ sourceId, title }, i);
  if (!title) return { ok: false, item: lbl, reason: 'jobs.skip.noTitle' };
  const details = obj(obj(d.UserArea).Details);
  // An unreadable date leaves the posting open until filled (reported), rather than losing it.
  const closing = parseFeedDate(d.ApplicationCloseDate, { endOfDay: true });
  const opening = parseFeedDate(d.PublicationStartDate);
  const pay = obj(arr(d.PositionRemuneration)[0]);
  const salary = parseSalaryRange(pay.MinimumRange, pay.MaximumRange, str(pay.RateIntervalCode) ?? str(pay.Description));
  if (salary.source && pay.RateIntervalCode)
    salary.source = `${fmt(pay.MinimumRange)} - ${fmt(pay.MaximumRange)} ${str(pay.Description) ?? str(pay.RateIntervalCode)}`;
  const category = obj(arr(d.JobCategory)[0]);
  const gradeCode = str(obj(arr(d.JobGrade)[0]).Code);
  const low = str(details.LowGrade);
  const high = str(details.HighGrade);
  const grade = gradeCode ? `${gradeCode}-${low ?? ''}${high && high !== low ? `/${high}` : ''}`.replace(/-$/, '') : null;
  // Every place the posting lists, each as USAJOBS structures it; "Anywhere in the U.S." is no place.
  const places: JobPlace[] = [];
  const remoteAreas: string[] = [];
  for (const raw of arr(d.PositionLocation)) {
    const l = obj(raw);
    const name = str(l.LocationName);
    if (!name) continue;
    const read = readLocation(name);
    if (read.remote) {
      remoteAreas.push(read.remoteArea ?? 'US');
      continue;
    }
    if (/negotiable|various/i.test(name)) continue;
    const region = str(l.CountrySubDivisionCode);
    const locality = str(l.CityName)?.split(',')[0].trim();
    const country = str(l.CountryCode);
    places.push({
      label: name,
      ...(locality ? { locality } : {}),
      ...(region ? { region } : {}),
      ...(country === 'United States' ? { country: 'US' } : {}),
    });
  }
  const locations = arr(d.PositionLocation)
    .map((l) => str(obj(l).LocationName))
    .filter((l): l is string => !!l);
  const remote = details.RemoteIndicator === true || String(details.RemoteIndicator).toLowerCase() === 'true' || remoteAreas.length > 0;
  const telework = details.TeleworkEligible === true || String(details.TeleworkEligible).toLowerCase() === 'true';
  const schedule = str(obj(arr(d.PositionSchedule)[0]).Name);
  const offering = str(obj(arr(d.PositionOfferingType)[0]).Name);
  const series = str(category.Code);
  const quals = str(d.QualificationSummary);
  const summary = plainText(str(details.JobSummary), 600);
  const hiringPaths = arr(details.HiringPath).map(String).join(' ');
  const gradeNum = Number(low);
  return {
    ok: true,
    label: lbl,
    item: {
      sourceId,
      title,
      agencyName: str(d.OrganizationName) ?? str(d.DepartmentName),
      agencyLevel: 'federal',
      parentAgencyName: str(d.DepartmentName) !== str(d.OrganizationName) ? str(d.DepartmentName) : null,
      classification: str(category.Name),
      series,
      grade,
      salary,
      locations,
      places,
      remoteAreas: remote && remoteAreas.length === 0 ? ['US'] : [...new Set(remoteAreas)],
      workplace: remote ? 'remote' : telework ? 'hybrid' : 'onsite',
      ...datesOf(opening, closing),
      categories: arr(d.JobCategory)
        .map((c) => str(obj(c).Name))
        .filter((c): c is string => !!c),
      employmentType: /intern/i.test(offering ?? '')
        ? 'internship'
        : /temp|term/i.test(offering ?? '')
          ? 'temporary'
          : employmentFrom(schedule),
      minimumQualifications: plainText(quals, 4000),
      summary,
      description: cleanHtml(
        [str(details.JobSummary), ...arr(details.MajorDuties).map(String)]
          .filter(Boolean)
          .map((s) => `<p>${s}</p>`)
          .join(''),
      ),
      // The 2210 (IT) series has no education requirement; others say so in their text.
      noDegree: series === '2210' || looksNoDegree(quals, str(details.Education)),
      entryLevel: (gradeCode === 'GS' && gradeNum > 0 && gradeNum <= 7) || /student|graduates/i.test(hiringPaths) || looksEntryLevel(title),
      applyUrl: str(arr(d.ApplyURI)[0]) ?? str(d.PositionURI),
      tags: [],
    },
  };
}

function fmt(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) ? `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : String(v ?? '');
}

/** Fetches every page of a USAJOBS search (the API wants the key and the caller's email as User-Agent). */
export async function fetchUsajobs(
  url: string,
  opts: { key: string; email: string; maxPages?: number; maxBytes: number; allow?: readonly string[] },
): Promise<string> {
  const pages: unknown[] = [];
  let page = 1;
  let total: number;
  let bytes = 0;
  do {
    const u = new URL(url);
    if (page > 1) u.searchParams.set('Page', String(page));
    const res = await outboundFetch(u, {
      allow: opts.allow,
      maxBytes: opts.maxBytes - bytes,
      headers: { 'Authorization-Key': opts.key, 'User-Agent': opts.email, Accept: 'application/json' },
    });
    const body = res.body.toString('utf8');
    bytes += res.body.length;
    if (bytes > opts.maxBytes) throw new ImportRejected('jobs.import.tooLarge', { max: Math.round(opts.maxBytes / 1_048_576) });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      // The parser's message quotes the answer, which is not ours to repeat.
      throw new ImportRejected('jobs.import.fetchUnreadable');
    }
    pages.push(json);
    total = Number(obj(obj(obj(json).SearchResult).UserArea).NumberOfPages) || 1;
    page++;
  } while (page <= total && page <= (opts.maxPages ?? 20));
  return JSON.stringify(pages);
}
