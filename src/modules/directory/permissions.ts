import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent, type EventRow } from '../events';

/** A convening is run by the organizers of its event's chapter. */
export function assertRunConvening(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canManageEvent(viewer, e)) throw forbidden();
}
