import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from './context';

/**
 * Security headers on every answer: pages, errors, cached pages, assets and the API
 * (docs/decisions/0010-security-headers-api-auth-token-lifetimes.md).
 *
 * Scripts are files under /assets only, so script-src needs no 'unsafe-inline'; JSON-LD blocks are data,
 * never run, and CSP leaves them alone. Styles are the one stylesheet. Images may be remote (speakers'
 * photos, partner logos, newsletter images are https addresses people paste) and the favicon is a data:
 * URL. The only frames are the events' YouTube livestreams and recordings.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self'",
  'frame-src https://www.youtube-nocookie.com https://www.youtube.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Paths that carry a secret (signed manage links, passes, newsletter links, sign-in links): their
 * address must not leak to the next site through the Referer header.
 */
const TOKEN_PATH = /^((?:\/es)?\/(?:events\/manage|events\/fair-pass|newsletter\/o|newsletter\/c)\/|\/api\/v1\/rsvps\/)[^/]+/;
/** A signed link token (JWS compact form) or an API token, wherever it sits in a path. */
const TOKEN_SEGMENT = /(?<=\/)(?:[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}|pw_[\w-]{16,})(?=\/|\.|$)/g;

function carriesToken(path: string, search: string): boolean {
  return TOKEN_PATH.test(path) || /[?&]token=/.test(search);
}

/** The path as logged: anyone who can read the logs must not be able to use the links in them. */
export function redactPath(path: string): string {
  return path.replace(TOKEN_PATH, '$1[redacted]').replace(TOKEN_SEGMENT, '[redacted]');
}

/**
 * The finished answer's headers, to change after `next()`. Not `c.header()`: on an answer already
 * made it copies the response around its body as a stream, so the server can no longer send a page
 * or JSON string in one write (about a tenth of a small answer's time).
 */
export function answerHeaders(c: Ctx): Headers {
  const h = c.res.headers;
  try {
    // Writable? Tried with a header every answer carries anyway.
    h.set('X-Content-Type-Options', 'nosniff');
    return h;
  } catch {
    // A response with read-only headers (one passed through from fetch) is copied first.
    c.res = new Response(c.res.body, c.res);
    return c.res.headers;
  }
}

export function securityHeaders(opts: { production: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = answerHeaders(c);
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', carriesToken(c.req.path, new URL(c.req.url).search) ? 'no-referrer' : 'strict-origin-when-cross-origin');
    // HSTS only where the site is served over https for real: in development it would pin localhost.
    if (opts.production) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
