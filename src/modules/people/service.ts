import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../db/client';
import { builtOnce } from '../../db/prepared';
import { emailAddress, optionalText, personName } from '../../platform/http/validation';
import { AppError, notFound } from '../../platform/http/errors';
import { isTimeZone } from '../../platform/time';
import {
  chapters,
  erasures,
  LANGUAGES,
  people,
  roleGrants,
  ROLES,
  SECTORS,
  type Chapter,
  type Consents,
  type Person,
  type Role,
} from './schema';
import { personDataProviders } from './data-rights';

export const signupInput = z.object({
  fullName: personName,
  email: emailAddress,
  language: z.enum(LANGUAGES).default('en'),
  newsletter: z.boolean().default(false),
});

export const profileInput = z.object({
  fullName: personName,
  preferredName: optionalText(100),
  language: z.enum(LANGUAGES),
  pronouns: optionalText(60),
  organization: optionalText(200),
  sector: z
    .union([z.enum(SECTORS), z.literal('')])
    .optional()
    .transform((v) => v || null),
  accessibilityNeeds: optionalText(2000),
  consents: z
    .object({
      eventNews: z.boolean().optional(),
      jobAlerts: z.boolean().optional(),
      newsletter: z.boolean().optional(),
      research: z.boolean().optional(),
    })
    .default({}),
});
export type ProfileInput = z.infer<typeof profileInput>;

export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  const [p] = await db.select().from(people).where(eq(people.email, email.trim()));
  return p;
}

/** Many people by address in one query, keyed by the address in lower case (addresses compare without case). */
export async function findPeopleByEmails(db: Db, emails: string[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (!wanted.length) return new Map();
  const found = await db.select().from(people).where(inArray(people.email, wanted));
  return new Map(found.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
}

export async function getPerson(db: Db, id: string): Promise<Person> {
  const [p] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), isNull(people.deletedAt)));
  if (!p) throw notFound();
  return p;
}

type NewPerson = { email: string; fullName: string; language?: 'en' | 'es'; verified?: boolean };

const newPersonRow = (input: NewPerson) => ({
  email: input.email.normalize('NFC').trim(),
  fullName: input.fullName.normalize('NFC').trim(),
  language: input.language ?? 'en',
  emailVerifiedAt: input.verified ? new Date() : null,
});

/**
 * Finds the person with this email or creates them. One statement, so two sign-ups racing for the same
 * address end with one person. An existing record is never renamed by someone who merely knows the email.
 */
export async function ensurePerson(db: Db, input: NewPerson): Promise<{ person: Person; created: boolean }> {
  const row = newPersonRow(input);
  const [inserted] = await db.insert(people).values(row).onConflictDoNothing({ target: people.email }).returning();
  if (inserted) return { person: inserted, created: true };
  return { person: await existingPerson(db, row.email), created: false };
}

const idOnly = { id: people.id };
const insertForId = builtOnce<{ id: string }>(
  'people.insertForId',
  (db) =>
    db
      .insert(people)
      .values({
        email: sql.placeholder('email'),
        fullName: sql.placeholder('fullName'),
        language: sql.placeholder('language'),
        emailVerifiedAt: sql.placeholder('emailVerifiedAt'),
      })
      .onConflictDoNothing({ target: people.email })
      .returning(idOnly),
  idOnly,
);

/**
 * `ensurePerson` for callers that need only the id: an RSVP reads back one column of a new person,
 * not the whole row (a twentieth of an RSVP's work in a burst).
 */
export async function ensurePersonId(db: Db, input: NewPerson): Promise<string> {
  const row = newPersonRow(input);
  const [inserted] = await insertForId(db, row);
  return inserted?.id ?? (await existingPerson(db, row.email)).id;
}

/** The person whose insert met their address: there unless deleted in between. */
async function existingPerson(db: Db, email: string): Promise<Person> {
  const existing = await findPersonByEmail(db, email);
  if (!existing) throw new AppError('conflict', 409, 'errors.conflict');
  return existing;
}

/**
 * Someone who gave only a name (a guest at the door): a person without an email, so they count once in
 * attendance, sector and first-timer figures, but can never sign in and are never written to. Each call
 * is a new person: without an address there is nothing to recognise them by.
 */
export async function addPersonWithoutEmail(
  db: Db,
  input: { fullName: string; language?: 'en' | 'es'; sector?: (typeof SECTORS)[number] | null },
): Promise<Person> {
  const [p] = await db
    .insert(people)
    .values({
      email: null,
      fullName: input.fullName.normalize('NFC').trim(),
      language: input.language ?? 'en',
      sector: input.sector ?? null,
    })
    .returning();
  return p;
}

