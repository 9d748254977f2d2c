import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { importFile, setStatus, type ImportFormat, type ImportSummary } from './service';

/**
 * The files in fixtures/real are written in the formats the tools publish (a USAJOBS Search API
 * answer, governmentjobs.com RSS with its `joblisting:` fields, the NYC Jobs export's header, the
 * Pathways template in Spanish), imported one after another as an organizer would.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const dir = path.join(import.meta.dirname, 'fixtures', 'real');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const labels = JSON.parse(read('labels.json')) as Record<string, boolean>;

type Name = 'usaIt' | 'usaData' | 'la' | 'sd' | 'nyc' | 'es';
const FILES: Record<Name, { format: ImportFormat; file: string }> = {
  usaIt: { format: 'usajobs', file: 'usajobs-it-2025.json' },
  usaData: { format: 'usajobs', file: 'usajobs-data-2026.json' },
  la: { format: 'neogov', file: 'neogov-lacity.xml' },
  sd: { format: 'neogov', file: 'neogov-sdcounty.xml' },
  nyc: { format: 'csv', file: 'nyc-jobs.csv' },
  es: { format: 'csv', file: 'municipio-es.csv' },
};

/** The file with its ids and agency names made unique to one run, so runs never meet. */
function text(name: Name, u: string): string {
  const t = read(FILES[name].file);
  if (FILES[name].format === 'usajobs')
    return t
      .replace(/"PositionID": "([^"]+)"/g, `"PositionID": "$1-${u}"`)
      .replace(/"(OrganizationName|DepartmentName)": "([^"]+)"/g, `"$1": "$2 ${u}"`);
  if (FILES[name].format === 'neogov')
    return t
      .replace(/<joblisting:jobId>(\d+)</g, `<joblisting:jobId>$1${u}<`)
      .replace(/<title>(.+) Jobs<\/title>/, `<title>$1 ${u} Jobs</title>`);
  if (name === 'nyc') return t.replace(/^(7123\d\d),([^,]+),/gm, `$1${u},$2 ${u},`);
  return t.replace(/^(PR-[\d-]+),([^,]+),Municipio de San Juan/gm, `$1-${u},$2,Municipio de San Juan ${u}`);
}

/** A label's key ("usajobs:VA-25-TG-0101") as the source and source id stored for run `u`. */
function stored(key: string, u: string): { source: string; sourceId: string } {
  const [source, ...rest] = key.split(':');
  const id = rest.join(':');
  if (source === 'usajobs') return { source, sourceId: `${id}-${u}` };
  if (source === 'neogov') return { source, sourceId: `${id}${u}` };
  if (id.startsWith('nyc:')) return { source, sourceId: `${id}${u}` };
  return { source, sourceId: `${id}-${u}` };
}

interface Row {
  id: string;
  source: string;
  source_id: string;
  status: string;
  tech: boolean;
  closed_reason: string | null;
}
async function runRows(u: string): Promise<Map<string, Row>> {
  const all = await rows<Row>(
    env.deps.db,
    sql`SELECT id, source, source_id, status, coalesce(tech_override, tech) AS tech, closed_reason FROM jobs WHERE source_id LIKE ${`%${u}`}`,
  );
  return new Map(all.map((r) => [`${r.source}|${r.source_id}`, r]));
}
const rowFor = (m: Map<string, Row>, key: string, u: string) => {
  const s = stored(key, u);
  return m.get(`${s.source}|${s.sourceId}`);
};

async function importAll(order: Name[], u: string, feeds = false): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const name of order)
    out.push(await importFile(env.deps.db, { format: FILES[name].format, text: text(name, u), feed: feeds ? `name:${name}-${u}` : null }));
  return out;
}

const ORDERS: Name[][] = [
  ['usaIt', 'usaData', 'la', 'sd', 'nyc', 'es'],
  ['es', 'nyc', 'sd', 'la', 'usaData', 'usaIt'],
  ['nyc', 'usaData', 'la', 'usaIt', 'es', 'sd'],
];

