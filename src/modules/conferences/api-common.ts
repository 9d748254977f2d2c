import { z } from '@hono/zod-openapi';
import type { Ctx } from '../../platform/http/context';
import { apiValidationHookFor, invalidFrom } from '../../platform/http/api';
import { assertOrganize, assertVisible } from './permissions';
import { conferencesMessages } from './messages';
import { getConference, type ConferenceView } from './service';

// What every conferences API file shares: response shapes, the validation hook and the permission checks.
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
export const slugParam = z.object({ slug: z.string().max(100) });
export const sessionParams = z.object({ slug: z.string().max(100), code: z.string().max(20) });
export const Conflict = json(
  z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }) }),
  'A clash: the room or a speaker is already booked, or no seat can be had',
);
export const hook = apiValidationHookFor(conferencesMessages) as never;

/** A service-level zod failure (the events service's rules on dates and zones) as a translated 422. */
export async function validated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof z.ZodError) throw invalidFrom(err);
    throw err;
  }
}

export async function managed(c: Ctx, slug: string): Promise<ConferenceView> {
  const v = await getConference(c.var.db, slug);
  assertOrganize(c.var.viewer, v.event);
  return v;
}

export async function visible(c: Ctx, slug: string): Promise<ConferenceView> {
  const v = await getConference(c.var.db, slug);
  assertVisible(c.var.viewer, v.event);
  return v;
}
