import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testEnv, uid, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { agencies, jobs } from './schema';
import { agencyInput, importFile, jobsPosted, searchJobs } from './service';
import { ImportRejected } from './importers/types';
import { jobsCli } from './cli';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Fixture text with its ids and names made unique, so runs on a shared database do not meet. */
function unique(text: string, u: string) {
  // The NYC ids (6001…) are made unique before the NEOGOV ones (4711…): the other way round, a suffix
  // ending in 6 turned "4711<u>003" into a string containing "6003" and was suffixed twice.
  return text
    .replace(/6001|6002|6003/g, (m) => `${m}${u}`)
    .replace(/FIX-000/g, `FIX-${u}-`)
    .replace(/Fixture Heights/g, `Fixture Heights ${u}`)
    .replace(/Fixture Valley/g, `Fixture Valley ${u}`)
    .replace(/4711/g, `4711${u}`)
    .replace(/DEPT OF INFO TECH/g, `DEPT OF INFO TECH ${u}`);
}

async function jobBySource(source: string, sourceId: string) {
  const [j] = await env.deps.db
    .select()
    .from(jobs)
    .where(sql`${jobs.source} = ${source} AND ${jobs.sourceId} = ${sourceId}`);
  return j;
}

describe('USAJOBS search results', () => {
  it('imports usable postings with yearly pay, skips broken ones with reasons, and re-imports without duplicates', async () => {
    const u = uid();
    const text = unique(fixture('usajobs.json'), u).replace(/Veterans Health Administration/g, `Veterans Health Administration ${u}`);
    const feed = `name:usajobs-${u}`;
    const s = await importFile(env.deps.db, { format: 'usajobs', text, feed });
    expect(s).toMatchObject({ total: 5, created: 4, updated: 0, closed: 0, noFeed: false });
    expect(s.skipped.map((k) => k.reason)).toEqual(['jobs.skip.noTitle']);
    // An unreadable closing date: imported, open until filled, and reported.
    expect(s.datesUnread.map((k) => k.values)).toEqual([{ value: 'Invalid Date' }]);

    const va = await jobBySource('usajobs', `VA-26-FIX-${u}-1`);
    expect(va).toMatchObject({
      title: 'IT Specialist (SYSADMIN)',
      salaryMin: 86962,
      salaryMax: 113047,
      salaryInterval: 'year',
      series: '2210',
      grade: 'GS-11',
      workplace: 'hybrid',
      tech: true,
      noDegree: true,
      status: 'published',
    });
    expect(va.description).toContain('<strong>Office of Information Technology</strong>');
    expect(va.description).not.toContain('script');
    const [agency] = await env.deps.db.select().from(agencies).where(eq(agencies.id, va.agencyId));
    expect(agency).toMatchObject({ name: `Veterans Health Administration ${u}`, level: 'federal' });
    expect(agency.parentId).not.toBeNull();

    const census = await jobBySource('usajobs', `CB-26-FIX-${u}-2`);
    expect(census).toMatchObject({ salaryMin: 93850, salaryMax: 121992, salaryInterval: 'hour', workplace: 'remote', entryLevel: true });
    const ssa = await jobBySource('usajobs', `SSA-26-FIX-${u}-3`);
    expect(ssa).toMatchObject({ salaryMin: 60000, salaryMax: 72000, tech: false });

    const again = await importFile(env.deps.db, { format: 'usajobs', text, feed });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, closed: 0 });

    // The next day's file: the Census job is gone and the VA job's pay changed.
    const data = JSON.parse(text);
    data.SearchResult.SearchResultItems.splice(1, 1);
    data.SearchResult.SearchResultItems[0].MatchedObjectDescriptor.PositionRemuneration[0].MaximumRange = '120000';
    const next = await importFile(env.deps.db, { format: 'usajobs', text: JSON.stringify(data), feed });
    expect(next).toMatchObject({ created: 0, updated: 1, unchanged: 2, closed: 1 });
    expect(next.closedIds).toContain(census.id);
    expect((await jobBySource('usajobs', `VA-26-FIX-${u}-1`)).salaryMax).toBe(120000);
    const closed = await jobBySource('usajobs', `CB-26-FIX-${u}-2`);
    expect(closed.status).toBe('closed');

    // Closed: off the public list, still counted as posted.
    const board = await searchJobs(env.deps.db, { q: 'Data Scientist' }, { limit: 100, offset: 0 });
    expect(board.jobs.map((j) => j.id)).not.toContain(census.id);
    const posted = await jobsPosted(env.deps.db, new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
    expect(posted.byAgency.find((a) => a.agencyName === 'U.S. Census Bureau')?.count).toBeGreaterThanOrEqual(1);
  });

  it('rejects a broken file whole, and a file with no postings changes nothing', async () => {
    const before = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM jobs`);
    await expect(importFile(env.deps.db, { format: 'usajobs', text: '{"SearchResult": {"SearchResultItems": [' })).rejects.toMatchObject({
      key: 'jobs.import.badJson',
    });
    await expect(importFile(env.deps.db, { format: 'usajobs', text: '{"hello": 1}' })).rejects.toMatchObject({
      key: 'jobs.import.notUsajobs',
    });
    const empty = await importFile(env.deps.db, {
      format: 'usajobs',
      text: '{"SearchResult": {"SearchResultCount": 0, "SearchResultItems": []}}',
    });
    expect(empty).toMatchObject({ total: 0, created: 0, closed: 0 });
    const after = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM jobs`);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('NEOGOV RSS', () => {
  it('reads joblisting fields, hourly and monthly pay, Continuous, and names the agency after the channel', async () => {
    const u = uid();
    const s = await importFile(env.deps.db, { format: 'neogov', text: unique(fixture('neogov.xml'), u) });
    expect(s).toMatchObject({ total: 4, created: 4, noFeed: true, skipped: [] });
    expect(s.datesUnread).toEqual([
      { item: `#3 4711${u}003 — Lifeguard`, reason: 'jobs.import.dateUnread', values: { value: 'Not a date' } },
    ]);
    expect(await jobBySource('neogov', `4711${u}003`)).toMatchObject({ closesAt: null, continuous: true });
    const pa = await jobBySource('neogov', `4711${u}001`);
    expect(pa).toMatchObject({
      title: 'Programmer Analyst II',
      salaryMin: 93850,
      salaryMax: 122512,
      salarySource: '$45.12 - $58.90 Hourly',
      employmentType: 'full_time',
      locations: [`Fixture Heights ${u}, CA`],
      tech: true,
    });
    expect(pa.description).toBe('<p>Support the <strong>permits</strong> system.</p><p>Minimum: two years as a programmer.</p>');
    expect(pa.categories).toEqual(['Information Technology', 'Computers']);
    expect(pa.places).toEqual([{ label: `Fixture Heights ${u}, CA`, locality: `Fixture Heights ${u}`, region: 'CA', country: 'US' }]);
    expect(pa).toMatchObject({ payMin: 45.12, payMax: 58.9, salaryInterval: 'hour' });
    const [agency] = await env.deps.db.select().from(agencies).where(eq(agencies.id, pa.agencyId));
    expect(agency).toMatchObject({ name: `City of Fixture Heights ${u}`, level: 'city' });
    const gis = await jobBySource('neogov', `4711${u}002`);
    expect(gis).toMatchObject({
      salaryMin: 78000,
      salaryMax: 97200,
      continuous: true,
      closesAt: null,
      workplace: 'remote',
      employmentType: 'part_time',
    });
    const sa = await jobBySource('neogov', `4711${u}004`);
    expect(sa).toMatchObject({ salaryMin: null, salaryMax: null, salarySource: 'Not Displayed' });
  });

  it('rejects broken XML with its line', async () => {
    const err = await importFile(env.deps.db, { format: 'neogov', text: '<rss><channel>\n<item><title>x</item></channel></rss>' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImportRejected);
    expect(err.key).toBe('jobs.import.badXml');
    expect(err.values.line).toBe(2);
  });
});

describe('CSV', () => {
  it('recognises the NYC Jobs export and merges its Internal and External rows', async () => {
    const u = uid();
    const s = await importFile(env.deps.db, { format: 'csv', text: unique(fixture('nyc.csv'), u) });
    expect(s).toMatchObject({ total: 3, created: 3, notTech: 1 });
    const cloud = await jobBySource('csv', `nyc:6001${u}01`);
    expect(cloud).toMatchObject({
      title: 'Cloud Engineer',
      salaryMin: 110000,
      salaryMax: 145000,
      workplace: 'hybrid',
      applyUrl: `https://cityjobs.nyc.gov/job/6001${u}01`,
    });
    expect(cloud.tags).toEqual(['Internal', 'External']);
    expect(cloud.categories).toEqual(['Technology, Data & Innovation']);
    // "Work Location" is a street address in New York, NY; no town or state is made up.
    expect(cloud.places).toEqual([
      {
        label: '2 Metrotech Center, Brooklyn, New York, NY',
        street: '2 Metrotech Center, Brooklyn',
        locality: 'New York',
        region: 'NY',
        country: 'US',
      },
    ]);
    expect(cloud.description).toBe("<p>Run the city's <strong>cloud</strong>.</p>");
    expect(cloud.minimumQualifications).toBe('1. A baccalaureate degree and four years of experience');
    expect(cloud.closesAt?.toISOString().slice(0, 10)).toBe('2100-01-01');
    const intern = await jobBySource('csv', `nyc:6002${u}02`);
    expect(intern).toMatchObject({
      salaryMin: 46800,
      salaryMax: 58240,
      entryLevel: true,
      noDegree: true,
      continuous: true,
      employmentType: 'part_time',
    });
  });

  it('reads the Pathways template and skips rows with no title or an impossible date', async () => {
    const u = uid();
    const s = await importFile(env.deps.db, { format: 'csv', text: unique(fixture('template.csv'), u) });
    expect(s.created + s.updated + s.unchanged).toBe(2);
    expect(s.skipped.map((k) => k.reason)).toEqual(['jobs.skip.noTitle']);
    expect(s.datesUnread.map((k) => k.values)).toEqual([{ value: '13/45/2026' }]);
    const j = await jobBySource('csv', 'FX-1');
    expect(j).toMatchObject({
      title: 'Programador Analista',
      salaryMin: 54000,
      salaryMax: 74400,
      workplace: 'hybrid',
      noDegree: true,
      locations: [`Fixture Valley ${u} CA`],
      tags: ['software', 'bilingüe'],
    });
    expect(j.description).toBe('<h3>Hola</h3>');
  });

  it('takes any other layout through a column mapping, and refuses unknown layouts', async () => {
    const u = uid();
    const text = `Posting,Dept,Pay,Ends\nJ-${u},Fixture Port ${u},$30/hr,01/31/2099\n`;
    await expect(importFile(env.deps.db, { format: 'csv', text })).rejects.toMatchObject({ key: 'jobs.import.unknownLayout' });
    await expect(importFile(env.deps.db, { format: 'csv', text, mapping: 'title=Posting,agency=Nope' })).rejects.toMatchObject({
      key: 'jobs.import.missingColumns',
    });
    const s = await importFile(env.deps.db, { format: 'csv', text, mapping: 'title="Posting",agency=Dept,salary_text=Pay,closes=Ends' });
    expect(s.created).toBe(1);
    await expect(importFile(env.deps.db, { format: 'csv', text: 'title,agency\n"unclosed,x\n' })).rejects.toMatchObject({
      key: 'jobs.import.badCsv',
    });
  });

  it('never duplicates a posting that arrives from two sources', async () => {
    const u = uid();
    const csv = `source_id,title,agency,closes,classification\nA-${u},GIS Analyst,Fixture Bay ${u},03/01/2099,GIS\n`;
    expect((await importFile(env.deps.db, { format: 'csv', text: csv })).created).toBe(1);
    const rss = `<?xml version="1.0"?><rss xmlns:joblisting="x"><channel><title>Fixture Bay ${u}</title><item><title>GIS analyst</title><joblisting:jobId>R-${u}</joblisting:jobId><joblisting:advertiseToDate>03/01/2099</joblisting:advertiseToDate></item></channel></rss>`;
    const s = await importFile(env.deps.db, { format: 'neogov', text: rss });
    expect(s.created).toBe(0);
    expect(s.skipped[0]).toMatchObject({ reason: 'jobs.skip.sameAsOther', values: { source: 'csv' } });
  });
});

it('two imports of the same file at once still create each posting once', async () => {
  const u = uid();
  const text = unique(fixture('neogov.xml'), u);
  const [a, b] = await Promise.all([
    importFile(env.deps.db, { format: 'neogov', text }),
    importFile(env.deps.db, { format: 'neogov', text }),
  ]);
  expect(a.created + b.created).toBe(4);
  const n = await rows<{ n: number }>(
    env.deps.db,
    sql`SELECT count(*)::int AS n FROM jobs WHERE source = 'neogov' AND source_id LIKE ${`4711${u}%`}`,
  );
  expect(n[0].n).toBe(4);
});

describe('pathways jobs import', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await jobsCli.import({ deps: env.deps, args, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('--feed NAME closes what the same feed no longer lists; --map takes a mapping file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-cli-'));
    const u = uid();
    const full = path.join(dir, 'full.xml');
    const xml = unique(fixture('neogov.xml'), u);
    fs.writeFileSync(full, xml);
    const fewer = path.join(dir, 'fewer.xml');
    fs.writeFileSync(fewer, xml.replace(/<item>\s*<guid isPermaLink="false">4711\w+002<\/guid>[\s\S]*?<\/item>/, ''));
    expect((await run([full, '--format', 'neogov', '--feed', `heights-${u}`])).out).not.toContain('No feed name');
    const adHoc = await run([fewer, '--format', 'neogov']);
    expect(adHoc.out).toContain('0 closed');
    expect(adHoc.out).toContain('No feed name was given, so no posting was closed.');
    const named = await run([fewer, '--format', 'neogov', `--feed=heights-${u}`]);
    expect(named.out).toContain('1 closed');
    expect((await jobBySource('neogov', `4711${u}002`)).status).toBe('closed');

    const map = path.join(dir, 'city.map');
    fs.writeFileSync(
      map,
      '# My city\ntitle = "Position"\nagency = fixed:"Ciudad de Mapa ' +
        u +
        '"\ncity = fixed:Mapa\nstate = fixed:CA\nstreet_address = Site\nsource_id = Ref\n',
    );
    const csv = path.join(dir, 'city.csv');
    fs.writeFileSync(csv, `Ref,Position,Site\nM-${u},Analista de Sistemas,100 Main St\n`);
    const mapped = await run([csv, '--format', 'csv', '--map', map]);
    expect(mapped.out).toContain('1 items: 1 new');
    expect(await jobBySource('csv', `M-${u}`)).toMatchObject({
      title: 'Analista de Sistemas',
      places: [{ label: '100 Main St, Mapa, CA', street: '100 Main St', locality: 'Mapa', region: 'CA', country: 'US' }],
      tech: true,
    });
  });

  it('prints the report, and exits 1 on a file it cannot read or one that is too large', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-cli-'));
    const u = uid();
    const good = path.join(dir, 'feed.xml');
    fs.writeFileSync(good, unique(fixture('neogov.xml'), u));
    const ok = await run([good, '--format', 'neogov']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('4 items: 4 new, 0 updated, 0 unchanged, 0 closed, 0 skipped.');
    expect(ok.out).toContain('its closing date could not be read ("Not a date")');
    expect(ok.out).toContain('No feed name was given, so no posting was closed.');

    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"SearchResult": ');
    const bad = await run([broken, '--format', 'usajobs']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('The file was rejected. Nothing was imported.');

    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 100 * 1_048_576);
    const big = await run([huge, '--format', 'usajobs']);
    expect(big.code).toBe(1);
    expect(big.err).toContain('larger than 50 MB');

    expect((await run([good, '--format', 'pdf'])).code).toBe(2);
    expect((await run([good, '--format', 'neogov', '--agency', `no-such-${u}`])).err).toContain(`There is no agency "no-such-${u}"`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('Apply links', () => {
  it('imports a posting whose link is a script without the link, and says so', async () => {
    const u = uid();
    const csv = [
      'source_id,title,agency,apply_url',
      `LNK-${u}-1,Data Analyst ${u},Link Agency ${u},JaVaScRiPt:alert(1)`,
      `LNK-${u}-2,Web Developer ${u},Link Agency ${u},https://jobs.example.org/${u}`,
    ].join('\n');
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:joblisting="http://www.neogov.com/namespaces/JobListing"><channel><title>Link County ${u} Jobs</title>
      <item><guid>LNKX-${u}</guid><title>IT Specialist ${u}</title><link>java&amp;#x09;script:alert(1)</link><joblisting:department>IT</joblisting:department></item></channel></rss>`;
    const json = JSON.stringify({
      SearchResult: {
        SearchResultItems: [
          {
            MatchedObjectDescriptor: {
              PositionID: `LNKU-${u}`,
              PositionTitle: `IT Specialist (Security) ${u}`,
              OrganizationName: `Link Bureau ${u}`,
              ApplyURI: [' javascript:alert(document.cookie)'],
            },
          },
        ],
      },
    });
    for (const [format, text] of [
      ['csv', csv],
      ['neogov', xml],
      ['usajobs', json],
    ] as const) {
      const lines: string[] = [];
      const file = path.join(os.tmpdir(), `links-${u}.${format}`);
      fs.writeFileSync(file, text);
      try {
        expect(
          await jobsCli.import({ deps: env.deps, args: [file, '--format', format], out: (s) => lines.push(s), err: (s) => lines.push(s) }),
        ).toBe(0);
      } finally {
        fs.rmSync(file, { force: true });
      }
      expect(lines.join('\n'), format).toContain('Imported without its apply link');
    }
    const mine = await rows<{ id: string; title: string; apply_url: string | null }>(
      env.deps.db,
      sql`SELECT id, title, apply_url FROM jobs WHERE title LIKE ${`%${u}`}`,
    );
    expect(mine).toHaveLength(4);
    expect(mine.filter((j) => j.apply_url !== null).map((j) => j.apply_url)).toEqual([`https://jobs.example.org/${u}`]);
    for (const j of mine) {
      const html = await (await env.app.request(`/jobs/${j.id}`)).text();
      expect(html).not.toMatch(/href="[^"]*script/i);
    }
  });
});

it('refuses an agency website or careers page that is not an http(s) address', () => {
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x']) {
    expect(agencyInput.safeParse({ name: 'Agency', level: 'city', website: bad }).success, bad).toBe(false);
    expect(agencyInput.safeParse({ name: 'Agency', level: 'city', careersUrl: bad }).success, bad).toBe(false);
  }
  expect(agencyInput.safeParse({ name: 'Agency', level: 'city', website: 'https://agency.example.gov' }).success).toBe(true);
});
