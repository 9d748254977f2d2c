import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { emailAddress, optionalText } from '../../../platform/http/validation';
import { notFound } from '../../../platform/http/errors';
import { directorySuggestions, type Suggestion } from '../schema';
import { isUuid } from '../../../platform/ids';

export const suggestionInput = z.object({
  text: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'validation.required' }).max(5000)),
  name: optionalText(200),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), emailAddress.optional()),
});
export type SuggestionInput = z.output<typeof suggestionInput>;

export async function suggestEdit(
  db: Db,
  entry: { kind: 'organizations' | 'initiatives'; slug: string },
  input: SuggestionInput,
  personId: string | null,
): Promise<Suggestion> {
  const [row] = await db
    .insert(directorySuggestions)
    .values({ entryKind: entry.kind, entrySlug: entry.slug, text: input.text, name: input.name, email: input.email ?? null, personId })
    .returning();
  return row;
}

/** Suggestions not yet dealt with, newest first. */
export async function openSuggestions(db: Db): Promise<Suggestion[]> {
  return db
    .select()
    .from(directorySuggestions)
    .where(isNull(directorySuggestions.resolvedAt))
    .orderBy(desc(directorySuggestions.createdAt))
    .limit(500);
}

export async function resolveSuggestion(db: Db, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound();
  const done = await db
    .update(directorySuggestions)
    .set({ resolvedAt: new Date() })
    .where(and(eq(directorySuggestions.id, id), isNull(directorySuggestions.resolvedAt)))
    .returning({ id: directorySuggestions.id });
  if (done.length === 0) throw notFound();
}
