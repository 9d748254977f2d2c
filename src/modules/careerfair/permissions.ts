import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { type EventRow, canManageEvent } from '../events';
import { partnerScopes, type Agency } from '../jobs';

/** Organizers of the event's chapter (and admins) run the fair: any booth, table numbers, the report. */
export const canOrganizeFair = (viewer: Viewer | null, e: Pick<EventRow, 'chapter'>) => canManageEvent(viewer, e);

/** A booth is managed, scanned for and exported by its own agency's partners, or the fair's organizers. */
export function canManageBooth(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>, agency: Pick<Agency, 'id' | 'slug'>): boolean {
  if (canOrganizeFair(viewer, e)) return true;
  return partnerScopes(viewer).some((s) => s === agency.id || s === agency.slug);
}

export function assertOrganizeFair(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canOrganizeFair(viewer, e)) throw forbidden();
}

export function assertManageBooth(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>, agency: Pick<Agency, 'id' | 'slug'>): void {
  if (!canManageBooth(viewer, e, agency)) throw forbidden();
}