export async function updateProfile(db: Db, id: string, input: ProfileInput): Promise<Person> {
  const [p] = await db
    .update(people)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(people.id, id), isNull(people.deletedAt)))
    .returning();
  if (!p) throw notFound();
  return p;
}

export async function markEmailVerified(db: Db, id: string): Promise<void> {
  await db
    .update(people)
    .set({ emailVerifiedAt: sql`coalesce(${people.emailVerifiedAt}, now())` })
    .where(eq(people.id, id));
}

/**
 * Sets the given consents and leaves the others as they are: a form about one kind of email must not
 * withdraw the person's answers about the other kinds.
 */
export async function updateConsents(db: Db, id: string, changes: Consents): Promise<void> {
  await db
    .update(people)
    .set({ consents: sql`${people.consents} || ${JSON.stringify(changes)}::jsonb`, updatedAt: new Date() })
    .where(eq(people.id, id));
}

export interface PersonRow {
  id: string;
  email: string;
  fullName: string;
  sector: string | null;
  organization: string | null;
  createdAt: Date;
  roles: string[];
}

/**
 * People search: case, accents and apostrophes do not matter ("nunez" finds "Núñez", "obrien" finds
 * "O'Brien"), and near misses in names still match through trigram word similarity (not for an
 * email address, where people expect the exact one). One query for the page.
 */
