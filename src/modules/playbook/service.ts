import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../platform/http/errors';
import { findChapter } from '../people';
import { diffLines, type DiffLine } from './lib/diff';
import { FIELD_KEYS, KIND_KEYS, fieldsOf, normalizeText, type FieldKey, type TemplateContent, type TemplateKind } from './lib/kinds';
import type { PlaybookHooks, StartedThing } from './hooks';
import { playbookMessages } from './messages';
import { playbookCopies, playbookTemplates, playbookTemplateVersions, type PlaybookCopy, type PlaybookTemplate } from './schema';

const TITLE_MAX = 200;

/** The headings of the sections a live series or program gets from a template's lists, in both languages. */
const heading = (key: 'runOfShow' | 'volunteerRoles' | 'sessions' | 'deliverables') => ({
  en: playbookMessages.en[`playbook.field.${key}`],
  es: playbookMessages.es[`playbook.field.${key}`],
});
const headings = {
  runOfShow: heading('runOfShow'),
  volunteerRoles: heading('volunteerRoles'),
  sessions: heading('sessions'),
  deliverables: heading('deliverables'),
};
const TEXT_MAX = 10_000;

const text = (max: number) => z.string().max(max).transform(normalizeText).meta({ maxLength: max });
const bilingual = (max: number) => z.object({ en: text(max).default(''), es: text(max).default('') });

/** A template's text: each field in both languages; the English title is required. */
export const contentInput = z
  .object(
    Object.fromEntries(FIELD_KEYS.map((f) => [f, bilingual(f === 'title' ? TITLE_MAX : TEXT_MAX).optional()])) as Record<
      FieldKey,
      z.ZodOptional<ReturnType<typeof bilingual>>
    >,
  )
  .superRefine((c, ctx) => {
    if (!c.title?.en) ctx.addIssue({ code: 'custom', path: ['title', 'en'], message: 'validation.required' });
  })
  .meta({ description: 'Each field of the template’s kind, in English and Spanish; list fields one item per line' });

export const templateInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'playbook.error.slug' })
    .max(60),
  kind: z.enum(KIND_KEYS as [TemplateKind, ...TemplateKind[]]),
  content: contentInput,
});
/** A change to a template or a copy: the text, and for a template the version it was read at. */
export const templateUpdate = z.object({ version: z.number().int().min(1), content: contentInput });
export const copyInput = z.object({ templates: z.array(z.string().max(60)).max(200).optional() });

/** Only the kind's own fields are kept, each language trimmed. */
function shape(kind: TemplateKind, content: TemplateContent): TemplateContent {
  return Object.fromEntries(fieldsOf(kind).map((f) => [f, { en: content[f]?.en ?? '', es: content[f]?.es ?? '' }]));
}

const same = (a: TemplateContent, b: TemplateContent) => JSON.stringify(a) === JSON.stringify(b);

export async function listTemplates(db: Db): Promise<PlaybookTemplate[]> {
  return db.select().from(playbookTemplates).orderBy(asc(playbookTemplates.kind), asc(playbookTemplates.slug));
}

export async function getTemplate(db: Db, slug: string): Promise<PlaybookTemplate> {
  const [t] = await db.select().from(playbookTemplates).where(eq(playbookTemplates.slug, slug));
  if (!t) throw notFound();
  return t;
}

/** A new network template, as version 1. A slug already taken is a 409. */
export async function createTemplate(db: Db, input: z.infer<typeof templateInput>, by: string | null): Promise<PlaybookTemplate> {
  const content = shape(input.kind, input.content);
  return db.transaction(async (tx) => {
    const [t] = await tx
      .insert(playbookTemplates)
      .values({ slug: input.slug, kind: input.kind, content, updatedBy: by })
      .onConflictDoNothing()
      .returning();
    if (!t) throw new AppError('slug_taken', 409, 'playbook.error.slugTaken', { slug: 'playbook.error.slugTaken' });
    await tx.insert(playbookTemplateVersions).values({ templateId: t.id, version: 1, content, savedBy: by });
    return t;
  });
}

/**
 * A change to a network template: a new version when the text differs. The save names the version it
 * was read at, and the database takes it only if no one saved since (409 `template_changed`), so two
 * admins editing at once never silently lose one's text.
 */
export async function updateTemplate(
  db: Db,
  slug: string,
  input: z.infer<typeof templateUpdate>,
  by: string | null,
): Promise<PlaybookTemplate> {
  const current = await getTemplate(db, slug);
  const content = shape(current.kind, input.content);
  if (current.version === input.version && same(current.content, content)) return current;
  return db.transaction(async (tx) => {
    const [t] = await tx
      .update(playbookTemplates)
      .set({ content, version: sql`${playbookTemplates.version} + 1`, updatedBy: by, updatedAt: new Date() })
      .where(and(eq(playbookTemplates.id, current.id), eq(playbookTemplates.version, input.version)))
      .returning();
    if (!t) throw new AppError('template_changed', 409, 'playbook.error.changed', { version: 'playbook.error.changed' });
    await tx.insert(playbookTemplateVersions).values({ templateId: t.id, version: t.version, content, savedBy: by });
    return t;
  });
}

