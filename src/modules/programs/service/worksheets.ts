import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import {
  programWorksheetComments,
  programWorksheetTemplates,
  programWorksheetVersions,
  programWorksheets,
  type Program,
  type Worksheet,
  type WorksheetComment,
  type WorksheetSection,
  type WorksheetTemplate,
} from '../schema';
import type { WorksheetSaveInput, WorksheetTemplateInput } from './input';
import { isUuid } from '../../../platform/ids';

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 422, 'errors.validation', fields);

/** Who saves or comments, as the history shows them even after their account is gone. */
export interface Author {
  id: string | null;
  name: string | null;
}

export async function createTemplate(db: Db, p: Program, input: WorksheetTemplateInput): Promise<WorksheetTemplate> {
  const [t] = await db
    .insert(programWorksheetTemplates)
    .values({ programId: p.id, key: input.key, title: input.title, sections: input.sections })
    .onConflictDoNothing()
    .returning();
  if (!t) throw invalid({ key: 'programs.error.worksheetKeyTaken' });
  return t;
}

export async function listTemplates(db: Db, programId: string): Promise<WorksheetTemplate[]> {
  return db
    .select()
    .from(programWorksheetTemplates)
    .where(eq(programWorksheetTemplates.programId, programId))
    .orderBy(asc(programWorksheetTemplates.createdAt), asc(programWorksheetTemplates.key));
}

export async function getTemplate(db: Db, programId: string, key: string): Promise<WorksheetTemplate> {
  const [t] = await db
    .select()
    .from(programWorksheetTemplates)
    .where(and(eq(programWorksheetTemplates.programId, programId), eq(programWorksheetTemplates.key, key)));
  if (!t) throw notFound();
  return t;
}

/**
 * A team copy's sections after its template changed: the template's, in its order and words, plus any
 * question the template dropped that the team had answered (in its section, or its old section at the
 * end), so no answer drops out of sight. Answers are keyed by question id and are not touched.
 */
function mergeSections(template: WorksheetSection[], copy: WorksheetSection[], answers: Record<string, string>): WorksheetSection[] {
  const current = new Set(template.flatMap((s) => s.questions.map((q) => q.id)));
  const kept = copy
    .map((s) => ({ ...s, questions: s.questions.filter((q) => !current.has(q.id) && (answers[q.id] ?? '') !== '') }))
    .filter((s) => s.questions.length > 0);
  const merged = template.map((s) => {
    const old = kept.find((k) => k.id === s.id);
    return old ? { ...s, questions: [...s.questions, ...old.questions] } : s;
  });
  return [...merged, ...kept.filter((k) => !template.some((s) => s.id === k.id))];
}

/**
 * Changes a template (its key stays) and, in the same transaction, every team's copy of it: new sections
 * and questions appear, wording follows the template, answers stay. Each copy's row is locked while it
 * is rewritten, as a save locks it.
 */
export async function updateTemplate(
  db: Db,
  t: WorksheetTemplate,
  input: WorksheetTemplateInput,
): Promise<{ template: WorksheetTemplate; copies: number }> {
  if (input.key !== t.key) throw invalid({ key: 'programs.error.worksheetKeyFixed' });
  return db.transaction(async (tx) => {
    const [template] = await tx
      .update(programWorksheetTemplates)
      .set({ title: input.title, sections: input.sections })
      .where(eq(programWorksheetTemplates.id, t.id))
      .returning();
    const copies = await tx.select().from(programWorksheets).where(eq(programWorksheets.templateId, t.id)).for('update');
    for (const w of copies)
      await tx
        .update(programWorksheets)
        .set({ sections: mergeSections(input.sections, w.sections, w.answers) })
        .where(eq(programWorksheets.id, w.id));
    return { template, copies: copies.length };
  });
}

/** The team's own copy of a template, made the first time anyone opens it (once: a unique index). */
export async function worksheetOf(db: Db, teamId: string, template: WorksheetTemplate): Promise<Worksheet> {
  await db.insert(programWorksheets).values({ teamId, templateId: template.id, sections: template.sections }).onConflictDoNothing();
  const [w] = await db
    .select()
    .from(programWorksheets)
    .where(and(eq(programWorksheets.teamId, teamId), eq(programWorksheets.templateId, template.id)));
  return w;
}

