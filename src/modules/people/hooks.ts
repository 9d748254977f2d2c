import type { Db } from '../../db/client';

/** A page of another module that belongs in the account page's list ("Job alerts"). */
export interface AccountLink {
  href: string;
  label: { en: string; es: string };
}

/**
 * What people reads from other modules, handed in at composition (docs/decisions/0013). Every group is
 * optional: without `agencies` a partner role's scope is typed, without `account` the list is empty.
 */
export interface PeopleHooks {
  /** The agencies directory (jobs): a partner role is scoped to one agency picked from it. */
  agencies?: { agencyChoices: (db: Db) => Promise<{ id: string; slug: string; name: string }[]> };
  account?: { links: AccountLink[] };
}
