import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError, FieldProblems } from '../../../platform/http/errors';
import { directoryGoals, directoryTopics } from '../schema';
import type { TaxonomyInput } from './input';

export type TaxonomyKind = 'goal' | 'topic';
const tableOf = (kind: TaxonomyKind) => (kind === 'goal' ? directoryGoals : directoryTopics);

export interface TaxonomyEntry {
  key: string;
  name: string;
  nameEs: string | null;
}

/** Adds a goal or topic; a key in use already is a 409, not a silent rename. */
export async function addTaxonomy(db: Db, kind: TaxonomyKind, input: TaxonomyInput): Promise<TaxonomyEntry> {
  const table = tableOf(kind);
  const [row] = await db.insert(table).values(input).onConflictDoNothing().returning();
  if (!row) throw new AppError('key_taken', 409, 'directory.error.keyTaken', { key: 'directory.error.keyTaken' });
  return { key: row.key, name: row.name, nameEs: row.nameEs };
}

export async function listTaxonomy(db: Db, kind: TaxonomyKind): Promise<TaxonomyEntry[]> {
  const table = tableOf(kind);
  const list = await db.select({ key: table.key, name: table.name, nameEs: table.nameEs }).from(table).orderBy(table.name);
  return list;
}

/** Unknown keys are field errors (422), named after the field that sent them, before anything is saved. */
export async function checkKeys(db: Db, kind: TaxonomyKind, field: string, keys: string[], problems: FieldProblems): Promise<void> {
  if (keys.length === 0) return;
  const table = tableOf(kind);
  const known = new Set((await db.select({ key: table.key }).from(table).where(inArray(table.key, keys))).map((r) => r.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length)
    problems.add(field, kind === 'goal' ? 'directory.error.unknownGoal' : 'directory.error.unknownTopic', { keys: unknown.join(', ') });
}

/** A display name in the reader's language. */
export const taxonomyName = (t: Pick<TaxonomyEntry, 'name' | 'nameEs'>, locale: 'en' | 'es') => (locale === 'es' && t.nameEs) || t.name;
