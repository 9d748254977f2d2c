import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Ctx, Viewer } from '../http/context';
import { AppError, forbidden, unauthorized } from '../http/errors';
import { hasRole } from './roles';
import { parseFormBody } from '../http/request';
import { randomToken, safeEqual } from './tokens';
import { viewerFromApiToken, viewerFromSession, SESSION_DAYS } from './service';

export const SESSION_COOKIE = 'pw_session';
const CSRF_COOKIE = 'pw_csrf';

export function sessionCookieOptions(production: boolean) {
  return { httpOnly: true, sameSite: 'Lax' as const, secure: production, path: '/', maxAge: SESSION_DAYS * 86_400 };
}

/**
 * Who is asking: a bearer token (API and scripts) or the session cookie (browsers). The JSON API takes
 * bearer tokens only: it is exempt from the CSRF check, so a session cookie a browser sends along on
 * its own must not count there.
 */
export const loadViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.req.header('authorization');
  let viewer: Viewer | null = null;
  if (auth?.toLowerCase().startsWith('bearer ')) {
    viewer = await viewerFromApiToken({ db: c.var.db, identity: c.var.deps.identity }, auth.slice(7).trim());
    if (!viewer) throw new AppError('invalid_token', 401, 'errors.unauthorized');
  } else if (!c.req.path.startsWith('/api/')) {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) viewer = await viewerFromSession({ db: c.var.db, identity: c.var.deps.identity }, token);
  }
  c.set('viewer', viewer);
  await next();
};

const exemptPrefixes: string[] = ['/api/'];
/** For endpoints that other systems POST to without a browser session (RFC 8058 unsubscribe, webhooks). */
export function csrfExempt(prefix: string): void {
  if (!exemptPrefixes.includes(prefix)) exemptPrefixes.push(prefix);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site form posts are refused in two ways (docs/decisions/0037-anonymous-forms-without-tokens.md):
 *
 * - For everyone, the browser's own word on where a POST comes from: a foreign `Origin`, or a
 *   `Sec-Fetch-Site` other than `same-origin` or `none` (typed or bookmarked), is refused.
 * - For signed-in people, also a double-submit token: a random value in an httpOnly cookie, repeated in
 *   every form's `_csrf` field. A cross-site page can make the browser send the cookie but can neither
 *   read nor repeat it.
 *
 * An anonymous visitor holds no session a forged post could borrow, so their forms carry no token and
 * public pages carry nothing per visitor: one cached copy, stored compressed, serves every first visit.
 */
/** The signed-in visitor's CSRF token: from their cookie, or a new one set as a cookie now. */
function csrfToken(c: Ctx): string {
  let token = getCookie(c, CSRF_COOKIE);
  if (!token) {
    token = randomToken();
    setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: c.var.deps.config.NODE_ENV === 'production', path: '/' });
  }
  return token;
}

const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

function crossSite(c: Ctx): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && !SAME_SITE_FETCH.has(site.toLowerCase())) return true;
  const origin = c.req.header('origin');
  // `Origin: null` says nothing (a page with `no-referrer`, a redirect); Sec-Fetch-Site above still speaks.
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}

export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const signedIn = c.var.viewer !== null;
  c.set('csrfToken', signedIn ? csrfToken(c) : '');
  const path = c.var.pagePath;
  if (SAFE.has(c.req.method) || exemptPrefixes.some((p) => path.startsWith(p) || c.req.path.startsWith(p))) return next();
  if (crossSite(c)) throw new AppError('csrf', 403, 'errors.csrf');
  if (!signedIn) return next();
  const type = c.req.header('content-type') ?? '';
  let sent: unknown;
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await parseFormBody(c);
    const value = body['_csrf'];
    sent = Array.isArray(value) ? value[0] : value;
  } else {
    sent = c.req.header('x-csrf-token');
  }
  const cookie = getCookie(c, CSRF_COOKIE);
  if (typeof sent !== 'string' || !cookie || !safeEqual(sent, cookie)) throw new AppError('csrf', 403, 'errors.csrf');
  await next();
};

/**
 * Who may call a route, declared on the route itself. The rule is kept on the middleware so a test can
 * list every route and its declared access.
 */
export type AccessRule = 'public' | 'signedIn' | 'partner' | 'organizer' | 'admin';

export type AccessMiddleware = MiddlewareHandler<AppEnv> & { access: AccessRule };

export function allow(rule: AccessRule): AccessMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    const viewer = c.var.viewer;
    if (rule !== 'public') {
      if (!viewer) throw unauthorized();
      if (rule !== 'signedIn' && !hasRole(viewer, rule)) throw forbidden();
    }
    await next();
  };
  return Object.assign(mw, { access: rule });
}