async function knownChapter(db: Db, chapter: string) {
  if (!(await findChapter(db, chapter))) throw notFound();
}

/** A template's field in both languages, empty where not written. */
const both = (c: TemplateContent, f: FieldKey) => ({ en: c[f]?.en ?? '', es: c[f]?.es ?? '' });

/** A list field (one item per line) as a markdown section under a heading, in each language. */
function section(c: TemplateContent, f: FieldKey, heading: { en: string; es: string }) {
  const one = (lang: 'en' | 'es') => {
    const items = (c[f]?.[lang] ?? '').split('\n').filter((l) => l.trim());
    return items.length ? `## ${heading[lang]}\n\n${items.map((l) => `- ${l}`).join('\n')}` : '';
  };
  return { en: one('en'), es: one('es') };
}

const joined = (...parts: { en: string; es: string }[]) => ({
  en: parts
    .map((p) => p.en)
    .filter(Boolean)
    .join('\n\n'),
  es: parts
    .map((p) => p.es)
    .filter(Boolean)
    .join('\n\n'),
});

/** What a copy of this template starts in another module (an event series, a program), through the hooks. */
async function startLive(db: Db, hooks: PlaybookHooks, chapter: string, t: PlaybookTemplate, by: string | null): Promise<StartedThing[]> {
  const c = t.content;
  if (t.kind === 'event_series' && hooks.events) {
    const runOfShow = section(c, 'runOfShow', headings.runOfShow);
    const roles = section(c, 'volunteerRoles', headings.volunteerRoles);
    return hooks.events.startSeries(
      db,
      {
        chapter,
        title: both(c, 'title'),
        description: joined(both(c, 'summary'), roles),
        firstEvent: { description: joined(both(c, 'summary'), runOfShow, roles) },
      },
      by,
    );
  }
  if (t.kind === 'program' && hooks.programs) {
    const sessions = section(c, 'sessions', headings.sessions);
    const deliverables = section(c, 'deliverables', headings.deliverables);
    return hooks.programs.startProgram(
      db,
      { chapter, title: both(c, 'title'), description: joined(both(c, 'summary'), sessions, deliverables) },
      by,
    );
  }
  return [];
}

/**
 * Starts a chapter from the playbook: copies the chosen templates (all when none are named) into
 * the chapter, each at the network's current version. A template the chapter already has is left
 * as it is (the unique index decides, so two organizers copying at once make one copy). Unknown
 * slugs are a 422 and nothing is copied. A copy just made of an event series or a program also
 * starts the live thing in its module (a series with a first draft event, a program), in the same
 * transaction, and remembers where it is.
 */
export async function copyToChapter(
  db: Db,
  chapter: string,
  input: z.infer<typeof copyInput>,
  by: string | null,
  hooks: PlaybookHooks = {},
) {
  await knownChapter(db, chapter);
  const all = await listTemplates(db);
  const wanted = input.templates ? [...new Set(input.templates)] : all.map((t) => t.slug);
  const unknown = wanted.filter((s) => !all.some((t) => t.slug === s));
  if (unknown.length) throw new AppError('unknown_template', 422, 'errors.validation', { templates: 'playbook.error.unknownTemplate' });
  const chosen = all.filter((t) => wanted.includes(t.slug));
  if (!chosen.length) return { copied: [] as string[], kept: [] as string[], started: [] as (StartedThing & { template: string })[] };
  return db.transaction(async (tx) => {
    const made = await tx
      .insert(playbookCopies)
      .values(chosen.map((t) => ({ chapter, templateId: t.id, baseVersion: t.version, content: t.content, copiedBy: by })))
      .onConflictDoNothing()
      .returning({ id: playbookCopies.id, templateId: playbookCopies.templateId });
    const started: (StartedThing & { template: string })[] = [];
    for (const m of made) {
      const t = chosen.find((x) => x.id === m.templateId)!;
      const things = await startLive(tx as unknown as Db, hooks, chapter, t, by);
      if (!things.length) continue;
      await tx.update(playbookCopies).set({ started: things }).where(eq(playbookCopies.id, m.id));
      started.push(...things.map((x) => ({ ...x, template: t.slug })));
    }
    const copied = chosen.filter((t) => made.some((m) => m.templateId === t.id)).map((t) => t.slug);
    return { copied, kept: chosen.map((t) => t.slug).filter((s) => !copied.includes(s)), started };
  });
}

