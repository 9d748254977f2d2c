import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/helpers';
import { searchJobs } from './service';
import { seedJobs } from './seed';
import { translateQuery } from './lib/glossary';

/** Thirty things people type when looking for a tech job in Spanish, each with its English twin. */
const PHRASES: [es: string, en: string][] = [
  ['analista de datos', 'data analyst'],
  ['analistas de datos', 'data analysts'],
  ['científico de datos', 'data scientist'],
  ['ingeniero de datos', 'data engineer'],
  ['ciberseguridad', 'cybersecurity'],
  ['trabajos de ciberseguridad', 'cybersecurity'],
  ['seguridad informática', 'information security'],
  ['desarrollador de software', 'software developer'],
  ['desarrolladores de software', 'software developers'],
  ['desarrollador', 'developer'],
  ['programador', 'programmer'],
  ['analista programador', 'programmer analyst'],
  ['analista de sistemas', 'systems analyst'],
  ['sistemas de información', 'information systems'],
  ['soporte técnico', 'IT support'],
  ['mesa de ayuda', 'help desk'],
  ['técnico de mesa de ayuda', 'help desk technician'],
  ['administrador de bases de datos', 'database administrator'],
  ['base de datos', 'database'],
  ['tecnología de la información', 'information technology'],
  ['especialista en ciberseguridad', 'cybersecurity specialist'],
  ['analistas de sistemas', 'systems analysts'],
  ['especialista en tecnología de la información', 'information technology specialist'],
  ['empleos en la nube', 'cloud'],
  ['sistemas de información geográfica', 'geographic information systems'],
  ['pasante de tecnología de la información', 'information technology intern'],
  ['aprendiz de analista de datos', 'data analyst trainee'],
  ['ingeniero', 'engineer'],
  ['empleo de analista', 'analyst'],
  ['datos de transporte', 'transportation data'],
];

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await seedJobs(env.deps);
});
afterAll(() => env.close());

const ids = async (q: string) =>
  new Set((await searchJobs(env.deps.db, { q }, { limit: 100, offset: 0, count: false })).jobs.map((j) => j.id));

describe('a query in one language finds postings written in the other (the seeded jobs)', () => {
  it('the issue’s examples: "analista de datos" finds what "data analyst" finds, "ciberseguridad" what "cybersecurity" finds', async () => {
    const en = await ids('data analyst');
    expect(en.size).toBeGreaterThanOrEqual(3);
    expect(await ids('analista de datos')).toEqual(en);
    const cyber = await ids('cybersecurity');
    expect(cyber.size).toBeGreaterThanOrEqual(1);
    expect(await ids('ciberseguridad')).toEqual(cyber);
  });

  for (const [es, en] of PHRASES)
    it(`"${es}" ↔ "${en}"`, async () => {
      const [fromEs, fromEn] = [await ids(es), await ids(en)];
      expect(fromEn.size, en).toBeGreaterThan(0);
      // Spanish finds every English posting the English words find, and the reverse.
      for (const id of fromEn) expect(fromEs.has(id), `${es} misses what ${en} finds`).toBe(true);
      for (const id of fromEs) expect(fromEn.has(id), `${en} misses what ${es} finds`).toBe(true);
    });

  it('an English query finds the Spanish posting, and words the glossary does not know are searched as typed', async () => {
    const [spanish] = (await searchJobs(env.deps.db, { q: 'Analista de Datos Bilingüe' }, { limit: 1, offset: 0 })).jobs;
    expect((await ids('data analyst')).has(spanish.id)).toBe(true);
    expect(translateQuery('epidemiology')).toBeNull();
    expect((await ids('epidemiology')).size).toBe(1);
  });
});
