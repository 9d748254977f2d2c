import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conveningParticipants, recommendationHistory } from '../schema';

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
  return { rosters, statusChanges };
}

/** "Delete my account": off every roster; the status history keeps what changed but no longer who. */
export async function eraseDirectoryData(db: Db, personId: string): Promise<void> {
  await db.delete(conveningParticipants).where(eq(conveningParticipants.personId, personId));
  await db.update(recommendationHistory).set({ byPersonId: null, byName: null }).where(eq(recommendationHistory.byPersonId, personId));
}
