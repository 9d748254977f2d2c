import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client';
import type { Identity, ViewerProfile } from '../../platform/auth/identity';
import type { Grant } from '../../platform/http/context';
import type { Locale } from '../../platform/i18n';
import { findPersonByEmail, markEmailVerified } from './service';

/** What the platform's sign-in and sessions learn about a person: the profile and roles kept here. */
export const peopleIdentity: Identity = {
  async findByEmail(db, email) {
    const p = await findPersonByEmail(db, email);
    if (!p || p.deletedAt || !p.email) return null;
    return { id: p.id, email: p.email, fullName: p.fullName, preferredName: p.preferredName, language: p.language as Locale };
  },
  markEmailVerified,
  async loadViewer(db: Db, personId: string): Promise<ViewerProfile | null> {
    const [r] = await rows<{
      id: string;
      email: string;
      full_name: string;
      preferred_name: string | null;
      language: Locale;
      grants: Grant[] | null;
    }>(
      db,
      sql`SELECT p.id, p.email, p.full_name, p.preferred_name, p.language,
                 (SELECT json_agg(json_build_object('role', g.role, 'scope', g.scope)) FROM role_grants g WHERE g.person_id = p.id) AS grants
          FROM people p
          WHERE p.id = ${personId} AND p.deleted_at IS NULL`,
    );
    if (!r) return null;
    return {
      id: r.id,
      email: r.email,
      fullName: r.full_name,
      preferredName: r.preferred_name,
      language: r.language,
      grants: r.grants ?? [],
    };
  },
};
