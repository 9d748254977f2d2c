import type { Grant, Viewer } from '../http/context';

export function isAdmin(viewer: Pick<Viewer, 'grants'> | null): boolean {
  return !!viewer?.grants.some((g) => g.role === 'admin');
}

/** Admins may do whatever any role may. */
export function hasRole(viewer: Pick<Viewer, 'grants'> | null, role: string, scope?: string | null): boolean {
  if (!viewer) return false;
  if (isAdmin(viewer)) return true;
  return viewer.grants.some((g: Grant) => g.role === role && (scope === undefined || g.scope === scope));
}

/** Chapters this viewer organizes (admins: all, shown as null). */
export function organizerScopes(viewer: Pick<Viewer, 'grants'> | null): string[] | null {
  if (isAdmin(viewer)) return null;
  return (viewer?.grants ?? []).filter((g) => g.role === 'organizer' && g.scope).map((g) => g.scope as string);
}
