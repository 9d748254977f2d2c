import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { boundFilters, prepared, type Bindable } from '../../../db/prepared';
import { searchText } from '../../../db/search';
import { FieldProblems, notFound } from '../../../platform/http/errors';
import {
  initiativeOrganizations,
  initiatives,
  organizations,
  type Initiative,
  type InitiativeKind,
  type InitiativeStatus,
} from '../schema';
import type { InitiativeInput } from './input';
import { nameRank, nearMisses, organizationsBySlugs, searchCondition, type ListPage } from './organizations';
import type { NearWords } from '../../../db/search';
import { checkKeys } from './taxonomy';
import { slugFor, slugTaken } from './slugs';

export interface InitiativeView extends Initiative {
  organizations: { slug: string; name: string; nameEs: string | null }[];
}

/** Checks every reference (organizations by slug, goal and topic keys) before writing anything. */
async function references(db: Db, input: Pick<InitiativeInput, 'organizations' | 'topics' | 'goals'>) {
  const problems = new FieldProblems();
  const orgs = await organizationsBySlugs(db, input.organizations, 'organizations', problems);
  await checkKeys(db, 'topic', 'topics', input.topics, problems);
  await checkKeys(db, 'goal', 'goals', input.goals, problems);
  problems.throwIfAny();
  return orgs;
}

/** The row's own columns from the input: keys once each, organizations kept apart (their own table). */
function columns(input: InitiativeInput) {
  const { organizations: _o, slug: _s, ...fields } = input;
  return { ...fields, topics: [...new Set(input.topics)], goals: [...new Set(input.goals)] };
}

async function linkOrganizations(db: Db, initiativeId: string, orgs: { id: string }[]) {
  if (orgs.length) await db.insert(initiativeOrganizations).values(orgs.map((o) => ({ initiativeId, organizationId: o.id })));
}

export async function createInitiative(db: Db, input: InitiativeInput, actorId: string | null): Promise<Initiative> {
  return db.transaction(async (tx) => {
    const orgs = await references(tx, input);
    const slug = await slugFor(tx, initiatives, input.slug, input.name);
    const [row] = await tx
      .insert(initiatives)
      .values({ ...columns(input), slug, createdBy: actorId })
      .onConflictDoNothing({ target: initiatives.slug })
      .returning();
    if (!row) throw slugTaken();
    await linkOrganizations(tx, row.id, orgs);
    return row;
  });
}

/** Replaces every field of an initiative and its owning organizations, checking references first. */
export async function updateInitiative(db: Db, currentSlug: string, input: InitiativeInput): Promise<Initiative> {
  return db.transaction(async (tx) => {
    const current = await getInitiative(tx, currentSlug);
    const orgs = await references(tx, input);
    const slug = input.slug ?? current.slug;
    if (slug !== current.slug && (await tx.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.slug, slug))).length)
      throw slugTaken();
    const [row] = await tx
      .update(initiatives)
      .set({ ...columns(input), slug, updatedAt: new Date() })
      .where(eq(initiatives.id, current.id))
      .returning();
    await tx.delete(initiativeOrganizations).where(eq(initiativeOrganizations.initiativeId, current.id));
    await linkOrganizations(tx, row.id, orgs);
    return row;
  });
}

export async function getInitiative(db: Db, slug: string): Promise<InitiativeView> {
  const [i] = await db.select().from(initiatives).where(eq(initiatives.slug, slug));
  if (!i) throw notFound();
  return (await withOrganizations(db, [i]))[0];
}

export async function initiativesBySlugs(db: Db, slugs: string[], field: string, problems: FieldProblems): Promise<Initiative[]> {
  const wanted = [...new Set(slugs)];
  if (wanted.length === 0) return [];
  const found = await db.select().from(initiatives).where(inArray(initiatives.slug, wanted));
  for (const s of wanted) if (!found.some((i) => i.slug === s)) problems.add(field, 'directory.error.unknownInitiative', { slug: s });
  return found;
}

