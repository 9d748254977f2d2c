import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { isSmallCount, suppressedCells } from '../../../platform/counts';
import { surveyResponses, surveys, type SurveyKind, type SurveyQuestion, type SurveyRow } from '../schema';
import { cell, changeFigures, changeOn, pairedAnswers, questionResult, type Cell, type QuestionResult } from './surveys';

export interface ChapterReport {
  /** Each survey counted with its number of answers; small ones hidden, and one more where the total would give them away. */
  surveys: { id: string; title: { en?: string | null; es?: string | null }; kind: SurveyKind; responses: Cell }[];
  responses: Cell;
  /** Likert and yes/no questions asked in the same words on several surveys, counted together. */
  questions: (QuestionResult & { surveys: number })[];
  /**
   * Before and after, over every "after" survey of the chapter: each person who answered both, their
   * change being the mean of their changes on the Likert questions they answered both times.
   */
  confidence: { people: Cell; meanChange: Cell; shareImproved: Cell };
}

/** The same question, whatever survey asked it: its kind and its words (English, else Spanish), ignoring case and spacing. */
const sameQuestion = (q: SurveyQuestion) => `${q.kind}:${(q.label.en || q.label.es || '').trim().toLowerCase().replace(/\s+/g, ' ')}`;

/** Every survey of a chapter at once, for impact reports. Organizers see these figures with small counts hidden. */
export async function chapterReport(db: Db, chapter: string): Promise<ChapterReport> {
  return report(db, await db.select().from(surveys).where(eq(surveys.chapter, chapter)).orderBy(desc(surveys.createdAt)));
}

/** Every survey linked to a cohort program, counted the same way as a chapter's. */
export async function programReport(db: Db, programId: string): Promise<ChapterReport> {
  return report(db, await db.select().from(surveys).where(eq(surveys.programId, programId)).orderBy(desc(surveys.createdAt)));
}

async function report(db: Db, list: SurveyRow[]): Promise<ChapterReport> {
  const answers = list.length
    ? await db
        .select()
        .from(surveyResponses)
        .where(
          inArray(
            surveyResponses.surveyId,
            list.map((s) => s.id),
          ),
        )
    : [];
  const bySurvey = new Map(list.map((s) => [s.id, answers.filter((r) => r.surveyId === s.id)]));
  const counts = list.map((s) => bySurvey.get(s.id)!.length);
  const hidden = suppressedCells(counts);
  const total = answers.length;

  const pooled = new Map<string, { q: SurveyQuestion; values: (number | boolean | string | undefined)[]; surveys: number }>();
  for (const s of list)
    for (const q of s.questions) {
      if (q.kind !== 'likert' && q.kind !== 'yesno') continue;
      const key = sameQuestion(q);
      const entry = pooled.get(key) ?? { q: { ...q, id: `q${pooled.size + 1}` }, values: [], surveys: 0 };
      entry.values.push(...bySurvey.get(s.id)!.map((r) => r.answers[q.id]));
      entry.surveys++;
      pooled.set(key, entry);
    }

  const changes: number[] = [];
  for (const s of list) {
    const pairs = await pairedAnswers(db, s, bySurvey.get(s.id)!);
    const likert = s.questions.filter((q) => q.kind === 'likert');
    for (const p of pairs ?? []) {
      const mine = likert.map((q) => changeOn(p, q.id)).filter((d): d is number => d !== null);
      if (mine.length > 0) changes.push(mine.reduce((a, b) => a + b, 0) / mine.length);
    }
  }
  return {
    surveys: list.map((s, i) => ({ id: s.id, title: s.title, kind: s.kind, responses: cell(counts[i], hidden[i]) })),
    responses: cell(total, isSmallCount(total)),
    questions: [...pooled.values()].map((x) => ({ ...questionResult(x.q, x.values, false), surveys: x.surveys })),
    confidence: { people: cell(changes.length, isSmallCount(changes.length)), ...changeFigures(changes) },
  };
}