export async function searchPeople(
  db: Db,
  opts: { q?: string; limit: number; offset: number },
): Promise<{ people: PersonRow[]; total: number }> {
  const q = (opts.q ?? '').normalize('NFC').trim().slice(0, 200);
  const match = q
    ? sql`AND (f_search_key(p.full_name) LIKE '%' || f_search_key(${q}) || '%'
           OR f_search_key(p.email::text) LIKE '%' || f_search_key(${q}) || '%'
           ${q.includes('@') ? sql`` : sql`OR f_search_key(${q}) <% f_search_key(p.full_name)`})`
    : sql``;
  const order = q ? sql`word_similarity(f_search_key(${q}), f_search_key(p.full_name)) DESC, p.full_name` : sql`p.created_at DESC`;
  const result = await rows<PersonRow & { total: number }>(
    db,
    sql`SELECT p.id, p.email, p.full_name AS "fullName", p.sector, p.organization, p.created_at AS "createdAt",
               coalesce((SELECT array_agg(g.role || coalesce(':' || g.scope, '') ORDER BY g.role)
                         FROM role_grants g WHERE g.person_id = p.id), '{}') AS roles,
               count(*) OVER () AS total
        FROM people p
        WHERE p.deleted_at IS NULL ${match}
        ORDER BY ${order}
        LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const total = result[0]?.total ?? 0;
  return { people: result.map(({ total: _t, ...r }) => ({ ...r, createdAt: new Date(r.createdAt) })), total };
}

export const grantInput = z.object({
  role: z.enum(ROLES),
  scope: optionalText(200),
});

export async function grantRole(db: Db, personId: string, role: Role, scope: string | null, grantedBy?: string) {
  await getPerson(db, personId);
  if (role === 'organizer' && scope) {
    const [ch] = await db.select().from(chapters).where(eq(chapters.slug, scope));
    if (!ch) throw new AppError('unknown_chapter', 422, 'people.admin.unknownChapter', { scope: 'people.admin.unknownChapter' });
  }
  await db
    .insert(roleGrants)
    .values({ personId, role, scope: role === 'admin' || role === 'member' ? null : scope, grantedBy })
    .onConflictDoNothing();
}

export async function revokeRole(db: Db, personId: string, grantId: string) {
  await db.delete(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.personId, personId)));
}

export async function listGrants(db: Db, personId: string) {
  return db.select().from(roleGrants).where(eq(roleGrants.personId, personId)).orderBy(asc(roleGrants.role));
}

export async function listChapters(db: Db) {
  return db.select().from(chapters).orderBy(asc(chapters.name));
}

export async function findChapter(db: Db, slug: string): Promise<Chapter | undefined> {
  const [ch] = await db.select().from(chapters).where(eq(chapters.slug, slug));
  return ch;
}

export const chapterInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'people.chapters.slugFormat' })
    .max(60),
  name: z.object({
    en: z.string().trim().min(1, { message: 'validation.required' }).max(120),
    es: z.string().trim().max(120).optional().nullable(),
  }),
  city: z.string().trim().min(1, { message: 'validation.required' }).max(120),
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'people.chapters.timeZone' }),
});
export type ChapterInput = z.infer<typeof chapterInput>;

/** A new chapter; a slug already taken is refused (nothing changes), even when two admins race. */
export async function createChapter(db: Db, input: ChapterInput): Promise<Chapter> {
  const [ch] = await db
    .insert(chapters)
    .values({ slug: input.slug, name: input.name.en, nameEs: input.name.es || null, city: input.city, timeZone: input.timeZone })
    .onConflictDoNothing({ target: chapters.slug })
    .returning();
  if (!ch) throw new AppError('slug_taken', 409, 'people.chapters.slugTaken', { slug: 'people.chapters.slugTaken' });
  return ch;
}

export const chapterOrganizerInput = z.object({ email: emailAddress, name: personName.optional() });

/** Makes the person with this email (created when new) an organizer of the chapter. */
export async function addChapterOrganizer(db: Db, slug: string, input: z.infer<typeof chapterOrganizerInput>, grantedBy?: string) {
  const ch = await findChapter(db, slug);
  if (!ch) throw notFound();
  // Without a name the address stands in for it until the person fills their profile.
  const { person, created } = await ensurePerson(db, { email: input.email, fullName: input.name ?? input.email });
  await grantRole(db, person.id, 'organizer', ch.slug, grantedBy);
  return { person, created, chapter: ch };
}

/** Organizers of each chapter, for the network view. */
export async function chapterOrganizers(db: Db): Promise<Map<string, { id: string; fullName: string }[]>> {
  const list = await rows<{ scope: string; id: string; fullName: string }>(
    db,
    sql`SELECT g.scope, p.id, p.full_name AS "fullName" FROM role_grants g JOIN people p ON p.id = g.person_id
        WHERE g.role = 'organizer' AND g.scope IS NOT NULL AND p.deleted_at IS NULL ORDER BY p.full_name`,
  );
  const out = new Map<string, { id: string; fullName: string }[]>();
  for (const r of list) out.set(r.scope, [...(out.get(r.scope) ?? []), { id: r.id, fullName: r.fullName }]);
  return out;
}

export async function ensureChapter(db: Db, input: { slug: string; name: string; timeZone?: string }) {
  await db.insert(chapters).values(input).onConflictDoNothing({ target: chapters.slug });
  const [ch] = await db.select().from(chapters).where(eq(chapters.slug, input.slug));
  return ch;
}

/** Everything Pathways holds about a person, for "Download my data". */
export async function exportPersonData(db: Db, personId: string): Promise<Record<string, unknown>> {
  const person = await getPerson(db, personId);
  const grants = await listGrants(db, personId);
  const sessionRows = await rows<Record<string, unknown>>(
    db,
    sql`SELECT created_at AS "createdAt", last_seen_at AS "lastSeenAt", user_agent AS "userAgent", revoked_at AS "revokedAt"
        FROM sessions WHERE person_id = ${personId} ORDER BY created_at`,
  );
  const out: Record<string, unknown> = {
    exportedAt: new Date().toISOString(),
    person: {
      id: person.id,
      email: person.email,
      fullName: person.fullName,
      preferredName: person.preferredName,
      language: person.language,
      pronouns: person.pronouns,
      organization: person.organization,
      sector: person.sector,
      accessibilityNeeds: person.accessibilityNeeds,
      consents: person.consents,
      emailVerifiedAt: person.emailVerifiedAt,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    },
    roles: grants.map((g) => ({ role: g.role, scope: g.scope, since: g.createdAt })),
    sessions: sessionRows,
  };
  for (const provider of personDataProviders) out[provider.name] = await provider.export(db, personId);
  return out;
}

/**
 * Deletes an account: personal data is erased in every module, the row stays as an empty shell so
 * that attendance and other counts keep adding up. Irreversible by design.
 */
export async function erasePerson(db: Db, personId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [person] = await tx
      .select()
      .from(people)
      .where(and(eq(people.id, personId), isNull(people.deletedAt)));
    if (!person) throw notFound();
    for (const provider of personDataProviders) await provider.erase(tx, personId, person.email);
    await tx.insert(erasures).values({ sector: person.sector });
    await tx.execute(sql`DELETE FROM sessions WHERE person_id = ${personId}`);
    await tx.execute(sql`DELETE FROM api_tokens WHERE person_id = ${personId}`);
    await tx.delete(roleGrants).where(eq(roleGrants.personId, personId));
    await tx
      .update(people)
      .set({
        email: null,
        fullName: '',
        preferredName: null,
        pronouns: null,
        organization: null,
        accessibilityNeeds: null,
        consents: {},
        deletedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(people.id, personId));
  });
}
