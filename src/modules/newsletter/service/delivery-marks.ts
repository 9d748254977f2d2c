import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../../db/client';

/**
 * One statement marks both kinds of rows of a claimed batch: those about to get their final "." go
 * from `sending` to `committing` (RETURNING them, so a lost claim is seen), those the server accepted
 * go from `committing` (or `uncertain`, if another worker's recovery got there first) to `sent`. Both
 * stay conditional on the claim, as decision 6 says.
 */
const MARKS = `UPDATE newsletter_deliveries d SET
    status = CASE WHEN d.id = ANY($1::uuid[]) THEN 'committing' ELSE 'sent' END,
    lease_until = CASE WHEN d.id = ANY($1::uuid[]) THEN now() + make_interval(secs => $4::float8) END,
    sent_at = CASE WHEN d.id = ANY($1::uuid[]) THEN d.sent_at ELSE now() END,
    last_error = CASE WHEN d.id = ANY($1::uuid[]) THEN d.last_error END
  WHERE d.id = ANY($1::uuid[] || $2::uuid[]) AND d.claim = $3::text
    AND CASE WHEN d.id = ANY($1::uuid[]) THEN d.status = 'sending' ELSE d.status IN ('committing', 'uncertain') END
  RETURNING d.id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row ids as one PostgreSQL array value (uuids: nothing needs quoting). */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** A literal for the statement text; only uuids get in, so nothing needs quoting. */
function uuidLiteral(ids: string[], array: boolean): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${array ? uuidArray(ids) : ids[0]}'`;
}

const prepared = new WeakMap<PGlite, Promise<unknown>>();

/**
 * Runs the marks statement straight on the driver, not through Drizzle. On PGlite it is prepared once
 * and run by EXECUTE over the simple protocol: a parameterised query costs a parse, a plan and a
 * second call into the engine every time, about 30 % more than the statement itself at these sizes.
 * On PostgreSQL a named statement, prepared once per connection by the driver.
 */
export async function writeMarks(
  database: Database,
  claim: string,
  leaseSeconds: number,
  commit: string[],
  sent: string[],
): Promise<Set<string>> {
  if (!Number.isFinite(leaseSeconds)) throw new Error(`lease of ${leaseSeconds} seconds`);
  if (database.pglite) {
    const pg = database.pglite;
    let ready = prepared.get(pg);
    if (!ready) {
      ready = pg.exec(`PREPARE newsletter_marks(uuid[], uuid[], text, float8) AS ${MARKS}`);
      // A failed PREPARE is tried again by the next write, not remembered.
      ready.catch(() => prepared.delete(pg));
      prepared.set(pg, ready);
    }
    await ready;
    const [result] = await pg.exec(
      `EXECUTE newsletter_marks(${uuidLiteral(commit, true)}, ${uuidLiteral(sent, true)}, ${uuidLiteral([claim], false)}, ${leaseSeconds})`,
    );
    return new Set((result.rows as { id: string }[]).map((r) => r.id));
  }
  const result = await database.pool!.query<{ id: string }>({
    name: 'newsletter-marks',
    text: MARKS,
    values: [uuidArray(commit), uuidArray(sent), claim, leaseSeconds],
  });
  return new Set(result.rows.map((r) => r.id));
}
