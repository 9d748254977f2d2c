import type { Viewer } from '../../platform/http/context';
import { forbidden, notFound } from '../../platform/http/errors';
import { organizerScopes } from '../../platform/auth/roles';
import { canManageEvent, canSeeEvent, type EventRow } from '../events';

/** Organizers of the event's chapter (and admins) run the conference: programme, rooms, sign-up lists. */
export const canOrganize = (viewer: Viewer | null, e: Pick<EventRow, 'chapter'>) => canManageEvent(viewer, e);

export function assertOrganize(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canOrganize(viewer, e)) throw forbidden();
}

/** Drafts exist only for their organizers: anyone else gets the same 404 as for no conference at all. */
export function assertVisible(viewer: Viewer | null, e: Pick<EventRow, 'chapter' | 'status'>): void {
  if (!canSeeEvent(viewer, e)) throw notFound();
}

/** The chapter a conference made from the page belongs to: the organizer's first, none for admins. */
export function chapterOf(viewer: Viewer | null): string | null {
  const scopes = organizerScopes(viewer);
  return scopes === null ? null : (scopes[0] ?? null);
}
