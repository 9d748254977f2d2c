import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { boundFilters, prepared, type Bindable } from '../../../db/prepared';
import { containsEveryWord, searchText, searchWords, type NearWords } from '../../../db/search';
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

/** Which page of a list: how many rows, after how many. */
export interface ListPage {
  limit: number;
  offset: number;
}

export interface OrganizationFilters {
  q?: string;
  kind?: OrganizationKind;
  region?: string;
}

/**
 * The words each typed word of four letters or more may be a near miss of, from the directory's word
 * list (one query for all the words): trigram similarity of at least 0.5 between whole words, the
 * three nearest other than the word itself (a word found as typed still counts as typed).
 */
export async function nearMisses(db: Db, q: string | undefined): Promise<NearWords> {
  const words = searchWords(q).filter((w) => w.length >= 4);
  if (words.length === 0) return new Map();
  const list = await rows<{ typed: string; word: string }>(
    db,
    sql`SELECT t.typed, w.word
          FROM (VALUES ${sql.join(
            words.map((w) => sql`(${w}::text)`),
            sql`, `,
          )}) AS t(typed)
          CROSS JOIN LATERAL (
            SELECT word FROM directory_search_words
             WHERE word % f_search_key(t.typed) AND similarity(word, f_search_key(t.typed)) >= 0.5
               AND word <> f_search_key(t.typed)
             ORDER BY word <-> f_search_key(t.typed), word
             LIMIT 3) w`,
  );
  const near = new Map<string, string[]>();
  for (const r of list) near.set(r.typed, [...(near.get(r.typed) ?? []), r.word]);
  return near;
}

/** Text search over names and descriptions in both languages: the stored `search_key` of either table. */
export function searchCondition(q: string | undefined, near?: NearWords): SQL {
  const text = searchText(q);
  if (!text) return sql`true`;
  return containsEveryWord(sql`search_key`, text, { near });
}

/**
 * How matches are ordered: entries whose names hold every word first (the stored `name_key`, so no
 * name is folded at search time), then by name.
 */
export function nameRank(q: string | undefined, near?: NearWords): SQL<boolean> {
  const text = searchText(q);
  return (text ? containsEveryWord(sql`name_key`, text, { near }) : sql`false`) as SQL<boolean>;
}

/**
 * The one organizations search query (the service runs it; the benchmark sends its SQL straight to the
 * driver). The matches are ordered and counted on narrow rows (id, rank, name) and only the page's rows
 * are read whole: counting thousands of whole rows was most of a search's time.
 */
export function organizationsQuery(
  db: Db,
  f: Bindable<Omit<OrganizationFilters, 'q'>> & { q?: string },
  page: Bindable<ListPage>,
  near?: NearWords,
) {
  const where = and(
    searchCondition(f.q, near),
    f.kind ? eq(organizations.kind, f.kind) : undefined,
    f.region ? sql`f_search_key(coalesce(${organizations.region}, '')) = f_search_key(${f.region})` : undefined,
  );
  const rank = nameRank(f.q, near).as('rank');
  const matches = db
    .select({ id: organizations.id, rank, name: organizations.name, total: sql<number>`count(*) OVER ()`.as('total') })
    .from(organizations)
    .where(where)
    .orderBy(sql`"rank" DESC`, organizations.name)
    .limit(page.limit)
    .offset(page.offset)
    .as('m');
  return db
    .select({ o: organizations, total: matches.total })
    .from(matches)
    .innerJoin(organizations, eq(organizations.id, matches.id))
    .orderBy(sql`${matches.rank} DESC`, matches.name);
}

export async function searchOrganizations(
  db: Db,
  f: OrganizationFilters,
  page: ListPage,
): Promise<{ organizations: Organization[]; total: number }> {
  // A search's text changes the query's shape; the plain list (by kind and region) is prepared.
  const list = searchText(f.q) ? await organizationsQuery(db, f, page, await nearMisses(db, f.q)) : await listOrganizations(db, f, page);
  return { organizations: list.map((r) => r.o), total: Number(list[0]?.total ?? 0) };
}

function listOrganizations(db: Db, f: OrganizationFilters, page: ListPage) {
  const { name, bound } = boundFilters('directory.organizations', { kind: f.kind, region: f.region });
  return prepared(db, name, (db) =>
    organizationsQuery(db, bound, { limit: sql.placeholder('limit'), offset: sql.placeholder('offset') }),
  ).execute({ ...f, ...page });
}

/** Regions in use, for the filter. */
export async function organizationRegions(db: Db): Promise<string[]> {
  const list = await rows<{ region: string }>(
    db,
    sql`SELECT DISTINCT region FROM organizations WHERE region IS NOT NULL ORDER BY region LIMIT 200`,
  );
  return list.map((r) => r.region);
}
