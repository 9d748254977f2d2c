import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uid, visibleText, api, type TestEnv } from '../../../test/helpers';
import { importFile, searchJobs, upsertAgency } from './service';

let env: TestEnv;
let u: string;
let county: string;
let city: string;
beforeAll(async () => {
  env = await testEnv();
  u = uid();
  county = `county-${u}`;
  city = `city-${u}`;
  await upsertAgency(env.deps.db, {
    slug: county,
    name: `Condado Fixture ${u}`,
    level: 'county',
    careersUrl: 'https://example.org/careers',
  });
  await upsertAgency(env.deps.db, { slug: city, name: `Fixture City ${u}`, level: 'city' });
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles' });
  const csv = [
    'source_id,title,agency,classification,salary_min,salary_max,salary_interval,workplace,closes,no_degree,entry_level,summary,locations',
    `S1-${u},Analista de Datos,Condado Fixture ${u},Data Analyst,90000,110000,year,remote,${day(3)},yes,no,Analiza datos de salud pública,Los Angeles CA`,
    `S2-${u},Senior Systems Analyst,Condado Fixture ${u},Systems Analyst,130000,150000,year,onsite,${day(40)},no,no,Designs information systems,Downey CA`,
    `S3-${u},Programmer Analyst Trainee,Fixture City ${u},Programmer Analyst,25,30,hour,hybrid,Continuous,yes,yes,Learn to build City software,Los Angeles CA`,
    `S4-${u},Tecnología GIS Técnico,Fixture City ${u},GIS,60000,70000,year,onsite,${day(10)},no,yes,Mapas de la ciudad,Los Angeles CA`,
    `S5-${u},Accountant,Fixture City ${u},Accountant,80000,90000,year,onsite,${day(10)},no,no,Books,Los Angeles CA`,
  ].join('\n');
  const s = await importFile(env.deps.db, { format: 'csv', text: csv, agencySlug: undefined });
  expect(s.created).toBe(5);
});
afterAll(() => env.close());

const titles = async (f: Parameters<typeof searchJobs>[1], sort?: 'newest' | 'closing' | 'salary') =>
  (await searchJobs(env.deps.db, f, { limit: 50, offset: 0, sort })).jobs
    .filter((j) => j.agencySlug === county || j.agencySlug === city)
    .map((j) => j.title);

