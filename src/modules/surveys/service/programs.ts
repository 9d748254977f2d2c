import type { Db } from '../../../db/client';

/** What surveys need of a cohort program: found by its address or id (programs' own service, handed over at composition). */
interface ProgramRef {
  id: string;
  slug: string;
  chapter: string | null;
  title: { en?: string | null; es?: string | null };
}

export interface SurveysHooks {
  programs?: {
    getProgram: (db: Db, slug: string) => Promise<ProgramRef>;
    getProgramById: (db: Db, id: string) => Promise<ProgramRef>;
  };
}

// Set once when the app is composed (the module's setup); pages, API and services read it here rather
// than have it threaded through every route. Without it, surveys simply have no program.
let hooks: SurveysHooks = {};

export function useSurveysHooks(h: SurveysHooks): void {
  hooks = h;
}

/** The program at that address, or null (also when the programs module is not part of this app). */
export async function findProgram(db: Db, slug: string): Promise<ProgramRef | null> {
  if (!hooks.programs) return null;
  return hooks.programs.getProgram(db, slug).catch(() => null);
}

export async function programById(db: Db, id: string): Promise<ProgramRef | null> {
  if (!hooks.programs) return null;
  return hooks.programs.getProgramById(db, id).catch(() => null);
}
