import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { conveningParticipants, initiativeOrganizations, organizations, posts, type Organization } from '../schema';
import { getOrganization } from './organizations';

/**
 * Pairs that look like one organization twice: the same website host, or names nearly the same once
 * folded (trigram similarity 0.8 or more).
 */
export async function duplicateOrganizations(db: Db): Promise<{ a: string; b: string; reason: 'website' | 'name' }[]> {
  return rows(
    db,
    sql`SELECT a.slug AS a, b.slug AS b,
               CASE WHEN a.website IS NOT NULL AND lower(substring(a.website from '^https?://(?:www\\.)?([^/:]+)')) = lower(substring(b.website from '^https?://(?:www\\.)?([^/:]+)'))
                    THEN 'website' ELSE 'name' END AS reason
        FROM organizations a JOIN organizations b ON a.id < b.id
        WHERE (a.website IS NOT NULL AND lower(substring(a.website from '^https?://(?:www\\.)?([^/:]+)')) = lower(substring(b.website from '^https?://(?:www\\.)?([^/:]+)')))
           OR similarity(f_search_key(a.name), f_search_key(b.name)) >= 0.8
        ORDER BY a.name LIMIT 200`,
  );
}

/**
 * Merges `duplicate` into `keep` in one transaction, keeping every link: initiatives, roster entries,
 * members and posts point at the kept one; its empty fields take the duplicate's; the duplicate's address
 * keeps leading to it.
 */
export async function mergeOrganizations(db: Db, keepSlug: string, duplicateSlug: string): Promise<Organization> {
  if (keepSlug === duplicateSlug)
    throw new AppError('same_organization', 409, 'directory.error.mergeSame', { into: 'directory.error.mergeSame' });
  return db.transaction(async (tx) => {
    const keep = await getOrganization(tx, keepSlug);
    const dup = await getOrganization(tx, duplicateSlug);
    await tx.execute(sql`INSERT INTO initiative_organizations (initiative_id, organization_id)
                         SELECT initiative_id, ${keep.id} FROM initiative_organizations WHERE organization_id = ${dup.id}
                         ON CONFLICT DO NOTHING`);
    await tx.delete(initiativeOrganizations).where(eq(initiativeOrganizations.organizationId, dup.id));
    await tx.update(conveningParticipants).set({ organizationId: keep.id }).where(eq(conveningParticipants.organizationId, dup.id));
    // Someone listed in both keeps the kept organization's entry (and the consent given there).
    await tx.execute(sql`INSERT INTO organization_members (organization_id, person_id, name, title, public_consent, created_at)
                         SELECT ${keep.id}, person_id, name, title, public_consent, created_at FROM organization_members
                         WHERE organization_id = ${dup.id}
                         ON CONFLICT DO NOTHING`);
    await tx
      .update(posts)
      .set({
        organizationIds: sql`array(SELECT DISTINCT unnest(array_replace(${posts.organizationIds}, ${dup.id}::uuid, ${keep.id}::uuid)))`,
      })
      .where(sql`${dup.id}::uuid = ANY(${posts.organizationIds})`);
    const fill = <K extends keyof Organization>(k: K) => keep[k] ?? dup[k];
    await tx.delete(organizations).where(eq(organizations.id, dup.id));
    const [row] = await tx
      .update(organizations)
      .set({
        nameEs: fill('nameEs'),
        agencyId: fill('agencyId'),
        city: fill('city'),
        region: fill('region'),
        website: fill('website'),
        description: fill('description'),
        descriptionEs: fill('descriptionEs'),
        logoUrl: fill('logoUrl'),
        logoAlt: fill('logoAlt'),
        contactEmail: fill('contactEmail'),
        formerSlugs: [...new Set([...keep.formerSlugs, dup.slug, ...dup.formerSlugs])],
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, keep.id))
      .returning();
    return row;
  });
}

/** The organization a merged-away address now leads to, if any. */
export async function mergedInto(db: Db, slug: string): Promise<string | null> {
  const [o] = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(sql`${slug} = ANY(${organizations.formerSlugs})`);
  return o?.slug ?? null;
}
