import { eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conveningParticipants, directorySuggestions, recommendationHistory } from '../schema';

/** "Download my data": the rosters a person is on and the status changes they made. */
export async function exportDirectoryData(db: Db, personId: string) {
  const rosters = await db
    .select({
      eventId: conveningParticipants.eventId,
      name: conveningParticipants.name,
      organization: conveningParticipants.organizationText,
      role: conveningParticipants.role,
      publicConsent: conveningParticipants.publicConsent,
      createdAt: conveningParticipants.createdAt,
    })
    .from(conveningParticipants)
    .where(eq(conveningParticipants.personId, personId));
  const statusChanges = await db
    .select({
      recommendationId: recommendationHistory.recommendationId,
      status: recommendationHistory.status,
      note: recommendationHistory.note,
      at: recommendationHistory.at,
    })
    .from(recommendationHistory)
    .where(eq(recommendationHistory.byPersonId, personId));
  const suggestions = await db
    .select({ entry: directorySuggestions.entrySlug, text: directorySuggestions.text, createdAt: directorySuggestions.createdAt })
    .from(directorySuggestions)
    .where(eq(directorySuggestions.personId, personId));
  return { rosters, statusChanges, suggestions };
}

/** "Delete my account": off every roster, their suggestions gone; the status history keeps what changed but no longer who. */
export async function eraseDirectoryData(db: Db, personId: string, email: string | null): Promise<void> {
  await db
    .delete(directorySuggestions)
    .where(
      email
        ? or(eq(directorySuggestions.personId, personId), eq(directorySuggestions.email, email))
        : eq(directorySuggestions.personId, personId),
    );
  await db.delete(conveningParticipants).where(eq(conveningParticipants.personId, personId));
  await db.update(recommendationHistory).set({ byPersonId: null, byName: null }).where(eq(recommendationHistory.byPersonId, personId));
}
