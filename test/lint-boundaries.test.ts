/**
 * The import boundaries hold because the lint fails on each kind of violation. These plant one import
 * of each kind in a real file's place and ask ESLint, with the project's own configuration.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd });

/** The boundary messages ESLint gives for `code` placed at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint', () => {
  it.each([
    ['the platform importing a module', 'src/platform/auth/planted.ts', "import { ensurePerson } from '../../modules/people';"],
    ['the platform importing the composition root', 'src/platform/http/planted.ts', "import { openServices } from '../../services';"],
    ['a module reaching into another module', 'src/modules/events/planted.ts', "import { ensurePerson } from '../people/service';"],
    [
      'a module service reaching into another module',
      'src/modules/events/service/planted.ts',
      "import { people } from '../../people/schema';",
    ],
    ['the database layer importing the platform', 'src/db/planted.ts', "import { settings } from '../platform/settings/schema';"],
    ['the database layer importing the module list', 'src/db/planted.ts', "import { modules } from '../modules';"],
    ['a service importing a view', 'src/modules/jobs/service/planted.ts', "import { JobCard } from '../views/components';"],
    ['a service importing pages', 'src/modules/events/service.ts', "import { eventsPages } from './pages';"],
    ['a service importing hono', 'src/modules/people/service.ts', "import { Hono } from 'hono';"],
    ['a view querying the database', 'src/modules/people/views/planted.tsx', "import { rows } from '../../../db/client';"],
    ['a view calling a service', 'src/modules/people/views/planted.tsx', "import { getPerson } from '../service';"],
    ['a module lib calling a service', 'src/modules/jobs/lib/planted.ts', "import { searchJobs } from '../service/search';"],
    ['a module lib querying the database', 'src/modules/jobs/lib/planted.ts', "import { rows } from '../../../db/client';"],
    ['a module lib importing hono', 'src/modules/events/lib/planted.ts', "import { Hono } from 'hono';"],
    ['a module lib importing a view', 'src/modules/events/lib/planted.ts', "import { EventHead } from '../views/head';"],
    ['a test outside src reaching into a module', 'test/planted.test.ts', "import { ensurePerson } from '../src/modules/people/service';"],
    [
      'a platform test reaching into a module',
      'src/platform/http/planted.test.ts',
      "import { ensurePerson } from '../../modules/people/service';",
    ],
  ])('fails on %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport const used = [${code.match(/\{ (\w+)/)![1]}];\n`)).toHaveLength(1);
  });

  it.each([
    ['a module using another through its index', 'src/modules/events/service/planted.ts', "import { ensurePerson } from '../../people';"],
    ['a module using its own internals', 'src/modules/events/pages-planted.tsx', "import { getEvent } from './service/events';"],
    ['the platform using the database layer', 'src/platform/auth/planted.ts', "import { rows } from '../../db/client';"],
    ['a service rendering an email template', 'src/modules/newsletter/service/planted.ts', "import { html } from 'hono/html';"],
    [
      'a view naming a type a service returns',
      'src/modules/jobs/views/planted.tsx',
      "import type { JobListRow } from '../service/search';",
    ],
    [
      'a view using its module’s pure helpers',
      'src/modules/jobs/views/planted.tsx',
      "import { filtersQuery } from '../lib/search-params';",
    ],
    ['a service using its module’s pure helpers', 'src/modules/events/service/planted.ts', "import { pickText } from '../lib/text';"],
    ['a test using a module through its index', 'test/planted.test.ts', "import { ensurePerson } from '../src/modules/people';"],
    ['a test using a module’s test support', 'bench/planted.ts', "import { startSmtp } from '../src/modules/newsletter/testing/smtp';"],
  ])('passes %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport const used = [${code.match(/\{ (\w+)/)![1]}];\n`)).toEqual([]);
  });
});
