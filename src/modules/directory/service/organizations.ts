import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { containsEveryWord, searchText } from '../../../db/search';
import { FieldProblems, notFound } from '../../../platform/http/errors';
import { getAgencyBySlug } from '../../jobs';
import { organizations, type Organization, type OrganizationKind } from '../schema';
import { organizationInput, type OrganizationInput } from './input';
import { slugFor, slugTaken } from './slugs';

/** The government link: the jobs directory's agency by its slug; an unknown one is a field error. */
async function agencyIdFor(db: Db, kind: OrganizationKind, agency: string | null | undefined, problems: FieldProblems) {
  if (!agency) return null;
  if (kind !== 'government') {
    problems.add('agency', 'directory.error.agencyNotGovernment');
    return null;
  }
  const a = await getAgencyBySlug(db, agency);
  if (!a) problems.add('agency', 'directory.error.unknownAgency');
  return a?.id ?? null;
}

function columns(input: OrganizationInput, agencyId: string | null) {
  const { slug: _s, agency: _a, ...rest } = input;
  return { ...rest, contactEmail: input.contactEmail ?? null, agencyId };
}

export async function createOrganization(db: Db, input: OrganizationInput, actorId: string | null): Promise<Organization> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    const agencyId = await agencyIdFor(tx, input.kind, input.agency, problems);
    problems.throwIfAny();
    const slug = await slugFor(tx, organizations, input.slug, input.name);
    const [row] = await tx
      .insert(organizations)
      .values({ ...columns(input, agencyId), slug, createdBy: actorId })
      .onConflictDoNothing({ target: organizations.slug })
      .returning();
    if (!row) throw slugTaken();
    return row;
  });
}

/** A change names only the fields it changes; the rest stay as they are. */
export async function updateOrganization(db: Db, slug: string, patch: Record<string, unknown>): Promise<Organization> {
  return db.transaction(async (tx) => {
    const current = await getOrganization(tx, slug);
    const merged = organizationInput.parse({
      ...current,
      agency: undefined,
      contactEmail: current.contactEmail ?? undefined,
      ...patch,
    });
    const problems = new FieldProblems();
    const agencyId =
      'agency' in patch
        ? await agencyIdFor(tx, merged.kind, merged.agency, problems)
        : merged.kind === 'government'
          ? current.agencyId
          : null;
    problems.throwIfAny();
    if (merged.slug && merged.slug !== current.slug) {
      const [clash] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, merged.slug));
      if (clash) throw slugTaken();
    }
    const [row] = await tx
      .update(organizations)
      .set({ ...columns(merged, agencyId), slug: merged.slug ?? current.slug, updatedAt: new Date() })
      .where(eq(organizations.id, current.id))
      .returning();
    return row;
  });
}

export async function getOrganization(db: Db, slug: string): Promise<Organization> {
  const [o] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!o) throw notFound();
  return o;
}

export async function organizationsBySlugs(db: Db, slugs: string[], field: string, problems: FieldProblems): Promise<Organization[]> {
  const found: Organization[] = [];
  for (const s of [...new Set(slugs)]) {
    const [o] = await db.select().from(organizations).where(eq(organizations.slug, s));
    if (o) found.push(o);
    else problems.add(field, 'directory.error.unknownOrganization', { slug: s });
  }
  return found;
}

export interface OrganizationFilters {
  q?: string;
  kind?: OrganizationKind;
  region?: string;
}

/** Text search over names and descriptions in both languages: the stored `search_key` of either table. */
export function searchCondition(q: string | undefined): ReturnType<typeof sql> {
  const text = searchText(q);
  if (!text) return sql`true`;
  return containsEveryWord(sql`search_key`, text, { nearMisses: true });
}

/** The one organizations search query (the service runs it; the benchmark sends its SQL straight to the driver). */
export function organizationsQuery(db: Db, f: OrganizationFilters, page: { limit: number; offset: number }) {
  const q = searchText(f.q);
  const where = and(
    searchCondition(q),
    f.kind ? eq(organizations.kind, f.kind) : undefined,
    f.region ? sql`f_search_key(coalesce(${organizations.region}, '')) = f_search_key(${f.region})` : undefined,
  );
  return db
    .select({ o: organizations, total: sql<number>`count(*) OVER ()` })
    .from(organizations)
    .where(where)
    .orderBy(q ? sql`word_similarity(f_search_key(${q}), f_search_key(${organizations.name})) DESC` : sql`1`, organizations.name)
    .limit(page.limit)
    .offset(page.offset);
}

export async function searchOrganizations(
  db: Db,
  f: OrganizationFilters,
  page: { limit: number; offset: number },
): Promise<{ organizations: Organization[]; total: number }> {
  const list = await organizationsQuery(db, f, page);
  return { organizations: list.map((r) => r.o), total: Number(list[0]?.total ?? 0) };
}

/** Regions in use, for the filter. */
export async function organizationRegions(db: Db): Promise<string[]> {
  const list = await rows<{ region: string }>(
    db,
    sql`SELECT DISTINCT region FROM organizations WHERE region IS NOT NULL ORDER BY region LIMIT 200`,
  );
  return list.map((r) => r.region);
}
