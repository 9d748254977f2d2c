import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { programTeamMembers } from '../schema';

/**
 * "Download my data": applications naming the person (as contact or member, by their email, read from
 * people's row) and their team memberships with the sessions they attended.
 */
export async function exportProgramData(db: Db, personId: string): Promise<unknown> {
  const applications = await rows(
    db,
    sql`SELECT p.slug AS program, a.organization, a.contact_name AS "contactName", a.contact_email AS "contactEmail",
               a.language, a.members, a.answers, a.status, a.created_at AS "appliedAt"
        FROM program_applications a JOIN programs p ON p.id = a.program_id
        WHERE lower(a.contact_email) = lower((SELECT email FROM people WHERE id = ${personId}))
           OR a.members @> jsonb_build_array(jsonb_build_object('email', (SELECT email FROM people WHERE id = ${personId})))
        ORDER BY a.created_at`,
  );
  const teams = await rows(
    db,
    sql`SELECT p.slug AS program, t.name AS team, m.name, m.email, m.role,
               (SELECT count(*)::int FROM program_attendance x WHERE x.member_id = m.id) AS "sessionsAttended"
        FROM program_team_members m JOIN program_teams t ON t.id = m.team_id JOIN programs p ON p.id = t.program_id
        WHERE m.person_id = ${personId} ORDER BY t.created_at`,
  );
  return { applications, teams };
}

/**
 * "Delete my account": team memberships (and their attendance) go; applications stay for the program's
 * counts but lose the person's name and email, as contact and as member.
 */
export async function eraseProgramData(db: Db, personId: string, email: string | null): Promise<void> {
  await db.delete(programTeamMembers).where(eq(programTeamMembers.personId, personId));
  if (!email) return;
  await db.execute(sql`UPDATE program_applications
                       SET contact_name = '', contact_email = 'erased-' || id || '@invalid'
                       WHERE lower(contact_email) = lower(${email})`);
  await db.execute(sql`UPDATE program_applications
                       SET members = coalesce((SELECT jsonb_agg(m) FROM jsonb_array_elements(members) m
                                               WHERE lower(m->>'email') <> lower(${email})), '[]'::jsonb)
                       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(members) m WHERE lower(m->>'email') = lower(${email}))`);
}
