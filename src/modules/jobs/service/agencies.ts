import { safeHref } from '../../../platform/http/urls';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundFilters, prepared } from '../../../db/prepared';
import { AppError, notFound } from '../../../platform/http/errors';
import { agencies, AGENCY_LEVELS, hiringGuides, type Agency, type AgencyLevel, type HiringGuide } from '../schema';
import { guessLevel } from '../importers/types';
import { slugify } from './normalize';
import { isUuid } from '../../../platform/ids';

export const agencyInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80)
    .optional(),
  name: z.string().trim().min(1).max(200),
  nameEs: z.string().trim().max(200).nullish(),
  level: z.enum(AGENCY_LEVELS),
  parent: z.string().max(80).nullish(),
  website: z
    .url()
    .max(500)
    .refine((u) => safeHref(u) !== null, { message: 'validation.url' })
    .nullish(),
  careersUrl: z
    .url()
    .max(500)
    .refine((u) => safeHref(u) !== null, { message: 'validation.url' })
    .nullish(),
  emailDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/),
    )
    .max(20)
    .default([]),
});
const domainList = agencyInput.shape.emailDomains.unwrap();
export type AgencyInput = z.input<typeof agencyInput>;

/** Creates or updates an agency by slug (the seed and the directory admin use this). */
export async function upsertAgency(db: Db, raw: AgencyInput): Promise<Agency> {
  const input = agencyInput.parse(raw);
  const slug = input.slug ?? slugify(input.name);
  const parentId = input.parent ? ((await getAgencyBySlug(db, input.parent))?.id ?? null) : null;
  const values = {
    slug,
    name: input.name,
    nameEs: input.nameEs ?? null,
    level: input.level,
    parentId,
    website: input.website ?? null,
    careersUrl: input.careersUrl ?? null,
    emailDomains: input.emailDomains,
  };
  const [row] = await db.insert(agencies).values(values).onConflictDoUpdate({ target: agencies.slug, set: values }).returning();
  return row;
}

/** A new agency from the directory page or `POST /api/v1/agencies`; a slug already taken is a 409. */
export async function createAgency(db: Db, raw: AgencyInput): Promise<Agency> {
  const input = agencyInput.parse(raw);
  const slug = input.slug ?? slugify(input.name);
  const parentId = await parentIdOf(db, input.parent, null);
  const [row] = await db
    .insert(agencies)
    .values({
      slug,
      name: input.name,
      nameEs: input.nameEs ?? null,
      level: input.level,
      parentId,
      website: input.website ?? null,
      careersUrl: input.careersUrl ?? null,
      emailDomains: [...new Set(input.emailDomains)],
    })
    .onConflictDoNothing({ target: agencies.slug })
    .returning();
  if (!row) throw new AppError('conflict', 409, 'jobs.agencies.exists', { slug: 'jobs.agencies.exists' }, { slug }, { slug: { slug } });
  return row;
}

/** Fields left out stay as they are (so no defaults: an absent domain list is not an empty one). */
export const agencyPatch = agencyInput.omit({ slug: true }).partial().extend({ emailDomains: domainList.optional() });

/** Changes the fields given; `parent: null` takes the agency out of its parent. */
export async function updateAgency(db: Db, idOrSlug: string, raw: z.input<typeof agencyPatch>): Promise<Agency> {
  const current = await getAgency(db, idOrSlug);
  const p = agencyPatch.parse(raw);
  const [row] = await db
    .update(agencies)
    .set({
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.nameEs !== undefined ? { nameEs: p.nameEs || null } : {}),
      ...(p.level !== undefined ? { level: p.level } : {}),
      ...(p.parent !== undefined ? { parentId: await parentIdOf(db, p.parent, current.id) } : {}),
      ...(p.website !== undefined ? { website: p.website || null } : {}),
      ...(p.careersUrl !== undefined ? { careersUrl: p.careersUrl || null } : {}),
      ...(p.emailDomains !== undefined ? { emailDomains: [...new Set(p.emailDomains)] } : {}),
    })
    .where(eq(agencies.id, current.id))
    .returning();
  return row;
}

