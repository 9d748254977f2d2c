import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import { ensurePerson } from '../../people';
import { organizationMembers } from '../schema';
import { nullableText } from './input';
import { isUuid } from '../../../platform/ids';

export const memberInput = z.object({
  name: personName,
  email: emailAddress,
  title: nullableText(200),
  publicConsent: z.boolean().default(false),
});
export type MemberInput = z.output<typeof memberInput>;

export type Member = typeof organizationMembers.$inferSelect;

/**
 * Someone belongs to an organization: found or made by email (never renamed; the name is kept as given
 * here). Adding the same person again updates their title and consent.
 */
export async function addMember(db: Db, organizationId: string, input: MemberInput): Promise<Member> {
  return db.transaction(async (tx) => {
    const { person } = await ensurePerson(tx, { email: input.email, fullName: input.name });
    const values = { name: input.name, title: input.title, publicConsent: input.publicConsent };
    const [row] = await tx
      .insert(organizationMembers)
      .values({ organizationId, personId: person.id, ...values })
      .onConflictDoUpdate({ target: [organizationMembers.organizationId, organizationMembers.personId], set: values })
      .returning();
    return row;
  });
}

export interface MemberEntry {
  id: string;
  personId: string;
  name: string;
  email: string;
  title: string | null;
  publicConsent: boolean;
}

/** The people of an organization; `publicOnly` keeps those who agreed to be shown (every public page and answer). */
export async function membersOf(db: Db, organizationId: string, opts: { publicOnly: boolean }): Promise<MemberEntry[]> {
  return rows<MemberEntry>(
    db,
    sql`SELECT m.id, m.person_id AS "personId", m.name, pe.email::text AS email, m.title, m.public_consent AS "publicConsent"
        FROM organization_members m JOIN person_contacts pe ON pe.id = m.person_id
        WHERE m.organization_id = ${organizationId} ${opts.publicOnly ? sql`AND m.public_consent` : sql``}
        ORDER BY m.name`,
  );
}

export async function getMember(db: Db, organizationId: string, memberId: string): Promise<Member> {
  if (!isUuid(memberId)) throw notFound();
  const [row] = await db
    .select()
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.id, memberId)));
  if (!row) throw notFound();
  return row;
}

/** Stops showing someone on the organization's public page, from the next request on. */
export async function withdrawMember(db: Db, organizationId: string, memberId: string): Promise<Member> {
  const m = await getMember(db, organizationId, memberId);
  const [row] = await db.update(organizationMembers).set({ publicConsent: false }).where(eq(organizationMembers.id, m.id)).returning();
  return row;
}
