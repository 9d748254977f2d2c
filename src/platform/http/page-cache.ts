import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from './context';
import { addVary, chooseEncoding, encode, replaceResponse, type Encoding } from './compression';

/**
 * The public page cache (docs/decisions/0007-public-page-cache.md).
 *
 * A public page asked for by an anonymous visitor (no session, no token, no cookies but the CSRF and
 * language ones) is rendered once into bytes and kept in memory with an ETag; the next visitors get
 * those bytes (or a 304) without the route running again.
 *
 * Forms: pages carry the visitor's CSRF token in their forms (and the footer may hold a form on every
 * page). The cached copy is rendered with a placeholder instead of a token and split around it; each
 * answer splices in the visitor's own token. Pages without a form are kept pre-compressed.
 *
 * Correctness after edits: every successful state-changing request (POST, PUT, PATCH, DELETE; pages and
 * API alike) and every background task or schedule that ran clears the cache, and an entry started
 * before such a clear is never stored. On PostgreSQL every clear is announced to the other processes on
 * the database (cache-sync.ts, LISTEN/NOTIFY), so a second app server forgets within a moment; on a
 * broken connection, PAGE_CACHE_SECONDS still bounds how stale a page can be. Code that writes outside a
 * request or task calls `invalidatePublicCache()`; a page that must never be kept calls
 * `noPublicCache(c)` (pages rendered with `index: false` do so already).
 */

const PLACEHOLDER = `pwcsrf${crypto.randomBytes(12).toString('hex')}`;
const COOKIES_ALLOWED = new Set(['pw_csrf', 'lang']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_ENTRIES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Headers that belong to one answer, not to the page: everything else the page set is kept and replayed. */
const PER_ANSWER_HEADERS = new Set([
  'set-cookie',
  'content-length',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'date',
  'x-request-id',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

interface Entry {
  /** The page split around the CSRF placeholder: one part when it has no form. */
  parts: Buffer[];
  hash: string;
  createdAt: number;
  headers: [string, string][];
  bytes: number;
  /** Compressed bodies, kept only for pages without a token. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

const entries = new Map<string, Entry>();
let generation = 0;
let totalBytes = 0;
const stats = { hits: 0, misses: 0, stores: 0, clears: 0 };

let tellPeers: (() => void) | null = null;

/** Forget every cached page. Called after each successful write; cheap, call it whenever in doubt. */
export function invalidatePublicCache(): void {
  forgetLocally();
  tellPeers?.();
}

/**
 * Other processes on the same database (a second app server, a worker, a `pathways` command) keep their
 * own caches: `share` is told of every clear here so it can pass it on, and `forgetLocally` is what a
 * clear announced by one of them calls (without announcing it again).
 */
export function sharePublicCacheClears(share: (() => void) | null): void {
  tellPeers = share;
}

export function forgetLocally(): void {
  generation++;
  if (entries.size) stats.clears++;
  entries.clear();
  totalBytes = 0;
}

/** This response must never be served to someone else (a page built for one visitor). */
export function noPublicCache(c: Ctx): void {
  c.set('noPublicCache', true);
}

export function publicCacheStats() {
  return { ...stats, entries: entries.size, bytes: totalBytes, generation };
}

function cookieNames(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((p) => p.split('=')[0].trim())
    .filter(Boolean);
}

function keyOf(c: Ctx): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

function cacheableRequest(c: Ctx): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  if (c.var.viewer || c.req.header('authorization')) return false;
  return cookieNames(c.req.header('cookie')).every((n) => COOKIES_ALLOWED.has(n));
}

function cacheableResponse(c: Ctx, res: Response): boolean {
  if (res.status !== 200 || c.get('noPublicCache')) return false;
  if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) return false;
  if (res.headers.has('content-encoding')) return false;
  if (/no-store|private/i.test(res.headers.get('cache-control') ?? '')) return false;
  return res.headers.getSetCookie().every((line) => line.split('=')[0].trim() === 'pw_csrf');
}

function store(key: string, entry: Entry) {
  const old = entries.get(key);
  if (old) totalBytes -= old.bytes;
  entries.set(key, entry);
  totalBytes += entry.bytes;
  stats.stores++;
  for (const [k, e] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    entries.delete(k);
    totalBytes -= e.bytes;
  }
}

function keptHeaders(headers: Headers): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => {
    if (!PER_ANSWER_HEADERS.has(name.toLowerCase())) out.push([name, value]);
  });
  return out;
}

function tokenTag(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url').slice(0, 10);
}

