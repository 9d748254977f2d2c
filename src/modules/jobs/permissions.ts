import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { hasRole, isAdmin } from '../../platform/auth/roles';
import type { Agency, Job } from './schema';

/** Organizers (of any chapter) and admins review postings, run imports and edit the rules. */
export const isJobsOrganizer = (viewer: Viewer | null) => hasRole(viewer, 'organizer');

/** A partner's grant scope names their agency by id or slug. */
export function partnerScopes(viewer: Viewer | null): string[] {
  return (viewer?.grants ?? []).filter((g) => g.role === 'partner' && g.scope).map((g) => g.scope as string);
}

export function canManageAgencyJobs(viewer: Viewer | null, agency: Pick<Agency, 'id' | 'slug'>): boolean {
  if (isJobsOrganizer(viewer) || isAdmin(viewer)) return true;
  return partnerScopes(viewer).some((s) => s === agency.id || s === agency.slug);
}

/** Closed jobs keep their page (links in old emails keep working); drafts and hidden jobs only for their managers. */
export function canSeeJob(
  viewer: Viewer | null,
  job: Pick<Job, 'status' | 'tech' | 'techOverride'>,
  agency: Pick<Agency, 'id' | 'slug'>,
): boolean {
  return ((job.status === 'published' || job.status === 'closed') && (job.techOverride ?? job.tech)) || canManageAgencyJobs(viewer, agency);
}

export function assertManageAgencyJobs(viewer: Viewer | null, agency: Pick<Agency, 'id' | 'slug'>): void {
  if (!canManageAgencyJobs(viewer, agency)) throw forbidden();
}

/** Anyone who may open the manage screens at all. */
export const canManageJobs = (viewer: Viewer | null) => isJobsOrganizer(viewer) || partnerScopes(viewer).length > 0;