describe('job search', () => {
  it('finds words in either language, without accents, with stemming and small typos', async () => {
    expect(await titles({ q: 'analistas datos' })).toEqual(['Analista de Datos']);
    expect(await titles({ q: 'tecnologia' })).toEqual(['Tecnología GIS Técnico']);
    expect(await titles({ q: 'designing systems', agency: county })).toEqual(['Senior Systems Analyst']);
    // The English word finds the Spanish posting too (the glossary: analyst ↔ analista).
    expect((await titles({ q: 'analysts', agency: county })).sort()).toEqual(['Analista de Datos', 'Senior Systems Analyst']);
    expect(await titles({ q: 'programer analyst', agency: city })).toEqual(['Programmer Analyst Trainee']);
    expect(await titles({ q: `fixture ${u}`, level: 'city' }, 'salary')).toContain('Programmer Analyst Trainee');
  });

  it('filters by level, agency, pay, remote, closing soon, degree and level, and hides non-tech jobs', async () => {
    expect((await titles({ level: 'county' })).sort()).toEqual(['Analista de Datos', 'Senior Systems Analyst']);
    expect(await titles({ agency: city }, 'salary')).toEqual(['Tecnología GIS Técnico', 'Programmer Analyst Trainee']);
    expect(await titles({ minSalary: 100_000 }, 'salary')).toEqual(['Senior Systems Analyst', 'Analista de Datos']);
    expect((await titles({ remote: true })).sort()).toEqual(['Analista de Datos', 'Programmer Analyst Trainee']);
    expect(await titles({ closingWithinDays: 14 }, 'closing')).toEqual(['Analista de Datos', 'Tecnología GIS Técnico']);
    expect((await titles({ noDegree: true })).sort()).toEqual(['Analista de Datos', 'Programmer Analyst Trainee']);
    expect((await titles({ entryLevel: true })).sort()).toEqual(['Programmer Analyst Trainee', 'Tecnología GIS Técnico']);
    expect(await titles({ q: 'accountant' })).toEqual([]);
  });

  it('treats a filter saved as false or zero as not set, and gives each combination its own answer, in any order', async () => {
    // Each combination is its own prepared query: asked in turn and again in reverse, none may
    // answer with another's rows.
    const cases: [Parameters<typeof searchJobs>[1], string[]][] = [
      [{ agency: county, remote: false, minSalary: 0, noDegree: false }, ['Analista de Datos', 'Senior Systems Analyst']],
      [{ agency: county, remote: true }, ['Analista de Datos']],
      [{ agency: county, minSalary: 120_000 }, ['Senior Systems Analyst']],
      [{ agency: city, entryLevel: true, noDegree: true }, ['Programmer Analyst Trainee']],
      [{ level: 'city', closingWithinDays: 14 }, ['Tecnología GIS Técnico']],
    ];
    for (const round of [cases, [...cases].reverse()])
      for (const [f, expected] of round) expect((await titles(f)).sort(), JSON.stringify(f)).toEqual(expected);
  });

  it("serves the same search as JSON with yearly pay and each job's page", async () => {
    const res = await api(env, 'GET', `/api/v1/jobs?agency=${city}&sort=salary&noDegree=true`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      jobs: { id: string; title: string; salaryMin: number; salaryMax: number; url: string; agency: { slug: string; level: string } }[];
      total: number;
    };
    expect(body.total).toBe(1);
    expect(body.jobs[0]).toMatchObject({
      title: 'Programmer Analyst Trainee',
      salaryMin: 52000,
      salaryMax: 62400,
      agency: { slug: city, level: 'city' },
    });
    expect(body.jobs[0].url).toBe(`http://pathways.test/jobs/${body.jobs[0].id}`);
    const one = await api(env, 'GET', `/api/v1/jobs/${body.jobs[0].id}`);
    expect(await one.json()).toMatchObject({ continuous: true, closesAt: null, salaryInterval: 'hour', salarySource: '25 - 30 hour' });
    expect((await api(env, 'GET', '/api/v1/jobs?minSalary=lots')).status).toBe(422);
    expect((await api(env, 'GET', '/api/v1/jobs/not-a-uuid')).status).toBe(422);
    expect((await api(env, 'GET', '/api/v1/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(
      (await env.app.request(`/jobs?q=${'x'.repeat(5000)}&minSalary=-1&level=moon`, { headers: { accept: 'text/html' } })).status,
    ).toBe(200);
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/agencies', '/api/v1/jobs/stats']),
    );
    expect(Object.keys(doc.paths['/api/v1/jobs']).sort()).toEqual(['get', 'post']);
    const agencies = (await (await api(env, 'GET', '/api/v1/agencies?level=county')).json()) as {
      agencies: { slug: string; openJobs: number }[];
    };
    expect(agencies.agencies.find((a) => a.slug === county)?.openJobs).toBe(2);
  });
});

describe('job pages', () => {
  it('shows the board and a job page with its essentials, guide and JobPosting data, in both languages', async () => {
    const board = await env.app.request(`/es/jobs?agency=${county}&q=datos`, { headers: { accept: 'text/html' } });
    expect(board.status).toBe(200);
    const text = visibleText(await board.text());
    expect(text).toContain('Empleos de tecnología en el gobierno');
    expect(text).toContain('Analista de Datos');
    expect(text).toMatch(/Cierra en 3 días/);
    const [job] = (await searchJobs(env.deps.db, { agency: county, q: 'datos' }, { limit: 1, offset: 0 })).jobs;
    const res = await env.app.request(`/jobs/${job.id}`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]);
    expect(ld).toMatchObject({
      '@type': 'JobPosting',
      title: 'Analista de Datos',
      hiringOrganization: { name: `Condado Fixture ${u}` },
      jobLocationType: 'TELECOMMUTE',
      applicantLocationRequirements: { '@type': 'Country', name: 'USA' },
      baseSalary: { currency: 'USD', value: { minValue: 90000, maxValue: 110000, unitText: 'YEAR' } },
      employmentType: 'FULL_TIME',
      identifier: { value: `S1-${u}` },
    });
    expect(ld.validThrough).toBe(job.closesAt!.toISOString());
    expect(ld.datePosted).toBeTruthy();
    expect(visibleText(html)).toContain('How to apply');
    expect(visibleText(html)).toContain('$90,000 – $110,000 a year');
    expect(html).toContain('href="https://example.org/careers"');
  });

  it('offers RSS, Atom and JSON Feed for any search', async () => {
    const rss = await env.app.request(`/jobs/feed.rss?agency=${city}`);
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    expect(await rss.text()).toContain('<title>Programmer Analyst Trainee — Fixture City');
    const atom = await env.app.request(`/es/jobs/feed.atom?agency=${city}`);
    const atomText = await atom.text();
    expect(atomText).toContain('xml:lang="es"');
    expect(atomText).toMatch(/<author><name>Pathways<\/name>/);
    // An empty search still has a real `updated` (RFC 4287), not 1970.
    const empty = await (await env.app.request(`/jobs/feed.atom?q=nothingmatchesthis${u}`)).text();
    expect(empty).not.toContain('<entry>');
    expect(empty).toMatch(/<author><name>Pathways<\/name>/);
    const updated = /<updated>([^<]+)<\/updated>/.exec(empty)![1];
    expect(Math.abs(Date.parse(updated) - Date.now())).toBeLessThan(600_000);
    const json = (await (await env.app.request(`/jobs/feed.json?agency=${county}&remote=true`)).json()) as {
      version: string;
      items: { title: string }[];
    };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i) => i.title)).toEqual([`Analista de Datos — Condado Fixture ${u}`]);
  });
});