/** The token goes where JSX would have put it, so it is escaped as JSX would have (cookies are input). */
function escapeAttr(s: string): string {
  return /^[\w-]*$/.test(s)
    ? s
    : s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds the answer for this visitor from a cached (or just rendered) entry. */
function answer(c: Ctx, entry: Entry, rawToken: string): Response {
  const token = escapeAttr(rawToken);
  const withToken = entry.parts.length > 1;
  const etag = withToken ? `W/"${entry.hash}.${tokenTag(token)}"` : `W/"${entry.hash}"`;
  const headers = new Headers(entry.headers);
  for (const cookie of c.res.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
  headers.set('ETag', etag);
  // The browser may keep the page but must ask again (and gets a 304 when nothing changed). A page
  // holding the visitor's own token is for that visitor only.
  headers.set('Cache-Control', withToken ? 'private, no-cache' : 'no-cache');
  headers.set('Vary', 'Accept-Language, Cookie');
  addVary(headers, 'Accept-Encoding');
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2))) {
    headers.delete('Content-Type');
    return new Response(null, { status: 304, headers });
  }
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  let body: Buffer;
  if (!withToken) {
    body = entry.encoded[encoding] ??= encode(entry.parts[0], encoding, true);
  } else {
    body = encode(Buffer.from(entry.parts.map((p) => p.toString('utf8')).join(token)), encoding);
  }
  if (encoding !== 'identity') headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.length));
  return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * The same cache, consulted first thing: a hit for an anonymous visitor is answered without running
 * the session, CSRF and language middleware (their rules are applied here: no session cookie or token,
 * no language redirect due, the visitor's CSRF cookie read or set). Misses go on down the chain.
 */
export function cachedPageFastPath(opts: {
  ttlSeconds: number;
  redirects: (c: Ctx) => boolean;
  csrfToken: (c: Ctx) => string;
}): MiddlewareHandler<AppEnv> {
  const ttlMs = opts.ttlSeconds * 1000;
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || ttlMs <= 0 || entries.size === 0) return next();
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/assets/') || c.req.header('authorization')) return next();
    if (!cookieNames(c.req.header('cookie')).every((n) => COOKIES_ALLOWED.has(n))) return next();
    const key = keyOf(c);
    const hit = entries.get(key);
    if (!hit || Date.now() - hit.createdAt >= ttlMs || opts.redirects(c)) return next();
    stats.hits++;
    entries.delete(key);
    entries.set(key, hit);
    replaceResponse(c, answer(c, hit, opts.csrfToken(c)));
  };
}

export function publicPageCache(opts: { ttlSeconds: number }): MiddlewareHandler<AppEnv> {
  const ttlMs = opts.ttlSeconds * 1000;
  return async (c, next) => {
    const method = c.req.method;
    if (!SAFE.has(method)) {
      try {
        await next();
      } finally {
        // (A refusal, 4xx, changed nothing; anything else, failures included, may have.)
        if (c.res.status < 400 || c.res.status >= 500) invalidatePublicCache();
      }
      return;
    }
    if (method === 'OPTIONS' || ttlMs <= 0 || !cacheableRequest(c)) return next();
    const key = keyOf(c);
    const token = c.var.csrfToken;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.createdAt < ttlMs) {
      stats.hits++;
      // Most recently used last, so eviction drops the coldest pages.
      entries.delete(key);
      entries.set(key, hit);
      replaceResponse(c, answer(c, hit, token));
      return;
    }
    stats.misses++;
    const startedAt = generation;
    c.set('csrfToken', PLACEHOLDER);
    try {
      await next();
    } finally {
      c.set('csrfToken', token);
    }
    const res = c.res;
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html') || !res.body) return;
    const html = await res.text();
    const parts = html.split(PLACEHOLDER).map((p) => Buffer.from(p));
    if (!cacheableResponse(c, res)) {
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      replaceResponse(
        c,
        new Response(method === 'HEAD' ? null : parts.map((p) => p.toString('utf8')).join(token), { status: res.status, headers }),
      );
      return;
    }
    const entry: Entry = {
      parts,
      hash: crypto.createHash('sha256').update(html).digest('base64url').slice(0, 16),
      createdAt: Date.now(),
      headers: keptHeaders(res.headers),
      bytes: html.length * 2,
      encoded: {},
    };
    // Rendered from data read before a write finished? Then it may be stale: answer it, don't keep it.
    if (generation === startedAt && method === 'GET') store(key, entry);
    replaceResponse(c, answer(c, entry, token));
  };
}