const questionIds = (w: Pick<Worksheet, 'sections'>) => w.sections.flatMap((s) => s.questions.map((q) => q.id));

/** Answered questions out of all of them. */
export function completion(w: Pick<Worksheet, 'sections' | 'answers'>) {
  const ids = questionIds(w);
  return { answered: ids.filter((id) => (w.answers[id] ?? '').length > 0).length, total: ids.length };
}

/** Answers as of a version; version 0 is the empty copy. */
async function answersAt(db: Db, worksheetId: string, number: number): Promise<Record<string, string>> {
  if (number === 0) return {};
  const [v] = await db
    .select({ answers: programWorksheetVersions.answers })
    .from(programWorksheetVersions)
    .where(and(eq(programWorksheetVersions.worksheetId, worksheetId), eq(programWorksheetVersions.number, number)));
  if (!v) throw notFound();
  return v.answers;
}

const withoutBlanks = (a: Record<string, string>) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== ''));
const same = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/**
 * One save, in one transaction. The worksheet's row is locked first, so simultaneous saves take turns:
 * each merges its questions into what the previous one left and gets the next version number (the
 * primary key on worksheet and number would refuse a repeat). A save that started from an older
 * version is refused only for a question someone else changed since, so two people writing in
 * different sections both keep their text. A save that changes nothing (a double click) adds no version.
 */
async function write(
  db: Db,
  w: Worksheet,
  next: (current: Record<string, string>, tx: Db) => Promise<Record<string, string>> | Record<string, string>,
  by: Author,
  restoredFrom: number | null,
): Promise<{ version: number; saved: boolean }> {
  return db.transaction(async (tx) => {
    const [cur] = await rows<{ version: number; answers: Record<string, string> }>(
      tx,
      // Raw SQL: the row lock is what orders simultaneous saves.
      sql`SELECT version, answers FROM program_worksheets WHERE id = ${w.id} FOR UPDATE`,
    );
    const answers = withoutBlanks(await next(cur.answers, tx));
    if (same(answers, cur.answers)) return { version: cur.version, saved: false };
    const [u] = await tx
      .update(programWorksheets)
      .set({ answers, version: cur.version + 1, updatedAt: new Date() })
      .where(and(eq(programWorksheets.id, w.id), eq(programWorksheets.version, cur.version)))
      .returning({ version: programWorksheets.version });
    if (!u) throw new AppError('conflict', 409, 'errors.conflict');
    await tx
      .insert(programWorksheetVersions)
      .values({ worksheetId: w.id, number: u.version, answers, savedBy: by.id, savedByName: by.name, restoredFrom });
    return { version: u.version, saved: true };
  });
}

/** A team member saves some answers (a section from the page, any questions through the API). */
export async function saveWorksheet(db: Db, w: Worksheet, input: WorksheetSaveInput, by: Author) {
  const known = new Set(questionIds(w));
  const unknown = Object.keys(input.answers).filter((id) => !known.has(id));
  if (unknown.length) throw invalid(Object.fromEntries(unknown.map((id) => [`answers.${id}`, 'programs.error.worksheetQuestion'])));
  return write(
    db,
    w,
    async (current, tx) => {
      if (input.baseVersion !== undefined) {
        const base = await answersAt(tx, w.id, input.baseVersion).catch(() => ({}) as Record<string, string>);
        const clashes = Object.keys(input.answers).filter(
          (id) => (current[id] ?? '') !== (base[id] ?? '') && (current[id] ?? '') !== input.answers[id],
        );
        if (clashes.length)
          throw new AppError(
            'worksheet_changed',
            409,
            'programs.error.worksheetChanged',
            Object.fromEntries(clashes.map((id) => [`answers.${id}`, 'programs.error.worksheetChangedField'])),
          );
      }
      return { ...current, ...input.answers };
    },
    by,
    null,
  );
}

/** Makes an earlier version the current one, as a new version (history is never rewritten). */
export async function restoreVersion(db: Db, w: Worksheet, number: number, by: Author) {
  await answersAt(db, w.id, number);
  return write(db, w, (_, tx) => answersAt(tx, w.id, number), by, number);
}