describe('real files imported one after another', () => {
  for (const [i, order] of ORDERS.entries()) {
    for (const feeds of [false, true]) {
      it(`order ${i + 1} (${order.join(', ')}), ${feeds ? 'each as a named feed' : 'ad hoc'}: every posting once, none closed`, async () => {
        const u = uid();
        const reports = await importAll(order, u, feeds);
        expect(reports.map((r) => r.closed)).toEqual(order.map(() => 0));
        expect(reports.every((r) => r.noFeed === !feeds)).toBe(true);
        expect(reports.flatMap((r) => r.skipped)).toEqual([]);
        const m = await runRows(u);
        expect(m.size).toBe(Object.keys(labels).length);
        for (const key of Object.keys(labels)) expect(rowFor(m, key, u)?.status, key).toBe('published');
        // Re-importing everything, in the other order, changes nothing.
        const again = await importAll([...order].reverse(), u, feeds);
        expect(again.map((r) => [r.created, r.updated, r.closed])).toEqual(order.map(() => [0, 0, 0]));
      });
    }
  }
});

describe('closing is scoped to the feed that brought a posting', () => {
  const without = (t: string, id: string) => {
    const data = JSON.parse(t);
    data.SearchResult.SearchResultItems = data.SearchResult.SearchResultItems.filter(
      (x: { MatchedObjectDescriptor: { PositionID: string } }) => !x.MatchedObjectDescriptor.PositionID.startsWith(id),
    );
    return JSON.stringify(data);
  };

  for (const order of [
    ['usaIt', 'usaData'],
    ['usaData', 'usaIt'],
  ] as Name[][]) {
    it(`two USAJOBS searches (${order.join(' then ')}) never close each other's postings; a feed closes only what it dropped`, async () => {
      const u = uid();
      const [first, second] = await importAll(order, u, true);
      expect([first.closed, second.closed]).toEqual([0, 0]);
      let m = await runRows(u);
      const usajobs = Object.keys(labels).filter((k) => k.startsWith('usajobs:'));
      for (const key of usajobs) expect(rowFor(m, key, u)?.status, key).toBe('published');

      // The IT search again, without the Civil Engineer posting: that one closes, nothing else.
      const next = await importFile(env.deps.db, {
        format: 'usajobs',
        text: without(text('usaIt', u), 'VA-25-TG-0155'),
        feed: `name:usaIt-${u}`,
      });
      expect(next).toMatchObject({ closed: 1, created: 0, noFeed: false });
      m = await runRows(u);
      expect(rowFor(m, 'usajobs:VA-25-TG-0155', u)).toMatchObject({ status: 'closed', closed_reason: 'feed' });
      for (const key of usajobs.filter((k) => k !== 'usajobs:VA-25-TG-0155')) expect(rowFor(m, key, u)?.status, key).toBe('published');

      // An ad-hoc file without yet another posting closes nothing, and says so.
      const adHoc = await importFile(env.deps.db, { format: 'usajobs', text: without(text('usaIt', u), 'SSA-25-0032') });
      expect(adHoc).toMatchObject({ closed: 0, noFeed: true });
      expect(rowFor(await runRows(u), 'usajobs:SSA-25-0032', u)?.status).toBe('published');

      // Listed again by its feed: open again. Closed by an organizer: stays closed.
      const nurse = rowFor(m, 'usajobs:VA-25-TG-0199', u)!;
      await setStatus(env.deps.db, nurse.id, 'closed');
      const back = await importFile(env.deps.db, { format: 'usajobs', text: text('usaIt', u), feed: `name:usaIt-${u}` });
      expect(back.closed).toBe(0);
      m = await runRows(u);
      expect(rowFor(m, 'usajobs:VA-25-TG-0155', u)).toMatchObject({ status: 'published', closed_reason: null });
      expect(rowFor(m, 'usajobs:VA-25-TG-0199', u)).toMatchObject({ status: 'closed', closed_reason: 'organizer' });
    });
  }

  it('two NEOGOV agencies as feeds never close each other, and one feed closes its own dropped posting', async () => {
    const u = uid();
    await importAll(['la', 'sd'], u, true);
    const la = text('la', u).replace(/<item>(?:(?!<\/item>)[\s\S])*?Police Officer[\s\S]*?<\/item>/, '');
    const s = await importFile(env.deps.db, { format: 'neogov', text: la, feed: `name:la-${u}` });
    expect(s.closed).toBe(1);
    const m = await runRows(u);
    expect(rowFor(m, 'neogov:4823107', u)?.status).toBe('closed');
    const others = Object.keys(labels).filter((k) => k.startsWith('neogov:') && k !== 'neogov:4823107');
    for (const key of others) expect(rowFor(m, key, u)?.status, key).toBe('published');
  });
});

