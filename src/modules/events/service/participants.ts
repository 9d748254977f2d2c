import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';

export type ParticipantList = 'going' | 'checked_in';

/**
 * The people of an event as other modules plan with them (small groups, surveys): everyone holding a
 * seat (`going`, door walk-ins and anyone checked in included) or only those checked in, with the name
 * and language given on their RSVP. Oldest RSVP first, so a list read twice comes out the same.
 */
export async function eventParticipants(
  db: Db,
  eventId: string,
  which: ParticipantList,
): Promise<{ personId: string; name: string; email: string | null; language: 'en' | 'es' }[]> {
  const who = which === 'checked_in' ? sql`checked_in_at IS NOT NULL` : sql`(status IN ('going', 'walkin') OR checked_in_at IS NOT NULL)`;
  return rows(
    db,
    sql`SELECT person_id AS "personId", name, email, language FROM rsvps
        WHERE event_id = ${eventId} AND ${who} ORDER BY created_at, id`,
  );
}