/** The parent named by slug; unknown, or the agency itself or one of its own children, is refused. */
async function parentIdOf(db: Db, slug: string | null | undefined, self: string | null): Promise<string | null> {
  if (!slug) return null;
  const parent = await getAgencyBySlug(db, slug);
  if (!parent || (self && (parent.id === self || parent.parentId === self)))
    throw new AppError('validation_failed', 422, 'errors.validation', { parent: 'jobs.agencies.badParent' });
  return parent.id;
}

/** Every agency by name, for pickers (a partner role's agency). */
export async function agencyChoices(db: Db): Promise<{ id: string; slug: string; name: string }[]> {
  return db.select({ id: agencies.id, slug: agencies.slug, name: agencies.name }).from(agencies).orderBy(asc(agencies.name));
}

/** "ana@ita.lacity.org" -> ["ita.lacity.org", "lacity.org"]: the domain and each parent domain. */
function domainsOf(email: string): string[] {
  const domain = email.trim().toLowerCase().split('@')[1];
  if (!domain) return [];
  const parts = domain.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(i).join('.'));
}

/**
 * The agency each email address belongs to, by the agencies' email domains: "ana@ita.lacity.org" is
 * the City of Los Angeles when it lists "lacity.org"; the most specific domain wins (ITA over the City
 * when ITA lists "ita.lacity.org"). Addresses of no agency are left out: that is how the app tells a
 * government attendee from others. One query, whatever the number of addresses.
 */
export async function agenciesForEmails(db: Db, emails: readonly string[]): Promise<Map<string, Agency>> {
  const wanted = [...new Set(emails.flatMap(domainsOf))];
  const out = new Map<string, Agency>();
  if (!wanted.length) return out;
  const found = await db
    .select()
    .from(agencies)
    .where(sql`${agencies.emailDomains} && ${`{${wanted.join(',')}}`}::text[]`);
  const byDomain = new Map(found.flatMap((a) => a.emailDomains.map((d) => [d, a] as const)));
  for (const email of emails) {
    // domainsOf lists the most specific domain first.
    const hit = domainsOf(email).find((d) => byDomain.has(d));
    if (hit) out.set(email, byDomain.get(hit)!);
  }
  return out;
}

export async function agencyForEmail(db: Db, email: string): Promise<Agency | null> {
  return (await agenciesForEmails(db, [email])).get(email) ?? null;
}

export async function getAgencyBySlug(db: Db, slug: string): Promise<Agency | undefined> {
  const [a] = await db.select().from(agencies).where(eq(agencies.slug, slug));
  return a;
}

export async function getAgency(db: Db, idOrSlug: string): Promise<Agency> {
  const isId = isUuid(idOrSlug);
  const [a] = await prepared(db, isId ? 'jobs.agencyById' : 'jobs.agencyBySlug', (db) =>
    db
      .select()
      .from(agencies)
      .where(isId ? eq(agencies.id, sql.placeholder('key')) : eq(agencies.slug, sql.placeholder('key'))),
  ).execute({ key: idOrSlug });
  if (!a) throw notFound();
  return a;
}

export interface AgencyRow extends Agency {
  openJobs: number;
  parentName: string | null;
}

/** The directory, with each agency's count of open tech jobs. One query. */
export async function listAgencies(db: Db, opts: { level?: AgencyLevel } = {}): Promise<AgencyRow[]> {
  const { name, bound } = boundFilters('jobs.agencies', { level: opts.level });
  const result = await prepared(db, name, (db) =>
    db
      .select({
        agency: agencies,
        parentName: sql<string | null>`(SELECT p.name FROM agencies p WHERE p.id = "agencies"."parent_id")`,
        openJobs: sql<number>`(SELECT count(*) FROM jobs j WHERE j.agency_id = "agencies"."id" AND j.status = 'published'
                               AND (j.closes_at IS NULL OR j.closes_at > now()) AND coalesce(j.tech_override, j.tech))::int`,
      })
      .from(agencies)
      .where(bound.level ? eq(agencies.level, bound.level) : undefined)
      .orderBy(asc(agencies.level), asc(agencies.name)),
  ).execute(opts);
  return result.map((r) => ({ ...r.agency, parentName: r.parentName, openJobs: Number(r.openJobs) }));
}

