import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent } from '../events';
import type { Program } from './schema';

/** A program is run by the organizers of its chapter (any organizer when it has none), like its events. */
export const canManageProgram = (viewer: Viewer | null, p: Pick<Program, 'chapter'>) => canManageEvent(viewer, p);

export function assertManageProgram(viewer: Viewer | null, p: Pick<Program, 'chapter'>): void {
  if (!canManageProgram(viewer, p)) throw forbidden();
}
