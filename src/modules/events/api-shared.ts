import { z } from '@hono/zod-openapi';
import type { Ctx } from '../../platform/http/context';
import { assertCanManage } from './permissions';
import { getEvent } from './service';

export const slugParam = z.object({ slug: z.string().max(100) });
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export async function managedEvent(c: Ctx, slug: string) {
  const e = await getEvent(c.var.db, slug);
  assertCanManage(c.var.viewer, e);
  return e;
}
