/** What the viewer may see and the zone they read times in, for the public event pages. */
import { getCookie } from 'hono/cookie';
import type { Ctx } from '../../../platform/http/context';
import { notFound } from '../../../platform/http/errors';
import { canSeeEvent } from '../permissions';
import type { EventRow } from '../schema';
import { getEvent, isTimeZone } from '../service';

export const viewerZone = (c: Ctx) => {
  const z = getCookie(c, 'tz');
  return z && isTimeZone(z) ? z : null;
};

export async function visible(c: Ctx, slug: string): Promise<EventRow> {
  const e = await getEvent(c.var.db, slug);
  if (!canSeeEvent(c.var.viewer, e)) throw notFound();
  return e;
}
