import crypto from 'node:crypto';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { slugify, utcToZoned } from '../../events';
import { programTeamQuotas, programTeams, programs, type Program } from '../schema';
import type { ProgramInput } from './input';
import { recheckApplications } from './applications';

/** "2026-08-21T23:59:59-04:00": the instant as the program's clocks show it, with their offset. */
export function isoInZone(date: Date, timeZone: string): string {
  const wall = Date.parse(`${utcToZoned(date, timeZone)}:00Z`);
  const offset = Math.round((wall - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A program's columns from checked input (everything but its slug, which never changes). */
const stored = (input: ProgramInput) => ({
  chapter: input.chapter ?? null,
  title: input.title,
  description: input.description,
  timeZone: input.timeZone,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  applicationDeadline: input.applicationDeadline,
  languages: input.languages,
  bookingQuotas: input.bookingQuotas,
  questions: input.questions,
  eligibility: input.eligibility,
  tags: input.tags,
});

/** Creates a program from checked input (`programInput`, as the API route and the tests parse it). */
export async function createProgram(db: Db, input: ProgramInput, by: string | null): Promise<Program> {
  const slug = input.slug ?? `${slugify(input.title.en ?? input.title.es ?? 'program')}-${crypto.randomBytes(3).toString('hex')}`;
  // A slug already taken inserts nothing: the organizer is asked for another.
  const [p] = await db
    .insert(programs)
    .values({ slug, ...stored(input), createdBy: by })
    .onConflictDoNothing()
    .returning();
  if (!p) throw new AppError('slug_taken', 409, 'errors.validation', { slug: 'programs.error.slugTaken' });
  return p;
}

/** What re-checking received applications found after a change of questions or rules. */
interface Recheck {
  checked: number;
  flagged: number;
}

/**
 * Saves an edit (`programEditInput`); the slug stays, as links and invites carry it. Teams already made
 * get the new booking quotas, never below what they have booked, in the same transaction. When the
 * questions or eligibility rules changed, every open application is checked again under the new ones
 * (`recheckApplications`: flagged for organizers, never dropped), also in that transaction.
 */
export async function updateProgram(db: Db, p: Program, input: ProgramInput): Promise<{ program: Program; recheck: Recheck | null }> {
  return db.transaction(async (tx) => {
    // The row lock first: applications being stored hold a share lock on it, so they land before this
    // change and are re-checked with the rest, and `was` is the program as it stands.
    const [was] = await tx.select().from(programs).where(eq(programs.id, p.id)).for('update');
    if (!was) throw notFound();
    const [changed] = await tx.update(programs).set(stored(input)).where(eq(programs.id, p.id)).returning();
    const q = input.bookingQuotas;
    await tx
      .update(programTeamQuotas)
      .set({
        quota: sql`greatest(${programTeamQuotas.used}, case ${programTeamQuotas.kind} when 'office_hour' then ${q.office_hour}::int when 'ta' then ${q.ta}::int else ${q.pre_call}::int end)`,
      })
      .where(
        inArray(programTeamQuotas.teamId, tx.select({ id: programTeams.id }).from(programTeams).where(eq(programTeams.programId, p.id))),
      );
    const rulesChanged =
      JSON.stringify(was.questions) !== JSON.stringify(changed.questions) ||
      JSON.stringify(was.eligibility) !== JSON.stringify(changed.eligibility);
    return { program: changed, recheck: rulesChanged ? await recheckApplications(tx, changed) : null };
  });
}

export async function getProgram(db: Db, slug: string): Promise<Program> {
  const [p] = await db.select().from(programs).where(eq(programs.slug, slug));
  if (!p) throw notFound();
  return p;
}

export async function getProgramById(db: Db, id: string): Promise<Program> {
  const [p] = await db.select().from(programs).where(eq(programs.id, id));
  if (!p) throw notFound();
  return p;
}

export const deadlinePassed = (p: Pick<Program, 'applicationDeadline'>, now = new Date()) => now >= p.applicationDeadline;

/** Every program, the latest first (organizers' list; the page keeps those the viewer runs). */
export async function listPrograms(db: Db): Promise<Program[]> {
  return db.select().from(programs).orderBy(desc(programs.startsAt), asc(programs.slug)).limit(500);
}
