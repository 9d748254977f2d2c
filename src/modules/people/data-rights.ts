import type { Db } from '../../db/client';

/**
 * Each module that keeps something about a person registers how to export it and how to erase it,
 * so "Download my data" and "Delete my account" cover every module without people knowing them.
 */
export interface PersonDataProvider {
  name: string;
  export(db: Db, personId: string): Promise<unknown>;
  /** Erase personal data but keep anonymous rows that counts depend on. Runs inside the deletion transaction. */
  erase(db: Db, personId: string, email: string | null): Promise<void>;
}

export const personDataProviders: PersonDataProvider[] = [];

export function registerPersonData(provider: PersonDataProvider): void {
  if (!personDataProviders.some((p) => p.name === provider.name)) personDataProviders.push(provider);
}
