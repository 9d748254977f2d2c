import type { Db } from './client';

interface Preparable<P> {
  prepare(name: string): P;
}

const byHandle = new WeakMap<Db, Map<string, unknown>>();

/**
 * A read that runs on every visit, built once per database handle and then run with its
 * `sql.placeholder` values. Building a Drizzle select walks every column and SQL fragment (about
 * 160 µs for a whole event row, longer than running it on PostgreSQL); on PostgreSQL the name also
 * makes it a prepared statement, parsed and planned once per connection.
 *
 * Kept per handle, never shared: a transaction's handle gets its own, so its reads stay inside it.
 * A name stands for one query text everywhere (PostgreSQL refuses a second text under a name on the
 * same connection), so `build` must not depend on anything but the handle.
 */
export function prepared<P>(db: Db, name: string, build: (db: Db) => Preparable<P>): P {
  let kept = byHandle.get(db);
  if (!kept) byHandle.set(db, (kept = new Map()));
  let query = kept.get(name) as P | undefined;
  if (!query) {
    query = build(db).prepare(name);
    kept.set(name, query);
  }
  return query;
}
