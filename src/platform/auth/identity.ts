import type { Db } from '../../db/client';
import type { Locale } from '../i18n';
import type { Grant } from '../http/context';

/** The person behind an email, as far as signing in needs to know. */
interface IdentityPerson {
  id: string;
  email: string;
  fullName: string;
  preferredName: string | null;
  language: Locale;
}

/** The profile part of a viewer: who they are and what they may do. */
export interface ViewerProfile extends IdentityPerson {
  grants: Grant[];
}

/**
 * What the platform needs from whoever keeps people's profiles. Accounts and sessions are the
 * platform's; the person behind them is not: the composition root builds this from the people module
 * and hands it over in `Deps`, so the platform never imports a module. A person whose account was
 * deleted is unknown here (null), whatever their row still holds.
 */
export interface Identity {
  findByEmail(db: Db, email: string): Promise<IdentityPerson | null>;
  /** Called on every successful sign-in: the person has shown they read this address. */
  markEmailVerified(db: Db, personId: string): Promise<void>;
  loadViewer(db: Db, personId: string): Promise<ViewerProfile | null>;
}
