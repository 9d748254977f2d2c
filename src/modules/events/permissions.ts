import type { Ctx, Viewer } from '../../platform/http/context';
import { hit } from '../../platform/http/rate-limit';
import { clientIp } from '../../platform/http/request';
import { forbidden } from '../../platform/http/errors';
import { hasRole, isAdmin, organizerScopes } from '../../platform/auth/roles';
import type { EventRow, SeriesRow } from './schema';

/** Admins, and organizers of the event's chapter (any organizer when the event has no chapter). */
export function canManageEvent(viewer: Viewer | null, e: Pick<EventRow, 'chapter'> | Pick<SeriesRow, 'chapter'>): boolean {
  if (!viewer) return false;
  if (isAdmin(viewer)) return true;
  return e.chapter ? hasRole(viewer, 'organizer', e.chapter) : hasRole(viewer, 'organizer');
}

/** Attendee lists hold names, emails and accessibility needs: the same people as above. */
export const canSeeAttendees = canManageEvent;

export function assertCanManage(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canManageEvent(viewer, e)) throw forbidden();
}

/** The chapter a new event goes to: the one asked for if the viewer organizes it, else their first. */
export function chapterFor(viewer: Viewer, asked: string | null | undefined): string | null {
  const scopes = organizerScopes(viewer);
  if (scopes === null) return asked ?? null;
  if (asked) {
    if (!scopes.includes(asked)) throw forbidden();
    return asked;
  }
  return scopes[0] ?? null;
}

/** Drafts are visible only to those who may edit them. */
export function canSeeEvent(viewer: Viewer | null, e: Pick<EventRow, 'chapter' | 'status'>): boolean {
  return e.status !== 'draft' || canManageEvent(viewer, e);
}

/** Public RSVP form and API: generous per address (a library or office shares one), but bounded. */
export async function rsvpRateLimit(c: Ctx): Promise<void> {
  await hit(c.var.db, { key: `rsvp:${clientIp(c)}`, limit: 300, windowSeconds: 900, enabled: c.var.deps.config.RATE_LIMITS });
}
