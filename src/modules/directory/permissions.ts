import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { hasRole } from '../../platform/auth/roles';
import { canManageEvent, type EventRow } from '../events';

/** The directory is the network's: any organizer (of any chapter) keeps it, as admins do. */
export const canKeepDirectory = (viewer: Viewer | null): boolean => hasRole(viewer, 'organizer');

/** A convening is run by the organizers of its event's chapter. */
export function assertRunConvening(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canManageEvent(viewer, e)) throw forbidden();
}
