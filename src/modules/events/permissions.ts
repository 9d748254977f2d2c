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

/**
 * Public RSVP form and API: generous per address across events (a library or office shares one),
 * tighter per address for one event, so one machine cannot fill an event's seats with made-up names.
 */
export async function rsvpRateLimit(c: Ctx, eventId: string): Promise<void> {
  const { config } = c.var.deps;
  const ip = clientIp(c);
  await hit(c.var.db, { key: `rsvp:${ip}`, limit: config.RATE_LIMIT_RSVP_PER_IP, windowSeconds: 900, enabled: config.RATE_LIMITS });
  await hit(c.var.db, {
    key: `rsvp:${ip}:${eventId}`,
    limit: config.RATE_LIMIT_RSVP_PER_IP_EVENT,
    windowSeconds: 900,
    enabled: config.RATE_LIMITS,
  });
}