/** One field's change in one language, line by line. */
export interface FieldChange {
  field: FieldKey;
  lang: 'en' | 'es';
  lines: DiffLine[];
}

/** Every field and language whose text differs from `before` to `after`. */
function changesBetween(kind: TemplateKind, before: TemplateContent, after: TemplateContent): FieldChange[] {
  return fieldsOf(kind).flatMap((field) =>
    (['en', 'es'] as const)
      .filter((lang) => (before[field]?.[lang] ?? '') !== (after[field]?.[lang] ?? ''))
      .map((lang) => ({ field, lang, lines: diffLines(before[field]?.[lang] ?? '', after[field]?.[lang] ?? '') })),
  );
}

export interface ChapterCopy {
  copy: PlaybookCopy;
  template: PlaybookTemplate;
  /** The network's changes since the copy's base version (empty: up to date). */
  networkChanges: FieldChange[];
}

async function versionContent(db: Db, templateId: string, version: number): Promise<TemplateContent> {
  const [v] = await db
    .select({ content: playbookTemplateVersions.content })
    .from(playbookTemplateVersions)
    .where(and(eq(playbookTemplateVersions.templateId, templateId), eq(playbookTemplateVersions.version, version)));
  return v?.content ?? {};
}

async function withChanges(db: Db, copy: PlaybookCopy, template: PlaybookTemplate): Promise<ChapterCopy> {
  const networkChanges =
    copy.baseVersion >= template.version
      ? []
      : changesBetween(template.kind, await versionContent(db, template.id, copy.baseVersion), template.content);
  return { copy, template, networkChanges };
}

/** A chapter's copies, each with what the network changed since it was copied or brought up to date. */
export async function chapterCopies(db: Db, chapter: string): Promise<ChapterCopy[]> {
  await knownChapter(db, chapter);
  const list = await db
    .select({ copy: playbookCopies, template: playbookTemplates })
    .from(playbookCopies)
    .innerJoin(playbookTemplates, eq(playbookTemplates.id, playbookCopies.templateId))
    .where(eq(playbookCopies.chapter, chapter))
    .orderBy(asc(playbookTemplates.kind), asc(playbookTemplates.slug));
  const out: ChapterCopy[] = [];
  for (const r of list) out.push(await withChanges(db, r.copy, r.template));
  return out;
}

export async function chapterCopy(db: Db, chapter: string, slug: string): Promise<ChapterCopy> {
  const template = await getTemplate(db, slug);
  const [copy] = await db
    .select()
    .from(playbookCopies)
    .where(and(eq(playbookCopies.chapter, chapter), eq(playbookCopies.templateId, template.id)));
  if (!copy) throw notFound();
  return withChanges(db, copy, template);
}

/** The chapter's own text: the network's template is untouched. */
export async function saveCopy(db: Db, chapter: string, slug: string, content: TemplateContent): Promise<PlaybookCopy> {
  const { copy, template } = await chapterCopy(db, chapter, slug);
  const [saved] = await db
    .update(playbookCopies)
    .set({ content: shape(template.kind, content), updatedAt: new Date() })
    .where(eq(playbookCopies.id, copy.id))
    .returning();
  return saved;
}

/**
 * After reading the network's changes: `take` replaces the chapter's text with the network's current
 * one, `keep` keeps the chapter's text; either way the copy is up to date with the version read
 * (`seenVersion`), so a change saved meanwhile still shows.
 */
export async function catchUp(db: Db, chapter: string, slug: string, how: 'take' | 'keep', seenVersion: number): Promise<PlaybookCopy> {
  const { copy, template } = await chapterCopy(db, chapter, slug);
  if (seenVersion <= copy.baseVersion) return copy;
  const version = Math.min(seenVersion, template.version);
  const content = how === 'take' ? await versionContent(db, template.id, version) : copy.content;
  const [saved] = await db
    .update(playbookCopies)
    .set({ baseVersion: version, content, updatedAt: new Date() })
    .where(eq(playbookCopies.id, copy.id))
    .returning();
  return saved;
}

/** How many copies each template has, and how many of them are behind the network's version. */
export async function copyCounts(db: Db): Promise<Map<string, { copies: number; behind: number }>> {
  const rows = await db
    .select({
      templateId: playbookCopies.templateId,
      copies: sql<number>`count(*)::int`,
      behind: sql<number>`count(*) FILTER (WHERE ${playbookCopies.baseVersion} < ${playbookTemplates.version})::int`,
    })
    .from(playbookCopies)
    .innerJoin(playbookTemplates, eq(playbookTemplates.id, playbookCopies.templateId))
    .groupBy(playbookCopies.templateId);
  return new Map(rows.map((r) => [r.templateId, { copies: Number(r.copies), behind: Number(r.behind) }]));
}
