import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { programDeliverables, programTeamDeliverables, type Deliverable, type DeliverableStatus, type Program } from '../schema';
import type { DeliverableChange, DeliverableInput } from './input';
import { readInstant } from './input';
import { checkTags } from './sessions';

/** A deliverable of the program; its key is unique in the program (a repeat is refused by name). */
export async function createDeliverable(db: Db, p: Program, input: DeliverableInput): Promise<Deliverable> {
  checkTags(p, input.tags);
  const dueAt = readInstant(input.dueAt, p.timeZone, 'end');
  if (!dueAt) throw new AppError('validation_failed', 422, 'errors.validation', { dueAt: 'validation.date' });
  const [d] = await db
    .insert(programDeliverables)
    .values({ programId: p.id, key: input.key, title: input.title, dueAt, tags: input.tags })
    .onConflictDoNothing()
    .returning();
  if (!d) throw new AppError('validation_failed', 422, 'errors.validation', { key: 'programs.error.questionIdTaken' });
  return d;
}

export async function listDeliverables(db: Db, programId: string): Promise<Deliverable[]> {
  return db
    .select()
    .from(programDeliverables)
    .where(eq(programDeliverables.programId, programId))
    .orderBy(asc(programDeliverables.dueAt), asc(programDeliverables.key));
}

/** A new title, due date or tags; its key, and every team's work on it, stay. */
export async function changeDeliverable(db: Db, p: Program, d: Deliverable, input: DeliverableChange): Promise<Deliverable> {
  checkTags(p, input.tags);
  const dueAt = readInstant(input.dueAt, p.timeZone, 'end');
  if (!dueAt) throw new AppError('validation_failed', 422, 'errors.validation', { dueAt: 'validation.date' });
  const [changed] = await db
    .update(programDeliverables)
    .set({ title: input.title, dueAt, tags: input.tags })
    .where(eq(programDeliverables.id, d.id))
    .returning();
  return changed;
}

/** Every team's work on one deliverable: status (`not_started` without a row), text, when. */
export async function deliverableWork(db: Db, d: Deliverable) {
  const rows = await db.select().from(programTeamDeliverables).where(eq(programTeamDeliverables.deliverableId, d.id));
  return new Map(rows.map((r) => [r.teamId, r]));
}

export async function getDeliverable(db: Db, programId: string, key: string): Promise<Deliverable> {
  const [d] = await db
    .select()
    .from(programDeliverables)
    .where(and(eq(programDeliverables.programId, programId), eq(programDeliverables.key, key)));
  if (!d) throw notFound();
  return d;
}

/** Each deliverable with the team's status (`not_started` without a row) and what it handed in. */
export async function teamDeliverables(db: Db, p: Program, teamId: string) {
  const all = await listDeliverables(db, p.id);
  const mine = await db.select().from(programTeamDeliverables).where(eq(programTeamDeliverables.teamId, teamId));
  return all.map((d) => {
    const w = mine.find((m) => m.deliverableId === d.id);
    return { ...d, status: (w?.status ?? 'not_started') as DeliverableStatus, content: w?.content ?? '' };
  });
}

/** The team hands in (again): `submitted`, whatever the review said before. */
export async function handIn(db: Db, teamId: string, d: Deliverable, content: string, by: string | null) {
  await db
    .insert(programTeamDeliverables)
    .values({ teamId, deliverableId: d.id, status: 'submitted', content, updatedBy: by })
    .onConflictDoUpdate({
      target: [programTeamDeliverables.teamId, programTeamDeliverables.deliverableId],
      set: { status: 'submitted', content, updatedBy: by, updatedAt: new Date() },
    });
}

/** An organizer's review of what was handed in; nothing handed in, nothing to review. */
export async function reviewDeliverable(
  db: Db,
  teamId: string,
  d: Deliverable,
  status: 'changes_requested' | 'approved',
  by: string | null,
) {
  const [r] = await db
    .update(programTeamDeliverables)
    .set({ status, updatedBy: by, updatedAt: sql`now()` })
    .where(and(eq(programTeamDeliverables.teamId, teamId), eq(programTeamDeliverables.deliverableId, d.id)))
    .returning();
  if (!r) throw new AppError('not_handed_in', 409, 'programs.error.notHandedIn');
  return r;
}
