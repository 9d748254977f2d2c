import { sql, type Placeholder } from 'drizzle-orm';
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

/** A placeholder for each filter that is set. */
export type Bound<F> = { [K in keyof F]?: Placeholder };

/** Values that may be placeholders instead, for a query that is also built once and prepared. */
export type Bindable<F> = { [K in keyof F]: F[K] | Placeholder };

/**
 * For a prepared query whose conditions depend on which filters are set: a placeholder for each set
 * one, and a name for that combination (a list with a kind and a region set is
 * `directory.organizations.kind.region`), so each combination is its own query text. A filter is set
 * when its value is truthy, as in the conditions these queries replaced: a saved search's
 * `remote: false` or `minSalary: 0` is no filter at all.
 */
export function boundFilters<F extends Record<string, unknown>>(prefix: string, filters: F): { name: string; bound: Bound<F> } {
  const set = Object.keys(filters).filter((k) => filters[k]);
  const bound = Object.fromEntries(set.map((k) => [k, sql.placeholder(k)])) as Bound<F>;
  return { name: [prefix, ...set].join('.'), bound };
}
