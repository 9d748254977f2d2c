import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { surveyResponses, surveys } from '../schema';
import { changeOn, pairedAnswers } from './surveys';

/** The yes/no question a follow-up survey asks about a new job or role, by its name (`yesno [placed]: …`). */
const PLACEMENT_QUESTION = 'placed';

/**
 * What surveys measured, for the impact figures: over answers recorded in [from, to), of one chapter's
 * surveys (every chapter's when `chapter` is null).
 * - `placementAnswers`: distinct people who answered a follow-up survey's `placed` question (0: no
 *   survey measured placements), `placed`: those of them who answered yes on any of them.
 * - `confidenceChanges`: one per person who answered an "after" survey and its "before" one, their
 *   change being the mean of their changes on the 1–5 questions answered both times (as the chapter
 *   totals pair them).
 * Exact counts: the caller hides small ones (`src/platform/counts.ts`).
 */
export async function surveyOutcomes(
  db: Db,
  q: { from: Date; to: Date; chapter: string | null },
): Promise<{ placementAnswers: number; placed: number; confidenceChanges: number[] }> {
  const inScope = (kinds: ('followup' | 'post')[]): SQL[] => [
    inArray(surveys.kind, kinds),
    ...(q.chapter ? [eq(surveys.chapter, q.chapter)] : []),
  ];
  const list = await db
    .select()
    .from(surveys)
    .where(and(...inScope(['followup', 'post'])));
  if (!list.length) return { placementAnswers: 0, placed: 0, confidenceChanges: [] };
  const answers = await db
    .select()
    .from(surveyResponses)
    .where(
      and(
        inArray(
          surveyResponses.surveyId,
          list.map((s) => s.id),
        ),
        gte(surveyResponses.updatedAt, q.from),
        lt(surveyResponses.updatedAt, q.to),
      ),
    );

  const answered = new Set<string>();
  const placed = new Set<string>();
  const confidenceChanges: number[] = [];
  for (const s of list) {
    const mine = answers.filter((r) => r.surveyId === s.id);
    if (s.kind === 'followup') {
      if (!s.questions.some((x) => x.id === PLACEMENT_QUESTION && x.kind === 'yesno')) continue;
      for (const r of mine) {
        const a = r.answers[PLACEMENT_QUESTION];
        if (typeof a !== 'boolean') continue;
        answered.add(r.email.toLowerCase());
        if (a) placed.add(r.email.toLowerCase());
      }
      continue;
    }
    const likert = s.questions.filter((x) => x.kind === 'likert');
    for (const p of (await pairedAnswers(db, s, mine)) ?? []) {
      const changes = likert.map((x) => changeOn(p, x.id)).filter((d): d is number => d !== null);
      if (changes.length) confidenceChanges.push(changes.reduce((a, b) => a + b, 0) / changes.length);
    }
  }
  return { placementAnswers: answered.size, placed: placed.size, confidenceChanges };
}
