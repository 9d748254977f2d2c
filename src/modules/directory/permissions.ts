import type { Ctx, Viewer } from '../../platform/http/context';
import { hit } from '../../platform/http/rate-limit';
import { clientIp } from '../../platform/http/request';
import { forbidden } from '../../platform/http/errors';
import { canManageEvent, type EventRow } from '../events';

/** A convening is run by the organizers of its event's chapter. */
export function assertRunConvening(viewer: Viewer | null, e: Pick<EventRow, 'chapter'>): void {
  if (!canManageEvent(viewer, e)) throw forbidden();
}

/** Public forms: a generous limit per address and a tighter one per address and form. */
export async function formsRateLimit(c: Ctx, formId: string): Promise<void> {
  const { config } = c.var.deps;
  const ip = clientIp(c);
  await hit(c.var.db, { key: `interest:${ip}`, limit: 60, windowSeconds: 900, enabled: config.RATE_LIMITS });
  await hit(c.var.db, { key: `interest:${ip}:${formId}`, limit: 10, windowSeconds: 900, enabled: config.RATE_LIMITS });
}

/** Who made a change, as the status history and posts keep them: the signed-in person, by the name they go by. */
export const actorOf = (c: Ctx) => ({ id: c.var.viewer!.id, name: c.var.viewer!.preferredName ?? c.var.viewer!.fullName });
