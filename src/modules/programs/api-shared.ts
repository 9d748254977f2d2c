import { z } from '@hono/zod-openapi';
import { apiValidationHookFor } from '../../platform/http/api';
import type { Ctx } from '../../platform/http/context';
import { programsMessages } from './messages';
import { assertManageProgram } from './permissions';
import type { Program } from './schema';
import { getProgram } from './service';

// The pieces every programs API file describes its routes with.
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
export const hook = apiValidationHookFor(programsMessages) as never;
export const tags = ['programs'];
export const bearer = [{ bearer: [] }];
export const Local = z.object({ en: z.string().nullable().optional(), es: z.string().nullable().optional() });
export const conflict = {
  409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Refused: see error.code'),
};

/** The keys a JSON body really carries: a change leaves out what stays (defaults must not fill them in). */
export async function sentKeys(req: { json: () => Promise<unknown> }): Promise<Record<string, unknown>> {
  const raw = await req.json();
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** The program named in the address, when the viewer may manage it (403 otherwise). */
export async function managed(c: Ctx, slug: string): Promise<Program> {
  const p = await getProgram(c.var.db, slug);
  assertManageProgram(c.var.viewer, p);
  return p;
}
