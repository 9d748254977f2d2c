import type { Viewer } from '../../platform/http/context';
import { isAdmin, organizerScopes } from '../../platform/auth/roles';

/**
 * Who sees which figures: admins see every scope exactly; an organizer sees their own chapters exactly
 * and is refused another chapter or the network (403); everyone else sees the published scopes,
 * suppressed.
 */
export function metricsAccess(viewer: Viewer | null, chapter: string | null): 'exact' | 'public' | 'forbidden' {
  if (!viewer) return 'public';
  if (isAdmin(viewer)) return 'exact';
  const scopes = organizerScopes(viewer) ?? [];
  if (scopes.length === 0) return 'public';
  return chapter && scopes.includes(chapter) ? 'exact' : 'forbidden';
}
