import { eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  conveningInvitations,
  conveningParticipants,
  directorySuggestions,
  interestResponses,
  organizationMembers,
  recommendationHistory,
} from '../schema';

/** "Download my data": rosters, organizations they belong to, form answers, invitations, suggestions and the status changes they made. */
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
  const formResponses = await db
    .select({
      formId: interestResponses.formId,
      name: interestResponses.name,
      answers: interestResponses.answers,
      topics: interestResponses.topics,
      consent: interestResponses.consent,
      submittedAt: interestResponses.submittedAt,
    })
    .from(interestResponses)
    .where(eq(interestResponses.personId, personId));
  const invitations = await db
    .select({ eventId: conveningInvitations.eventId, name: conveningInvitations.name, invitedAt: conveningInvitations.invitedAt })
    .from(conveningInvitations)
    .where(eq(conveningInvitations.personId, personId));
  const organizations = await db
    .select({
      organizationId: organizationMembers.organizationId,
      name: organizationMembers.name,
      title: organizationMembers.title,
      publicConsent: organizationMembers.publicConsent,
      createdAt: organizationMembers.createdAt,
    })
    .from(organizationMembers)
    .where(eq(organizationMembers.personId, personId));
  return { rosters, statusChanges, suggestions, formResponses, invitations, organizations };
}

/** "Delete my account": off every roster and organization, their form answers, invitations and suggestions gone; the status history keeps what changed but no longer who. */
export async function eraseDirectoryData(db: Db, personId: string, email: string | null): Promise<void> {
  await db
    .delete(directorySuggestions)
    .where(
      email
        ? or(eq(directorySuggestions.personId, personId), eq(directorySuggestions.email, email))
        : eq(directorySuggestions.personId, personId),
    );
  await db.delete(conveningParticipants).where(eq(conveningParticipants.personId, personId));
  await db.delete(interestResponses).where(eq(interestResponses.personId, personId));
  await db.delete(conveningInvitations).where(eq(conveningInvitations.personId, personId));
  await db.delete(organizationMembers).where(eq(organizationMembers.personId, personId));
  await db.update(recommendationHistory).set({ byPersonId: null, byName: null }).where(eq(recommendationHistory.byPersonId, personId));
}
