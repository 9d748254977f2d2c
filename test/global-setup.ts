import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client';
import { migrateDatabase } from '../src/services';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    /** The same migrated database as files on disk: a data folder's `pgdata` for child processes. */
    pgliteDataDir: string;
    /** With TEST_DATABASE_URL: the migrated template each test file copies into its own database. */
    pgTemplate: string;
  }
}

/**
 * Migrates one database for the whole run. On PGlite (default) the migrated database is dumped once and
 * every test file loads its own copy (initdb costs ~2 s, a load ~0.4 s). With TEST_DATABASE_URL the
 * server's public schema is emptied and migrated once; test files share it, using their own data.
 * The migrated PGlite is made on both: embedded databases are tested beside PostgreSQL too.
 */
export default async function setup(project: TestProject) {
  buildEntries();
  const removePglite = await pgliteTemplate(project);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    // Each test file gets its own database copied from a migrated template (CREATE DATABASE … TEMPLATE
    // is a file copy, ~0.1 s), as each gets its own PGlite: modules' tests never see each other's rows.
    const base = new URL(url).pathname.slice(1);
    const template = `${base}_template`;
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${base}\\_f\\_%`]);
    for (const r of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
    await client.end();
    const database = await openPostgres(url, 2);
    await migrateDatabase(database);
    await database.close();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const templateDb = await openPostgres(templateUrl.toString(), 1);
    await migrateDatabase(templateDb);
    await templateDb.close();
    project.provide('pgTemplate', template);
    return removePglite;
  }
  project.provide('pgTemplate', '');
  return removePglite;
}

/**
 * One migrated PGlite, kept two ways: a dump that in-process tests load into memory, and its data folder
 * on disk, which a test copies for the server or CLI it starts as a child process, which would otherwise
 * create and migrate a database of its own (~2.5 s of a start's ~3.5 s).
 */
async function pgliteTemplate(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-test-'));
  const dataDir = path.join(dir, 'pgdata');
  const database = await openPglite(dataDir);
  await migrateDatabase(database);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(dir, 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgliteDataDir', dataDir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Tests run the server and the CLI as child processes from dist/ (test/entry.ts). `npm test` builds
 * first, but `npx vitest run <file>` on changed sources does not: the build script runs here too, and
 * costs about 0.1 s when nothing changed.
 */
function buildEntries() {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'pipe' });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`scripts/build.mjs failed:\n${stdout}${stderr}`, { cause: e });
  }
}
