import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queriesFor, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { importFile, upsertAgency } from './service';

let env: TestEnv;
let agency: string;
beforeAll(async () => {
  // The page cache off: every request below runs its route and its queries.
  env = await testEnv({ PAGE_CACHE_SECONDS: '0' });
  agency = `county-${uid()}`;
  await upsertAgency(env.deps.db, { slug: agency, name: `Condado ${agency}`, level: 'county' });
});
afterAll(() => env.close());

async function addJobs(n: number) {
  const closes = new Date(Date.now() + 20 * 86_400_000).toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles' });
  const lines = ['source_id,title,agency,classification,salary_min,salary_max,salary_interval,workplace,closes,summary,locations'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `Q${uid()},Data Analyst ${i},Condado ${agency},Data Analyst,90000,110000,year,remote,${closes},Analyses data,Los Angeles CA`,
    );
  }
  const s = await importFile(env.deps.db, { format: 'csv', text: lines.join('\n'), agencySlug: undefined });
  expect(s.created).toBe(n);
}

describe('the jobs board costs the same queries for 2 postings as for 10', () => {
  it('search page, API list and an agency filter', async () => {
    await addJobs(2);
    const measure = async () => ({
      page: await queriesFor(env, '/jobs'),
      api: await queriesFor(env, '/api/v1/jobs?limit=50'),
      filtered: await queriesFor(env, `/jobs?agency=${agency}`),
    });
    const small = await measure();
    await addJobs(8);
    expect(await measure()).toEqual(small);
  });
});
