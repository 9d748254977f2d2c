import { getConnInfo } from '@hono/node-server/conninfo';
import type { Ctx } from './context';
import { AppError } from './errors';
import { assertSafeNames } from './form';

/**
 * The caller's address, for rate limits. Behind TRUST_PROXY=N proxies it is the address the outermost
 * of ours appended to X-Forwarded-For (the Nth from the right): entries further left come from the
 * client, so trusting them let anyone pick a fresh address per request.
 */
export function clientIp(c: Ctx): string {
  const hops = c.var.deps?.config.TRUST_PROXY ?? 0;
  if (hops > 0) {
    const fwd = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (fwd.length) return fwd[Math.max(0, fwd.length - hops)].slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/** Does the caller want a page rather than JSON? */
export function wantsHtml(c: Ctx): boolean {
  if (c.req.path.startsWith('/api/')) return false;
  const accept = c.req.header('accept') ?? '';
  return !accept.includes('application/json') || accept.includes('text/html');
}

/**
 * The raw form body; a body the parser cannot read is the caller's mistake (400), never a 500, and so
 * is a field name that could reach a prototype (see form.ts).
 */
export async function parseFormBody(c: Ctx) {
  let body: Awaited<ReturnType<Ctx['req']['parseBody']>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('bad_request', 400, 'errors.badRequest');
  }
  assertSafeNames(Object.keys(body));
  return body;
}

/** The parsed form body, strings only. */
export async function form(c: Ctx): Promise<Record<string, string>> {
  return (await formWithFiles(c)).values;
}

/** A multipart form's text fields and its chosen files (a file input left empty sends none). */
export async function formWithFiles(c: Ctx): Promise<{ values: Record<string, string>; files: Record<string, File> }> {
  const body = await parseFormBody(c);
  const values: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [k, v] of Object.entries(body)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') values[k] = value;
    else if (value instanceof File && value.size > 0) files[k] = value;
  }
  return { values, files };
}
