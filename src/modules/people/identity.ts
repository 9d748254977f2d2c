import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prepared } from '../../db/prepared';
import { people } from './schema';
import type { Identity, ViewerProfile } from '../../platform/auth/identity';
import type { Grant } from '../../platform/http/context';
import type { Locale } from '../../platform/i18n';
import { findPersonByEmail, markEmailVerified } from './service';

// Written out whole: in a select from one table Drizzle leaves column names unqualified, which
// inside this subquery would name role_grants' own columns.
const grantsOf = sql<Grant[] | null>`(SELECT json_agg(json_build_object('role', g.role, 'scope', g.scope))
  FROM role_grants g WHERE g.person_id = people.id)`;

/** What the platform's sign-in and sessions learn about a person: the profile and roles kept here. */
export const peopleIdentity: Identity = {
  async findByEmail(db, email) {
    const p = await findPersonByEmail(db, email);
    if (!p || p.deletedAt || !p.email) return null;
    return { id: p.id, email: p.email, fullName: p.fullName, preferredName: p.preferredName, language: p.language as Locale };
  },
  markEmailVerified,
  async loadViewer(db: Db, personId: string): Promise<ViewerProfile | null> {
    // On every signed-in request: built once, and a prepared statement on PostgreSQL (decision 58).
    const [r] = await prepared(db, 'people.viewer', (db) =>
      db
        .select({
          id: people.id,
          email: people.email,
          fullName: people.fullName,
          preferredName: people.preferredName,
          language: people.language,
          grants: grantsOf,
        })
        .from(people)
        .where(and(eq(people.id, sql.placeholder('personId')), isNull(people.deletedAt))),
    ).execute({ personId });
    // Signing in needs an address, so a person without one holds no session or token.
    if (!r?.email) return null;
    return { ...r, email: r.email, language: r.language as Locale, grants: r.grants ?? [] };
  },
};
