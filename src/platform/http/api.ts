import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { errorMessages, fieldErrors, type FieldError, type ModuleMessages } from './validation';
import { AppError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHook = Hook<any, AppEnv, any, any>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * API input errors: 422 with `{error: {code, message, fields}}`, each field's message translated (a module's
 * own keys from its catalog). A JSON body's fields the schema does not know are refused by name rather than
 * silently dropped, so a typo ("colour") is an answer, not a change that never happened.
 */
export function apiValidationHookFor(messages?: ModuleMessages): AnyHook {
  return async (result, c) => {
    if (!result.success) {
      const fields = errorMessages(c, result.error as z.ZodError, messages);
      return c.json({ error: { code: 'validation_failed', message: c.var.t('errors.validation'), fields } }, 422);
    }
    if (result.target !== 'json' || !isRecord(result.data)) return;
    const sent: unknown = await c.req.json();
    if (!isRecord(sent)) return;
    const unknown = Object.keys(sent).filter((k) => !(k in (result.data as Record<string, unknown>)));
    if (unknown.length === 0) return;
    const fields = Object.fromEntries(unknown.map((k) => [k, c.var.t('validation.unknownField')]));
    return c.json({ error: { code: 'validation_failed', message: c.var.t('errors.validation'), fields } }, 422);
  };
}

/** The default hook, for routes whose schemas use only the shared messages. */
export const apiValidationHook = apiValidationHookFor();

/** The error body every API route documents. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  401: { description: 'Missing or invalid bearer token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed for this token', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

/** A service-level zod failure as the API's 422, each field's message translated by the error handler. */
export function invalidFrom(error: z.ZodError): AppError {
  const errors: Record<string, FieldError> = fieldErrors(error);
  return new AppError(
    'validation_failed',
    422,
    'errors.validation',
    Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, e.key])),
    {},
    Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, e.values ?? {}])),
  );
}

interface RouteDefinition {
  type: string;
  route?: { method: string; path: string; operationId?: string; security?: unknown[] };
}

/** `post /api/v1/events/{slug}/rsvps` → `postEventsBySlugRsvps`: stable, unique per method and path. */
function operationIdFor(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((p) => p && p !== 'api' && !/^v\d+$/.test(p))
    .flatMap((p) => (p.startsWith('{') ? ['by', p.slice(1, -1)] : p.split(/[-_.]/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * Remembers each API route's access rule (its `allow(...)` middleware) as modules register them: the
 * document's registry keeps no middleware, and the rule is what says whether a token is needed.
 */
export function recordRouteAccess(api: OpenAPIHono<AppEnv>): Map<string, string> {
  const access = new Map<string, string>();
  const register = api.openapi.bind(api);
  api.openapi = ((route: { method: string; path: string; middleware?: unknown }, ...rest: unknown[]) => {
    const rule = [route.middleware].flat().find((m) => (m as { access?: string } | undefined)?.access) as { access: string } | undefined;
    if (rule) access.set(`${route.method} ${route.path}`, rule.access);
    return (register as (...a: unknown[]) => unknown)(route, ...rest);
  }) as typeof api.openapi;
  return access;
}

/**
 * Every operation of the API document gets an `operationId` (client generators name functions after
 * it) and states how it is authenticated: `security: []` for public operations (`allow('public')`),
 * the bearer token otherwise. What a route declares itself is kept.
 */
export function completeOperations(registry: { definitions: unknown[] }, access: Map<string, string>): void {
  for (const d of registry.definitions as RouteDefinition[]) {
    if (d.type !== 'route' || !d.route) continue;
    const r = d.route;
    r.operationId ??= operationIdFor(r.method, r.path);
    r.security ??= access.get(`${r.method} ${r.path}`) === 'public' ? [] : [{ bearer: [] }];
  }
}

/** A route's JSON answer, as `responses` declares it. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
/** A route's required JSON body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
/** `limit` and `offset` of a paged list. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
/** A refusal whose `error.code` says why (`same_status`, `slug_taken`, …). */
export const conflictResponses = {
  409: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Refused: see error.code'),
};
/** A CSV export's answer (UTF-8 with BOM, from `toCsv`). */
export const csvResponses = { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } };
