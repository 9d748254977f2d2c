import type { Grant, Viewer } from '../http/context';
import { forbidden } from '../http/errors';

export function isAdmin(viewer: Pick<Viewer, 'grants'> | null): boolean {
  return !!viewer?.grants.some((g) => g.role === 'admin');
}

/** Admins may do whatever any role may. */
export function hasRole(viewer: Pick<Viewer, 'grants'> | null, role: string, scope?: string | null): boolean {
  if (!viewer) return false;
  if (isAdmin(viewer)) return true;
  return viewer.grants.some((g: Grant) => g.role === role && (scope === undefined || g.scope === scope));
}

/** The chapter `slug` when the viewer organizes it (admins organize every chapter); a 403 otherwise. */
export function organizedChapter(viewer: Pick<Viewer, 'grants'> | null, slug: string): string {
  if (!hasRole(viewer, 'organizer', slug)) throw forbidden();
  return slug;
}

/** Chapters this viewer organizes (admins: all, shown as null). */
export function organizerScopes(viewer: Pick<Viewer, 'grants'> | null): string[] | null {
  if (isAdmin(viewer)) return null;
  return (viewer?.grants ?? []).filter((g) => g.role === 'organizer' && g.scope).map((g) => g.scope as string);
}