export async function listVersions(db: Db, worksheetId: string) {
  return db
    .select({
      number: programWorksheetVersions.number,
      savedByName: programWorksheetVersions.savedByName,
      savedAt: programWorksheetVersions.savedAt,
      restoredFrom: programWorksheetVersions.restoredFrom,
    })
    .from(programWorksheetVersions)
    .where(eq(programWorksheetVersions.worksheetId, worksheetId))
    .orderBy(desc(programWorksheetVersions.number));
}

/** Every question whose answer differs between two versions, in the worksheet's order. */
export async function compareVersions(db: Db, w: Worksheet, from: number, to: number) {
  const [a, b] = await Promise.all([answersAt(db, w.id, from), answersAt(db, w.id, to)]);
  return w.sections.flatMap((s) =>
    s.questions
      .filter((q) => (a[q.id] ?? '') !== (b[q.id] ?? ''))
      .map((q) => ({ section: s, question: q, from: a[q.id] ?? '', to: b[q.id] ?? '' })),
  );
}

/**
 * A comment on a section. Facilitators (organizers) start a thread; the team answers one. An answer
 * belongs to a thread of the same worksheet and section.
 */
export async function addComment(
  db: Db,
  w: Worksheet,
  input: { sectionId: string; parentId?: string; body: string },
  by: Author,
  fromTeam: boolean,
): Promise<WorksheetComment> {
  if (!w.sections.some((s) => s.id === input.sectionId)) throw invalid({ sectionId: 'programs.error.worksheetSection' });
  if (fromTeam && !input.parentId) throw invalid({ parentId: 'programs.error.commentReplyOnly' });
  if (input.parentId) {
    const [parent] = isUuid(input.parentId)
      ? await db
          .select()
          .from(programWorksheetComments)
          .where(and(eq(programWorksheetComments.id, input.parentId), eq(programWorksheetComments.worksheetId, w.id)))
      : [];
    if (!parent || parent.parentId || parent.sectionId !== input.sectionId) throw invalid({ parentId: 'programs.error.commentThread' });
  }
  const [c] = await db
    .insert(programWorksheetComments)
    .values({
      worksheetId: w.id,
      sectionId: input.sectionId,
      parentId: input.parentId ?? null,
      authorId: by.id,
      authorName: by.name,
      fromTeam,
      body: input.body,
    })
    .returning();
  return c;
}

/** Threads per section: each facilitator comment with the answers to it, oldest first. */
export async function listComments(db: Db, worksheetId: string) {
  const all = await db
    .select()
    .from(programWorksheetComments)
    .where(eq(programWorksheetComments.worksheetId, worksheetId))
    .orderBy(asc(programWorksheetComments.createdAt), asc(programWorksheetComments.id));
  return all.filter((c) => !c.parentId).map((c) => ({ ...c, replies: all.filter((r) => r.parentId === c.id) }));
}

/** Each template with the team's completion (nothing answered when the team has not opened it yet). */
export async function teamWorksheets(db: Db, programId: string, teamId: string) {
  const templates = await listTemplates(db, programId);
  const copies = templates.length
    ? await db
        .select()
        .from(programWorksheets)
        .where(
          and(
            eq(programWorksheets.teamId, teamId),
            inArray(
              programWorksheets.templateId,
              templates.map((t) => t.id),
            ),
          ),
        )
    : [];
  return templates.map((t) => {
    const w = copies.find((x) => x.templateId === t.id);
    return { key: t.key, title: t.title, version: w?.version ?? 0, ...completion(w ?? { sections: t.sections, answers: {} }) };
  });
}

/** The latest facilitator comments on a team's worksheets, newest first, with the worksheet they are on. */
export async function latestComments(db: Db, teamId: string, limit = 5) {
  return db
    .select({ comment: programWorksheetComments, key: programWorksheetTemplates.key, title: programWorksheetTemplates.title })
    .from(programWorksheetComments)
    .innerJoin(programWorksheets, eq(programWorksheets.id, programWorksheetComments.worksheetId))
    .innerJoin(programWorksheetTemplates, eq(programWorksheetTemplates.id, programWorksheets.templateId))
    .where(and(eq(programWorksheets.teamId, teamId), eq(programWorksheetComments.fromTeam, false)))
    .orderBy(desc(programWorksheetComments.createdAt))
    .limit(limit);
}
