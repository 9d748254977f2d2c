import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent } from '../events';
import type { GroupingRow } from './schema';

/**
 * A grouping is managed as its event is (organizers of the event's chapter, and admins); one without
 * an event belongs to the chapter it was made in.
 */
const canManageGrouping = (viewer: Viewer | null, g: Pick<GroupingRow, 'chapter'>) => canManageEvent(viewer, g);

export function assertManageGrouping(viewer: Viewer | null, g: Pick<GroupingRow, 'chapter'>): void {
  if (!canManageGrouping(viewer, g)) throw forbidden();
}
