import type { Viewer } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent } from '../events';
import type { SurveyRow } from './schema';

/** A survey is managed as its event is; one without an event belongs to its organizer's chapter. */
export const canManageSurvey = (viewer: Viewer | null, s: Pick<SurveyRow, 'chapter'>) => canManageEvent(viewer, s);

export function assertManageSurvey(viewer: Viewer | null, s: Pick<SurveyRow, 'chapter'>): void {
  if (!canManageSurvey(viewer, s)) throw forbidden();
}
