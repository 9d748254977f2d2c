import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { getPerson } from '../../people';
import type { MentorshipRow, StoredConstraints, StoredParticipant, StoredProblem } from '../schema';

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

const mentorshipsWith = (db: Db, email: string | null) =>
  email
    ? rows<Pick<MentorshipRow, 'id' | 'title' | 'mentors' | 'mentees' | 'pairs' | 'locked' | 'introduced'>>(
        db,
        sql`SELECT id, title, mentors, mentees, pairs, locked, introduced FROM mentorships m
            WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(m.mentors || m.mentees) p WHERE lower(p->>'email') = lower(${email}))
            ORDER BY created_at`,
      )
    : Promise.resolve([]);

const sameEmail = (p: { email?: string | null }, email: string) => !!p.email && p.email.toLowerCase() === email.toLowerCase();

/** "Download my data": each mentorship round the person was listed in, on which side, and who they were matched with. */
export async function mentorshipsOf(db: Db, personId: string) {
  const email = (await getPerson(db, personId)).email;
  return (await mentorshipsWith(db, email)).flatMap((m) =>
    (['mentor', 'mentee'] as const).flatMap((role) => {
      const list: { key: string; name: string; email?: string | null }[] = role === 'mentor' ? m.mentors : m.mentees;
      const other = role === 'mentor' ? m.mentees : m.mentors;
      return list
        .filter((p) => sameEmail(p, email!))
        .map((me) => ({
          mentorship: m.title,
          role,
          nameAsListed: me.name,
          matchedWith: m.pairs
            .filter((pair) => pair[role === 'mentor' ? 0 : 1] === me.key)
            .map((pair) => other.find((o) => o.key === pair[role === 'mentor' ? 1 : 0])?.name ?? null),
        }));
    }),
  );
}

/**
 * "Delete my account": the person's name and address leave every mentorship round. Their pairs stay
 * (the other side's match must not change under them), shown without a name.
 */
export async function eraseFromMentorships(db: Db, _personId: string, email: string | null): Promise<void> {
  for (const m of await mentorshipsWith(db, email)) {
    const renamed = new Map<string, string>();
    const scrub = <P extends { key: string; name: string; email?: string | null }>(list: P[], side: string): P[] =>
      list.map((p, i) => {
        if (!sameEmail(p, email!)) return p;
        const key = `erased-${side}-${i + 1}`;
        renamed.set(p.key, key);
        return { ...p, key, name: '—', email: null, agency: null };
      });
    const mentors = scrub(m.mentors, 'mentor');
    const mentees = scrub(m.mentees, 'mentee');
    const rekey = (pairs: [string, string][]) => pairs.map(([a, b]) => [renamed.get(a) ?? a, renamed.get(b) ?? b]);
    const choices = <P extends { choices: string[] }>(list: P[]) =>
      list.map((p) => ({ ...p, choices: p.choices.map((k) => renamed.get(k) ?? k) }));
    await db.execute(
      sql`UPDATE mentorships SET mentors = ${JSON.stringify(choices(mentors))}::jsonb, mentees = ${JSON.stringify(choices(mentees))}::jsonb,
                                 pairs = ${JSON.stringify(rekey(m.pairs))}::jsonb, locked = ${JSON.stringify(rekey(m.locked))}::jsonb,
                                 introduced = ${JSON.stringify(rekey(m.introduced))}::jsonb, version = version + 1
          WHERE id = ${m.id}`,
    );
  }
}
