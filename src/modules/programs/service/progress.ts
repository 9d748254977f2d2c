import type { Db } from '../../../db/client';
import { asc, eq } from 'drizzle-orm';
import { programTeams, type Program } from '../schema';
import { quotaUse } from './bookings';
import { teamAttendance } from './sessions';
import { teamDeliverables } from './deliverables';
import { teamWorksheets } from './worksheets';

/**
 * A team's progress: attendance, bookings used and allowed, each deliverable's status, worksheet
 * completion (questions answered), and per tag the
 * evidence: attended sessions and approved deliverables carrying it.
 */
export async function progress(db: Db, p: Program, teamId: string) {
  const { attended, total, byTag } = await teamAttendance(db, p, teamId);
  const work = await teamDeliverables(db, p, teamId);
  const approved = (tag: string) => work.filter((d) => d.status === 'approved' && d.tags.includes(tag)).length;
  return {
    teamId,
    attendance: { attended, total },
    bookings: await quotaUse(db, teamId),
    deliverables: work.map((d) => ({ key: d.key, status: d.status })),
    worksheets: (await teamWorksheets(db, p.id, teamId)).map((w) => ({ key: w.key, answered: w.answered, total: w.total })),
    tags: Object.fromEntries(p.tags.map((t) => [t.key, { sessions: byTag[t.key] ?? 0, deliverables: approved(t.key) }])),
  };
}

/** Every team's evidence per tag (the per-tag report); `tag` keeps only teams with some evidence for it. */
export async function tagReport(db: Db, p: Program, tag?: string) {
  const teams = await db.select().from(programTeams).where(eq(programTeams.programId, p.id)).orderBy(asc(programTeams.name));
  const out = [];
  for (const t of teams) {
    const { tags } = await progress(db, p, t.id);
    if (tag && !(tags[tag] && tags[tag].sessions + tags[tag].deliverables > 0)) continue;
    out.push({ id: t.id, name: t.name, organization: t.organization, tags });
  }
  return out;
}
