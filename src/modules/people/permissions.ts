import type { Viewer } from '../../platform/http/context';
import { isAdmin } from '../../platform/auth/roles';

/** Only admins see the people list and grant roles. */
export const canManagePeople = (viewer: Viewer | null) => isAdmin(viewer);
/** Development mail is readable only by admins: it holds other people's sign-in links. */
export const canReadOutbox = (viewer: Viewer | null) => isAdmin(viewer);
