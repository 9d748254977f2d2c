#!/usr/bin/env node
// Generates a SQL migration for one migration set from its Drizzle schema files.
//   npm run db:generate -- people            (diff schema.ts against the last snapshot)
//   npm run db:generate -- people --custom --name=search_index   (an empty file for hand-written SQL)
// Each set keeps its own folder and journal so that modules never fight over one migration history.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const sets = {
  core: { schema: null, out: 'src/db/migrations' },
  people: { schema: 'src/modules/people/schema.ts', out: 'src/modules/people/migrations' },
  platform: { schema: 'src/platform/*/schema.ts', out: 'src/platform/migrations' },
};
for (const dir of fs.readdirSync('src/modules')) {
  if (!sets[dir] && fs.existsSync(`src/modules/${dir}/schema.ts`)) {
    sets[dir] = { schema: `src/modules/${dir}/schema.ts`, out: `src/modules/${dir}/migrations` };
  }
}
const [name, ...rest] = process.argv.slice(2);
const set = sets[name];
if (!set) {
  console.error(`Usage: npm run db:generate -- <${Object.keys(sets).join('|')}> [--custom] [--name=NAME]`);
  process.exit(2);
}
const args = ['drizzle-kit', 'generate', '--dialect=postgresql', `--out=${set.out}`, '--casing=snake_case', ...rest];
if (set.schema) args.push(`--schema=${set.schema}`);
else args.push('--custom', '--schema=src/modules/people/schema.ts');
const r = spawnSync('npx', args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
