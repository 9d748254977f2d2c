import type { Db } from '../../../db/client';
import type { Program } from '../schema';
import { quotaUse } from './bookings';
import { teamAttendance } from './sessions';

/**
 * A team's progress: attendance, bookings used and allowed, tags with evidence. Worksheets and
 * deliverables are not built yet: the list is empty and no tag counts a deliverable.
 */
export async function progress(db: Db, p: Program, teamId: string) {
  const { attended, total, byTag } = await teamAttendance(db, p, teamId);
  return {
    teamId,
    attendance: { attended, total },
    bookings: await quotaUse(db, teamId),
    deliverables: [] as { key: string; status: string }[],
    tags: Object.fromEntries(p.tags.map((t) => [t.key, { sessions: byTag[t.key] ?? 0, deliverables: 0 }])),
  };
}
