import type { Viewer } from '../../platform/http/context';
import { hasRole } from '../../platform/auth/roles';

/**
 * The newsletter belongs to the whole organization, not one chapter: any organizer (of any chapter)
 * or admin may write and send issues and see subscribers. Subscribers manage themselves through
 * signed links, without an account.
 */
export function canManageNewsletter(viewer: Pick<Viewer, 'grants'> | null): boolean {
  return hasRole(viewer, 'organizer');
}
