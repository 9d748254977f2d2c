import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { getPerson } from '../../people';
import type { StoredConstraints, StoredParticipant, StoredProblem } from '../schema';

/** A participant is this person when the grouping seated them by account id or by their address. */
const isThem = (p: StoredParticipant, personId: string, email: string | null) =>
  p.id === personId || (!!email && !!p.email && p.email.toLowerCase() === email.toLowerCase());

const groupingsWith = (db: Db, personId: string, email: string | null) =>
  rows<{
    id: string;
    title: string;
    participants: StoredParticipant[];
    plan: number[][][];
    constraints: StoredConstraints;
    warnings: StoredProblem[];
  }>(
    db,
    sql`SELECT id, title, participants, plan, constraints, warnings FROM groupings g
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(g.participants) p
                      WHERE p->>'id' = ${personId} OR (${email}::text IS NOT NULL AND lower(p->>'email') = lower(${email}::text)))
        ORDER BY created_at`,
  );

/** "Download my data": each grouping the person was seated in, with their table in each round. */
export async function groupingsOf(db: Db, personId: string) {
  const email = (await getPerson(db, personId)).email;
  return (await groupingsWith(db, personId, email)).map((g) => {
    const me = g.participants.findIndex((p) => isThem(p, personId, email));
    return {
      grouping: g.title,
      nameAsListed: g.participants[me].name,
      tables: g.plan.map((round, r) => ({ round: r + 1, table: round.findIndex((table) => table.includes(me)) + 1 || null })),
    };
  });
}

/**
 * "Delete my account": the person's name and address leave every grouping; the seat stays (the rounds
 * already held, and everyone else's tables, must not change), shown without a name.
 */
export async function eraseFromGroupings(db: Db, personId: string, email: string | null): Promise<void> {
  for (const g of await groupingsWith(db, personId, email)) {
    const renamed = new Map<string, string>();
    const participants = g.participants.map((p, i) => {
      if (!isThem(p, personId, email)) return p;
      const key = `erased-${i + 1}`;
      renamed.set(p.key, key);
      return { ...p, key, id: null, email: null, name: '—', sector: null, government: null };
    });
    const rekey = (pairs: [string, string][] | undefined) => pairs?.map(([a, b]) => [renamed.get(a) ?? a, renamed.get(b) ?? b]);
    const constraints = { ...g.constraints, keepApart: rekey(g.constraints.keepApart), keepTogether: rekey(g.constraints.keepTogether) };
    const warnings = g.warnings.map((w) => ({ ...w, people: w.people?.map((k) => renamed.get(k) ?? k) }));
    await db.execute(
      sql`UPDATE groupings SET participants = ${JSON.stringify(participants)}::jsonb, constraints = ${JSON.stringify(constraints)}::jsonb,
                               warnings = ${JSON.stringify(warnings)}::jsonb
          WHERE id = ${g.id}`,
    );
  }
}
