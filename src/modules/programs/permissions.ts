import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent } from '../events';
import type { Db } from '../../db/client';
import type { Program } from './schema';
import { teamOfPerson } from './service/bookings';

/** A program is run by the organizers of its chapter (any organizer when it has none), like its events. */
export const canManageProgram = (viewer: Viewer | null, p: Pick<Program, 'chapter'>) => canManageEvent(viewer, p);

export function assertManageProgram(viewer: Viewer | null, p: Pick<Program, 'chapter'>): void {
  if (!canManageProgram(viewer, p)) throw forbidden();
}

/**
 * Who may see a team's things (bookings, progress, worksheets): the program's organizers and the team's
 * own members. Says which of the two the viewer is; anyone else is refused.
 */
export async function teamAccess(db: Db, viewer: Viewer | null, p: Program, teamId: string): Promise<'organizer' | 'member'> {
  if (canManageProgram(viewer, p)) return 'organizer';
  const own = viewer ? await teamOfPerson(db, p.id, viewer.id) : null;
  if (own?.id !== teamId) throw forbidden();
  return 'member';
}
