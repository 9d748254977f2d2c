import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { agendaStars, conferenceSessions, sessionSignups } from '../schema';
import { cancelSignup } from './signups';
import { eraseApplications, exportApplications } from './applications';

/** "Download my data": workshop sign-ups, starred sessions and symposium applications. Feedback is anonymous and not linked to anyone. */
export async function exportConferenceData(db: Db, personId: string): Promise<unknown> {
  const signups = await db
    .select({
      session: conferenceSessions.code,
      title: conferenceSessions.title,
      name: sessionSignups.name,
      email: sessionSignups.email,
      status: sessionSignups.status,
      createdAt: sessionSignups.createdAt,
    })
    .from(sessionSignups)
    .innerJoin(conferenceSessions, eq(conferenceSessions.id, sessionSignups.sessionId))
    .where(eq(sessionSignups.personId, personId));
  const starred = await db
    .select({ session: conferenceSessions.code, title: conferenceSessions.title })
    .from(agendaStars)
    .innerJoin(conferenceSessions, eq(conferenceSessions.id, agendaStars.sessionId))
    .where(eq(agendaStars.personId, personId));
  return { signups, starred, applications: await exportApplications(db, personId) };
}

/** "Delete my account": seats held go to the next in line first, then the rows go. */
export async function eraseConferenceData(db: Db, personId: string): Promise<void> {
  const held = await db.select({ id: sessionSignups.id }).from(sessionSignups).where(eq(sessionSignups.personId, personId));
  for (const s of held) await cancelSignup(db, s.id);
  await db.delete(sessionSignups).where(eq(sessionSignups.personId, personId));
  await db.delete(agendaStars).where(eq(agendaStars.personId, personId));
  await eraseApplications(db, personId);
}
