import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/helpers';
import { activeRules, classify } from './service/classify';
import { classifierSample } from './service/sample';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

it('finds the tech jobs of the hand-labelled sample: recall ≥ 0.98, precision ≥ 0.95, with the rules the board starts with', async () => {
  const s = classifierSample(await activeRules(env.deps.db));
  expect(s.total).toBe(s.labelled);
  expect(s.misses).toEqual([]);
  expect(s.recall).toBeGreaterThanOrEqual(0.98);
  expect(s.precision).toBeGreaterThanOrEqual(0.95);
});

it('reads abbreviations in any case, series, source categories, and knows other work by its title', async () => {
  const rules = await activeRules(env.deps.db);
  const tech = (job: Parameters<typeof classify>[0]) => classify(job, rules).tech;
  expect(tech({ title: 'CERTIFIED IT ADMINISTRATOR (WAN)' })).toBe(true);
  expect(tech({ title: 'Computer Associate' })).toBe(true);
  expect(tech({ title: 'Network Administrator', classification: 'CERTIFIED IT ADMINISTRATOR (LAN/WAN)' })).toBe(true);
  expect(tech({ title: 'it specialist (sysadmin)' })).toBe(true);
  expect(tech({ title: 'Specialist', series: '0391' })).toBe(true);
  expect(tech({ title: 'Product Manager', categories: ['Technology, Data & Innovation'] })).toBe(true);
  expect(tech({ title: 'Analyst', categories: ['Information Technology and Telecommunications'] })).toBe(true);
  expect(tech({ title: 'Técnico de Redes' })).toBe(true);
  expect(tech({ title: 'Water Systems Operator' })).toBe(false);
  expect(tech({ title: 'Web Press Operator' })).toBe(false);
  expect(tech({ title: 'Civil Engineer' })).toBe(false);
  expect(tech({ title: 'Housing Developer' })).toBe(false);
  expect(tech({ title: 'Data Entry Clerk' })).toBe(false);
  expect(tech({ title: 'Make It Happen Coordinator' })).toBe(false);
});
