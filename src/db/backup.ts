import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Database, type Db } from './client';

/**
 * A portable dump: gzip'd JSON lines, one header, then `{table, row}` lines in foreign-key order. Rows
 * travel as PostgreSQL's own JSON (row_to_json) and come back through json_populate_record, so a dump
 * from PGlite restores into PostgreSQL and back. Taken in one repeatable-read transaction: a backup
 * under load is one consistent moment.
 */
const FORMAT = 'pathways-backup/1';
const CHUNK = 2000;

async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const deps = await rows<{ child: string; parent: string }>(
    db,
    sql`SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint con
        JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class pl ON pl.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE con.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pl.relname`,
  );
  const names = tables.map((t) => t.name);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const d of deps.filter((d) => d.child === t)) visit(d.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  names.forEach(visit);
  return ordered;
}

export async function backup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const out = zlib.createGzip();
  const stream = fs.createWriteStream(file);
  out.pipe(stream);
  const write = (line: unknown) =>
    new Promise<void>((resolve) => (out.write(JSON.stringify(line) + '\n') ? resolve() : out.once('drain', resolve)));
  let total = 0;
  let tableCount = 0;
  const run = async (tx: Db) => {
    const tables = await tablesInOrder(tx);
    const migrations = await rows<{ name: string }>(
      tx,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'drizzle' ORDER BY 1`,
    );
    await write({ format: FORMAT, createdAt: new Date().toISOString(), tables, migrationSets: migrations.map((m) => m.name) });
    for (const table of tables) {
      tableCount++;
      for (let offset = 0; ; offset += CHUNK) {
        const chunk = await rows<{ r: unknown }>(
          tx,
          sql`SELECT row_to_json(t) AS r FROM ${sql.identifier(table)} t ORDER BY ctid LIMIT ${CHUNK} OFFSET ${offset}`,
        );
        for (const c of chunk) await write({ t: table, r: c.r });
        total += chunk.length;
        if (chunk.length < CHUNK) break;
      }
    }
  };
  if (database.kind === 'postgres') {
    await database.db.transaction(run, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  } else {
    await database.db.transaction(run);
  }
  out.end();
  await new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  return { tables: tableCount, rows: total };
}

/** Replaces every row of the (already migrated) database with the dump's, in one transaction. */
export async function restore(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const lines = input[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = first.done ? null : JSON.parse(first.value);
  if (!header || header.format !== FORMAT) throw new Error(`${file} is not a Pathways backup.`);
  let count = 0;
  await database.db.transaction(async (tx) => {
    const present = new Set(await tablesInOrder(tx));
    const missing = (header.tables as string[]).filter((t) => !present.has(t));
    if (missing.length) throw new Error(`This database has no table(s) ${missing.join(', ')}: is it an older version of Pathways?`);
    await tx.execute(sql.raw(`TRUNCATE ${[...present].map((t) => `"${t}"`).join(', ')} CASCADE`));
    // Generated columns (search vectors) are computed again by the database; they cannot be inserted.
    const columnRows = await rows<{ t: string; c: string }>(
      tx,
      sql`SELECT c.relname AS t, a.attname AS c FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          ORDER BY a.attnum`,
    );
    const columns = new Map<string, SQL>();
    for (const table of present) {
      const names = columnRows.filter((r) => r.t === table).map((r) => sql.identifier(r.c));
      columns.set(table, sql.join(names, sql`, `));
    }
    let batch: { t: string; r: unknown }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const table = batch[0].t;
      await tx.execute(
        sql`INSERT INTO ${sql.identifier(table)} (${columns.get(table)!}) SELECT ${columns.get(table)!} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${JSON.stringify(batch.map((b) => b.r))}::json)`,
      );
      count += batch.length;
      batch = [];
    };
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (!next.value.trim()) continue;
      const item = JSON.parse(next.value) as { t: string; r: unknown };
      if (!present.has(item.t)) throw new Error(`Unknown table ${item.t} in backup.`);
      if (batch.length && (batch[0].t !== item.t || batch.length >= 500)) await flush();
      batch.push(item);
    }
    await flush();
  });
  return { tables: header.tables.length, rows: count };
}
