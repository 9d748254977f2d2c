import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { conferences, type CfpQuestion } from '../schema';

const MAX_QUESTIONS = 20;

/**
 * The questions as organizers write them: one a line, "English | Español" (the Spanish is optional),
 * and a final "*" when an answer is required. Ids are the line's place (q1, q2…), so answers given
 * before an edit stay with the question in that place.
 */
export function questionsFromOutline(outline: string): CfpQuestion[] {
  const lines = outline
    .split(/\r?\n/)
    .map((l) => l.normalize('NFC').trim())
    .filter(Boolean);
  if (lines.length > MAX_QUESTIONS || lines.some((l) => l.length > 500))
    throw new AppError('validation_failed', 422, 'errors.validation', { questions: 'conferences.error.questions' });
  return lines.map((line, i) => {
    const required = line.endsWith('*');
    const [en, es] = line
      .replace(/\*$/, '')
      .split('|')
      .map((x) => x.trim());
    return { id: `q${i + 1}`, label: { en: en || es || '', es: es || null }, required };
  });
}

export function outlineOf(questions: CfpQuestion[]): string {
  return questions.map((q) => `${q.label.en ?? ''}${q.label.es ? ` | ${q.label.es}` : ''}${q.required ? ' *' : ''}`).join('\n');
}

export async function saveCfpQuestions(db: Db, eventId: string, questions: CfpQuestion[]): Promise<void> {
  await db.update(conferences).set({ cfpQuestions: questions }).where(eq(conferences.eventId, eventId));
}

/** The answers kept: one per question of the call (up to 5,000 characters), every required one given. */
export function checkCfpAnswers(questions: CfpQuestion[], answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const q of questions) {
    const a = (answers[q.id] ?? '').normalize('NFC').trim();
    if (a) out[q.id] = a.slice(0, 5000);
    else if (q.required) fields[`answers.${q.id}`] = 'conferences.error.answerRequired';
  }
  if (Object.keys(fields).length) throw new AppError('validation_failed', 422, 'errors.validation', fields);
  return out;
}
