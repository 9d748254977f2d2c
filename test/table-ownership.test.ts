/**
 * A module never reads or writes another module's tables (docs/architecture.md). Inside its own SQL it
 * may read the views another module publishes for that (decision 41): `person_contacts`,
 * `event_listing`, `agency_names`. This reads every module's source as the lint reads imports, so a
 * join on another module's table fails here instead of breaking when that table changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modulesDir = path.join(root, 'src/modules');
const modules = fs
  .readdirSync(modulesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' || e.name === 'migrations' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Table and view names a module's schema declares. */
function declared(module: string, kind: 'pgTable' | 'pgView'): string[] {
  const file = path.join(modulesDir, module, 'schema.ts');
  if (!fs.existsSync(file)) return [];
  const schema = fs.readFileSync(file, 'utf8');
  return [...schema.matchAll(new RegExp(`${kind}\\(\\s*'([a-z0-9_]+)'`, 'g'))].map((m) => m[1]);
}

/**
 * `FROM x`, `JOIN x`, `UPDATE x`, `INTO x` in SQL text (the project writes SQL keywords in capitals, so
 * "from surveys" in a sentence is not one), and Drizzle's `.from(x)`-style calls.
 */
function touchedTables(text: string, names: Set<string>): string[] {
  // Prose in comments ("no seat from people who RSVPed") is not SQL.
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of source.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z0-9_]+)"?/g)) if (names.has(m[1])) found.add(m[1]);
  for (const m of source.matchAll(/\.(?:from|update|insert|delete|innerJoin|leftJoin)\(\s*([a-z][A-Za-z0-9]*)\s*[,)]/g)) {
    const snake = m[1].replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    if (names.has(snake)) found.add(snake);
  }
  return [...found];
}

const owner = new Map<string, string>();
for (const m of modules) for (const t of declared(m, 'pgTable')) owner.set(t, m);

describe('table ownership', () => {
  it('knows every module schema and the published views', () => {
    expect(owner.get('people')).toBe('people');
    expect(owner.get('rsvps')).toBe('events');
    expect(declared('people', 'pgView')).toContain('person_contacts');
    expect(declared('events', 'pgView')).toContain('event_listing');
    expect(declared('jobs', 'pgView')).toContain('agency_names');
  });

  it('finds a planted join on another module’s table', () => {
    const names = new Set(owner.keys());
    expect(touchedTables('sql`SELECT p.email FROM rsvps r JOIN people p ON p.id = r.person_id`', names)).toEqual(['rsvps', 'people']);
    expect(touchedTables('db.select().from(people).where(x)', names)).toEqual(['people']);
    expect(touchedTables('sql`SELECT email FROM person_contacts`', names)).toEqual([]);
    expect(touchedTables('/** takes no seat from people who RSVPed */', names)).toEqual([]);
    expect(touchedTables("description: 'Placements: from surveys or organizers'", names)).toEqual([]);
  });

  it.each(modules)('%s touches no other module’s tables', (module) => {
    const foreign = new Set([...owner].filter(([, m]) => m !== module).map(([t]) => t));
    const offences = sourceFiles(path.join(modulesDir, module)).flatMap((file) =>
      touchedTables(fs.readFileSync(file, 'utf8'), foreign).map((t) => `${path.relative(root, file)}: ${t} (${owner.get(t)})`),
    );
    expect(offences).toEqual([]);
  });
});