describe('fields as the source gives them, and JSON-LD by Google’s JobPosting rules', () => {
  let u: string;
  let m: Map<string, Row>;
  beforeAll(async () => {
    u = uid();
    await importAll(['nyc', 'la', 'usaIt', 'usaData', 'sd', 'es'], u);
    m = await runRows(u);
  });
  const job = async (key: string) => {
    const r = rowFor(m, key, u)!;
    const [j] = await rows<Record<string, unknown>>(env.deps.db, sql`SELECT * FROM jobs WHERE id = ${r.id}`);
    return j;
  };
  const ldOf = async (id: string) => {
    const html = await (await env.app.request(`/jobs/${id}`, { headers: { accept: 'text/html' } })).text();
    return { html, ld: JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]) as JobPostingLd };
  };

  it('NYC: a street address in New York, NY; sections; Posting Date and Post Until', async () => {
    const wan = rowFor(m, 'csv:nyc:712301', u)!;
    const { ld, html } = await ldOf(wan.id);
    expect(ld.jobLocation).toEqual([
      {
        '@type': 'Place',
        address: {
          '@type': 'PostalAddress',
          streetAddress: '2 Metro Tech',
          addressLocality: 'New York',
          addressRegion: 'NY',
          addressCountry: 'US',
        },
      },
    ]);
    expect(ld.datePosted.slice(0, 10)).toBe('2025-11-03');
    expect(ld.validThrough).toBeUndefined(); // "Post Until" empty: open until filled.
    expect(ld.description).toContain('Maintain the citywide WAN');
    expect(ld.description).toContain('Experience with SD-WAN.');
    expect(ld.description).toContain('cityjobs.nyc.gov/job/712301');
    expect(html).toContain('Preferred skills');
    const eng = await job('csv:nyc:712303');
    expect(eng.continuous).toBe(false);
    expect(laDate(new Date(eng.closes_at as string))).toBe('2099-01-15');
  });

  it('pay in its own unit: the hourly NYC and LA jobs are HOUR in JSON-LD and on the page', async () => {
    for (const key of ['csv:nyc:712302', 'neogov:4823101']) {
      const r = rowFor(m, key, u)!;
      const { ld, html } = await ldOf(r.id);
      expect(ld.baseSalary!.value, key).toMatchObject({ minValue: 52.5, maxValue: 68.25, unitText: 'HOUR' });
      expect(html).toContain('$52.50 – $68.25 an hour');
    }
    // Every two weeks has no schema.org unit: published as its yearly equivalent, labelled YEAR.
    const biweekly = await ldOf(rowFor(m, 'neogov:5011202', u)!.id);
    expect(biweekly.ld.baseSalary!.value).toMatchObject({ minValue: 4840 * 26, maxValue: 6178 * 26, unitText: 'YEAR' });
    expect(biweekly.html).toContain('$4,840 – $6,178 every two weeks');
  });

  it('several USAJOBS places kept; remote is TELECOMMUTE with where applicants must be; no invented town', async () => {
    const navy = await ldOf(rowFor(m, 'usajobs:NAVFAC-25-0877', u)!.id);
    expect(navy.ld.jobLocation!.map((p) => [p.address.addressLocality, p.address.addressRegion])).toEqual([
      ['Port Hueneme', 'California'],
      ['San Diego', 'California'],
      ['Norfolk', 'Virginia'],
    ]);
    const remote = await ldOf(rowFor(m, 'neogov:4823108', u)!.id);
    expect(remote.ld).toMatchObject({
      jobLocationType: 'TELECOMMUTE',
      applicantLocationRequirements: { '@type': 'State', name: 'California' },
    });
    expect(remote.ld.jobLocation).toBeUndefined();
    const anywhere = await ldOf(rowFor(m, 'usajobs:IRS-25-1144', u)!.id);
    expect(anywhere.ld).toMatchObject({
      jobLocationType: 'TELECOMMUTE',
      applicantLocationRequirements: { '@type': 'Country', name: 'USA' },
    });
    // A NEOGOV location without a comma and its <joblisting:state>: a town and a state, as given.
    const sd = await ldOf(rowFor(m, 'neogov:5011201', u)!.id);
    expect(sd.ld.jobLocation![0].address).toEqual({
      '@type': 'PostalAddress',
      addressLocality: 'San Diego',
      addressRegion: 'CA',
      addressCountry: 'US',
    });
    for (const r of [...m.values()].filter((x) => x.tech)) {
      const { ld } = await ldOf(r.id);
      for (const p of ld.jobLocation ?? []) expect(p.address.addressLocality, r.source_id).not.toBe('2 Metro Tech');
    }
  });

  it('the job page says each thing once: the closing date, and the description without its own summary above it', async () => {
    const { html } = await ldOf(rowFor(m, 'csv:nyc:712303', u)!.id);
    const text = visibleText(html);
    expect(text).toContain('Apply by January 15, 2099');
    expect(text).not.toMatch(/Closes January 15, 2099/);
    expect(text).toContain('Full description');
    expect(text).not.toContain('What the job is');
    expect(text.split('Build the pipelines that feed water-quality dashboards').length - 1).toBe(1);
  });

  it('unreadable closing dates: imported, open until filled', async () => {
    for (const key of ['usajobs:DOI-25-NPS-222', 'neogov:4823102', 'neogov:4823104', 'neogov:5011202', 'csv:nyc:712305', 'csv:PR-2025-033'])
      expect(await job(key), key).toMatchObject({ closes_at: null, continuous: true, status: 'published' });
  });

  it('every public posting’s JSON-LD has what Google requires, with true values only', async () => {
    const publicRows = [...m.values()].filter((r) => r.tech && r.status === 'published');
    expect(publicRows.length).toBe(Object.values(labels).filter(Boolean).length);
    for (const r of publicRows) {
      const { ld } = await ldOf(r.id);
      expect(ld['@type']).toBe('JobPosting');
      for (const field of ['title', 'description', 'datePosted', 'hiringOrganization'])
        expect(ld[field], `${r.source_id} ${field}`).toBeTruthy();
      expect(Number.isNaN(Date.parse(ld.datePosted))).toBe(false);
      // A place, or remote work with where applicants may live.
      expect(
        (ld.jobLocation?.length ?? 0) > 0 || (ld.jobLocationType === 'TELECOMMUTE' && ld.applicantLocationRequirements),
        r.source_id,
      ).toBeTruthy();
      if (ld.baseSalary) expect(['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']).toContain(ld.baseSalary.value.unitText);
      for (const p of ld.jobLocation ?? []) expect(p.address.addressLocality ?? p.address.streetAddress, r.source_id).toBeTruthy();
    }
  });
});

/** The parts of the JSON-LD these tests read. */
interface JobPostingLd {
  [field: string]: unknown;
  datePosted: string;
  description: string;
  validThrough?: string;
  jobLocationType?: string;
  applicantLocationRequirements?: unknown;
  jobLocation?: { '@type': string; address: Record<string, string> }[];
  baseSalary?: { value: { minValue: number; maxValue: number; unitText: string } };
}

function laDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(d);
}
