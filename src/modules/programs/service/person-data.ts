import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { programTeamMembers } from '../schema';

/**
 * "Download my data": applications naming the person (as contact or member, by their email, read from
 * people's row), drafts they are the contact of, their team memberships with the sessions they attended, their worksheet comments and saves.
 */
export async function exportProgramData(db: Db, personId: string): Promise<unknown> {
  const applications = await rows(
    db,
    sql`SELECT p.slug AS program, a.organization, a.contact_name AS "contactName", a.contact_email AS "contactEmail",
               a.language, a.members, a.answers, a.status, a.created_at AS "appliedAt"
        FROM program_applications a JOIN programs p ON p.id = a.program_id
        WHERE lower(a.contact_email) = lower((SELECT email FROM person_contacts WHERE id = ${personId}))
           OR a.members @> jsonb_build_array(jsonb_build_object('email', (SELECT email FROM person_contacts WHERE id = ${personId})))
        ORDER BY a.created_at`,
  );
  const teams = await rows(
    db,
    sql`SELECT p.slug AS program, t.name AS team, m.name, m.email, m.role,
               (SELECT count(*)::int FROM program_attendance x WHERE x.member_id = m.id) AS "sessionsAttended"
        FROM program_team_members m JOIN program_teams t ON t.id = m.team_id JOIN programs p ON p.id = t.program_id
        WHERE m.person_id = ${personId} ORDER BY t.created_at`,
  );
  const worksheetComments = await rows(
    db,
    sql`SELECT t.key AS worksheet, c.section_id AS section, c.body, c.created_at AS "createdAt"
        FROM program_worksheet_comments c JOIN program_worksheets w ON w.id = c.worksheet_id
        JOIN program_worksheet_templates t ON t.id = w.template_id
        WHERE c.author_id = ${personId} ORDER BY c.created_at`,
  );
  const worksheetSaves = await rows(
    db,
    sql`SELECT t.key AS worksheet, v.number AS version, v.saved_at AS "savedAt"
        FROM program_worksheet_versions v JOIN program_worksheets w ON w.id = v.worksheet_id
        JOIN program_worksheet_templates t ON t.id = w.template_id
        WHERE v.saved_by = ${personId} ORDER BY v.saved_at`,
  );
  const drafts = await rows(
    db,
    sql`SELECT p.slug AS program, d.contact_email AS "contactEmail", d.language, d."values", d.sent_at AS "sentAt", d.updated_at AS "savedAt"
        FROM program_application_drafts d JOIN programs p ON p.id = d.program_id
        WHERE lower(d.contact_email) = lower((SELECT email FROM person_contacts WHERE id = ${personId}))
        ORDER BY d.created_at`,
  );
  return { applications, drafts, teams, worksheetComments, worksheetSaves };
}

/**
 * "Delete my account": team memberships (and their attendance) and drafts the person is the contact of go; applications stay for the program's
 * counts but lose the person's name and email, as contact and as member; worksheet versions and
 * comments stay for the team without the name.
 */
export async function eraseProgramData(db: Db, personId: string, email: string | null): Promise<void> {
  await db.delete(programTeamMembers).where(eq(programTeamMembers.personId, personId));
  // The team's worksheet history and threads stay (they are the team's work), without the person's name.
  await db.execute(sql`UPDATE program_worksheet_versions SET saved_by_name = NULL, saved_by = NULL WHERE saved_by = ${personId}`);
  await db.execute(sql`UPDATE program_worksheet_comments SET author_name = NULL, author_id = NULL WHERE author_id = ${personId}`);
  if (!email) return;
  // A draft is only what its contact typed: it goes whole.
  await db.execute(sql`DELETE FROM program_application_drafts WHERE lower(contact_email) = lower(${email})`);
  await db.execute(sql`UPDATE program_applications
                       SET contact_name = '', contact_email = 'erased-' || id || '@invalid'
                       WHERE lower(contact_email) = lower(${email})`);
  await db.execute(sql`UPDATE program_applications
                       SET members = coalesce((SELECT jsonb_agg(m) FROM jsonb_array_elements(members) m
                                               WHERE lower(m->>'email') <> lower(${email})), '[]'::jsonb)
                       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(members) m WHERE lower(m->>'email') = lower(${email}))`);
}