/**
 * The agency for an imported name: an existing one by slug or by name (case and accents ignored),
 * else a new directory entry with a guessed level. Safe under concurrent imports (ON CONFLICT).
 */
export async function resolveAgency(db: Db, name: string, level?: AgencyLevel | null, parentName?: string | null): Promise<Agency> {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 200);
  const slug = slugify(clean);
  const [found] = await db
    .select()
    .from(agencies)
    .where(
      sql`${agencies.slug} = ${slug} OR f_search_key(${agencies.name}) = f_search_key(${clean}) OR f_search_key(coalesce(${agencies.nameEs}, '')) = f_search_key(${clean})`,
    )
    .limit(1);
  if (found) return found;
  const parent = parentName ? await resolveAgency(db, parentName, level) : null;
  await db
    .insert(agencies)
    .values({ slug, name: clean, level: level ?? guessLevel(clean), parentId: parent?.id ?? null })
    .onConflictDoNothing({ target: agencies.slug });
  return (await getAgencyBySlug(db, slug))!;
}

export const guideInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  agency: z.string().max(80).nullish(),
  level: z.enum(AGENCY_LEVELS).nullish(),
  titleEn: z.string().trim().min(1).max(200),
  titleEs: z.string().trim().min(1).max(200),
  bodyEn: z.string().trim().min(1).max(40_000),
  bodyEs: z.string().trim().min(1).max(40_000),
});

export async function upsertGuide(db: Db, raw: z.input<typeof guideInput>): Promise<HiringGuide> {
  const input = guideInput.parse(raw);
  const agencyId = input.agency ? (await getAgency(db, input.agency)).id : null;
  const values = {
    slug: input.slug,
    agencyId,
    level: input.level ?? null,
    titleEn: input.titleEn,
    titleEs: input.titleEs,
    bodyEn: input.bodyEn,
    bodyEs: input.bodyEs,
    updatedAt: new Date(),
  };
  const [row] = await db.insert(hiringGuides).values(values).onConflictDoUpdate({ target: hiringGuides.slug, set: values }).returning();
  return row;
}

export async function getGuide(db: Db, slug: string): Promise<HiringGuide> {
  const [g] = await db.select().from(hiringGuides).where(eq(hiringGuides.slug, slug));
  if (!g) throw notFound();
  return g;
}

export async function listGuides(db: Db): Promise<HiringGuide[]> {
  return prepared(db, 'jobs.guides', (db) => db.select().from(hiringGuides).orderBy(asc(hiringGuides.titleEn))).execute();
}

/** The guide for an agency: its own, else its parent's, else the generic one for its level. */
export async function guideForAgency(db: Db, agency: Agency): Promise<HiringGuide | undefined> {
  const ofAgency = prepared(db, 'jobs.guideOfAgency', (db) =>
    db
      .select()
      .from(hiringGuides)
      .where(eq(hiringGuides.agencyId, sql.placeholder('agencyId'))),
  );
  const [own] = await ofAgency.execute({ agencyId: agency.id });
  if (own) return own;
  if (agency.parentId) {
    const [parent] = await ofAgency.execute({ agencyId: agency.parentId });
    if (parent) return parent;
  }
  // A county or district without a guide of its own gets the generic one for its level, else a city's.
  const fallback =
    agency.level === 'county' || agency.level === 'special_district' || agency.level === 'school_district' ? 'city' : agency.level;
  const [byLevel] = await prepared(db, 'jobs.guideForLevel', (db) =>
    db
      .select()
      .from(hiringGuides)
      .where(
        and(isNull(hiringGuides.agencyId), sql`${hiringGuides.level} IN (${sql.placeholder('level')}, ${sql.placeholder('fallback')})`),
      )
      .orderBy(sql`${hiringGuides.level} = ${sql.placeholder('level')} DESC`)
      .limit(1),
  ).execute({ level: agency.level, fallback });
  return byLevel;
}