async function withOrganizations(db: Db, list: Initiative[]): Promise<InitiativeView[]> {
  if (list.length === 0) return [];
  const links = await db
    .select({
      initiativeId: initiativeOrganizations.initiativeId,
      slug: organizations.slug,
      name: organizations.name,
      nameEs: organizations.nameEs,
    })
    .from(initiativeOrganizations)
    .innerJoin(organizations, eq(organizations.id, initiativeOrganizations.organizationId))
    .where(
      inArray(
        initiativeOrganizations.initiativeId,
        list.map((i) => i.id),
      ),
    )
    .orderBy(organizations.name);
  return list.map((i) => ({
    ...i,
    organizations: links.filter((l) => l.initiativeId === i.id).map(({ slug, name, nameEs }) => ({ slug, name, nameEs })),
  }));
}

/** Initiatives an organization takes part in. */
export async function initiativesOf(db: Db, organizationId: string): Promise<InitiativeView[]> {
  const list = await db
    .select({ i: initiatives })
    .from(initiatives)
    .innerJoin(initiativeOrganizations, eq(initiativeOrganizations.initiativeId, initiatives.id))
    .where(eq(initiativeOrganizations.organizationId, organizationId))
    .orderBy(initiatives.name);
  return withOrganizations(
    db,
    list.map((r) => r.i),
  );
}

export interface InitiativeFilters {
  q?: string;
  kind?: InitiativeKind;
  status?: InitiativeStatus;
  topic?: string;
  goal?: string;
  region?: string;
}

/** Initiatives matching the filters, ordered and counted on narrow rows as organizations are; only the page is read whole. */
function initiativesQuery(db: Db, f: Bindable<Omit<InitiativeFilters, 'q'>> & { q?: string }, page: Bindable<ListPage>, near?: NearWords) {
  const where = and(
    searchCondition(f.q, near),
    f.kind ? eq(initiatives.kind, f.kind) : undefined,
    f.status ? eq(initiatives.status, f.status) : undefined,
    f.topic ? sql`${f.topic} = ANY(${initiatives.topics})` : undefined,
    f.goal ? sql`${f.goal} = ANY(${initiatives.goals})` : undefined,
    // The region of an initiative is the region of any organization that owns it.
    f.region
      ? sql`EXISTS (SELECT 1 FROM initiative_organizations io JOIN organizations o ON o.id = io.organization_id
                    WHERE io.initiative_id = ${initiatives.id} AND f_search_key(coalesce(o.region, '')) = f_search_key(${f.region}))`
      : undefined,
  );
  const matches = db
    .select({
      id: initiatives.id,
      rank: nameRank(f.q, near).as('rank'),
      name: initiatives.name,
      total: sql<number>`count(*) OVER ()`.as('total'),
    })
    .from(initiatives)
    .where(where)
    .orderBy(sql`"rank" DESC`, initiatives.name)
    .limit(page.limit)
    .offset(page.offset)
    .as('m');
  return db
    .select({ i: initiatives, total: matches.total })
    .from(matches)
    .innerJoin(initiatives, eq(initiatives.id, matches.id))
    .orderBy(sql`${matches.rank} DESC`, matches.name);
}

export async function searchInitiatives(
  db: Db,
  f: InitiativeFilters,
  page: ListPage,
): Promise<{ initiatives: InitiativeView[]; total: number }> {
  // A search's text changes the query's shape; the plain list (by its filters) is prepared.
  const q = searchText(f.q);
  let list: { i: Initiative; total: number }[];
  if (q) list = await initiativesQuery(db, f, page, await nearMisses(db, q));
  else {
    const { q: _none, ...filters } = f;
    const { name, bound } = boundFilters('directory.initiatives', filters);
    list = await prepared(db, name, (db) =>
      initiativesQuery(db, bound, { limit: sql.placeholder('limit'), offset: sql.placeholder('offset') }),
    ).execute({ ...filters, ...page });
  }
  return {
    initiatives: await withOrganizations(
      db,
      list.map((r) => r.i),
    ),
    total: Number(list[0]?.total ?? 0),
  };
}
