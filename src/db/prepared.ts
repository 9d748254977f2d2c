import { is, Param, Placeholder, sql, type Query } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
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

type Fields = NonNullable<Parameters<Db['_']['session']['prepareQuery']>[1]>;
/** Where each parameter of a built statement comes from: a value given with each run, or a constant. */
type Slot = { name: string; encode: (value: unknown) => unknown } | { constant: unknown };

const asGiven = (value: unknown) => value;

/**
 * A write made on every RSVP or queued task: built once with `sql.placeholder` values, then
 * run on whichever handle it is given, a transaction's included. `prepared()` keeps a query per handle,
 * and each transaction is a new handle, so inside one it would build on every call: the RSVP burst
 * spent a tenth of its time in Drizzle building its three inserts (decision 60). On PostgreSQL the
 * name also makes it a prepared statement on each connection, parsed and planned once there.
 *
 * Built once means everything Drizzle computes while building is computed once: each column written
 * must be a placeholder or a constant, never a `$defaultFn`. A value of null or undefined is written as
 * NULL (not the column's default), as Drizzle writes a null; a placeholder without a value is refused.
 * `returning` is the object given to `.returning(…)`, whose order is RETURNING's, so rows come back as
 * Drizzle maps them.
 */
export function builtOnce<Row = never>(
  name: string,
  build: (db: Db) => { toSQL(): Query },
  returning?: Record<string, PgColumn>,
): (db: Db, values: Record<string, unknown>) => Promise<Row[]> {
  const fields: Fields | undefined = returning && Object.entries(returning).map(([key, field]) => ({ path: [key], field }));
  let text: string | undefined;
  let slots: Slot[] = [];
  return async (db, values) => {
    if (text === undefined) {
      const query = build(db).toSQL();
      slots = query.params.map((p): Slot => {
        if (is(p, Placeholder)) return { name: p.name, encode: asGiven };
        if (is(p, Param) && is(p.value, Placeholder)) return { name: p.value.name, encode: (v) => p.encoder.mapToDriverValue(v) };
        return { constant: p };
      });
      text = query.sql;
    }
    const params = slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      if (!(slot.name in values)) throw new Error(`${name}: no value for placeholder "${slot.name}"`);
      const value = values[slot.name];
      return value == null ? null : slot.encode(value);
    });
    const result: unknown = await db._.session.prepareQuery({ sql: text, params }, fields, name, true).execute();
    return (fields ? result : []) as Row[];
  };
}
