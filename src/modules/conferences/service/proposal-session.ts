import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import type { EventRow } from '../../events';
import { proposals, type Proposal, type Session } from '../schema';
import { sessionInput } from './input';
import { createSession } from './sessions';

/** Where and when an accepted proposal goes on the programme; the rest comes from the proposal. */
export const proposalSessionInput = sessionInput.pick({ roomId: true, startsAt: true, endsAt: true, trackId: true, capacity: true });
export type ProposalSessionInput = ReturnType<typeof proposalSessionInput.parse>;

/**
 * Puts an accepted (or speaker-confirmed) proposal on the programme through the one session creation
 * (same checks: room and speaker free, within the days). The proposal row is claimed first by a
 * conditional update, so two presses at once make one session: the second waits for the first's row
 * lock, then finds the session already set.
 */
export async function scheduleProposal(db: Db, e: EventRow, p: Proposal, input: ProposalSessionInput): Promise<Session> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(proposals)
      .set({ updatedAt: new Date() })
      .where(and(eq(proposals.id, p.id), isNull(proposals.sessionId), inArray(proposals.status, ['accepted', 'confirmed'])))
      .returning();
    if (!claimed) {
      const [now] = await tx.select().from(proposals).where(eq(proposals.id, p.id));
      if (now?.sessionId) throw new AppError('already_scheduled', 409, 'conferences.error.alreadyScheduled');
      throw new AppError('not_accepted', 409, 'conferences.error.proposalNotAccepted');
    }
    const s = await createSession(tx, e, {
      title: claimed.title,
      titleEs: null,
      abstract: claimed.abstract,
      abstractEs: null,
      type: claimed.type,
      language: claimed.language,
      trackId: input.trackId ?? claimed.trackId,
      roomId: input.roomId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity ?? null,
      speakers: [{ name: claimed.speakerName, title: null, organization: null, bio: null, bioEs: null }],
    });
    await tx.update(proposals).set({ sessionId: s.id }).where(eq(proposals.id, p.id));
    return s;
  });
}
